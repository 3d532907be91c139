"""The core commands (import, info, export) as a user runs them."""

import json

import pytest
from rdflib import Graph

from helpers.cli import invoke as run
from helpers.paths import FIXTURES

MINIMAL = FIXTURES / "dossiers" / "minimal.yaml"


def test_import_writes_the_dossier_graph(tmp_path):
    out = tmp_path / "out.ttl"
    result = run("import", str(MINIMAL), "-o", str(out), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    g = Graph().parse(out)
    assert len(g) > 50
    assert "Imported 1 dossier(s) and 0 RDF file(s)" in result.stderr


def test_import_error_is_one_french_line_exit_2_and_nothing_written(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MINIMAL.read_text(encoding="utf-8").replace("eligibility: 2026-02-01", "eligibility: 2026-13-01"),
        encoding="utf-8",
    )
    out = tmp_path / "out.ttl"
    result = run("import", str(bad), "-o", str(out))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"erreur: {bad}: ligne ")
    assert "'2026-13-01' n'est pas une date réelle" in lines[0]
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [bad]


def test_failed_import_leaves_an_existing_output_untouched(tmp_path):
    out = tmp_path / "out.ttl"
    out.write_text("# previous\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("dossier: [unclosed\n", encoding="utf-8")
    result = run("import", str(bad), "-o", str(out), "--lang", "en")
    assert result.exit_code == 2
    assert "malformed YAML" in result.stderr
    assert out.read_text(encoding="utf-8") == "# previous\n"


def test_malformed_turtle_names_its_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n', encoding="utf-8")
    result = run("import", str(bad), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.strip() == result.stderr.strip().splitlines()[0]
    assert f"{bad}: line 3: malformed RDF (turtle)" in result.stderr


@pytest.mark.parametrize("store", ["memory", "rdflib", "folder"])
def test_an_invalid_iri_is_rejected_with_its_line_whatever_the_store(tmp_path, store):
    # The in-memory pyoxigraph store parses leniently while a strict parse checks the file beside
    # it: an IRI only the strict parse rejects must still stop the load, naming its line.
    bad = tmp_path / "bad.nt"
    bad.write_text(
        "<http://e/a> <http://e/p> <http://e/b> .\n<http://e/a> <http://e/p> <http://e/b{c}> .\n", encoding="utf-8"
    )
    folder = tmp_path / "store"
    result = run("info", str(bad), "--store", str(folder) if store == "folder" else store, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}: line 2: malformed RDF (nt): ")
    assert "{" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    if store == "folder":
        assert not folder.exists() or not any(folder.iterdir())


def test_an_invalid_iri_leaves_an_existing_store_folder_as_it_was(tmp_path):
    # 5,000 good lines before the bad one: whatever the loader writes of them must not stay.
    folder = tmp_path / "store"
    good = tmp_path / "good.nt"
    good.write_text("".join(f'<http://e/s{i}> <http://e/p> "{i}" .\n' for i in range(100)), encoding="utf-8")
    first = run("info", str(good), "--store", str(folder), "--format", "json", "--lang", "en")
    assert first.exit_code == 0, first.stderr
    bad = tmp_path / "bad.nt"
    lines = [f'<http://e/t{i}> <http://e/p> "{i}" .\n' for i in range(5000)] + [
        "<http://e/a> <http://e/p> <http://e/b{c}> .\n"
    ]
    bad.write_text("".join(lines), encoding="utf-8")
    result = run("info", str(bad), "--store", str(folder), "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}: line 5001: malformed RDF (nt): ")
    after = run("info", "--store", str(folder), "--format", "json", "--lang", "en")
    assert after.exit_code == 0, after.stderr
    assert json.loads(after.stdout)["triples"] == json.loads(first.stdout)["triples"]


def test_a_valid_n_triples_file_loads_whole_into_memory(tmp_path):
    good = tmp_path / "good.nt"
    good.write_text("".join(f'<http://e/s{i}> <http://e/p> "{i}" .\n' for i in range(1000)), encoding="utf-8")
    before = run("info", "--format", "json", "--lang", "en")
    after = run("info", str(good), "--format", "json", "--lang", "en")
    assert after.exit_code == 0, after.stderr
    assert json.loads(after.stdout)["triples"] == json.loads(before.stdout)["triples"] + 1000


@pytest.mark.parametrize("name", ["missing.yaml", "notes.txt"])
def test_unusable_files_exit_2(tmp_path, name):
    path = tmp_path / name
    if name.endswith(".txt"):
        path.write_text("hello", encoding="utf-8")
    result = run("import", str(path), "--lang", "en")
    assert result.exit_code == 2
    assert str(path) in result.stderr


def test_info_counts_the_reference_data_and_no_demo_without_demo():
    result = run("info", "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    counts = {c["class"]: c["count"] for c in report["classes"]}
    # Reference data: 5 vague 2 + 5 vague 1 dispositifs, 11 REMs, 3 equivalence lists, 35 rules.
    assert counts["Dispositif"] == 10
    assert counts["REM"] == 11
    assert counts["EquivalenceList"] == 3
    assert counts["Rule"] == 35
    assert counts["Requirement"] == 50 + 49 + 61 + 38 + 43 + 6
    rems = {r["id"]: r for r in report["rems"]}
    assert rems["REM-DUI-MS-VA2"]["requirements"] == 61
    assert rems["REM-DUI-MS-VA2"]["vague1"] == 14
    disp = {d["id"]: d for d in report["dispositifs"]}
    assert disp["LGC-MV-VA2"]["date2"] == "2026-06-30"
    assert disp["DUI-MS-VA2"]["wave"] == 2
    assert report["triples"] > 5000
    # The demo dossiers are not loaded unless asked.
    assert "Candidature" not in counts and "Dossier" not in counts
    assert {d["candidatures"] for d in report["dispositifs"]} == {0}


def test_info_with_demo_counts_the_nine_demo_dossiers_and_their_28_candidatures():
    report = json.loads(run("info", "--demo", "--format", "json").stdout)
    counts = {c["class"]: c["count"] for c in report["classes"]}
    assert (counts["Dossier"], counts["Candidature"]) == (9, 28)
    disp = {d["id"]: d["candidatures"] for d in report["dispositifs"]}
    assert {d: n for d, n in disp.items() if n} == {
        "DPI-HOP-VA2": 2,
        "DUI-MS-VA2": 14,
        "LGC-MV-VA2": 6,
        "LGC-SF-VA2": 5,
        "RIS-IMG-VA2": 1,
    }


def test_info_with_a_dossier_counts_its_candidatures_and_no_demo_one():
    result = run("info", str(MINIMAL), "--format", "json")
    report = json.loads(result.stdout)
    disp = {d["id"]: d["candidatures"] for d in report["dispositifs"]}
    counts = {c["class"]: c["count"] for c in report["classes"]}
    assert (counts["Dossier"], counts["Candidature"]) == (1, 1)
    assert {d: n for d, n in disp.items() if n} == {"DUI-MS-VA2": 1}


def test_info_text_is_french_by_default():
    result = run("info")
    assert result.exit_code == 0
    assert "Instances par classe" in result.stdout
    assert "triplets" in result.stdout


@pytest.mark.parametrize("fmt, parser", [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_export_formats_parse_back(tmp_path, fmt, parser):
    out = tmp_path / f"graph.{fmt}"
    result = run("export", "--demo", "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    g = Graph().parse(out, format=parser)
    info = json.loads(run("info", "--demo", "--format", "json").stdout)
    assert len(g) == info["triples"]


def test_persistent_store_is_reused(tmp_path):
    folder = tmp_path / "kg"
    first = run("import", str(MINIMAL), "--store", str(folder), "-o", str(tmp_path / "x.ttl"))
    assert first.exit_code == 0, first.stderr
    again = json.loads(run("info", "--store", str(folder), "--format", "json").stdout)
    counts = {c["class"]: c["count"] for c in again["classes"]}
    assert counts["Candidature"] == 1  # the dossier's, and no demo candidature
    assert counts["Dispositif"] == 10
