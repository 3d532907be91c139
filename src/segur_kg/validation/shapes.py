"""The SHACL shapes of ``shapes/``, read once per process: their graph, an index of what each node
shape names (rule, severity, labels, messages), and the catalogue of the rules they check.

See docs/validation.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS

from segur_kg.errors import InputError
from segur_kg.namespaces import PREFIXES, SGR, rule
from segur_kg.resources import ontology_path, shapes_dir

SHAPES_NS = "https://w3id.org/segur-kg/shapes#"
SHAPES_ONTOLOGY = URIRef("https://w3id.org/segur-kg/shapes")
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


def load_shapes() -> Graph:
    """All the shapes (``shapes/*.ttl``) as one graph."""
    g = Graph()
    g.bind("sgrsh", SHAPES_NS)
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)
    files = sorted(shapes_dir().glob("*.ttl"))
    if not files:
        raise InputError(shapes_dir(), "", "no shapes found (expected shapes/*.ttl)")
    for path in files:
        g.parse(path, format="turtle")
    return g


@dataclass
class ShapeInfo:
    """What a node shape names: its ID, the rule it checks, its severity, its titles and help."""

    id: str
    rule: str | None
    severity: str
    labels: dict[str, str] = field(default_factory=dict)
    comment: str | None = None
    see_also: list[str] = field(default_factory=list)


@dataclass
class ShapeIndex:
    """What a validation result needs to know about the shapes, read once from the shapes graph."""

    graph: Graph
    shapes: dict[URIRef, ShapeInfo]  # node shapes, by IRI
    parents: dict[object, URIRef]  # property shape -> its node shape
    templates: dict[object, dict[str, str]]  # constraint or property shape -> {lang: message template}

    def shape_of(self, source_shape) -> ShapeInfo | None:
        return self.shapes.get(self.parents.get(source_shape, source_shape))

    def rule_label(self, rule: str, lang: str) -> str:
        """A title for a rule: the label of the shape named after it, else of its first shape."""
        infos = sorted((s for s in self.shapes.values() if s.rule == rule), key=lambda s: (s.id != rule, s.id))
        return infos[0].labels.get(lang, "") if infos else ""

    def shape_label(self, shape_id: str, lang: str) -> str:
        """The title of the node shape with this ID ("" if none)."""
        return next((s.labels.get(lang, "") for s in self.shapes.values() if s.id == shape_id), "")


def shape_id(node) -> str:
    """A shape's ID: its IRI less the shapes' namespace (``sgrsh:ROOT-3`` -> ``ROOT-3``)."""
    text = str(node)
    return text[len(SHAPES_NS) :] if text.startswith(SHAPES_NS) else text


def message_templates(g: Graph, node) -> dict[str, str]:
    """The ``sh:message`` of a shape or constraint, by language."""
    return {m.language: str(m) for m in g.objects(node, SH.message) if isinstance(m, Literal) and m.language}


def index_shapes(g: Graph) -> ShapeIndex:
    shapes: dict[URIRef, ShapeInfo] = {}
    parents: dict[object, URIRef] = {}
    templates: dict[object, dict[str, str]] = {}
    for node in set(g.subjects(RDF.type, SH.NodeShape)):
        rule_node = g.value(node, SGR.rule)
        info = ShapeInfo(
            id=shape_id(node),
            rule=str(rule_node).rsplit("/", 1)[-1] if rule_node is not None else None,
            severity=SEVERITIES.get(g.value(node, SH.severity), "Violation"),
            labels={
                lit.language: str(lit)
                for lit in g.objects(node, RDFS.label)
                if isinstance(lit, Literal) and lit.language
            },
            comment=next((str(c) for c in g.objects(node, RDFS.comment)), None),
            see_also=sorted(str(s) for s in g.objects(node, RDFS.seeAlso)),
        )
        shapes[node] = info
        for prop in g.objects(node, SH.property):
            parents[prop] = node
        for constraint in g.objects(node, SH.sparql):
            templates[constraint] = message_templates(g, constraint)
    for prop in parents:
        templates[prop] = message_templates(g, prop)
    return ShapeIndex(g, shapes, parents, templates)


@lru_cache(maxsize=1)
def compiled_shapes() -> tuple[Graph, ShapeIndex]:
    """The shapes graph and its index of rules and messages, read once per process."""
    g = load_shapes()
    return g, index_shapes(g)


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    """The ontology, for the rules' definitions and links: parsed once per process."""
    return Graph().parse(ontology_path(), format="turtle")


def rule_catalogue(lang: str = "fr") -> list[dict]:
    """One entry per rule (or structural shape) the shapes check: ID, title, help text and link,
    default severity (the most severe of its shapes), and the IDs of its shapes."""
    _, index = compiled_shapes()
    ontology = _ontology()
    entries: dict[str, dict] = {}
    for info in sorted(index.shapes.values(), key=lambda s: s.id):
        key = info.rule or info.id
        entry = entries.setdefault(
            key, {"id": key, "shapes": [], "severity": info.severity, "title": "", "help": "", "uri": None}
        )
        entry["shapes"].append(info.id)
        if SEVERITY_ORDER[info.severity] < SEVERITY_ORDER[entry["severity"]]:
            entry["severity"] = info.severity
        if not entry["title"] or info.id == key:
            entry["title"] = info.labels.get(lang, "")
        if info.rule:
            rule_node = rule(info.rule)
            entry["help"] = str(ontology.value(rule_node, SKOS.definition) or info.comment or "")
            entry["uri"] = str(ontology.value(rule_node, RDFS.seeAlso) or rule_node)
        else:
            entry["help"] = info.comment or ""
            entry["uri"] = next(iter(info.see_also), None)
    return [entries[k] for k in sorted(entries)]
