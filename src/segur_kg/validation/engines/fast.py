"""SHACL validation as whole-graph SPARQL queries on the store (the fast engine of ``validate``).

Every constraint of the shapes becomes ONE query over the whole store (pyoxigraph, or an external
SPARQL server), instead of pySHACL's one query per focus node; the output is a SHACL results graph
of the same form as pySHACL's. Shapes outside the subset translated raise :class:`UnsupportedShape`.
How each kind of constraint is translated, and why: docs/validation.md (the fast engine).
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from segur_kg import sparql_text
from segur_kg.namespaces import PREFIXES
from segur_kg.stores import Store

SUPPORTED_CORE = {
    SH.minCount,
    SH.maxCount,
    SH["class"],
    SH.datatype,
    SH["in"],
    SH.pattern,
    SH.flags,
    SH.nodeKind,
    SH.hasValue,
}
SHAPE_KEYS = {SH.path, SH.message, SH.severity, SH.name, SH.description, SH.deactivated, SH.order, SH.group}
_VAR = re.compile(r"\{[?$](\w+)\}")
# Above this many targets, a check of values present reads the property first (see _property_checks).
JOIN_LIMIT = 20_000
# ... and only if the shape's targets are at least this share of the nodes the shapes declare the
# property for: a property shared with many other nodes costs less joined from the targets.
OWN_SHARE = 0.5
# Nodes per membership query when rows of a SPARQL constraint are matched against its targets.
MEMBERSHIP_CHUNK = 2_000

# The lexical space of the XSD datatypes whose ill-typed literals SHACL's sh:datatype rejects.
_YEAR = r"-?([1-9][0-9]{3,}|0[0-9]{3})"
_LEAP = r"-?([0-9]*([02468][048]|[13579][26])00|[0-9]*[0-9]{2}(0[48]|[2468][048]|[13579][26]))"
_TZ = r"(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_MONTH_DAY = r"((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)"
_DATE = rf"({_YEAR}-{_MONTH_DAY}|{_LEAP}-02-29)"
_TIME = r"(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|24:00:00(\.0+)?)"
_DECIMAL = r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)"
LEXICAL = {
    XSD.date: rf"^{_DATE}{_TZ}$",
    XSD.dateTime: rf"^{_DATE}T{_TIME}{_TZ}$",
    XSD.boolean: r"^(true|false|1|0)$",
    XSD.integer: r"^[+-]?[0-9]+$",
    XSD.decimal: rf"^{_DECIMAL}$",
    XSD.double: rf"^({_DECIMAL}([eE][+-]?[0-9]+)?|[+-]?INF|NaN)$",
    XSD.float: rf"^({_DECIMAL}([eE][+-]?[0-9]+)?|[+-]?INF|NaN)$",
}


class UnsupportedShape(Exception):
    """A shape uses SHACL beyond the subset this engine translates."""


@dataclass
class Check:
    """One query and how its rows become validation results."""

    query: str
    shape: object  # sourceShape: the node shape, or the property shape
    component: URIRef
    severity: URIRef
    messages: list[Literal]
    path: object | None = None  # resultPath
    constraint: object | None = None  # sourceConstraint (SPARQL constraints)
    value_var: bool = True  # rows carry ?value
    row_messages: bool = False  # SPARQL: fill {?var} from the row
    targets: tuple[str, ...] = ()  # SPARQL constraints: keep the rows whose ?this is an instance of these
    guard: Guard | None = None  # counts that may prove, before the query runs, that it returns no row
    weight: int = 0  # the shape's targets: the heaviest checks start first, so that no core waits at the end


@dataclass(frozen=True)
class Guard:
    """Counts over the whole store that can prove a count check returns no row, so it need not run.

    One query gives ``n``, the triples of the path; ``d``, its distinct focus nodes; ``u``, the
    distinct nodes that are a focus node of the path or a target. ``n == d``: no node has two values,
    so no maximum count >= 1 is exceeded; ``u == d``: every target has a value, so no minimum count of
    1 fails. Scanning the property once and hashing its nodes costs a fraction of looking up each of
    600,000 proofs (docs/validation.md, max and min counts on many targets)."""

    query: str
    proves: str  # "max" (n == d) or "min" (u == d)

    def holds(self, counts: tuple[str | None, ...]) -> bool:
        n, d, u = (int(c) if c is not None else -1 for c in counts)
        return d >= 0 and (n == d if self.proves == "max" else u == d)


@dataclass
class Plan:
    checks: list[Check] = field(default_factory=list)
    focus: frozenset | None = None


def _n3(term) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise UnsupportedShape(f"cannot write {term!r} in SPARQL")


def _path(g: Graph, path) -> str:
    if isinstance(path, URIRef):
        return _n3(path)
    inverse = g.value(path, SH.inversePath) if isinstance(path, BNode) else None
    if isinstance(inverse, URIRef):
        return f"^{_n3(inverse)}"
    raise UnsupportedShape(f"path {path!r}: only a predicate or an inverse predicate is translated")


def subclass_closure(store: Store) -> SubclassClosure:
    """Each class of the data graph with its subclasses, itself included (SHACL instances are
    ``rdf:type/rdfs:subClassOf*``): one query, the closure computed here."""
    children: dict[str, set[str]] = defaultdict(set)
    for sub, sup in store.select_values("SELECT ?sub ?sup WHERE { ?sub rdfs:subClassOf ?sup }"):
        if sub is not None and sup is not None:
            children[sup].add(sub)
    return SubclassClosure(children)


def class_sizes(store: Store) -> dict[str, int]:
    """Instances per class (``rdf:type`` triples), for :func:`plan` to choose its joins."""
    return {
        c: int(n)
        for c, n in store.select_values("SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s rdf:type ?c } GROUP BY ?c")
        if c is not None and n is not None
    }


class SubclassClosure(dict):
    """``closure[C]``: C and its subclasses, computed on first use."""

    def __init__(self, children: dict[str, set[str]]) -> None:
        super().__init__()
        self.children = children

    def __missing__(self, klass: str) -> set[str]:
        seen, todo = {klass}, [klass]
        while todo:
            for child in self.children.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        self[klass] = seen
        return seen


def _typed(var: str, classes) -> str:
    """Instances of any of the classes. One constant class per pattern: pyoxigraph answers
    ``VALUES ?cls {...} ?x rdf:type ?cls`` by scanning every rdf:type triple, even with ?x bound."""
    return " UNION ".join(f"{{ {var} rdf:type <{c}> }}" for c in sorted(classes))


def _values(nodes) -> str:
    return f"VALUES ?this {{ {' '.join(f'<{n}>' for n in sorted(nodes))} }} " if nodes is not None else ""


def _target_classes(g: Graph, shape, closure) -> list[str]:
    classes = list(g.objects(shape, SH.targetClass))
    if (shape, RDF.type, SH.NodeShape) in g and (shape, RDF.type, RDFS.Class) in g:
        classes.append(shape)  # implicit class target
    others = [p for p in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf) if g.value(shape, p) is not None]
    if others:
        raise UnsupportedShape(f"shape {shape}: only sh:targetClass is translated")
    return sorted({c for k in classes for c in closure[str(k)]})


def _prefixes(g: Graph, constraint) -> str:
    lines = []
    for declaring in g.objects(constraint, SH.prefixes):
        for decl in g.objects(declaring, SH.declare):
            prefix, namespace = g.value(decl, SH.prefix), g.value(decl, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def _value_filter(g: Graph, holder, closure, var: str = "?value") -> list[tuple[URIRef, str]]:
    """(component, FILTER expression true for a value that violates) for each value constraint."""
    out = []
    klass = g.value(holder, SH["class"])
    if klass is not None:
        out.append(
            (
                SH.ClassConstraintComponent,
                " && ".join(f"NOT EXISTS {{ {var} rdf:type <{c}> }}" for c in sorted(closure[str(klass)])),
            )
        )
    datatype = g.value(holder, SH.datatype)
    if datatype is not None:
        test = f"!isLiteral({var}) || datatype({var}) != {_n3(datatype)}"
        if datatype in LEXICAL:
            test += f' || !REGEX(STR({var}), "{LEXICAL[datatype]}")'
        out.append((SH.DatatypeConstraintComponent, test))
    members = g.value(holder, SH["in"])
    if members is not None:
        options = " && ".join(f"!sameTerm({var}, {_n3(m)})" for m in Collection(g, members))
        out.append((SH.InConstraintComponent, options or "true"))
    pattern = g.value(holder, SH.pattern)
    if pattern is not None:
        flags = g.value(holder, SH.flags)
        regex = f"REGEX(STR({var}), {Literal(str(pattern)).n3()}{', ' + Literal(str(flags)).n3() if flags else ''})"
        out.append((SH.PatternConstraintComponent, f"isBlank({var}) || !{regex}"))
    kind = g.value(holder, SH.nodeKind)
    if kind is not None:
        tests = {
            SH.IRI: f"!isIRI({var})",
            SH.BlankNode: f"!isBlank({var})",
            SH.Literal: f"!isLiteral({var})",
            SH.BlankNodeOrIRI: f"isLiteral({var})",
            SH.BlankNodeOrLiteral: f"isIRI({var})",
            SH.IRIOrLiteral: f"isBlank({var})",
        }
        out.append((SH.NodeKindConstraintComponent, tests[kind]))
    return out


def _messages(g: Graph, node) -> list[Literal]:
    return [m for m in g.objects(node, SH.message) if isinstance(m, Literal)]


def _open_where(select: str, text: str) -> str:
    """``text`` placed at the start of the select's outer WHERE group."""
    opened = sparql_text.open_where(select, text)
    if opened is None:
        raise UnsupportedShape("a sh:select without WHERE")
    return opened


def plan(
    g: Graph,
    closure: dict[str, set[str]],
    focus=None,
    sizes: dict[str, int] | None = None,
    focus_types: dict[str, set[str]] | None = None,
) -> Plan:
    """Translate every active node shape of the shapes graph into checks. ``closure``: the
    subclasses of each class (:func:`subclass_closure`); ``focus``: the only nodes to validate;
    ``sizes``: instances per class (:func:`class_sizes`), to choose how targets are joined;
    ``focus_types``: the classes of each focus node (:func:`types_of`), so that each shape's
    queries open with its own targets among them, and a shape with none has no query."""
    if focus is not None and focus_types is not None:
        # A row is about its ?this alone: the shape's own targets among the focus give the same
        # rows as the whole focus. With a focus of 200 nodes, most shapes have none of them.
        return _focus_plan(g, closure, focus, focus_types)
    out = Plan(focus=frozenset(focus) if focus is not None else None)
    restrict = _values(focus)
    shapes = [
        (shape, tuple(_target_classes(g, shape, closure)))
        for shape in sorted(set(g.subjects(RDF.type, SH.NodeShape)), key=str)
        if g.value(shape, SH.deactivated) != Literal(True)
    ]
    size = {shape: sum((sizes or {}).get(c, 0) for c in classes) for shape, classes in shapes}
    # How many nodes each path is declared for, across every shape: an estimate of the property's
    # triples, read from the shapes, with no count over the data.
    steps = {prop: _path(g, g.value(prop, SH.path)) for shape, _ in shapes for prop in g.objects(shape, SH.property)}
    declared: dict[str, int] = defaultdict(int)
    for shape, _ in shapes:
        for prop in g.objects(shape, SH.property):
            declared[steps[prop]] += size[shape]
    for shape, classes in shapes:
        if not classes:
            continue
        targets = restrict + _typed("?this", classes)
        severity = g.value(shape, SH.severity) or SH.Violation
        for component, test in _value_filter(g, shape, closure, "?this"):
            query = f"SELECT DISTINCT ?this ?value WHERE {{ {targets} BIND(?this AS ?value) FILTER({test}) }}"
            out.checks.append(Check(query, shape, component, severity, _messages(g, shape), weight=size[shape]))
        many = focus is None and size[shape] > JOIN_LIMIT
        for prop in g.objects(shape, SH.property):
            # Reading the property first pays only if it mostly belongs to these targets. At 30,000
            # candidatures, joined from the targets: the referencings' sgr:ofCandidature (shared
            # with 50 times as many proofs) 2.5 s -> 0.1 s; STRUCT-ID's dcterms:identifier 14 s -> 0.9 s.
            mostly_ours = size[shape] >= OWN_SHARE * declared[steps[prop]]
            for check in _property_checks(
                g,
                prop,
                classes,
                restrict,
                targets,
                g.value(prop, SH.severity) or severity,
                closure,
                many and mostly_ours,
            ):
                check.weight = size[shape]
                out.checks.append(check)
        for constraint in g.objects(shape, SH.sparql):
            if g.value(constraint, SH.deactivated) == Literal(True):
                continue
            select = g.value(constraint, SH.select)
            if select is None:
                raise UnsupportedShape(f"shape {shape}: only sh:select SPARQL constraints are translated")
            body = re.sub(r"\$(\w+)", r"?\1", str(select))
            if restrict:
                body = _open_where(body, restrict)
            messages = _messages(g, constraint) or _messages(g, shape)
            out.checks.append(
                Check(
                    f"{_prefixes(g, constraint)}\n{body}",
                    shape,
                    SH.SPARQLConstraintComponent,
                    severity,
                    messages,
                    constraint=constraint,
                    value_var=True,
                    row_messages=True,
                    targets=classes,
                    weight=size[shape],
                )
            )
    return out


# Stands for the focus nodes in the focus plan's queries, each shape's own put in its place.
_FOCUS_MARK = _values(["urn:segur-kg:focus-nodes"])
_focus_templates: dict[tuple, tuple[Graph, list[tuple[frozenset, list[Check]]]]] = {}


def _focus_plan(g: Graph, closure, focus, focus_types: dict[str, set[str]]) -> Plan:
    """The plan for ``focus``: the shapes are translated once per process (30 ms, more than the
    queries of a focus take), and each shape's checks get its own targets among the focus."""
    key = (id(g), tuple(sorted((k, tuple(sorted(v))) for k, v in getattr(closure, "children", closure).items())))
    if key not in _focus_templates or _focus_templates[key][0] is not g:
        whole = plan(g, closure, ["urn:segur-kg:focus-nodes"])
        node_shape = {prop: shape for shape, prop in g.subject_objects(SH.property)}
        by_shape: dict[object, list[Check]] = defaultdict(list)
        for check in whole.checks:
            by_shape[node_shape.get(check.shape, check.shape)].append(check)
        templates = [(frozenset(_target_classes(g, shape, closure)), checks) for shape, checks in by_shape.items()]
        _focus_templates[key] = (g, templates)
    out = Plan(focus=frozenset(focus))
    members: dict[str, list] = defaultdict(list)  # the focus nodes of each class, read once
    for node in focus:
        for klass in focus_types.get(str(node), ()):
            members[klass].append(node)
    for classes, checks in _focus_templates[key][1]:
        ours = sorted({node for klass in classes for node in members.get(klass, ())}, key=str)
        if ours:
            restrict = _values(ours)
            out.checks.extend(replace(check, query=check.query.replace(_FOCUS_MARK, restrict)) for check in checks)
    return out


def _property_checks(
    g: Graph, prop, classes: tuple[str, ...], restrict: str, targets: str, severity, closure, many: bool
) -> list[Check]:
    """The checks of one property shape. With ``many`` targets, the checks about values present
    (counts above a maximum, value constraints) read the property first and ask whether ``?this``
    is a target only for the values at fault: joining every target (every proof) first would cost
    more than the test itself."""
    unknown = {p for p in g.predicates(prop, None) if str(p).startswith(str(SH))} - SUPPORTED_CORE - SHAPE_KEYS
    if unknown:
        raise UnsupportedShape(f"property shape {prop}: {', '.join(sorted(map(str, unknown)))} not translated")
    path = g.value(prop, SH.path)
    step = _path(g, path)
    messages = _messages(g, prop)
    checks = []

    def add(query: str, component: URIRef, value_var: bool = False, guard: Guard | None = None) -> None:
        checks.append(Check(query, prop, component, severity, messages, path, value_var=value_var, guard=guard))

    def present(pattern: str, test: str) -> str:
        """``pattern`` (binding ?this) where ``test`` holds, for targets only."""
        if many:
            typed = " || ".join(f"EXISTS {{ ?this rdf:type <{c}> }}" for c in classes)
            return f"{restrict}{pattern} FILTER(({test}) && ({typed}))"
        return f"{targets} {pattern} FILTER({test})"

    low = g.value(prop, SH.minCount)
    # With many targets, the counts of the path prove most count checks cannot fail (Guard); the
    # targets are counted with it only for a minimum count.
    with_targets = f" UNION {{ {_typed('?this', classes)} }}" if low is not None and int(low) == 1 else ""
    counts = (
        f"SELECT (COUNT(?o) AS ?n) (COUNT(DISTINCT ?held) AS ?d) (COUNT(DISTINCT ?this) AS ?u) WHERE {{ "
        f"{{ ?this {step} ?o BIND(?this AS ?held) }}{with_targets} }}"
    )
    if low is not None and int(low) == 1:
        add(
            f"SELECT DISTINCT ?this WHERE {{ {targets} FILTER NOT EXISTS {{ ?this {step} ?v }} }}",
            SH.MinCountConstraintComponent,
            guard=Guard(counts, "min") if many else None,
        )
    elif low is not None and int(low) > 1:
        add(
            f"SELECT ?this WHERE {{ {{ SELECT DISTINCT ?this WHERE {{ {targets} }} }} "
            f"OPTIONAL {{ ?this {step} ?v }} }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {int(low)})",
            SH.MinCountConstraintComponent,
        )
    high = g.value(prop, SH.maxCount)
    if high is not None and int(high) == 0:
        add(f"SELECT DISTINCT ?this WHERE {{ {present(f'?this {step} ?v', 'true')} }}", SH.MaxCountConstraintComponent)
    elif high is not None and int(high) == 1:
        add(
            f"SELECT DISTINCT ?this WHERE {{ {present(f'?this {step} ?v . ?this {step} ?w', '!sameTerm(?v, ?w)')} }}",
            SH.MaxCountConstraintComponent,
            guard=Guard(counts, "max") if many else None,
        )
    elif high is not None:
        add(
            f"SELECT ?this WHERE {{ {{ SELECT DISTINCT ?this WHERE {{ {targets} }} }} ?this {step} ?v }} "
            f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(high)})",
            SH.MaxCountConstraintComponent,
            guard=Guard(counts, "max") if many else None,
        )
    has = g.value(prop, SH.hasValue)
    if has is not None:
        add(
            f"SELECT DISTINCT ?this WHERE {{ {targets} FILTER NOT EXISTS {{ ?this {step} {_n3(has)} }} }}",
            SH.HasValueConstraintComponent,
        )
    for component, test in _value_filter(g, prop, closure):
        add(
            f"SELECT DISTINCT ?this ?value WHERE {{ {present(f'?this {step} ?value', test)} }}",
            component,
            value_var=True,
        )
    return checks


def _each(store: Store, work, items: list, parallel: bool = True) -> list:
    """``work(item)`` for every item, in order. The queries are independent reads: a store that takes
    concurrent queries runs them on every core (pyoxigraph evaluates without holding the GIL). Not
    ``parallel``: queries of a millisecond each, which threads only delay (one focus: 68 ms on two
    threads against 55 ms on one, for 162 queries at 5 M triples)."""
    workers = min(len(items), os.cpu_count() or 1) if store.concurrent_queries and parallel else 1
    if workers <= 1:
        return [work(item) for item in items]
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(work, items))


def _answers(store: Store, checks: list[Check], parallel: bool = True) -> list[list[dict]]:
    """The rows of every check, in order; a check its guard's counts prove empty does not run."""
    guards = sorted({check.guard.query for check in checks if check.guard is not None})
    counts = dict(zip(guards, _each(store, lambda query: store.select_values(query)[0], guards), strict=True))
    needed = [
        i for i, check in enumerate(checks) if check.guard is None or not check.guard.holds(counts[check.guard.query])
    ]
    # Heaviest first (most targets, SPARQL constraints before core ones): the last queries are short.
    needed.sort(key=lambda i: (-checks[i].weight, not checks[i].row_messages, i))
    answers: list[list[dict]] = [[] for _ in checks]
    rows_of = _each(store, lambda i: store.select(checks[i].query).dicts(), needed, parallel)
    for i, rows in zip(needed, rows_of, strict=True):
        answers[i] = rows
    return answers


def _targets_among(store: Store, classes: tuple[str, ...], nodes: set) -> set:
    """Which of ``nodes`` are instances of ``classes``: a membership query per chunk of nodes."""
    found: set = set()
    iris = sorted(n for n in nodes if isinstance(n, URIRef))
    blanks = [n for n in nodes if not isinstance(n, URIRef)]  # blank nodes cannot be named in a query
    if blanks:
        instances = {
            row[0] for row in store.select_values(f"SELECT DISTINCT ?this WHERE {{ {_typed('?this', classes)} }}")
        }
        found.update(b for b in blanks if str(b) in instances)
    for start in range(0, len(iris), MEMBERSHIP_CHUNK):
        chunk = iris[start : start + MEMBERSHIP_CHUNK]
        query = f"SELECT DISTINCT ?this WHERE {{ {_values(chunk)}{_typed('?this', classes)} }}"
        found.update(URIRef(row[0]) for row in store.select_values(query))
    return found


def types_of(store: Store, nodes) -> dict[str, set[str]]:
    """The classes (``rdf:type``) of each of ``nodes``, IRIs, in one query."""
    types: dict[str, set[str]] = defaultdict(set)
    iris = sorted(str(n) for n in nodes if isinstance(n, URIRef))
    if iris:
        query = f"SELECT ?n ?t WHERE {{ VALUES ?n {{ {' '.join(f'<{n}>' for n in iris)} }} ?n rdf:type ?t }}"
        for node, klass in store.select_values(query):
            types[node].add(klass)
    return types


def _fill(text: str, row: dict) -> str:
    return _VAR.sub(lambda m: str(row[m.group(1)]) if row.get(m.group(1)) is not None else m.group(0), text)


def validate(store: Store, shapes: Graph, compiled: Plan | None = None, *, focus=None) -> Graph:
    """The SHACL results graph of the store against ``shapes`` (of the ``focus`` nodes only, if
    given). ``compiled``: a plan made by :func:`plan` for this store's classes and this focus."""
    if compiled is None:
        # With a focus every query starts from the few nodes asked for: no join to choose.
        if focus is None:
            compiled = plan(shapes, subclass_closure(store), None, class_sizes(store))
        else:
            compiled = plan(shapes, subclass_closure(store), focus, None, types_of(store, focus))
    results = Graph()
    for prefix, namespace in PREFIXES.items():  # paths and values read as pySHACL's: sgr:forRequirement
        results.bind(prefix, namespace)
    report = BNode()
    results.add((report, RDF.type, SH.ValidationReport))
    conforms = True
    answers = _answers(store, compiled.checks, parallel=compiled.focus is None)
    for check, rows in zip(compiled.checks, answers, strict=True):
        if check.targets and rows:
            # The query ran without the shape's targets: keep the rows about a target.
            targets = _targets_among(store, check.targets, {row["this"] for row in rows if row.get("this") is not None})
            rows = [row for row in rows if row.get("this") in targets]
        for row in rows:
            focus_node = row["this"]
            if focus_node is None:
                continue
            value = row.get("value") if check.value_var else None
            if check.row_messages and value is None:
                value = focus_node  # as pySHACL: a node-level SPARQL result's value is the focus node
            r = BNode()
            results.add((report, SH.result, r))
            results.add((r, RDF.type, SH.ValidationResult))
            results.add((r, SH.focusNode, focus_node))
            results.add((r, SH.resultSeverity, check.severity))
            results.add((r, SH.sourceShape, check.shape))
            results.add((r, SH.sourceConstraintComponent, check.component))
            if check.constraint is not None:
                results.add((r, SH.sourceConstraint, check.constraint))
            path = row.get("path") if check.row_messages else check.path
            if path is not None:
                results.add((r, SH.resultPath, path))
                inverse = shapes.value(path, SH.inversePath) if isinstance(path, BNode) else None
                if inverse is not None:  # the path's own triples, as pySHACL copies them
                    results.add((path, SH.inversePath, inverse))
            if value is not None:
                results.add((r, SH.value, value))
            for message in check.messages:
                text = _fill(str(message), row) if check.row_messages else str(message)
                results.add((r, SH.resultMessage, Literal(text, lang=message.language)))
            if check.severity == SH.Violation:
                conforms = False
    results.add((report, SH.conforms, Literal(conforms)))
    return results
