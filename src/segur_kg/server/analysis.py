"""What a query sent to the endpoint is, read with a parser of the SPARQL 1.1 grammar before anything
runs it: its form, whether it names a dataset, and the refusals (an update, SERVICE anywhere, a text
that cannot be analysed). It runs in the worker processes, under the query's time limit.

The parser is rdflib's (``rdflib.plugins.sparql.parser``, pyparsing), whose parse tree names every
SERVICE pattern, at any depth (EXISTS, MINUS, OPTIONAL, subqueries...). What the engine runs is the
text this parser read: its ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes expanded first, as SPARQL 1.1
§19.2 says and rdflib does, so that pyoxigraph, which expands them only inside strings and IRIs,
reads the same query. Why, and the cost: docs/server.md ("SERVICE and updates").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from segur_kg.messages import msg

# The parse tree's name of each query form, and of the one pattern that reaches the network.
_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
_SERVICE = "ServiceGraphPattern"
# A worker keeps the analyses of the last ANALYSIS_CACHE_SIZE texts it read (up to CACHED_LENGTH
# characters each): a saved query run again is not parsed again.
ANALYSIS_CACHE_SIZE = 256
CACHED_LENGTH = 20_000


class Refused(Exception):
    """The query is not run: ``status`` and the message for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True)
class Analysis:
    text: str  # what the engine runs: the query with its codepoint escapes expanded
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    names_dataset: bool  # FROM or FROM NAMED
    tree: Any  # rdflib's parse tree (the rdflib engine translates it rather than parsing again)

    @property
    def kind(self) -> str:
        """``results`` (SELECT, ASK) or ``graph`` (CONSTRUCT, DESCRIBE)."""
        return "results" if self.form in ("SELECT", "ASK") else "graph"


def names_in(node: Any, found: set[str] | None = None) -> set[str]:
    """The names of every part of a parse tree (``SelectQuery``, ``ServiceGraphPattern``...)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    found = set() if found is None else found
    stack = [node]
    while stack:  # iterative: a deeply nested tree must not exhaust the stack here
        item = stack.pop()
        if isinstance(item, CompValue):
            found.add(item.name)
            stack.extend(item.values())
        elif isinstance(item, list | tuple | ParseResults):
            stack.extend(item)
    return found


def expand_escapes(text: str) -> str:
    """The text with its codepoint escapes expanded once, as rdflib's parser does; refuses an
    invalid escape and an escape that yields another one (which rdflib would expand again)."""
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes, expandUnicodeEscapes_re

    try:
        expanded = expandUnicodeEscapes(text)
    except ValueError as exc:
        raise Refused(400, msg("server.query-escape-invalid", detail=exc)) from None
    again = expandUnicodeEscapes_re.search(expanded)
    if again:
        raise Refused(400, msg("server.query-escape-twice", escape=again.group(0)))
    return expanded


def _syntax_error(exc: Exception) -> Refused:
    line, column = getattr(exc, "lineno", None), getattr(exc, "col", None)
    detail = str(getattr(exc, "msg", exc))
    found = getattr(exc, "found", None)
    if found:
        detail += msg("server.query-syntax-found", found=found)
    if line is None:
        return Refused(400, msg("server.query-not-analysable", detail=detail))
    return Refused(400, msg("server.query-syntax", line=line, column=column, detail=detail))


def _never_evaluated(*args: Any) -> None:
    raise PermissionError("SERVICE is never run on this endpoint")


def _grammar() -> tuple[Any, Any]:
    """rdflib's Query and UpdateUnit rules, once its SERVICE rule no longer copies its text.

    When it parses a SERVICE pattern, rdflib copies the pattern's text by searching the whole query
    again from its start, with comments skipped; a ``#`` anywhere before (in a string, an IRI) hides
    the pattern from that search, and the query then fails to parse at SERVICE; each pattern also
    costs a scan of the whole text. The endpoint never runs SERVICE, so the rule is given an
    evaluation function, which makes rdflib keep the pattern (same name, same parts) without the copy.
    """
    from rdflib.plugins.sparql import parser

    if parser.ServiceGraphPattern.evalfn is None:
        parser.ServiceGraphPattern.setEvalFn(_never_evaluated)
    return parser.Query, parser.UpdateUnit


def analyse(query: str) -> Analysis:
    """The query's analysis, or :class:`Refused`: 403 for an update or SERVICE, 400 for a text the
    parser does not read (a syntax error, SPARQL beyond 1.1, a nesting past the recursion limit)."""
    from pyparsing import ParseBaseException

    Query, UpdateUnit = _grammar()
    text = expand_escapes(query)
    try:
        tree = Query.parse_string(text, parse_all=True)
    except RecursionError:
        raise Refused(400, msg("server.query-too-deep")) from None
    except ParseBaseException as exc:
        try:
            UpdateUnit.parse_string(text, parse_all=True)
        except (ParseBaseException, RecursionError):
            raise _syntax_error(exc) from None
        raise Refused(403, msg("server.update-refused")) from None
    except Exception as exc:  # rdflib's parse actions raise their own (a bad literal, an IRI...)
        raise Refused(400, msg("server.query-not-analysable", detail=f"{type(exc).__name__}: {exc}")) from None
    names = names_in(tree)
    if _SERVICE in names:
        raise Refused(403, msg("server.service-refused"))
    body = tree[-1]  # after the prologue
    form = _FORMS.get(getattr(body, "name", ""))
    if form is None:
        raise Refused(400, msg("server.query-form-expected"))
    # CompValue.get answers the key itself when it is missing: ask with ``in``.
    return Analysis(text, form, "datasetClause" in body, tree)


@functools.lru_cache(maxsize=ANALYSIS_CACHE_SIZE)
def _analysis_or_refusal(query: str) -> Analysis | Refused:
    try:
        return analyse(query)
    except Refused as refusal:
        return refusal


def analyse_again(query: str) -> Analysis:
    """:func:`analyse`, from the worker's cache when it read the same text lately. The parse tree is
    shared: for engines that only read ``text``, ``form`` and ``names_dataset`` (pyoxigraph)."""
    if len(query) > CACHED_LENGTH:
        return analyse(query)
    found = _analysis_or_refusal(query)
    if isinstance(found, Refused):
        raise Refused(found.status, found.message)  # a fresh exception: a raised one keeps its traceback
    return found


__all__ = ["Analysis", "Refused", "analyse", "analyse_again", "expand_escapes", "names_in"]
