"""Lenient input (issue 18): dates, versions, identifiers and codes are strict, as
docs/dossier-format.md says: ISO YYYY-MM-DD only (not 20260101, not 2026-W05-3), nothing after the
value (no trailing line break), ASCII digits. Each is refused in one line, the line break shown
escaped; the documented form is accepted."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from helpers.cli import invoke
from helpers.hostile import MINIMAL, assert_refused
from helpers.rem import CLEAN
from segur_kg.identifiers import is_iri
from segur_kg.ingest.tables import parse_date

NOT_A_DATE = "is not a real date: expected YYYY-MM-DD (e.g. 2026-06-30)"


@pytest.mark.parametrize(
    "text",
    [
        "20260701",
        "2026-W27-3",
        "2026-182",
        "2026-07-01\n",
        " 2026-07-01",
        "2026-07-01T00:00",
        "２０２６-07-01",
        "2026-02-30",
    ],
)
def test_parse_date_takes_only_an_existing_iso_day(text):
    with pytest.raises(ValueError, match="is not a real date"):
        parse_date(text, ValueError)


def test_parse_date_reads_the_iso_day():
    assert parse_date("2026-07-01", ValueError) == date(2026, 7, 1)


@pytest.mark.parametrize(
    "text, shown", [("20260701", "20260701"), ("2026-W05-3", "2026-W05-3"), ("2026-07-01\n", "2026-07-01\\x0a")]
)
def test_as_of_refuses_the_other_iso_forms(text, shown):
    assert_refused(invoke("overview", "--as-of", text, "--lang", "en"), f"error: --as-of: '{shown}' {NOT_A_DATE}")


def test_as_of_reads_the_iso_day():
    result = invoke("overview", "--as-of", "2026-07-01", "--demo", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Perimeters as of 2026-07-01"


def dossier(tmp_path: Path, old: str, new: str) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "dossier.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize("written", ["20220901", "2022-W35-4"])
def test_a_dossier_date_in_another_iso_form_is_refused(tmp_path, written):
    path = dossier(tmp_path, "date: 2022-09-01", f"date: {written}")
    assert_refused(
        invoke("import", path, "--lang", "en"),
        f"error: {path}: line 33, field 'referencings[0].date': '{written}' {NOT_A_DATE}",
    )


@pytest.mark.parametrize(
    "written, shown", [('"2.10\\n"', "2.10\\x0a"), ('" 2.10"', " 2.10"), ('"\\u0662.10"', "\u0662.10")]
)
def test_a_version_with_a_line_break_a_space_or_other_digits_is_refused(tmp_path, written, shown):
    path = dossier(tmp_path, 'version: "2.10"', f"version: {written}")
    assert_refused(
        invoke("import", path, "--lang", "en"),
        f"error: {path}: line 23, field 'solutions[0].versions[0].version': '{shown}' is not a version: expected "
        "dotted numbers, at most 4 parts of at most 6 digits (e.g. 2.10 or 5.2.0)",
    )


def test_the_documented_version_imports(tmp_path):
    result = invoke("import", MINIMAL, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert 'sgr:versionString "2.10"' in result.stdout


@pytest.mark.parametrize(
    "written", ["C3-CAND-B\n", "https://w3id.org/segur-kg/id/candidature/C3-CAND-B\n", "https://w3id.org/x\ty"]
)
def test_an_identifier_or_iri_with_a_line_break_is_unknown_on_one_line(written):
    shown = written.replace("\n", "\\x0a").replace("\t", "\\x09")
    assert_refused(
        invoke("perimeter", written, "--demo", "--as-of", "2026-07-01", "--lang", "en"),
        f"error: unknown identifier '{shown}'",
    )


def test_an_iri_is_matched_whole():
    assert is_iri("https://w3id.org/segur-kg/id/candidature/C3-CAND-B")
    assert not is_iri("https://w3id.org/segur-kg/id/candidature/C3-CAND-B\n")
    assert not is_iri("https://w3id.org/x\x00")


@pytest.mark.parametrize(
    "option, value, message",
    [
        ("--device-type", "DUI\n", "device type 'DUI\\x0a' is not a code [A-Z0-9][A-Z0-9_-]*"),
        (
            "--rem",
            "MS-T\n",
            "REM code 'MS-T\\x0a' is not a code [A-Z0-9][A-Z0-9_-]* (it comes from the file name without --rem; "
            "give --rem)",
        ),
    ],
)
def test_a_rem_code_with_a_line_break_is_refused(tmp_path, option, value, message):
    given = {"--device-type": "DUI", "--rem": "MS-T", option: value}
    out = tmp_path / "rem.ttl"
    result = invoke("import-rem", CLEAN, "-o", out, "--lang", "en", *(x for item in given.items() for x in item))
    assert_refused(result, f"error: {CLEAN}: {message}")
    assert not out.exists()
