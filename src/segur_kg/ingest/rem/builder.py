"""From the rows of a REM table to its requirements, scenarios and proofs: the defects found and the RDF graph.

Each problem of a row is a :class:`RemDefect` and the row imports what it can (``docs/rem-layouts.md``,
"Defects"); a requirement's properties are merged over its rows, the first value winning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from segur_kg.errors import Defect
from segur_kg.ingest.rem.layouts import (
    CODE,
    CRITICALITIES,
    EXTRA_PROOFS,
    ID_SUFFIX,
    NATURE_ALIASES,
    NATURES,
    PREPUBLICATION,
    REQUIREMENT_ID,
    Layout,
    normalise_header,
)
from segur_kg.ingest.rem.model import RemDefect, RemRow
from segur_kg.ingest.rem.wording import rem_text
from segur_kg.namespaces import PREFIXES, SGR, chapter, entity, profile, requirement, scenario, socle


@dataclass
class _Requirement:
    """A requirement as its rows so far describe it."""

    rem: str
    identifier: str
    device_type: str
    first_row: int
    # property -> (value, row)
    values: dict[str, tuple[object, int]] = field(default_factory=dict)
    vague1: bool = False
    scenarios: list[tuple[str, list[str], str]] = field(default_factory=list)  # (id, expected proofs, text)


class Builder:
    """Takes a table's rows one by one (:meth:`add`), then gives the graph of what they describe (:meth:`graph`)."""

    def __init__(self, path: Path, layout: Layout, lang: str) -> None:
        self.file = str(path)
        self.layout = layout.name
        self.columns = layout.columns  # a defect names its column as the header writes it
        self.lang = lang
        self.defects: list[Defect] = []
        self.rows: list[RemRow] = []
        self.requirements: dict[tuple[str, str], _Requirement] = {}
        self.scenario_rows: dict[tuple[str, str, str], int] = {}
        self.once: set[tuple[object, ...]] = set()
        self.rems: list[str] = []

    # -- defects ---------------------------------------------------------------------------------
    def defect(self, kind: str, row: int, fld: str, **params: object) -> None:
        self.defects.append(
            RemDefect(
                file=self.file,
                row=row,
                field=self.columns.get(fld, fld),
                message=rem_text(kind, self.lang, **params),
                kind=kind,
            )
        )

    def defect_once(self, kind: str, key: tuple[object, ...], row: int, fld: str, **params: object) -> None:
        marker = (kind, *key)
        if marker not in self.once:
            self.once.add(marker)
            self.defect(kind, row, fld, **params)

    # -- rows ------------------------------------------------------------------------------------
    def add(self, number: int, rem: str, device_type: str, get: dict[str, str]) -> None:
        """Row ``number`` of REM ``rem``, its ``get[field]`` values stripped ("" for a field its layout lacks)."""
        req_id = get["requirement_id"]
        if not req_id:
            self.defect("requirement_id_missing", number, "requirement_id")
            return
        scenario_id = get["scenario_id"]
        if scenario_id:
            key = (rem, req_id, scenario_id)
            first = self.scenario_rows.get(key)
            if first is not None:
                self.defect("duplicate_scenario", number, "scenario_id", value=scenario_id, req=req_id, first=first)
                return
            self.scenario_rows[key] = number

        if rem not in self.rems:
            self.rems.append(rem)
        req = self.requirements.get((rem, req_id))
        if req is None:
            req = _Requirement(rem=rem, identifier=req_id, device_type=device_type, first_row=number)
            self.requirements[(rem, req_id)] = req
            if not REQUIREMENT_ID.match(req_id):
                self.defect("requirement_id_malformed", number, "requirement_id", value=req_id)
        rkey = (rem, req_id)

        # Requirement properties, each validated then merged.
        chapter_code = get["chapter"]
        if not chapter_code:
            self.defect_once("chapter_missing", rkey, number, "chapter", req=req_id)
        profile_code = get["profile"]
        if not profile_code:
            self.defect_once("profile_missing", rkey, number, "profile", req=req_id)
        socle_id = get["socle_id"]
        if self.layout == PREPUBLICATION and REQUIREMENT_ID.match(socle_id):
            # The report names the socle requirement by its REM-side ID; the socle's own ID is SC.<that ID>.
            socle_id = f"SC.{socle_id}"
        if socle_id and not (socle_id.startswith("SC.") and len(socle_id) > 3):
            self.defect_once("socle_malformed", (*rkey, socle_id), number, "socle_id", value=socle_id)
            socle_id = ""
        criticality = get["criticality"]
        if criticality:
            canonical = {c.casefold(): c for c in CRITICALITIES}.get(criticality.casefold())
            if canonical is None:
                self.defect_once("criticality_unknown", (*rkey, criticality), number, "criticality", value=criticality)
            criticality = canonical or ""
        order: int | None = None
        if get["order"]:
            try:
                order = int(get["order"])
            except ValueError:
                self.defect_once("order_malformed", (*rkey, get["order"]), number, "order", value=get["order"])
        nature = get["nature"]
        if nature:
            known = {normalise_header(n): n for n in NATURES} | NATURE_ALIASES
            canonical = known.get(normalise_header(nature))
            if canonical is None:
                self.defect_once("nature_unknown", (*rkey, nature), number, "nature", value=nature)
            nature = canonical or ""
        component = get["component_type"]
        if component and not CODE.fullmatch(component):
            self.defect_once("component_malformed", (*rkey, component), number, "component_type", value=component)
            component = ""
        va1_id = get["va1_id"]

        perimeter = ""
        if "perimeter" in self.columns:  # the Convergence export and the pre-publication report
            raw = " ".join(get["perimeter"].split())
            if not raw:
                vague1 = False
                perimeter = "-"
            elif raw.casefold() == "vague 1":
                vague1 = True
                perimeter = "Vague 1"
            else:
                vague1 = False
                self.defect_once("perimeter_unknown", (*rkey, raw), number, "perimeter", value=raw)
            if perimeter:
                req.vague1 = req.vague1 if "perimeter" in req.values else vague1
        else:
            vague1 = "/va1." in req_id or bool(va1_id)
            req.vague1 = req.vague1 or vague1

        for prop, value in (
            ("chapter", chapter_code),
            ("profile", profile_code),
            ("socle_id", socle_id),
            ("text", get["text"]),
            ("criticality", criticality),
            ("order", order),
            ("nature", nature),
            ("component_type", component),
            ("va1_id", va1_id),
            ("perimeter", perimeter),
        ):
            if value is None or value == "":
                continue
            known = req.values.get(prop)
            if known is None:
                req.values[prop] = (value, number)
            elif known[0] != value:
                self.defect(
                    "conflict",
                    number,
                    prop,
                    value="" if value == "-" else value,
                    first_value="" if known[0] == "-" else known[0],
                    first=known[1],
                    req=req_id,
                )

        # Scenario and proof.
        proof_id = get["proof_id"]
        if not scenario_id:
            self.defect("scenario_missing", number, "scenario_id", req=req_id)
        elif not re.fullmatch(re.escape(req_id) + ID_SUFFIX, scenario_id):
            self.defect("scenario_malformed", number, "scenario_id", value=scenario_id, req=req_id)
        else:
            expected: list[str] = []
            proofs = [("proof_id", proof_id, True)]
            # The pre-publication report's further proofs: an empty pair is no proof, a text without number is a defect.
            proofs += [
                (f"proof_id_{k}", get[f"proof_id_{k}"], bool(get[f"proof_text_{k}"]))
                for k in EXTRA_PROOFS
                if f"proof_id_{k}" in self.columns
            ]
            for proof_field, proof, required in proofs:
                if not proof or proof.upper() == "TBD":
                    if proof_field != "proof_id" and required:
                        self.defect("extra_proof_missing", number, proof_field, value=proof, scenario=scenario_id)
                    elif required:
                        self.defect("proof_missing", number, proof_field, value=proof, scenario=scenario_id)
                elif not re.fullmatch(re.escape(scenario_id) + ID_SUFFIX, proof):
                    self.defect("proof_malformed", number, proof_field, value=proof, scenario=scenario_id)
                else:
                    expected.append(proof)
            req.scenarios.append((scenario_id, expected, get["scenario_text"]))

        self.rows.append(
            RemRow(
                row=number,
                rem=rem,
                requirement_id=req_id,
                chapter=chapter_code,
                function=get["function"],
                text=get["text"],
                profile=profile_code,
                scenario_id=scenario_id,
                proof_id=proof_id,
                vague1=vague1,
                socle_id=get["socle_id"],
                component_type=get["component_type"],
                criticality=get["criticality"],
                nature=get["nature"],
                order=order,
                va1_id=va1_id,
                decision=get["decision"],
                device_type=device_type,
                scenario_text=get["scenario_text"],
                proof_text=get["proof_text"],
                publication_status=get["publication_status"],
                extra_proofs=tuple(
                    (get[f"proof_id_{k}"], get[f"proof_text_{k}"])
                    for k in EXTRA_PROOFS
                    if get[f"proof_id_{k}"] or get[f"proof_text_{k}"]
                ),
            )
        )

    # -- RDF -------------------------------------------------------------------------------------
    def graph(self) -> rdflib.Graph:
        """The REMs, requirements, scenarios, chapters, profiles and socle requirements of the rows added."""
        graph = rdflib.Graph(bind_namespaces="core")
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        triples: list[tuple[URIRef, URIRef, object]] = []
        add = triples.append
        for rem in self.rems:
            node = entity("rem", rem)
            add((node, RDF.type, SGR.REM))
            add((node, DCTERMS.identifier, Literal(rem)))
        chapters: set[tuple[str, str]] = set()
        profiles: set[tuple[str, str]] = set()
        socles: set[str] = set()
        for (rem, req_id), req in self.requirements.items():
            node = requirement(rem, req_id)
            rem_node = entity("rem", rem)
            values = req.values
            add((node, RDF.type, SGR.Requirement))
            add((node, DCTERMS.identifier, Literal(req_id)))
            add((node, SGR.inREM, rem_node))
            add((node, SGR.inVague1Perimeter, Literal(req.vague1)))
            if "chapter" in values:
                code = str(values["chapter"][0])
                chapters.add((rem, code))
                add((node, SGR.chapter, chapter(rem, code)))
            if "profile" in values:
                code = str(values["profile"][0])
                profiles.add((req.device_type, code))
                add((node, SGR.profile, profile(req.device_type, code)))
            if "socle_id" in values:
                socle_id = str(values["socle_id"][0])
                socles.add(socle_id)
                add((node, SGR.socleRequirement, socle(socle_id)))
            if "va1_id" in values:
                add((node, SGR.va1RequirementId, Literal(str(values["va1_id"][0]))))
            if "component_type" in values:
                add((node, SGR.componentType, entity("component-type", str(values["component_type"][0]))))
            if "text" in values:
                add((node, DCTERMS.description, Literal(str(values["text"][0]), lang="fr")))
            if "criticality" in values:
                add((node, SGR.criticality, Literal(str(values["criticality"][0]))))
            if "order" in values:
                add((node, SGR.order, Literal(int(values["order"][0]))))  # type: ignore[arg-type]
            if "nature" in values:
                add((node, SGR.nature, Literal(str(values["nature"][0]))))
            for scenario_id, proof_ids, text in req.scenarios:
                sc = scenario(rem, req_id, scenario_id)
                add((node, SGR.hasScenario, sc))
                add((sc, RDF.type, SGR.Scenario))
                add((sc, DCTERMS.identifier, Literal(scenario_id)))
                for proof_id in proof_ids:
                    add((sc, SGR.expectedProofId, Literal(proof_id)))
                if text:
                    add((sc, DCTERMS.description, Literal(text, lang="fr")))
        for rem, code in chapters:
            node = chapter(rem, code)
            add((node, RDF.type, SGR.Chapter))
            add((node, SGR.inREM, entity("rem", rem)))
            add((node, DCTERMS.identifier, Literal(code)))
            add((node, RDFS.label, Literal(code)))  # neither layout carries a chapter title
        for device_type, code in profiles:
            node = profile(device_type, code)
            add((node, RDF.type, SGR.Profile))
            add((node, SGR.profileCode, Literal(code)))
            # Untagged: the code is not a label in a language, and the reference data's fr/en
            # labels of the same profile must stay the only prefLabel per language (SKOS S14).
            add((node, SKOS.prefLabel, Literal(code)))
        for socle_id in socles:
            node = socle(socle_id)
            add((node, RDF.type, SGR.SocleRequirement))
            add((node, DCTERMS.identifier, Literal(socle_id)))
        graph += triples  # one bulk addN
        return graph
