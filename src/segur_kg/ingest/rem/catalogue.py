"""The ANS's requirement catalogues as plain objects (catalogues, requirement versions, links, milestones), and
their RDF both ways: :func:`catalogue_graph` writes it, :func:`catalogue_from_graph` reads it back.

The Squash TM export (:mod:`segur_kg.ingest.rem.squash`) is read into a :class:`RequirementCatalogues`; the
commands that compare REMs at a milestone or through their socle requirements read the same objects from
an imported graph. The triples are described in ``docs/rem-layouts.md`` ("The Squash TM export").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from segur_kg.namespaces import PREFIXES, SGR, entity

REM_KIND, SOCLE_KIND, OTHER_KIND = "rem", "socle", "other"
SEGUR_PARENT, SEGUR_DERIVATED = "SEGUR_PARENT", "SEGUR_DERIVATED"

#: Squash codes -> the ontology's SKOS concepts.
STATUSES: dict[str, URIRef] = {
    "APPROVED": SGR.Approved,
    "UNDER_REVIEW": SGR.UnderReview,
    "WORK_IN_PROGRESS": SGR.WorkInProgress,
    "OBSOLETE": SGR.Obsolete,
}
CRITICALITIES: dict[str, URIRef] = {"MAJOR": SGR.Major, "MINOR": SGR.Minor}
CATEGORIES: dict[str, URIRef] = {"CRI": SGR.Mandatory, "PRECO": SGR.Recommended}
ROLES: dict[str, URIRef] = {SEGUR_PARENT: SGR.socleParent, SEGUR_DERIVATED: SGR.derivedFromVersion}
_KIND_CLASSES = {REM_KIND: SGR.RemCatalogue, SOCLE_KIND: SGR.SocleCatalogue, OTHER_KIND: SGR.RequirementCatalogue}


@dataclass(frozen=True)
class Catalogue:
    """A Squash project: a REM or a socle catalogue. ``code`` is its short name (``REM_BIO``, ``SC_PSC``)."""

    code: str
    name: str
    kind: str  # REM_KIND, SOCLE_KIND or OTHER_KIND
    project_id: int | None = None
    device_type: str | None = None  # a REM catalogue's device type (data/reference/device_types.csv)


@dataclass(frozen=True)
class RequirementVersion:
    """One version of one requirement of one catalogue, its codes as Squash writes them (``APPROVED``, ``CRI``)."""

    version_id: int  # Squash's REQ_VERSION_ID: unique, unlike (path, number)
    requirement_id: int  # Squash's REQ_ID, shared by the versions of one requirement
    catalogue: str  # Catalogue.code
    number: int
    reference: str  # the requirement ID (PSC.06, SC.PSC.06...), "" when the export has none
    name: str
    path: str
    status: str | None = None
    criticality: str | None = None
    category: str | None = None
    milestones: tuple[str, ...] = ()
    profile: str = ""
    section: str = ""
    bloc: str = ""
    function: str = ""
    device_types: tuple[str, ...] = ()  # on a socle requirement, the device types whose REMs pick it
    created: date | None = None
    modified: date | None = None


@dataclass(frozen=True)
class RequirementLink:
    """``derived`` derives from ``parent`` (version IDs): by SEGUR_PARENT from its socle, or by SEGUR_DERIVATED."""

    role: str
    derived: int
    parent: int


@dataclass
class RequirementCatalogues:
    """What an export holds: its catalogues by code, its versions by ID, its links, and its milestones (sorted)."""

    catalogues: dict[str, Catalogue] = field(default_factory=dict)
    versions: dict[int, RequirementVersion] = field(default_factory=dict)
    links: list[RequirementLink] = field(default_factory=list)

    @property
    def milestones(self) -> tuple[str, ...]:
        return tuple(sorted({m for v in self.versions.values() for m in v.milestones}))

    def versions_of(self, catalogue: str) -> list[RequirementVersion]:
        return [v for v in self.versions.values() if v.catalogue == catalogue]

    def at_milestone(self, milestone: str, catalogue: str | None = None) -> list[RequirementVersion]:
        """The versions that belong to ``milestone`` (of one catalogue, or all)."""
        return [
            v
            for v in self.versions.values()
            if milestone in v.milestones and (catalogue is None or v.catalogue == catalogue)
        ]

    def socle_parents(self, version_id: int) -> list[RequirementVersion]:
        """The socle requirement versions a version derives from (SEGUR_PARENT)."""
        return [self.versions[k.parent] for k in self.links if k.role == SEGUR_PARENT and k.derived == version_id]

    def derived_from_socle(self) -> dict[int, list[int]]:
        """Socle version ID -> the IDs of the versions that derive from it: the ground of proof equivalence."""
        children: dict[int, list[int]] = defaultdict(list)
        for link in self.links:
            if link.role == SEGUR_PARENT:
                children[link.parent].append(link.derived)
        return dict(children)


def catalogue_iri(code: str) -> URIRef:
    return entity("catalogue", code)


def requirement_iri(requirement_id: int) -> URIRef:
    return entity("catalogue-requirement", str(requirement_id))


def version_iri(version_id: int) -> URIRef:
    return entity("requirement-version", str(version_id))


def milestone_iri(name: str) -> URIRef:
    return entity("milestone", name)


def catalogue_graph(catalogues: RequirementCatalogues) -> rdflib.Graph:
    """The RDF of ``catalogues`` (``docs/rem-layouts.md``)."""
    graph = rdflib.Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    triples: list[tuple[URIRef, URIRef, object]] = []
    add = triples.append
    for cat in catalogues.catalogues.values():
        node = catalogue_iri(cat.code)
        add((node, RDF.type, _KIND_CLASSES[cat.kind]))
        add((node, DCTERMS.identifier, Literal(cat.code)))
        add((node, DCTERMS.title, Literal(cat.name)))
        if cat.project_id is not None:
            add((node, SGR.squashId, Literal(cat.project_id)))
        if cat.device_type:
            add((node, SGR.deviceType, entity("device-type", cat.device_type)))
    requirements: set[tuple[int, str]] = set()
    for v in catalogues.versions.values():
        node = version_iri(v.version_id)
        req = requirement_iri(v.requirement_id)
        requirements.add((v.requirement_id, v.catalogue))
        add((node, RDF.type, SGR.RequirementVersion))
        add((node, DCTERMS.isVersionOf, req))
        add((req, DCTERMS.hasVersion, node))
        add((node, SGR.inCatalogue, catalogue_iri(v.catalogue)))
        add((node, SGR.squashId, Literal(v.version_id)))
        add((node, SGR.versionNumber, Literal(v.number)))
        add((node, SGR.squashPath, Literal(v.path)))
        if v.reference:
            add((node, DCTERMS.identifier, Literal(v.reference)))
        if v.name:
            add((node, DCTERMS.title, Literal(v.name, lang="fr")))
        for prop, value, table in (
            (SGR.requirementStatus, v.status, STATUSES),
            (SGR.criticalityLevel, v.criticality, CRITICALITIES),
            (SGR.requirementCategory, v.category, CATEGORIES),
        ):
            if value is not None:
                add((node, prop, table[value]))
        for milestone in v.milestones:
            add((node, SGR.inMilestone, milestone_iri(milestone)))
        for prop, text in (
            (SGR.profileName, v.profile),
            (SGR.sectionName, v.section),
            (SGR.blocName, v.bloc),
            (SGR.functionName, v.function),
        ):
            if text:
                add((node, prop, Literal(text)))
        for device_type in v.device_types:
            add((node, SGR.pickedByDeviceType, entity("device-type", device_type)))
        if v.created is not None:
            add((node, DCTERMS.created, Literal(v.created)))
        if v.modified is not None:
            add((node, DCTERMS.modified, Literal(v.modified)))
    for requirement_id, code in requirements:
        req = requirement_iri(requirement_id)
        add((req, RDF.type, SGR.CatalogueRequirement))
        add((req, SGR.squashId, Literal(requirement_id)))
        add((req, SGR.inCatalogue, catalogue_iri(code)))
    for milestone in catalogues.milestones:
        node = milestone_iri(milestone)
        add((node, RDF.type, SGR.PublicationMilestone))
        add((node, DCTERMS.identifier, Literal(milestone)))
    for link in catalogues.links:
        add((version_iri(link.derived), ROLES[link.role], version_iri(link.parent)))
    graph += triples  # one bulk addN
    return graph


def _one(graph: rdflib.Graph, node: URIRef, prop: URIRef) -> object | None:
    value = next(graph.objects(node, prop), None)
    return value.toPython() if isinstance(value, Literal) else value


def _text(graph: rdflib.Graph, node: URIRef, prop: URIRef) -> str:
    value = _one(graph, node, prop)
    return "" if value is None else str(value)


def _code(graph: rdflib.Graph, node: URIRef, prop: URIRef, table: dict[str, URIRef]) -> str | None:
    concept = next(graph.objects(node, prop), None)
    return next((code for code, iri in table.items() if iri == concept), None)


def catalogue_from_graph(graph: rdflib.Graph) -> RequirementCatalogues:
    """The catalogues, versions and links a graph holds, as :func:`catalogue_graph` writes them."""
    result = RequirementCatalogues()
    codes: dict[object, str] = {}
    for kind, cls in _KIND_CLASSES.items():
        for node in graph.subjects(RDF.type, cls):
            code = _text(graph, node, DCTERMS.identifier)
            codes[node] = code
            device = next(graph.objects(node, SGR.deviceType), None)
            result.catalogues[code] = Catalogue(
                code=code,
                name=_text(graph, node, DCTERMS.title),
                kind=kind,
                project_id=_one(graph, node, SGR.squashId),  # type: ignore[arg-type]
                device_type=str(device).rsplit("/", 1)[-1] if device is not None else None,
            )
    ids: dict[object, int] = {}
    for node in graph.subjects(RDF.type, SGR.RequirementVersion):
        version_id = int(_one(graph, node, SGR.squashId))  # type: ignore[arg-type]
        ids[node] = version_id
        requirement = next(graph.objects(node, DCTERMS.isVersionOf))
        result.versions[version_id] = RequirementVersion(
            version_id=version_id,
            requirement_id=int(_one(graph, requirement, SGR.squashId)),  # type: ignore[arg-type]
            catalogue=codes[next(graph.objects(node, SGR.inCatalogue))],
            number=int(_one(graph, node, SGR.versionNumber)),  # type: ignore[arg-type]
            reference=_text(graph, node, DCTERMS.identifier),
            name=_text(graph, node, DCTERMS.title),
            path=_text(graph, node, SGR.squashPath),
            status=_code(graph, node, SGR.requirementStatus, STATUSES),
            criticality=_code(graph, node, SGR.criticalityLevel, CRITICALITIES),
            category=_code(graph, node, SGR.requirementCategory, CATEGORIES),
            milestones=tuple(sorted(_text(graph, m, DCTERMS.identifier) for m in graph.objects(node, SGR.inMilestone))),
            profile=_text(graph, node, SGR.profileName),
            section=_text(graph, node, SGR.sectionName),
            bloc=_text(graph, node, SGR.blocName),
            function=_text(graph, node, SGR.functionName),
            device_types=tuple(sorted(str(d).rsplit("/", 1)[-1] for d in graph.objects(node, SGR.pickedByDeviceType))),
            created=_one(graph, node, DCTERMS.created),  # type: ignore[arg-type]
            modified=_one(graph, node, DCTERMS.modified),  # type: ignore[arg-type]
        )
    for role, prop in ROLES.items():
        for derived, parent in graph.subject_objects(prop):
            if derived in ids and parent in ids:
                result.links.append(RequirementLink(role=role, derived=ids[derived], parent=ids[parent]))
    result.links.sort(key=lambda k: (k.role, k.derived, k.parent))
    return result


__all__ = [
    "CATEGORIES",
    "CRITICALITIES",
    "Catalogue",
    "ROLES",
    "RequirementCatalogues",
    "RequirementLink",
    "RequirementVersion",
    "STATUSES",
    "catalogue_from_graph",
    "catalogue_graph",
]
