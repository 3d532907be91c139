"""The facts read in bulk from pyoxigraph's TSV are exactly those read term by term (issue 21)."""

from __future__ import annotations

from datetime import date

import pytest

from segur_kg.engine import Engine
from segur_kg.engine import facts as facts_module
from segur_kg.engine.facts import read_facts
from segur_kg.ingest.loader import load
from segur_kg.stores import OxigraphStore
from segur_kg.synth import NT_FILE, TODAY, generate

SGR = "https://w3id.org/segur-kg/ontology#"
ID = "https://w3id.org/segur-kg/id/"
DCT = "http://purl.org/dc/terms/identifier"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def demo_store():
    return load([], demo=True).store


@pytest.fixture(scope="module")
def synth_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth") / "n30"
    generate(folder, 30, seed=5, history=4.7)
    return load([folder / NT_FILE]).store


def _bulk_was_read(store, monkeypatch) -> list[str]:
    """The queries whose TSV the bulk reader read (and did not hand back to the term-by-term reader)."""
    read, real = [], facts_module._tsv_lines

    def tsv_lines(store, sparql):
        lines = real(store, sparql)
        if lines is not None:
            read.append(sparql)
        return lines

    monkeypatch.setattr(facts_module, "_tsv_lines", tsv_lines)
    return read


@pytest.mark.parametrize("which", ["demo_store", "synth_store"])
def test_bulk_reader_gives_the_facts_the_term_by_term_reader_gives(which, request, monkeypatch):
    store = request.getfixturevalue(which)
    term_by_term = read_facts(store, bulk=False)
    read = _bulk_was_read(store, monkeypatch)
    bulk = read_facts(store)
    # The proofs did come through the TSV, by the query of the store's kind (a cached demo is on disk).
    assert (facts_module.Q_PROOFS_ON_DISK if store.path else facts_module.Q_PROOFS) in read
    assert bulk == term_by_term
    proofs = sum(len(ps) for c in bulk.candidatures.values() for ps in c.proofs.values())
    assert proofs > 0
    assert {p.status for c in bulk.candidatures.values() for ps in c.proofs.values() for p in ps} <= {
        "deposited",
        "validated",
        "refused",
    }


def test_perimeters_from_the_bulk_facts_are_the_term_by_term_ones(synth_store):
    bulk = Engine(read_facts(synth_store)).perimeters(TODAY)
    term_by_term = Engine(read_facts(synth_store, bulk=False)).perimeters(TODAY)
    assert [p.as_json() for p in bulk] == [p.as_json() for p in term_by_term]
    assert len(bulk) == len(read_facts(synth_store).candidatures) >= 30


def _odd_store(literal: str) -> OxigraphStore:
    """The demo graph with one candidature whose identifier and proof dates are written ``literal``."""
    store = load([], demo=True).store
    cand = f"<{ID}candidature/ODD>"
    disp = next(iter(read_facts(store).dispositifs))
    req = next(iter(read_facts(store).requirements))
    proof = f"<{ID}candidature/ODD/proof/1>"
    store.load(
        "\n".join(
            [
                f"{cand} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{SGR}Candidature> .",
                f"{cand} <{DCT}> {literal} .",
                f"{cand} <{SGR}dispositif> <{disp}> .",
                f'{cand} <{SGR}classicDeposit> "true"^^<{XSD}boolean> .',
                f"{proof} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{SGR}Proof> .",
                f"{proof} <{SGR}ofCandidature> {cand} .",
                f"{proof} <{SGR}forRequirement> <{req}> .",
                f"{proof} <{SGR}proofStatus> <{SGR}Validated> .",
                f'{proof} <{SGR}depositDate> "2025-03-04"^^<{XSD}date> .',
                f'{proof} <{SGR}statusDate> "2025-04-05T10:00:00"^^<{XSD}dateTime> .',
                f"{proof} <{SGR}forScenario> _:scenario .",
            ]
        )
        + "\n",
        "nt",
    )
    return store


@pytest.mark.parametrize(
    "literal, ident",
    [
        ('"ODD-1"', "ODD-1"),
        ('"ODD-1"@fr', "ODD-1"),
        (f'"ODD-1"^^<{XSD}string>', "ODD-1"),
        (f'"42"^^<{XSD}integer>', "42"),
        ('"a\\ttab and a \\"quote\\""', 'a\ttab and a "quote"'),  # escaped in the TSV: read term by term
        ('"<<not a triple>>"', "<<not a triple>>"),
    ],
)
def test_every_kind_of_term_reads_as_its_value(literal, ident):
    store = _odd_store(literal)
    bulk, term_by_term = read_facts(store), read_facts(store, bulk=False)
    assert bulk == term_by_term
    odd = bulk.candidatures[f"{ID}candidature/ODD"]
    assert odd.ident == ident and odd.classic is True
    [proof] = [p for ps in odd.proofs.values() for p in ps]
    assert (proof.status, proof.deposited, proof.decided) == ("validated", date(2025, 3, 4), date(2025, 4, 5))
    assert proof.scenario == term_by_term.candidatures[f"{ID}candidature/ODD"].proofs[proof.requirement][0].scenario


def test_tokens_decode_as_select_values_does():
    tokens = facts_module._Tokens()
    assert tokens[""] is None
    assert tokens["<https://example.org/a>"] == "https://example.org/a"
    assert tokens["_:b0"] == "b0"
    assert tokens['"x"@en'] == "x"
    assert tokens[f'"2025-01-02"^^<{XSD}date>'] == "2025-01-02"
    assert tokens["true"] == "true" and tokens["1.5"] == "1.5"


def test_an_on_disk_store_reads_its_proofs_by_hash_joins_and_gets_the_in_memory_facts(tmp_path, monkeypatch):
    folder = tmp_path / "n30"
    generate(folder, 30, seed=5, history=4.7)
    in_memory = read_facts(load([folder / NT_FILE]).store)
    on_disk = load([folder / NT_FILE], store=str(tmp_path / "store"), cache=False).store
    assert on_disk.path is not None
    read = _bulk_was_read(on_disk, monkeypatch)
    facts = read_facts(on_disk)
    assert read.count(facts_module.Q_PROOFS_ON_DISK) == 1 and facts_module.Q_PROOFS not in read
    assert facts == in_memory
    assert sum(len(ps) for c in facts.candidatures.values() for ps in c.proofs.values()) > 1000
