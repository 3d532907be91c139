"""Where the catalogues come from (a Squash export or its RDF, among FILES) and what a REM name means.

A REM is named by its catalogue code in the export (``REM_LGC``) or by a project REM
(``data/reference/rems.csv``: ``REM-LGC-MV-VA2``), which maps to the export's REM catalogue of the
same device type. A project REM names its requirements as the export does, less a prefix of the
catalogue (``LGC.MDV.01`` is ``MDV.01``; ``docs/rem-catalogues.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import rdflib

from segur_kg.errors import InputError
from segur_kg.ingest.rem.catalogue import REM_KIND, RequirementCatalogues, RequirementVersion, catalogue_from_graph
from segur_kg.ingest.tables import read_table
from segur_kg.messages import msg
from segur_kg.namespaces import SGR
from segur_kg.resources import reference_dir

TABLE_SUFFIXES = {".xlsx", ".csv"}
RDF_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".trig": "trig", ".nq": "nquads", ".rdf": "xml"}


@dataclass
class Inputs:
    """FILES split: the catalogues read from the export (or its RDF), and the other files for the loader."""

    catalogues: RequirementCatalogues
    source: Path
    others: list[Path] = field(default_factory=list)


def _is_catalogue_rdf(path: Path) -> rdflib.Graph | None:
    graph = rdflib.Graph()
    try:
        graph.parse(path, format=RDF_FORMATS[path.suffix.lower()])
    except Exception as exc:  # the parsers' own errors: a user's file that is not the RDF its name says
        raise InputError(path, "", msg("catalogue.rdf-unreadable", error=" ".join(str(exc).split())[:200])) from None
    return graph if (None, rdflib.RDF.type, SGR.RequirementVersion) in graph else None


def read_inputs(files: list[Path] | None) -> Inputs:
    """The catalogues among ``files`` (the first .xlsx/.csv, or RDF holding requirement versions), and the rest."""
    from segur_kg.ingest.rem import SquashImport, read_rem

    catalogues: RequirementCatalogues | None = None
    source: Path | None = None
    others: list[Path] = []
    for path in files or []:
        suffix = path.suffix.lower()
        found: RequirementCatalogues | None = None
        if suffix in TABLE_SUFFIXES and path.is_file():
            result = read_rem(path)
            if not isinstance(result, SquashImport):
                raise InputError(path, "", msg("catalogue.not-squash"))
            found = result.catalogues
        elif suffix in RDF_FORMATS and path.is_file():
            graph = _is_catalogue_rdf(path)
            found = catalogue_from_graph(graph) if graph is not None else None
        if found is None:
            others.append(path)
        elif catalogues is None:
            catalogues, source = found, path
        else:
            raise InputError(path, "", msg("catalogue.two-exports", first=source))
    if catalogues is None or source is None:
        raise InputError("FILES", "", msg("catalogue.no-export"))
    return Inputs(catalogues, source, others)


@dataclass(frozen=True)
class ProjectRem:
    """A REM of the project's reference data: its ID, device type and requirement IDs (empty when not bundled)."""

    ident: str
    device_type: str
    requirements: frozenset[str]


def project_rems() -> dict[str, ProjectRem]:
    base = reference_dir()
    rems: dict[str, ProjectRem] = {}
    for row in read_table(base / "rems.csv", ["id", "device_type", "file"]):
        idents: set[str] = set()
        if row["file"]:
            idents = {line["ID"] for line in read_table(base / row["file"], ["ID"]) if line["ID"]}
        rems[row["id"]] = ProjectRem(row["id"], row["device_type"], frozenset(idents))
    return rems


@dataclass(frozen=True)
class Rem:
    """A REM as the user named it: its export catalogue, and the project REM when named so."""

    name: str
    catalogue: str
    project: ProjectRem | None = None

    def project_id(self, version: RequirementVersion) -> str | None:
        """The requirement ID the project's REM gives ``version``, or None when the project REM has no counterpart."""
        ident = local_id(version)
        if self.project is None:
            return ident or None
        return ident if ident in self.project.requirements else None


def local_id(version: RequirementVersion) -> str:
    """The requirement ID less a prefix naming its catalogue (``LGC.MDV.01`` in REM_LGC: ``MDV.01``)."""
    reference = version.reference
    code = version.catalogue.split("_", 1)[-1]
    for prefix in (f"{code}.", f"{code.rsplit('-', 1)[-1]}."):
        if reference.startswith(prefix):
            return reference[len(prefix) :]
    return reference


def resolve_rem(catalogues: RequirementCatalogues, name: str, option: str = "REM") -> Rem:
    """The REM ``name`` names, or an InputError naming it and the known ones."""
    rem_codes = sorted(code for code, c in catalogues.catalogues.items() if c.kind == REM_KIND)
    if name in rem_codes:
        return Rem(name, name)
    by_device = {catalogues.catalogues[code].device_type: code for code in rem_codes}
    projects = {ident: p for ident, p in project_rems().items() if p.requirements}  # a bundled REM table
    project = projects.get(name)
    if project is not None and project.device_type in by_device:
        return Rem(name, by_device[project.device_type], project)
    mapped = sorted(p.ident for p in projects.values() if p.device_type in by_device)
    raise InputError(option, "", msg("catalogue.unknown-rem", name=name, known=", ".join(rem_codes + mapped)))


def check_milestone(catalogues: RequirementCatalogues, milestone: str, option: str = "--milestone") -> str:
    if milestone not in catalogues.milestones:
        known = ", ".join(catalogues.milestones)
        raise InputError(option, "", msg("catalogue.unknown-milestone", name=milestone, known=known))
    return milestone
