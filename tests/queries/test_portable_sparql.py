"""The library's queries and the shapes' SPARQL keep to what every engine answers alike.

These rules come from wrong answers seen on Virtuoso 7 (listed in docs/sparql-store.md); the
differential tests of tests/stores/test_remote_store.py catch them only when the server happens to pick the
faulty plan or page layout, so the rules that can be read from the text are checked here, on every
run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SH

from segur_kg.resources import project_home

HOME = project_home()
QUERIES = sorted((HOME / "queries").glob("*.rq"))
SHAPES = sorted((HOME / "shapes").glob("*.ttl"))

_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_COMMENT = re.compile(r"#[^\n]*")
_IRI = re.compile(r"<[^<>\s]*>")


def _code(sparql: str) -> str:
    """The query without its IRIs, strings and comments (none of which holds an operator)."""
    return _COMMENT.sub("", _STRING.sub('""', _IRI.sub("<>", sparql)))


def _le_or_ge(sparql: str) -> list[str]:
    """Lines comparing with ``<=`` or ``>=`` outside a HAVING clause (aggregates are computed,
    never compared inside the store's pages)."""
    return [
        line.strip()
        for line in _code(sparql).splitlines()
        if re.search(r"<=|>=", line) and not line.lstrip().upper().startswith("HAVING")
    ]


def _shape_selects() -> list[tuple[str, str]]:
    found = []
    for path in SHAPES:
        g = Graph().parse(path, format="turtle")
        found += [(f"{path.name}: {constraint}", str(select)) for constraint, select in g.subject_objects(SH.select)]
    return found


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_library_query_compares_without_le_or_ge(path: Path):
    assert _le_or_ge(path.read_text(encoding="utf-8")) == []


def test_shapes_compare_without_le_or_ge():
    selects = _shape_selects()
    assert len(selects) > 30  # every SPARQL constraint was read
    assert [(where, line) for where, text in selects for line in _le_or_ge(text)] == []


def test_the_check_finds_le_and_ge_and_spares_having_strings_and_comments():
    sparql = """SELECT ?x WHERE {
      ?x <http://example.org/p> "<= in a string" ; ?p ?d .  # ?d <= ?e in a comment
      FILTER (?d <= ?as_of)
      FILTER (?d != "x"^^<http://www.w3.org/2001/XMLSchema#date> && ?e >= 3)
      FILTER (!(?d > ?as_of))
    } GROUP BY ?x
    HAVING (COUNT(?d) >= 2)"""
    assert _le_or_ge(sparql) == ["FILTER (?d <= ?as_of)", 'FILTER (?d != ""^^<> && ?e >= 3)']
