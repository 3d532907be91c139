"""Parity of the two ways an entity reaches the graph: ``segur-kg synth`` writes N-Triples itself, the
dossier importer (``segur_kg.ingest.dossier``) turns YAML into triples. The same synthetic world,
written by the generator's writer and written as YAML dossiers then imported, must give the same
triples, entity kind by entity kind. Only the dossier node's ``dcterms:source`` legitimately differs
(the name of the file each side read)."""

from __future__ import annotations

import io
from collections import defaultdict

import pytest
import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from segur_kg.ingest.codes import MODIFICATION_KINDS
from segur_kg.ingest.dossier import import_dossiers
from segur_kg.ingest.loader import reference
from segur_kg.namespaces import ID, SGR
from segur_kg.synth.generator import Generator
from segur_kg.synth.model import OPERATORS_DOSSIER, OPERATORS_TITLE, Cand, Editor, Modification, Operator, Solution
from segur_kg.synth.writers import CLASS, KIND_CLASS, MOD_KIND, NT_FILE, PRED, NTriplesWriter

# A small world in which every predicate and class the writer knows occurs (seed chosen for that:
# the coverage test below fails if a change of the generator loses one).
N, SEED = 20, 7
# Predicates of the format that no synthetic modification uses: nothing synthetic is removed.
NEVER_WRITTEN = {SGR.removedProfile, SGR.removedComponent}

# The kinds compared, by the first segment of the subject's IRI (id/<segment>/...); a sub-node
# (a name's CNDA conformity, a candidature's attestation or proofs) goes with its own kind.
KINDS = (
    "dossier",
    "editor",
    "operator",
    "solution",
    "component",
    "commercial-name",
    "cnda-conformity",
    "solution-version",
    "referencing",
    "psc-habilitation",
    "operator-habilitation",
    "candidature",
    "attestation",
    "proof",
    "modification",
)


def _iso(day) -> str | None:
    return day.isoformat() if day is not None else None


def _entry(**fields) -> dict:
    """A YAML entry without its absent (None) fields."""
    return {k: v for k, v in fields.items() if v is not None}


# ---- the world as YAML dossiers (docs/dossier-format.md), from the generator's objects
def _solution(sol: Solution, ed: Editor) -> dict:
    return _entry(
        id=sol.id,
        editor=ed.id,
        name=sol.name,
        device_type=sol.device_type,
        components=[_entry(id=c.id, kind=c.kind, name=c.name, type=c.ctype) for c in sol.components],
        commercial_names=[
            _entry(
                id=nm.id,
                name=nm.name,
                nil=nm.nil,
                parent=nm.parent,
                cnda=_entry(status=nm.cnda[0], date=_iso(nm.cnda[1])) if nm.cnda else None,
            )
            for nm in sol.names
        ],
        versions=[
            _entry(
                id=v.id,
                version=v.text,
                main_component=v.main,
                additional_components=v.additional,
                lps=v.lps,
                proxy=v.proxy,
                commercial_names=v.names,
            )
            for v in sol.versions.values()
        ],
    )


def _candidature(c: Cand) -> dict:
    dates = _entry(
        admin_deposit=_iso(c.admin),
        eligibility=_iso(c.eligibility),
        complete_deposit=_iso(c.complete),
        decision=_iso(c.decision),
    )
    attestation = None
    if c.attestation is not None:
        day, identical, single, ascending = c.attestation
        attestation = {
            "date": _iso(day),
            "main_component_identical": identical,
            "single_solution": single,
            "ascending_compatibility": ascending,
        }
    return _entry(
        id=c.id,
        solution_version=c.version.id,
        dispositif=c.disp.id,
        profiles=c.profiles,
        additional_components=c.components,  # always given: the importer's default is the version's
        va1_referencings=[r.nru for r in c.va1] + c.va1_extra or None,
        intended_root=c.intended.id if c.intended is not None else None,
        root=c.root_nru,
        root_recorded=_iso(c.recorded),
        classic_deposit=c.classic,
        attestation=attestation,
        psc_habilitation=c.psc.id if c.psc is not None else None,
        dates=dates or None,
        status=c.status,
        # the referencing's profiles left out: they default to the candidature's
        referencing=_entry(nru=c.nru, date=_iso(c.ref_date), withdrawn=_iso(c.ref_withdrawn)) if c.nru else None,
        proofs=[
            _entry(
                requirement=p.requirement.ident,
                scenario=p.scenario[0],
                status=p.status,
                deposited=_iso(p.deposited),
                decided=_iso(p.decided),
            )
            for p in c.proofs
        ]
        or None,
    )


def _modification(m: Modification) -> dict:
    _, target_key, field_key, _, _ = MODIFICATION_KINDS[m.kind]
    assert target_key == m.target_kind.replace("-", "_"), m
    entry = {"id": m.id, "date": _iso(m.date), "kind": m.kind, target_key: m.target}
    if field_key is not None:
        entry[field_key] = m.value
    return entry


def _editor_dossier(ed: Editor) -> dict:
    habilitations = [s.psc for s in ed.solutions if s.psc is not None] + ed.extra_psc
    return _entry(
        dossier=ed.dossier,
        title=ed.title,
        rules=ed.rules or None,
        editors=[{"id": ed.id, "name": ed.name}],
        solutions=[_solution(s, ed) for s in ed.solutions],
        referencings=[
            _entry(
                nru=r.nru,
                wave=1,
                dispositif=r.dispositif,
                solution_version=r.version.id,
                profiles=r.profiles,
                date=_iso(r.date),
                withdrawn=_iso(r.withdrawn),
            )
            for s in ed.solutions
            for r in s.va1
        ]
        or None,
        psc_habilitations=[
            _entry(
                id=h.id,
                configuration=h.config,
                nru=h.nru,
                date=_iso(h.date),
                lps=h.lps,
                proxy=h.proxy,
                serves=h.serves,
                commercial_names=h.names,
                components=h.components,
            )
            for h in habilitations
        ]
        or None,
        operator_habilitations=[
            {"id": h.id, "role": h.role, "operator": h.operator, "component": h.component, "date": _iso(h.date)}
            for h in ed.op_habs
        ]
        or None,
        candidatures=[_candidature(c) for c in ed.candidatures] or None,
        modifications=[_modification(m) for c in ed.candidatures for m in c.modifications]
        + [_modification(m) for m in ed.modifications]
        or None,
    )


def _operators_dossier(operators: list[Operator]) -> dict:
    return {
        "dossier": OPERATORS_DOSSIER,
        "title": OPERATORS_TITLE,
        "operators": [{"id": op.id, "name": op.name} for op in operators],
    }


# ---- both sides
@pytest.fixture(scope="module")
def world() -> tuple[Generator, list[Editor]]:
    gen = Generator(N, SEED)
    return gen, list(gen.editors())


@pytest.fixture(scope="module")
def synth_triples(world) -> set[tuple[str, str, str]]:
    gen, editors = world
    out = io.StringIO()
    writer = NTriplesWriter(out, gen.m.dispositifs)
    writer.write_operators(gen.operators)
    for ed in editors:
        writer.write_editor(ed)
    graph = Graph().parse(data=out.getvalue(), format="nt")
    assert len(graph) == writer.triples, "the writer wrote a triple twice"
    return _as_text(graph)


@pytest.fixture(scope="module")
def dossier_triples(world, tmp_path_factory) -> set[tuple[str, str, str]]:
    gen, editors = world
    folder = tmp_path_factory.mktemp("parity")
    paths = []
    for dossier in [_operators_dossier(gen.operators)] + [_editor_dossier(ed) for ed in editors]:
        path = folder / f"{dossier['dossier']}.yaml"
        path.write_text(yaml.safe_dump(dossier, allow_unicode=True, sort_keys=False), encoding="utf-8")
        paths.append(path)
    graph = import_dossiers(paths, reference().index)
    # The one legitimate difference: each side names the file it read as the dossier's source.
    for path in paths:
        node = ID[f"dossier/{path.stem}"]
        assert (node, DCTERMS.source, Literal(path.name)) in graph, path
        graph.remove((node, DCTERMS.source, Literal(path.name)))
        graph.add((node, DCTERMS.source, Literal(NT_FILE)))
    return _as_text(graph)


def _as_text(graph: Graph) -> set[tuple[str, str, str]]:
    """Triples as N-Triples terms: a literal's lexical form and datatype are compared, not its value."""
    return {(s.n3(), p.n3(), o.n3()) for s, p, o in graph}


def _kind(subject: str) -> str:
    path = subject.strip("<>").removeprefix(str(ID)).split("/")
    if path[0] == "commercial-name" and path[-1] == "cnda":
        return "cnda-conformity"
    if path[0] == "candidature" and len(path) > 2:
        return path[2]  # attestation, proof
    return path[0]


def _by_kind(triples: set[tuple[str, str, str]]) -> dict[str, set[tuple[str, str, str]]]:
    out: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for t in triples:
        out[_kind(t[0])].add(t)
    return out


# ---- the comparison
@pytest.mark.parametrize("kind", KINDS)
def test_same_triples_for_each_kind_of_entity(kind, synth_triples, dossier_triples):
    synth, dossier = _by_kind(synth_triples)[kind], _by_kind(dossier_triples)[kind]
    assert synth, f"no {kind} in the world: the comparison would prove nothing"
    only_synth = sorted(synth - dossier)[:10]
    only_dossier = sorted(dossier - synth)[:10]
    assert not only_synth and not only_dossier, (
        f"{kind}: written by synth only: {only_synth}; imported from the dossier only: {only_dossier}"
    )


def test_every_triple_is_compared_and_both_graphs_are_equal(synth_triples, dossier_triples):
    assert set(_by_kind(synth_triples)) <= set(KINDS)
    assert set(_by_kind(dossier_triples)) <= set(KINDS)
    assert synth_triples == dossier_triples


def test_the_world_uses_every_predicate_and_class_the_writer_knows(synth_triples):
    predicates = {p for _, p, _ in synth_triples}
    expected = {*PRED.values(), *(prop for _, prop, _ in MOD_KIND.values() if prop)}
    expected -= {URIRef(p).n3() for p in NEVER_WRITTEN}
    assert sorted(expected - predicates) == []
    classes = {o for _, p, o in synth_triples if p == RDF.type.n3()}
    wanted = {c for name, c in CLASS.items() if not name.startswith("Guichet")} | set(KIND_CLASS.values())
    assert sorted(wanted - classes) == []
    kinds = {o for _, p, o in synth_triples if p == PRED["modificationKind"]}
    made = {"add-profile", "add-component", "set-root", "set-psc-nru", "modify-lps"}
    assert {MOD_KIND[k][0] for k in made} <= kinds


def test_the_world_holds_the_rule_breaking_cases_of_unusual_shape(world):
    """A root that is a vague 1 referencing (HER-1), a heritage NRU of another solution (HER-2), a
    cycle of roots (TRANS-2), a habilitation of no solution (PSC-5), a shared NIL (CNDA-1)..."""
    gen, _ = world
    rules = {c.rule for c in gen.cases}
    assert rules >= {"TRANS-2", "ROOT-1", "ROOT-3", "ROOT-5", "HER-1", "HER-2", "COU-1", "ASC-1"}
    assert rules >= {"CNDA-1", "CNDA-2", "PSC-1", "PSC-5"}
