"""The rule index, docs/rules.md: generated, complete, and naming only what exists.

The page is read as committed: each rule's section must be there under its anchor, and every shape,
engine function, example and test it names must exist and concern that rule."""

from __future__ import annotations

import inspect
import re
import textwrap
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS

from segur_kg import rule_index, rules
from segur_kg.namespaces import RULE, SGR
from segur_kg.resources import ontology_path, project_home
from segur_kg.validation import SHAPES_NS, load_shapes, rule_catalogue

HOME = project_home()
PAGE = HOME / rule_index.PAGE
DOCS_IRI = "https://w3id.org/segur-kg/docs/"
SECTION = re.compile(r'^<a id="(?P<anchor>[^"]+)"></a>\n\n### Rule (?P<rule>\S+)\n', re.M)
ANCHOR = re.compile(r'<a id="([^"]+)"></a>')
REPOSITORY_LINK = re.compile(r"\[`(?P<text>[^`]+)`\]\(\.\./(?P<target>[^)#\s]+)\)")
ANY_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


@lru_cache(maxsize=1)
def ontology() -> Graph:
    return Graph().parse(ontology_path(), format="turtle")


def ontology_rules() -> set[str]:
    return {str(r)[len(RULE) :] for r in ontology().subjects(RDF.type, SGR.Rule)}


def page() -> str:
    return PAGE.read_text(encoding="utf-8")


def sections(text: str) -> dict[str, tuple[str, str]]:
    """Rule ID -> (its anchor, the text of its section up to the next section or family heading)."""
    found = {}
    matches = list(SECTION.finditer(text))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[match.end() : end].split("\n## ", 1)[0]
        found[match["rule"]] = (match["anchor"], body)
    return found


def links(prefix: str) -> list[tuple[str, str, str]]:
    """(rule, link text, repository-relative target) of every link of the page to a path under prefix."""
    return [
        (rule, link["text"], link["target"])
        for rule, (_, body) in sections(page()).items()
        for link in REPOSITORY_LINK.finditer(body)
        if link["target"].startswith(prefix)
    ]


def test_the_page_is_what_the_generator_writes():
    assert PAGE.is_file(), f"{rule_index.PAGE} is missing: run `{rule_index.REGENERATE}`"
    assert page() == rule_index.page_text(HOME), f"{rule_index.PAGE} is out of date: run `{rule_index.REGENERATE}`"


def test_every_rule_of_the_ontology_has_a_section_under_its_anchor_in_the_ontologys_order():
    found = sections(page())
    assert set(found) == ontology_rules(), "each rule of the ontology has one section, and only those"
    assert len(SECTION.findall(page())) == len(found), "a rule has two sections"
    for rule, (anchor, _) in found.items():
        assert anchor == rule_index.anchor(rule) == rule.lower(), rule
    assert list(found) == [entry.id for entry in rule_index.read_rules()]


def test_every_rule_states_itself_in_english_and_in_the_same_languages_as_the_others():
    languages = {}
    for rule in ontology_rules():
        definitions = {
            lit.language: str(lit)
            for lit in ontology().objects(RULE[rule], SKOS.definition)
            if isinstance(lit, Literal)
        }
        assert "en" in definitions, rule
        languages[rule] = set(definitions)
        _, body = sections(page())[rule]
        for lang, statement in definitions.items():
            assert f"- **Statement ({lang})**: {statement}\n" in body, (rule, lang)
    assert len({frozenset(langs) for langs in languages.values()}) == 1, "every rule in the same languages"


def test_every_link_of_the_page_reaches_a_file_of_the_repository_or_an_anchor_of_the_page():
    text = page()
    anchors = set(ANCHOR.findall(text))
    targets = [m["target"] for m in ANY_LINK.finditer(text)]
    assert targets
    for target in targets:
        if target.startswith("#"):
            assert target[1:] in anchors, target
        else:
            assert not re.match(r"[a-z]+:", target), f"{target}: link inside the repository, relatively"
            assert (PAGE.parent / target.split("#", 1)[0]).resolve().is_file(), target


def test_every_shape_the_page_names_exists_in_its_file_and_checks_that_rule():
    named = links("shapes/")
    by_rule: dict[str, set[str]] = defaultdict(set)
    for rule, shape, target in named:
        graph = Graph().parse(HOME / target, format="turtle")
        node = URIRef(SHAPES_NS + shape)
        assert (node, RDF.type, SH.NodeShape) in graph, f"{shape} is not a node shape of {target}"
        assert graph.value(node, SGR.rule) == RULE[rule], f"{shape} does not check {rule}"
        by_rule[rule].add(shape)
    shapes = load_shapes()
    for node in shapes.subjects(SGR.rule, None):
        rule = str(shapes.value(node, SGR.rule))[len(RULE) :]
        assert str(node)[len(SHAPES_NS) :] in by_rule[rule], f"{node} is missing from {rule}'s section"


def test_every_engine_function_the_page_names_exists_in_its_file_and_is_marked_with_that_rule():
    named = links("src/")
    for rule, name, target in named:
        try:
            module, function = rule_index.resolve(name)
        except LookupError:
            pytest.fail(f"{rule}: no function {name}")
        assert Path(module.__file__).resolve() == (HOME / target).resolve(), f"{name} is not in {target}"
        assert rule in rule_index.marked_rules(function), f"{name} carries no @decides({rule!r})"
    marked = {(rule, name) for rule, names in rule_index.engine_functions().items() for name in names}
    assert {(rule, name) for rule, name, _ in named} == marked


def test_every_test_the_page_names_exists_and_names_that_rule():
    named = links("tests/")
    assert named
    for rule, node, target in named:
        file, _, function = node.partition("::")
        assert file == target, node
        assert (HOME / file).is_file(), f"{file} does not exist"
        tests = dict(rule_index.collected_tests(HOME / file))
        assert function in tests, f"{node} does not exist"
        mention = rule_index.rule_mention(rule)
        assert mention.search(function.rsplit("::", 1)[-1]) or any(mention.search(i) for i in tests[function]), (
            f"{node} does not name {rule}"
        )


def test_every_example_the_page_names_is_a_dossier_that_names_that_rule():
    named = links("data/examples/")
    assert named
    for rule, path, target in named:
        assert path == target
        dossier = HOME / path
        assert dossier.is_file(), path
        assert dossier.stem == rule or rule in rule_index.header_rules(dossier), f"{path} does not name {rule}"


def docs_links() -> list[tuple[object, str]]:
    """(subject, IRI) of every rdfs:seeAlso of the ontology and the shapes into the project's docs/."""
    found = []
    for graph in (ontology(), load_shapes()):
        found += [(s, str(o)) for s, o in graph.subject_objects(RDFS.seeAlso) if str(o).startswith(DOCS_IRI)]
    return found


def test_every_see_also_into_docs_reaches_a_file_of_the_repository_and_an_anchor_in_it():
    found = docs_links()
    assert len(found) > len(ontology_rules())
    for subject, iri in found:
        path, _, fragment = iri[len(DOCS_IRI) :].partition("#")
        target = HOME / "docs" / path
        assert target.is_file(), f"{subject} points to {iri}, outside the repository's docs/"
        if fragment:
            assert fragment in ANCHOR.findall(target.read_text(encoding="utf-8")), f"{subject}: no anchor in {iri}"


def test_each_rule_and_each_of_its_shapes_point_to_the_rules_section_in_the_page():
    for rule in ontology_rules():
        assert set(ontology().objects(RULE[rule], RDFS.seeAlso)) == {URIRef(rule_index.rule_page_iri(rule))}, rule
    shapes = load_shapes()
    for node, rule in shapes.subject_objects(SGR.rule):
        rule_id = str(rule)[len(RULE) :]
        assert URIRef(rule_index.rule_page_iri(rule_id)) in set(shapes.objects(node, RDFS.seeAlso)), node


def test_the_sarif_help_link_of_each_rule_is_its_section_in_the_page():
    entries = [e for e in rule_catalogue("en") if e["id"] in ontology_rules()]
    assert entries
    for entry in entries:
        assert entry["uri"] == rule_index.rule_page_iri(entry["id"])


FAKE_TESTS = """
import pytest

def test_ROOT_3_named_by_its_function():
    pass

def test_ROOT_31_is_another_rule():
    pass

@pytest.mark.parametrize("rule", ["PSC-4", "PSC-5"])
def test_by_parameter_values(rule):
    pass

@pytest.mark.parametrize("x", [1, 2], ids=["ROOT-3", "other"])
def test_by_literal_ids(x):
    pass

@pytest.mark.parametrize("x", [pytest.param(1, id="PSC-4-case")])
def test_by_param_id(x):
    pass

@pytest.mark.parametrize("x", ["ROOT-3"], ids=lambda value: "computed")
def test_with_ids_computed_at_run_time(x):
    pass

def helper_ROOT_3():
    pass

class TestGroup:
    def test_PSC_4_method(self):
        pass
"""


def test_tests_are_found_in_any_folder_by_their_name_or_their_readable_parametrize_ids(tmp_path):
    deep = tmp_path / "tests" / "some_room" / "deeper"
    deep.mkdir(parents=True)
    (deep / "test_fake.py").write_text(textwrap.dedent(FAKE_TESTS), encoding="utf-8")
    (deep / "helpers_ROOT_3.py").write_text("def test_ROOT_3_not_a_test_file():\n    pass\n", encoding="utf-8")
    found = rule_index.read_tests(tmp_path, ["ROOT-3", "PSC-4"])
    names = {rule: [t.node for t in refs] for rule, refs in found.items()}
    file = "tests/some_room/deeper/test_fake.py"
    assert names == {
        "ROOT-3": [f"{file}::test_ROOT_3_named_by_its_function", f"{file}::test_by_literal_ids"],
        "PSC-4": [
            f"{file}::test_by_parameter_values",
            f"{file}::test_by_param_id",
            f"{file}::TestGroup::test_PSC_4_method",
        ],
    }


def test_names_resolve_to_marked_functions_methods_and_properties_and_unknown_names_do_not(monkeypatch):
    monkeypatch.setattr(rules, "REGISTRY", defaultdict(set))  # keep the engine's registry clean

    class Marked:
        @staticmethod
        @rules.decides("HER-1")
        def static(): ...

        @classmethod
        @rules.decides("HER-2")
        def of_class(cls): ...

        @property
        @rules.decides("HER-3")
        def value(self): ...

    assert rule_index.marked_rules(inspect.getattr_static(Marked, "static")) == {"HER-1"}
    assert rule_index.marked_rules(inspect.getattr_static(Marked, "of_class")) == {"HER-2"}
    assert rule_index.marked_rules(inspect.getattr_static(Marked, "value")) == {"HER-3"}
    module, function = rule_index.resolve("segur_kg.rules.decides")
    assert module is rules and function is rules.decides
    assert rule_index.resolve("segur_kg.rule_index.RuleEntry.anchor")[1] is rule_index.RuleEntry.__dict__["anchor"]
    for unknown in ("segur_kg.rules.no_such_function", "segur_kg.no_such_module.f", "segur_kg.rules.decides.x"):
        with pytest.raises(LookupError):
            rule_index.resolve(unknown)


def test_the_command_prints_the_page_and_check_says_how_to_regenerate_a_stale_one(tmp_path, monkeypatch, capsys):
    assert rule_index.main([]) == 0
    assert capsys.readouterr().out == rule_index.page_text(HOME)
    monkeypatch.setattr(rule_index, "source_checkout", lambda: tmp_path)
    monkeypatch.setattr(rule_index, "page_text", lambda home: "# Rule index\n")
    (tmp_path / "docs").mkdir()
    assert rule_index.main(["--check"]) == 1
    assert rule_index.REGENERATE in capsys.readouterr().err
    assert rule_index.main(["--write"]) == 0
    assert (tmp_path / rule_index.PAGE).read_text(encoding="utf-8") == "# Rule index\n"
    assert rule_index.main(["--check"]) == 0
