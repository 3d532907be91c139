"""Load the ontology, the reference data and dossiers into one store, or import the user's inputs as one graph."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from segur_kg.errors import InputError
from segur_kg.ingest.dossier import import_dossiers
from segur_kg.ingest.reference import Reference, load_reference
from segur_kg.messages import msg
from segur_kg.namespaces import PREFIXES
from segur_kg.resources import example_dossiers, ontology_path, reference_dir
from segur_kg.stores import FORMATS, OxigraphStore, Store, format_of, open_store
from segur_kg.stores.sparql_http import is_remote


@lru_cache(maxsize=4)
def _reference(folder: Path) -> Reference:
    return load_reference(folder)


def reference() -> Reference:
    return _reference(reference_dir())


DOSSIER_SUFFIXES = {".yaml", ".yml"}
RDF_SUFFIXES = {".ttl", ".nt", ".nq", ".trig", ".jsonld"}


def _rdf_error(path: Path, exc: SyntaxError) -> InputError:
    line = getattr(exc, "lineno", None)
    place = msg("ingest.place.line", line=line) if line else ""
    detail = exc.msg if hasattr(exc, "msg") else str(exc)
    return InputError(path, place, msg("ingest.loader.malformed-rdf", format=format_of(path), detail=detail))


def check_rdf_file(path: Path) -> None:
    """Parse an RDF file once to report a syntax error with its line, before anything is written."""
    fmt = FORMATS[format_of(path)][0]
    try:
        for _ in ox.parse(path=str(path), format=fmt):
            pass
    except SyntaxError as exc:
        raise _rdf_error(path, exc) from None
    except OSError as exc:
        raise InputError(path, "", msg("common.cannot-read", reason=exc.strerror)) from None


def split_inputs(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Dossiers and RDF files among the user's inputs; anything else is an error."""
    dossiers, rdf = [], []
    for path in paths:
        if not path.exists():
            raise InputError(path, "", msg("ingest.loader.no-such-file"))
        suffix = path.suffix.lower()
        if suffix in DOSSIER_SUFFIXES:
            dossiers.append(path)
        elif suffix in RDF_SUFFIXES:
            rdf.append(path)
        else:
            suffixes = ", ".join(sorted(RDF_SUFFIXES))
            raise InputError(path, "", msg("ingest.loader.unknown-file-type", suffix=suffix, suffixes=suffixes))
    return dossiers, rdf


def load_rdf_file(target: Store, path: Path, *, checked: bool) -> None:
    """Add one RDF file to ``target``, strictly checked, as fast as the store allows.

    A file ``checked`` already is parsed leniently. Into an in-memory pyoxigraph store, the store
    parses leniently (skipping IRI validation, about 20% of its time) while a strict parse checks
    the same file on the other core: the load takes the time of the lenient parse alone and still
    rejects what a strict parse rejects, naming the line. Any other store is checked first (rdflib
    lets through IRIs that pyoxigraph and the RDF specs reject).
    """
    fmt = format_of(path)
    try:
        if checked or not isinstance(target, OxigraphStore):
            if not checked:
                check_rdf_file(path)
            target.load(path, fmt, lenient=True)
            return
        with ThreadPoolExecutor(max_workers=1) as pool:
            check = pool.submit(check_rdf_file, path)
            try:
                target.load(path, fmt, lenient=True)
            finally:
                check.result()  # the strict parse's error, with its line, wins over the lenient one's
    except SyntaxError as exc:
        raise _rdf_error(path, exc) from None


@dataclass
class Loaded:
    store: Store
    reference: Reference
    dossiers: list[Path] = field(default_factory=list)
    rdf_files: list[Path] = field(default_factory=list)


def dossier_graph(paths: list[Path]) -> Graph:
    return import_dossiers(paths, reference().index)


@dataclass
class Imported:
    """The graph of the user's inputs alone (no ontology, no reference data), and those inputs."""

    graph: Graph
    dossiers: list[Path]
    rdf_files: list[Path]


def import_graph(files: list[Path]) -> Imported:
    """The dossiers and RDF files of ``files`` as one graph (``segur-kg import``), every file checked first."""
    dossiers, rdf_files = split_inputs(files)
    for path in rdf_files:
        check_rdf_file(path)
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph += dossier_graph(dossiers)
    for path in rdf_files:
        graph.parse(path)
    return Imported(graph, dossiers, rdf_files)


# Set by the executable (cli.main, after segur_kg.launch), which ends the process with os._exit:
# an in-memory store it loaded is held here until then, rather than freed when the command returns,
# which takes 10 s for 18 million triples. Persistent stores are closed as usual.
_held: list[Loaded] | None = None


def hold_until_exit() -> None:
    global _held
    if _held is None:
        _held = []


def load(files: list[Path] | None = None, *, store: str | None = None, examples: bool = True) -> Loaded:
    """A store holding the ontology, the reference data, the bundled examples and ``files``.

    Every input is read and checked before the store is touched, so a bad file leaves a persistent
    store as it was. A persistent store that already holds data is used as it is, plus ``files``.
    """
    files = list(files or [])
    dossiers, rdf_files = split_inputs(files)
    in_memory = store is None or store in ("memory", "rdflib", "oxigraph")
    remote = is_remote(store)
    if not in_memory:
        # A store that outlives this call is only written once every file is known to parse. An
        # in-memory store is thrown away on error: parsing once, while loading, is enough.
        for path in rdf_files:
            check_rdf_file(path)
    ref = reference()
    # An external SPARQL server or a persistent folder holding data are used as they are.
    fresh = in_memory or (not remote and not any(Path(store).glob("*")))
    bundle = (example_dossiers() if examples else []) if fresh else []
    graph = import_dossiers(bundle + dossiers, ref.index)
    target = open_store(store)
    if fresh:
        target.load(ontology_path(), "turtle")
        target.add_graph(ref.graph)
    if len(graph):
        target.add_graph(graph)
    for path in rdf_files:
        load_rdf_file(target, path, checked=not in_memory)
    loaded = Loaded(target, ref, bundle + dossiers, rdf_files)
    if _held is not None and in_memory:
        _held.append(loaded)
    return loaded
