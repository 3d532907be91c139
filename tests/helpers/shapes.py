"""The kit every shape test uses (``tests/validation/test_shapes_*.py``).

A shape test starts from a small valid world (``tests/fixtures/shapes/world.ttl``: exactly what the
importer emits for ``world.yaml``), validated together with the ontology and the reference data,
adds or removes a few triples written inline in Turtle to break one rule, and asserts the exact set
of (rule ID, focus identifier, severity) in the report. The world alone yields no finding at all,
so every finding a test sees comes from its own change.

Each check runs both engines (pySHACL, the reference, and the whole-graph SPARQL engine) and
requires the same findings from both.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache

from rdflib import Graph

from helpers.paths import FIXTURES as FIXTURES_DIR
from segur_kg.ingest.loader import reference
from segur_kg.resources import ontology_path
from segur_kg.stores import OxigraphStore
from segur_kg.validation import ValidationReport, validate_graph, validate_store
from segur_kg.validation.engines import fast as fastshacl

FIXTURES = FIXTURES_DIR / "shapes"

NAMESPACES = {
    "sgr": "https://w3id.org/segur-kg/ontology#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "dossier": "https://w3id.org/segur-kg/id/dossier/",
    "ed": "https://w3id.org/segur-kg/id/editor/",
    "sol": "https://w3id.org/segur-kg/id/solution/",
    "ver": "https://w3id.org/segur-kg/id/solution-version/",
    "cmp": "https://w3id.org/segur-kg/id/component/",
    "cn": "https://w3id.org/segur-kg/id/commercial-name/",
    "ref": "https://w3id.org/segur-kg/id/referencing/",
    "psc": "https://w3id.org/segur-kg/id/psc-habilitation/",
    "oph": "https://w3id.org/segur-kg/id/operator-habilitation/",
    "op": "https://w3id.org/segur-kg/id/operator/",
    "cand": "https://w3id.org/segur-kg/id/candidature/",
    "mod": "https://w3id.org/segur-kg/id/modification/",
    "disp": "https://w3id.org/segur-kg/id/dispositif/",
    "dt": "https://w3id.org/segur-kg/id/device-type/",
    "ctype": "https://w3id.org/segur-kg/id/component-type/",
    "plgc": "https://w3id.org/segur-kg/id/profile/LGC/",
    "pdui": "https://w3id.org/segur-kg/id/profile/DUI/",
    "pris": "https://w3id.org/segur-kg/id/profile/RIS/",
    "pdpi": "https://w3id.org/segur-kg/id/profile/DPI/",
}
TURTLE_PREFIXES = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in NAMESPACES.items())
SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in NAMESPACES.items())

# IRIs of the world's nodes without a dcterms:identifier, as findings name them.
ATTESTATION_B = "https://w3id.org/segur-kg/id/candidature/W-B/attestation"
CNDA_W_CN = "https://w3id.org/segur-kg/id/commercial-name/W-CN/cnda"


@lru_cache(maxsize=1)
def base_graph() -> Graph:
    """Ontology + reference data + the world."""
    g = Graph()
    g.parse(ontology_path(), format="turtle")
    g += reference().graph
    g.parse(FIXTURES / "world.ttl", format="turtle")
    return g


def world(add: str = "", remove: str = "") -> Graph:
    """A copy of the base graph, less the triples matching ``remove`` (a SPARQL pattern, every
    match deleted), plus the Turtle ``add``; both use the prefixes of NAMESPACES."""
    g = Graph()
    g += base_graph()
    if remove:
        g.update(SPARQL_PREFIXES + "DELETE WHERE { " + remove + " }")
    if add:
        g.parse(data=TURTLE_PREFIXES + add, format="turtle")
    return g


def _keys(report: ValidationReport) -> set[tuple[str, str, str]]:
    return {(f.key, f.focus_id or f.focus, f.severity) for f in report.findings}


@contextmanager
def changed(add: str = "", remove: str = ""):
    """The base graph itself, changed in place for the time of the block, then restored (cheaper
    than a copy)."""
    g = base_graph()
    removed = set(world_matches(g, remove)) if remove else set()
    added = set(Graph().parse(data=TURTLE_PREFIXES + add, format="turtle")) if add else set()
    added -= {t for t in added if t in g}
    for t in removed:
        g.remove(t)
    for t in added:
        g.add(t)
    try:
        yield g
    finally:
        for t in added:
            g.remove(t)
        for t in removed:
            g.add(t)


def world_matches(g: Graph, pattern: str):
    """The triples of ``g`` a DELETE WHERE of ``pattern`` would delete."""
    return g.query(SPARQL_PREFIXES + "CONSTRUCT WHERE { " + pattern + " }")


def report(add: str = "", remove: str = "", lang: str = "fr") -> ValidationReport:
    """The validation report of the changed world (pySHACL), after checking that the fast engine
    finds exactly the same (shape, focus, severity, message)."""
    with changed(add, remove) as g:
        reference_report = validate_graph(g, lang=lang)
        store = OxigraphStore()
        store.add_graph(g)
    as_set = lambda r: {(f.shape, f.focus, f.severity, f.message, f.path, f.value) for f in r.findings}  # noqa: E731
    for join_limit in (fastshacl.JOIN_LIMIT, -1):  # both ways of joining targets (few, many)
        with patched(fastshacl, "JOIN_LIMIT", join_limit):
            fast = validate_store(store, lang=lang, engine="fast")
        assert as_set(fast) == as_set(reference_report), (
            f"the fast engine (JOIN_LIMIT={join_limit}) and pySHACL disagree"
        )
    return reference_report


@contextmanager
def patched(module, name: str, value):
    old = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, old)


def findings(add: str = "", remove: str = "") -> set[tuple[str, str, str]]:
    """(rule ID or structural shape ID, focus identifier or IRI, severity) of every finding."""
    return _keys(report(add, remove))


def shapes_hit(add: str = "", remove: str = "") -> set[tuple[str, str, str]]:
    """(shape ID, focus identifier or IRI, severity) of every finding."""
    return {(f.shape, f.focus_id or f.focus, f.severity) for f in report(add, remove).findings}
