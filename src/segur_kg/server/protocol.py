"""The SPARQL 1.1 Protocol as the endpoint speaks it: result and graph formats, content negotiation,
plain-text replies, and the bounds of a query's text (length, nesting) checked before a worker
analyses it (:mod:`segur_kg.server.analysis`).

See docs/server.md for the formats offered and the limits.
"""

from __future__ import annotations

from dataclasses import dataclass

from segur_kg import sparql_text
from segur_kg.messages import msg

TEXT = "text/plain; charset=utf-8"

Reply = tuple[int, str, bytes]  # status, Content-Type, body


@dataclass(frozen=True)
class Format:
    name: str
    media_type: str  # the Content-Type of the response
    aliases: tuple[str, ...] = ()

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.media_type.split(";")[0], *self.aliases)


RESULT_FORMATS = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv; charset=utf-8"),
    Format("tsv", "text/tab-separated-values; charset=utf-8"),
)
GRAPH_FORMATS = (
    Format("turtle", "text/turtle; charset=utf-8", ("application/x-turtle",)),
    Format("nt", "application/n-triples", ()),
    Format("jsonld", "application/ld+json", ("application/json",)),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml")),
)


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def negotiate(accept: str | None, formats: tuple[Format, ...]) -> Format | None:
    """The format the client prefers among ``formats`` (the first when it says nothing or ``*/*``),
    or None when none is acceptable (406). The most specific media range decides each format's q."""
    if not accept or not accept.strip():
        return formats[0]
    ranges = _accept_ranges(accept)
    best, best_q = None, 0.0
    for fmt in formats:
        q, specificity = 0.0, -1
        for media in fmt.accepted:
            kind = media.split("/")[0]
            for pattern, pq in ranges:
                level = 2 if pattern == media else 1 if pattern == f"{kind}/*" else 0 if pattern == "*/*" else -1
                if level > specificity:
                    specificity, q = level, pq
                elif level == specificity and level >= 0:
                    q = max(q, pq)
        if q > best_q:
            best, best_q = fmt, q
    return best


def plain_text(status: int, message: str) -> Reply:
    """A reply of one message as text/plain, ending with one newline."""
    return status, TEXT, (message.rstrip("\n") + "\n").encode("utf-8")


def not_acceptable(accept: str | None, formats: tuple[Format, ...]) -> Reply:
    """The 406 reply, naming the formats the client could have asked for."""
    offered = ", ".join(f.media_type.split(";")[0] for f in formats)
    return plain_text(406, msg("server.no-acceptable-format", accept=accept, offered=offered))


# Before a query reaches a worker: its size and nesting, so that the parser meets no pathological text.
MAX_QUERY_LENGTH = 100_000  # characters
MAX_QUERY_NESTING = 64  # levels of parentheses, braces and brackets


def check_bounds(text: str, max_length: int = MAX_QUERY_LENGTH, max_nesting: int = MAX_QUERY_NESTING) -> Reply | None:
    """The refusal of a query past the length (413) or nesting (400) limits; None within them."""
    if len(text) > max_length:
        return plain_text(413, msg("server.query-too-long", length=len(text), limit=max_length))
    depth, at = sparql_text.nesting(text, max_nesting)
    if depth > max_nesting:
        return plain_text(400, msg("server.query-too-nested", limit=max_nesting, line=text.count("\n", 0, at) + 1))
    return None


__all__ = [
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "TEXT",
    "MAX_QUERY_LENGTH",
    "MAX_QUERY_NESTING",
    "Format",
    "Reply",
    "check_bounds",
    "negotiate",
    "not_acceptable",
    "plain_text",
]
