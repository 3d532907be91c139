"""``segur_kg.open``: files and folders as the CLI's FILES, a store folder as ``--store`` (by keyword or
as a source), and a bad input as one InputError line, with nothing loaded."""

from __future__ import annotations

import pytest

import segur_kg
from helpers.cli import invoke
from helpers.paths import ROOT
from segur_kg.errors import InputError
from segur_kg.kg import KnowledgeGraph, last_opened

EXAMPLES = ROOT / "data" / "examples"


def test_open_reads_dossiers_as_the_cli_files():
    graph = segur_kg.open(EXAMPLES / "case-04-racine-multi-dispositifs.yaml")
    assert isinstance(graph, KnowledgeGraph) and last_opened() is graph
    assert [p.name for p in graph.dossiers] == ["case-04-racine-multi-dispositifs.yaml"]
    assert graph.perimeter("C4-CAND-DOM", as_of="2026-07-15").source.root_chain == ("C4-NRU-SF", "C4-NRU-MV")


def test_open_a_store_folder_by_keyword_and_as_a_source(tmp_path):
    folder = tmp_path / "kg"
    result = invoke(
        "import",
        EXAMPLES / "case-03-candidatures-simultanees.yaml",
        "--store",
        folder,
        "-o",
        tmp_path / "x.ttl",
        "--lang",
        "en",
    )
    assert result.exit_code == 0, result.output
    with segur_kg.open(store=folder) as graph:
        assert graph.store.backend == "oxigraph" and not graph.store.is_new
        assert graph.perimeter("C3-CAND-B", as_of="2026-07-01").source.status == "ready"
    with segur_kg.open(str(folder)) as graph:  # a folder with a store's marker is the store
        assert graph.dossiers == []
        assert {r["candidature"] for r in graph.overview(as_of="2026-07-01")} >= {"C3-CAND-B", "C3-CAND-C"}


def test_two_stores_are_refused(tmp_path):
    folder = tmp_path / "kg"
    assert (
        invoke(
            "import",
            EXAMPLES / "case-01-heritage-va1.yaml",
            "--store",
            folder,
            "-o",
            tmp_path / "x.ttl",
            "--lang",
            "en",
        ).exit_code
        == 0
    )
    with pytest.raises(InputError) as caught:
        segur_kg.open(folder, store="memory")
    assert str(caught.value) == f"segur_kg.open: two stores given (memory and {folder}): a graph opens on one store"


def test_a_missing_file_is_one_line_and_nothing_is_loaded(tmp_path):
    before = last_opened()
    with pytest.raises(InputError) as caught:
        segur_kg.open(tmp_path / "nope.yaml", demo=True)
    assert "\n" not in str(caught.value) and str(caught.value).startswith(str(tmp_path / "nope.yaml"))
    assert last_opened() is before


def test_a_malformed_rdf_file_leaves_a_store_folder_as_it_was(tmp_path):
    folder = tmp_path / "kg"
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        segur_kg.open(EXAMPLES / "case-01-heritage-va1.yaml", bad, store=folder)
    assert str(caught.value).startswith(f"{bad}: line 1: ")
    assert not (folder / "segur-kg-store.json").exists()


def test_a_source_that_is_not_a_path_is_refused():
    with pytest.raises(InputError) as caught:
        segur_kg.open(42)
    assert str(caught.value) == (
        "segur_kg.open: source of type int: expected a file or folder path, a store folder or a "
        "sparql+http(s):// address"
    )


def test_a_bad_date_is_one_line():
    graph = segur_kg.open(EXAMPLES / "case-01-heritage-va1.yaml")
    with pytest.raises(InputError) as caught:
        graph.overview(as_of="2026-02-30")
    assert str(caught.value).startswith("as_of: ") and "\n" not in str(caught.value)
    with pytest.raises(InputError, match="^as_of: 3.5 is not a date"):
        graph.overview(as_of=3.5)


def test_import_segur_kg_loads_neither_the_api_nor_pandas():
    import subprocess
    import sys

    heavy = "('pandas', 'IPython', 'segur_kg.kg', 'rdflib')"
    code = f"import sys, segur_kg; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
    assert "open" in dir(segur_kg) and "load_ipython_extension" in dir(segur_kg)
