"""Every rule the engine decides is marked, with ``@decides``, on the engine function that decides it,
so that the rule index (segur_kg.rules) reaches the code of every rule the engine reports."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from datetime import date

import pytest

import segur_kg.engine as engine_package
from segur_kg.engine import Engine, impact
from segur_kg.ingest.loader import load
from segur_kg.messages import engine as engine_messages
from segur_kg.resources import ontology_path
from segur_kg.rule_index import engine_functions

RULE_LIKE = re.compile(r"\b[A-Z]+-\d+\b")
DAYS = (date(2026, 7, 1), date(2026, 10, 1))


def engine_modules() -> list:
    return [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(engine_package.__path__, prefix="segur_kg.engine.")
    ]


def known_rules() -> set[str]:
    """The rules of DOMAIN.md, as the ontology declares them (``skos:notation "ROOT-3"``)."""
    return set(re.findall(r'skos:notation "([A-Z]+-\d+)"', ontology_path().read_text(encoding="utf-8")))


def marked() -> set[str]:
    return set(engine_functions())


def literal_rules(function: ast.FunctionDef) -> set[str]:
    """Rule IDs written in the function's string constants, its docstring left out."""
    docstring = ast.get_docstring(function, clean=False)
    found = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value != docstring:
            found |= set(RULE_LIKE.findall(node.value))
    return found


def functions_with_qualnames(tree: ast.Module):
    """(qualified name inside the module, function node) for every function and method."""

    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                yield from walk(child, f"{prefix}{child.name}.")
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                yield f"{prefix}{child.name}", child
                yield from walk(child, f"{prefix}{child.name}.<locals>.")

    yield from walk(tree, "")


@pytest.fixture(scope="module")
def engine_and_store():
    loaded = load(demo=True)
    return Engine.from_store(loaded.store), loaded.store


def test_every_mark_names_a_rule_of_the_domain_and_an_existing_function():
    rules = known_rules()
    assert len(rules) >= 35
    for rule, names in engine_functions().items():
        assert rule in rules, f"{rule} is marked on {names} but is not a rule of DOMAIN.md"
        for name in names:
            assert rule in getattr(_resolve(name), "__rules__", ()), name


def _resolve(dotted: str):
    """The object named ``module.Class.method`` (the longest importable module prefix, then attributes)."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            obj = inspect.unwrap(getattr(obj, attr))
        return obj
    raise AssertionError(f"cannot resolve {dotted}")


def test_a_rule_written_in_an_engine_function_is_marked_on_that_function():
    checked = 0
    for module in engine_modules():
        tree = ast.parse(inspect.getsource(module))
        for qualname, node in functions_with_qualnames(tree):
            written = literal_rules(node)
            if not written:
                continue
            checked += 1
            function = _resolve(f"{module.__name__}.{qualname}")
            missing = written - set(getattr(function, "__rules__", ()))
            assert not missing, f"{module.__name__}.{qualname} writes {sorted(missing)} without @decides for them"
    assert checked >= 8  # check_root, _decide, _status, whatif, component_impact... write rule IDs


def test_every_rule_id_in_the_engine_source_and_messages_is_marked_somewhere():
    decided = marked()
    sources = {module.__name__: inspect.getsource(module) for module in engine_modules()}
    sources["segur_kg.messages.engine"] = inspect.getsource(engine_messages)
    for name, source in sources.items():
        unmarked = set(RULE_LIKE.findall(source)) - decided
        assert not unmarked, f"{name} names {sorted(unmarked)}, which no engine function is marked as deciding"


def _rules_in(report) -> set[str]:
    """The rule IDs under every ``rules`` or ``..._rules`` key of a nested impact report."""
    if isinstance(report, dict):
        found = set()
        for key, value in report.items():
            found |= set(value) if key == "rules" or key.endswith("_rules") else _rules_in(value)
        return found
    if isinstance(report, list):
        return set().union(*map(_rules_in, report)) if report else set()
    return set()


def test_the_rules_in_the_engines_decisions_and_reports_on_the_examples_are_marked(engine_and_store):
    engine, store = engine_and_store
    found: set[str] = set()
    for day in DAYS:
        for p in engine.perimeters(day):
            found |= set(p.status_rules)
            for d in p.requirements:
                found |= set(d.rules)
        for (ident,) in store.select("SELECT ?id WHERE { ?c a sgr:Component ; dcterms:identifier ?id }").rows:
            for change in (None, *sorted(impact.OPERATOR_CHANGES)):
                found |= _rules_in(impact.component_impact(engine, store, str(ident), change, day))
        for (ident,) in store.select("SELECT ?id WHERE { ?n a sgr:CommercialName ; dcterms:identifier ?id }").rows:
            found |= _rules_in(impact.name_impact(engine, store, str(ident), day))
    found |= set(impact.whatif(engine, engine.resolve("C2-CAND-RIS"), DAYS[0], root="C2-NRU-LGC").rules)
    late = date(2026, 8, 5)  # after C9-CAND-MS's Date 2
    found |= set(impact.whatif(engine, engine.resolve("C9-CAND-MS"), late, add_profile="DOM", on=late).rules)
    # The worked cases reach the rules of every family the engine decides.
    assert {"HER-3", "ROOT-6", "TRANS-2", "ADD-1", "COU-1", "DATE-3", "PSC-5", "CNDA-2", "NAME-1"} <= found
    unmarked = found - marked()
    assert not unmarked, f"the engine reports {sorted(unmarked)} but no engine function is marked as deciding them"
