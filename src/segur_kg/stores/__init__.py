"""Where the graph lives: one :class:`Store` API over pyoxigraph (default), rdflib, and an external
SPARQL 1.1 server; :func:`open_store` reads the CLI's ``--store`` value."""

from __future__ import annotations

from pathlib import Path

from segur_kg.stores.base import FORMATS, SUFFIX_FORMATS, SelectResult, Store, Term, format_of, rdf_type_counts
from segur_kg.stores.folder import MARKER, FolderStore
from segur_kg.stores.oxigraph import OxigraphStore
from segur_kg.stores.rdflib_store import RdflibStore
from segur_kg.stores.sparql_http import SparqlHttpStore, is_remote


def open_store(spec: str | None = None) -> Store:
    """``None`` or ``memory``: in-memory pyoxigraph; ``rdflib``: plain rdflib; ``sparql+http://...``
    or ``sparql+https://...``: an external SPARQL 1.1 server (:mod:`segur_kg.stores.sparql_http`,
    docs/sparql-store.md); else a folder for a persistent pyoxigraph store, created if missing,
    written whole or not at all (:mod:`segur_kg.stores.folder`, docs/stores.md)."""
    if spec in (None, "", "memory", "oxigraph"):
        return OxigraphStore()
    if spec == "rdflib":
        return RdflibStore()
    if is_remote(spec):
        return SparqlHttpStore(spec)
    return FolderStore(Path(spec))


__all__ = [
    "FORMATS",
    "MARKER",
    "FolderStore",
    "SUFFIX_FORMATS",
    "OxigraphStore",
    "RdflibStore",
    "SelectResult",
    "SparqlHttpStore",
    "Store",
    "Term",
    "format_of",
    "is_remote",
    "open_store",
    "rdf_type_counts",
]
