"""`segur-kg risks` and the `candidatures-at-risk` query follow one definition (docs/engine.md,
"Candidatures at risk at Date 2"): on the demo data, on dates before and after the dispositifs'
Date 2 and around the decisions, both list the same candidatures, with the same rules and days.

Dates of the demo: Date 2 of DUI-MS-VA2 is 2026-07-31, of LGC-SF-VA2 2026-09-30. C4-CAND-DOM records
its root NRU on 07-02; C3-CAND-C never records one and is decided (rejected) on 08-07."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest

from helpers.cli import invoke

COLUMNS = ("candidature", "dispositif", "date2", "days_left", "intended_root", "root_nru", "rule")

DATES = [
    ("2026-03-01", 365),  # long before Date 2: every candidature that names a root and has not recorded it
    ("2026-05-01", 30),  # 91 days before the MS Date 2: nothing near yet
    ("2026-06-01", 90),
    ("2026-07-01", 30),  # C4-CAND-DOM's root is referenced (06-26), its NRU recorded only on 07-02
    ("2026-07-02", 30),
    ("2026-07-31", 30),  # on Date 2: still ROOT-2
    ("2026-08-01", 30),  # just after Date 2: ROOT-3
    ("2026-08-06", 30),  # the day before C3-CAND-C's decision
    ("2026-08-07", 30),  # C3-CAND-C decided (rejected): no longer at risk
    ("2026-10-15", 45),  # after the SF Date 2
    ("2026-12-02", 45),  # long after: the dossiers are decided
]


@lru_cache
def risks(as_of: str, within: int) -> list[tuple]:
    result = invoke("risks", "--demo", "--as-of", as_of, "--within", within, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [
        (
            r["candidature"],
            r["dispositif"],
            r["date2"],
            r["days_left"],
            r["intended_root"],
            r["root_nru_obtained"],
            r["rule"],
        )
        for r in json.loads(result.stdout)
    ]


@lru_cache
def query(as_of: str, within: int, store: str = "memory") -> list[tuple]:
    result = invoke(
        "query", "candidatures-at-risk", "--demo", "--store", store,
        "-p", f"as_of={as_of}", "-p", f"within={within}", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert tuple(doc["head"]["vars"]) == COLUMNS
    rows = []
    for b in doc["results"]["bindings"]:
        row = tuple(b[v]["value"] if v in b else None for v in COLUMNS)
        rows.append(row[:3] + (int(row[3]),) + row[4:])
    return rows


@pytest.mark.parametrize("as_of,within", DATES)
def test_ROOT_2_ROOT_3_ROOT_4_risks_and_the_query_agree(as_of, within):
    assert risks(as_of, within) == query(as_of, within)


@pytest.mark.parametrize("as_of,within", [("2026-07-01", 30), ("2026-08-06", 30)])
def test_ROOT_2_ROOT_3_the_query_agrees_on_rdflib_too(as_of, within):
    assert query(as_of, within, "rdflib") == risks(as_of, within)


def test_ROOT_3_a_candidature_is_at_risk_after_Date_2_until_its_decision():
    late = ("C3-CAND-C", "DUI-MS-VA2", "2026-07-31", -6, "C3-CAND-P", None, "ROOT-3")
    assert risks("2026-08-06", 30) == [late]
    assert risks("2026-08-07", 30) == []
    # after its decision, even once its intended root is referenced (08-28) and on a long horizon
    assert risks("2026-12-02", 400) == []


def test_ROOT_2_recording_the_root_NRU_ends_the_risk():
    assert [r[0] for r in risks("2026-07-01", 30)] == ["C3-CAND-C", "C4-CAND-DOM"]
    assert [r[0] for r in risks("2026-07-02", 30)] == ["C3-CAND-C"]
    assert risks("2026-07-31", 30)[0][3:] == (0, "C3-CAND-P", None, "ROOT-2")  # Date 2 itself: ROOT-2
