"""The IPython extension: ``%load_ext segur_kg``, then a ``%%sparql`` cell runs its SELECT query on the
graph last opened (``segur_kg.open``), or on the one a variable names (``%%sparql kg``), and returns
a DataFrame. The project's prefixes are declared (the store adds them); ``{name}`` in the query is
the notebook's variable ``name`` written as one SPARQL term (:func:`sparql_term`), never as raw text.

A user's mistake (a SPARQL syntax error, an unknown identifier, a bad file) shows as one line, for
every cell while the extension is loaded, not as a traceback.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal

from segur_kg import sparql_text
from segur_kg.errors import InputError, printable
from segur_kg.messages import msg

XSD = "http://www.w3.org/2001/XMLSchema#"
# ``{name}``, outside strings, IRIs, comments and variables: what sparql_text.blank_out leaves readable.
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
# Absolute IRIs only, with none of the characters that would end an IRIREF or leave it (SPARQL 1.1 grammar).
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20]*")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _string(text: str) -> str:
    return '"' + "".join(_ECHAR.get(ch, ch) for ch in text) + '"'


def sparql_term(name: str, value: object) -> str:
    """``value`` as one SPARQL term: a text as an escaped string literal, a date as ``xsd:date``, a
    datetime as ``xsd:dateTime``, integers and booleans bare, other numbers typed, an rdflib URIRef as
    a checked ``<IRI>``, an rdflib Literal as itself. Anything else is refused: nothing reaches the
    query as raw text."""
    from rdflib import Literal, URIRef

    if isinstance(value, URIRef):
        if not _IRI.fullmatch(str(value)):
            raise InputError("%%sparql", "", msg("kg.magic.bad-iri", name=name, iri=str(value)))
        return f"<{value}>"
    if isinstance(value, Literal):
        if value.language:
            return f"{_string(str(value))}@{value.language}"
        if value.datatype is not None:
            return f"{_string(str(value))}^^{sparql_term(name, URIRef(value.datatype))}"
        return _string(str(value))
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):  # a bare integer: xsd:integer, and what LIMIT and OFFSET accept
        return str(int(value))
    if isinstance(value, float):
        lexical = repr(value) if math.isfinite(value) else {"nan": "NaN", "inf": "INF", "-inf": "-INF"}[repr(value)]
        return f'"{lexical}"^^<{XSD}double>'
    if isinstance(value, Decimal) and value.is_finite():
        return f'"{value}"^^<{XSD}decimal>'
    if isinstance(value, datetime):
        return f'"{value.isoformat()}"^^<{XSD}dateTime>'
    if isinstance(value, date):
        return f'"{value.isoformat()}"^^<{XSD}date>'
    raise InputError("%%sparql", "", msg("kg.magic.unsupported-value", name=name, kind=type(value).__name__))


def fill_placeholders(query: str, namespace: dict) -> str:
    """The query with each ``{name}`` outside strings, IRIs and comments replaced by the SPARQL term of
    ``namespace[name]``; a name the namespace lacks is the user's mistake."""
    blanked = sparql_text.blank_out(query)
    parts, end = [], 0
    for m in _PLACEHOLDER.finditer(blanked):
        name = m[1]
        if name not in namespace:
            raise InputError("%%sparql", "", msg("kg.magic.unknown-parameter", name=name))
        parts += [query[end : m.start()], sparql_term(name, namespace[name])]
        end = m.end()
    parts.append(query[end:])
    return "".join(parts)


class CellError(Exception):
    """A user's mistake in a cell, shown by IPython as its one line (``_render_traceback_``)."""

    def _render_traceback_(self) -> list[str]:
        return [printable(str(self))]


def _graph_for(line: str, namespace: dict):
    from segur_kg.kg import KnowledgeGraph, last_opened

    words = line.split()
    if len(words) > 1:
        raise InputError("%%sparql", "", msg("kg.magic.bad-line", line=line.strip()))
    if not words:
        graph = last_opened()
        if graph is None:
            raise InputError("%%sparql", "", msg("kg.magic.no-graph"))
        return graph
    graph = namespace.get(words[0])
    if not isinstance(graph, KnowledgeGraph):
        raise InputError("%%sparql", "", msg("kg.magic.not-a-graph", name=words[0]))
    return graph


def run_cell(line: str, cell: str, namespace: dict):
    """What ``%%sparql LINE`` does with ``cell``: the query's rows as a DataFrame."""
    graph = _graph_for(line, namespace)
    return graph.query(fill_placeholders(cell, namespace)).to_frame()


def _one_line(shell, etype, value, tb, tb_offset=None):
    """IPython's handler of a user's mistake: its one line, without traceback."""
    print(f"{msg('cli.error')}: {printable(str(value))}")


def load_ipython_extension(ipython) -> None:
    """``%load_ext segur_kg``: the ``%%sparql`` cell magic, and users' mistakes shown as one line."""
    from IPython.core.magic import Magics, cell_magic, magics_class

    from segur_kg.engine import EngineError

    @magics_class
    class SparqlMagics(Magics):
        @cell_magic
        def sparql(self, line: str, cell: str):
            """%%sparql [KG]: run the cell's SELECT query on KG (default: the graph last opened);
            {name} is the notebook variable name, as a SPARQL term."""
            try:
                return run_cell(line, cell, self.shell.user_ns)
            except (InputError, EngineError) as exc:
                raise CellError(f"{msg('cli.error')}: {exc}") from None

    ipython.register_magics(SparqlMagics)
    ipython.set_custom_exc((InputError, EngineError), _one_line)


def unload_ipython_extension(ipython) -> None:
    """``%unload_ext segur_kg``: the magic removed, tracebacks as usual again."""
    ipython.magics_manager.magics["cell"].pop("sparql", None)
    ipython.set_custom_exc((), None)


__all__ = ["CellError", "fill_placeholders", "load_ipython_extension", "sparql_term", "unload_ipython_extension"]
