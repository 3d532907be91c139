"""A query's parameters: ``--param name=value`` assignments, their SPARQL literals typed after the
declared datatype, and their injection into the query as ``VALUES``.

A parameter is bound by injecting ``VALUES ?name { literal }`` at the start of the outermost WHERE
group. A parameter declared ``optional`` and not given is not injected: its variable stays free and
the query answers for every value.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from rdflib.namespace import XSD

from segur_kg import sparql_text
from segur_kg.errors import InputError
from segur_kg.messages import msg
from segur_kg.queries.library import Param, QueryDef

XSD_NS = str(XSD)


def parse_assignments(items: list[str] | None) -> dict[str, str]:
    """``["as_of=2026-07-01", "within=45"]`` -> ``{"as_of": "2026-07-01", "within": "45"}``."""
    given: dict[str, str] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError("--param", "", msg("queries.assignment-expected", item=item))
        if name in given:
            raise InputError("--param", "", msg("queries.parameter-given-twice", name=name))
        given[name] = value.strip()
    return given


def _literal(param: Param, text: str, query: str) -> str:
    """The SPARQL literal of ``text`` for the parameter's datatype; a value that does not parse is
    the user's mistake, named after the parameter."""

    def bad(expected: str) -> InputError:
        return InputError(
            "--param", param.name, msg("queries.bad-value", value=text, expected=msg(expected), query=query)
        )

    dt = param.datatype
    if dt == "xsd:string":
        escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        return f'"{escaped}"'
    if dt == "xsd:date":
        if text == "today":
            value = date.today()
        else:
            try:
                value = date.fromisoformat(text)
            except ValueError:
                raise bad("queries.expected-date") from None
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise bad("queries.expected-date")
        return f'"{value.isoformat()}"^^<{XSD_NS}date>'
    if dt == "xsd:integer":
        if not re.fullmatch(r"[+-]?\d+", text):
            raise bad("queries.expected-integer")
        return f'"{int(text)}"^^<{XSD_NS}integer>'
    if dt == "xsd:decimal":
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise bad("queries.expected-decimal") from None
        if not value.is_finite():
            raise bad("queries.expected-decimal")
        return f'"{value}"^^<{XSD_NS}decimal>'
    if dt == "xsd:boolean":
        low = text.lower()
        if low in ("true", "1", "oui", "yes"):
            return f'"true"^^<{XSD_NS}boolean>'
        if low in ("false", "0", "non", "no"):
            return f'"false"^^<{XSD_NS}boolean>'
        raise bad("queries.expected-boolean")
    raise AssertionError(dt)  # parse_header only lets DATATYPES through


def bind(q: QueryDef, given: dict[str, str]) -> dict[str, str]:
    """The SPARQL literal of every parameter to inject: given, else its default; optional ones
    without a value are left out. Unknown, missing or unparsable parameters are the user's mistake."""
    for name in given:
        if q.param(name) is None:
            known = ", ".join(p.name for p in q.params) or msg("queries.none")
            raise InputError("--param", name, msg("queries.unknown-parameter", query=q.name, known=known))
    bound: dict[str, str] = {}
    for p in q.params:
        if p.name in given:
            bound[p.name] = _literal(p, given[p.name], q.name)
        elif p.default is not None:
            bound[p.name] = _literal(p, p.default, q.name)
        elif not p.optional:
            raise InputError("--param", p.name, msg("queries.required-parameter", query=q.name, name=p.name))
    return bound


def as_of(q: QueryDef, bound: dict[str, str]) -> date:
    """The date to derive the engine's decisions for: the ``as_of`` parameter, else today."""
    literal = bound.get("as_of")
    if literal and q.param("as_of") and q.param("as_of").datatype == "xsd:date":
        return date.fromisoformat(literal[1:11])
    return date.today()


def inject(text: str, bound: dict[str, str], where: str = "query") -> str:
    """The query with one ``VALUES ?name { literal }`` per bound parameter at the start of its WHERE group."""
    if not bound:
        return text
    at = sparql_text.outer_brace(text)
    if at < 0:
        raise InputError(where, "", msg("queries.no-where-block", block="{ … }"))
    values = "".join(f"\n  VALUES ?{name} {{ {literal} }}" for name, literal in bound.items())
    return text[: at + 1] + values + text[at + 1 :]


__all__ = ["as_of", "bind", "inject", "parse_assignments"]
