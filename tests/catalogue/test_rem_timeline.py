"""`segur-kg rem show` and `rem diff` on the ANS's real Squash export: counts computed here from the workbook with
openpyxl, IT1 -> IT2 on REM_LGC by value, a changed requirement and the perimeters it changes, bad names (exit 2).

Input: ../shared/reference-data/ans-squash-export-2022/export_full.xlsx, read in place (skipped when absent).
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import replace
from datetime import date

import openpyxl
import pytest

from helpers.cli import invoke
from helpers.paths import SHARED
from segur_kg.catalogue import impact, sources, timeline
from segur_kg.engine import Engine
from segur_kg.ingest.loader import load
from segur_kg.ingest.rem import read_rem

EXPORT = SHARED / "reference-data" / "ans-squash-export-2022" / "export_full.xlsx"
pytestmark = pytest.mark.skipif(not EXPORT.is_file(), reason=f"shared Squash export not found at {EXPORT}")
REMS = ["REM_BIO", "REM_DB", "REM_HOP-DPI", "REM_HOP-PFI", "REM_LGC", "REM_RIS"]
MILESTONES = ["IT1", "IT2", "Version 1.0"]


@pytest.fixture(scope="module")
def spreadsheet_in_force() -> dict[tuple[str, str], dict[int, int]]:
    """(REM code, milestone) -> REQ_ID -> highest version number not OBSOLETE, straight from the sheet."""
    sheet = openpyxl.load_workbook(EXPORT, read_only=True)["REQUIREMENT"]
    rows = sheet.iter_rows(values_only=True)
    header = list(next(rows))
    col = {name: header.index(name) for name in header if name}
    found: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for row in rows:
        project = str(row[col["PROJECT_NAME"]] or "")
        code = project.split("_", 2)[0] + "_" + project.split("_", 2)[1] if project.startswith("REM_") else ""
        if code not in REMS or row[col["REQ_VERSION_STATUS"]] == "OBSOLETE":
            continue
        for milestone in str(row[col["REQ_VERSION_MILESTONE"]] or "").split("|"):
            held = found[(code, milestone)]
            req, number = int(row[col["REQ_ID"]]), int(row[col["REQ_VERSION_NUM"]])
            held[req] = max(held.get(req, 0), number)
    return found


@pytest.fixture(scope="module")
def catalogues():
    return read_rem(EXPORT).catalogues


@pytest.mark.parametrize("rem", REMS)
@pytest.mark.parametrize("milestone", MILESTONES)
def test_rem_show_counts_the_versions_in_force_as_the_spreadsheet_does(rem, milestone, spreadsheet_in_force):
    result = invoke("rem", "show", rem, EXPORT, "--milestone", milestone, "--format", "json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    expected = spreadsheet_in_force[(rem, milestone)]
    assert shown["count"] == len(expected)
    assert {r["squash_requirement_id"]: r["version"] for r in shown["requirements"]} == expected


def test_rem_show_csv_has_one_line_per_requirement_with_its_socle():
    result = invoke("rem", "show", "REM_LGC", EXPORT, "--milestone", "IT1", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    psc06 = next(r for r in rows if r["requirement"] == "PSC.06")
    assert (psc06["version"], psc06["status"], psc06["criticality"], psc06["socle"]) == (
        "2",
        "UNDER_REVIEW",
        "MAJOR",
        "SC.PSC.06",
    )


def test_rem_diff_lgc_it1_to_it2_by_value():
    result = invoke("rem", "diff", "REM_LGC", EXPORT, "--from", "IT1", "--to", "IT2", "--format", "json")
    assert result.exit_code == 0, result.output
    diff = json.loads(result.stdout)
    assert diff["summary"] == {"added": 1, "removed": 149, "changed": 0}
    removed = {r["requirement"]: r for r in diff["removed"]}
    assert removed["PSC.06"]["version"] == 2 and removed["DMP/UX.12"]["socle"] == ["SC.DMP/UX.12"]
    assert "LGC.MDV.01" in removed and removed["LGC.MDV.01"]["project_requirement"] == "MDV.01"
    assert [(a["requirement"], a["version"]) for a in diff["added"]] == [(diff["added"][0]["requirement"], 1)]


def test_rem_diff_csv_lists_each_change_on_its_line():
    result = invoke("rem", "diff", "REM_LGC", EXPORT, "--from", "IT1", "--to", "IT2", "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == list(timeline.DIFF_COLUMNS)
    assert sum(1 for r in rows[1:] if r[0] == "removed") == 149 and sum(1 for r in rows[1:] if r[0] == "added") == 1


def test_a_changed_requirement_names_what_changed_and_the_exemptions_that_no_longer_hold(catalogues):
    # The real export changes no requirement between milestones: DMP/UX.12 of REM_LGC gets a version 2 in
    # Version 1.0 here, with another criticality, the rest as exported.
    v1 = next(v for v in catalogues.versions_of("REM_LGC") if v.reference == "DMP/UX.12")
    v2 = replace(v1, version_id=999_999, number=2, criticality="MINOR", milestones=("Version 1.0",))
    cats = replace(catalogues, versions={**catalogues.versions, v2.version_id: v2})
    cats.versions[v1.version_id] = replace(v1, milestones=("IT1",))
    rem = sources.resolve_rem(cats, "REM-LGC-MV-VA2")
    diff = timeline.diff(cats, rem, "IT1", "Version 1.0")
    changed = {e["requirement"]: e["changes"] for e in diff.changed}
    assert changed == {
        "DMP/UX.12": {"number": [1, 2], "criticality": ["MAJOR", "MINOR"], "socle": ["SC.DMP/UX.12", ""]}
    }
    engine = Engine.from_store(load([], demo=True).store)
    impact.candidature_impact(diff, engine, "LGC", date(2026, 7, 1))
    lost = {
        (c["candidature"], i["requirement"], i["root_requirement"])
        for c in diff.candidatures
        for i in c["items"]
        if i["kind"] == impact.EXEMPTION_LOST
    }
    # SF and MS candidatures whose root is on REM-LGC-MV-VA2 (the four MS candidatures of case 5 root on a DUI
    # candidature: their DMP/UX.12 exemption does not rest on REM_LGC)
    assert lost == {
        ("C3-CAND-B", "DMP/UX.12", "DMP/UX.12"),
        ("C4-CAND-MS", "DMP/UX.12", "DMP/UX.12"),
        ("C4-CAND-SF", "DMP/UX.12", "DMP/UX.12"),
        ("C9-CAND-MS", "DMP/UX.12", "DMP/UX.12"),
    }
    items = [i for c in diff.candidatures for i in c["items"] if i["kind"] == impact.EXEMPTION_LOST]
    assert all(i["origin"] and i["via"] and i["decision"] == "exempt-equivalence" for i in items)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["rem", "show", "REM_NOPE", EXPORT, "--milestone", "IT1"], "'REM_NOPE'"),
        (["rem", "show", "REM_LGC", EXPORT, "--milestone", "IT9"], "'IT9'"),
        (["rem", "diff", "REM_LGC", EXPORT, "--from", "IT1", "--to", "V2"], "'V2'"),
        (["equivalences", "suggest", EXPORT, "--from", "REM-DUI-MS-VA2", "--to", "REM_LGC"], "'REM-DUI-MS-VA2'"),
    ],
)
def test_a_bad_rem_or_milestone_exits_2_on_one_line_naming_it_and_the_known_ones(args, named):
    result = invoke(*args, "--lang", "en")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0] and "Traceback" not in result.output
    assert ("IT1, IT2, Version 1.0" in lines[0]) or ("REM_BIO, REM_DB" in lines[0] and "REM-LGC-MV-VA2" in lines[0])
