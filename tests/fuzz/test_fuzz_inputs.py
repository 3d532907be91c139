"""The fuzz suite (issue 18): Hypothesis mutates the example dossiers, the REM spreadsheets (CSV and
xlsx), Turtle and JSON-LD files and the library's queries, and runs the real command on each, in
process. Whatever the input, the command exits 0 or 2 (``validate``: 0, 1 or 2), prints no
traceback and no raw control character, and on exit 2 prints one error line and writes nothing
(the ``-o`` target is absent, no temporary file is left). A successful ``import`` writes RDF that
pyoxigraph reads back.

Derandomized (the same examples on every run, as CI needs) and bounded: about 420 examples,
under three minutes on the reference machine (docs/limits.md, "The fuzz suite")."""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from helpers.cli import invoke
from helpers.hostile import MINIMAL
from helpers.mutations import (
    CSV_FRAGMENTS,
    SPARQL_FRAGMENTS,
    TURTLE_FRAGMENTS,
    YAML_FRAGMENTS,
    YAML_VALUES,
    check_outcome,
    mutated,
    write_text,
)
from helpers.paths import ROOT
from helpers.rem import CLEAN, DEFECTS, write_xlsx
from segur_kg.ingest.loader import import_graph

DOSSIERS = sorted((ROOT / "data" / "examples").glob("*.yaml")) + [MINIMAL]
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
TABLES = [CLEAN, DEFECTS]


def fuzz(examples: int):
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def _rdf_seeds() -> dict[str, str]:
    graph = import_graph([MINIMAL]).graph
    return {
        "minimal.ttl": graph.serialize(format="turtle"),
        "minimal.nt": graph.serialize(format="nt"),
        "minimal.jsonld": graph.serialize(format="json-ld"),
        "shapes.ttl": (
            "@prefix ex: <http://example.org/> .\n"
            "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
            'ex:s ex:list (1 2 (3 4) [ ex:p "x"@fr ]) ;\n'
            '  ex:date "2026-07-01"^^xsd:date ; ex:n 42, 4.2, true ;\n'
            '  ex:text """long\nstring""" .\n'
            "_:b ex:p [ ex:q [ ex:r ex:o ] ] .\n"
        ),
    }


RDF_SEEDS = _rdf_seeds()


@fuzz(130)
@given(st.data())
def test_fuzz_import_of_mutated_dossiers(data):
    source = data.draw(st.sampled_from(DOSSIERS), label="dossier")
    text = data.draw(mutated(source.read_text(encoding="utf-8"), YAML_FRAGMENTS, YAML_VALUES), label="text")
    with tempfile.TemporaryDirectory() as folder:
        path = write_text(Path(folder) / source.name, text)
        out = Path(folder) / "out" / "graph.ttl"
        out.parent.mkdir()
        result = invoke("import", path, "-o", out, "--lang", "en")
        check_outcome(result, out)
        if result.exit_code == 0:
            assert sum(1 for _ in ox.parse(path=str(out), format=ox.RdfFormat.TURTLE)) > 0


@fuzz(30)
@given(st.data())
def test_fuzz_validate_of_mutated_dossiers(data):
    source = data.draw(st.sampled_from(DOSSIERS), label="dossier")
    text = data.draw(mutated(source.read_text(encoding="utf-8"), YAML_FRAGMENTS, YAML_VALUES), label="text")
    with tempfile.TemporaryDirectory() as folder:
        path = write_text(Path(folder) / source.name, text)
        out = Path(folder) / "out" / "report.json"
        out.parent.mkdir()
        result = invoke("validate", path, "--format", "json", "-o", out)
        check_outcome(result, out, codes=(0, 1, 2))


@fuzz(80)
@given(st.data())
def test_fuzz_import_of_mutated_rdf(data):
    name = data.draw(st.sampled_from(sorted(RDF_SEEDS)), label="file")
    text = data.draw(mutated(RDF_SEEDS[name], TURTLE_FRAGMENTS), label="text")
    with tempfile.TemporaryDirectory() as folder:
        path = write_text(Path(folder) / name, text)
        out = Path(folder) / "out" / "graph.ttl"
        out.parent.mkdir()
        result = invoke("import", path, "-o", out, "--lang", "en")
        check_outcome(result, out)
        if result.exit_code == 0:
            for _ in ox.parse(path=str(out), format=ox.RdfFormat.TURTLE):
                pass


@fuzz(80)
@given(st.data())
def test_fuzz_import_rem_of_mutated_csv(data):
    source = data.draw(st.sampled_from(TABLES), label="table")
    text = data.draw(mutated(source.read_text(encoding="utf-8"), CSV_FRAGMENTS), label="text")
    with tempfile.TemporaryDirectory() as folder:
        path = write_text(Path(folder) / source.name, text)
        out = Path(folder) / "out" / "rem.ttl"
        out.parent.mkdir()
        result = invoke("import-rem", path, "--device-type", "DUI", "-o", out, "--lang", "en")
        check_outcome(result, out)


@fuzz(40)
@given(st.data())
def test_fuzz_import_rem_of_mutated_workbooks(data):
    source = data.draw(st.sampled_from(TABLES), label="table")
    text = data.draw(mutated(source.read_text(encoding="utf-8"), CSV_FRAGMENTS), label="text")
    flips = data.draw(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=3), label="byte flips")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / source.with_suffix(".xlsx").name
        try:
            rows = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error:
            rows = [[text]]
        write_xlsx(path, [[ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row] for row in rows])
        if flips:  # a damaged download: bytes changed anywhere in the archive
            raw = bytearray(path.read_bytes())
            for offset, value in flips:
                raw[offset % len(raw)] = value
            path.write_bytes(bytes(raw))
        out = Path(folder) / "out" / "rem.ttl"
        out.parent.mkdir()
        result = invoke("import-rem", path, "--device-type", "DUI", "-o", out, "--lang", "en")
        check_outcome(result, out)
        if not flips:
            with zipfile.ZipFile(path) as archive:  # the workbook itself was sound: openpyxl reads it
                assert archive.testzip() is None
            openpyxl.load_workbook(path, read_only=True).close()


@fuzz(60)
@given(st.data())
def test_fuzz_query_of_mutated_library_queries(data):
    source = data.draw(st.sampled_from(QUERIES), label="query")
    text = data.draw(mutated(source.read_text(encoding="utf-8"), SPARQL_FRAGMENTS), label="text")
    table = data.draw(st.booleans(), label="as a table on stdout")
    with tempfile.TemporaryDirectory() as folder:
        path = write_text(Path(folder) / source.name, text)
        out = Path(folder) / "out" / "rows.csv"
        out.parent.mkdir()
        given = ["--lang", "en"] if table else ["--format", "csv", "-o", out, "--lang", "en"]
        result = invoke("query", path, *given)
        check_outcome(result, None if table else out)
        if table:
            assert "\x1b" not in result.stdout
