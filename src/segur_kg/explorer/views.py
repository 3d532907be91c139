"""The explorer's answers as plain dicts: the national view, a list of candidatures, a candidature, an NRU,
a search. Each dict is the JSON of an ``/api/`` route and what its ``/explore`` page renders (docs/explorer.md).

The engine computes; this module only gathers its results (``reports.overview``, ``reports.risks``,
``Engine.perimeter``, ``reports.chain_report``, ``impact.withdrawal``) and caches the ones a date costs.
What is cached is free of language (perimeters, rows), so one cache serves French and English requests:
the messages are written when the dict is built, in the request's language.
"""

from __future__ import annotations

import functools
import threading
from collections import Counter
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

import networkx as nx

from segur_kg.engine import Engine, EngineError, reports
from segur_kg.engine import impact as engine_impact
from segur_kg.engine.errors import RootCycleError
from segur_kg.engine.explain import STATUS_LABELS
from segur_kg.stores import Store

# Dates whose computations are kept (each holds every perimeter of the graph on that date).
DATES_KEPT = 8
# Candidatures at risk: Date 2 at most this many days ahead (the default of ``segur-kg risks``).
RISK_WITHIN = 30
# The roots with the most dependents shown in the national view.
TOP_ROOTS = 10
# Hits a search answers at most.
SEARCH_LIMIT = 50
STATUSES = tuple(STATUS_LABELS)

Q_SOLUTIONS = """
SELECT ?s ?id ?label WHERE { ?s a sgr:Solution ; dcterms:identifier ?id . OPTIONAL { ?s rdfs:label ?label } }"""
Q_NAMES = """
SELECT ?n ?id ?label ?nil WHERE { ?n a sgr:CommercialName ; dcterms:identifier ?id .
  OPTIONAL { ?n rdfs:label ?label } OPTIONAL { ?n sgr:nil ?nil } }"""
Q_VERSION_NAMES = """SELECT ?v ?n WHERE { ?v a sgr:SolutionVersion ; sgr:commercialName ?n }"""


class NotFound(Exception):
    """An identifier that names no entity of the kind the route expects (404)."""


def day_url(path: str, as_of: date | None, **params: str) -> str:
    """The explorer URL ``path`` as of ``as_of`` (None: no date, the page opens as of today), with
    ``params`` (empty ones left out)."""
    query = {key: value for key, value in params.items() if value}
    if as_of is not None:
        query["as_of"] = as_of.isoformat()
    return f"{path}?{urlencode(query)}" if query else path


def candidature_url(ident: str, as_of: date | None) -> str:
    return day_url(f"/explore/candidature/{quote(ident, safe='')}", as_of)


def nru_url(nru: str, as_of: date | None) -> str:
    return day_url(f"/explore/nru/{quote(nru, safe='')}", as_of)


class Explorer:
    """One server's explorer: its engine, built on first use from the store, and its caches. Thread-safe:
    the computations run one at a time (the engine's own cache is not meant for concurrent writers)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.RLock()
        self._engine: Engine | None = None
        self._search_index: list[dict[str, Any]] | None = None
        self._dates_seen: set[date] = set()
        self._rows = functools.lru_cache(maxsize=DATES_KEPT)(self._compute_rows)
        self._risks = functools.lru_cache(maxsize=DATES_KEPT)(self._compute_risks)
        self._perimeter = functools.lru_cache(maxsize=256)(self._compute_perimeter)
        self._withdrawal = functools.lru_cache(maxsize=32)(self._compute_withdrawal)

    # ---- the engine and its memory
    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = Engine.from_store(self.store)
            return self._engine

    def _on(self, as_of: date) -> None:
        """Before a computation as of ``as_of``: the engine keeps every perimeter it computed, so after
        :data:`DATES_KEPT` dates it forgets them (the explorer's own caches keep the recent answers)."""
        if as_of not in self._dates_seen and len(self._dates_seen) >= DATES_KEPT:
            self.engine.clear_cache()
            self._dates_seen.clear()
        self._dates_seen.add(as_of)

    def _compute_rows(self, as_of: date) -> list[dict]:
        self._on(as_of)
        return reports.overview(self.engine, self.store, as_of)

    def _compute_risks(self, as_of: date) -> list[dict]:
        self._on(as_of)
        return reports.risks(self.engine, as_of, RISK_WITHIN)

    def _compute_perimeter(self, iri: str, as_of: date):
        self._on(as_of)
        return self.engine.perimeter(iri, as_of)

    def _compute_withdrawal(self, iri: str, as_of: date) -> list[dict]:
        self._on(as_of)
        return engine_impact.withdrawal(self.engine, iri, as_of)

    def resolve(self, ident: str, kind: str) -> str:
        """The IRI of the candidature or NRU ``ident`` (identifier or IRI), else :class:`NotFound`."""
        try:
            return self.engine.resolve(ident, (kind,))
        except EngineError as error:
            raise NotFound(str(error)) from None

    # ---- the national view
    def overview(self, as_of: date) -> dict:
        """Candidatures by status, dispositif and couloir; those at risk at Date 2; the roots most relied on."""
        with self._lock:
            rows, at_risk = self._rows(as_of), self._risks(as_of)
            couloirs = self._couloirs()
            dependents = self._top_roots()
        by_status = Counter(row["status"] for row in rows)
        by_dispositif: dict[str, Counter] = {}
        by_couloir: dict[str, Counter] = {}
        for row in rows:
            by_dispositif.setdefault(row["dispositif"], Counter())[row["status"]] += 1
            by_couloir.setdefault(couloirs[row["dispositif"]], Counter())[row["status"]] += 1

        def grouped(groups: dict[str, Counter], key: str) -> list[dict]:
            return [
                {
                    key: name,
                    "total": sum(counts.values()),
                    "by_status": {s: counts[s] for s in STATUSES if counts[s]},
                    "url": day_url("/explore/candidatures", as_of, **{key: name}),
                }
                for name, counts in sorted(groups.items())
            ]

        return {
            "as_of": as_of.isoformat(),
            "candidatures": len(rows),
            "by_status": [
                {
                    "status": status,
                    "count": by_status[status],
                    "url": day_url("/explore/candidatures", as_of, status=status),
                }
                for status in STATUSES
            ],
            "by_dispositif": grouped(by_dispositif, "dispositif"),
            "by_couloir": grouped(by_couloir, "couloir"),
            "at_risk": [{**risk, "url": candidature_url(risk["candidature"], as_of)} for risk in at_risk],
            "at_risk_within": RISK_WITHIN,
            "top_roots": [{**root, "url": nru_url(root["nru"], as_of)} for root in dependents],
        }

    def _couloirs(self) -> dict[str, str]:
        return {d.ident: d.couloir for d in self.engine.f.dispositifs.values()}

    def _top_roots(self) -> list[dict]:
        """The referencings named as root by the most candidatures, directly or through a chain (TRANS-1,
        TRANS-2), over every root a candidature ever names (as ``chain --dependents``)."""
        engine = self.engine
        f = engine.f
        named = {root for c in f.candidatures.values() for root in {c.root} | {m.root for m in c.modifications}}
        found = []
        for iri in sorted(root for root in named if root in f.referencings):
            ref = f.referencings[iri]
            dependents = engine.dependents(iri)
            owner = f.candidatures.get(ref.candidature) if ref.candidature else None
            found.append(
                {
                    "nru": ref.nru,
                    "candidature": owner.ident if owner else None,
                    "direct": len(dependents["direct"]),
                    "transitive": len(dependents["transitive"]),
                }
            )
        found.sort(key=lambda r: (-(r["direct"] + r["transitive"]), r["nru"]))
        return found[:TOP_ROOTS]

    # ---- a list of candidatures
    def candidatures(self, as_of: date, status: str = "", dispositif: str = "", couloir: str = "") -> dict:
        """The overview's rows (``segur-kg overview``) that have this status, dispositif and couloir."""
        with self._lock:
            rows, couloirs = self._rows(as_of), self._couloirs()
        chosen = [
            {**row, "couloir": couloirs[row["dispositif"]], "url": candidature_url(row["candidature"], as_of)}
            for row in rows
            if (not status or row["status"] == status)
            and (not dispositif or row["dispositif"] == dispositif)
            and (not couloir or couloirs[row["dispositif"]] == couloir)
        ]
        return {
            "as_of": as_of.isoformat(),
            "filters": {"status": status or None, "dispositif": dispositif or None, "couloir": couloir or None},
            "count": len(chosen),
            "candidatures": chosen,
        }

    # ---- a candidature
    def candidature(self, ident: str, as_of: date) -> dict:
        """Its perimeter (the very JSON of ``segur-kg perimeter --format json``), its couloir, its notes,
        its own NRU and its chain of roots (``segur-kg chain``) as steps, nodes and edges."""
        with self._lock:
            iri = self.resolve(ident, "candidature")
            perimeter = self._perimeter(iri, as_of)
            f = self.engine.f
            cand = f.candidatures[iri]
            try:
                steps = reports.chain_report(self.engine, iri, as_of, False)["chain"]
                cycle = None
            except RootCycleError as error:  # TRANS-2: the perimeter refuses the root and says why
                steps, cycle = [], error.cycle
            own = f.referencing_by_candidature.get(iri)
            couloir = f.dispositifs[cand.dispositif].couloir
        nodes = [{"id": cand.ident, "kind": "candidature", "url": candidature_url(cand.ident, as_of)}]
        edges = []
        previous = cand.ident
        for step in steps:
            nodes.append({"id": step["nru"], "kind": "nru", "url": nru_url(step["nru"], as_of)})
            edges.append({"from": previous, "to": step["nru"], "relation": "root"})
            previous = step["nru"]
            if step["candidature"]:
                nodes.append(
                    {
                        "id": step["candidature"],
                        "kind": "candidature",
                        "url": candidature_url(step["candidature"], as_of),
                    }
                )
                edges.append({"from": step["nru"], "to": step["candidature"], "relation": "obtained-by"})
                previous = step["candidature"]
        own_nru = own.nru if own is not None and own.date is not None and own.date <= as_of else None
        return {
            **perimeter.as_json(),
            "couloir": couloir,
            "notes": list(perimeter.notes),
            "nru": own_nru,
            "nru_url": nru_url(own_nru, as_of) if own_nru else None,
            "chain": {"steps": steps, "cycle": cycle, "nodes": nodes, "edges": edges},
        }

    # ---- an NRU
    def nru(self, ident: str, as_of: date) -> dict:
        """The referencing, its chain of roots, who depends on it (``chain NRU --dependents``) and what each
        would lose if it were withdrawn on the date (``impact --nru``)."""
        with self._lock:
            iri = self.resolve(ident, "nru")
            engine = self.engine
            f = engine.f
            ref = f.referencings[iri]
            report = reports.chain_report(engine, iri, as_of, True)
            withdrawal = self._withdrawal(iri, as_of)
            graph = engine.graph
            reached = self._dependents_graph(iri)
            disp = f.dispositifs.get(ref.dispositif) if ref.dispositif else None
        nodes, edges = [], []
        for node in reached:
            kind = "candidature" if graph.nodes[node]["kind"] == "candidature" else "nru"
            label = graph.nodes[node]["label"]
            url = candidature_url(label, as_of) if kind == "candidature" else nru_url(label, as_of)
            nodes.append({"id": label, "kind": kind, "url": url})
        members = set(reached)
        for source, target in graph.edges(reached):
            if target in members:
                relation = "root" if graph.nodes[source]["kind"] == "candidature" else "obtained-by"
                edges.append(
                    {"from": graph.nodes[source]["label"], "to": graph.nodes[target]["label"], "relation": relation}
                )
        return {
            "nru": ref.nru,
            "as_of": as_of.isoformat(),
            "wave": ref.wave,
            "dispositif": disp.ident if disp else None,
            "candidature": report["candidature"],
            "candidature_url": candidature_url(report["candidature"], as_of) if report["candidature"] else None,
            "referenced": ref.date.isoformat() if ref.date else None,
            "withdrawn": ref.withdrawn.isoformat() if ref.withdrawn else None,
            "chain": report["chain"],
            "dependents": report["dependents"],
            "withdrawal": [{**row, "url": candidature_url(row["candidature"], as_of)} for row in withdrawal],
            "graph": {"nodes": nodes, "edges": sorted(edges, key=lambda e: (e["from"], e["to"]))},
        }

    def _dependents_graph(self, iri: str) -> list[str]:
        """The referencing, the candidature that obtained it, and every candidature and referencing that
        relies on it, in the root graph's order (dependents first, then the referencing)."""
        graph = self.engine.graph
        reverse = graph.reverse(copy=False)
        members = {iri} | (nx.descendants(reverse, iri) if iri in reverse else set())
        members |= set(graph.successors(iri)) if iri in graph else set()
        return sorted(members, key=lambda n: graph.nodes[n]["label"])

    # ---- search
    def search(self, text: str) -> dict:
        """Candidatures, NRUs, solutions, commercial names and NILs whose identifier or name contains
        ``text`` (case ignored); each hit with its kind and the URL of its page. A solution, a commercial
        name or a NIL has no page of its own: its hits go to the candidatures of its versions."""
        needle = text.strip().casefold()
        if not needle:
            return {"q": text, "count": 0, "truncated": False, "hits": []}
        with self._lock:
            index = self._index()
        found = [entry for entry in index if any(needle in value.casefold() for value in entry["match"])]
        found.sort(key=lambda e: (needle not in (v.casefold() for v in e["match"]), KIND_ORDER[e["kind"]], e["id"]))
        hits = [{key: value for key, value in entry.items() if key != "match"} for entry in found[:SEARCH_LIMIT]]
        return {"q": text, "count": len(found), "truncated": len(found) > SEARCH_LIMIT, "hits": hits}

    def _index(self) -> list[dict]:
        if self._search_index is not None:
            return self._search_index
        f = self.engine.f
        by_version: dict[str, list[str]] = {}
        for c in f.candidatures.values():
            if c.version:
                by_version.setdefault(c.version, []).append(c.ident)
        index: list[dict] = []

        def add(kind: str, ident: str, label: str, match: list[str], url: str | None, candidatures=None) -> None:
            entry = {"kind": kind, "id": ident, "label": label, "url": url, "match": [m for m in match if m]}
            if candidatures is not None:
                entry["candidatures"] = candidatures
            index.append(entry)

        def pages(candidatures: list[str]) -> str | None:
            # Without a date, the pages open as of today, as the CLI does without --as-of.
            return candidature_url(candidatures[0], None) if candidatures else None

        for c in f.candidatures.values():
            add("candidature", c.ident, f.dispositifs[c.dispositif].ident, [c.ident], pages([c.ident]))
        for ref in f.referencings.values():
            owner = f.candidatures.get(ref.candidature) if ref.candidature else None
            add("nru", ref.nru, owner.ident if owner else "", [ref.nru], nru_url(ref.nru, None))
        solution_versions: dict[str, list[str]] = {}
        for version in f.versions.values():
            if version.solution:
                solution_versions.setdefault(version.solution, []).append(version.iri)
        for iri, ident, label in self.store.select_values(Q_SOLUTIONS):
            cands = sorted(c for v in solution_versions.get(iri, []) for c in by_version.get(v, []))
            add("solution", ident, label or "", [ident, label], pages(cands), cands)
        name_versions: dict[str, list[str]] = {}
        for version, name in self.store.select_values(Q_VERSION_NAMES):
            name_versions.setdefault(name, []).append(version)
        for iri, ident, label, nil in self.store.select_values(Q_NAMES):
            cands = sorted({c for v in name_versions.get(iri, []) for c in by_version.get(v, [])})
            add("commercial-name", ident, label or "", [ident, label], pages(cands), cands)
            if nil:
                add("nil", nil, label or ident, [nil], pages(cands), cands)
        self._search_index = index
        return index


KIND_ORDER = {"candidature": 0, "nru": 1, "solution": 2, "commercial-name": 3, "nil": 4}


def explorer_of(server: Any) -> Explorer:
    """The explorer of ``server`` (a ``segur-kg serve`` HTTP server), made on first use."""
    explorer = getattr(server, "explorer", None)
    if explorer is None:
        with _MAKING:
            explorer = getattr(server, "explorer", None)
            if explorer is None:
                explorer = Explorer(server.store)
                server.explorer = explorer
    return explorer


_MAKING = threading.Lock()
