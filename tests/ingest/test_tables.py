"""The one reader of CSV tables: the reference tables' rows and their located errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from segur_kg.errors import InputError
from segur_kg.i18n import set_language
from segur_kg.ingest.tables import parse_date, read_table

COLUMNS = ["id", "label_fr", "label_en"]


def table(tmp_path: Path, content: str | bytes, name: str = "t.csv") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def error_of(path: Path, required: list[str] = COLUMNS) -> InputError:
    with pytest.raises(InputError) as caught:
        list(read_table(path, required))
    return caught.value


def test_rows_are_numbered_as_in_a_spreadsheet_and_blank_rows_skipped(tmp_path):
    path = table(tmp_path, "\ufeff id , label_fr,label_en,extra\nA, Un ,One,x\n,,,\n\nB,Deux,Two,y\n")
    rows = list(read_table(path, COLUMNS))
    assert [(row.number, row["id"], row["label_fr"]) for row in rows] == [(2, "A", "Un"), (5, "B", "Deux")]
    assert rows[0].file == path and rows[0]["missing"] == ""
    assert rows[0].values["label_fr"] == " Un "  # values as written, stripped when read


def test_rows_come_one_at_a_time_so_an_earlier_row_is_read_before_a_later_fault(tmp_path):
    path = table(tmp_path, "id,label_fr,label_en\nA,Un,One\nB,Deux\n")
    rows = read_table(path, COLUMNS)
    assert next(rows)["id"] == "A"
    with pytest.raises(InputError) as caught:
        next(rows)
    assert (caught.value.place, caught.value.message) == ("row 3", "expected 3 cells, found 2")


def test_table_errors_name_the_place(tmp_path):
    error = error_of(tmp_path / "absent.csv")
    assert (error.place, error.message) == ("", "cannot read the file (No such file or directory)")
    error = error_of(table(tmp_path, ""))
    assert (error.place, error.message) == ("row 1", "empty table: expected the header id,label_fr,label_en")
    error = error_of(table(tmp_path, "id,label_fr\n"))
    assert (error.place, error.message) == ("row 1", "missing column(s) label_en: expected id,label_fr,label_en")
    error = error_of(table(tmp_path, "id,label_fr,label_en\nA,Un,One,x\n"))
    assert (error.place, error.message) == ("row 2", "expected 3 cells, found 4")
    error = error_of(table(tmp_path, b"id,label_fr,label_en\nA," + "é".encode("latin-1") + b",One\n"))
    assert (error.place, error.message) == ("", "not UTF-8 text: save the table as CSV UTF-8")
    huge = '"' + "x" * 200_000 + '"'
    error = error_of(table(tmp_path, f"id,label_fr,label_en\nA,Un,One\n{huge},b,c\n"))
    assert error.place == "row 3" and error.message.startswith("malformed CSV (field larger than field limit")


def test_table_errors_in_french(tmp_path):
    set_language("fr")
    error = error_of(table(tmp_path, "id,label_fr,label_en\nA,Un\n"))
    assert (error.place, error.message) == ("ligne 2", "3 cellules attendues, 2 trouvées")
    error = error_of(table(tmp_path, "id\n"))
    assert error.message == "colonne(s) absente(s) label_fr, label_en : attendu id,label_fr,label_en"


def test_typed_cells_and_their_errors(tmp_path):
    path = table(tmp_path, "id,when,flag,count\nA,2026-06-30,oui,3\nB,,maybe,three\nC,2026-02-30,,4\n")
    first, second, third = read_table(path, ["id", "when", "flag", "count"])
    assert (first.date("when"), first.boolean("flag"), first.integer("count")) == (date(2026, 6, 30), True, 3)
    assert second.date("when", required=False) is None and third.boolean("flag") is False
    for call, place, message in (
        (lambda: second.date("when"), "row 3, field 'when'", "expected a date YYYY-MM-DD, found nothing"),
        (lambda: second.boolean("flag"), "row 3, field 'flag'", "expected true or false, found 'maybe'"),
        (lambda: second.integer("count"), "row 3, field 'count'", "expected a whole number, found 'three'"),
        (
            lambda: third.date("when"),
            "row 4, field 'when'",
            "'2026-02-30' is not a real date: expected YYYY-MM-DD (e.g. 2026-06-30)",
        ),
    ):
        with pytest.raises(InputError) as caught:
            call()
        assert (caught.value.file, caught.value.place, caught.value.message) == (path, place, message)


def test_parse_date_words_its_error_for_the_caller():
    assert parse_date("2026-01-31", ValueError) == date(2026, 1, 31)
    with pytest.raises(ValueError, match="^'31/01/2026' is not a real date"):
        parse_date("31/01/2026", ValueError)
