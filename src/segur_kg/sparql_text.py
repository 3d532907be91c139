"""Reading SPARQL query text without running it: one lexer for every place that needs to know what
a query's text says (its form, where its WHERE group opens, how deeply it nests).

The lexer finds the parts of a query whose content is not code (comments, string literals, IRIs,
variable names, the local part of prefixed names) and :func:`blank_out` replaces them by spaces,
keeping every offset: what is left are keywords, function names, numbers, punctuation and prefix
labels, which plain regular expressions can then read safely.

It is no security check: what the endpoint lets a query do is decided by a parser of the SPARQL 1.1
grammar (``segur_kg.server.analysis``); :func:`nesting` only bounds what that parser is given.
"""

from __future__ import annotations

import re

_LEXEME = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)
                | \"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|\Z)
                | '(?:[^'\\\n\r]|\\.)*'?
                | "(?:[^"\\\n\r]|\\.)*"?)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F\u2040]*)
    | (?P<local>:(?:[\w\-%\u00B7:]|\\.)*)
    """,
    re.VERBOSE | re.DOTALL,
)
# The first keyword after the prologue (BASE, PREFIX, VERSION declarations), in blanked-out text.
_FIRST_KEYWORD = re.compile(r"\A\s*(?:(?:BASE|VERSION|PREFIX\s*[\w\-.\u00B7]*:)\s*)*+([A-Za-z]+)", re.IGNORECASE)
_WHERE_GROUP = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")


def blank_out(text: str) -> str:
    """The query's text with comments, strings, IRIs, variables and prefixed names' local parts
    replaced by spaces (a prefixed name keeps its colon), offsets unchanged."""
    return _LEXEME.sub(_blank, text)


def _blank(m: re.Match) -> str:
    # A prefixed name keeps its colon: a prologue's empty label (``PREFIX : <…>``) stays visible.
    if m.lastgroup == "local":
        return ":" + " " * (len(m.group(0)) - 1)
    return " " * len(m.group(0))


def first_keyword(text: str) -> str | None:
    """The first keyword after the prologue, upper case (``SELECT``, ``CONSTRUCT``, ``INSERT``...),
    or None when the text starts with something else."""
    m = _FIRST_KEYWORD.match(blank_out(text))
    return m.group(1).upper() if m else None


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; None when the text is not one of these queries."""
    keyword = first_keyword(text)
    return keyword if keyword in QUERY_FORMS else None


def outer_brace(text: str) -> int:
    """Offset of the ``{`` that opens the outermost group (a SELECT's projection has none), or -1."""
    return blank_out(text).find("{")


def open_where(text: str, inserted: str) -> str | None:
    """``inserted`` placed at the start of the query's first ``WHERE {`` group; None without one."""
    m = _WHERE_GROUP.search(blank_out(text))
    if m is None:
        return None
    return text[: m.end()] + " " + inserted + text[m.end() :]


# Brackets outside comments, strings and IRIs; a backslash outside them escapes one character of a
# local name (``ex:a\(`` is no bracket, ``ex:a\'`` no quote), as PN_LOCAL_ESC says.
_NESTING = re.compile(
    r"""
      \#[^\n\r]*
    | '''(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|\Z)
    | '(?:[^'\\\n\r]|\\.)*'?
    | "(?:[^"\\\n\r]|\\.)*"?
    | <[^<>"{}|^`\\\x00-\x20]*>
    | \\.
    | (?P<open>[(\[{])
    | (?P<close>[)\]}])
    """,
    re.VERBOSE | re.DOTALL,
)


def nesting(text: str, limit: int | None = None) -> tuple[int, int]:
    """The deepest nesting of parentheses, braces and brackets in the query's code, and the offset
    where it is first reached; with ``limit``, the scan stops at the first bracket past it."""
    depth = deepest = at = 0
    for m in _NESTING.finditer(text):
        if m.lastgroup == "open":
            depth += 1
            if depth > deepest:
                deepest, at = depth, m.start()
                if limit is not None and depth > limit:
                    break
        elif m.lastgroup == "close":
            depth = max(0, depth - 1)
    return deepest, at
