"""The ontology documented as HTML: every class and property of ``ontology/segur.ttl`` (its labels,
comments, super-classes, domain and range, with links between terms), its namespaces, its controlled
values, and for each term the rules that concern it, from the ontology (``sgr:rule``) and from the
shapes (a rule's shapes target a class with ``sh:targetClass`` and constrain properties with
``sh:path``).

Read with rdflib alone (setup.py's build step runs it with nothing else installed); the output is
deterministic, so that the wheel's copy and the checkout's generated page are the same bytes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS

from segur_kg.doc_pages.page import document, esc, localised
from segur_kg.messages import text
from segur_kg.namespaces import ONTOLOGY_IRI, PREFIXES, RULE, SGR

LANGUAGES = ("fr", "en")

# rdf:type -> the kind of term, in the order a term typed twice takes its kind.
KINDS = (
    (OWL.Class, "class"),
    (RDFS.Class, "class"),
    (OWL.ObjectProperty, "object"),
    (OWL.DatatypeProperty, "datatype"),
    (OWL.AnnotationProperty, "annotation"),
    (RDF.Property, "property"),
)
# The sections of the page: a kind and its heading.
SECTIONS = (
    ("class", "reference.ontology.classes"),
    ("object", "reference.ontology.object-properties"),
    ("datatype", "reference.ontology.datatype-properties"),
    ("annotation", "reference.ontology.annotation-properties"),
    ("property", "reference.ontology.other-properties"),
)
SCHEMES_ANCHOR = "controlled-values"
NAMESPACES_ANCHOR = "namespaces"


@dataclass(frozen=True, order=True)
class RuleMention:
    """Why a rule concerns a term: the ontology says so (``shape`` empty), or a shape of the rule targets
    the term (``how`` = target) or constrains it (``how`` = path)."""

    how: str  # ontology | target | path
    shape: str = ""


@dataclass
class Term:
    iri: URIRef
    kind: str
    labels: dict[str, str]
    comments: dict[str, str]
    parents: list[object] = field(default_factory=list)  # super-classes or super-properties
    children: list[URIRef] = field(default_factory=list)
    domains: list[object] = field(default_factory=list)
    ranges: list[object] = field(default_factory=list)
    domain_of: list[URIRef] = field(default_factory=list)
    range_of: list[URIRef] = field(default_factory=list)
    rules: dict[str, list[RuleMention]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The local name, which is also the term's anchor on the page (``Candidature``, ``rootReferencing``)."""
        return str(self.iri)[len(SGR) :]


@dataclass
class Concept:
    iri: URIRef
    notation: str
    labels: dict[str, str]
    definitions: dict[str, str]


@dataclass
class Scheme:
    term: Term
    concepts: list[Concept]


@dataclass
class OntologyDoc:
    titles: dict[str, str]
    descriptions: dict[str, str]
    version: str
    namespaces: list[tuple[str, str]]
    terms: list[Term]
    schemes: list[Scheme]
    rule_ids: list[str]

    def term(self, name: str) -> Term | None:
        return next((t for t in self.terms if t.name == name), None)

    def rules_to_terms(self) -> dict[str, list[Term]]:
        """Rule ID -> the terms it concerns, for the rule index's page."""
        found: dict[str, list[Term]] = defaultdict(list)
        for term in self.terms:
            for rule in term.rules:
                found[rule].append(term)
        return dict(found)


# ---- reading


def _texts(graph: Graph, node: object, predicate: URIRef) -> dict[str, str]:
    found = {}
    for value in graph.objects(node, predicate):
        if isinstance(value, Literal) and (value.language or "en") in LANGUAGES:
            found.setdefault(value.language or "en", str(value))
    return {lang: found[lang] for lang in LANGUAGES if lang in found}


def _in_namespace(node: object) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(SGR)) and len(str(node)) > len(SGR)


def _rule_id(node: object) -> str | None:
    return str(node)[len(RULE) :] if isinstance(node, URIRef) and str(node).startswith(str(RULE)) else None


def rule_sort_key(rule_id: str) -> tuple[str, int, str]:
    """``ROOT-3`` before ``ROOT-10``: the family, then the number."""
    match = re.fullmatch(r"(.*?)-(\d+)", rule_id)
    return (match.group(1), int(match.group(2)), "") if match else (rule_id, 0, rule_id)


def _shape_id(node: object) -> str:
    return str(node).rsplit("#", 1)[-1]


def shape_mentions(shapes: Graph) -> dict[URIRef, dict[str, set[RuleMention]]]:
    """Term -> rule ID -> how the rule's shapes concern it: the node shapes carrying ``sgr:rule`` target
    classes (``sh:targetClass``) and constrain properties (the ``sh:path`` of their property shapes,
    an inverse path counting as its property)."""
    found: dict[URIRef, dict[str, set[RuleMention]]] = defaultdict(lambda: defaultdict(set))
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        for rule in shapes.objects(shape, SGR.rule):
            rule_id = _rule_id(rule)
            if rule_id is None:
                continue
            for target in shapes.objects(shape, SH.targetClass):
                found[target][rule_id].add(RuleMention("target", _shape_id(shape)))
            for target in (*shapes.objects(shape, SH.targetSubjectsOf), *shapes.objects(shape, SH.targetObjectsOf)):
                found[target][rule_id].add(RuleMention("target", _shape_id(shape)))
            for property_shape in shapes.objects(shape, SH.property):
                path = shapes.value(property_shape, SH.path)
                if isinstance(path, BNode):
                    path = shapes.value(path, SH.inversePath)
                if path is not None:
                    # A blank property shape has no name of its own: its node shape names it.
                    named = property_shape if isinstance(property_shape, URIRef) else shape
                    found[path][rule_id].add(RuleMention("path", _shape_id(named)))
    return found


def _kind(graph: Graph, node: URIRef) -> str | None:
    types = set(graph.objects(node, RDF.type))
    return next((kind for rdf_type, kind in KINDS if rdf_type in types), None)


def read(ontology: Path, shapes_dir: Path) -> OntologyDoc:
    """The documentation's content: the ontology's terms in the order of their local names (classes,
    then each kind of property), with what the shapes of ``shapes_dir`` say of them."""
    graph = Graph(bind_namespaces="none").parse(ontology, format="turtle")
    shapes = Graph()
    for path in sorted(shapes_dir.glob("*.ttl")):
        shapes.parse(path, format="turtle")
    mentions = shape_mentions(shapes)
    rule_ids = sorted({r for r in map(_rule_id, graph.subjects(RDF.type, SGR.Rule)) if r}, key=rule_sort_key)

    terms: dict[URIRef, Term] = {}
    for node in sorted({s for s in graph.subjects(RDF.type, None) if _in_namespace(s)}):
        kind = _kind(graph, node)
        if kind is None:
            continue
        term = Term(node, kind, _texts(graph, node, RDFS.label), _texts(graph, node, RDFS.comment))
        parent_predicate = RDFS.subClassOf if kind == "class" else RDFS.subPropertyOf
        term.parents = sorted(graph.objects(node, parent_predicate), key=str)
        term.domains = sorted((_class_expression(graph, n) for n in graph.objects(node, RDFS.domain)), key=str)
        term.ranges = sorted((_class_expression(graph, n) for n in graph.objects(node, RDFS.range)), key=str)
        rules: dict[str, set[RuleMention]] = defaultdict(set)
        for rule in graph.objects(node, SGR.rule):
            if (rule_id := _rule_id(rule)) is not None:
                rules[rule_id].add(RuleMention("ontology"))
        for rule_id, how in mentions.get(node, {}).items():
            rules[rule_id] |= how
        term.rules = {r: sorted(rules[r]) for r in sorted(rules, key=rule_sort_key)}
        terms[node] = term

    for term in terms.values():
        for parent in term.parents:
            if parent in terms:
                terms[parent].children.append(term.iri)
        for attribute, inverse in (("domains", "domain_of"), ("ranges", "range_of")):
            for target in getattr(term, attribute):
                for member in target if isinstance(target, tuple) else (target,):
                    if member in terms:
                        getattr(terms[member], inverse).append(term.iri)

    schemes = []
    for node in sorted(s for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if _in_namespace(s)):
        concepts = [
            Concept(
                concept,
                str(graph.value(concept, SKOS.notation) or ""),
                _texts(graph, concept, SKOS.prefLabel),
                _texts(graph, concept, SKOS.definition),
            )
            for concept in sorted(graph.subjects(SKOS.inScheme, node), key=str)
        ]
        term = Term(node, "scheme", _texts(graph, node, SKOS.prefLabel), _texts(graph, node, RDFS.comment))
        schemes.append(Scheme(term, concepts))

    return OntologyDoc(
        titles=_texts(graph, ONTOLOGY_IRI, DCTERMS.title),
        descriptions=_texts(graph, ONTOLOGY_IRI, DCTERMS.description),
        version=str(graph.value(ONTOLOGY_IRI, OWL.versionInfo) or ""),
        namespaces=_namespaces(graph),
        terms=list(terms.values()),
        schemes=schemes,
        rule_ids=rule_ids,
    )


def _class_expression(graph: Graph, node: object) -> object:
    """A domain or range: the class itself, or the tuple of the classes of its ``owl:unionOf``."""
    union = graph.value(node, OWL.unionOf) if isinstance(node, BNode) else None
    return tuple(sorted(Collection(graph, union), key=str)) if union is not None else node


def _namespaces(graph: Graph) -> list[tuple[str, str]]:
    """The project's prefixes (segur_kg.namespaces) whose namespace the ontology uses."""
    used = {str(n) for triple in graph for n in triple if isinstance(n, URIRef)}
    return [(prefix, str(ns)) for prefix, ns in PREFIXES.items() if any(iri.startswith(str(ns)) for iri in used)]


# ---- rendering


def _prefixed(iri: str) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
        if iri.startswith(str(ns)) and len(iri) > len(str(ns)):
            return f"{prefix}:{iri[len(str(ns)) :]}"
    return f"<{iri}>"


def _in_language(values: dict[str, str], lang: str, tag: str = "span") -> str:
    """The value in the page's language, else in the other, marked with its language."""
    if not values:
        return ""
    chosen = lang if lang in values else next(iter(values))
    return f'<{tag} lang="{chosen}">{esc(values[chosen])}</{tag}>'


class _Renderer:
    def __init__(self, doc: OntologyDoc, lang: str) -> None:
        self.doc, self.lang = doc, lang
        self.known = {t.iri: t for t in doc.terms} | {s.term.iri: s.term for s in doc.schemes}

    def t(self, key: str, **values: object) -> str:
        return esc(text(key, self.lang, **values))

    def ref(self, node: object) -> str:
        """A term of the ontology as a link to its anchor; any other IRI as its prefixed name."""
        if isinstance(node, tuple):
            members = ", ".join(self.ref(member) for member in node)
            return text("reference.ontology.union", self.lang, members=members)
        if isinstance(node, URIRef) and node in self.known:
            term = self.known[node]
            title = esc(_plain(term, self.lang))
            return f'<a href="#{esc(term.name)}" title="{title}"><code>sgr:{esc(term.name)}</code></a>'
        if isinstance(node, URIRef):
            return f'<code title="{esc(node)}">{esc(_prefixed(str(node)))}</code>'
        return esc(node)

    def refs(self, nodes: list[object]) -> str:
        return ", ".join(self.ref(node) for node in nodes)

    def rule_links(self, rules: dict[str, list[RuleMention]]) -> str:
        items = []
        for rule_id, mentions in rules.items():
            why = [self.t("reference.ontology.from-ontology")] if any(m.how == "ontology" for m in mentions) else []
            for how in ("target", "path"):
                shapes = sorted({m.shape for m in mentions if m.how == how})
                if shapes:
                    why.append(self.t(f"reference.ontology.from-{how}", shapes=", ".join(shapes)))
            href = localised("/rules", self.lang, rule_id)
            # French typography puts a space before the colon and the semicolon.
            colon, semicolon = (" : ", " ; ") if self.lang == "fr" else (": ", "; ")
            link = f'<a class="rule" href="{esc(href)}">{esc(rule_id)}</a>'
            items.append(f"<li>{link}{colon}{semicolon.join(why)}</li>")
        return f'<ul class="rules">{"".join(items)}</ul>'

    def term(self, term: Term) -> str:
        rows = [("reference.ontology.iri", f"<code>{esc(term.iri)}</code>")]
        labels = " · ".join(
            f'<span lang="{lang}">{esc(label)}</span> <span class="lang">({lang})</span>'
            for lang, label in term.labels.items()
        )
        rows.append(("reference.ontology.labels", labels))
        if term.comments:
            rows.append(("reference.ontology.comment", _in_language(term.comments, self.lang)))
        is_class = term.kind == "class"
        parents = "reference.ontology.super-classes" if is_class else "reference.ontology.super-properties"
        children = "reference.ontology.sub-classes" if is_class else "reference.ontology.sub-properties"
        for key, nodes in (
            (parents, term.parents),
            (children, term.children),
            ("reference.ontology.domain", term.domains),
            ("reference.ontology.range", term.ranges),
            ("reference.ontology.domain-of", sorted(term.domain_of)),
            ("reference.ontology.range-of", sorted(term.range_of)),
        ):
            if nodes:
                rows.append((key, self.refs(nodes)))
        if term.rules:
            rows.append(("reference.ontology.rules", self.rule_links(term.rules)))
        cells = "".join(f"<dt>{self.t(key)}</dt><dd>{value}</dd>" for key, value in rows)
        kind = self.t(f"reference.ontology.kind.{term.kind}")
        title = _in_language(term.labels, self.lang)
        return (
            f'<section class="term {term.kind}" id="{esc(term.name)}">\n'
            f'<h3><code>sgr:{esc(term.name)}</code> <span class="kind">{kind}</span> {title}</h3>\n'
            f"<dl>{cells}</dl>\n</section>"
        )

    def scheme(self, scheme: Scheme) -> str:
        rows = []
        for concept in scheme.concepts:
            rule_id = _rule_id(concept.iri)
            if rule_id is not None:
                name = f'<a class="rule" href="{esc(localised("/rules", self.lang, rule_id))}">{esc(rule_id)}</a>'
                anchor = ""
            else:
                local = str(concept.iri)[len(SGR) :]
                name = f"<code>sgr:{esc(local)}</code>"
                anchor = f' id="{esc(local)}"' if concept.iri not in self.known else ""
            labels = " · ".join(f'<span lang="{lang}">{esc(v)}</span>' for lang, v in concept.labels.items())
            definition = _in_language(concept.definitions, self.lang)
            rows.append(
                f"<tr{anchor}><td>{name}</td><td><code>{esc(concept.notation)}</code></td>"
                f"<td>{labels}</td><td>{definition}</td></tr>"
            )
        head = "".join(
            f"<th>{self.t(k)}</th>"
            for k in ("reference.ontology.iri", "reference.ontology.notation", "reference.ontology.label")
        )
        head += f"<th>{self.t('reference.ontology.definition')}</th>"
        term = scheme.term
        kind = self.t("reference.ontology.kind.scheme")
        return (
            f'<section class="term scheme" id="{esc(term.name)}">\n'
            f'<h3><code>sgr:{esc(term.name)}</code> <span class="kind">{kind}</span> '
            f"{_in_language(term.labels, self.lang)}</h3>\n"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>\n</section>"
        )


def _plain(term: Term, lang: str) -> str:
    return term.labels.get(lang) or next(iter(term.labels.values()), term.name)


def render(doc: OntologyDoc, lang: str) -> str:
    """The page in ``lang`` (fr or en)."""
    renderer = _Renderer(doc, lang)
    title = text("reference.ontology.title", lang)
    ontology_title = doc.titles.get(lang) or next(iter(doc.titles.values()), str(ONTOLOGY_IRI))
    parts = [
        f'<p class="lead">{_in_language(doc.descriptions, lang)}</p>',
        f"<p>{renderer.t('reference.ontology.introduction', ontology=ontology_title, version=doc.version)}</p>",
    ]
    contents = [f'<li><a href="#{NAMESPACES_ANCHOR}">{renderer.t("reference.ontology.namespaces")}</a></li>']
    sections = []
    for kind, heading in SECTIONS:
        terms = [t for t in doc.terms if t.kind == kind]
        if not terms:
            continue
        contents.append(
            f'<li><a href="#section-{kind}">{renderer.t(heading)}</a> ({len(terms)}) : '
            + ", ".join(f'<a href="#{esc(t.name)}">{esc(t.name)}</a>' for t in terms)
            + "</li>"
        )
        body = "\n".join(renderer.term(t) for t in terms)
        sections.append(
            f'<section class="kind" id="section-{kind}">\n<h2>{renderer.t(heading)}</h2>\n{body}\n</section>'
        )
    if doc.schemes:
        contents.append(
            f'<li><a href="#{SCHEMES_ANCHOR}">{renderer.t("reference.ontology.controlled-values")}</a> : '
            + ", ".join(f'<a href="#{esc(s.term.name)}">{esc(s.term.name)}</a>' for s in doc.schemes)
            + "</li>"
        )
        body = "\n".join(renderer.scheme(s) for s in doc.schemes)
        sections.append(
            f'<section class="kind" id="{SCHEMES_ANCHOR}">\n'
            f"<h2>{renderer.t('reference.ontology.controlled-values')}</h2>\n{body}\n</section>"
        )
    namespace_rows = "".join(
        f"<tr><td><code>{esc(p)}:</code></td><td><code>{esc(ns)}</code></td></tr>" for p, ns in doc.namespaces
    )
    parts.append(f'<nav class="contents"><h2>{renderer.t("reference.contents")}</h2><ul>{"".join(contents)}</ul></nav>')
    parts.append(
        f'<section class="kind" id="{NAMESPACES_ANCHOR}">\n<h2>{renderer.t("reference.ontology.namespaces")}</h2>\n'
        f"<table><thead><tr><th>{renderer.t('reference.ontology.prefix')}</th>"
        f"<th>{renderer.t('reference.ontology.namespace')}</th></tr></thead><tbody>{namespace_rows}</tbody></table>\n"
        "</section>"
    )
    parts += sections
    return document(lang, title, "/ontology", "\n".join(parts))
