"""Where the nodes of the user's files are written: the file, line and column of each dossier entity
(the importer's side table) and of each subject of a Turtle, TriG, N-Triples or N-Quads file (its
first triple), so that validation findings can point at the line at fault.

Only asked when there are findings to place: it reads the files again. See docs/validation.md.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urljoin

from segur_kg.ingest.dossier import DossierImporter
from segur_kg.ingest.reference import ReferenceIndex
from segur_kg.ingest.yaml_located import Location

# IRI of a node -> where it is written.
Locations = dict[str, Location]

# The suffixes whose subjects this module finds; a JSON-LD file has no statement lines to point at.
TEXT_RDF_SUFFIXES = {".ttl", ".trig", ".nt", ".nq"}
_LINE_BASED_SUFFIXES = {".nt", ".nq"}

# One token of the Turtle family, in the order the alternatives must be tried. Long strings come
# before short ones (`"""` would else read as an empty string), IRIs before `<<`.
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*(?:\\[uU][0-9A-Fa-f]+[^<>"{}|^`\\\s]*)*>)
  | (?P<punct>\^\^|<<|>>|\{\||\|\}|[.;,\[\]()\{\}])
  | (?P<at>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<bnode>_:[\w\-]+(?:\.+[\w\-]+)*)
  | (?P<pname>(?:[^\W\d_][\w\-]*(?:\.+[\w\-]+)*)?:(?:(?:[\w:%\-]|\\.)+(?:\.+(?:[\w:%\-]|\\.)+)*)?)
  | (?P<number>[+-]?(?:\d+\.\d*[eE][+-]?\d+|\d*\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?))
  | (?P<word>[A-Za-z]+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_OPEN = {"[", "(", "<<", "{|"}
_CLOSE = {"]", ")", ">>", "|}"}
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_LOCAL_ESCAPE = re.compile(r"\\(.)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, offset) of every token but spaces and comments."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind not in ("space", "comment"):
            yield kind, match.group(), match.start()


def _iri_text(token: str) -> str:
    """The IRI of an ``<...>`` token, its \\u and \\U escapes decoded."""
    return _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), token[1:-1])


def _resolve(base: str, reference: str) -> str:
    """An IRI reference resolved against the base (RFC 3986), as RDF parsers do; an absolute IRI as
    it is (urljoin would drop its empty fragment: ``shacl#`` must stay ``shacl#``)."""
    if not base or _SCHEME.match(reference):
        return reference
    resolved = urljoin(base, reference)
    return resolved + "#" if reference.endswith("#") and not resolved.endswith("#") else resolved


class _Positions:
    """Offset in a text -> (line, column), both 1-based."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def __call__(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def turtle_subjects(path: Path, nodes: set[str] | None = None, text: str | None = None) -> Locations:
    """Each IRI subject of a Turtle or TriG file (among ``nodes``, if given) -> the line and column
    of its first triple.

    A small lexer over the text: comments, strings (long ones may hold ``.`` and line breaks),
    IRIs (resolved against ``@base``/``BASE``), prefixed names (expanded with ``@prefix``/``PREFIX``),
    blank nodes and collections (skipped: not IRIs); a subject is the first term of a statement,
    after the directives; in TriG, a term followed by ``{`` names a graph instead. The file is
    taken as valid (the loader checked it): a stray character is skipped.
    """
    if text is None:
        text = path.read_text(encoding="utf-8", errors="replace")
    position = _Positions(text)
    tokens = _tokens(text)
    prefixes: dict[str, str] = {}
    base = ""
    found: Locations = {}

    def term_iri(kind: str, token: str) -> str | None:
        if kind == "iri":
            return _resolve(base, _iri_text(token))
        if kind == "pname":
            prefix, _, local = token.partition(":")
            namespace = prefixes.get(prefix)
            return None if namespace is None else namespace + _LOCAL_ESCAPE.sub(r"\1", local)
        return None

    def after_directive(period: bool) -> tuple[str, str, int] | None:
        """The token after a directive: its "." is skipped (only @prefix and @base have one)."""
        token = next(tokens, None)
        return next(tokens, None) if period and token is not None and token[1] == "." else token

    depth, at_subject = 0, True
    current = next(tokens, None)
    while current is not None:
        kind, token, offset = current
        following = next(tokens, None)
        if not at_subject:
            if token in _OPEN:
                depth += 1
            elif token in _CLOSE:
                depth = max(depth - 1, 0)
            elif depth == 0 and token in (".", "}"):
                at_subject = True  # "}" also closes a TriG graph whose last triple has no "."
            current = following
            continue
        directive = token.lower() if kind in ("at", "word") else ""
        if directive in ("@prefix", "prefix") and following is not None:
            namespace = next(tokens, ("", "", 0))
            name = following[1]
            prefixes[name[:-1] if name.endswith(":") else name] = term_iri("iri", namespace[1]) or ""
            current = after_directive(directive == "@prefix")
            continue
        if directive in ("@base", "base") and following is not None:
            base = term_iri("iri", following[1]) or base
            current = after_directive(directive == "@base")
            continue
        if directive == "graph" or (following is not None and following[1] == "{"):
            # TriG: the name of the graph whose block follows, not a subject
            current = next(tokens, None) if directive == "graph" else following
            continue
        if token in ("{", "}"):
            current = following
            continue
        subject = term_iri(kind, token)
        if subject is not None and subject not in found and (nodes is None or subject in nodes):
            line, column = position(offset)
            found[subject] = Location(path, line, column)
        at_subject = False
        if token in _OPEN:
            depth += 1
        current = following
    return found


# JSON text: its strings (which may hold brackets) and its brackets; the rest is skipped.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_JSON_OPEN, _JSON_CLOSE = {"[", "{"}, {"]", "}"}


def nesting_beyond(path: Path, limit: int, text: str | None = None) -> tuple[int, int] | None:
    """The line and column of the first bracket of a Turtle, TriG or JSON-LD file nested deeper
    than ``limit`` levels (``[``, ``(``, ``<<``, ``{|`` in Turtle; ``[``, ``{`` in JSON), or None.
    Strings, IRIs and comments are skipped, as :func:`turtle_subjects` reads them."""
    if text is None:
        text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() == ".jsonld":
        tokens = ((match.group(), match.start()) for match in _JSON_TOKEN.finditer(text))
        opening, closing = _JSON_OPEN, _JSON_CLOSE
    else:
        tokens = ((token, offset) for _, token, offset in _tokens(text))
        opening, closing = _OPEN, _CLOSE
    depth = 0
    for token, offset in tokens:
        if token in opening:
            depth += 1
            if depth > limit:
                return _Positions(text)(offset)
        elif token in closing:
            depth = max(depth - 1, 0)
    return None


def line_subjects(path: Path, nodes: set[str] | None = None) -> Locations:
    """Each IRI subject of an N-Triples or N-Quads file (one statement per line) -> the line of its
    first triple, read line by line (these files are the large ones: a national graph)."""
    found: Locations = {}
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            start = len(line) - len(line.lstrip())
            if not line.startswith("<", start):
                continue  # a blank line, a comment, or a blank-node subject
            end = line.find(">", start)
            if end < 0:
                continue
            subject = _iri_text(line[start : end + 1])
            if subject not in found and (nodes is None or subject in nodes):
                found[subject] = Location(path, number, start + 1)
    return found


def rdf_subjects(path: Path, nodes: set[str] | None = None) -> Locations:
    """The subjects of one RDF file (see :func:`turtle_subjects`, :func:`line_subjects`); none for
    a format without statement lines (JSON-LD)."""
    suffix = path.suffix.lower()
    if suffix in _LINE_BASED_SUFFIXES:
        return line_subjects(path, nodes)
    if suffix in TEXT_RDF_SUFFIXES:
        return turtle_subjects(path, nodes)
    return {}


def dossier_locations(dossiers: list[Path], index: ReferenceIndex) -> Locations:
    """Every node the dossiers define -> its YAML entry, as the importer records it (read together,
    as the loader imports them: an entry may refer to another file's)."""
    importer = DossierImporter(index)
    for path in dossiers:
        importer.read(path)
    importer.build()
    return {str(node): location for node, location in importer.locations().items()}


def locate(
    dossiers: list[Path], rdf_files: list[Path], index: ReferenceIndex, *, nodes: Iterable[str] | None = None
) -> Locations:
    """Where the nodes of the user's dossiers and RDF files are written; with ``nodes`` (the IRIs
    to place, e.g. the focus nodes of a report's findings), those only, and nothing is read when
    there are none. A node defined by a dossier and mentioned by an RDF file is placed in the
    dossier; a subject of several RDF files, in the first one."""
    wanted = None if nodes is None else {str(n) for n in nodes}
    if wanted is not None and not wanted:
        return {}
    found: Locations = {}
    if dossiers:
        found.update(
            (iri, loc) for iri, loc in dossier_locations(dossiers, index).items() if wanted is None or iri in wanted
        )
    for path in rdf_files:
        for iri, location in rdf_subjects(path, wanted).items():
            found.setdefault(iri, location)
    return found


__all__ = [
    "Location",
    "Locations",
    "dossier_locations",
    "line_subjects",
    "locate",
    "nesting_beyond",
    "rdf_subjects",
    "turtle_subjects",
]
