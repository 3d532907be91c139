"""Load the ontology, the reference data and dossiers into one store, or import the user's inputs as one graph."""

from __future__ import annotations

import glob
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.exceptions import ParserError as RdflibParserError
from rdflib.namespace import RDF

from segur_kg import limits, progress
from segur_kg.errors import InputError
from segur_kg.ingest.dossier import import_dossiers
from segur_kg.ingest.format import SECTIONS
from segur_kg.ingest.reference import Reference, load_reference
from segur_kg.messages import msg
from segur_kg.namespaces import PREFIXES
from segur_kg.resources import example_dossiers, ontology_path, reference_dir
from segur_kg.stores import FORMATS, OxigraphStore, RdflibStore, Store, format_of, open_store


@lru_cache(maxsize=4)
def _reference(folder: Path) -> Reference:
    return load_reference(folder)


def reference() -> Reference:
    return _reference(reference_dir())


DOSSIER_SUFFIXES = {".yaml", ".yml"}
RDF_SUFFIXES = {".ttl", ".nt", ".nq", ".trig", ".jsonld"}


def _rdf_error(path: Path, exc: Exception) -> InputError:
    """A parser's error as the user's mistake: pyoxigraph's SyntaxError has its line; rdflib's
    BadSyntax (a SyntaxError without one) and ParserError say it in their text, on several lines."""
    detail = " ".join((getattr(exc, "msg", None) or str(exc)).split())
    line = getattr(exc, "lineno", None) or next((int(m[1]) for m in re.finditer(r"^at line (\d+) of", detail)), None)
    place = msg("ingest.place.line", line=line) if line else ""
    return InputError(path, place, msg("ingest.loader.malformed-rdf", format=format_of(path), detail=detail))


def _term_too_large(path: Path) -> InputError:
    """pyoxigraph's parser refused a term over its buffer (16 MiB): the first line longer than that
    holds it (a multi-line string may hold it without any such line: then the file is named alone)."""
    place = ""
    try:
        with path.open("rb") as lines:
            for number, line in enumerate(lines, start=1):
                if len(line) > limits.RDF_PARSER_TERM_BYTES:
                    place = msg("ingest.place.line", line=number)
                    break
    except OSError:
        pass
    return InputError(path, place, msg("ingest.loader.term-too-large", limit=limits.RDF_PARSER_TERM_BYTES))


def check_rdf_file(path: Path) -> None:
    """Parse an RDF file once to report a syntax error with its line, before anything is written."""
    fmt = FORMATS[format_of(path)][0]
    try:
        for _ in ox.parse(path=str(path), format=fmt):
            pass
    except SyntaxError as exc:
        raise _rdf_error(path, exc) from None
    except MemoryError:  # "Reached the buffer maximal size": a term over the parser's buffer
        raise _term_too_large(path) from None
    except OSError as exc:
        raise InputError(path, "", msg("common.cannot-read", reason=exc.strerror)) from None


# The RDF text formats whose brackets nest; rdflib parses them recursively.
_NESTING_SUFFIXES = {".ttl", ".trig", ".jsonld"}


def check_rdf_nesting(path: Path) -> None:
    """A file that rdflib parses (``import``, ``--store rdflib``) nests its brackets no deeper than
    :data:`segur_kg.limits.RDF_NESTING`: rdflib's parsers and its Turtle writer recurse once per level."""
    if path.suffix.lower() not in _NESTING_SUFFIXES:
        return
    from segur_kg.ingest.locate import nesting_beyond

    limit = limits.RDF_NESTING
    try:
        found = nesting_beyond(path, limit.value())
    except OSError as exc:
        raise InputError(path, "", msg("common.cannot-read", reason=exc.strerror)) from None
    if found is not None:
        line, column = found
        place = msg("ingest.place.line-column", line=line, column=column)
        raise InputError(path, place, msg("ingest.loader.too-deep-rdf", limit=limit.value(), variable=limit.variable))


def _subject_place(path: Path, subject) -> tuple[str, str]:
    """The line of ``subject``'s first triple in ``path`` (when it is an IRI written there), and its name."""
    if not isinstance(subject, URIRef):
        return "", "[ ]"
    from segur_kg.ingest.locate import rdf_subjects

    location = rdf_subjects(path, {str(subject)}).get(str(subject))
    return (msg("ingest.place.line", line=location.line) if location else ""), f"<{subject}>"


def _nesting_levels(graph: Graph) -> tuple[object, int]:
    """The subject under which blank nodes nest deepest, as a Turtle writer inlines them, and how
    many levels: a blank node object is one level below its subject, the next cell of a list
    (``rdf:rest``) on the same level. Cycles of blank nodes count once."""
    below: dict[BNode, list[tuple[BNode, int]]] = {}
    roots: list[tuple[object, BNode, int]] = []
    for subject, predicate, obj in graph:
        if isinstance(obj, BNode):
            step = 0 if predicate == RDF.rest else 1
            if isinstance(subject, BNode):
                below.setdefault(subject, []).append((obj, step))
            roots.append((subject, obj, step))
    if not roots:
        return None, 0
    levels: dict[BNode, int] = {}
    for start in below:
        if start in levels:
            continue
        # Depth-first, without recursion: (node, its children not yet visited)
        levels[start] = 0  # in progress: a cycle back to it adds nothing
        stack = [(start, iter(below.get(start, ())))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                levels[node] = max((levels.get(c, 0) + step for c, step in below.get(node, ())), default=0)
            elif child[0] not in levels:
                levels[child[0]] = 0
                stack.append((child[0], iter(below.get(child[0], ()))))
    deepest, top = None, 0
    for subject, obj, step in roots:
        level = step + levels.get(obj, 0)
        if level > top:  # the top of a chain is deeper than any of its blank nodes
            deepest, top = subject, level
    return deepest, top


def check_import_graph(path: Path, graph: Graph) -> None:
    """What ``import`` writes of ``path`` is read back: no literal over
    :data:`segur_kg.limits.LITERAL_BYTES`, no blank nodes nested deeper than
    :data:`segur_kg.limits.RDF_NESTING` (rdflib's Turtle writer recurses once per level)."""
    for subject, _, obj in graph:
        if isinstance(obj, Literal):
            size = limits.over_literal_limit(str(obj))
            if size is not None:
                place, name = _subject_place(path, subject)
                limit = limits.LITERAL_BYTES
                message = msg(
                    "ingest.loader.literal-too-large",
                    size=size,
                    subject=name,
                    limit=limit.value(),
                    variable=limit.variable,
                )
                raise InputError(path, place, message)
    subject, levels = _nesting_levels(graph)
    limit = limits.RDF_NESTING
    if levels > limit.value():
        place, name = _subject_place(path, subject)
        message = msg("ingest.loader.blank-nodes-too-deep", limit=limit.value(), subject=name, variable=limit.variable)
        raise InputError(path, place, message)


GLOB_CHARACTERS = frozenset("*?[")


def _is_input(path: Path) -> bool:
    return path.suffix.lower() in DOSSIER_SUFFIXES | RDF_SUFFIXES


# A repository holds other YAML too (docker-compose.yml, mkdocs.yml...): in a folder, a YAML file is
# a dossier when one of its top-level keys is one of a dossier's (its `dossier:` header, a section).
_DOSSIER_KEY = re.compile(
    r"^(?:dossier|" + "|".join(re.escape(section) for section in SECTIONS) + r")\s*:", re.MULTILINE
)


def _is_dossier_or_rdf(path: Path) -> bool:
    """In a folder scan: an RDF file, or a YAML file with a dossier's top-level keys (read as text)."""
    if path.suffix.lower() not in DOSSIER_SUFFIXES:
        return _is_input(path)
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return bool(_DOSSIER_KEY.search(handle.read(1 << 20)))
    except OSError:
        return True  # unreadable: let the loader say so, with the file's name


def repository_files(folder: Path) -> list[Path]:
    """Every dossier and RDF file under ``folder``, recursively, in sorted order. Hidden folders and
    files (``.git``, ``.venv``, an editor's ``.#x.yaml``), files of other suffixes and YAML files that
    are not dossiers are skipped."""
    found = []
    for parent, subfolders, names in os.walk(folder):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found += [Path(parent, name) for name in names if not name.startswith(".")]
    return sorted(path for path in found if _is_dossier_or_rdf(path))


def expand_inputs(paths: list[Path]) -> list[Path]:
    """The files the user's inputs name, in their order, each once.

    A file is itself. A folder (a repository of dossiers) is every dossier and RDF file under it
    (:func:`repository_files`). A path that does not exist but holds ``*``, ``?`` or ``[`` is a glob
    pattern the shell did not expand (quoted, or from a configuration): the dossiers and RDF files
    it matches (``**`` for any depth), a folder matched counted as above. A pattern, or a folder,
    that yields no file is a user's mistake: a command given no input is given none explicitly.
    """
    expanded: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = repository_files(path)
            if not found:
                raise InputError(path, "", msg("ingest.loader.empty-folder", suffixes=_suffixes()))
        elif path.exists() or not GLOB_CHARACTERS & set(str(path)):
            found = [path]
        else:
            found = []
            for match in sorted(Path(m) for m in glob.glob(str(path), recursive=True)):
                found += repository_files(match) if match.is_dir() else [match] if _is_dossier_or_rdf(match) else []
            if not found:
                raise InputError(path, "", msg("ingest.loader.no-match", suffixes=_suffixes()))
        expanded += found
    seen: set[Path] = set()
    unique = []
    for path in expanded:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _suffixes() -> str:
    return ", ".join(sorted(DOSSIER_SUFFIXES) + sorted(RDF_SUFFIXES))


def split_inputs(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Dossiers and RDF files among the user's inputs (folders and glob patterns expanded by
    :func:`expand_inputs`); a file of any other kind is an error."""
    dossiers, rdf = [], []
    for path in expand_inputs(paths):
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
            if isinstance(target, RdflibStore):
                check_rdf_nesting(path)
                try:
                    target.load(path, fmt, lenient=True)
                except RdflibParserError as exc:  # what pyoxigraph reads and rdflib does not: RDF 1.2 terms
                    raise _rdf_error(path, exc) from None
            else:
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


class Loaded:
    """A loaded store, the reference data it was loaded with, and the user's files (dossiers, RDF
    files) that went into it. The reference data is read when first asked for: a store from the
    cache holds it already, and only locating findings needs its index."""

    def __init__(
        self,
        store: Store,
        reference: Reference | None = None,
        dossiers: list[Path] | None = None,
        rdf_files: list[Path] | None = None,
    ) -> None:
        self.store = store
        self._reference = reference
        self.dossiers = list(dossiers or [])
        self.rdf_files = list(rdf_files or [])

    @property
    def reference(self) -> Reference:
        if self._reference is None:
            self._reference = _reference(reference_dir())
        return self._reference


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
        check_rdf_nesting(path)
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph += dossier_graph(dossiers)
    for path in rdf_files:
        part = _import_rdf_file(path, graph)
        check_import_graph(path, part)
        graph += part
    return Imported(graph, dossiers, rdf_files)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _import_rdf_file(path: Path, into: Graph) -> Graph:
    """The default graph of an RDF file as pyoxigraph parses it, as rdflib terms; its prefixes
    bound in ``into``. pyoxigraph, not rdflib, reads the file: the graph written is the one
    ``validate`` loads (rdflib let through IRIs that cannot be read back), its parser does not
    recurse, and it fetches no remote JSON-LD context."""
    fmt = FORMATS[format_of(path)][0]
    part = Graph()
    blank_nodes: dict[str, BNode] = {}  # a file's blank node labels are its own: fresh nodes per file

    def term(node, subject):
        if isinstance(node, ox.NamedNode):
            return URIRef(node.value)
        if isinstance(node, ox.BlankNode):
            return blank_nodes.setdefault(node.value, BNode())
        if isinstance(node, ox.Literal):
            if getattr(node, "direction", None):
                place, name = _subject_place(path, subject)
                raise InputError(path, place, msg("ingest.loader.literal-direction", subject=name))
            if node.language:
                return Literal(node.value, lang=node.language)
            datatype = node.datatype.value
            return Literal(node.value) if datatype == _XSD_STRING else Literal(node.value, datatype=URIRef(datatype))
        place, name = _subject_place(path, subject)  # an RDF 1.2 triple term: rdflib has none
        raise InputError(path, place, msg("ingest.loader.triple-term", subject=name))

    parser = ox.parse(path=str(path), format=fmt)
    try:
        for quad in parser:
            if not isinstance(quad.graph_name, ox.DefaultGraph):
                continue  # as rdflib read TriG and N-Quads into one graph: the default graph only
            subject = term(quad.subject, None)
            part.add((subject, term(quad.predicate, subject), term(quad.object, subject)))
    except SyntaxError as exc:
        raise _rdf_error(path, exc) from None
    except MemoryError:
        raise _term_too_large(path) from None
    for prefix, namespace in (getattr(parser, "prefixes", None) or {}).items():
        into.namespace_manager.bind(prefix, namespace, override=False)
    return part


# Set by the executable (cli.main, after segur_kg.launch), which ends the process with os._exit:
# an in-memory store it loaded is held here until then, rather than freed when the command returns,
# which takes 10 s for 18 million triples. Persistent stores are closed as usual.
_held: list[Loaded] | None = None


def hold_until_exit() -> None:
    global _held
    if _held is None:
        _held = []


def load(
    files: list[Path] | None = None, *, store: str | None = None, demo: bool = False, cache: bool = True
) -> Loaded:
    """A store holding the ontology, the reference data and ``files``; with ``demo``, the demo dossiers
    (``data/examples/*.yaml``) too.

    Every input is read and checked before the store is touched, so a bad file leaves a persistent
    store as it was; on a store folder the writes then land whole or not at all, even if the command
    is killed (docs/stores.md). A persistent store that already holds data is used as it is, plus ``files``
    (and the demo when asked: it holds the demo only if some call asked for it). The demo and the
    files are imported as one graph, and a demo dossier named among ``files`` counts once. Adding
    the demo to a store that already holds it adds nothing: an import has no blank nodes, so the
    same dossiers give the same triples.

    The default in-memory store of FILES or the demo is served from the store cache
    (:mod:`segur_kg.ingest.cache`) unless ``cache`` is false: built on the first call, opened
    read-only on the next ones with the same inputs. A cache folder that cannot be used gives one
    warning line, then a store in memory.
    """
    files = list(files or [])
    dossiers, rdf_files = split_inputs(files)
    demo_dossiers = example_dossiers() if demo else []
    in_demo = {path.resolve() for path in demo_dossiers}
    dossiers = demo_dossiers + [path for path in dossiers if path.resolve() not in in_demo]
    in_memory = store is None or store in ("memory", "rdflib", "oxigraph")
    if cache and (store is None or store in ("memory", "oxigraph")) and (dossiers or rdf_files):
        cached = _from_cache(dossiers, rdf_files, demo)
        if cached is not None:
            return cached
    if not in_memory:
        # A store that outlives this call is only written once every file is known to parse. An
        # in-memory store is thrown away on error: parsing once, while loading, is enough.
        for path in rdf_files:
            check_rdf_file(path)
    ref = reference()
    graph = _dossiers_graph(dossiers, ref)
    target = open_store(store)
    _fill(target, ref, graph, dossiers, rdf_files, demo, fresh=in_memory or target.is_new, checked=not in_memory)
    return _hold(Loaded(target, ref, dossiers, rdf_files), in_memory)


def _hold(loaded: Loaded, in_memory: bool) -> Loaded:
    if _held is not None and in_memory:
        _held.append(loaded)
    return loaded


def _dossiers_graph(dossiers: list[Path], ref: Reference) -> Graph:
    with progress.step(msg("ingest.loader.progress-dossiers", count=len(dossiers))):
        return import_dossiers(dossiers, ref.index)


def _fill(
    target: Store,
    ref: Reference,
    graph: Graph,
    dossiers: list[Path],
    rdf_files: list[Path],
    demo: bool,
    *,
    fresh: bool,
    checked: bool,
) -> None:
    """Write the ``graph`` of the ``dossiers`` and the ``rdf_files`` into ``target``; a ``fresh``
    store gets the ontology and the reference data first."""
    # A new store folder gets the ontology and the reference data; its marker says whether it is
    # new (segur_kg.stores.folder). An external SPARQL server is used as it is. On a store folder,
    # the writes land whole or not at all (Store.updating).
    if fresh or len(graph) or rdf_files:
        note = {"inputs": [str(path) for path in dossiers + rdf_files], "demo": demo}
        with target.updating(note):
            if fresh:
                target.load(ontology_path(), "turtle")
                target.add_graph(ref.graph)
            if len(graph):
                target.add_graph(graph)
            for path in rdf_files:
                with progress.step(msg("ingest.loader.progress-rdf", file=path)):
                    load_rdf_file(target, path, checked=checked)


def fill_cache_store(store: Store, dossiers: list[Path], rdf_files: list[Path], demo: bool) -> None:
    """Load the inputs of a cache entry into the empty ``store``: the same code for the entry's
    on-disk store and for the in-memory store of a command that missed it."""
    ref = reference()
    _fill(store, ref, _dossiers_graph(dossiers, ref), dossiers, rdf_files, demo, fresh=True, checked=False)


def _from_cache(dossiers: list[Path], rdf_files: list[Path], demo: bool) -> Loaded | None:
    """The in-memory store of these inputs, from the store cache; None when the cache folder cannot
    be used (after one warning line). On a miss with the background build, the inputs are loaded
    into memory as with ``--no-cache`` and a detached process builds the entry."""
    from segur_kg.ingest import cache

    def build(store: Store) -> None:
        fill_cache_store(store, dossiers, rdf_files, demo)

    try:
        found = cache.cached_store(dossiers + rdf_files, demo, build, names=[str(p) for p in dossiers + rdf_files])
    except cache.CacheUnusable as exc:
        print(msg("ingest.cache.unusable", reason=exc), file=sys.stderr)
        return None
    if isinstance(found, cache.Miss):
        target = cache.StagedStore()
        try:
            build(target)
        except BaseException:
            found.release()  # a bad input: no builder, no entry
            raise
        target.stage(found.start_builder(dossiers, rdf_files, demo))
        return _hold(Loaded(target, None, dossiers, rdf_files), True)
    return _hold(Loaded(found, None, dossiers, rdf_files), True)
