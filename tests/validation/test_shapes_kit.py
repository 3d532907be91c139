"""The shape kit's own checks (the kit: ``tests/helpers/shapes.py``)."""

from __future__ import annotations

from rdflib import Graph
from rdflib.compare import isomorphic

from helpers.shapes import FIXTURES, NAMESPACES, base_graph, changed, findings, world
from segur_kg.ingest.loader import dossier_graph


def test_the_world_is_exactly_what_the_importer_emits_for_world_yaml():
    imported = dossier_graph([FIXTURES / "world.yaml"])
    written = Graph().parse(FIXTURES / "world.ttl", format="turtle")
    assert isomorphic(imported, written)


def test_the_world_yields_no_finding_at_all():
    assert findings() == set()


def test_a_change_is_undone_after_the_block():
    size = len(base_graph())
    with changed(
        add="cand:W-B sgr:classicDeposit true .", remove="cand:W-B sgr:classicDeposit ?x . ref:W-VA1 ?p ?o ."
    ) as g:
        assert len(g) < size
    assert len(base_graph()) == size
    assert isomorphic(base_graph(), world())


def test_remove_and_add_change_the_world():
    from rdflib import Literal, URIRef

    g = world(add="cand:W-B sgr:classicDeposit true .", remove="cand:W-B sgr:classicDeposit ?x .")
    b, p = URIRef(NAMESPACES["cand"] + "W-B"), URIRef(NAMESPACES["sgr"] + "classicDeposit")
    assert len(g) == len(base_graph())
    assert set(g.objects(b, p)) == {Literal(True)}
    assert set(base_graph().objects(b, p)) == {Literal(False)}
