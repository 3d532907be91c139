"""The synthetic national graph (``segur-kg synth``): deterministic, well-formed, of the documented
proportions, usable by the engine, and with exactly the rule breaks its manifest lists."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from segur_kg.cli import app
from segur_kg.engine import Engine, RootCycleError
from segur_kg.ingest.loader import load
from segur_kg.synth import MANIFEST_FILE, MAX_DEPTH, NT_FILE, TODAY, generate
from segur_kg.validation import validate_store

N = 40
SGR = "https://w3id.org/segur-kg/ontology#"


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synth") / "n40"
    generate(folder, N, seed=3)
    return folder


@pytest.fixture(scope="module")
def manifest(synth_dir) -> dict:
    return json.loads((synth_dir / MANIFEST_FILE).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def loaded(synth_dir):
    return load([synth_dir / NT_FILE])


@pytest.fixture(scope="module")
def engine(loaded) -> Engine:
    return Engine.from_store(loaded.store)


@pytest.fixture(scope="module")
def report(loaded):
    return validate_store(loaded.store, lang="en", engine="fast")


def _synthetic(engine: Engine) -> list[str]:
    return sorted(i for i, c in engine.f.candidatures.items() if c.ident.startswith("S-"))


# ---- determinism
def test_same_seed_same_bytes(tmp_path, synth_dir):
    generate(tmp_path / "again", N, seed=3)
    assert (tmp_path / "again" / NT_FILE).read_bytes() == (synth_dir / NT_FILE).read_bytes()


def test_same_bytes_in_another_process_with_another_hash_seed(tmp_path, synth_dir):
    """No set or dict order depends on the process: string hashing is randomised per process."""
    code = f"from segur_kg.synth import generate; generate({str(tmp_path / 'other')!r}, {N}, seed=3)"
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert (tmp_path / "other" / NT_FILE).read_bytes() == (synth_dir / NT_FILE).read_bytes()


def test_another_seed_other_bytes(tmp_path, synth_dir):
    generate(tmp_path / "seed4", N, seed=4)
    assert (tmp_path / "seed4" / NT_FILE).read_bytes() != (synth_dir / NT_FILE).read_bytes()


# ---- well-formed, counted as the manifest says
def test_n_triples_parse_and_count(synth_dir, manifest):
    triples = list(ox.parse(path=str(synth_dir / NT_FILE), format=ox.RdfFormat.N_TRIPLES))
    assert len(triples) == manifest["triples"]
    assert len(set(triples)) == len(triples), "no triple is written twice"


def test_counts_by_class(synth_dir, manifest):
    store = ox.Store()
    store.bulk_load(path=str(synth_dir / NT_FILE), format=ox.RdfFormat.N_TRIPLES)
    counted = {
        str(row[0].value).rsplit("#", 1)[-1]: int(row[1].value)
        for row in store.query("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c")
    }
    for klass, n in manifest["counts"].items():
        assert counted.get(klass) == n, klass
    assert counted["Candidature"] == N == manifest["candidatures"]
    # Every referenced candidature has its referencing; the others are the vague 1 referencings.
    referenced = int(
        next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?c <{SGR}candidatureStatus> <{SGR}Referenced> }}")))[
            0
        ].value
    )
    of_candidature = int(
        next(
            iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?r <{SGR}ofCandidature> ?c ; a <{SGR}Referencing> }}"))
        )[0].value
    )
    va1 = int(
        next(
            iter(
                store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?r a <{SGR}Referencing> ; <{SGR}wave> <{SGR}Vague1> }}")
            )
        )[0].value
    )
    assert referenced == of_candidature
    assert va1 + of_candidature == manifest["counts"]["Referencing"]
    assert manifest["counts"]["Proof"] / N == pytest.approx(manifest["proofs_per_candidature"], abs=0.01)


def test_identifiers_do_not_clash_with_the_examples(synth_dir):
    ids = [
        str(t.object.value)
        for t in ox.parse(path=str(synth_dir / NT_FILE), format=ox.RdfFormat.N_TRIPLES)
        if t.predicate.value == "http://purl.org/dc/terms/identifier"
    ]
    assert ids and all(i.startswith("S-") for i in ids)


def test_proofs_in_every_status_with_history(loaded):
    rows = loaded.store.select(
        "SELECT ?status (COUNT(*) AS ?n) WHERE { ?p a sgr:Proof ; sgr:proofStatus ?status } GROUP BY ?status"
    ).rows
    statuses = {str(s).rsplit("#", 1)[-1]: int(n) for s, n in rows}
    assert set(statuses) == {"Deposited", "Validated", "Refused"}
    # deposited, refused, deposited again, validated: a refused proof followed by a validated one
    again = loaded.store.select("""SELECT (COUNT(*) AS ?n) WHERE {
        ?a sgr:ofCandidature ?c ; sgr:forScenario ?s ; sgr:proofStatus sgr:Refused ; sgr:depositDate ?d1 .
        ?b sgr:ofCandidature ?c ; sgr:forScenario ?s ; sgr:proofStatus sgr:Validated ; sgr:depositDate ?d2 .
        FILTER (?d2 > ?d1) }""").rows
    assert int(again[0][0]) > 0


def test_psc_habilitations_of_every_configuration(loaded):
    rows = loaded.store.select("""SELECT DISTINCT ?conf WHERE { ?h sgr:pscConfiguration ?conf ; dcterms:identifier ?id
        FILTER STRSTARTS(?id, "S-") }""").rows
    assert {str(r[0]).rsplit("#", 1)[-1] for r in rows} == {"Separate", "Monobloc", "ProxyAlone", "LPSAlone"}


# ---- the engine
def test_root_chains_at_most_five_deep_and_acyclic_outside_the_deliberate_case(engine, manifest):
    cycle = {c["focus"] for c in manifest["cases"] if c["rule"] == "TRANS-2"}
    assert len(cycle) == 2
    in_cycles = {label for found in engine.cycles() for label in found}
    assert {label for label in in_cycles if label.startswith("S-C-")} == cycle
    for iri in _synthetic(engine):
        if engine.f.candidatures[iri].ident in cycle:
            continue
        assert len(engine.chain(iri, TODAY)) <= MAX_DEPTH


def test_root_chains_reach_depth_five_at_national_size(tmp_path):
    manifest = generate(tmp_path / "n3000", 3000, seed=1)
    assert max(int(d) for d in manifest["chain_depths"]) == MAX_DEPTH
    assert 60 <= manifest["proofs_per_candidature"] <= 70


def test_engine_perimeter_for_every_candidature(engine, manifest):
    cycle = {c["focus"] for c in manifest["cases"] if c["rule"] == "TRANS-2"}
    statuses = Counter()
    for iri in _synthetic(engine):
        c = engine.f.candidatures[iri]
        try:
            p = engine.perimeter(iri, TODAY)
        except RootCycleError:
            assert c.ident in cycle
            continue
        assert p.requirements, c.ident
        statuses[p.status] += 1
    assert statuses["referenced"] > 0


def test_engine_agrees_with_the_generator_on_referenced_candidatures(engine, manifest):
    """The generator deposits what the engine asks: a referenced candidature (outside the
    deliberate cases) has a validated proof for every requirement the engine says it deposits."""
    cases = {c["candidature"] for c in manifest["cases"]}
    checked = 0
    for iri in _synthetic(engine):
        c = engine.f.candidatures[iri]
        if c.status != "Referenced" or c.ident in cases:
            continue
        checked += 1
        try:
            p = engine.perimeter(iri, TODAY)
        except RootCycleError:
            continue
        missing = [d.requirement for d in p.requirements if d.decision == "deposit" and d.proof_status != "validated"]
        assert not missing, (c.ident, missing)
    assert checked > 5


# ---- validation finds the deliberate breaks, and only them
def test_validation_finds_every_case_of_the_manifest(report, manifest):
    found = {(f.rule or f.shape, f.focus_id, f.severity) for f in report.findings}
    for case in manifest["cases"]:
        assert (case["rule"], case["focus"], case["severity"]) in found, case


def test_no_violation_outside_the_manifest(report, manifest):
    expected = {(c["rule"], c["focus"]) for c in manifest["cases"]}
    stray = [
        (f.shape, f.focus_id, f.message)
        for f in report.findings
        if f.severity == "Violation" and (f.rule or f.shape, f.focus_id) not in expected
    ]
    assert not stray


@pytest.mark.parametrize("seed", range(1, 9))
def test_each_violating_case_is_exactly_one_violation(tmp_path, seed):
    # Not merely "no stray violation": a case that breaks its rule twice (a PSC-1 habilitation with
    # two names missing from its perimeter, say) would make the counts of the benchmark disagree.
    generate(tmp_path / "out", N, seed=seed)
    cases = json.loads((tmp_path / "out" / MANIFEST_FILE).read_text(encoding="utf-8"))["cases"]
    report = validate_store(load([tmp_path / "out" / NT_FILE]).store, lang="en", engine="fast")
    found = Counter((f.rule or f.shape, f.focus_id) for f in report.findings if f.severity == "Violation")
    assert found == Counter((c["rule"], c["focus"]) for c in cases if c["severity"] == "Violation")


def test_manifest_lists_each_rule_once_per_case(manifest):
    rules = Counter(c["rule"] for c in manifest["cases"])
    assert {
        "TRANS-2",
        "ROOT-1",
        "ROOT-3",
        "ROOT-5",
        "HER-1",
        "HER-2",
        "COU-1",
        "ASC-1",
        "ASC-3",
        "DATE-1",
        "DATE-2",
        "DATE-3",
        "CNDA-1",
        "PSC-1",
        "PSC-5",
    } <= set(rules)


# ---- the command
def test_cli_synth(tmp_path):
    result = CliRunner().invoke(
        app, ["synth", "--candidatures", "25", "--seed", "2", "-o", str(tmp_path / "out"), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / NT_FILE).stat().st_size > 0
    assert json.loads((tmp_path / "out" / MANIFEST_FILE).read_text())["candidatures"] == 25


def test_cli_synth_onto_a_file_is_a_user_error(tmp_path):
    target = tmp_path / "file.txt"
    target.write_text("x")
    result = CliRunner().invoke(app, ["synth", "-n", "5", "-o", str(target), "--lang", "en"])
    assert result.exit_code == 2
    assert "expected a folder" in result.output
