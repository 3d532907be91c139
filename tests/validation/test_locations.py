"""Findings carry the file, line and column of the entry at fault: the importer's side table of where
each entity is written, the subjects of Turtle, TriG, N-Triples and N-Quads files, and the text and
JSON reports that show them (docs/validation.md, "Where a finding is written")."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from segur_kg import namespaces as ns
from segur_kg.ingest.dossier import DossierImporter, import_dossiers
from segur_kg.ingest.loader import load, reference
from segur_kg.ingest.locate import line_subjects, locate, rdf_subjects, turtle_subjects
from segur_kg.ingest.yaml_located import Location
from segur_kg.namespaces import SGR
from segur_kg.resources import project_home
from segur_kg.validation import render_report, validate_store

INVALID = project_home() / "data" / "examples" / "invalid"
ROOT_3, CNDA_1, DATE_2 = INVALID / "ROOT-3.yaml", INVALID / "CNDA-1.yaml", INVALID / "DATE-2.yaml"


def place_of(path: Path, pattern: str) -> tuple[int, int]:
    """Line and column (1-based) of the one line of ``path`` matching ``pattern``: the column of the
    match's group 1 (the key where the entry starts)."""
    found = [
        (number, match.start(1) + 1)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if (match := re.search(pattern, line))
    ]
    assert len(found) == 1, (path, pattern, found)
    return found[0]


# The first proof of DATE-2's candidature: a flow mapping, placed at its brace.
PROOF_1 = r'^\s*- (\{requirement): "DMP/UX.12"'


def entry(path: Path, ident: str) -> tuple[int, int]:
    """Where the list item ``- id: IDENT`` (or ``- {id: IDENT, ...}``) of a dossier starts."""
    return place_of(path, rf"^\s*- (\{{?id): {re.escape(ident)}(?=[\s,}}]|$)")


def placed_report(files: list[Path], lang: str = "en"):
    loaded = load(files)
    report = validate_store(loaded.store, lang=lang)
    locations = locate(loaded.dossiers, loaded.rdf_files, loaded.reference.index, nodes=report.focus_nodes())
    return loaded, report.with_locations(locations)


# ---------------------------------------------------------------- the importer's side table


def test_the_importer_places_every_entity_it_emits_without_adding_a_triple():
    importer = DossierImporter(reference().index)
    importer.read(ROOT_3)
    graph = importer.build()
    locations = importer.locations()
    assert len(graph) == len(import_dossiers([ROOT_3], reference().index))
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
    assert set(locations) == subjects
    assert {loc.file for loc in locations.values()} == {ROOT_3}

    def at(kind: str, ident: str) -> tuple[int, int | None]:
        loc = locations[ns.entity(kind, ident)]
        return loc.line, loc.column

    assert at("candidature", "INV-ROOT3-CAND-B") == entry(ROOT_3, "INV-ROOT3-CAND-B")
    assert at("candidature", "INV-ROOT3-CAND-A") == entry(ROOT_3, "INV-ROOT3-CAND-A")
    assert at("editor", "INV-ROOT3-ED") == entry(ROOT_3, "INV-ROOT3-ED")
    assert at("solution", "INV-ROOT3-SOL") == entry(ROOT_3, "INV-ROOT3-SOL")
    assert at("solution-version", "INV-ROOT3-SOL-2.0") == entry(ROOT_3, "INV-ROOT3-SOL-2.0")
    assert at("commercial-name", "INV-ROOT3-CN") == entry(ROOT_3, "INV-ROOT3-CN")
    # A flow mapping starts at its brace.
    assert at("component", "INV-ROOT3-CORE") == entry(ROOT_3, "INV-ROOT3-CORE")
    assert entry(ROOT_3, "INV-ROOT3-CORE")[1] == place_of(ROOT_3, r"- (\{)id: INV-ROOT3-CORE")[1]
    # A candidature's own referencing: its mapping, whose first key is the NRU.
    assert at("referencing", "INV-ROOT3-NRU-A") == place_of(ROOT_3, r"^\s*(nru): INV-ROOT3-NRU-A$")
    assert at("dossier", "INV-ROOT-3") == place_of(ROOT_3, r"^(dossier): INV-ROOT-3$")
    # Nodes of nested mappings without an identifier of their own: the key that holds them.
    cand_b = ns.entity("candidature", "INV-ROOT3-CAND-B")
    assert locations[URIRef(f"{cand_b}/attestation")] == Location(ROOT_3, *place_of(ROOT_3, r"^\s*(attestation):$"))
    cnda = URIRef(f"{ns.entity('commercial-name', 'INV-ROOT3-CN')}/cnda")
    assert locations[cnda] == Location(ROOT_3, *place_of(ROOT_3, r"^\s*(cnda): \{"))


def test_proofs_are_placed_at_their_list_item_and_files_read_together_keep_their_own_places():
    importer = DossierImporter(reference().index)
    for path in (ROOT_3, DATE_2):
        importer.read(path)
    importer.build()
    locations = importer.locations()
    proof = URIRef(f"{ns.entity('candidature', 'INV-DATE2-CAND')}/proof/1")
    assert locations[proof] == Location(DATE_2, *place_of(DATE_2, PROOF_1))
    assert locations[ns.entity("candidature", "INV-DATE2-CAND")].file == DATE_2
    assert locations[ns.entity("candidature", "INV-ROOT3-CAND-B")] == Location(
        ROOT_3, *entry(ROOT_3, "INV-ROOT3-CAND-B")
    )


# ---------------------------------------------------------------- subjects of RDF files

TRICKY_TURTLE = """\
@prefix ex: <http://example.org/> .
@base <http://example.org/base/> .
# a comment naming <http://example.org/commented> . and ex:commented .
PREFIX sh: <http://www.w3.org/ns/shacl#>
ex:first ex:says \"\"\"a long string . with <http://example.org/in-string> .
ex:in-string ex:p ex:o .
\"\"\" ;
    ex:nested [ ex:p "x . y" ; ex:q [ ex:r ex:s ] ] .
[ ex:p ex:anonymous ] ex:q ex:o .
<relative> ex:p 1.5, 2 .
  ex:dotted.name ex:p 'it\\'s . here' . ex:second ex:p ex:first.
ex:first ex:p "repeated: the first line wins" .
( ex:x ex:y ) ex:p ex:list .
sh:Shape a sh:NodeShape .
ex:esc\\-aped ex:p <http://example.org/\\u00e9t\\u00E9> .
"""


def test_turtle_subjects_are_the_first_triple_of_each_subject_through_strings_comments_and_blank_nodes(tmp_path):
    path = tmp_path / "tricky.ttl"
    path.write_text(TRICKY_TURTLE, encoding="utf-8")
    found = turtle_subjects(path)
    assert {iri: (loc.line, loc.column) for iri, loc in found.items()} == {
        "http://example.org/first": (5, 1),
        "http://example.org/base/relative": (10, 1),
        "http://example.org/dotted.name": (11, 3),
        "http://example.org/second": (11, 40),
        "http://www.w3.org/ns/shacl#Shape": (14, 1),
        "http://example.org/esc-aped": (15, 1),
    }
    assert {loc.file for loc in found.values()} == {path}
    # The same subjects as an RDF parser's.
    graph = Graph().parse(path, format="turtle")
    assert set(found) == {str(s) for s in graph.subjects() if isinstance(s, URIRef)}


def test_trig_graph_names_are_not_subjects_and_a_block_may_end_without_a_period(tmp_path):
    path = tmp_path / "graphs.trig"
    path.write_text(
        "PREFIX ex: <http://example.org/>\n"
        "ex:g1 {\n"
        "  ex:a ex:p ex:b .\n"
        "  ex:c ex:p ex:d }\n"
        "GRAPH ex:g2 { ex:e ex:p ex:f }\n"
        "{ ex:g ex:p ex:h . }\n",
        encoding="utf-8",
    )
    found = {iri.rsplit("/", 1)[1]: (loc.line, loc.column) for iri, loc in rdf_subjects(path).items()}
    assert found == {"a": (3, 3), "c": (4, 3), "e": (5, 15), "g": (6, 3)}


def test_n_triples_and_n_quads_subjects_one_statement_per_line(tmp_path):
    path = tmp_path / "graph.nt"
    path.write_text(
        "# a comment <http://example.org/commented> .\n"
        '<http://example.org/a> <http://example.org/p> "x . y" .\n'
        "_:b <http://example.org/p> <http://example.org/a> .\n"
        "\n"
        "  <http://example.org/c> <http://example.org/p> <http://example.org/a> .\n"
        "<http://example.org/a> <http://example.org/q> <http://example.org/c> .\n",
        encoding="utf-8",
    )
    assert {iri: (loc.line, loc.column) for iri, loc in line_subjects(path).items()} == {
        "http://example.org/a": (2, 1),
        "http://example.org/c": (5, 3),
    }
    quads = tmp_path / "graph.nq"
    quads.write_text(
        "<http://example.org/a> <http://example.org/p> <http://example.org/o> <http://example.org/g> .\n",
        encoding="utf-8",
    )
    assert rdf_subjects(quads, {"http://example.org/a"}) == {"http://example.org/a": Location(quads, 1, 1)}
    assert rdf_subjects(quads, {"http://example.org/other"}) == {}
    assert rdf_subjects(tmp_path / "graph.jsonld") == {}  # JSON-LD has no statement lines: not read


def test_locate_prefers_the_dossier_then_the_first_rdf_file_and_reads_nothing_without_nodes(tmp_path):
    candidature = ns.entity("candidature", "INV-ROOT3-CAND-B")
    first, second = tmp_path / "first.ttl", tmp_path / "second.ttl"
    first.write_text(f"<{candidature}> <http://example.org/p> 1 .\n<http://example.org/x> <http://example.org/p> 1 .\n")
    second.write_text("\n<http://example.org/x> <http://example.org/p> 2 .\n")
    index = reference().index
    found = locate([ROOT_3], [first, second], index)
    assert found[str(candidature)] == Location(ROOT_3, *entry(ROOT_3, "INV-ROOT3-CAND-B"))
    assert found["http://example.org/x"] == Location(first, 2, 1)
    missing = tmp_path / "missing.yaml"
    assert locate([missing], [missing], index, nodes=[]) == {}  # no finding to place: no file is read


# ---------------------------------------------------------------- findings in text and JSON


def test_text_findings_start_with_file_line_column_of_the_entry_at_fault():
    _, report = placed_report([ROOT_3, CNDA_1, DATE_2])
    lines = render_report(report, "text").splitlines()
    located = sorted(line.split(": ", 1)[0] for line in lines if line.startswith("data/"))
    assert located == sorted(
        [
            "data/examples/invalid/CNDA-1.yaml:{}:{}".format(*entry(CNDA_1, "INV-CNDA1-CN")),
            "data/examples/invalid/CNDA-1.yaml:{}:{}".format(*entry(CNDA_1, "INV-CNDA1-CN-PLUS")),
            "data/examples/invalid/DATE-2.yaml:{}:{}".format(*place_of(DATE_2, PROOF_1)),
            "data/examples/invalid/ROOT-3.yaml:{}:{}".format(*entry(ROOT_3, "INV-ROOT3-CAND-B")),
        ]
    )
    [root_3] = [line for line in lines if line.startswith("data/examples/invalid/ROOT-3.yaml")]
    line, column = entry(ROOT_3, "INV-ROOT3-CAND-B")
    assert root_3.startswith(
        f"data/examples/invalid/ROOT-3.yaml:{line}:{column}: violation  INV-ROOT3-CAND-B  Candidature"
    )


def test_json_findings_carry_file_line_and_column_besides_the_existing_keys():
    _, report = placed_report([ROOT_3, DATE_2])
    data = json.loads(render_report(report, "json"))
    by_focus = {f["focus_id"]: f for f in data["findings"]}
    assert set(by_focus) == {"INV-ROOT3-CAND-B", "INV-DATE2-CAND/proof/1"}
    root_3 = by_focus["INV-ROOT3-CAND-B"]
    assert (root_3["file"], root_3["line"], root_3["column"]) == (
        "data/examples/invalid/ROOT-3.yaml",
        *entry(ROOT_3, "INV-ROOT3-CAND-B"),
    )
    assert root_3["source"] == "ROOT-3.yaml" and root_3["rule"] == "ROOT-3"
    proof = by_focus["INV-DATE2-CAND/proof/1"]
    line, column = place_of(DATE_2, PROOF_1)
    assert (proof["file"], proof["line"], proof["column"]) == ("data/examples/invalid/DATE-2.yaml", line, column)
    assert list(root_3)[:9] == ["rule", "shape", "focus", "focus_id", "severity", "message", "value", "path", "source"]


def test_a_finding_on_a_turtle_subject_is_placed_at_its_first_triple(tmp_path):
    editor = ns.entity("editor", "TTL-ED")
    path = tmp_path / "editors.ttl"
    path.write_text(
        "@prefix sgr: <https://w3id.org/segur-kg/ontology#> .\n"
        "@prefix schema: <https://schema.org/> .\n"
        "# An editor without its dcterms:identifier: STRUCT-ID.\n"
        f"<{editor}> a sgr:Editor ;\n"
        '    schema:name "Éditeur en Turtle" .\n',
        encoding="utf-8",
    )
    assert str(SGR) == "https://w3id.org/segur-kg/ontology#"
    _, report = placed_report([path])
    [finding] = [f for f in report.findings if f.focus == str(editor)]
    assert (finding.line, finding.column) == (4, 1)
    assert Path(finding.file).resolve() == path.resolve()
    text = render_report(report, "text")
    assert f"{finding.file}:4:1: violation  {editor}" in text


def test_a_finding_on_reference_data_has_no_location_and_a_dossier_finding_keeps_its_own():
    loaded = load([ROOT_3])
    device_type = ns.entity("device-type", "LGC")
    broken = Graph()
    # A node of the reference data breaking the identifier shape of an editor.
    broken.add((device_type, RDF.type, SGR.Editor))
    broken.add((device_type, DCTERMS.identifier, Literal("not an identifier!")))
    loaded.store.add_graph(broken)
    report = validate_store(loaded.store, lang="en")
    report = report.with_locations(
        locate(loaded.dossiers, loaded.rdf_files, loaded.reference.index, nodes=report.focus_nodes())
    )
    on_reference = [f for f in report.findings if f.focus == str(device_type)]
    assert {f.key for f in on_reference} == {"STRUCT-ID"} and len(on_reference) == 2
    assert all((f.file, f.line, f.column, f.source) == (None, None, None, None) for f in on_reference)
    [root_3] = [f for f in report.findings if f.key == "ROOT-3"]
    assert (root_3.file, root_3.line, root_3.column) == (
        "data/examples/invalid/ROOT-3.yaml",
        *entry(ROOT_3, "INV-ROOT3-CAND-B"),
    )
    text = render_report(report, "text").splitlines()
    # The node has two identifiers (the finding): it is named by the smallest, in any store.
    assert [line for line in text if line.startswith("  violation  LGC  ")] == [
        "  violation  LGC  Entity LGC must have exactly one identifier.",
        "  violation  LGC  Identifier 'not an identifier!' is not valid: letters, digits and . _ @ - only, "
        "starting with a letter or a digit.",
    ]
    sarif = json.loads(render_report(report, "sarif"))
    physical = {
        r["properties"]["focus"]: r["locations"][0].get("physicalLocation") for r in sarif["runs"][0]["results"]
    }
    assert physical[str(device_type)] is None
    line, column = entry(ROOT_3, "INV-ROOT3-CAND-B")
    region = physical[str(ns.entity("candidature", "INV-ROOT3-CAND-B"))]["region"]
    assert region == {"startLine": line, "startColumn": column}


# ---------------------------------------------------------------- validate --changed


def test_only_files_keeps_the_findings_placed_in_those_files_and_recomputes_conformance():
    loaded, report = placed_report([ROOT_3, CNDA_1, project_home() / "data" / "examples" / "case-01-heritage-va1.yaml"])
    assert {f.focus_id for f in report.findings} == {"INV-ROOT3-CAND-B", "INV-CNDA1-CN", "INV-CNDA1-CN-PLUS"}
    cnda = report.only_files([Path("data/examples/invalid/CNDA-1.yaml")])
    assert [f.focus_id for f in cnda.findings] == ["INV-CNDA1-CN", "INV-CNDA1-CN-PLUS"]
    assert cnda.conforms is False and cnda.exit_code() == 1
    assert len(list(cnda.report_graph.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#ValidationResult")))) == 2
    clean = report.only_files([loaded.dossiers[2]])
    assert clean.findings == [] and clean.conforms is True and clean.exit_code() == 0
    assert "0 violation(s)" in render_report(clean, "text")
    assert report.conforms is False and len(report.findings) == 3  # the report itself is unchanged


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_placed_text_keeps_the_summary_in_the_language_asked_for(lang):
    _, report = placed_report([ROOT_3], lang)
    last = render_report(report, "text").splitlines()[-1]
    assert last.startswith("Bilan : 1 violation(s)" if lang == "fr" else "Summary: 1 violation(s)")
