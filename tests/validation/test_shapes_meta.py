"""What every shape must carry, and the promise made to the whole-graph engine: every SHACL-SPARQL
query is also correct with $this unbound (its WHERE clause types $this itself)."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from segur_kg.ingest.loader import load
from segur_kg.namespaces import SGR
from segur_kg.resources import ontology_path, project_home
from segur_kg.validation import SHAPES_NS, SHAPES_ONTOLOGY, load_shapes, validate_store
from segur_kg.validation.engines import fast as fastshacl

SHAPES = load_shapes()
NODE_SHAPES = sorted(set(SHAPES.subjects(RDF.type, SH.NodeShape)), key=str)
PROPERTY_SHAPES = sorted({p for s in NODE_SHAPES for p in SHAPES.objects(s, SH.property)}, key=str)
CONSTRAINTS = [(s, c) for s in NODE_SHAPES for c in SHAPES.objects(s, SH.sparql)]
FAMILIES = {"structure.ttl", "heritage.ttl", "roots-dates.ttl", "versions.ttl", "psc.ttl", "cnda-names.ttl"}
CORE_SUBSET = {
    SH.path,
    SH.minCount,
    SH.maxCount,
    SH.datatype,
    SH["class"],
    SH.nodeKind,
    SH.pattern,
    SH["in"],
    SH.hasValue,
    SH.severity,
    SH.message,
}
NODE_KEYS = {SH.targetClass, SH.property, SH.sparql, SH.severity}
README = project_home() / "shapes" / "README.md"


def sid(node) -> str:
    return str(node)[len(SHAPES_NS) :]


@lru_cache(maxsize=1)
def rules() -> set[str]:
    onto = Graph().parse(ontology_path(), format="turtle")
    return {str(r).rsplit("/", 1)[-1] for r in onto.subjects(RDF.type, SGR.Rule)}


def test_one_file_per_rule_family_plus_the_prefix_declarations():
    files = {p.name for p in (project_home() / "shapes").glob("*.ttl")}
    assert files == FAMILIES | {"ontology.ttl"}


def test_prefixes_are_declared_once_on_the_shapes_ontology_node():
    assert (SHAPES_ONTOLOGY, RDF.type, OWL.Ontology) in SHAPES
    assert set(SHAPES.subjects(SH.declare, None)) == {SHAPES_ONTOLOGY}
    for _, constraint in CONSTRAINTS:
        assert set(SHAPES.objects(constraint, SH.prefixes)) == {SHAPES_ONTOLOGY}


@pytest.mark.parametrize("shape", NODE_SHAPES, ids=sid)
def test_every_shape_has_an_id_a_severity_labels_and_a_help_pointer(shape):
    assert str(shape).startswith(SHAPES_NS)
    assert SHAPES.value(shape, SH.severity) in (SH.Violation, SH.Warning, SH.Info)
    labels = {lit.language for lit in SHAPES.objects(shape, RDFS.label) if isinstance(lit, Literal)}
    assert labels == {"fr", "en"}
    assert SHAPES.value(shape, RDFS.comment) is not None
    assert list(SHAPES.objects(shape, RDFS.seeAlso))
    assert SHAPES.value(shape, RDFS.isDefinedBy) == SHAPES_ONTOLOGY
    assert {p for p in SHAPES.predicates(shape, None) if str(p).startswith(str(SH))} <= NODE_KEYS
    rule = SHAPES.value(shape, SGR.rule)
    if sid(shape).startswith("STRUCT-"):
        assert rule is None
    else:
        assert rule is not None
        rule_id = str(rule).rsplit("/", 1)[-1]
        assert rule_id in rules()
        assert sid(shape) == rule_id or sid(shape).startswith(rule_id + "-")
        assert rule in set(SHAPES.objects(shape, RDFS.seeAlso))
        assert URIRef(f"https://w3id.org/segur-kg/docs/rules.md#{rule_id.lower()}") in set(
            SHAPES.objects(shape, RDFS.seeAlso)
        )


@pytest.mark.parametrize("prop", PROPERTY_SHAPES, ids=sid)
def test_every_property_shape_uses_the_core_subset_with_a_severity_and_two_messages(prop):
    used = {p for p in SHAPES.predicates(prop, None) if str(p).startswith(str(SH))}
    assert used <= CORE_SUBSET
    assert isinstance(SHAPES.value(prop, SH.path), URIRef)
    assert SHAPES.value(prop, SH.severity) is not None
    assert {m.language for m in SHAPES.objects(prop, SH.message)} == {"fr", "en"}


@pytest.mark.parametrize("shape,constraint", CONSTRAINTS, ids=lambda x: sid(x) if isinstance(x, URIRef) else "")
def test_every_sparql_constraint_types_this_projects_its_message_variables_and_speaks_two_languages(shape, constraint):
    select = str(SHAPES.value(constraint, SH.select))
    messages = {m.language: str(m) for m in SHAPES.objects(constraint, SH.message)}
    assert set(messages) == {"fr", "en"}
    assert not list(SHAPES.objects(shape, SH.message)), "messages go on the constraint, not on the shape"
    assert re.search(r"\$this\s+a\s+sgr:\w+", select), "the WHERE clause must type $this"
    head = re.search(r"SELECT\s+(DISTINCT\s+)?(.*?)\s+WHERE", select, re.S)
    # One row per finding: DISTINCT, or an aggregate grouped by $this.
    assert head.group(1) or re.search(r"GROUP\s+BY\s+\$this\b", select), (
        "rows must be unique: DISTINCT or GROUP BY $this"
    )
    projected = set(head.group(2).split())
    assert "$this" in projected
    for text in messages.values():
        for var in re.findall(r"\{[?$](\w+)\}", text):
            assert f"?{var}" in projected, f"{{?{var}}} is not projected"


@lru_cache(maxsize=1)
def everything():
    """The bundle plus every invalid example: each constraint has something to find."""
    invalid = sorted((project_home() / "data" / "examples" / "invalid").glob("*.yaml"))
    return load(invalid, demo=True)


def _prefixes(constraint) -> str:
    lines = []
    for decl in SHAPES.objects(SHAPES.value(constraint, SH.prefixes), SH.declare):
        lines.append(f"PREFIX {SHAPES.value(decl, SH.prefix)}: <{SHAPES.value(decl, SH.namespace)}>")
    return "\n".join(lines) + "\n"


def test_every_sparql_query_run_once_with_this_unbound_finds_what_pyshacl_finds_node_by_node():
    store = everything().store
    reference = validate_store(store, engine="pyshacl")
    by_shape: dict[str, set[str]] = {}
    for f in reference.findings:
        by_shape.setdefault(f.shape, set()).add(f.focus)
    found_something = 0
    for shape in NODE_SHAPES:
        if not list(SHAPES.objects(shape, SH.sparql)):
            continue
        unbound = set()
        for constraint in SHAPES.objects(shape, SH.sparql):
            query = _prefixes(constraint) + str(SHAPES.value(constraint, SH.select)).replace("$this", "?this")
            unbound |= {str(t) for t in store.select(query).column("this")}
        sparql_focus = {f.focus for f in reference.findings if f.shape == sid(shape)} - {
            f.focus for f in reference.findings if f.shape == sid(shape) and f.path is not None
        }
        assert unbound == sparql_focus, sid(shape)
        found_something += bool(unbound)
    assert found_something >= 15


@pytest.mark.parametrize(
    ("join_limit", "own_share"),
    [(fastshacl.JOIN_LIMIT, fastshacl.OWN_SHARE), (-1, 0), (-1, fastshacl.OWN_SHARE)],
    ids=["few-targets-joined", "many-targets-tested-last", "many-targets-shared-properties-joined"],
)
def test_both_engines_agree_on_the_bundle_and_every_invalid_example(join_limit, own_share, monkeypatch):
    monkeypatch.setattr(fastshacl, "JOIN_LIMIT", join_limit)
    monkeypatch.setattr(fastshacl, "OWN_SHARE", own_share)
    store = everything().store
    as_set = lambda r: {(f.shape, f.focus, f.severity, f.message, f.path, f.value) for f in r.findings}  # noqa: E731
    assert as_set(validate_store(store, engine="fast")) == as_set(validate_store(store, engine="pyshacl"))


def test_plan_reads_a_property_first_only_where_the_targets_hold_most_of_it():
    # At national scale: 30,000 referencings and 1.9 million proofs share sgr:ofCandidature.
    shapes = load_shapes()
    sizes = {str(SGR.Referencing): 30_000, str(SGR.Proof): 1_900_000, str(SGR.Candidature): 30_000}
    plan = fastshacl.plan(shapes, fastshacl.subclass_closure(load().store), None, sizes)
    queries = {(sid(check.shape), check.component.rsplit("#", 1)[-1]): check.query for check in plan.checks}
    typed_first = "{ ?this rdf:type <%s> } ?this <%s>"
    assert queries[("STRUCT-REFERENCING-candidature", "MaxCountConstraintComponent")].startswith(
        "SELECT DISTINCT ?this WHERE { " + typed_first % (SGR.Referencing, SGR.ofCandidature)
    )
    assert queries[("STRUCT-PROOF-candidature", "MaxCountConstraintComponent")].startswith(
        f"SELECT DISTINCT ?this WHERE {{ ?this <{SGR.ofCandidature}> ?v . "
    )


def test_the_readme_lists_every_shape_and_accounts_for_every_rule():
    text = README.read_text(encoding="utf-8")
    for shape in NODE_SHAPES:
        assert f"`{sid(shape)}`" in text, sid(shape)
    for rule in rules():
        assert re.search(rf"(?<![A-Z0-9-]){re.escape(rule)}(?![0-9])", text), rule


def readme_rows(heading: str) -> list[list[str]]:
    """The cells of the table under a heading of shapes/README.md (header and separator left out)."""
    section = README.read_text(encoding="utf-8").split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def test_the_readme_gives_each_shape_its_rule_severity_and_file():
    files = {
        sid(shape): path.name
        for path in (project_home() / "shapes").glob("*.ttl")
        for shape in Graph().parse(path, format="turtle").subjects(RDF.type, SH.NodeShape)
    }
    rows = readme_rows("The shapes")
    assert sorted(row[0] for row in rows) == sorted(f"`{sid(shape)}`" for shape in NODE_SHAPES)
    for shape_id, rule, severity, *_, file in rows:
        shape = URIRef(SHAPES_NS + shape_id.strip("`"))
        expected_rule = SHAPES.value(shape, SGR.rule)
        assert rule == (str(expected_rule).rsplit("/", 1)[-1] if expected_rule is not None else "—"), shape_id
        assert severity == str(SHAPES.value(shape, SH.severity)).rsplit("#", 1)[-1], shape_id
        assert file == files[shape_id.strip("`")], shape_id


def test_the_readme_says_why_each_rule_without_a_shape_has_none():
    checked = {str(rule).rsplit("/", 1)[-1] for rule in SHAPES.objects(None, SGR.rule)}
    explained = {row[0] for row in readme_rows("Rules left to the engine")}
    assert rules() - checked <= explained
