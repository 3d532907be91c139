"""The REM importer on the ANS's real Squash TM export: versions, statuses, links and defects, each checked against
counts computed here from the workbook with openpyxl, not with the importer's code.

Input: ../shared/reference-data/ans-squash-export-2022/export_full.xlsx, read in place (skipped when absent).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import rdflib
from rdflib import Literal
from rdflib.namespace import DCTERMS, PROV, RDF
from typer.testing import CliRunner

from helpers.paths import SHARED
from segur_kg.cli import app
from segur_kg.errors import InputError
from segur_kg.ingest.rem import SquashImport, read_rem
from segur_kg.ingest.rem.catalogue import catalogue_from_graph, milestone_iri, requirement_iri, version_iri
from segur_kg.namespaces import SGR, entity
from segur_kg.resources import ontology_path

EXPORT = SHARED / "reference-data" / "ans-squash-export-2022" / "export_full.xlsx"
pytestmark = pytest.mark.skipif(not EXPORT.is_file(), reason=f"shared Squash export not found at {EXPORT}")


class Sheets:
    """The export as openpyxl reads it: each sheet's rows as {column: value}, with their spreadsheet row."""

    def __init__(self) -> None:
        workbook = openpyxl.load_workbook(EXPORT, read_only=True, data_only=True)
        self.requirements = self._rows(workbook["REQUIREMENT"])
        self.links = self._rows(workbook["LINK_REQ_REQ"])
        workbook.close()

    @staticmethod
    def _rows(sheet) -> list[tuple[int, dict[str, object]]]:
        rows = list(sheet.iter_rows(values_only=True))
        return [(n, dict(zip(rows[0], r, strict=False))) for n, r in enumerate(rows[1:], start=2) if any(r)]

    def keys(self) -> Counter:
        return Counter((r["REQ_PATH"], r["REQ_VERSION_NUM"]) for _, r in self.requirements)


@pytest.fixture(scope="module")
def sheets() -> Sheets:
    return Sheets()


@pytest.fixture(scope="module")
def imported() -> SquashImport:
    result = read_rem(EXPORT, lang="en")
    assert isinstance(result, SquashImport)
    return result


def _code(project: str) -> str:
    return re.match(r"(REM|SC)_[^_\s\[]+", project).group(0)


def test_every_requirement_version_is_imported_per_catalogue_and_status(sheets, imported):
    versions = imported.catalogues.versions
    assert imported.layout == "squash" and imported.rows_read == len(sheets.requirements) == 1540
    assert len(versions) == 1540  # the duplicate keys are distinct versions (their own REQ_VERSION_ID)
    expected_per_catalogue = Counter(_code(r["PROJECT_NAME"]) for _, r in sheets.requirements)
    assert Counter(v.catalogue for v in versions.values()) == expected_per_catalogue
    assert expected_per_catalogue["REM_DB"] == 333 and expected_per_catalogue["SC_PSC"] == 18
    expected_status = Counter((_code(r["PROJECT_NAME"]), r["REQ_VERSION_STATUS"]) for _, r in sheets.requirements)
    assert Counter((v.catalogue, v.status) for v in versions.values()) == expected_status
    assert Counter(v.status for v in versions.values()) == {
        "APPROVED": 666,
        "WORK_IN_PROGRESS": 376,
        "OBSOLETE": 250,
        "UNDER_REVIEW": 248,
    }
    assert Counter(v.criticality for v in versions.values()) == Counter(
        r["REQ_VERSION_CRITICALITY"] for _, r in sheets.requirements
    )
    assert Counter(v.category for v in versions.values()) == Counter(
        r["REQ_VERSION_CATEGORY"] for _, r in sheets.requirements
    )
    kinds = {c.code: c.kind for c in imported.catalogues.catalogues.values()}
    assert sorted(code for code, kind in kinds.items() if kind == "rem") == [
        "REM_BIO",
        "REM_DB",
        "REM_HOP-DPI",
        "REM_HOP-PFI",
        "REM_LGC",
        "REM_RIS",
    ]
    devices = {c.code: c.device_type for c in imported.catalogues.catalogues.values() if c.kind == "rem"}
    assert devices == {
        "REM_BIO": "SGL",
        "REM_DB": "DRIMBOX",
        "REM_HOP-DPI": "DPI",
        "REM_HOP-PFI": "PFI",
        "REM_LGC": "LGC",
        "REM_RIS": "RIS",
    }


def test_milestones_are_those_of_the_export(sheets, imported):
    expected: Counter = Counter()
    for _, row in sheets.requirements:
        for milestone in (row["REQ_VERSION_MILESTONE"] or "").split("|"):
            if milestone:
                expected[milestone] += 1
    assert imported.catalogues.milestones == ("IT1", "IT2", "Version 1.0")
    for milestone, count in expected.items():
        assert len(imported.catalogues.at_milestone(milestone)) == count
    psc_06_v2 = next(v for v in imported.catalogues.versions.values() if v.version_id == 25542)
    assert (psc_06_v2.reference, psc_06_v2.milestones, psc_06_v2.status) == (
        "PSC.06",
        ("IT1", "Version 1.0"),
        "UNDER_REVIEW",
    )


def _socle(path: str) -> bool:
    return re.match(r"/_?SC_", path) is not None


def _expected_links(sheets: Sheets) -> list[tuple[str, object, object]]:
    """(role, derived key, parent key) of the links whose two endpoints are versions of the export."""
    keys = sheets.keys()
    links = []
    for _, row in sheets.links:
        written = (row["REQ_PATH"], row["REQ_VERSION_NUM"])
        related = (row["RELATED_REQ_PATH"], row["RELATED_REQ_VERSION_NUM"])
        if keys[written] != 1 or keys[related] != 1:
            continue
        if row["RELATED_REQ_ROLE"] == "SEGUR_PARENT":
            parent, derived = (written, related) if _socle(written[0]) else (related, written)
        else:
            derived, parent = written, related
        links.append((row["RELATED_REQ_ROLE"], derived, parent))
    return links


def test_links_per_role_and_socle_requirements_per_rem(sheets, imported):
    cat = imported.catalogues
    assert imported.links_read == len(sheets.links) == 1463
    expected = _expected_links(sheets)
    assert Counter(role for role, _, _ in expected) == {"SEGUR_PARENT": 1015}  # every SEGUR_DERIVATED leaves the export
    assert Counter(k.role for k in cat.links) == Counter(role for role, _, _ in expected)
    key_of = {v.version_id: (v.path, v.number) for v in cat.versions.values()}
    assert sorted((k.role, key_of[k.derived], key_of[k.parent]) for k in cat.links) == sorted(expected)

    # Socle requirement versions per REM catalogue, from the sheet.
    project_of = {(r["REQ_PATH"], r["REQ_VERSION_NUM"]): _code(r["PROJECT_NAME"]) for _, r in sheets.requirements}
    socles_per_rem: dict[str, set] = defaultdict(set)
    for _, derived, parent in expected:
        socles_per_rem[project_of[derived]].add(parent)
    found: dict[str, set] = defaultdict(set)
    for link in cat.links:
        found[cat.versions[link.derived].catalogue].add(key_of[link.parent])
    assert found == socles_per_rem
    assert {rem: len(s) for rem, s in found.items()} == {rem: len(s) for rem, s in socles_per_rem.items()}
    assert all(cat.catalogues[cat.versions[k.parent].catalogue].kind == "socle" for k in cat.links)


def test_defects_by_row(sheets, imported):
    by_kind = defaultdict(set)
    for d in imported.defects:
        by_kind[d.kind].add((d.sheet, d.row, d.field))
    first: dict[tuple, int] = {}
    duplicates = set()
    for number, row in sheets.requirements:
        key = (row["REQ_PATH"], row["REQ_VERSION_NUM"])
        if key in first:
            duplicates.add(("REQUIREMENT", number, "REQ_PATH"))
        first.setdefault(key, number)
    assert len({key for key, count in sheets.keys().items() if count > 1}) == 5
    assert by_kind["duplicate_key"] == duplicates and len(duplicates) == 81
    missing = set()
    keys = sheets.keys()
    for number, row in sheets.links:
        for path, version in (("REQ_PATH", "REQ_VERSION_NUM"), ("RELATED_REQ_PATH", "RELATED_REQ_VERSION_NUM")):
            if keys[(row[path], row[version])] == 0:
                missing.add(("LINK_REQ_REQ", number, path))
    assert by_kind["link_endpoint_missing"] == missing and len(missing) == 448
    no_reference = {
        ("REQUIREMENT", n, "REQ_VERSION_REFERENCE") for n, r in sheets.requirements if not r["REQ_VERSION_REFERENCE"]
    }
    assert by_kind["reference_missing"] == no_reference
    assert set(by_kind) == {"duplicate_key", "link_endpoint_missing", "reference_missing"}
    assert len(imported.defects) == len(duplicates) + len(missing) + len(no_reference)


def test_the_triples_of_one_version_and_one_link(imported):
    g = imported.graph
    v2, v1 = version_iri(25542), version_iri(25543)  # PSC.06 in REM_BIO: version 2, version 1
    assert set(g.predicate_objects(v2)) == {
        (RDF.type, SGR.RequirementVersion),
        (DCTERMS.isVersionOf, requirement_iri(25287)),
        (SGR.inCatalogue, entity("catalogue", "REM_BIO")),
        (SGR.squashId, Literal(25542)),
        (SGR.versionNumber, Literal(2)),
        (
            SGR.squashPath,
            Literal(
                "/REM_BIO_Biologie [va2]/Profil Environnement de ville (pour intégration APCV et intégration "
                "DMP\\/MSS, différences SSI ?, recueil du consentement direct)/PSC - Pro Santé Connect/"
                "Utilisation de Pro Santé Connect - Engagement respect référentiel"
            ),
        ),
        (DCTERMS.identifier, Literal("PSC.06")),
        (DCTERMS.title, Literal("Utilisation de Pro Santé Connect - Engagement respect référentiel", lang="fr")),
        (SGR.requirementStatus, SGR.UnderReview),
        (SGR.criticalityLevel, SGR.Major),
        (SGR.requirementCategory, SGR.Mandatory),
        (SGR.inMilestone, milestone_iri("Version 1.0")),
        (SGR.inMilestone, milestone_iri("IT1")),
        (SGR.profileName, Literal("Général")),
        (SGR.sectionName, Literal("PSC_Utilisation de PSC")),
        (SGR.blocName, Literal("Pro Santé Connect")),
        (SGR.functionName, Literal("Utilisation de Pro Santé Connect")),
        (DCTERMS.created, Literal(date(2022, 10, 25))),
        (DCTERMS.modified, Literal(date(2022, 10, 25))),
        (SGR.socleParent, version_iri(22488)),  # SC.PSC.06 of SC_PSC, version 2
    }
    socle = imported.catalogues.versions[22488]
    assert (socle.catalogue, socle.reference, socle.number) == ("SC_PSC", "SC.PSC.06", 2)
    assert set(g.objects(v1, SGR.pickedByDeviceType)) == {
        entity("device-type", code) for code in ("DPI", "DUI", "LGC", "RIS", "SGL")
    }
    assert set(g.objects(requirement_iri(25287), DCTERMS.hasVersion)) == {v1, v2}
    # One SEGUR_PARENT link: LINK_REQ_REQ row 5, written from the REM side, socle side parent all the same.
    rem_side = next(
        v.version_id
        for v in imported.catalogues.versions.values()
        if v.catalogue == "REM_BIO" and v.path.endswith("/Alimentation DMP - 112")
    )
    socle_side = next(
        v.version_id
        for v in imported.catalogues.versions.values()
        if v.catalogue == "SC_DMP" and v.path.endswith("/Alimentation DMP - 109")
    )
    assert list(g.objects(version_iri(rem_side), SGR.socleParent)) == [version_iri(socle_side)]
    # prov:wasDerivedFrom by the ontology's sub-property, for a reasoner or a query with a property path.
    ontology = rdflib.Graph().parse(ontology_path())
    assert (SGR.socleParent, rdflib.RDFS.subPropertyOf, PROV.wasDerivedFrom) in ontology


def test_the_plain_objects_read_back_from_the_graph(imported):
    assert catalogue_from_graph(imported.graph) == imported.catalogues


def test_cli_says_the_layout_and_locates_defects_by_sheet(tmp_path: Path):
    out = tmp_path / "squash.ttl"
    result = CliRunner().invoke(app, ["import-rem", str(EXPORT), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == f"{EXPORT}: layout read: Squash TM export"
    assert lines[1] == (
        f"{EXPORT}: sheet 'REQUIREMENT', row 225, column 'REQ_PATH': key (/REM_DB_DRIM-m [va2]/Profil Général/"
        "DB\\/DRIMbox/DB\\/CO - Consommateur DrimBox/Architecture DRIMbox, version 1) already held by row 224: "
        "version 22473 imported, but no link can name it unambiguously"
    )
    assert lines[-3].endswith("1015 link(s) imported of 1463; 541 defect(s)")
    assert lines[-2] == "defects by kind: duplicate_key 81, link_endpoint_missing 448, reference_missing 12"
    french = CliRunner().invoke(app, ["import-rem", str(EXPORT), "-o", str(tmp_path / "fr.ttl")])
    assert french.stderr.splitlines()[0] == f"{EXPORT} : disposition lue : export Squash TM"


def test_rem_options_do_not_apply_to_a_squash_export():
    with pytest.raises(InputError) as caught:
        read_rem(EXPORT, rem="BIO", lang="en")
    assert str(caught.value).endswith(
        "--rem and --device-type do not apply to a Squash TM export: its catalogues name their REMs"
    )
