"""The fast engine checks sh:datatype lexical forms with regular expressions (portable to every SPARQL
server, where a failing cast may abort a query): they must accept exactly the XSD lexical space."""

from __future__ import annotations

import calendar
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib.namespace import XSD

from segur_kg.stores import OxigraphStore
from segur_kg.validation.engines.fast import LEXICAL

DATE = re.compile(LEXICAL[XSD.date])


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32))
def test_a_date_matches_when_the_calendar_has_that_day(year, month, day):
    text = f"{year:04d}-{month:02d}-{day:02d}"
    expected = 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year if year else 2000, month)[1]
    assert bool(DATE.match(text)) == expected, text


@pytest.mark.parametrize(
    "text, ok",
    [
        ("2024-02-29", True),
        ("2026-02-29", False),
        ("2000-02-29", True),
        ("1900-02-29", False),
        ("2026-04-31", False),
        ("2026-12-31", True),
        ("2026-07-01Z", True),
        ("2026-07-01+02:00", True),
        ("2026-07-01+15:00", False),
        ("2026-7-1", False),
        ("26-07-01", False),
        ("2026-07-01 ", False),
        ("12026-07-01", True),
        ("01/07/2026", False),
        ("", False),
    ],
)
def test_date_lexical_forms(text, ok):
    assert bool(DATE.match(text)) == ok


@pytest.mark.parametrize(
    "datatype, good, bad",
    [
        (XSD.boolean, ["true", "false", "1", "0"], ["yes", "True", "", " true"]),
        (XSD.integer, ["0", "-12", "+7", "007"], ["1.0", "1e3", "", "x"]),
        (XSD.decimal, ["1.5", "-.5", "3.", "+0"], ["1e3", ".", ""]),
        (XSD.double, ["1e3", "-1.5E-2", "INF", "-INF", "NaN", "3"], ["e3", "inf", "1e", ""]),
        (
            XSD.dateTime,
            ["2026-07-01T10:00:00", "2026-07-01T23:59:59.5Z", "2026-07-01T24:00:00"],
            ["2026-07-01", "2026-07-01T25:00:00", "2026-07-01T10:00"],
        ),
    ],
)
def test_other_lexical_forms(datatype, good, bad):
    pattern = re.compile(LEXICAL[datatype])
    assert [t for t in good if not pattern.match(t)] == []
    assert [t for t in bad if pattern.match(t)] == []


def test_sparql_regex_agrees_with_python_on_the_store():
    # The same expression, as the fast engine sends it, on pyoxigraph's XPath regular expressions.
    samples = ["2024-02-29", "2026-02-29", "2026-13-01", "2026-07-01Z", "2026-04-31", "1900-02-29"]
    store = OxigraphStore()
    store.load("".join(f'<urn:s{i}> <urn:p> "{t}" .\n' for i, t in enumerate(samples)), "nt")
    rows = store.select_values(f'SELECT ?v WHERE {{ ?s <urn:p> ?v FILTER REGEX(?v, "{LEXICAL[XSD.date]}") }}')
    assert sorted(r[0] for r in rows) == sorted(t for t in samples if DATE.match(t))
    assert sorted(r[0] for r in rows) == ["2024-02-29", "2026-07-01Z"]
