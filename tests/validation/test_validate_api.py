"""The validate API others call: validate_store, Finding, --focus closure, report graph, languages."""

from __future__ import annotations

from functools import cache

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SH

from segur_kg.errors import InputError
from segur_kg.ingest.loader import load
from segur_kg.resources import project_home
from segur_kg.stores import OxigraphStore, RdflibStore
from segur_kg.validation import Finding, dependency_closure, load_shapes, resolve_candidature, validate_store

INVALID = project_home() / "data" / "examples" / "invalid"
CAND = "https://w3id.org/segur-kg/id/candidature/"


@cache
def loaded(*names: str):
    return load([INVALID / n for n in names])


def test_load_shapes_reads_every_shape_file():
    g = load_shapes()
    shapes = {str(s).split("#")[1] for s in g.subjects(RDF.type, SH.NodeShape)}
    assert {"ROOT-3", "TRANS-2", "ASC-1", "PSC-5", "CNDA-2", "NAME-1", "STRUCT-ID"} <= shapes


def test_finding_carries_rule_shape_focus_identifier_severity_message_and_source():
    report = validate_store(loaded("ROOT-3.yaml").store, lang="en")
    assert report.findings == [
        Finding(
            rule="ROOT-3",
            shape="ROOT-3",
            focus=CAND + "INV-ROOT3-CAND-B",
            focus_id="INV-ROOT3-CAND-B",
            severity="Violation",
            message="Candidature INV-ROOT3-CAND-B recorded root NRU INV-ROOT3-NRU-A on 2026-10-05, after Date 2 of "
            "dispositif LGC-SF-VA2 (2026-09-30): its dossier is incomplete at Date 2 and will be rejected, "
            "unless it chooses the classic deposit.",
            value=None,
            path=None,
            source="ROOT-3.yaml",
        )
    ]
    assert report.conforms is False and report.counts() == {"Violation": 1, "Warning": 0, "Info": 0}


def test_structural_finding_has_its_path_and_value():
    store = OxigraphStore()
    store.add_graph(loaded().store.to_rdflib())
    store.load(
        b"<https://w3id.org/segur-kg/id/editor/Z> a <https://w3id.org/segur-kg/ontology#Editor> ; "
        b'<http://purl.org/dc/terms/identifier> "Z Z" .',
        "turtle",
    )
    [f] = validate_store(store, lang="en").findings
    assert (f.shape, f.rule, f.path, f.value, f.focus_id) == ("STRUCT-ID", None, "dcterms:identifier", "Z Z", "Z Z")
    assert (
        f.message
        == "Identifier 'Z Z' is not valid: letters, digits and . _ @ - only, starting with a letter or a digit."
    )


def test_focus_resolves_an_identifier_or_an_iri_and_refuses_an_unknown_one():
    store = loaded("ROOT-3.yaml").store
    assert resolve_candidature(store, "INV-ROOT3-CAND-B") == URIRef(CAND + "INV-ROOT3-CAND-B")
    assert resolve_candidature(store, CAND + "INV-ROOT3-CAND-B") == URIRef(CAND + "INV-ROOT3-CAND-B")
    with pytest.raises(InputError):
        resolve_candidature(store, "INV-NOPE")
    with pytest.raises(InputError):
        validate_store(store, focus="https://w3id.org/segur-kg/id/editor/INV-ROOT3-ED")


def test_dependency_closure_follows_the_root_chain_and_the_candidatures_own_nodes():
    store = loaded("TRANS-2.yaml", "DATE-2.yaml", "PSC-5.yaml").store
    closure = {str(n) for n in dependency_closure(store, URIRef(CAND + "INV-TRANS2-CAND-A"))}
    assert {
        CAND + "INV-TRANS2-CAND-A",
        CAND + "INV-TRANS2-CAND-B",
        "https://w3id.org/segur-kg/id/referencing/INV-TRANS2-NRU-B",
        "https://w3id.org/segur-kg/id/solution-version/INV-TRANS2-SOL-2.0",
        "https://w3id.org/segur-kg/id/commercial-name/INV-TRANS2-CN",
        "https://w3id.org/segur-kg/id/commercial-name/INV-TRANS2-CN/cnda",
        "https://w3id.org/segur-kg/id/component/INV-TRANS2-CORE",
        CAND + "INV-TRANS2-CAND-A/attestation",
    } <= closure
    assert not any("INV-DATE2" in n for n in closure)
    closure = {str(n) for n in dependency_closure(store, URIRef(CAND + "INV-DATE2-CAND"))}
    assert CAND + "INV-DATE2-CAND/proof/1" in closure
    closure = {str(n) for n in dependency_closure(store, URIRef(CAND + "INV-PSC5-CAND"))}
    # Both habilitations serve its version: the one it relies on and the one breaking PSC-5.
    assert {
        "https://w3id.org/segur-kg/id/psc-habilitation/INV-PSC5-H-MONOBLOC",
        "https://w3id.org/segur-kg/id/psc-habilitation/INV-PSC5-H-PROXY",
    } <= closure


def test_focused_report_graph_keeps_only_the_focused_results():
    store = loaded("TRANS-2.yaml", "DATE-2.yaml").store
    full = validate_store(store)
    focused = validate_store(store, focus="INV-DATE2-CAND")
    assert len(full.findings) == 3 and len(focused.findings) == 1
    g = focused.report_graph
    report = next(g.subjects(RDF.type, SH.ValidationReport))
    assert g.value(report, SH.conforms) == Literal(False)
    assert len(list(g.objects(report, SH.result))) == 1
    chain = validate_store(store, focus="INV-TRANS2-CAND-A")
    assert {f.focus_id for f in chain.findings} == {"INV-TRANS2-CAND-A", "INV-TRANS2-CAND-B"}


def test_messages_come_in_the_language_asked_and_both_stay_in_the_report_graph():
    store = loaded("ASC-1.yaml").store
    fr, en = validate_store(store, lang="fr"), validate_store(store, lang="en")
    assert fr.findings[0].message.startswith(
        "La candidature INV-ASC1-CAND-B présente la version 2.9, inférieure à la version 2.10"
    )
    assert en.findings[0].message.startswith("Candidature INV-ASC1-CAND-B presents version 2.9, below version 2.10")
    result = next(fr.report_graph.subjects(RDF.type, SH.ValidationResult))
    assert {m.language for m in fr.report_graph.objects(result, SH.resultMessage)} == {"fr", "en"}
    with pytest.raises(ValueError):
        validate_store(store, lang="de")


def test_rdflib_and_oxigraph_stores_give_the_same_findings():
    g = loaded("CNDA-2.yaml", "PSC-1.yaml").store.to_rdflib()
    ox, rd = OxigraphStore(), RdflibStore()
    ox.add_graph(g)
    rd.add_graph(g)
    key = lambda r: [(f.shape, f.focus, f.severity, f.message) for f in r.findings]  # noqa: E731
    assert key(validate_store(ox)) == key(validate_store(rd)) != []


def test_property_findings_name_the_path_alike_on_both_engines(tmp_path):
    # A bare proof: every required property is missing; the path reads as pySHACL writes it.
    nt = tmp_path / "bare-proof.nt"
    nt.write_text(f"<urn:x:p> <{RDF.type}> <https://w3id.org/segur-kg/ontology#Proof> .\n", encoding="utf-8")
    store = load([nt]).store
    fast, reference = (validate_store(store, lang="en", engine=e) for e in ("fast", "pyshacl"))
    about = lambda r: sorted((f.shape, f.path, f.message) for f in r.findings if f.focus == "urn:x:p")  # noqa: E731
    assert about(fast) == about(reference)
    assert ("STRUCT-PROOF", "sgr:forRequirement") in {(f.shape, f.path) for f in fast.findings if f.focus == "urn:x:p"}
