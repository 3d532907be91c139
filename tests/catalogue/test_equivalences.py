"""`segur-kg equivalences suggest` and `compare` on the ANS's real Squash export against the project's published
lists (COU-2), exact pairs; the library query requirements-sharing-a-socle.rq gives the same rows.

Input: ../shared/reference-data/ans-squash-export-2022/export_full.xlsx, read in place (skipped when absent).
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from helpers.cli import invoke
from helpers.paths import ROOT, SHARED

EXPORT = SHARED / "reference-data" / "ans-squash-export-2022" / "export_full.xlsx"
LISTS = ROOT / "data" / "reference" / "equivalences"
pytestmark = pytest.mark.skipif(not EXPORT.is_file(), reason=f"shared Squash export not found at {EXPORT}")
# The 14 requirements that REM_LGC derives from a socle and that both project LGC REMs name.
LGC_SHARED = [
    "DMP/ALI/PROG.01", "DMP/HISTO.04", "DMP/PSC.01", "DMP/UX.12", "DMP/UX.15", "MSS/CDA.02", "MSS/CONF.03",
    "MSS/UX.07", "MSS/UX.11", "PSC.01", "PSC.04", "PSC.06", "SSI/GEN.02", "SSI/GEN.05",
]  # fmt: skip


def _suggest(tmp_path, *args):
    out = tmp_path / "suggested.csv"
    result = invoke("equivalences", "suggest", EXPORT, *args, "-o", out, "--lang", "en")
    assert result.exit_code == 0, result.output
    return out, list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))), result.stderr


def test_cou_2_suggest_sf_to_mv_gives_the_shared_socle_requirements_as_pairs(tmp_path):
    _, rows, stderr = _suggest(tmp_path, "--from", "REM-LGC-SF-VA2", "--to", "REM-LGC-MV-VA2")
    assert list(rows[0]) == ["root_rem", "root_requirement", "candidate_rem", "candidate_requirement", "note"]
    assert [(r["root_requirement"], r["candidate_requirement"]) for r in rows] == [(i, i) for i in sorted(LGC_SHARED)]
    assert {r["root_rem"] for r in rows} == {"REM-LGC-SF-VA2"} and {r["candidate_rem"] for r in rows} == {
        "REM-LGC-MV-VA2"
    }
    ux12 = next(r for r in rows if r["root_requirement"] == "DMP/UX.12")
    assert ux12["note"] == "Same socle requirement SC.DMP/UX.12."
    assert stderr.startswith("14 pairs suggested from REM-LGC-SF-VA2 to REM-LGC-MV-VA2; 292 requirements")


@pytest.mark.parametrize(("root", "candidate", "published"), [("SF", "MV", "EQ-MV"), ("MV", "SF", "EQ-SF")])
def test_cou_2_compare_with_the_published_lgc_lists(tmp_path, root, candidate, published):
    out, _, _ = _suggest(tmp_path, "--from", f"REM-LGC-{root}-VA2", "--to", f"REM-LGC-{candidate}-VA2")
    result = invoke("equivalences", "compare", out, LISTS / f"{published}.csv", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["counts"] == {"common": 14, "only_suggested": 0, "only_published": 85}
    assert report["precision"] == 1.0 and report["recall"] == pytest.approx(14 / 99)
    assert sorted(p["root_requirement"] for p in report["common"]) == sorted(LGC_SHARED)
    only = {p["root_requirement"] for p in report["only_published"]}
    assert {
        "ANN/va1.01",
        "INS/va1.01",
        "AGD.01",
    } <= only  # vague 1 IDs and LGC-only requirements, absent from the export


def test_compare_text_names_precision_recall_and_the_pairs(tmp_path):
    out, _, _ = _suggest(tmp_path, "--from", "REM-LGC-SF-VA2", "--to", "REM-LGC-MV-VA2")
    result = invoke("equivalences", "compare", out, LISTS / "EQ-MV.csv", "--lang", "en")
    lines = result.stdout.splitlines()
    assert lines[0].endswith("precision 100.0% (14/14), recall 14.1% (14/99)")
    assert "  REM-LGC-SF-VA2 DMP/UX.12 -> REM-LGC-MV-VA2 DMP/UX.12" in lines
    assert "Published, not suggested (85):" in lines


def test_suggest_between_export_rems_keeps_the_export_ids_and_two_socles_in_one_note(tmp_path):
    _, rows, _ = _suggest(tmp_path, "--from", "REM_LGC", "--to", "REM_RIS")
    assert len(rows) == 158
    conf04 = next(r for r in rows if r["root_requirement"] == "DMP/CONF.04")
    assert conf04["note"] == "Same socle requirement SC.CDA/META.01, SC.DMP/CONF.04."


def test_compare_a_missing_list_exits_2_naming_it(tmp_path):
    result = invoke("equivalences", "compare", tmp_path / "none.csv", LISTS / "EQ-MV.csv", "--lang", "en")
    assert (
        result.exit_code == 2 and result.stderr.strip() == f"error: {tmp_path / 'none.csv'}: no such equivalence list"
    )


def test_the_library_query_gives_the_rows_of_suggest(tmp_path):
    # exact("requirements-sharing-a-socle"): its rows, exactly those of suggest (tests/queries/test_queries.py)
    ttl = tmp_path / "export.ttl"
    assert invoke("import-rem", EXPORT, "-o", ttl).exit_code == 0
    query = invoke(
        "query", "requirements-sharing-a-socle", ttl, "-p", "rem_a=REM_LGC", "-p", "rem_b=REM_RIS", "--format", "csv"
    )
    assert query.exit_code == 0, query.output
    by_query: dict[tuple[str, str, str, str], set[str]] = {}
    for r in csv.DictReader(io.StringIO(query.stdout)):
        key = (r["root_rem"], r["root_requirement"], r["candidate_rem"], r["candidate_requirement"])
        by_query.setdefault(key, set()).add(r["socle"])
    _, rows, _ = _suggest(tmp_path, "--from", "REM_LGC", "--to", "REM_RIS")
    by_suggest = {
        (r["root_rem"], r["root_requirement"], r["candidate_rem"], r["candidate_requirement"]): set(
            r["note"].removeprefix("Same socle requirement ").removesuffix(".").split(", ")
        )
        for r in rows
    }
    assert by_query == by_suggest and len(by_query) == 158
