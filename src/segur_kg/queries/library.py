"""The query library (``queries/*.rq``): what a query's header declares (:class:`QueryDef`,
:class:`Param`), the one parser of that header, and finding a query by name or file. The header's
keys are documented in ``queries/README.md``; binding parameters is :mod:`segur_kg.queries.binding`,
running a query (with the engine's decisions when it ``needs: derived``) :mod:`segur_kg.queries.running`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from segur_kg import limits, sparql_text
from segur_kg.errors import InputError
from segur_kg.messages import msg, text
from segur_kg.resources import queries_dir

DATATYPES = ("xsd:string", "xsd:date", "xsd:integer", "xsd:decimal", "xsd:boolean")

_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\(\s*(?P<type>[\w:]+)\s*"
    r"(?:,\s*(?:default\s+(?P<default>[^)]*?)|(?P<optional>optional)))?\s*\)\s*(?:(?:—|--|-|:)\s*(?P<doc>.*))?$"
)
_HEADER = re.compile(r"^#\s*(?P<key>[a-z][a-z-]*)\s*:\s*(?P<value>.*?)\s*$")
_BRACKET = re.compile(r"[(){}\[\]]")


@dataclass
class Param:
    """A declared parameter: ``default`` is its text (``today`` for a date means the day it runs);
    ``optional`` means it may stay unbound."""

    name: str
    datatype: str
    default: str | None = None
    optional: bool = False
    doc: str = ""  # in English, as the ``param:`` line says it
    doc_fr: str = ""  # from the ``param-fr:`` line

    @property
    def required(self) -> bool:
        return self.default is None and not self.optional

    def describe(self, lang: str = "en") -> str:
        """``name (type, default value)``, ``(type, optional)`` or ``(type, required)`` in ``lang``."""
        if self.default is not None:
            default = text("queries.param-today", lang) if self.default == "today" else self.default
            return f"{self.name} ({self.datatype}, {text('queries.param-default', lang, value=default)})"
        state = text("queries.param-optional" if self.optional else "queries.param-required", lang)
        return f"{self.name} ({self.datatype}, {state})"

    def doc_in(self, lang: str) -> str:
        return (self.doc_fr or self.doc) if lang == "fr" else self.doc

    def declaration(self) -> str:
        """The parameter as a ``# param:`` header line declares it (after ``param:``)."""
        return f"{self.describe()} — {self.doc}" if self.doc else self.describe()


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
        elif key == "param-fr":
            name, _, doc = value.partition("—")
            for param in q.params:
                if param.name == name.strip():
                    param.doc_fr = doc.strip()
        elif key == "param":
            pm = _PARAM.match(value)
            if not pm or pm["type"] not in DATATYPES:
                raise InputError(
                    path,
                    msg("queries.line", number=number),
                    msg("queries.malformed-parameter", value=value, datatypes=", ".join(DATATYPES)),
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


def check_query_text(query: str, where: str | Path) -> None:
    """A query within the bounds of :mod:`segur_kg.limits`, checked before an engine parses it:
    its size (:data:`~segur_kg.limits.QUERY_BYTES`) and how deep its brackets ``( ) { } [ ]`` nest
    outside strings, IRIs and comments (:data:`~segur_kg.limits.QUERY_NESTING`). The engines parse
    recursively: pyoxigraph overflows the stack at a few thousand levels, rdflib far sooner."""
    size = limits.utf8_size(query)
    if size > limits.QUERY_BYTES.value():
        limit = limits.QUERY_BYTES
        raise InputError(where, "", msg("queries.too-large", size=size, limit=limit.value(), variable=limit.variable))
    deepest = limits.QUERY_NESTING.value()
    depth = 0
    for bracket in _BRACKET.finditer(sparql_text.blank_out(query)):
        if bracket.group() in "({[":
            depth += 1
            if depth > deepest:
                offset = bracket.start()
                line = query.count("\n", 0, offset) + 1
                column = offset - (query.rfind("\n", 0, offset) + 1) + 1
                raise InputError(
                    where,
                    msg("queries.line-column", line=line, column=column),
                    msg("queries.too-deep", limit=deepest, variable=limits.QUERY_NESTING.variable),
                )
        else:
            depth = max(depth - 1, 0)


def _read_query_file(path: Path) -> str:
    text = limits.read_text(path, limits.QUERY_BYTES, "queries.too-large")
    return text.replace("\r\n", "\n").replace("\r", "\n")  # line breaks as a text-mode read gives them


def query_files(folder: Path | None = None) -> list[Path]:
    """The ``.rq`` files of ``folder`` (the project's ``queries/`` by default), by name."""
    return sorted((queries_dir() if folder is None else folder).glob("*.rq"))


def library() -> list[QueryDef]:
    """Every query of ``queries/``, by name."""
    return [parse_header(p.read_text(encoding="utf-8"), p) for p in query_files()]


def resolve(name_or_file: str) -> QueryDef:
    """A library query by its name (``candidatures-at-risk``), or a ``.rq`` file by its path."""
    path = Path(name_or_file)
    looks_like_file = name_or_file.endswith(".rq") or "/" in name_or_file or "\\" in name_or_file
    if looks_like_file or (path.is_file() and not (queries_dir() / f"{name_or_file}.rq").is_file()):
        if not path.is_file():
            raise InputError(path, "", msg("queries.no-such-file"))
        text = _read_query_file(path)
        check_query_text(text, path)
        return parse_header(text, path)
    candidate = queries_dir() / f"{name_or_file}.rq"
    if not candidate.is_file():
        names = ", ".join(q.name for q in library())
        raise InputError("query", "", msg("queries.unknown-query", name=name_or_file, names=names))
    return parse_header(candidate.read_text(encoding="utf-8"), candidate)


def listing(lang: str) -> list[dict]:
    """The library as rows for ``segur-kg query --list``."""
    return [
        {
            "name": q.name,
            "title": q.title(lang),
            "question": q.question(lang),
            "params": [
                p.describe(lang) + (text("queries.param-doc", lang, doc=p.doc_in(lang)) if p.doc_in(lang) else "")
                for p in q.params
            ],
            "rules": q.rules,
            "needs_derived": q.needs_derived,
        }
        for q in library()
    ]


__all__ = [
    "DATATYPES",
    "check_query_text",
    "Param",
    "QueryDef",
    "library",
    "listing",
    "parse_header",
    "query_files",
    "resolve",
]
