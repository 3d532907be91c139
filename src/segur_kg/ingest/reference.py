"""The programme's reference data: CSV tables under ``data/reference/`` -> RDF + an index.

The index is what the dossier importer resolves codes against (dispositifs, profiles, requirements);
the graph is what goes into the store. See ``docs/reference-data.md`` for the tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from segur_kg import namespaces as ns
from segur_kg.errors import InputError
from segur_kg.ingest.codes import WAVES
from segur_kg.ingest.rem import read_rem
from segur_kg.ingest.tables import Row, read_table
from segur_kg.messages import msg
from segur_kg.namespaces import SGR


@dataclass
class DispositifInfo:
    id: str
    wave: int
    couloir: str
    device_type: str
    rem: str
    date1: date | None
    date2: date | None
    profiles: dict[str, bool] = field(default_factory=dict)  # code -> optional


@dataclass
class RemInfo:
    id: str
    device_type: str
    wave: int
    # requirement ID -> scenario IDs
    requirements: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class ReferenceIndex:
    couloirs: set[str] = field(default_factory=set)
    device_types: set[str] = field(default_factory=set)
    component_types: set[str] = field(default_factory=set)
    profiles: dict[str, set[str]] = field(default_factory=dict)  # device type -> codes
    rems: dict[str, RemInfo] = field(default_factory=dict)
    dispositifs: dict[str, DispositifInfo] = field(default_factory=dict)
    equivalence_lists: dict[str, str] = field(default_factory=dict)  # list -> couloir


@dataclass
class Reference:
    graph: Graph
    index: ReferenceIndex


def _labels(g: Graph, node: URIRef, row, concept: bool = True) -> None:
    for lang in ("fr", "en"):
        text = row[f"label_{lang}"]
        if text:
            g.add((node, RDFS.label, Literal(text, lang=lang)))
            if concept:
                g.add((node, SKOS.prefLabel, Literal(text, lang=lang)))


def _identified(g: Graph, node: URIRef, klass: URIRef, identifier: str) -> None:
    g.add((node, RDF.type, klass))
    g.add((node, DCTERMS.identifier, Literal(identifier)))


def load_reference(folder: Path) -> Reference:
    """Read every reference table of ``folder`` into a graph and an index."""
    g = Graph()
    idx = ReferenceIndex()

    def need(row: Row, column: str, known, unknown: str) -> str:
        """The code of ``column``, one of ``known``; else the error ``unknown`` (a message ID)."""
        value = row[column]
        if value not in known:
            raise row.error(column, msg(unknown, value=value, expected=", ".join(sorted(known))))
        return value

    for row in read_table(folder / "couloirs.csv", ["id", "label_fr", "label_en"]):
        node = ns.entity("couloir", row["id"])
        _identified(g, node, SGR.Couloir, row["id"])
        g.add((node, RDF.type, SKOS.Concept))
        _labels(g, node, row)
        idx.couloirs.add(row["id"])

    for row in read_table(folder / "device_types.csv", ["id", "label_fr", "label_en", "alt_labels"]):
        node = ns.entity("device-type", row["id"])
        _identified(g, node, SGR.DeviceType, row["id"])
        g.add((node, RDF.type, SKOS.Concept))
        _labels(g, node, row)
        for alt in filter(None, (a.strip() for a in row["alt_labels"].split("|"))):
            g.add((node, SKOS.altLabel, Literal(alt)))
        idx.device_types.add(row["id"])

    for row in read_table(folder / "component_types.csv", ["id", "label_fr", "label_en"]):
        node = ns.entity("component-type", row["id"])
        _identified(g, node, SGR.ComponentType, row["id"])
        g.add((node, RDF.type, SKOS.Concept))
        _labels(g, node, row)
        idx.component_types.add(row["id"])

    for row in read_table(folder / "profiles.csv", ["device_type", "code", "label_fr", "label_en"]):
        dt = need(row, "device_type", idx.device_types, "ingest.value.unknown-device-type")
        node = ns.profile(dt, row["code"])
        g.add((node, RDF.type, SGR.Profile))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SGR.profileCode, Literal(row["code"])))
        g.add((node, DCTERMS.identifier, Literal(f"{dt}/{row['code']}")))
        g.add((node, SGR.deviceType, ns.entity("device-type", dt)))
        _labels(g, node, row)
        idx.profiles.setdefault(dt, set()).add(row["code"])

    for row in read_table(
        folder / "rems.csv", ["id", "label_fr", "label_en", "device_type", "wave", "version", "file"]
    ):
        rem_id = row["id"]
        dt = row["device_type"]
        if dt:
            need(row, "device_type", idx.device_types, "ingest.value.unknown-device-type")
        wave = need(row, "wave", WAVES, "ingest.reference.unknown-wave")
        node = ns.entity("rem", rem_id)
        _identified(g, node, SGR.REM, rem_id)
        _labels(g, node, row, concept=False)
        g.add((node, SGR.wave, WAVES[wave]))
        if dt:
            g.add((node, SGR.deviceType, ns.entity("device-type", dt)))
        if row["version"]:
            g.add((node, OWL.versionInfo, Literal(row["version"])))
        info = RemInfo(rem_id, dt, int(wave))
        if row["file"]:
            rem_path = folder / row["file"]
            if not rem_path.is_file():
                raise row.error("file", msg("ingest.reference.no-rem-table", path=rem_path))
            # A reference REM is read by the importer of `segur-kg import-rem`, and must have no defect.
            imported = read_rem(rem_path, rem=rem_id, device_type=dt or None)
            if imported.defects:
                first = imported.defects[0]
                raise InputError(
                    rem_path,
                    msg("ingest.place.row", row=first.row),
                    msg("ingest.reference.rem-defect", message=first.message),
                )
            g += imported.graph
            for r in imported.rows:
                scenarios = info.requirements.setdefault(r.requirement_id, set())
                if r.scenario_id:
                    scenarios.add(r.scenario_id)
            for code in {r.profile for r in imported.rows}:
                if code not in idx.profiles.get(dt, set()):
                    raise InputError(
                        rem_path,
                        "",
                        msg("ingest.reference.rem-profile-unknown", code=code, device_type=dt),
                    )
        idx.rems[rem_id] = info

    for row in read_table(
        folder / "dispositifs.csv",
        ["id", "label_fr", "label_en", "wave", "couloir", "device_type", "rem", "date1", "date2"],
    ):
        wave = need(row, "wave", WAVES, "ingest.reference.unknown-wave")
        couloir = need(row, "couloir", idx.couloirs, "ingest.reference.unknown-couloir")
        dt = need(row, "device_type", idx.device_types, "ingest.value.unknown-device-type")
        rem = row["rem"]
        if rem:
            need(row, "rem", idx.rems, "ingest.reference.unknown-rem-code")
        d1, d2 = row.date("date1", required=False), row.date("date2", required=False)
        if d1 and d2 and d2 < d1:
            raise row.error("date2", msg("ingest.reference.dates-reversed", date1=d1, date2=d2))
        node = ns.entity("dispositif", row["id"])
        _identified(g, node, SGR.Dispositif, row["id"])
        _labels(g, node, row, concept=False)
        g.add((node, SGR.wave, WAVES[wave]))
        g.add((node, SGR.couloir, ns.entity("couloir", couloir)))
        g.add((node, SGR.deviceType, ns.entity("device-type", dt)))
        if rem:
            g.add((node, SGR.rem, ns.entity("rem", rem)))
        for prop, value in ((SGR.date1, d1), (SGR.date2, d2)):
            if value:
                g.add((node, prop, Literal(value, datatype=XSD.date)))
        idx.dispositifs[row["id"]] = DispositifInfo(row["id"], int(wave), couloir, dt, rem, d1, d2)

    for row in read_table(folder / "dispositif_profiles.csv", ["dispositif", "profile", "optional"]):
        disp = idx.dispositifs.get(row["dispositif"])
        if disp is None:
            raise row.error("dispositif", msg("ingest.reference.unknown-dispositif", ident=row["dispositif"]))
        if row["profile"] not in idx.profiles.get(disp.device_type, set()):
            raise row.error(
                "profile",
                msg("ingest.reference.not-a-profile-of", profile=row["profile"], device_type=disp.device_type),
            )
        optional = row.boolean("optional")
        node, prof = ns.entity("dispositif", disp.id), ns.profile(disp.device_type, row["profile"])
        g.add((node, SGR.hasProfile, prof))
        if optional:
            g.add((node, SGR.hasOptionalProfile, prof))
        disp.profiles[row["profile"]] = optional

    for row in read_table(
        folder / "equivalence_lists.csv", ["id", "couloir", "label_fr", "label_en", "published", "file"]
    ):
        couloir = need(row, "couloir", idx.couloirs, "ingest.reference.unknown-couloir")
        node = ns.entity("equivalence-list", row["id"])
        _identified(g, node, SGR.EquivalenceList, row["id"])
        _labels(g, node, row, concept=False)
        g.add((node, SGR.couloir, ns.entity("couloir", couloir)))
        g.add((node, SGR.rule, ns.rule("COU-2")))
        published = row.date("published", required=False)
        if published:
            g.add((node, DCTERMS.issued, Literal(published, datatype=XSD.date)))
        idx.equivalence_lists[row["id"]] = couloir
        entries = folder / row["file"]
        for entry in read_table(
            entries, ["root_rem", "root_requirement", "candidate_rem", "candidate_requirement", "note"]
        ):
            sides = []
            for rem_col, req_col in (("root_rem", "root_requirement"), ("candidate_rem", "candidate_requirement")):
                rem = idx.rems.get(entry[rem_col])
                if rem is None:
                    raise entry.error(rem_col, msg("ingest.reference.unknown-rem", ident=entry[rem_col]))
                if entry[req_col] not in rem.requirements:
                    raise entry.error(
                        req_col,
                        msg("ingest.reference.requirement-not-in-rem", requirement=entry[req_col], rem=rem.id),
                    )
                sides.append(ns.requirement(rem.id, entry[req_col]))
            e = URIRef(f"{node}/entry/{entry.number - 1}")
            g.add((node, SGR.hasEntry, e))
            g.add((e, RDF.type, SGR.EquivalenceEntry))
            g.add((e, SGR.rootRequirement, sides[0]))
            g.add((e, SGR.candidateRequirement, sides[1]))
            if entry["note"]:
                g.add((e, RDFS.comment, Literal(entry["note"], lang="fr")))
    return Reference(g, idx)
