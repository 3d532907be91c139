"""SHACL validation as whole-graph SPARQL queries on the store (the fast path of ``validate``).

pySHACL runs each SHACL-SPARQL constraint once per focus node through rdflib's SPARQL engine, which
takes minutes on a few thousand candidatures. Here every constraint becomes ONE query over the
whole pyoxigraph store:

- a ``sh:sparql`` constraint's ``sh:select`` runs with ``$this`` unbound, joined with the shape's
  targets (the shapes are written so that this is correct: their WHERE clause types ``$this``);
- the core constraints the shapes use (``sh:minCount``, ``sh:maxCount``, ``sh:class``,
  ``sh:datatype``, ``sh:in``, ``sh:pattern``, ``sh:nodeKind``, ``sh:hasValue`` on a predicate or
  inverse path) are translated into equivalent SPARQL.

The output is a SHACL results graph of the same form as pySHACL's (``sh:ValidationReport`` and
``sh:ValidationResult`` with focus node, path, value, severity, source shape and constraint, and
messages), so the rest of ``validate`` does not care which engine ran. Anything outside this subset
raises :class:`UnsupportedShape`; pySHACL stays the reference (``--engine pyshacl``), and a
differential test checks that both engines give the same results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from .store import Store

SUPPORTED_CORE = {SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH["in"], SH.pattern, SH.flags, SH.nodeKind, SH.hasValue}
SHAPE_KEYS = {SH.path, SH.message, SH.severity, SH.name, SH.description, SH.deactivated, SH.order, SH.group}
# Datatypes whose lexical form can be checked by a cast in SPARQL.
CASTABLE = {XSD.date, XSD.dateTime, XSD.boolean, XSD.integer, XSD.decimal, XSD.double, XSD.float}
_VAR = re.compile(r"\{[?$](\w+)\}")


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


@dataclass
class Plan:
    checks: list[Check] = field(default_factory=list)


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


def _targets(g: Graph, shape) -> str:
    classes = list(g.objects(shape, SH.targetClass))
    if (shape, RDF.type, SH.NodeShape) in g and (shape, RDF.type, URIRef(str(RDF) + "Class")) in g:
        classes.append(shape)  # implicit class target
    others = [p for p in (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf) if g.value(shape, p) is not None]
    if others:
        raise UnsupportedShape(f"shape {shape}: only sh:targetClass is translated")
    if not classes:
        return ""
    # A SHACL instance of C: typed C or a subclass of C in the data graph.
    union = " UNION ".join(f"{{ ?this rdf:type/rdfs:subClassOf* {_n3(c)} }}" for c in classes)
    return f"SELECT DISTINCT ?this WHERE {{ {union} }}"


def _prefixes(g: Graph, constraint) -> str:
    lines = []
    for declaring in g.objects(constraint, SH.prefixes):
        for decl in g.objects(declaring, SH.declare):
            prefix, namespace = g.value(decl, SH.prefix), g.value(decl, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def _value_filter(g: Graph, holder, var: str = "?value") -> list[tuple[URIRef, str]]:
    """(component, FILTER expression true for a value that violates) for each value constraint."""
    out = []
    klass = g.value(holder, SH["class"])
    if klass is not None:
        out.append((SH.ClassConstraintComponent, f"NOT EXISTS {{ {var} rdf:type/rdfs:subClassOf* {_n3(klass)} }}"))
    datatype = g.value(holder, SH.datatype)
    if datatype is not None:
        test = f"!isLiteral({var}) || datatype({var}) != {_n3(datatype)}"
        if datatype in CASTABLE:
            test += f" || !COALESCE({_n3(datatype)}(STR({var})) = {var}, false)"
        out.append((SH.DatatypeConstraintComponent, test))
    members = g.value(holder, SH["in"])
    if members is not None:
        options = " || ".join(f"sameTerm({var}, {_n3(m)})" for m in Collection(g, members))
        out.append((SH.InConstraintComponent, f"!({options or 'false'})"))
    pattern = g.value(holder, SH.pattern)
    if pattern is not None:
        flags = g.value(holder, SH.flags)
        regex = f"REGEX(STR({var}), {Literal(str(pattern)).n3()}{', ' + Literal(str(flags)).n3() if flags else ''})"
        out.append((SH.PatternConstraintComponent, f"isBlank({var}) || !{regex}"))
    kind = g.value(holder, SH.nodeKind)
    if kind is not None:
        tests = {
            SH.IRI: f"!isIRI({var})", SH.BlankNode: f"!isBlank({var})", SH.Literal: f"!isLiteral({var})",
            SH.BlankNodeOrIRI: f"isLiteral({var})", SH.BlankNodeOrLiteral: f"isIRI({var})", SH.IRIOrLiteral: f"isBlank({var})",
        }
        out.append((SH.NodeKindConstraintComponent, tests[kind]))
    return out


def _messages(g: Graph, node) -> list[Literal]:
    return [m for m in g.objects(node, SH.message) if isinstance(m, Literal)]


def plan(g: Graph) -> Plan:
    """Translate every active node shape of the shapes graph into checks."""
    out = Plan()
    for shape in sorted(set(g.subjects(RDF.type, SH.NodeShape)), key=str):
        if g.value(shape, SH.deactivated) == Literal(True):
            continue
        targets = _targets(g, shape)
        if not targets:
            continue
        severity = g.value(shape, SH.severity) or SH.Violation
        for component, test in _value_filter(g, shape, "?this"):
            query = f"SELECT ?this ?value WHERE {{ {{ {targets} }} BIND(?this AS ?value) FILTER({test}) }}"
            out.checks.append(Check(query, shape, component, severity, _messages(g, shape)))
        for prop in g.objects(shape, SH.property):
            out.checks.extend(_property_checks(g, prop, targets, g.value(prop, SH.severity) or severity))
        for constraint in g.objects(shape, SH.sparql):
            if g.value(constraint, SH.deactivated) == Literal(True):
                continue
            select = g.value(constraint, SH.select)
            if select is None:
                raise UnsupportedShape(f"shape {shape}: only sh:select SPARQL constraints are translated")
            body = re.sub(r"\$(\w+)", r"?\1", str(select))
            query = f"{_prefixes(g, constraint)}\nSELECT * WHERE {{ {{ {targets} }} {{ {body} }} }}"
            messages = _messages(g, constraint) or _messages(g, shape)
            out.checks.append(Check(query, shape, SH.SPARQLConstraintComponent, severity, messages,
                                    constraint=constraint, value_var=True, row_messages=True))
    return out


def _property_checks(g: Graph, prop, targets: str, severity) -> list[Check]:
    unknown = {p for p in g.predicates(prop, None) if str(p).startswith(str(SH))} - SUPPORTED_CORE - SHAPE_KEYS
    if unknown:
        raise UnsupportedShape(f"property shape {prop}: {', '.join(sorted(map(str, unknown)))} not translated")
    path = g.value(prop, SH.path)
    step = _path(g, path)
    messages = _messages(g, prop)
    checks = []
    low = g.value(prop, SH.minCount)
    if low is not None and int(low) > 0:
        query = (f"SELECT ?this WHERE {{ {{ {targets} }} OPTIONAL {{ ?this {step} ?v }} }} "
                 f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {int(low)})")
        checks.append(Check(query, prop, SH.MinCountConstraintComponent, severity, messages, path, value_var=False))
    high = g.value(prop, SH.maxCount)
    if high is not None:
        query = (f"SELECT ?this WHERE {{ {{ {targets} }} ?this {step} ?v }} "
                 f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(high)})")
        checks.append(Check(query, prop, SH.MaxCountConstraintComponent, severity, messages, path, value_var=False))
    has = g.value(prop, SH.hasValue)
    if has is not None:
        query = f"SELECT ?this WHERE {{ {{ {targets} }} FILTER NOT EXISTS {{ ?this {step} {_n3(has)} }} }}"
        checks.append(Check(query, prop, SH.HasValueConstraintComponent, severity, messages, path, value_var=False))
    for component, test in _value_filter(g, prop):
        query = f"SELECT DISTINCT ?this ?value WHERE {{ {{ {targets} }} ?this {step} ?value FILTER({test}) }}"
        checks.append(Check(query, prop, component, severity, messages, path))
    return checks


def _fill(text: str, row: dict) -> str:
    return _VAR.sub(lambda m: str(row[m.group(1)]) if row.get(m.group(1)) is not None else m.group(0), text)


def validate(store: Store, shapes: Graph, compiled: Plan | None = None) -> Graph:
    """The SHACL results graph of the store against ``shapes``."""
    compiled = compiled or plan(shapes)
    results = Graph()
    report = BNode()
    results.add((report, RDF.type, SH.ValidationReport))
    conforms = True
    for check in compiled.checks:
        rows = store.select(check.query)
        for row in rows.dicts():
            focus = row["this"]
            if focus is None:
                continue
            value = row.get("value") if check.value_var else None
            if check.row_messages and value is None:
                value = focus  # as pySHACL: a node-level SPARQL result's value is the focus node
            r = BNode()
            results.add((report, SH.result, r))
            results.add((r, RDF.type, SH.ValidationResult))
            results.add((r, SH.focusNode, focus))
            results.add((r, SH.resultSeverity, check.severity))
            results.add((r, SH.sourceShape, check.shape))
            results.add((r, SH.sourceConstraintComponent, check.component))
            if check.constraint is not None:
                results.add((r, SH.sourceConstraint, check.constraint))
            path = row.get("path") if check.row_messages else check.path
            if path is not None:
                results.add((r, SH.resultPath, path))
            if value is not None:
                results.add((r, SH.value, value))
            for message in check.messages:
                text = _fill(str(message), row) if check.row_messages else str(message)
                results.add((r, SH.resultMessage, Literal(text, lang=message.language)))
            if check.severity == SH.Violation:
                conforms = False
    results.add((report, SH.conforms, Literal(conforms)))
    return results
