"""Validation of the graph against the SHACL shapes of ``shapes/`` (``segur-kg validate``).

Each shape of ``shapes/*.ttl`` names its rule (``sgr:rule rule:ROOT-3``), its severity and its
messages in French and English; ``shapes/README.md`` lists them. :func:`validate_store` validates
the store, with the whole-graph SPARQL engine (:mod:`.fastshacl`, each constraint once over the
pyoxigraph store) or with pySHACL (the reference, one query per focus node), and returns
:class:`Finding` objects in one language, with the identifier of the node at fault and the dossier
file it comes from. ``--focus`` keeps the findings about one candidature and what it depends on
(see :func:`dependency_closure`).

Renderers for the CLI formats live here too (text, json, turtle); SARIF is in :mod:`.sarif`.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS

from segur_kg import identifiers
from segur_kg.errors import InputError
from segur_kg.i18n import LANGUAGES
from segur_kg.namespaces import PREFIXES, SGR
from segur_kg.resources import ontology_path, shapes_dir
from segur_kg.stores import Store

SHAPES_NS = "https://w3id.org/segur-kg/shapes#"
SHAPES_ONTOLOGY = URIRef("https://w3id.org/segur-kg/shapes")
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
SEVERITY_LABELS = {
    "fr": {"Violation": "violation", "Warning": "avertissement", "Info": "info"},
    "en": {"Violation": "violation", "Warning": "warning", "Info": "info"},
}
_PLACEHOLDER = re.compile(r"\{[?$](\w+)\}")


@dataclass
class Finding:
    """One result of the validation, in the language asked for."""

    rule: str | None  # rule ID of DOMAIN.md (e.g. "ROOT-3"); None for a structural shape
    shape: str  # shape ID (e.g. "ROOT-3", "ROOT-3-UNRECORDED", "STRUCT-CANDIDATURE")
    focus: str  # IRI of the node at fault
    focus_id: str | None  # its dcterms:identifier
    severity: str  # "Violation" | "Warning" | "Info"
    message: str
    value: str | None = None
    path: str | None = None
    source: str | None = None  # file name of the dossier the focus node comes from, when known

    @property
    def key(self) -> str:
        """The rule ID, or the shape ID for a structural shape: what the text output groups by."""
        return self.rule or self.shape


@dataclass
class ValidationReport:
    conforms: bool  # no Violation (warnings and infos do not break conformance)
    findings: list[Finding]
    report_graph: Graph
    focus: str | None = None
    lang: str = "fr"

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITY_ORDER, 0)
        for f in self.findings:
            counts[f.severity] += 1
        return counts

    def exit_code(self, strict: bool = False) -> int:
        """0 when it conforms, 1 on a violation (or, with ``strict``, a warning)."""
        counts = self.counts()
        return 1 if counts["Violation"] or (strict and counts["Warning"]) else 0


# ---------------------------------------------------------------- shapes


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


def _local(node) -> str:
    text = str(node)
    return text[len(SHAPES_NS) :] if text.startswith(SHAPES_NS) else text


def index_shapes(g: Graph) -> ShapeIndex:
    shapes: dict[URIRef, ShapeInfo] = {}
    parents: dict[object, URIRef] = {}
    templates: dict[object, dict[str, str]] = {}
    for node in set(g.subjects(RDF.type, SH.NodeShape)):
        rule = g.value(node, SGR.rule)
        info = ShapeInfo(
            id=_local(node),
            rule=str(rule).rsplit("/", 1)[-1] if rule is not None else None,
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
            templates[constraint] = _messages(g, constraint)
    for prop in parents:
        templates[prop] = _messages(g, prop)
    return ShapeIndex(g, shapes, parents, templates)


def _messages(g: Graph, node) -> dict[str, str]:
    return {m.language: str(m) for m in g.objects(node, SH.message) if isinstance(m, Literal) and m.language}


@lru_cache(maxsize=1)
def compiled_shapes() -> tuple[Graph, ShapeIndex]:
    """The shapes graph and its index of rules and messages, read once per process."""
    g = load_shapes()
    return g, index_shapes(g)


def _template_regex(template: str) -> re.Pattern:
    parts = _PLACEHOLDER.split(template)
    # split() alternates literal text and placeholder names; placeholders become lazy groups.
    pattern = "".join(re.escape(p) if i % 2 == 0 else "(.*?)" for i, p in enumerate(parts))
    return re.compile(f"^{pattern}$", re.S)


# ---------------------------------------------------------------- validation


ENGINES = ("fast", "pyshacl")


def validate_store(
    store: Store, *, focus: str | None = None, lang: str = "fr", engine: str | None = None
) -> ValidationReport:
    """Validate everything the store holds; with ``focus`` (a candidature identifier or IRI), keep
    only the findings about that candidature and the nodes it depends on. An unknown candidature
    is an :class:`InputError`. ``engine``: "fast" (whole-graph SPARQL, the default on a pyoxigraph
    store) or "pyshacl" (the default on an rdflib store, whose SPARQL lacks the casts the fast
    engine's datatype checks use)."""
    if engine is None:
        engine = "fast" if store.backend == "oxigraph" else "pyshacl"
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: expected one of {ENGINES}")
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: expected fr or en")
    closure = None
    if focus is not None:
        closure = dependency_closure(store, resolve_candidature(store, focus))
    if engine == "fast":
        from segur_kg.validation.engines import fast as fastshacl

        shapes_graph, index = compiled_shapes()
        # With a focus, every query is restricted to the closure: only those nodes are validated.
        results_graph = fastshacl.validate(store, shapes_graph, focus=closure)
        report = report_from_results(results_graph, store, index, lang=lang, keep=closure)
    else:
        report = validate_graph(store.to_rdflib(), lang=lang, keep=closure)
    report.focus = focus
    return report


def validate_graph(data: Graph, *, lang: str = "fr", keep: set[URIRef] | None = None) -> ValidationReport:
    """Validate an rdflib graph that already holds the ontology and the reference data, with
    pySHACL: the reference engine, one query per focus node (slow on large graphs)."""
    import pyshacl

    shapes_graph, index = compiled_shapes()
    with cached_queries(data):
        _, results_graph, _ = pyshacl.validate(
            data,
            shacl_graph=shapes_graph,
            ont_graph=None,
            inference="none",
            advanced=True,
            allow_warnings=True,
            allow_infos=True,
            inplace=True,
        )
    return report_from_results(results_graph, data, index, lang=lang, keep=keep)


def report_from_results(
    results_graph: Graph, data: Graph | Store, index: ShapeIndex, *, lang: str = "fr", keep: set[URIRef] | None = None
) -> ValidationReport:
    """Findings in one language from a SHACL results graph (pySHACL's or the fast engine's);
    ``data`` (the validated graph or store) gives the identifiers and dossier files of the nodes."""
    report_node = next(results_graph.subjects(RDF.type, SH.ValidationReport))
    nodes = {o for p in (SH.focusNode, SH.value) for o in results_graph.objects(None, p)}
    identifiers, sources = _node_facts(data, nodes)
    kept_results, findings, seen = [], [], set()
    for result in list(results_graph.objects(report_node, SH.result)):
        focus = results_graph.value(result, SH.focusNode)
        if keep is not None and focus not in keep:
            continue
        kept_results.append(result)
        _localise_messages(results_graph, result, index, identifiers)
        finding = _finding(results_graph, result, index, identifiers, sources, lang)
        marker = (finding.shape, finding.focus, finding.severity, finding.message, finding.value, finding.path)
        if marker not in seen:
            seen.add(marker)
            findings.append(finding)
    findings.sort(key=lambda f: (f.key, f.focus_id or f.focus, SEVERITY_ORDER[f.severity], f.message))
    conforms = not any(f.severity == "Violation" for f in findings)
    graph = _report_graph(results_graph, report_node, kept_results, conforms)
    return ValidationReport(conforms, findings, graph, lang=lang)


_PREPARED: dict[str, object] = {}


@contextmanager
def cached_queries(data: Graph):
    """pySHACL runs each SPARQL constraint once per focus node, as text: while it runs, parse each
    text once (for the process: the texts are the shapes' own)."""
    from rdflib.plugins.sparql import prepareQuery

    plain = data.query

    def query(query_object, *args, **kwargs):
        if isinstance(query_object, str):
            if query_object not in _PREPARED:
                _PREPARED[query_object] = prepareQuery(query_object)
            query_object = _PREPARED[query_object]
        return plain(query_object, *args, **kwargs)

    data.query = query  # type: ignore[method-assign]
    try:
        yield data
    finally:
        del data.query  # back to the class's method


_NODE_FACTS = """
SELECT ?s ?id ?file WHERE {
  VALUES ?s { %s }
  OPTIONAL { ?s dcterms:identifier ?id }
  OPTIONAL {
    # A UNION of plain patterns, the type test last: with the alternative path, pyoxigraph joined
    # every dossier with the path first (16.5 s for 5,000 nodes at 3,000 candidatures, 0.1 s now;
    # 187 s of the 296 s of validation at 30,000).
    { ?s dcterms:source ?d } UNION { ?s sgr:ofCandidature ?c . ?c dcterms:source ?d }
    UNION { ?a sgr:attestation ?s . ?a dcterms:source ?d } UNION { ?n sgr:cndaConformity ?s . ?n dcterms:source ?d }
    ?d dcterms:source ?file .
    FILTER EXISTS { ?d a sgr:Dossier }
  }
}"""


def _node_facts(data: Graph | Store, nodes) -> tuple[dict, dict]:
    """For the nodes of a report: node -> its identifier, and node -> the file name of the dossier
    it comes from (its own dcterms:source, or that of the candidature or commercial name it belongs
    to). Asked of the graph or store for these nodes only."""
    from segur_kg.namespaces import SPARQL_PREFIXES

    iris = sorted(n for n in nodes if isinstance(n, URIRef))
    identifiers: dict = {}
    sources: dict = {}
    for start in range(0, len(iris), 500):
        query = _NODE_FACTS % " ".join(f"<{n}>" for n in iris[start : start + 500])
        rows = data.select(query).rows if isinstance(data, Store) else list(data.query(SPARQL_PREFIXES + query))
        for node, ident, file in rows:
            if ident is not None:
                identifiers.setdefault(node, str(ident))
            if file is not None:
                sources.setdefault(node, str(file))
    return identifiers, sources


def _display(node, identifiers: dict) -> str:
    if node is None:
        return "—"
    if node in identifiers:
        return identifiers[node]
    return str(node)


def _path_text(g: Graph, path) -> str | None:
    if path is None:
        return None
    if isinstance(path, BNode):
        inverse = g.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + g.namespace_manager.normalizeUri(inverse)
        return str(path)
    return g.namespace_manager.normalizeUri(path)


def _localise_messages(g: Graph, result, index: ShapeIndex, identifiers: dict) -> None:
    """pySHACL drops the language of a SPARQL message once it fills in the variables, and leaves
    the placeholders of core constraints' messages as they are. Give every message back its
    language and fill {$this}, {?value} and {$path} with the identifier, value and path."""
    focus = g.value(result, SH.focusNode)
    value = g.value(result, SH.value)
    path = _path_text(g, g.value(result, SH.resultPath))
    constraint = g.value(result, SH.sourceConstraint)
    # pySHACL copies a SPARQL constraint (a blank node) into the report, messages included.
    templates = (
        (_messages(g, constraint) if constraint is not None else {})
        or index.templates.get(g.value(result, SH.sourceShape))
        or {}
    )
    fills = {"this": _display(focus, identifiers), "value": _display(value, identifiers), "path": path or "—"}
    for message in list(g.objects(result, SH.resultMessage)):
        text, language = str(message), message.language
        if language is None:
            language = next((lng for lng, t in templates.items() if _template_regex(t).match(text)), None)
        text = _PLACEHOLDER.sub(lambda m: fills.get(m.group(1), m.group(0)), text)
        g.remove((result, SH.resultMessage, message))
        g.add((result, SH.resultMessage, Literal(text, lang=language)))


def _finding(g: Graph, result, index: ShapeIndex, identifiers: dict, sources: dict, lang: str) -> Finding:
    focus = g.value(result, SH.focusNode)
    source_shape = g.value(result, SH.sourceShape)
    info = index.shape_of(source_shape)
    severity = SEVERITIES.get(g.value(result, SH.resultSeverity), "Violation")
    messages = list(g.objects(result, SH.resultMessage))
    chosen = next((m for m in messages if m.language == lang), None) or next(
        (m for m in messages if m.language in (None, "en")), None
    )
    if chosen is None and messages:
        chosen = messages[0]
    value = g.value(result, SH.value)
    return Finding(
        rule=info.rule if info else None,
        shape=info.id if info else _local(source_shape),
        focus=str(focus),
        focus_id=identifiers.get(focus),
        severity=severity,
        message=str(chosen) if chosen is not None else "",
        value=None if value is None or value == focus else _display(value, identifiers),
        path=_path_text(g, g.value(result, SH.resultPath)),
        source=sources.get(focus),
    )


def _report_graph(g: Graph, report_node, results: list, conforms: bool) -> Graph:
    """The sh:ValidationReport with the results kept, each with what it points to (its blank
    nodes: paths, SPARQL constraints), and sh:conforms as computed here."""
    out = Graph()
    out.bind("sh", SH)
    out.bind("sgrsh", SHAPES_NS)
    for prefix, namespace in PREFIXES.items():
        out.bind(prefix, namespace)
    out.add((report_node, RDF.type, SH.ValidationReport))
    out.add((report_node, SH.conforms, Literal(conforms)))
    todo, done = list(results), set()
    for result in results:
        out.add((report_node, SH.result, result))
    while todo:
        node = todo.pop()
        if node in done:
            continue
        done.add(node)
        for p, o in g.predicate_objects(node):
            out.add((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return out


# ---------------------------------------------------------------- --focus


def resolve_candidature(store: Store, ident: str) -> URIRef:
    """The IRI of the candidature with this identifier or IRI, or an InputError."""
    iri = identifiers.resolve_in_store(
        store, ident, ("candidature",), lambda message: InputError("--focus", "", message)
    )
    return URIRef(iri)


_ROOT_STEP = "(sgr:rootReferencing|^sgr:ofCandidature/sgr:newRootReferencing)"
_DEPENDENCIES = """
SELECT DISTINCT ?n WHERE {
  { <C> (sgr:solutionVersion|sgr:dispositif|sgr:attestation|sgr:pscHabilitation|sgr:intendedRoot|sgr:additionalComponent) ?n }
  UNION { <C> (sgr:rootReferencing|sgr:va1Referencing|^sgr:ofCandidature) ?n }
  UNION { <C> ^sgr:ofCandidature/sgr:newRootReferencing ?n }
  UNION { <C> (sgr:rootReferencing|sgr:va1Referencing|^sgr:ofCandidature/sgr:newRootReferencing)/sgr:solutionVersion ?n }
  UNION { <C> sgr:solutionVersion/(sgr:versionOf|sgr:versionOf/sgr:editor) ?n }
  UNION { <C> sgr:solutionVersion/(sgr:mainComponent|sgr:additionalComponent|sgr:lps|sgr:proxy) ?n }
  UNION { <C> sgr:solutionVersion/sgr:commercialName/sgr:parentName* ?n }
  UNION { <C> sgr:solutionVersion/sgr:commercialName/sgr:parentName*/sgr:cndaConformity ?n }
  UNION { <C> sgr:solutionVersion/^sgr:servesSolutionVersion ?n }
  UNION { <C> sgr:solutionVersion/(sgr:mainComponent|sgr:additionalComponent|sgr:lps|sgr:proxy|sgr:commercialName)/^sgr:modifies ?n }
  UNION { <C> sgr:solutionVersion/(sgr:lps|sgr:proxy)/^sgr:operatedComponent ?n }
}"""


def _root_chain(store: Store, candidature: URIRef) -> list[URIRef]:
    """The candidature and the candidatures of its roots, transitively: one query per step (a
    ``*`` path over this alternative of an inverse would be evaluated over the whole graph)."""
    seen: set[URIRef] = set()
    frontier = {candidature}
    while frontier:
        seen |= frontier
        values = " ".join(f"<{c}>" for c in sorted(frontier))
        rows = store.select(
            f"SELECT DISTINCT ?c WHERE {{ VALUES ?x {{ {values} }} ?x {_ROOT_STEP}/sgr:ofCandidature ?c }}"
        ).column("c")
        frontier = {c for c in rows if isinstance(c, URIRef)} - seen
    typed = " ".join(f"<{c}>" for c in sorted(seen))
    return sorted(store.select(f"SELECT ?c WHERE {{ VALUES ?c {{ {typed} }} ?c a sgr:Candidature }}").column("c"))


def dependency_closure(store: Store, candidature: URIRef) -> set[URIRef]:
    """The candidature and what its validity depends on: its solution version (solution, editor,
    components, commercial names with their parents and CNDA conformities), its referencings
    (own, vague 1, root), proofs, modifications, attestation, PSC habilitation (and those serving
    its version), operator habilitations of its LPS/Proxy; and the same for every candidature of
    its root chain."""
    chain = _root_chain(store, candidature)
    nodes: set[URIRef] = {candidature, *chain}
    for c in chain or [candidature]:
        nodes.update(store.select(_DEPENDENCIES.replace("<C>", f"<{c}>")).column("n"))
    return {n for n in nodes if n is not None}


# ---------------------------------------------------------------- renderers


def _summary(report: ValidationReport) -> str:
    c = report.counts()
    if report.lang == "fr":
        verdict = "conforme" if report.conforms else "non conforme"
        return (
            f"Bilan : {c['Violation']} violation(s), {c['Warning']} avertissement(s), {c['Info']} info(s) — {verdict}"
            + (f" (candidature {report.focus})." if report.focus else ".")
        )
    verdict = "conforms" if report.conforms else "does not conform"
    return f"Summary: {c['Violation']} violation(s), {c['Warning']} warning(s), {c['Info']} info(s) — {verdict}" + (
        f" (candidature {report.focus})." if report.focus else "."
    )


def render_text(report: ValidationReport) -> str:
    """Findings grouped by rule, one line each (severity, identifier, message), then a summary."""
    _, index = compiled_shapes()
    labels = SEVERITY_LABELS[report.lang]
    width = max(len(v) for v in labels.values())
    lines: list[str] = []
    groups: dict[str, list[Finding]] = {}
    for f in report.findings:
        groups.setdefault(f.key, []).append(f)
    for key in sorted(groups):
        title = (
            index.rule_label(key, report.lang)
            if groups[key][0].rule
            else next((s.labels.get(report.lang, "") for s in index.shapes.values() if s.id == key), "")
        )
        lines.append(f"{key} — {title}" if title else key)
        for f in groups[key]:
            lines.append(f"  {labels[f.severity]:<{width}}  {f.focus_id or f.focus}  {f.message}")
        lines.append("")
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def render_json(report: ValidationReport) -> str:
    payload = {
        "conforms": report.conforms,
        "counts": report.counts(),
        "focus": report.focus,
        "lang": report.lang,
        "findings": [asdict(f) for f in report.findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render_turtle(report: ValidationReport) -> str:
    return report.report_graph.serialize(format="turtle")


def rule_catalogue(lang: str = "fr") -> list[dict]:
    """One entry per rule (or structural shape) the shapes check: ID, title, help text and link,
    default severity (the most severe of its shapes). Used by the SARIF output."""

    _, index = compiled_shapes()
    ontology = Graph().parse(ontology_path(), format="turtle")
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
            rule_node = URIRef(f"https://w3id.org/segur-kg/rule/{info.rule}")
            entry["help"] = str(ontology.value(rule_node, SKOS.definition) or info.comment or "")
            entry["uri"] = str(ontology.value(rule_node, RDFS.seeAlso) or rule_node)
        else:
            entry["help"] = info.comment or ""
            entry["uri"] = next(iter(info.see_also), None)
    return [entries[k] for k in sorted(entries)]


__all__ = [
    "Finding",
    "ValidationReport",
    "load_shapes",
    "validate_store",
    "validate_graph",
    "dependency_closure",
    "resolve_candidature",
    "render_text",
    "render_json",
    "render_turtle",
    "rule_catalogue",
    "compiled_shapes",
    "cached_queries",
]
