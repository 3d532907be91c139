"""Namespaces and the IRI scheme of segur-kg data.

Every entity has a short identifier (``dcterms:identifier``) and an IRI built from it here, so that
the CLI can accept either and the same input always yields the same IRI.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

SGR = Namespace("https://w3id.org/segur-kg/ontology#")
RULE = Namespace("https://w3id.org/segur-kg/rule/")
ID = Namespace("https://w3id.org/segur-kg/id/")
SCHEMA = Namespace("https://schema.org/")

ONTOLOGY_IRI = URIRef("https://w3id.org/segur-kg/ontology")

PREFIXES: dict[str, Namespace] = {
    "sgr": SGR,
    "rule": RULE,
    "id": ID,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "schema": SCHEMA,
}

SPARQL_PREFIXES = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + "\n"

_SAFE = "-._~@"


def _segment(value: str, keep_slash: bool = False) -> str:
    return quote(value, safe=_SAFE + ("/" if keep_slash else ""))


def slug(label: str) -> str:
    """A readable IRI segment for a human label: 'IE Usagers' -> 'IE-Usagers', 'Général' -> 'General'."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-") or "_"


def entity(kind: str, identifier: str) -> URIRef:
    """IRI of a dossier or reference entity: ``id/<kind>/<identifier>``."""
    return ID[f"{kind}/{_segment(identifier)}"]


def requirement(rem_id: str, requirement_id: str) -> URIRef:
    # Requirement IDs contain '/', which is kept: it is legal in an IRI path and keeps IDs readable.
    return ID[f"rem/{_segment(rem_id)}/requirement/{_segment(requirement_id, keep_slash=True)}"]


def scenario(rem_id: str, requirement_id: str, scenario_id: str) -> URIRef:
    return URIRef(f"{requirement(rem_id, requirement_id)}/scenario/{_segment(scenario_id, keep_slash=True)}")


def chapter(rem_id: str, chapter_code: str) -> URIRef:
    return ID[f"rem/{_segment(rem_id)}/chapter/{_segment(chapter_code, keep_slash=True)}"]


def profile(device_type: str, code: str) -> URIRef:
    return ID[f"profile/{_segment(device_type)}/{slug(code)}"]


def socle(socle_id: str) -> URIRef:
    return ID[f"socle/{_segment(socle_id, keep_slash=True)}"]


def referencing(nru: str) -> URIRef:
    return entity("referencing", nru)


def rule(rule_id: str) -> URIRef:
    return RULE[rule_id]
