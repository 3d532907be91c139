"""A store on an external SPARQL 1.1 server (``--store sparql+http://HOST:PORT/PATH``).

:class:`SparqlHttpStore` speaks the SPARQL 1.1 Protocol with the standard library only (``urllib``)
and gives the rest of segur-kg the same answers as the embedded store; tested against Virtuoso 7.
The store URL, which graphs make the store, writing, reading, and the SPARQL that Virtuoso answers
differently: docs/sparql-store.md.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from segur_kg import sparql_text
from segur_kg.errors import InputError
from segur_kg.messages import msg
from segur_kg.namespaces import PREFIXES, SPARQL_PREFIXES
from segur_kg.stores.base import FORMATS, SelectResult, Store, Term
from segur_kg.stores.oxigraph import OxigraphStore
from segur_kg.writers import process_alive

SCHEMES = ("sparql+http://", "sparql+https://")
GRAPH_NAMESPACE = "https://w3id.org/segur-kg/graph/"
DATA_GRAPH = GRAPH_NAMESPACE + "data"  # where the embedded store's default graph goes
# Outside GRAPH_NAMESPACE, so never one of the store's graphs: where replace_graph writes first.
STAGING_NAMESPACE = "https://w3id.org/segur-kg/staging/"
CHUNK_TRIPLES = 500  # triples per INSERT DATA request (Virtuoso refuses much larger ones from some users)
TIMEOUT = 300.0  # seconds, for one request

SPARQL_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
_XSD_STRING = str(XSD.string)
_XSD_BOOLEAN = str(XSD.boolean)


def is_remote(spec: str | None) -> bool:
    """Whether a ``--store`` value names a SPARQL server."""
    return bool(spec) and spec.lower().startswith(SCHEMES)


# ------------------------------------------------------------------------------------------------
# Terms
# ------------------------------------------------------------------------------------------------
def _bnode_id(label: str) -> str:
    # Virtuoso labels blank nodes 'nodeID://b10001' in JSON results and '_:b10001' in N-Triples.
    if label.startswith("nodeID://"):
        return label[len("nodeID://") :]
    return label[2:] if label.startswith("_:") else label


def _literal(value: str, datatype: str | None = None, lang: str | None = None) -> Literal:
    """A literal as the embedded store returns it."""
    if lang:
        return Literal(value, lang=lang)
    if datatype is None or datatype == _XSD_STRING:
        return Literal(value)
    if datatype == _XSD_BOOLEAN:
        # Virtuoso stores booleans as integers and answers "1"/"0".
        value = {"1": "true", "0": "false"}.get(value, value)
    return Literal(value, datatype=URIRef(datatype))


def _json_term(binding: dict | None) -> Term | None:
    if binding is None:
        return None
    kind, value = binding.get("type"), binding.get("value")
    if not isinstance(value, str):  # Virtuoso writes some numbers unquoted
        value = json.dumps(value)
    if kind == "uri":
        if value.startswith("_:"):  # Virtuoso's JSON for CONSTRUCT writes blank nodes as URIs
            return BNode(_bnode_id(value))
        return URIRef(value)
    if kind == "bnode":
        return BNode(_bnode_id(value))
    if kind in ("literal", "typed-literal"):
        return _literal(value, binding.get("datatype"), binding.get("xml:lang") or binding.get("lang"))
    raise ValueError(f"unknown RDF term type {kind!r} in SPARQL JSON results")


def _json_value(binding: dict | None) -> str | None:
    """The string :func:`_json_term`'s term would give, without building it."""
    if binding is None:
        return None
    kind, value = binding.get("type"), binding.get("value")
    if not isinstance(value, str):
        value = json.dumps(value)
    if kind == "bnode" or (kind == "uri" and value.startswith("_:")):
        return _bnode_id(value)
    if binding.get("datatype") == _XSD_BOOLEAN:
        return {"1": "true", "0": "false"}.get(value, value)
    return value


def _ox_to_rdflib(term) -> Term:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(_bnode_id(term.value))
    if isinstance(term, ox.Literal):
        return _literal(term.value, term.datatype.value, term.language)
    raise TypeError(f"unsupported RDF term {term!r}")


def _rdflib_to_ox(term: Term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))


# ------------------------------------------------------------------------------------------------
# Queries
# ------------------------------------------------------------------------------------------------
def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the prologue; SELECT when it is
    none of them, to let the server report what it does not understand."""
    return sparql_text.query_form(sparql) or "SELECT"


_IRI = re.compile(r'^[^\x00-\x20<>"{}|^`\\]+$')


def _iri(graph: str) -> str:
    """A graph name as written in SPARQL, after checking it cannot break out of its brackets."""
    if not _IRI.match(graph):
        raise ValueError(f"not an IRI: {graph!r}")
    return f"<{graph}>"


def _one_line(text: str, html: bool = False, limit: int = 300) -> str:
    """The gist of a server's error page, on one line."""
    if html:
        text = re.sub(r"<[^>]+>", " ", text)
    text = text.split("SPARQL query:")[0]  # Virtuoso repeats the whole query after its message
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SparqlHttpStore(Store):
    """The segur-kg store on a SPARQL 1.1 server; see docs/sparql-store.md."""

    backend = "sparql"
    concurrent_queries = True

    def __init__(self, spec: str, *, timeout: float = TIMEOUT, chunk: int = CHUNK_TRIPLES) -> None:
        if not is_remote(spec):
            raise ValueError(f"not a SPARQL store URL: {spec!r} (expected sparql+http:// or sparql+https://)")
        self.spec = spec
        self.timeout = timeout
        self.chunk = chunk
        parts = urllib.parse.urlsplit(spec[len("sparql+") :])
        host = parts.hostname or ""
        if not host:
            raise InputError(spec, "", msg("stores.no-host"))
        netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
        extra, graphs, update = [], [], None
        for key, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True):
            if key == "default-graph-uri":
                graphs.append(value)
            elif key == "update":
                update = value
            else:
                extra.append((key, value))
        self.endpoint = urllib.parse.urlunsplit(
            (parts.scheme, netloc, parts.path or "/", urllib.parse.urlencode(extra), "")
        )
        self.update_endpoint = urllib.parse.urljoin(self.endpoint, update) if update else self.endpoint
        self.extra_graphs = graphs
        # The URL as shown in messages: never the password.
        self.display = urllib.parse.urlunsplit(
            (
                "sparql+" + parts.scheme,
                (f"{parts.username}@" if parts.username else "") + netloc,
                parts.path,
                parts.query,
                "",
            )
        )
        handlers: list = []
        if parts.username:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in {self.endpoint, self.update_endpoint}:
                passwords.add_password(
                    None, url, urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or "")
                )
            handlers += [
                urllib.request.HTTPDigestAuthHandler(passwords),
                urllib.request.HTTPBasicAuthHandler(passwords),
            ]
        # Only the URL the user gave: no proxy from the environment is consulted.
        handlers.append(urllib.request.ProxyHandler({}))
        self._opener = urllib.request.build_opener(*handlers)
        self._graphs: list[str] | None = None

    def __repr__(self) -> str:
        return f"SparqlHttpStore({self.display!r})"

    # -------------------------------------------------------------------------------- HTTP
    def _post(self, url: str, params: list[tuple[str, str]], accept: str) -> tuple[bytes, str, dict]:
        body = urllib.parse.urlencode(params).encode("utf-8")
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
                "Accept": accept,
                "User-Agent": "segur-kg",
            },
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                data = response.read()
                return data, response.headers.get_content_type(), dict(response.headers.items())
        except urllib.error.HTTPError as exc:
            try:
                detail = exc.read().decode("utf-8", "replace")
            except Exception:  # pragma: no cover - a broken connection while reading the error page
                detail = ""
            ctype = exc.headers.get_content_type() if exc.headers else ""
            message = _one_line(detail, html="html" in ctype) or exc.reason
            raise InputError(
                self.display,
                f"HTTP {exc.code}",
                msg("stores.server-answered", code=exc.code, reason=exc.reason, message=message),
            ) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, (socket.timeout, TimeoutError)):
                text = msg("stores.no-answer", timeout=f"{self.timeout:g}")
            else:
                detail = getattr(reason, "strerror", None) or str(reason)
                text = msg("stores.unreachable", detail=detail)
            raise InputError(self.display, "", text) from None

    def _dataset(self) -> list[tuple[str, str]]:
        graphs = self.graphs()
        return [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]

    def _run(
        self, sparql: str, form: str, dataset: bool = True, plain: bool = False
    ) -> SelectResult | bool | rdflib.Graph:
        params = [("query", sparql)] + (self._dataset() if dataset else [])
        accept = N_TRIPLES if form in ("CONSTRUCT", "DESCRIBE") else SPARQL_JSON
        data, ctype, headers = self._post(self.endpoint, params, accept)
        headers = {k.lower(): v for k, v in headers.items()}
        if headers.get("x-sql-state") == "S1TAT":
            # Virtuoso's "anytime query": stopped at MaxQueryExecutionTime, partial results.
            raise InputError(self.display, "", msg("stores.partial-answer"))
        if "x-sparql-maxrows" in headers:
            limit = headers["x-sparql-maxrows"]
            raise InputError(self.display, "", msg("stores.answer-cut", limit=limit))
        if form in ("CONSTRUCT", "DESCRIBE"):
            return self._graph_of(data, ctype)
        try:
            doc = json.loads(data.decode("utf-8"))
        except ValueError:
            raise InputError(self.display, "", msg("stores.unreadable-json", content_type=ctype)) from None
        if "boolean" in doc:
            return bool(doc["boolean"])
        names = list(doc.get("head", {}).get("vars", []))
        bindings = doc.get("results", {}).get("bindings", [])
        if form == "ASK":
            # Virtuoso answers ASK as a one-column SELECT: one row ("1") when true, none when false.
            return (
                any(str(b.get(names[0], {}).get("value", "0")) not in ("0", "false") for b in bindings)
                if names
                else False
            )
        convert = _json_value if plain else _json_term
        rows = [tuple(convert(b.get(name)) for name in names) for b in bindings]
        return SelectResult(names, rows)

    def _graph_of(self, data: bytes, ctype: str) -> rdflib.Graph:
        fmt = {
            "application/n-triples": ox.RdfFormat.N_TRIPLES,
            "text/plain": ox.RdfFormat.N_TRIPLES,
            "text/turtle": ox.RdfFormat.TURTLE,
            "application/rdf+xml": ox.RdfFormat.RDF_XML,
        }.get(ctype)
        if fmt is None:
            raise InputError(self.display, "", msg("stores.unreadable-rdf", content_type=ctype))
        g = rdflib.Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        try:
            for t in ox.parse(data, format=fmt):
                g.add((_ox_to_rdflib(t.subject), _ox_to_rdflib(t.predicate), _ox_to_rdflib(t.object)))
        except SyntaxError as exc:
            raise InputError(self.display, "", msg("stores.malformed-rdf-answer", reason=exc)) from None
        return g

    def _update(self, sparql: str) -> None:
        self._post(self.update_endpoint, [("update", SPARQL_PREFIXES + sparql)], "*/*")

    # -------------------------------------------------------------------------------- graphs
    def graphs(self) -> list[str]:
        """The graphs the store is made of: those of the project's namespace on the server (the
        data graph always), and those of ``default-graph-uri``."""
        if self._graphs is None:
            namespace = json.dumps(GRAPH_NAMESPACE)
            found = self._run(
                f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {namespace})) }}",
                "SELECT",
                dataset=False,
            )
            names = {str(row[0]) for row in found.rows if row[0] is not None}
            self._graphs = sorted(names | {DATA_GRAPH} | set(self.extra_graphs))
        return self._graphs

    # -------------------------------------------------------------------------------- Store API
    def query(self, sparql: str) -> SelectResult | bool | rdflib.Graph:
        text = SPARQL_PREFIXES + sparql
        return self._run(text, query_form(text))

    def select_values(self, sparql: str) -> list[tuple[str | None, ...]]:
        """Rows as plain strings, without building rdflib terms (the engine's hot path): the same
        strings as ``str()`` of :meth:`select`'s terms."""
        text = SPARQL_PREFIXES + sparql
        result = self._run(text, query_form(text), plain=True)
        if not isinstance(result, SelectResult):
            raise TypeError("expected a SELECT query")
        return result.rows

    def __len__(self) -> int:
        result = self._run("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "SELECT")
        return int(result.rows[0][0]) if result.rows else 0

    def load(
        self, data: bytes | str | Path, format: str = "turtle", graph: str | None = None, *, lenient: bool = False
    ) -> None:
        fmt = FORMATS[format][0]
        try:
            if isinstance(data, Path):
                quads = ox.parse(path=str(data), format=fmt)
            else:
                quads = ox.parse(data.encode("utf-8") if isinstance(data, str) else data, format=fmt)
            by_graph: dict[str, list] = defaultdict(list)
            for q in quads:
                if graph:
                    target = graph
                else:
                    g = getattr(q, "graph_name", None)
                    target = g.value if isinstance(g, ox.NamedNode) else DATA_GRAPH
                by_graph[target].append((q.subject, q.predicate, q.object))
        except SyntaxError as exc:
            raise InputError(
                str(data) if isinstance(data, Path) else "-",
                "",
                msg("stores.malformed-rdf", format=format, reason=exc),
            ) from None
        for target, triples in by_graph.items():
            self._insert(target, triples)
        self._graphs = None

    def _insert(self, graph: str, triples: list) -> None:
        plain = [t for t in triples if not any(isinstance(x, ox.BlankNode) for x in t)]
        with_bnodes = [t for t in triples if any(isinstance(x, ox.BlankNode) for x in t)]
        for start in range(0, len(plain), self.chunk):
            body = "\n".join(f"{s} {p} {o} ." for s, p, o in plain[start : start + self.chunk])
            self._update(f"INSERT DATA {{ GRAPH {_iri(graph)} {{\n{body}\n}} }}")
        # Blank nodes: every triple of one connected group in the same request, or the group breaks
        # in two; Virtuoso refuses them in INSERT DATA, a template with an empty WHERE takes them.
        for group in _bnode_groups(with_bnodes, self.chunk):
            body = "\n".join(f"{s} {p} {o} ." for s, p, o in group)
            self._update(f"INSERT {{ GRAPH {_iri(graph)} {{\n{body}\n}} }} WHERE {{ }}")

    def add_graph(self, g: rdflib.Graph, graph: str | None = None) -> None:
        self.load(g.serialize(format="nt", encoding="utf-8"), "nt", graph)

    def clear_graph(self, graph: str) -> None:
        self._update(f"DROP SILENT GRAPH {_iri(graph)}")
        self._graphs = None

    def replace_graph(self, graph: str, g: rdflib.Graph) -> None:
        """``g`` is first written to a staging graph outside the store's graphs (which no query of
        the store reads), in as many requests as it takes; then one request, ``MOVE``, puts it in
        place of ``graph``. The old triples stay until that request, which the server runs as one
        operation. A staging graph left by a process killed on this machine is dropped next time."""
        self._drop_stale_staging()
        if not len(g):
            self.clear_graph(graph)
            return
        staging = f"{_staging_prefix()}{os.getpid()}/{uuid.uuid4().hex}"
        try:
            self._insert(staging, _ox_triples(g))
            self._update(f"MOVE SILENT GRAPH {_iri(staging)} TO {_iri(graph)}")
        except BaseException:
            try:
                self._update(f"DROP SILENT GRAPH {_iri(staging)}")
            except InputError:
                pass  # the server is gone: the next replace on this machine drops it
            raise
        finally:
            self._graphs = None

    def _drop_stale_staging(self) -> None:
        prefix = _staging_prefix()
        found = self._run(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), {json.dumps(prefix)})) }}",
            "SELECT",
            dataset=False,
        )
        for (name,) in found.rows:
            pid = str(name)[len(prefix) :].split("/", 1)[0]
            if pid.isdigit() and not process_alive(int(pid)):
                self._update(f"DROP SILENT GRAPH {_iri(str(name))}")

    def counts(self) -> dict[str, int]:
        """Triples per graph of the store (graphs without triples left out)."""
        result = self._run("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", "SELECT")
        return {str(g): int(n) for g, n in result.rows if g is not None}

    def _graph_triples(self, graph: str, expected: int) -> list[tuple[Term, Term, Term]]:
        """Every triple of one graph, checked against its count: Virtuoso cuts a CONSTRUCT at
        ResultSetMaxRows without saying so."""
        g = self._run(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {_iri(graph)} {{ ?s ?p ?o }} }}", "CONSTRUCT")
        if len(g) < expected:
            raise InputError(self.display, "", msg("stores.graph-cut", received=len(g), expected=expected, graph=graph))
        return list(g)

    def _copy(self) -> OxigraphStore:
        """An embedded copy of the data, the data graph as its default graph."""
        copy = OxigraphStore()
        quads = []
        for graph, n in sorted(self.counts().items()):
            target = ox.DefaultGraph() if graph == DATA_GRAPH else ox.NamedNode(graph)
            for s, p, o in self._graph_triples(graph, n):
                quads.append(ox.Quad(_rdflib_to_ox(s), _rdflib_to_ox(p), _rdflib_to_ox(o), target))
        copy.native.extend(quads)
        return copy

    def serialize(self, format: str = "turtle", graph: str | None = None) -> bytes:
        if graph == DATA_GRAPH:
            graph = None
        return self._copy().serialize(format, graph)

    def to_rdflib(self) -> rdflib.Graph:
        g = rdflib.Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        for graph, n in sorted(self.counts().items()):
            for triple in self._graph_triples(graph, n):
                g.add(triple)
        return g


def _staging_prefix() -> str:
    """Where this machine's staging graphs are named (a process's PID follows)."""
    return f"{STAGING_NAMESPACE}{urllib.parse.quote(socket.gethostname(), safe='')}/"


def _ox_triples(g: rdflib.Graph) -> list:
    """The triples of an rdflib graph as pyoxigraph terms, as :meth:`SparqlHttpStore._insert` takes them."""
    return [
        (t.subject, t.predicate, t.object)
        for t in ox.parse(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    ]


def _bnode_groups(triples: list, size: int) -> list[list]:
    """Triples sharing blank nodes, transitively, in the same group; small groups packed together."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for t in triples:
        labels = [x.value for x in t if isinstance(x, ox.BlankNode)]
        for other in labels[1:]:
            parent[find(other)] = find(labels[0])
    components: dict[str, list] = defaultdict(list)
    for t in triples:
        first = next(x.value for x in t if isinstance(x, ox.BlankNode))
        components[find(first)].append(t)
    groups: list[list] = []
    current: list = []
    for component in components.values():
        if current and len(current) + len(component) > size:
            groups.append(current)
            current = []
        current.extend(component)
    if current:
        groups.append(current)
    return groups


__all__ = ["SparqlHttpStore", "is_remote", "query_form", "DATA_GRAPH", "GRAPH_NAMESPACE", "SCHEMES"]
