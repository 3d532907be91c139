"""The validation report: findings in one language, with the identifier of the node at fault and the
dossier file it comes from, made from a SHACL results graph of either engine; placed, each finding
also carries the file, line and column of the node's entry (editors' and CI's annotations).

See docs/validation.md (how findings get their language, identifiers, dossier files and lines).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from segur_kg.namespaces import PREFIXES, SPARQL_PREFIXES
from segur_kg.resources import project_home
from segur_kg.stores import Store
from segur_kg.validation.shapes import SEVERITIES, SEVERITY_ORDER, SHAPES_NS, ShapeIndex, message_templates, shape_id

if TYPE_CHECKING:  # the ingest room's record of where a node is written; validation does not import ingest
    from segur_kg.ingest.yaml_located import Location

_PLACEHOLDER = re.compile(r"\{[?$](\w+)\}")
# Nodes per query when the identifiers and dossier files of a report's nodes are asked for.
_FACTS_CHUNK = 500


@dataclass
class Finding:
    """One result of the validation, in the language asked for."""

    rule: str | None  # rule ID of the rule index, docs/rules.md (e.g. "ROOT-3"); None for a structural shape
    shape: str  # shape ID (e.g. "ROOT-3", "ROOT-3-UNRECORDED", "STRUCT-CANDIDATURE")
    focus: str  # IRI of the node at fault
    focus_id: str | None  # its dcterms:identifier
    severity: str  # "Violation" | "Warning" | "Info"
    message: str
    value: str | None = None
    path: str | None = None
    source: str | None = None  # file name of the dossier the focus node comes from, when known
    # Where the focus node is written (ValidationReport.with_locations): the path to show, its line and
    # column (1-based); None when unknown or when the node comes from no file of the user's (reference data).
    file: str | None = None
    line: int | None = None
    column: int | None = None

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
    # focus IRI -> where it is written, once placed (with_locations); only_files compares real paths.
    locations: Mapping[str, Location] = field(default_factory=dict, repr=False)

    def focus_nodes(self) -> set[str]:
        """The IRIs of the nodes the findings are about: the nodes to place."""
        return {f.focus for f in self.findings}

    def with_locations(self, locations: Mapping[str, Location], home: Path | None = None) -> ValidationReport:
        """The report with each finding placed where its focus node is written (``locations``:
        IRI -> Location, from ``segur_kg.ingest.locate.locate``): ``file`` the path to show
        (:func:`shown_path`), ``line`` and ``column``. A node in no location keeps None."""
        home = home if home is not None else project_home()
        shown: dict[Path, str] = {}
        findings = []
        for f in self.findings:
            location = locations.get(f.focus)
            if location is None:
                findings.append(f)
                continue
            if location.file not in shown:
                shown[location.file] = shown_path(location.file, home)
            findings.append(replace(f, file=shown[location.file], line=location.line, column=location.column))
        kept = {f.focus: locations[f.focus] for f in findings if f.focus in locations}
        return replace(self, findings=findings, locations=kept)

    def only_files(self, paths: Iterable[Path]) -> ValidationReport:
        """The findings placed in one of these files (``validate --changed``: the files a commit
        changes), conformance recomputed; the Turtle report keeps their results only."""
        wanted = {Path(p).resolve() for p in paths}
        findings = [
            f for f in self.findings if f.focus in self.locations and self.locations[f.focus].file.resolve() in wanted
        ]
        conforms = not any(f.severity == "Violation" for f in findings)
        graph = _report_graph_of(self.report_graph, {URIRef(f.focus) for f in findings}, conforms)
        kept = {f.focus: self.locations[f.focus] for f in findings}
        return replace(self, conforms=conforms, findings=findings, report_graph=graph, locations=kept)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITY_ORDER, 0)
        for f in self.findings:
            counts[f.severity] += 1
        return counts

    def exit_code(self, strict: bool = False) -> int:
        """0 when it conforms, 1 on a violation (or, with ``strict``, a warning)."""
        counts = self.counts()
        return 1 if counts["Violation"] or (strict and counts["Warning"]) else 0


def report_from_results(
    results_graph: Graph, data: Graph | Store, index: ShapeIndex, *, lang: str = "fr", keep: set[URIRef] | None = None
) -> ValidationReport:
    """Findings in one language from a SHACL results graph (pySHACL's or the fast engine's);
    ``data`` (the validated graph or store) gives the identifiers and dossier files of the nodes;
    ``keep``: the only focus nodes whose results are kept (``--focus``)."""
    report_node = next(results_graph.subjects(RDF.type, SH.ValidationReport))
    nodes = {o for p in (SH.focusNode, SH.value) for o in results_graph.objects(None, p)}
    identifiers, sources = node_facts(data, nodes)
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


def shown_path(path: Path, home: Path) -> str:
    """The path to show for a file: relative to the current folder when it is under it, else
    relative to the project's home (the bundled examples: ``data/examples/…``), else as the user
    gave it (absolute, or relative to the current folder)."""
    full = path.resolve()
    for base in (Path.cwd().resolve(), home.resolve()):
        try:
            return full.relative_to(base).as_posix()
        except ValueError:
            continue
    return full.as_posix() if path.is_absolute() else Path(os.path.relpath(full, Path.cwd())).as_posix()


# ---------------------------------------------------------------- the nodes' identifiers and dossier files

_NODE_FACTS = """
SELECT ?s ?id ?file WHERE {
  VALUES ?s { %s }
  OPTIONAL { ?s dcterms:identifier ?id }
  OPTIONAL {
    # A UNION of plain patterns, the type test last: with the alternative path, pyoxigraph joined
    # every dossier with the path first (16.5 s for 5,000 nodes at 3,000 candidatures, 0.1 s now;
    # 187 s of the 296 s of validation at 30,000).
    { ?s dcterms:source ?d } UNION { ?s sgr:ofCandidature ?c . ?c dcterms:source ?d }
    UNION { ?a sgr:attestation ?s . ?a dcterms:source ?d }
    UNION { ?n sgr:cndaConformity ?s . ?n dcterms:source ?d }
    ?d dcterms:source ?file .
    FILTER EXISTS { ?d a sgr:Dossier }
  }
}"""


def node_facts(data: Graph | Store, nodes) -> tuple[dict, dict]:
    """For the nodes of a report: node -> its identifier, and node -> the file name of the dossier
    it comes from (its own dcterms:source, or that of the candidature or commercial name it belongs
    to). Asked of the graph or store for these nodes only."""
    iris = sorted(n for n in nodes if isinstance(n, URIRef))
    identifiers: dict = {}
    sources: dict = {}
    for start in range(0, len(iris), _FACTS_CHUNK):
        query = _NODE_FACTS % " ".join(f"<{n}>" for n in iris[start : start + _FACTS_CHUNK])
        rows = data.select(query).rows if isinstance(data, Store) else list(data.query(SPARQL_PREFIXES + query))
        # A node with two identifiers (the very finding STRUCT-ID reports) or two files is named by the
        # smallest, whatever order the store gives its rows in (in memory and on disk differ).
        for node, ident, file in rows:
            if ident is not None and (node not in identifiers or str(ident) < identifiers[node]):
                identifiers[node] = str(ident)
            if file is not None and (node not in sources or str(file) < sources[node]):
                sources[node] = str(file)
    return identifiers, sources


# ---------------------------------------------------------------- messages and findings


def _template_regex(template: str) -> re.Pattern:
    parts = _PLACEHOLDER.split(template)
    # split() alternates literal text and placeholder names; placeholders become lazy groups.
    pattern = "".join(re.escape(p) if i % 2 == 0 else "(.*?)" for i, p in enumerate(parts))
    return re.compile(f"^{pattern}$", re.S)


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
        (message_templates(g, constraint) if constraint is not None else {})
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
        shape=info.id if info else shape_id(source_shape),
        focus=str(focus),
        focus_id=identifiers.get(focus),
        severity=severity,
        message=str(chosen) if chosen is not None else "",
        value=None if value is None or value == focus else _display(value, identifiers),
        path=_path_text(g, g.value(result, SH.resultPath)),
        source=sources.get(focus),
    )


def _report_graph_of(g: Graph, foci: set[URIRef], conforms: bool) -> Graph:
    """A report graph reduced to the results about these focus nodes."""
    report_node = next(g.subjects(RDF.type, SH.ValidationReport))
    results = [r for r in g.objects(report_node, SH.result) if g.value(r, SH.focusNode) in foci]
    return _report_graph(g, report_node, results, conforms)


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
