"""The rule index, ``docs/rules.md``: for each rule of the ontology, its statement, the shapes that check
it, the engine functions that decide it (``@decides`` marks), its examples and the tests that name it.

The page is generated from those sources, never edited by hand; ``tests/test_rule_index.py`` checks it.

    python -m segur_kg.rule_index           # print the page
    python -m segur_kg.rule_index --write   # rewrite docs/rules.md
    python -m segur_kg.rule_index --check   # exit 1 if docs/rules.md is out of date
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SH, SKOS

from segur_kg.generated import generated_file_command
from segur_kg.ingest.yaml_located import load_yaml
from segur_kg.namespaces import RULE, SGR
from segur_kg.resources import example_dossiers, invalid_examples_dir, ontology_path, shapes_dir, source_checkout
from segur_kg.rules import REGISTRY
from segur_kg.validation import SHAPES_NS

PAGE = Path("docs") / "rules.md"
PAGE_IRI = "https://w3id.org/segur-kg/docs/rules.md"
REGENERATE = "python -m segur_kg.rule_index --write"
LANGUAGES = ("fr", "en")


def anchor(rule_id: str) -> str:
    """The rule's anchor in the page (``ROOT-3`` -> ``root-3``), explicit there as ``<a id="root-3">``."""
    return rule_id.lower()


def rule_page_iri(rule_id: str) -> str:
    """Where the ontology and the shapes point for a rule (their ``rdfs:seeAlso``, SARIF's helpUri)."""
    return f"{PAGE_IRI}#{anchor(rule_id)}"


def rule_mention(rule_id: str) -> re.Pattern[str]:
    """The rule ID inside a test name (``ROOT_3``) or a parametrize ID (``ROOT-3``), not ``ROOT_30``."""
    family, number = rule_id.split("-")
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(family)}[-_]{number}(?![0-9])")


def engine_functions() -> dict[str, list[str]]:
    """Rule ID -> the engine functions marked with ``@decides`` for it, once every engine module is loaded."""
    import segur_kg.engine as engine

    for info in pkgutil.walk_packages(engine.__path__, prefix="segur_kg.engine."):
        importlib.import_module(info.name)
    return {rule: sorted(names) for rule, names in sorted(REGISTRY.items())}


@dataclass(frozen=True)
class ShapeRef:
    id: str
    file: str  # repository-relative, e.g. shapes/roots-dates.ttl
    severity: str


@dataclass(frozen=True)
class EngineRef:
    name: str  # module.qualname, as @decides records it
    file: str


@dataclass(frozen=True)
class NamedTest:
    file: str
    function: str  # the pytest node name: test_x, or TestClass::test_x

    @property
    def node(self) -> str:
        return f"{self.file}::{self.function}"


@dataclass
class RuleEntry:
    id: str
    family: str
    statements: dict[str, str]
    shapes: list[ShapeRef] = field(default_factory=list)
    engine: list[EngineRef] = field(default_factory=list)
    invalid_examples: list[str] = field(default_factory=list)
    worked_examples: list[str] = field(default_factory=list)
    tests: list[NamedTest] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return anchor(self.id)


# ---- reading the sources


class _DeclarationOrder(Graph):
    """A graph that remembers the order in which the parser declares the rules (the order of the source)."""

    def __init__(self) -> None:
        super().__init__()
        self.rules: list[URIRef] = []

    def add(self, triple):
        if triple[1] == RDF.type and triple[2] == SGR.Rule and triple[0] not in self.rules:
            self.rules.append(triple[0])
        return super().add(triple)


def read_rules(path: Path | None = None) -> list[RuleEntry]:
    """The rules of the ontology, in the order they are declared there (the order of the domain)."""
    graph = _DeclarationOrder()
    graph.parse(path or ontology_path(), format="turtle")
    if set(graph.rules) != set(graph.subjects(RDF.type, SGR.Rule)):
        raise RuntimeError("the Turtle parser did not report the rules in order: cannot order the rule index")
    entries = []
    for node in graph.rules:
        statements = {
            lit.language: str(lit)
            for lit in graph.objects(node, SKOS.definition)
            if isinstance(lit, Literal) and lit.language in LANGUAGES
        }
        entries.append(
            RuleEntry(
                id=str(node)[len(RULE) :],
                family=str(graph.value(node, DCTERMS.subject) or ""),
                statements=dict(sorted(statements.items(), key=lambda kv: LANGUAGES.index(kv[0]))),
            )
        )
    return entries


def relative(path: Path, home: Path) -> str:
    return path.resolve().relative_to(home.resolve()).as_posix()


def read_shapes(home: Path) -> dict[str, list[ShapeRef]]:
    """Rule ID -> the node shapes that carry it (``sgr:rule``), with their file and severity."""
    found: dict[str, list[ShapeRef]] = defaultdict(list)
    for path in sorted(shapes_dir().glob("*.ttl")):
        graph = Graph().parse(path, format="turtle")
        for shape in graph.subjects(RDF.type, SH.NodeShape):
            rule = graph.value(shape, SGR.rule)
            if rule is None or not str(shape).startswith(SHAPES_NS):
                continue
            severity = graph.value(shape, SH.severity)
            found[str(rule)[len(RULE) :]].append(
                ShapeRef(
                    id=str(shape)[len(SHAPES_NS) :],
                    file=relative(path, home),
                    severity=str(severity)[len(str(SH)) :] if severity is not None else "Violation",
                )
            )
    return {rule: sorted(shapes, key=lambda s: (s.file, s.id)) for rule, shapes in found.items()}


def resolve(qualified_name: str) -> tuple[object, object]:
    """The module and the object a ``module.qualname`` names (the longest importable module prefix wins);
    LookupError when nothing by that name exists."""
    parts = qualified_name.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        candidate = ".".join(parts[:cut])
        try:
            module = importlib.import_module(candidate)
        except ModuleNotFoundError as exc:
            if exc.name != candidate:  # a module that exists but fails to import is an error, not a miss
                raise
            continue
        obj: object = module
        try:
            for part in parts[cut:]:
                # Static lookup keeps a staticmethod, classmethod or property as the object marked.
                obj = inspect.getattr_static(obj, part)
        except AttributeError:
            continue
        return module, obj
    raise LookupError(qualified_name)


def marked_rules(obj: object) -> set[str]:
    """The rules ``@decides`` marked on a function, a method (static, class) or a property's getter."""
    rules: set[str] = set()
    for candidate in (obj, getattr(obj, "__func__", None), getattr(obj, "fget", None)):
        rules |= set(getattr(candidate, "__rules__", ()) or ())
    return rules


def read_engine(home: Path) -> dict[str, list[EngineRef]]:
    """Rule ID -> the engine functions marked as deciding it, with their source file."""
    found: dict[str, list[EngineRef]] = {}
    for rule, names in engine_functions().items():
        refs = []
        for name in names:
            module, _ = resolve(name)
            refs.append(EngineRef(name=name, file=relative(Path(inspect.getfile(module)), home)))
        found[rule] = refs
    return found


def header_rules(path: Path) -> set[str]:
    """The rule IDs a dossier's header names: ``rules:`` and the ``rule`` of each ``expect:`` entry."""
    header = load_yaml(path)
    named = {str(r) for r in header.get("rules") or []}
    named |= {str(e["rule"]) for e in header.get("expect") or [] if isinstance(e, dict) and "rule" in e}
    return named


def read_examples(home: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Rule ID -> the invalid examples that break it (``invalid/<RULE>.yaml`` and those whose header names
    it), and rule ID -> the worked examples whose ``rules:`` names it."""
    invalid: dict[str, set[str]] = defaultdict(set)
    for path in sorted(invalid_examples_dir().glob("*.yaml")):
        for rule in header_rules(path) | {path.stem}:
            invalid[rule].add(relative(path, home))
    worked: dict[str, set[str]] = defaultdict(set)
    for path in example_dossiers():
        for rule in header_rules(path):
            worked[rule].add(relative(path, home))
    return {r: sorted(p) for r, p in invalid.items()}, {r: sorted(p) for r, p in worked.items()}


def _is_parametrize(decorator: ast.expr) -> bool:
    return isinstance(decorator, ast.Call) and (
        (isinstance(decorator.func, ast.Attribute) and decorator.func.attr == "parametrize")
        or (isinstance(decorator.func, ast.Name) and decorator.func.id == "parametrize")
    )


def _strings(node: ast.expr) -> list[str]:
    """The string constants of one parameter set as pytest would show them in its ID: the value itself, or
    the top-level values of a tuple, or those of ``pytest.param(...)`` (its ``id=`` when given)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Tuple | ast.List):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == "param":
        for keyword in node.keywords:
            if keyword.arg == "id":
                return [keyword.value.value] if isinstance(keyword.value, ast.Constant) else []
        return [e.value for e in node.args if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def parametrize_ids(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    """The parts of the parametrize IDs of a test that can be read without running it: literal ``ids=``,
    else the string values of literal parameter lists. IDs computed at run time are not read."""
    found: list[str] = []
    for decorator in function.decorator_list:
        if not _is_parametrize(decorator):
            continue
        keywords = {k.arg: k.value for k in decorator.keywords}
        if "ids" in keywords:
            ids = keywords["ids"]
            if isinstance(ids, ast.List | ast.Tuple):
                found += [e.value for e in ids.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            continue
        values = keywords.get("argvalues", decorator.args[1] if len(decorator.args) > 1 else None)
        if isinstance(values, ast.List | ast.Tuple):
            for value in values.elts:
                found += _strings(value)
    return found


def collected_tests(path: Path) -> list[tuple[str, list[str]]]:
    """The tests pytest collects from a file, as (node name, readable parametrize IDs): module-level
    ``test*`` functions and ``test*`` methods of ``Test*`` classes."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
            found.append((node.name, parametrize_ids(node)))
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef) and item.name.startswith("test"):
                    found.append((f"{node.name}::{item.name}", parametrize_ids(item)))
    return found


def read_tests(home: Path, rule_ids: list[str]) -> dict[str, list[NamedTest]]:
    """Rule ID -> the tests whose name (``test_ROOT_3_...``) or readable parametrize IDs name it, from
    every ``test_*.py`` under tests/, whatever the folders."""
    mentions = {rule: rule_mention(rule) for rule in rule_ids}
    found: dict[str, list[NamedTest]] = defaultdict(list)
    for path in sorted((home / "tests").rglob("test_*.py")):
        for name, ids in collected_tests(path):
            for rule, pattern in mentions.items():
                if pattern.search(name.rsplit("::", 1)[-1]) or any(pattern.search(i) for i in ids):
                    found[rule].append(NamedTest(file=relative(path, home), function=name))
    return dict(found)


def collect(home: Path | None = None) -> list[RuleEntry]:
    """Every rule of the ontology, with what checks, decides, breaks and tests it."""
    home = home or source_checkout()
    entries = read_rules()
    shapes = read_shapes(home)
    engine = read_engine(home)
    invalid, worked = read_examples(home)
    tests = read_tests(home, [e.id for e in entries])
    for entry in entries:
        entry.shapes = shapes.get(entry.id, [])
        entry.engine = engine.get(entry.id, [])
        entry.invalid_examples = invalid.get(entry.id, [])
        entry.worked_examples = worked.get(entry.id, [])
        entry.tests = tests.get(entry.id, [])
    return entries


# ---- the page

INTRODUCTION = f"""\
# Rule index

<!-- Generated by `{REGENERATE}`: do not edit by hand. -->

One section per rule of the equivalence of proofs, in the order of the domain: what the rule says,
which SHACL shapes check it, which engine functions decide it, which example dossiers break or
illustrate it, and which tests name it. The ontology (`rdfs:seeAlso` of `rule:ROOT-3`), the shapes and
the SARIF output of `segur-kg validate --format sarif` (its `helpUri`) point to the rule's anchor here,
`{PAGE_IRI}#root-3`.

The page is generated from the code and data, never written by hand:

- **Statement**: the rule's `skos:definition` in `ontology/segur.ttl`, where the rules are declared in
  this order and grouped by `dcterms:subject`.
- **Shapes**: the node shapes of `shapes/*.ttl` whose `sgr:rule` is the rule, with their severity. A rule
  without shape is decided by the engine alone: `shapes/README.md` says why for each.
- **Engine**: the functions marked `@decides("ROOT-3")` (`src/segur_kg/rules.py`), as
  `engine_functions()` lists them.
- **Invalid example**: `data/examples/invalid/<RULE>.yaml`, and any invalid dossier whose `rules:` or
  `expect:` names the rule (`docs/dossier-format.md`). **Worked examples**: the dossiers of
  `data/examples/` whose `rules:` names it.
- **Tests**: the test functions under `tests/` whose name holds the rule ID (`test_ROOT_3_…`), or whose
  `parametrize` IDs name it when they can be read from the source.

Regenerate it after changing any of these: `{REGENERATE}` (`--check` only compares).
`tests/test_rule_index.py` fails when the page is out of date, when a rule of the ontology has no
section, or when the page names a shape, function, file or test that does not exist.
"""


def _link(path: str, text: str | None = None) -> str:
    return f"[`{text or path}`](../{path})"


def _list(items: list[str], none: str) -> str:
    return ", ".join(items) if items else none


def render_entry(entry: RuleEntry) -> list[str]:
    lines = [f'<a id="{entry.anchor}"></a>', "", f"### Rule {entry.id}", ""]
    for lang, statement in entry.statements.items():
        lines.append(f"- **Statement ({lang})**: {statement}")
    shapes = [f"{_link(s.file, s.id)} ({s.severity})" for s in entry.shapes]
    lines.append(f"- **Shapes**: {_list(shapes, 'none')}")
    lines.append(f"- **Engine**: {_list([_link(e.file, e.name) for e in entry.engine], 'none yet')}")
    lines.append(f"- **Invalid example**: {_list([_link(p) for p in entry.invalid_examples], 'none yet')}")
    lines.append(f"- **Worked examples**: {_list([_link(p) for p in entry.worked_examples], 'none')}")
    if entry.tests:
        lines.append("- **Tests**:")
        lines += [f"  - {_link(t.file, t.node)}" for t in entry.tests]
    else:
        lines.append("- **Tests**: none")
    return lines + [""]


def render(entries: list[RuleEntry]) -> str:
    lines = [INTRODUCTION, "## Overview", ""]
    lines += ["| rule | shapes | engine functions | invalid example | tests |", "| --- | --- | --- | --- | --- |"]
    for e in entries:
        example = "yes" if e.invalid_examples else "none yet"
        lines.append(f"| [{e.id}](#{e.anchor}) | {len(e.shapes)} | {len(e.engine)} | {example} | {len(e.tests)} |")
    lines.append("")
    family = None
    for entry in entries:
        if entry.family != family:
            family = entry.family
            lines += [f"## {family or 'Other rules'}", ""]
        lines += render_entry(entry)
    return "\n".join(lines).rstrip("\n") + "\n"


def page_text(home: Path | None = None) -> str:
    """The page as the generator writes it now."""
    return render(collect(home))


def main(argv: list[str] | None = None) -> int:
    return generated_file_command(
        argv,
        prog="python -m segur_kg.rule_index",
        description=__doc__.splitlines()[0],
        name=PAGE.as_posix(),
        text=lambda: page_text(source_checkout()),
        target=lambda: source_checkout() / PAGE,
        regenerate=REGENERATE,
    )


if __name__ == "__main__":
    raise SystemExit(main())
