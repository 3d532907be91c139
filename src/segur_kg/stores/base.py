"""The store API that the rest of segur-kg sees: add RDF, run SPARQL, count, serialise, and hand an
rdflib graph to pySHACL when asked. Query results come back as rdflib terms whatever the engine."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib import BNode, Literal, URIRef

Term = URIRef | Literal | BNode

# Formats by the names the CLI uses.
FORMATS: dict[str, tuple[ox.RdfFormat, str]] = {
    "turtle": (ox.RdfFormat.TURTLE, "turtle"),
    "ttl": (ox.RdfFormat.TURTLE, "turtle"),
    "nt": (ox.RdfFormat.N_TRIPLES, "nt"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "nt"),
    "nquads": (ox.RdfFormat.N_QUADS, "nquads"),
    "trig": (ox.RdfFormat.TRIG, "trig"),
    "jsonld": (ox.RdfFormat.JSON_LD, "json-ld"),
    "json-ld": (ox.RdfFormat.JSON_LD, "json-ld"),
    "xml": (ox.RdfFormat.RDF_XML, "xml"),
}

SUFFIX_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "jsonld",
    ".rdf": "xml",
    ".owl": "xml",
}


def format_of(path: Path) -> str:
    return SUFFIX_FORMATS.get(path.suffix.lower(), "turtle")


@dataclass
class SelectResult:
    """Rows of a SELECT query: ``vars`` names the columns, each row holds rdflib terms or None."""

    vars: list[str]
    rows: list[tuple[Term | None, ...]]

    def __iter__(self) -> Iterator[tuple[Term | None, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def dicts(self) -> list[dict[str, Term | None]]:
        return [dict(zip(self.vars, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Term | None]:
        i = self.vars.index(name)
        return [row[i] for row in self.rows]


class Store(ABC):
    """What the rest of segur-kg needs from a triple store."""

    backend: str
    concurrent_queries = False  # whether several threads may query at once (and gain by it)

    @abstractmethod
    def load(
        self, data: bytes | str | Path, format: str = "turtle", graph: str | None = None, *, lenient: bool = False
    ) -> None:
        """Add RDF from a file path or from serialised bytes/str, into the default or a named graph.

        ``lenient`` lets a store skip IRI validation while parsing, for data whose syntax is checked
        by other means; a store without such a mode parses strictly anyway."""

    @abstractmethod
    def query(self, sparql: str) -> SelectResult | bool | rdflib.Graph:
        """Run SPARQL over the union of all graphs. SELECT -> rows, ASK -> bool, CONSTRUCT -> graph."""

    @abstractmethod
    def __len__(self) -> int:
        """Number of quads (triples across all graphs)."""

    @abstractmethod
    def serialize(self, format: str = "turtle", graph: str | None = None) -> bytes:
        """The default graph (or one named graph), or the whole dataset for trig/nquads."""

    @abstractmethod
    def clear_graph(self, graph: str) -> None:
        """Remove a named graph and its triples."""

    def add_graph(self, g: rdflib.Graph, graph: str | None = None) -> None:
        # N-Triples is the cheapest exchange form between the two engines.
        self.load(g.serialize(format="nt", encoding="utf-8"), "nt", graph)

    def replace_graph(self, graph: str, g: rdflib.Graph) -> None:
        """Make the named graph hold ``g``'s triples and no other: in one transaction where the store
        allows it, so that an interruption leaves the old triples or the new ones, never neither
        (each store says how far it can; docs/stores.md)."""
        self.clear_graph(graph)
        self.add_graph(g, graph)

    is_new = False  # a persistent store that held nothing when opened (see stores.folder)

    def artefact_folder(self) -> Path | None:
        """A folder where what is computed from this store's content alone (the engine's facts) may be
        kept for the next command, or None: every store but a cache entry's, whose content never
        changes under its key (ingest/cache.py)."""
        return None

    def updating(self, note: dict | None = None) -> AbstractContextManager:
        """A block whose writes land whole or not at all, where the store can promise it (a store
        folder); elsewhere the writes of the block happen one by one. ``note`` says what they are
        made from, for a store that records it."""
        return nullcontext(self)

    def select(self, sparql: str) -> SelectResult:
        result = self.query(sparql)
        if not isinstance(result, SelectResult):
            raise TypeError("expected a SELECT query")
        return result

    def select_values(self, sparql: str) -> list[tuple[str | None, ...]]:
        """Rows of a SELECT as plain strings (IRIs and literals' lexical forms), for hot paths that
        read hundreds of thousands of rows: building rdflib terms costs more than the query."""
        return [tuple(None if t is None else str(t) for t in row) for row in self.select(sparql).rows]

    def flush(self) -> None:  # noqa: B027 - a no-op by default, not abstract: only stores on disk override it
        """Make what was written durable; a store that holds nothing on disk has nothing to do."""

    @abstractmethod
    def to_rdflib(self) -> rdflib.Graph:
        """All triples, across graphs, as one rdflib graph (for pySHACL and small exports)."""


def rdf_type_counts(store: Store) -> list[tuple[str, int]]:
    """Instances per class, most first (used by ``info``)."""
    res = store.select(
        "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n) ?class"
    )
    return [(str(c), int(n)) for c, n in res.rows]
