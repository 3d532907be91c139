"""What ``segur-kg query`` prints: result terms as plain values or as shown in a table, SELECT results
as SPARQL 1.1 CSV or JSON, the rich table, and the listing of the library (``--list``)."""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from segur_kg.errors import printable
from segur_kg.messages import msg
from segur_kg.namespaces import PREFIXES
from segur_kg.queries.library import QueryDef, listing
from segur_kg.stores import SelectResult

_INTEGER_TYPES = {
    str(XSD[t])
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
    )
}


def plain(term):
    """A result term as a plain Python value: integers as int, booleans as bool, anything else as
    its lexical form or IRI (dates stay ``YYYY-MM-DD`` strings); unbound as None."""
    if term is None:
        return None
    if isinstance(term, Literal):
        dt = str(term.datatype) if term.datatype else None
        if dt in _INTEGER_TYPES:
            return int(str(term))
        if dt == str(XSD.boolean):
            return str(term) in ("true", "1")
        return str(term)
    return str(term)


def rows(result: SelectResult) -> list[tuple]:
    return [tuple(plain(t) for t in row) for row in result.rows]


def _compact(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)) and len(iri) > len(str(ns)):
            return f"{prefix}:{iri[len(str(ns)) :]}"
    return iri


def display(term) -> str:
    """A term as shown in a table: IRIs compacted with the project's prefixes."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return _compact(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def to_csv(result: SelectResult) -> str:
    """CSV with a header row of the variable names; IRIs in full, literals as their lexical form,
    unbound as an empty cell (the SPARQL 1.1 CSV results convention)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(result.vars)
    for row in result.rows:
        writer.writerow(["" if t is None else (f"_:{t}" if isinstance(t, BNode) else str(t)) for t in row])
    return buf.getvalue()


def _json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype and str(term.datatype) != str(XSD.string):
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: SelectResult) -> str:
    """The SPARQL 1.1 Query Results JSON Format: ``{"head": {"vars": [...]}, "results": {"bindings": [...]}}``;
    an unbound variable is absent from its binding."""
    bindings = [
        {v: _json_term(t) for v, t in zip(result.vars, row, strict=True) if t is not None} for row in result.rows
    ]
    return (
        json.dumps(
            {"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=2
        )
        + "\n"
    )


def print_table(console, q: QueryDef, result: SelectResult, lang: str) -> None:
    """The results as a table on the terminal. The values are the graph's and the title the query
    file's: shown as plain text (rich would read ``[/bold]`` as markup, and fail on it) and made
    printable (an escape sequence in a literal would act on the terminal); CSV and JSON keep them as they are."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(printable(q.title(lang))))
    for var in result.vars:
        table.add_column(Text(var))
    for row in result.rows:
        table.add_row(*(Text(printable(display(t))) for t in row))
    console.print(table)
    console.print(msg("queries.row-count", n=len(result.rows)))


def render_listing(lang: str, format: str) -> str | None:
    """``--list`` as csv or json text; None for the table, which :func:`print_listing` prints."""
    items = listing(lang)
    if format == "json":
        return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    if format == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(["name", "title", "params", "rules", "needs_derived"])
        for i in items:
            writer.writerow(
                [i["name"], i["title"], "; ".join(i["params"]), ", ".join(i["rules"]), str(i["needs_derived"]).lower()]
            )
        return buf.getvalue()
    return None


def print_listing(console, lang: str) -> None:
    """One block per query: name and title, the question, its parameters and rules (lines are not
    wrapped, so a title stays on its line)."""
    from rich.text import Text

    console.print(Text(msg("queries.listing-usage"), style="bold"))
    for i in listing(lang):
        console.print()
        derived = msg("queries.listing-derived") if i["needs_derived"] else ""
        console.print(Text.assemble((i["name"], "bold cyan"), " — ", (i["title"], "bold"), derived))
        console.print(Text("    " + i["question"]))
        for param in i["params"]:
            console.print(Text("    --param " + param))
        console.print(Text("    " + msg("queries.listing-rules") + ", ".join(i["rules"])))


__all__ = ["display", "plain", "print_listing", "print_table", "render_listing", "rows", "to_csv", "to_json"]
