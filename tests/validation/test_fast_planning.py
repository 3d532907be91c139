"""The fast engine's planning gives the results graph of its plain checks: a check whose guard's counts
prove it empty is not run (many targets, issue 21), and a focus plan gives each shape its own targets."""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import SH

from helpers.shapes import changed, patched
from segur_kg.stores import OxigraphStore
from segur_kg.validation import compiled_shapes, dependency_closure
from segur_kg.validation.engines import fast

PROOF = "<https://w3id.org/segur-kg/id/candidature/W-A/proof/1>"
BROKEN_PROOFS = f"""
{PROOF} dcterms:identifier "W-A/proof/2" .
<https://w3id.org/segur-kg/id/candidature/W-A/proof/9> a sgr:Proof ; dcterms:identifier "W-A/proof/9" ;
    sgr:proofStatus sgr:Validated .
"""


def results(graph) -> set:
    """Every result of a results graph, as comparable values."""
    out = set()
    for r in graph.subjects(SH.focusNode, None):
        fields = (
            SH.focusNode,
            SH.resultSeverity,
            SH.sourceShape,
            SH.sourceConstraintComponent,
            SH.resultPath,
            SH.value,
        )
        messages = frozenset((str(m), m.language) for m in graph.objects(r, SH.resultMessage))
        out.add((*(graph.value(r, f) for f in fields), messages))
    return out


def local(term) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def store_of(add: str = "") -> OxigraphStore:
    store = OxigraphStore()
    with changed(add) as g:
        store.add_graph(g)
    return store


def guarded_paths(store) -> dict[tuple[str, str], bool]:
    """(path, "min" or "max") of each guarded check of the proofs, and whether its guard holds."""
    shapes, _ = compiled_shapes()
    plan = fast.plan(shapes, fast.subclass_closure(store), None, fast.class_sizes(store))
    return {
        (local(c.path), c.guard.proves): c.guard.holds(store.select_values(c.guard.query)[0])
        for c in plan.checks
        if c.guard is not None
    }


@pytest.mark.parametrize("add", ["", BROKEN_PROOFS], ids=["valid", "invalid"])
def test_guarded_checks_give_the_results_graph_of_every_check_run(add):
    store = store_of(add)
    shapes, _ = compiled_shapes()
    with patched(fast, "JOIN_LIMIT", -1), patched(fast, "OWN_SHARE", 0):
        guarded = results(fast.validate(store, shapes))
        with patched(fast.Guard, "holds", lambda self, counts: False):
            every = results(fast.validate(store, shapes))
    assert guarded == every


def test_guards_skip_the_proofs_count_checks_of_valid_data_and_keep_those_that_fail():
    with patched(fast, "JOIN_LIMIT", -1), patched(fast, "OWN_SHARE", 0):
        valid, invalid = guarded_paths(store_of()), guarded_paths(store_of(BROKEN_PROOFS))
    assert valid[("identifier", "max")] and valid[("ofCandidature", "min")] and valid[("forRequirement", "min")]
    # The second identifier of proof 1, and proof 9 without a candidature or a requirement.
    assert not invalid[("identifier", "max")]
    assert not invalid[("ofCandidature", "min")] and not invalid[("forRequirement", "min")]
    assert invalid[("ofCandidature", "max")] and invalid[("proofStatus", "min")]


def test_invalid_proofs_give_their_count_findings_with_guards():
    store = store_of(BROKEN_PROOFS)
    shapes, _ = compiled_shapes()
    with patched(fast, "JOIN_LIMIT", -1), patched(fast, "OWN_SHARE", 0):
        found = {
            (str(r[0]).rsplit("/", 1)[-1], local(r[3]), local(r[4]))
            for r in results(fast.validate(store, shapes))
            if "proof" in str(r[0])
        }
    assert found == {
        ("1", "MaxCountConstraintComponent", "identifier"),
        ("9", "MinCountConstraintComponent", "ofCandidature"),
        ("9", "MinCountConstraintComponent", "forRequirement"),
    }


def test_a_focus_plan_gives_the_results_graph_of_the_whole_focus_in_every_query():
    store = store_of(BROKEN_PROOFS)
    shapes, _ = compiled_shapes()
    focus = dependency_closure(store, URIRef("https://w3id.org/segur-kg/id/candidature/W-A"))
    focus.add(URIRef("https://w3id.org/segur-kg/id/candidature/W-A/proof/9"))
    closure = fast.subclass_closure(store)
    per_shape = fast.plan(shapes, closure, focus, None, fast.types_of(store, focus))
    whole = fast.plan(shapes, closure, focus, None)
    assert len(per_shape.checks) < len(whole.checks)
    expected = results(fast.validate(store, shapes, whole, focus=focus))
    assert results(fast.validate(store, shapes, per_shape, focus=focus)) == expected
    assert len(expected) >= 2
