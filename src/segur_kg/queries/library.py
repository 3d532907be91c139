"""The query library (``queries/*.rq``) and ``segur-kg query``.

Each ``.rq`` file is one SPARQL 1.1 SELECT query that opens with a machine-readable comment header::

    # title-fr: Candidatures à risque à la Date 2
    # title-en: Candidatures at risk at Date 2
    # question-fr: Quelles candidatures ... ?
    # question-en: Which candidatures ... ?
    # param: as_of (xsd:date, default today) — date of the check
    # param: within (xsd:integer, default 30) — days before Date 2 that count as near
    # param: candidature (xsd:string, optional) — only this candidature
    # rules: ROOT-2, ROOT-3
    # needs: derived

Parameters are bound by injecting ``VALUES ?name { literal }`` at the start of the outermost WHERE
group, the literal typed after the declared datatype. A parameter declared ``optional`` and not
given is not injected: its variable stays free and the query answers for every value. A query whose
header says ``needs: derived`` reads the engine's decisions (``sgr:PerimeterDecision``), which
``segur-kg query`` derives first, as of the ``as_of`` parameter (or today).

The prefixes of :mod:`segur_kg.namespaces` are prepended by the store; the queries are plain
SPARQL 1.1, so that they run on pyoxigraph, rdflib and any SPARQL 1.1 server.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from segur_kg import sparql_text
from segur_kg.errors import InputError
from segur_kg.i18n import tr
from segur_kg.namespaces import PREFIXES, SPARQL_PREFIXES
from segur_kg.resources import queries_dir
from segur_kg.stores import SelectResult, Store

XSD_NS = str(XSD)
DATATYPES = ("xsd:string", "xsd:date", "xsd:integer", "xsd:decimal", "xsd:boolean")
FORMATS = ("table", "csv", "json")

_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\(\s*(?P<type>[\w:]+)\s*"
    r"(?:,\s*(?:default\s+(?P<default>[^)]*?)|(?P<optional>optional)))?\s*\)\s*(?:(?:—|--|-|:)\s*(?P<doc>.*))?$"
)
_HEADER = re.compile(r"^#\s*(?P<key>[a-z][a-z-]*)\s*:\s*(?P<value>.*?)\s*$")


@dataclass
class Param:
    """A declared parameter: ``default`` is its text (``today`` for a date means the day it runs);
    ``optional`` means it may stay unbound."""

    name: str
    datatype: str
    default: str | None = None
    optional: bool = False
    doc: str = ""

    @property
    def required(self) -> bool:
        return self.default is None and not self.optional

    def describe(self) -> str:
        if self.default is not None:
            return f"{self.name} ({self.datatype}, default {self.default})"
        return f"{self.name} ({self.datatype}, {'optional' if self.optional else 'required'})"


@dataclass
class QueryDef:
    """One query of the library, or a user's file, with what its header declares."""

    name: str
    path: Path
    text: str
    titles: dict[str, str] = field(default_factory=dict)
    questions: dict[str, str] = field(default_factory=dict)
    params: list[Param] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    needs_derived: bool = False

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles.get("fr") or self.titles.get("en") or self.name

    def question(self, lang: str) -> str:
        return self.questions.get(lang) or self.questions.get("fr") or self.questions.get("en") or ""

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse_header(text: str, path: Path, name: str | None = None) -> QueryDef:
    """The query's header: the comment lines before the first line of SPARQL."""
    q = QueryDef(name or path.stem, path, text)
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _HEADER.match(stripped)
        if not m:
            continue
        key, value = m["key"], m["value"]
        if key in ("title-fr", "title-en"):
            q.titles[key[-2:]] = value
        elif key in ("question-fr", "question-en"):
            q.questions[key[-2:]] = value
        elif key == "rules":
            q.rules = [r.strip() for r in value.split(",") if r.strip()]
        elif key == "needs":
            q.needs_derived = "derived" in [v.strip() for v in value.split(",")]
        elif key == "param":
            pm = _PARAM.match(value)
            if not pm or pm["type"] not in DATATYPES:
                raise InputError(
                    path,
                    tr(f"ligne {number}", f"line {number}"),
                    tr(
                        f"paramètre mal déclaré '{value}' : attendu « # param: nom (type, default valeur|optional) — description » avec un type parmi {', '.join(DATATYPES)}",
                        f"malformed parameter '{value}': expected '# param: name (type, default value|optional) — description' with a type among {', '.join(DATATYPES)}",
                    ),
                )
            q.params.append(
                Param(
                    pm["name"],
                    pm["type"],
                    pm["default"].strip() if pm["default"] else None,
                    bool(pm["optional"]),
                    (pm["doc"] or "").strip(),
                )
            )
    return q


def library() -> list[QueryDef]:
    """Every query of ``queries/``, by name."""
    folder = queries_dir()
    return [parse_header(p.read_text(encoding="utf-8"), p) for p in sorted(folder.glob("*.rq"))]


def resolve(name_or_file: str) -> QueryDef:
    """A library query by its name (``candidatures-at-risk``), or a ``.rq`` file by its path."""
    path = Path(name_or_file)
    looks_like_file = name_or_file.endswith(".rq") or "/" in name_or_file or "\\" in name_or_file
    if looks_like_file or (path.is_file() and not (queries_dir() / f"{name_or_file}.rq").is_file()):
        if not path.is_file():
            raise InputError(path, "", tr("fichier de requête introuvable", "no such query file"))
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(path, "", tr(f"lecture impossible ({exc})", f"cannot read the file ({exc})")) from None
        return parse_header(text, path)
    candidate = queries_dir() / f"{name_or_file}.rq"
    if not candidate.is_file():
        names = ", ".join(q.name for q in library())
        raise InputError(
            "query",
            "",
            tr(
                f"requête inconnue '{name_or_file}' : attendu un fichier .rq ou l'une de {names}",
                f"unknown query '{name_or_file}': expected a .rq file or one of {names}",
            ),
        )
    return parse_header(candidate.read_text(encoding="utf-8"), candidate)


# ------------------------------------------------------------------------------------------------
# Parameters
# ------------------------------------------------------------------------------------------------
def parse_assignments(items: list[str] | None) -> dict[str, str]:
    """``["as_of=2026-07-01", "within=45"]`` -> ``{"as_of": "2026-07-01", "within": "45"}``."""
    given: dict[str, str] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError("--param", "", tr(f"'{item}' : nom=valeur attendu", f"'{item}': expected name=value"))
        if name in given:
            raise InputError(
                "--param", "", tr(f"paramètre '{name}' donné deux fois", f"parameter '{name}' given twice")
            )
        given[name] = value.strip()
    return given


def _literal(param: Param, text: str, query: str) -> str:
    """The SPARQL literal of ``text`` for the parameter's datatype; a value that does not parse is
    the user's mistake, named after the parameter."""

    def bad(expected_fr: str, expected_en: str) -> InputError:
        return InputError(
            "--param",
            param.name,
            tr(f"'{text}' n'est pas {expected_fr} (requête {query})", f"'{text}' is not {expected_en} (query {query})"),
        )

    dt = param.datatype
    if dt == "xsd:string":
        escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        return f'"{escaped}"'
    if dt == "xsd:date":
        if text == "today":
            value = date.today()
        else:
            try:
                value = date.fromisoformat(text)
            except ValueError:
                raise bad("une date réelle AAAA-MM-JJ (ou today)", "a real date YYYY-MM-DD (or today)") from None
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise bad("une date réelle AAAA-MM-JJ (ou today)", "a real date YYYY-MM-DD (or today)")
        return f'"{value.isoformat()}"^^<{XSD_NS}date>'
    if dt == "xsd:integer":
        if not re.fullmatch(r"[+-]?\d+", text):
            raise bad("un nombre entier", "a whole number")
        return f'"{int(text)}"^^<{XSD_NS}integer>'
    if dt == "xsd:decimal":
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise bad("un nombre décimal", "a decimal number") from None
        if not value.is_finite():
            raise bad("un nombre décimal", "a decimal number")
        return f'"{value}"^^<{XSD_NS}decimal>'
    if dt == "xsd:boolean":
        low = text.lower()
        if low in ("true", "1", "oui", "yes"):
            return f'"true"^^<{XSD_NS}boolean>'
        if low in ("false", "0", "non", "no"):
            return f'"false"^^<{XSD_NS}boolean>'
        raise bad("un booléen (true ou false)", "a boolean (true or false)")
    raise AssertionError(dt)  # parse_header only lets DATATYPES through


def bind(q: QueryDef, given: dict[str, str]) -> dict[str, str]:
    """The SPARQL literal of every parameter to inject: given, else its default; optional ones
    without a value are left out. Unknown, missing or unparsable parameters are the user's mistake."""
    for name in given:
        if q.param(name) is None:
            known = ", ".join(p.name for p in q.params) or tr("aucun", "none")
            raise InputError(
                "--param",
                name,
                tr(
                    f"paramètre inconnu de la requête {q.name} : attendu {known}",
                    f"unknown parameter of query {q.name}: expected {known}",
                ),
            )
    bound: dict[str, str] = {}
    for p in q.params:
        if p.name in given:
            bound[p.name] = _literal(p, given[p.name], q.name)
        elif p.default is not None:
            bound[p.name] = _literal(p, p.default, q.name)
        elif not p.optional:
            raise InputError(
                "--param",
                p.name,
                tr(
                    f"paramètre obligatoire de la requête {q.name} : --param {p.name}=…",
                    f"required parameter of query {q.name}: --param {p.name}=…",
                ),
            )
    return bound


def as_of(q: QueryDef, bound: dict[str, str]) -> date:
    """The date to derive the engine's decisions for: the ``as_of`` parameter, else today."""
    literal = bound.get("as_of")
    if literal and q.param("as_of") and q.param("as_of").datatype == "xsd:date":
        return date.fromisoformat(literal[1:11])
    return date.today()


def inject(text: str, bound: dict[str, str], where: str = "query") -> str:
    """The query with one ``VALUES ?name { literal }`` per bound parameter at the start of its WHERE group."""
    if not bound:
        return text
    at = sparql_text.outer_brace(text)
    if at < 0:
        raise InputError(
            where,
            "",
            tr("pas de bloc WHERE { … } où lier les paramètres", "no WHERE { … } block to bind the parameters in"),
        )
    values = "".join(f"\n  VALUES ?{name} {{ {literal} }}" for name, literal in bound.items())
    return text[: at + 1] + values + text[at + 1 :]


# ------------------------------------------------------------------------------------------------
# Running
# ------------------------------------------------------------------------------------------------
def ensure_derived(store: Store, day: date) -> None:
    """Write the engine's decisions as of ``day`` into the derived named graph (replacing it)."""
    from segur_kg.engine import Engine
    from segur_kg.engine.derive import DERIVED_GRAPH, derive_graph
    from segur_kg.stores import OxigraphStore

    source = store
    if store.backend == "rdflib":
        # The engine reads its facts with many small queries, which rdflib answers in about a
        # minute on the bundle; a pyoxigraph copy of the same quads answers them in a second.
        # The decisions are then written into the rdflib store and queried there.
        source = OxigraphStore()
        source.load(store.serialize("nquads"), "nquads")
    graph = derive_graph(Engine.from_store(source), day)
    try:
        store.clear_graph(DERIVED_GRAPH)
        store.add_graph(graph, DERIVED_GRAPH)
    except InputError as exc:  # a store that refuses writes (a read-only SPARQL endpoint)
        raise InputError(
            exc.file,
            exc.place,
            tr(
                f"impossible d'écrire les décisions du moteur au {day} (graphe dérivé), que lit cette requête : {exc.message} ; "
                f"lancez « segur-kg derive --as-of {day} » avec un accès en écriture, puis la requête avec --no-derive",
                f"cannot write the engine's decisions as of {day} (the derived graph), which this query reads: {exc.message}; "
                f"run 'segur-kg derive --as-of {day}' with write access, then the query with --no-derive",
            ),
        ) from None


def has_derived(store: Store, day: date) -> bool:
    return bool(store.query(f'ASK {{ ?d a sgr:PerimeterDecision ; sgr:asOf "{day.isoformat()}"^^xsd:date }}'))


def run(store: Store, q: QueryDef, given: dict[str, str] | None = None, derive: bool | None = None) -> SelectResult:
    """Bind the parameters, derive the decisions if the query needs them (or ``derive`` is True),
    and run the query. ``derive=False`` uses the store as it is."""
    bound = bind(q, given or {})
    sparql = inject(q.text, bound, str(q.path))
    if derive or (derive is None and q.needs_derived):
        ensure_derived(store, as_of(q, bound))
    try:
        result = store.query(sparql)
    except InputError:
        raise
    except Exception as exc:  # the engines' own parse errors: SyntaxError (pyoxigraph), pyparsing's (rdflib)
        if isinstance(exc, (SyntaxError, ValueError, OSError)) or type(exc).__name__ in (
            "ParseException",
            "ParseSyntaxException",
        ):
            detail = _relocate(" ".join(str(exc).split()), q.text, sparql)
            raise InputError(q.path, "", tr(f"SPARQL invalide : {detail}", f"invalid SPARQL: {detail}")) from None
        raise
    if not isinstance(result, SelectResult):
        raise InputError(
            q.path,
            "",
            tr(
                "requête SELECT attendue (ASK et CONSTRUCT ne sont pas pris en charge)",
                "expected a SELECT query (ASK and CONSTRUCT are not supported)",
            ),
        )
    return result


def _relocate(message: str, text: str, sparql: str) -> str:
    """An engine's error message with its line numbers brought back to the user's file: the store
    prepends the prefix declarations and the parameters add one line each after the WHERE brace."""
    prefix_lines = SPARQL_PREFIXES.count("\n")
    brace_line = text[: max(sparql_text.outer_brace(text), 0)].count("\n") + 1
    injected = sparql.count("\n") - text.count("\n")

    def fix(line: int) -> int:
        line -= prefix_lines
        return line - injected if line > brace_line + injected else min(line, brace_line)

    message = re.sub(r"\s*\(at char \d+\),?", "", message)
    message = re.sub(r"error at (\d+):", lambda m: f"error at {fix(int(m[1]))}:", message)
    return re.sub(r"\(line:(\d+),", lambda m: f"(line:{fix(int(m[1]))},", message)


# ------------------------------------------------------------------------------------------------
# Values and output formats
# ------------------------------------------------------------------------------------------------
_INTEGER_TYPES = {
    str(XSD[t])
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
    )
}


def plain(term):
    """A result term as a plain Python value: integers as int, booleans as bool, anything else as
    its lexical form or IRI (dates stay ``YYYY-MM-DD`` strings); unbound as None."""
    if term is None:
        return None
    if isinstance(term, Literal):
        dt = str(term.datatype) if term.datatype else None
        if dt in _INTEGER_TYPES:
            return int(str(term))
        if dt == str(XSD.boolean):
            return str(term) in ("true", "1")
        return str(term)
    return str(term)


def rows(result: SelectResult) -> list[tuple]:
    return [tuple(plain(t) for t in row) for row in result.rows]


def _compact(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)) and len(iri) > len(str(ns)):
            return f"{prefix}:{iri[len(str(ns)) :]}"
    return iri


def display(term) -> str:
    """A term as shown in a table: IRIs compacted with the project's prefixes."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return _compact(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def to_csv(result: SelectResult) -> str:
    """CSV with a header row of the variable names; IRIs in full, literals as their lexical form,
    unbound as an empty cell (the SPARQL 1.1 CSV results convention)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(result.vars)
    for row in result.rows:
        writer.writerow(["" if t is None else (f"_:{t}" if isinstance(t, BNode) else str(t)) for t in row])
    return buf.getvalue()


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and str(term.datatype) != str(XSD.string):
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: SelectResult) -> str:
    """The SPARQL 1.1 Query Results JSON Format: ``{"head": {"vars": [...]}, "results": {"bindings": [...]}}``;
    an unbound variable is absent from its binding."""
    bindings = [{v: _json_term(t) for v, t in zip(result.vars, row) if t is not None} for row in result.rows]
    return (
        json.dumps(
            {"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=2
        )
        + "\n"
    )


def listing(lang: str) -> list[dict]:
    """The library as rows for ``segur-kg query --list``."""
    return [
        {
            "name": q.name,
            "title": q.title(lang),
            "question": q.question(lang),
            "params": [f"{p.describe()}: {p.doc}" if p.doc else p.describe() for p in q.params],
            "rules": q.rules,
            "needs_derived": q.needs_derived,
        }
        for q in library()
    ]


# ------------------------------------------------------------------------------------------------
# What ``segur-kg query`` prints
# ------------------------------------------------------------------------------------------------
def derived_warning(store: Store, q: QueryDef, given: dict[str, str], derive: bool | None) -> str | None:
    """With ``--no-derive``, a query that reads the decisions finds none as of its date: say so."""
    if derive is not False or not q.needs_derived:
        return None
    day = as_of(q, bind(q, given))
    if has_derived(store, day):
        return None
    return tr(
        f"attention : aucune décision dérivée au {day} dans le magasin ; relancer sans --no-derive ou après « segur-kg derive --as-of {day} »",
        f"warning: no derived decisions as of {day} in the store; run again without --no-derive or after 'segur-kg derive --as-of {day}'",
    )


def print_table(console, q: QueryDef, result: SelectResult, lang: str) -> None:
    from rich.table import Table

    table = Table(title=q.title(lang))
    for var in result.vars:
        table.add_column(var)
    for row in result.rows:
        table.add_row(*(display(t) for t in row))
    console.print(table)
    n = len(result.rows)
    console.print(tr(f"{n} ligne(s).", f"{n} row(s)."))


def render_listing(lang: str, format: str) -> str | None:
    """``--list`` as csv or json text; None for the table, which :func:`print_listing` prints."""
    items = listing(lang)
    if format == "json":
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    if format == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(["name", "title", "params", "rules", "needs_derived"])
        for i in items:
            writer.writerow(
                [i["name"], i["title"], "; ".join(i["params"]), ", ".join(i["rules"]), str(i["needs_derived"]).lower()]
            )
        return buf.getvalue()
    return None


def print_listing(console, lang: str) -> None:
    """One block per query: name and title, the question, its parameters and rules (lines are not
    wrapped, so a title stays on its line)."""
    from rich.text import Text

    console.print(
        Text(
            tr(
                "Requêtes de queries/ : segur-kg query NOM [--param nom=valeur…] [--format table|csv|json]",
                "Queries of queries/: segur-kg query NAME [--param name=value…] [--format table|csv|json]",
            ),
            style="bold",
        )
    )
    for i in listing(lang):
        console.print()
        derived = tr("  (décisions dérivées)", "  (derived decisions)") if i["needs_derived"] else ""
        console.print(Text.assemble((i["name"], "bold cyan"), " — ", (i["title"], "bold"), derived))
        console.print(Text("    " + i["question"]))
        for param in i["params"]:
            console.print(Text("    --param " + param))
        console.print(Text("    " + tr("règles : ", "rules: ") + ", ".join(i["rules"])))


__all__ = [
    "Param",
    "QueryDef",
    "library",
    "resolve",
    "parse_header",
    "parse_assignments",
    "bind",
    "inject",
    "run",
    "as_of",
    "derived_warning",
    "print_table",
    "render_listing",
    "print_listing",
    "ensure_derived",
    "has_derived",
    "plain",
    "rows",
    "display",
    "to_csv",
    "to_json",
    "listing",
    "queries_dir",
]
