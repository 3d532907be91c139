"""A plain rdflib dataset: for small graphs, and the reference engine of differential tests."""

from __future__ import annotations

import json
from pathlib import Path

import rdflib
from rdflib import URIRef

from segur_kg.errors import InputError
from segur_kg.messages import msg
from segur_kg.namespaces import PREFIXES, SPARQL_PREFIXES
from segur_kg.stores.base import FORMATS, SelectResult, Store


def remote_context(document: object) -> str | None:
    """The first context a JSON-LD document names by reference (``"@context": "http://..."`` or an
    ``@import``), or None. rdflib would fetch it: nothing is fetched at run time, so it is refused."""
    stack = [document]
    while stack:  # iterative: a deep document must not exhaust the stack here
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key, value in item.items():
                if key == "@context":
                    for context in value if isinstance(value, list) else [value]:
                        if isinstance(context, str):
                            return context
                elif key == "@import" and isinstance(value, str):
                    return value
                stack.append(value)
    return None


class RdflibStore(Store):
    backend = "rdflib"

    def __init__(self) -> None:
        self._ds = rdflib.Dataset(default_union=True)
        for prefix, ns in PREFIXES.items():
            self._ds.bind(prefix, ns)

    def _graph(self, graph: str | None) -> rdflib.Graph:
        return self._ds.graph(URIRef(graph)) if graph else self.default_graph

    @property
    def default_graph(self) -> rdflib.Graph:
        """The dataset's default graph, where the loader puts everything (the graph pySHACL validates)."""
        return self._ds.default_graph

    def load(
        self, data: bytes | str | Path, format: str = "turtle", graph: str | None = None, *, lenient: bool = False
    ) -> None:
        fmt = FORMATS[format][1]
        target = self._graph(graph)
        if fmt == "json-ld":
            text = data.read_bytes() if isinstance(data, Path) else data
            try:
                context = remote_context(json.loads(text))
            except ValueError:
                context = None  # not JSON: rdflib's parser says where
            if context is not None:
                where = data if isinstance(data, Path) else "JSON-LD"
                raise InputError(where, "@context", msg("stores.rdflib.remote-context", context=context))
        if isinstance(data, Path):
            target.parse(str(data), format=fmt)
        else:
            target.parse(data=data, format=fmt)

    def add_graph(self, g: rdflib.Graph, graph: str | None = None) -> None:
        target = self._graph(graph)
        target += g

    def query(self, sparql: str) -> SelectResult | bool | rdflib.Graph:
        result = self._ds.query(SPARQL_PREFIXES + sparql)
        if result.type == "ASK":
            return bool(result.askAnswer)
        if result.type == "SELECT":
            names = [str(v) for v in result.vars]
            return SelectResult(names, [tuple(row) for row in result])
        g = rdflib.Graph()
        for t in result:
            g.add(t)
        return g

    def __len__(self) -> int:
        return sum(1 for _ in self._ds.quads((None, None, None, None)))

    def serialize(self, format: str = "turtle", graph: str | None = None) -> bytes:
        fmt = FORMATS[format][1]
        if fmt in ("trig", "nquads") and graph is None:
            return self._ds.serialize(format=fmt, encoding="utf-8")
        return self._graph(graph).serialize(format=fmt, encoding="utf-8")

    def clear_graph(self, graph: str) -> None:
        self._ds.remove_graph(URIRef(graph))

    def to_rdflib(self) -> rdflib.Graph:
        g = rdflib.Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        for s, p, o, _ in self._ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
