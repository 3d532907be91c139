"""The engine's other outputs: derive (PROV-O named graph), impact, what-if and risks as users see them."""

from __future__ import annotations

import json
from datetime import date

import pytest
from rdflib import Dataset, URIRef
from typer.testing import CliRunner

from segur_kg.cli import app
from segur_kg.engine import Engine
from segur_kg.engine.derive import DERIVED_GRAPH, derive_graph
from segur_kg.ingest.loader import load
from segur_kg.stores import open_store

runner = CliRunner()


@pytest.fixture(scope="module")
def derived_store():
    loaded = load(demo=True)
    engine = Engine.from_store(loaded.store)
    loaded.store.add_graph(derive_graph(engine, date(2026, 7, 1)), DERIVED_GRAPH)
    return loaded.store


def test_derived_decisions_are_queryable_with_their_provenance(derived_store):
    rows = derived_store.select("""
        SELECT ?req ?chain ?origin WHERE {
          GRAPH <https://w3id.org/segur-kg/graph/derived> {
            ?d a sgr:PerimeterDecision ; sgr:ofCandidature ?c ; sgr:forRequirement ?r ;
               sgr:decisionKind sgr:ExemptEquivalence ; sgr:viaChain ?chain ; sgr:origin ?o ;
               prov:wasGeneratedBy ?run ; sgr:rule rule:TRANS-2 .
          }
          ?c dcterms:identifier "C4-CAND-DOM" . ?r dcterms:identifier ?req . ?o sgr:nru ?origin .
          ?run sgr:asOf "2026-07-01"^^xsd:date .
        } ORDER BY ?req""").rows
    # As of 2026-07-01 C4-CAND-DOM still waits for its root (C4-NRU-SF is referenced on 2026-06-26
    # but recorded on 2026-07-10): nothing goes through two NRUs yet.
    assert rows == []
    b = derived_store.select("""
        SELECT (COUNT(?d) AS ?n) WHERE {
          ?d a sgr:PerimeterDecision ; sgr:ofCandidature ?c ; sgr:decisionKind sgr:ExemptEquivalence ;
          sgr:origin ?o . ?c dcterms:identifier "C3-CAND-B" . ?o sgr:nru "C3-NRU-A" }""").rows
    assert int(b[0][0]) == 10
    status = derived_store.select("""
        SELECT ?s WHERE {
          ?p a sgr:PerimeterStatus ; sgr:ofCandidature/dcterms:identifier "C3-CAND-C" ; sgr:perimeterStatus ?s
        }""").rows
    assert [str(s[0]) for s in status] == ["pending-root"]


def test_derive_cli_writes_a_trig_named_graph(tmp_path):
    out = tmp_path / "derived.trig"
    result = runner.invoke(app, ["derive", "--demo", "--as-of", "2026-07-15", "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    ds = Dataset()
    ds.parse(out, format="trig")
    graph = ds.graph(URIRef(DERIVED_GRAPH))
    decisions = set(graph.subjects(None, URIRef("https://w3id.org/segur-kg/ontology#PerimeterDecision")))
    assert len(decisions) == sum(
        1 for _ in graph.triples((None, URIRef("https://w3id.org/segur-kg/ontology#decisionKind"), None))
    )
    assert "derived triples in graph" in result.stderr


def test_derive_into_a_persistent_store_replaces_the_previous_run(tmp_path):
    folder = tmp_path / "kg"
    for day in ("2026-07-01", "2026-07-15"):
        assert runner.invoke(app, ["derive", "--demo", "--as-of", day, "--store", str(folder)]).exit_code == 0
    store = open_store(str(folder))
    days = store.select(
        "SELECT DISTINCT ?d WHERE { GRAPH <https://w3id.org/segur-kg/graph/derived> { ?x sgr:asOf ?d } }"
    ).rows
    assert [str(d[0]) for d in days] == ["2026-07-15"]


def test_whatif_json_lists_the_changed_requirements():
    result = runner.invoke(
        app,
        [
            "whatif",
            "C9-CAND-MS",
            "--demo",
            "--add-profile",
            "DOM",
            "--on",
            "2026-06-15",
            "--as-of",
            "2026-06-15",
            "--format",
            "json",
        ],
    )
    data = json.loads(result.stdout)
    assert data["refused"] is False and data["rules"] == ["MOD-1"]
    assert len(data["changes"]) == 4 and {c["after"] for c in data["changes"]} == {"deposit"}
    assert data["after"]["summary"]["deposit"] == data["before"]["summary"]["deposit"] + 4


def test_whatif_needs_exactly_one_change():
    result = runner.invoke(app, ["whatif", "C9-CAND-MS", "--demo", "--lang", "en"])
    assert result.exit_code == 2
    assert "expected exactly one change" in result.stderr


def test_impact_text_for_a_monobloc_names_both_components_in_english():
    result = runner.invoke(
        app, ["impact", "--demo", "--component", "C7-CMP-B-PROXY", "--as-of", "2026-07-01", "--lang", "en"]
    )
    assert result.exit_code == 0, result.stderr
    assert "C7-CMP-B-LPS, C7-CMP-B-PROXY return(s) to the desk" in result.stdout
    assert "PSC-5" in result.stdout


def test_impact_withdrawal_text_in_french():
    result = runner.invoke(app, ["impact", "--demo", "--nru", "C3-NRU-A", "--as-of", "2026-08-01"])
    assert result.exit_code == 0
    assert result.stdout.startswith("C3-CAND-B perd 10 exemption(s) si C3-NRU-A est retiré au 2026-08-01")


@pytest.mark.parametrize("args", [["--component", "NOPE"], ["--commercial-name", "NOPE"], ["--nru", "NOPE"]])
def test_impact_unknown_target_exits_2(args):
    result = runner.invoke(app, ["impact", "--demo", *args, "--lang", "en"])
    assert result.exit_code == 2
    assert "NOPE" in result.stderr


def test_risks_text_names_days_and_root():
    result = runner.invoke(app, ["risks", "--demo", "--as-of", "2026-08-01", "--within", "10", "--lang", "en"])
    assert result.exit_code == 0
    assert (
        "C3-CAND-C (DUI-MS-VA2): Date 2 (2026-07-31) passed 1 day(s) ago "
        "without the root NRU of C3-CAND-P [ROOT-2, ROOT-3]." in result.stdout
    )


def test_bad_as_of_date_is_a_user_error():
    result = runner.invoke(app, ["perimeter", "C1-CAND", "--demo", "--as-of", "2026-02-30", "--lang", "en"])
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == "error: --as-of: '2026-02-30' is not a real date: expected YYYY-MM-DD (e.g. 2026-06-30)"
    )


def test_clear_cache_computes_the_same_perimeters_again():
    engine = Engine.from_store(load(demo=True).store)
    day = date(2026, 7, 1)
    first = engine.perimeter(next(iter(engine.f.candidatures)), day)
    everyone = [p.as_json() for p in engine.perimeters(day)]
    assert engine.perimeter(first.candidature_iri, day) is first  # kept until cleared
    engine.clear_cache()
    again = engine.perimeter(first.candidature_iri, day)
    assert again is not first and again.as_json() == first.as_json()
    assert [p.as_json() for p in engine.perimeters(day)] == everyone
