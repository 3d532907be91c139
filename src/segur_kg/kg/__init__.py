"""The notebook API: ``segur_kg.open(...)`` gives a :class:`KnowledgeGraph`, whose methods answer the
questions of the command line (perimeter, overview, chain, risks, impact, whatif, validate, query)
with a :class:`~segur_kg.kg.results.Table`: an HTML table in Jupyter, a DataFrame with
``.to_frame()``, the CLI's JSON in ``.data``. See docs/notebook-api.md.

Each method calls the function the CLI command calls (src/segur_kg/cli/commands.py), on a store
loaded once, with one engine built on first use and kept.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from segur_kg.errors import InputError
from segur_kg.kg.results import Table, table
from segur_kg.messages import msg

_last_opened: KnowledgeGraph | None = None

# The date columns of the engine's JSON rows, as the tables type them.
_DATES = ("as_of", "date", "date2", "referenced", "root_referenced")


def _store_spec(source: str | os.PathLike) -> str | None:
    """A source that names a store (a SPARQL server, or a folder with a store's marker), else None."""
    from segur_kg.stores import MARKER, is_remote

    text = os.fspath(source)
    if is_remote(text) or (Path(text) / MARKER).is_file():
        return text
    return None


def open_graph(*sources: str | os.PathLike, store: str | os.PathLike | None = None, demo: bool = False):
    """A :class:`KnowledgeGraph` over the ontology, the reference data and ``sources`` (dossiers, RDF
    files and folders of them, as the CLI's FILES), with ``demo`` the demo dossiers. ``store`` is the
    CLI's ``--store`` (a store folder, a ``sparql+http(s)://`` server, ``memory``, ``rdflib``); a
    source that is a store folder or a server address opens that store too. A bad input raises
    :class:`~segur_kg.errors.InputError` (one line) and nothing is loaded."""
    from segur_kg.ingest.loader import load

    global _last_opened
    files: list[Path] = []
    chosen = None if store is None else os.fspath(store)
    for source in sources:
        if not isinstance(source, (str, os.PathLike)):
            raise InputError("segur_kg.open", "", msg("kg.open.bad-source", kind=type(source).__name__))
        spec = _store_spec(source)
        if spec is None:
            files.append(Path(source))
        elif chosen is not None:
            raise InputError("segur_kg.open", "", msg("kg.open.two-stores", first=chosen, second=spec))
        else:
            chosen = spec
    graph = KnowledgeGraph(load(files, store=chosen, demo=demo))
    _last_opened = graph
    return graph


def last_opened() -> KnowledgeGraph | None:
    """The graph the last :func:`open_graph` call gave (what ``%%sparql`` runs on by default)."""
    return _last_opened


def day_of(value: date | str | None, where: str = "as_of") -> date:
    """A method's date: a date (a datetime's day), an ISO text, or None for today."""
    from segur_kg.ingest.tables import parse_date

    if value is None:
        return date.today()
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_date(value, lambda message: InputError(where, "", message))
    raise InputError(where, "", msg("kg.bad-date", value=value))


def _param_text(value: object) -> str:
    """A Python value as the ``--param`` text the query library parses after the declared datatype."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _python(term):
    """A SPARQL result term as a Python value: typed literals by their datatype (dates as dates,
    integers as int, booleans as bool, decimals as Decimal), IRIs as text, unbound as None."""
    from rdflib import BNode, Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return value if isinstance(value, (int, float, Decimal, date, bool)) else str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _flat_summary(row: dict) -> dict:
    """A row of the overview with its ``summary`` dict as four count columns."""
    flat = {k: v for k, v in row.items() if k != "summary"}
    flat.update(row["summary"])
    return flat


class KnowledgeGraph:
    """One loaded graph (:func:`open_graph`): ``store``, ``dossiers``, ``rdf_files``, ``engine``, and
    one method per question of the command line."""

    def __init__(self, loaded) -> None:
        self.loaded = loaded
        self.store = loaded.store
        self.dossiers = list(loaded.dossiers)
        self.rdf_files = list(loaded.rdf_files)

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.store.backend}: {len(self.store)} triples, {len(self.dossiers)} dossiers>"

    def close(self) -> None:
        """Make the writes durable and, on a store folder, release it for other processes."""
        self.store.flush()
        close = getattr(self.store, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @cached_property
    def engine(self):
        """The equivalence engine over the store, built once (its facts are read on first use)."""
        from segur_kg.engine import Engine

        return Engine.from_store(self.store)

    def resolve(self, ident: str, kinds: tuple[str, ...] = ("candidature",)) -> str:
        """The IRI of an identifier (or an IRI) of one of ``kinds``, as the CLI resolves it."""
        return self.engine.resolve(ident, kinds)

    def dependents(self, nru: str) -> dict[str, list[str]]:
        """The candidatures that rely on an NRU, directly or transitively (TRANS-2)."""
        return self.engine.dependents(self.resolve(nru, ("nru",)))

    # ---- perimeters

    def perimeter(self, ident: str, as_of: date | str | None = None, why: str | None = None) -> Table:
        """``segur-kg perimeter ID``: one row per requirement; a PSC habilitation gives its guichet
        éditeur perimeter; with ``why=REQUIREMENT``, the checks behind that decision (``--why``).
        ``source`` is the engine's Perimeter (GuichetPerimeter, Why)."""
        from segur_kg.engine import explain, guichet

        day = day_of(as_of)
        habilitation = guichet.habilitation_named(self.store, ident)
        if habilitation is not None:
            desk = guichet.guichet_perimeter(self.store, habilitation, day)
            title = msg("kg.title.guichet", habilitation=desk.habilitation, as_of=day)
            return self._perimeter_table(desk, title, [])
        iri = self.resolve(ident, ("candidature", "psc-habilitation"))
        if why is not None:
            found = self.engine.why(iri, why, day)
            data = found.as_json()
            title = msg(
                "kg.title.why", requirement=found.decision.requirement, candidature=found.candidature, as_of=day
            )
            return table(data["steps"], data=data, title=title, notes=[found.decision.message], source=found)
        p = self.engine.perimeter(iri, day)
        title = msg("kg.title.perimeter", candidature=p.candidature, as_of=day)
        return self._perimeter_table(p, title, [explain.status_sentence(p)])

    @staticmethod
    def _perimeter_table(p, title: str, notes: list[str]) -> Table:
        data = p.as_json()
        summary = table(
            [{"decision": k, "count": n} for k, n in data["summary"].items()], title=msg("kg.title.summary")
        )
        return table(data["requirements"], data=data, title=title, notes=notes, sections={"summary": summary}, source=p)

    def overview(self, as_of: date | str | None = None) -> Table:
        """``segur-kg overview``: every candidature's status and perimeter summary, dossier by dossier."""
        from segur_kg.engine import reports

        day = day_of(as_of)
        rows = reports.overview(self.engine, self.store, day)
        return table([_flat_summary(r) for r in rows], data=rows, title=msg("kg.title.overview", as_of=day))

    # ---- roots and risks

    def chain(self, ident: str, as_of: date | str | None = None, dependents: bool = False) -> Table:
        """``segur-kg chain ID``: the chain of roots of a candidature or an NRU (TRANS-2), step by step;
        with ``dependents``, a ``dependents`` section of who relies on it."""
        from segur_kg.engine import reports

        day = day_of(as_of)
        report = reports.chain_report(self.engine, self.resolve(ident, ("candidature", "nru")), day, dependents)
        sections = {}
        if "dependents" in report:
            relying = [
                {"relation": relation, "candidature": c}
                for relation, names in report["dependents"].items()
                for c in names
            ]
            sections["dependents"] = table(
                relying, ["relation", "candidature"], title=msg("kg.title.dependents", target=ident)
            )
        title = msg("kg.title.chain", target=ident, as_of=day)
        columns = ["nru", "candidature", "dispositif", "referenced"]
        return table(report["chain"], columns, dates=_DATES, data=report, title=title, sections=sections)

    def risks(self, as_of: date | str | None = None, within: int = 30) -> Table:
        """``segur-kg risks``: the candidatures at risk at Date 2 (ROOT-2, ROOT-3), nearest first."""
        from segur_kg.engine import reports

        day = day_of(as_of)
        found = reports.risks(self.engine, day, within)
        return table(found, dates=_DATES, data=found, title=msg("kg.title.risks", as_of=day, within=within))

    def risks_over_time(self, start: date | str, end: date | str, every: int = 7, within: int = 30) -> Table:
        """How many candidatures are at risk at Date 2 (``risks``) on each date from ``start`` to ``end``,
        every ``every`` days: one row per date, with the count under ROOT-2 and ROOT-3."""
        from datetime import timedelta

        from segur_kg.engine import reports

        first, last = day_of(start, "start"), day_of(end, "end")
        if last < first or not isinstance(every, int) or every < 1:
            raise InputError("risks_over_time", "", msg("kg.risks.bad-range", start=first, end=last, every=every))
        rows = []
        day = first
        while day <= last:
            found = reports.risks(self.engine, day, within)
            rules = [r["rule"] for r in found]
            rows.append(
                {
                    "as_of": day.isoformat(),
                    "at_risk": len(found),
                    "ROOT-2": rules.count("ROOT-2"),
                    "ROOT-3": rules.count("ROOT-3"),
                }
            )
            day += timedelta(days=every)
        title = msg("kg.title.risks-over-time", start=first, end=last, every=every)
        return table(rows, dates=_DATES, data=rows, title=title)

    # ---- what if

    def impact(
        self,
        *,
        nru: str | None = None,
        component: str | None = None,
        change: str | None = None,
        commercial_name: str | None = None,
        as_of: date | str | None = None,
    ) -> Table:
        """``segur-kg impact``: a withdrawn NRU (the candidatures that lose exemptions), a modified
        component (what returns to which guichet; ``change`` as the CLI's ``--change``), or a changed
        commercial name. Exactly one of ``nru``, ``component``, ``commercial_name``."""
        from segur_kg.engine import impact as imp

        if sum(target is not None for target in (nru, component, commercial_name)) != 1:
            raise InputError("impact", "", msg("kg.impact.one-target"))
        kinds = ("modify-lps", "modify-proxy", "modify-component", *sorted(imp.OPERATOR_CHANGES))
        if change is not None and change not in kinds:
            raise InputError("change", "", msg("cli.impact.unknown-change", change=change, kinds=", ".join(kinds)))
        day = day_of(as_of)
        if nru is not None:
            lost = imp.withdrawal(self.engine, self.resolve(nru, ("nru",)), day)
            report = {"nru": nru, "as_of": day.isoformat(), "withdrawal": lost}
            rows = [
                {
                    "candidature": x["candidature"],
                    "status_before": x["status_before"],
                    "status_after": x["status_after"],
                    "lost": len(x["lost"]),
                    "lost_requirements": [item["requirement"] for item in x["lost"]],
                }
                for x in lost
            ]
            columns = ["candidature", "status_before", "status_after", "lost", "lost_requirements"]
            return table(rows, columns, data=report, title=msg("kg.title.withdrawal", nru=nru, as_of=day))
        if component is not None:
            report = imp.component_impact(self.engine, self.store, component, change, day)
            operators = table(
                report["guichet_operateur"],
                ["habilitation", "operator", "new_habilitation", "rules"],
                title=msg("kg.title.guichet-operateur"),
            )
            editor_columns = ["habilitation", "nru", "configuration", "returns", "serves", "rules"]
            title = msg("kg.title.component-impact", component=report["component"], change=change or "-", as_of=day)
            notes = [msg("kg.note.candidatures", names=", ".join(report["candidatures"]) or "-")]
            return table(
                report["guichet_editeur"],
                editor_columns,
                data=report,
                title=title,
                notes=notes,
                sections={"guichet_operateur": operators},
            )
        report = imp.name_impact(self.engine, self.store, commercial_name, day)
        row = {
            "commercial_name": report["commercial_name"],
            "nil": report["nil"],
            "parent": report["parent"],
            "conformity": report["conformity"],
            "children_inheriting": report["cnda"]["children_inheriting"],
            "habilitations": report["guichet_editeur"]["habilitations"],
            "referencings_sent_with_name": report["referencings_sent_with_name"],
            "rules": report["cnda"]["rules"] + report["guichet_editeur"]["rules"] + report["rules"],
        }
        return table([row], data=report, title=msg("kg.title.name-impact", name=commercial_name, as_of=day))

    def whatif(
        self,
        ident: str,
        as_of: date | str | None = None,
        *,
        add_profile: str | None = None,
        add_component: str | None = None,
        root: str | None = None,
        on: date | str | None = None,
    ) -> Table:
        """``segur-kg whatif ID``: the requirements whose decision a proposed change changes (MOD-1), or
        the rule that refuses it (DATE-3, COU-1...). ``source`` is the engine's WhatIf."""
        from segur_kg.engine.impact import whatif as run_whatif

        if sum(change is not None for change in (add_profile, add_component, root)) != 1:
            raise InputError("whatif", "", msg("kg.whatif.one-change"))
        day = day_of(as_of)
        when = None if on is None else day_of(on, "on")
        change = {"add_profile": add_profile, "add_component": add_component, "root": root}
        w = run_whatif(self.engine, self.resolve(ident), day, **change, on=when)
        rules = ", ".join(w.rules)
        if w.refused:
            note = msg("kg.note.whatif-refused", rules=rules, reason=w.reason)
        else:
            note = msg("kg.note.whatif-accepted", rules=rules, before=w.before.status, after=w.after.status)
        data = w.as_json()
        title = msg("kg.title.whatif", change=w.change, candidature=w.candidature, date=w.date)
        return table(
            data["changes"],
            ["requirement", "before", "after", "rules", "via"],
            data=data,
            title=title,
            notes=[note],
            source=w,
        )

    # ---- validation and queries

    def validate(self, focus: str | None = None, lang: str | None = None) -> Table:
        """``segur-kg validate``: the SHACL findings, placed in the files they come from; ``data`` is
        the CLI's ``--format json`` report, ``source`` the ValidationReport."""
        import json

        from segur_kg.i18n import language
        from segur_kg.ingest.locate import locate
        from segur_kg.validation import render_json, validate_store

        report = validate_store(self.store, focus=focus, lang=lang or language())
        nodes = report.focus_nodes()
        report = report.with_locations(
            locate(self.loaded.dossiers, self.loaded.rdf_files, self.loaded.reference.index, nodes=nodes)
        )
        data = json.loads(render_json(report))
        counts = data["counts"]
        yes_no = msg("kg.results.yes") if report.conforms else msg("kg.results.no")
        note = msg(
            "kg.note.validation",
            conforms=yes_no,
            violations=counts["Violation"],
            warnings=counts["Warning"],
            infos=counts["Info"],
        )
        columns = ["rule", "severity", "focus_id", "message", "value", "path", "source", "file", "line", "column"]
        return table(
            data["findings"], columns, data=data, title=msg("kg.title.validation"), notes=[note], source=report
        )

    def query(self, name_or_text: str, derive: bool | None = None, **params: object) -> Table:
        """``segur-kg query``: a query of ``queries/`` by name, a ``.rq`` file, or SPARQL text (which
        may carry a ``.rq`` header), its parameters given as keywords (Python values or their
        ``--param`` texts) and bound by the query library; the engine's decisions are derived first when
        the query reads them, or when ``derive`` is True. ``data`` is the SPARQL 1.1 JSON of
        ``--format json``."""
        import json

        from segur_kg import queries
        from segur_kg.i18n import language
        from segur_kg.queries.library import check_query_text, parse_header

        if any(ch.isspace() for ch in name_or_text.strip()) or "{" in name_or_text:
            check_query_text(name_or_text, "query")
            q = parse_header(name_or_text, Path("query"), name="query")
        else:
            q = queries.resolve(name_or_text)
        given = {name: _param_text(value) for name, value in params.items()}
        result = queries.run(self.store, q, given, derive, engine=self.engine)
        rows = [{var: _python(term) for var, term in zip(result.vars, row, strict=True)} for row in result.rows]
        data = json.loads(queries.to_json(result))
        return Table(list(result.vars), rows, data, q.title(language()), [], {}, result)


__all__ = ["KnowledgeGraph", "Table", "day_of", "last_opened", "open_graph"]
