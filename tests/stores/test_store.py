"""The two engines behind the one Store API answer alike."""

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from segur_kg.resources import ontology_path
from segur_kg.stores import OxigraphStore, RdflibStore, open_store

EX = "http://example.org/"


def small_graph() -> Graph:
    g = Graph()
    g.add((URIRef(EX + "a"), URIRef(EX + "p"), Literal("x")))
    g.add((URIRef(EX + "a"), URIRef(EX + "q"), Literal(3)))
    g.add((URIRef(EX + "a"), URIRef(EX + "r"), Literal("bonjour", lang="fr")))
    g.add((URIRef(EX + "b"), URIRef(EX + "p"), URIRef(EX + "a")))
    return g


@pytest.fixture(params=["oxigraph", "rdflib"])
def store(request):
    return OxigraphStore() if request.param == "oxigraph" else RdflibStore()


def test_select_returns_rdflib_terms(store):
    store.add_graph(small_graph())
    rows = store.select(f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?s").rows
    assert rows == [(URIRef(EX + "a"), Literal("x")), (URIRef(EX + "b"), URIRef(EX + "a"))]
    typed = store.select(f"SELECT ?o WHERE {{ ?s <{EX}q> ?o }}").rows
    assert typed == [(Literal("3", datatype=XSD.integer),)]
    lang = store.select(f"SELECT ?o WHERE {{ ?s <{EX}r> ?o }}").rows
    assert lang == [(Literal("bonjour", lang="fr"),)]


def test_ask_construct_and_count(store):
    store.add_graph(small_graph())
    assert len(store) == 4
    assert store.query(f"ASK {{ <{EX}b> <{EX}p> <{EX}a> }}") is True
    assert store.query(f"ASK {{ <{EX}a> <{EX}p> <{EX}b> }}") is False
    g = store.query(f"CONSTRUCT {{ ?o <{EX}inverse> ?s }} WHERE {{ ?s <{EX}p> ?o FILTER(isIRI(?o)) }}")
    assert set(g) == {(URIRef(EX + "a"), URIRef(EX + "inverse"), URIRef(EX + "b"))}


def test_named_graphs_are_queried_as_a_union_and_can_be_cleared(store):
    store.add_graph(small_graph())
    extra = Graph()
    extra.add((URIRef(EX + "c"), URIRef(EX + "p"), Literal("y")))
    store.add_graph(extra, graph=EX + "derived")
    assert len(store.select(f"SELECT ?s WHERE {{ ?s <{EX}p> ?o }}")) == 3
    store.clear_graph(EX + "derived")
    assert len(store.select(f"SELECT ?s WHERE {{ ?s <{EX}p> ?o }}")) == 2


def test_both_engines_load_the_ontology_identically():
    results = []
    for st in (OxigraphStore(), RdflibStore()):
        st.load(ontology_path(), "turtle")
        rows = st.select(
            "SELECT ?c ?l WHERE { ?c a owl:Class ; rdfs:label ?l FILTER(LANG(?l) = 'en') } ORDER BY ?c"
        ).rows
        results.append((len(st), rows, len(st.to_rdflib())))
    assert results[0] == results[1]
    assert results[0][0] == results[0][2]


def test_persistent_store_keeps_its_data(tmp_path: Path):
    folder = tmp_path / "kg"
    first = open_store(str(folder))
    first.add_graph(small_graph())
    first.flush()
    del first
    again = open_store(str(folder))
    assert len(again) == 4


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld", "trig", "nquads"])
def test_serialize_round_trips(store, fmt):
    store.add_graph(small_graph())
    data = store.serialize(fmt)
    back = Graph().parse(
        data=data, format={"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nquads": "nquads"}[fmt]
    )
    assert len(back) == 4
