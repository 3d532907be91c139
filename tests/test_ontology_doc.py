"""The ontology documented as HTML (segur_kg.doc_pages.ontology) and the rule index as a page
(segur_kg.doc_pages.rules): every term of the ontology has its anchor, its labels in French and
English and its rules; every rule has its element ``id="RULE-ID"``; the links between the two pages
land on an anchor; nothing is loaded from elsewhere."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from helpers.paths import ROOT
from segur_kg import rule_index
from segur_kg.doc_pages.bundle import ontology_pages, page_name, write_pages
from segur_kg.doc_pages.ontology import read, render
from segur_kg.doc_pages.rules import rules_pages
from segur_kg.namespaces import RULE, SGR

ONTOLOGY = ROOT / "ontology" / "segur.ttl"
SHAPES = ROOT / "shapes"
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDFS.Class, RDF.Property)


class Anchors(HTMLParser):
    """The ids, the link targets and what the page loads (src, link href), read as a browser would."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.loads: list[str] = []
        self.tags: set[str] = set()
        self.styled: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.add(tag)
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if "style" in attributes:
            self.styled.append(tag)
        if tag == "a":
            self.links.append(attributes.get("href", ""))
        if tag == "link":
            self.loads.append(attributes.get("href", ""))
        if "src" in attributes:
            self.loads.append(attributes["src"])


def ontology_terms() -> set[str]:
    """Every term of the ontology, by rdflib: a subject of the sgr namespace typed as a class or a property."""
    graph = Graph().parse(ONTOLOGY, format="turtle")
    return {
        str(s)[len(SGR) :]
        for t in TERM_TYPES
        for s in graph.subjects(RDF.type, t)
        if str(s).startswith(str(SGR)) and str(s) != str(SGR)
    }


def term_section(page: str, name: str) -> str:
    match = re.search(rf'<section class="term [a-z]+" id="{re.escape(name)}">(.*?)</section>', page, re.S)
    assert match, f"no section for {name}"
    return match.group(1)


def rule_section(page: str, rule_id: str) -> str:
    match = re.search(rf'<section class="rule" id="{re.escape(rule_id)}">(.*?)</section>', page, re.S)
    assert match, f"no section for {rule_id}"
    return match.group(1)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    generated = ontology_pages(ONTOLOGY, SHAPES)
    return {lang: generated[page_name(lang)] for lang in ("fr", "en")}


@pytest.fixture(scope="module")
def rule_pages() -> dict[str, str]:
    return rules_pages()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_term_of_the_ontology_has_its_anchor(pages, lang):
    terms = ontology_terms()
    assert len(terms) == 172  # 55 classes, 73 object and 44 datatype properties
    ids = Anchors(pages[lang]).ids
    assert terms - set(ids) == set()
    assert len(ids) == len(set(ids)), "an id is used twice"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_term_shows_its_french_and_english_labels_and_the_rules_the_ontology_gives_it(pages, lang):
    graph = Graph().parse(ONTOLOGY, format="turtle")
    prefix = f"/rules?lang={lang}#"
    for name in ontology_terms():
        section = term_section(pages[lang], name)
        labels = {lit.language: str(lit) for lit in graph.objects(SGR[name], RDFS.label) if isinstance(lit, Literal)}
        assert set(labels) == {"fr", "en"}, name
        for label_lang, label in labels.items():
            assert f'<span lang="{label_lang}">{escape(label)}</span>' in section, (name, label_lang)
        for rule in graph.objects(SGR[name], SGR.rule):
            assert f'href="{prefix}{str(rule)[len(RULE) :]}"' in section, (name, rule)


def test_every_shape_of_a_rule_names_the_rule_on_its_target_class_and_its_paths(pages):
    shapes = Graph()
    for path in SHAPES.glob("*.ttl"):
        shapes.parse(path, format="turtle")
    checked = 0
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        for rule in shapes.objects(shape, SGR.rule):
            rule_id = str(rule)[len(RULE) :]
            terms = list(shapes.objects(shape, SH.targetClass))
            terms += [shapes.value(p, SH.path) for p in shapes.objects(shape, SH.property)]
            for term in terms:
                if str(term).startswith(str(SGR)):
                    assert f'href="/rules?lang=fr#{rule_id}"' in term_section(pages["fr"], str(term)[len(SGR) :]), (
                        shape,
                        term,
                    )
                    checked += 1
    assert checked == 30  # the (shape, class or property) pairs of the shapes of today


def test_ROOT_3_on_the_candidature_class_names_its_two_shapes_in_french_and_english(pages):
    french = term_section(pages["fr"], "Candidature")
    english = term_section(pages["en"], "Candidature")
    assert (
        '<a class="rule" href="/rules?lang=fr#ROOT-3">ROOT-3</a> : les formes qui la visent : ROOT-3, ROOT-3-UNRECORDED'
        in french
    )
    assert (
        '<a class="rule" href="/rules?lang=en#ROOT-3">ROOT-3</a>: the shapes that target it: ROOT-3, ROOT-3-UNRECORDED'
        in english
    )
    assert '<dt>Super-classes</dt><dd><code title="http://www.w3.org/ns/prov#Entity">prov:Entity</code></dd>' in french
    assert '<span class="kind">class</span> <span lang="en">Application (candidature)</span>' in english


def test_a_domain_that_is_a_union_links_each_class_and_each_class_lists_the_property(pages):
    section = term_section(pages["en"], "forRequirement")
    assert (
        '<dt>Domain</dt><dd><a href="#PSCProof" title="PSC proof"><code>sgr:PSCProof</code></a>, '
        '<a href="#Proof" title="Proof"><code>sgr:Proof</code></a> (either)</dd>'
    ) in section
    assert '<a href="#forRequirement"' in term_section(pages["en"], "PSCProof").split("<dt>Domain of</dt>")[1]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pages_load_only_the_server_s_style_sheets_and_run_nothing(pages, rule_pages, lang):
    for page in (pages[lang], rule_pages[lang]):
        anchors = Anchors(page)
        assert anchors.loads == ["data:,", "/static/style.css", "/static/reference.css"]
        assert not anchors.tags & {"script", "style", "iframe", "img", "object"}
        assert anchors.styled == []
        assert all(link.startswith(("#", "/")) for link in anchors.links), [
            link for link in anchors.links if not link.startswith(("#", "/"))
        ]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_rule_has_its_element_and_every_link_between_the_pages_lands_on_an_anchor(pages, rule_pages, lang):
    rule_ids = read(ONTOLOGY, SHAPES).rule_ids
    assert len(rule_ids) == 35
    rule_anchors = Anchors(rule_pages[lang])
    assert [i for i in rule_anchors.ids if i in rule_ids] == [e.id for e in rule_index.read_rules()]
    ontology_anchors = Anchors(pages[lang])
    suffix = f"?lang={lang}"
    to_rules = [link.split("#")[1] for link in ontology_anchors.links if link.startswith(f"/rules{suffix}#")]
    to_ontology = [link.split("#")[1] for link in rule_anchors.links if link.startswith(f"/ontology{suffix}#")]
    assert set(to_rules) - set(rule_anchors.ids) == set() and len(set(to_rules)) > 30
    assert set(to_ontology) - set(ontology_anchors.ids) == set() and len(set(to_ontology)) > 50
    for anchors in (ontology_anchors, rule_anchors):
        inner = [link[1:] for link in anchors.links if link.startswith("#")]
        assert set(inner) - set(anchors.ids) == set()


def test_ROOT_3_on_the_rule_page_has_the_rule_index_s_shapes_engine_examples_tests_and_terms(rule_pages):
    [entry] = [e for e in rule_index.collect(ROOT) if e.id == "ROOT-3"]
    section = rule_section(rule_pages["en"], "ROOT-3")
    assert f'<p class="statement" lang="en">{escape(entry.statements["en"])}</p>' in section
    assert "<li><code>ROOT-3-UNRECORDED</code> (warning), <code>shapes/roots-dates.ttl</code></li>" in section
    for ref in entry.engine:
        assert f"<code>{ref.name}</code>, <code>{ref.file}</code>" in section
    assert "<li><code>data/examples/invalid/ROOT-3.yaml</code></li>" in section
    assert entry.tests and all(f"<code>{test.node}</code>" in section for test in entry.tests)
    assert '<a class="term" href="/ontology?lang=en#rootRecordedDate"><code>sgr:rootRecordedDate</code></a>' in section
    french = rule_section(rule_pages["fr"], "ROOT-3")
    assert "(avertissement)" in french and "<dt>Termes de l&#x27;ontologie</dt>" in french
    assert "<h2>Solution racine</h2>" in rule_pages["fr"] and "<h2>Root solution</h2>" in rule_pages["en"]


def test_every_class_property_and_rule_has_one_label_and_one_comment_in_french_and_in_english():
    graph = Graph().parse(ONTOLOGY, format="turtle")
    described = [SGR[name] for name in sorted(ontology_terms())] + sorted(graph.subjects(RDF.type, SGR.Rule))
    assert len(described) == len(ontology_terms()) + 35
    lacking = []
    for node in described:
        for predicate in (RDFS.label, RDFS.comment):
            for lang in ("fr", "en"):
                texts = [
                    str(lit)
                    for lit in graph.objects(node, predicate)
                    if isinstance(lit, Literal) and lit.language == lang
                ]
                if len(texts) != 1 or not texts[0].strip():
                    lacking.append(f"{graph.qname(node)} {graph.qname(predicate)}@{lang}: {len(texts)}")
    assert lacking == [], "terms without exactly one non-empty text per language: " + ", ".join(lacking)


def test_every_concept_and_scheme_is_named_and_every_concept_defined_in_french_and_in_english():
    graph = Graph().parse(ONTOLOGY, format="turtle")
    concepts = set(graph.subjects(RDF.type, SKOS.Concept)) | set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    lacking = []
    for node in sorted(c for c in concepts if str(c).startswith((str(SGR), str(RULE)))):
        predicates = [SKOS.prefLabel] + ([SKOS.definition] if (node, RDF.type, SKOS.Concept) in graph else [])
        for predicate in predicates:
            langs = sorted(lit.language or "" for lit in graph.objects(node, predicate) if isinstance(lit, Literal))
            if langs != ["en", "fr"]:
                lacking.append(f"{graph.qname(node)} {graph.qname(predicate)} {langs}")
    assert lacking == [], ", ".join(lacking)


def test_ROOT_3_s_statement_is_in_french_on_the_french_rule_page_and_in_english_on_the_english_one(rule_pages):
    [entry] = [e for e in rule_index.read_rules() if e.id == "ROOT-3"]
    assert list(entry.statements) == ["fr", "en"]
    assert entry.statements["fr"].startswith("Le NRU de la solution racine doit impérativement être renseigné")
    french = rule_section(rule_pages["fr"], "ROOT-3")
    assert f'<p class="statement" lang="fr">{escape(entry.statements["fr"])}</p>' in french
    english = rule_section(rule_pages["en"], "ROOT-3")
    assert f'<p class="statement" lang="en">{escape(entry.statements["en"])}</p>' in english


SMALL_ONTOLOGY = """\
@prefix : <https://w3id.org/segur-kg/ontology#> .
@prefix rule: <https://w3id.org/segur-kg/rule/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
:Thing a owl:Class ; rdfs:label "Chose"@fr , "Thing"@en .
:Part a rdfs:Class ; rdfs:subClassOf :Thing ; rdfs:label "Partie"@fr , "Part"@en .
:partOf a owl:ObjectProperty ; rdfs:domain :Part ; rdfs:range :Thing ; rdfs:label "partie de"@fr , "part of"@en .
:note a owl:AnnotationProperty ; rdfs:label "note"@fr , "note"@en ; :rule rule:X-2 .
:loose a rdf:Property ; rdfs:label "libre"@fr , "loose"@en .
rule:X-1 a :Rule . rule:X-2 a :Rule . rule:X-10 a :Rule .
"""

SMALL_SHAPES = """\
@prefix sgrsh: <https://w3id.org/segur-kg/shapes#> .
@prefix sgr: <https://w3id.org/segur-kg/ontology#> .
@prefix rule: <https://w3id.org/segur-kg/rule/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
sgrsh:X-1 a sh:NodeShape ; sgr:rule rule:X-1 ; sh:targetClass sgr:Thing ;
    sh:property [ sh:path [ sh:inversePath sgr:partOf ] ; sh:minCount 1 ] .
sgrsh:STRUCT a sh:NodeShape ; sh:targetClass sgr:Part ; sh:property [ sh:path sgr:loose ; sh:maxCount 1 ] .
"""


def test_every_kind_of_term_inverse_paths_and_shapes_without_a_rule(tmp_path):
    (tmp_path / "o.ttl").write_text(SMALL_ONTOLOGY, encoding="utf-8")
    (tmp_path / "shapes").mkdir()
    (tmp_path / "shapes" / "s.ttl").write_text(SMALL_SHAPES, encoding="utf-8")
    doc = read(tmp_path / "o.ttl", tmp_path / "shapes")
    assert [(t.name, t.kind) for t in doc.terms] == [
        ("Part", "class"),
        ("Thing", "class"),
        ("loose", "property"),
        ("note", "annotation"),
        ("partOf", "object"),
    ]
    assert doc.rule_ids == ["X-1", "X-2", "X-10"]
    rules = {t.name: {r: [(m.how, m.shape) for m in ms] for r, ms in t.rules.items()} for t in doc.terms}
    assert rules == {
        "Part": {},
        "Thing": {"X-1": [("target", "X-1")]},
        "loose": {},  # its shape carries no rule
        "note": {"X-2": [("ontology", "")]},
        "partOf": {"X-1": [("path", "X-1")]},  # a blank property shape is named by its node shape
    }
    page = render(doc, "en")
    assert "<h2>Annotation properties</h2>" in page and "<h2>Other properties</h2>" in page
    assert '<dt>Sub-classes</dt><dd><a href="#Part" title="Part"><code>sgr:Part</code></a></dd>' in term_section(
        page, "Thing"
    )
    written = write_pages(tmp_path / "html", tmp_path / "o.ttl", tmp_path / "shapes")
    assert sorted(p.name for p in written) == ["ontology.en.html", "ontology.fr.html"]
    assert (tmp_path / "html" / "ontology.en.html").read_text(encoding="utf-8") == page
