"""The synthetic world written as N-Triples, by plain string formatting, and the files it goes to.

Each entity gets exactly the triples :mod:`segur_kg.ingest.dossier` would emit for the same dossier
(``tests/synth/test_parity.py`` checks it). Design notes in ``docs/synth.md``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TextIO

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from segur_kg import namespaces as ns
from segur_kg.ingest.codes import (
    CANDIDATURE_STATUS,
    CNDA_STATUS,
    COMPONENT_KINDS,
    MODIFICATION_KINDS,
    OPERATOR_ROLES,
    PROOF_STATUS,
    PSC_CONFIGURATIONS,
    STEPS,
    WAVES,
)
from segur_kg.ingest.dossier import iri
from segur_kg.namespaces import SCHEMA, SGR
from segur_kg.synth.model import (
    OPERATORS_DOSSIER,
    OPERATORS_TITLE,
    Cand,
    Disp,
    Editor,
    Modification,
    Operator,
    Proof,
    Solution,
)
from segur_kg.versions import version_key

NT_FILE = "national.nt"
MANIFEST_FILE = "MANIFEST.json"
FLUSH_LINES = 20000  # an editor's lines are written in chunks of about this many, to bound memory


def term(value: URIRef | str) -> str:
    """An IRI as N-Triples writes it."""
    return f"<{value}>"


def literal(text: str) -> str:
    """A plain string literal, escaped as N-Triples requires."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


_XSD_DATE = term(XSD.date)
_XSD_BOOLEAN = term(XSD.boolean)


def date_literal(day: date) -> str:
    return f'"{day.isoformat()}"^^{_XSD_DATE}'


def boolean_literal(value: bool) -> str:
    return f'"{"true" if value else "false"}"^^{_XSD_BOOLEAN}'


def entity_term(kind: str, ident: str) -> str:
    """The IRI of an entity of the dossier format (``kind`` as :func:`segur_kg.ingest.dossier.iri` names it)."""
    return term(iri(kind, ident))


# Predicates and classes, pre-formatted.
TYPE = term(RDF.type)
PRED = {
    name: term(SGR[name])
    for name in (
        "editor",
        "deviceType",
        "componentType",
        "nil",
        "parentName",
        "cndaConformity",
        "conformityStatus",
        "conformityDate",
        "hasVersion",
        "versionOf",
        "versionString",
        "versionKey",
        "mainComponent",
        "additionalComponent",
        "lps",
        "proxy",
        "commercialName",
        "nru",
        "wave",
        "dispositif",
        "solutionVersion",
        "coversProfile",
        "referencingDate",
        "withdrawalDate",
        "guichet",
        "pscConfiguration",
        "habilitationDate",
        "servesSolutionVersion",
        "declaredComponent",
        "operatorRole",
        "operator",
        "operatedComponent",
        "chosenProfile",
        "va1Referencing",
        "intendedRoot",
        "rootReferencing",
        "rootRecordedDate",
        "classicDeposit",
        "attestation",
        "attestationDate",
        "attestsMainComponentIdentical",
        "attestsSingleSolution",
        "attestsAscendingCompatibility",
        "pscHabilitation",
        "adminDepositDate",
        "eligibilityDate",
        "completeDepositDate",
        "decisionDate",
        "candidatureStatus",
        "ofCandidature",
        "forRequirement",
        "forScenario",
        "proofStatus",
        "depositDate",
        "statusDate",
        "modificationKind",
        "modificationDate",
        "modifies",
        "reopensStep",
        "rule",
    )
}
IDENTIFIER, SOURCE, IS_PART_OF, TITLE = (
    term(DCTERMS.identifier),
    term(DCTERMS.source),
    term(DCTERMS.isPartOf),
    term(DCTERMS.title),
)
NAME, LABEL = term(SCHEMA.name), term(RDFS.label)
CLASS = {
    name: term(SGR[name])
    for name in (
        "Dossier",
        "Editor",
        "Operator",
        "Solution",
        "SolutionVersion",
        "Component",
        "CommercialName",
        "CNDAConformity",
        "Referencing",
        "PSCHabilitation",
        "OperatorHabilitation",
        "Candidature",
        "Attestation",
        "Proof",
        "Modification",
        "GuichetEditeur",
        "GuichetOperateur",
    )
}
KIND_CLASS = {kind: term(klass) for kind, klass in COMPONENT_KINDS.items()}
CAND_STATUS = {k: term(v) for k, v in CANDIDATURE_STATUS.items()}
PROOF = {k: term(v) for k, v in PROOF_STATUS.items()}
CNDA = {k: term(v) for k, v in CNDA_STATUS.items()}
PSC_CONF = {k: term(v) for k, v in PSC_CONFIGURATIONS.items()}
ROLE = {k: term(v) for k, v in OPERATOR_ROLES.items()}
STEP = {k: term(v) for k, v in STEPS.items()}
WAVE = {k: term(v) for k, v in WAVES.items()}
# kind -> (concept, property of the modified value or None, default step or None)
MOD_KIND = {k: (term(v[0]), term(v[3]) if v[3] is not None else None, v[4]) for k, v in MODIFICATION_KINDS.items()}


def _psc_components(out: list[str], node: str, lps: str | None, proxy: str | None) -> None:
    """The LPS and Proxy links of a version or a PSC habilitation."""
    if lps:
        out.append(f"{node} {PRED['lps']} {entity_term('component', lps)} .\n")
    if proxy:
        out.append(f"{node} {PRED['proxy']} {entity_term('component', proxy)} .\n")


class NTriplesWriter:
    """Write the world's dossiers to an open text file as N-Triples, counting triples and instances."""

    def __init__(self, fh: TextIO, dispositifs: dict[str, Disp]) -> None:
        self.fh = fh
        self.dispositifs = dispositifs
        self.triples = 0
        self.counts: dict[str, int] = {}  # class local name -> instances written

    def emit(self, lines: list[str]) -> None:
        self.triples += len(lines)
        self.fh.write("".join(lines))

    def count(self, klass: str, n: int = 1) -> None:
        self.counts[klass] = self.counts.get(klass, 0) + n

    def entity(self, out: list[str], kind: str, ident: str, klass: str, dossier: str, name: str | None = None) -> str:
        """The triples every entity has; ``klass`` is a key of :data:`CLASS` or a formatted class IRI."""
        node = entity_term(kind, ident)
        out.append(f"{node} {TYPE} {CLASS.get(klass, klass)} .\n")
        out.append(f"{node} {IDENTIFIER} {literal(ident)} .\n")
        out.append(f"{node} {SOURCE} {dossier} .\n")
        self.count(klass if klass in CLASS else klass.rsplit("#", 1)[-1].rstrip(">"))
        if name:
            out.append(f"{node} {NAME} {literal(name)} .\n")
            out.append(f"{node} {LABEL} {literal(name)} .\n")
        return node

    def dossier_node(self, out: list[str], ident: str, title: str, rules: list[str] = ()) -> str:
        node = entity_term("dossier", ident)
        out.append(f"{node} {TYPE} {CLASS['Dossier']} .\n")
        out.append(f"{node} {IDENTIFIER} {literal(ident)} .\n")
        out.append(f"{node} {SOURCE} {literal(NT_FILE)} .\n")
        out.append(f"{node} {TITLE} {literal(title)} .\n")
        for r in rules:
            out.append(f"{node} {PRED['rule']} {term(ns.rule(r))} .\n")
        self.count("Dossier")
        return node

    def write_operators(self, operators: list[Operator]) -> None:
        out: list[str] = []
        dnode = self.dossier_node(out, OPERATORS_DOSSIER, OPERATORS_TITLE)
        for op in operators:
            self.entity(out, "operator", op.id, "Operator", dnode, op.name)
        self.emit(out)

    def write_editor(self, ed: Editor) -> None:
        """One editor's dossier: the editor, its solutions, referencings, habilitations, candidatures
        (with their proofs) and modifications, in the order of the dossier format."""
        out: list[str] = []
        dnode = self.dossier_node(out, ed.dossier, ed.title, ed.rules)
        self.entity(out, "editor", ed.id, "Editor", dnode, ed.name)
        for sol in ed.solutions:
            self.write_solution(out, sol, ed, dnode)
        for sol in ed.solutions:
            for ref in sol.va1:
                node = self.entity(out, "referencing", ref.nru, "Referencing", dnode)
                out.append(f"{node} {PRED['nru']} {literal(ref.nru)} .\n")
                out.append(f"{node} {PRED['wave']} {WAVE['1']} .\n")
                out.append(f"{node} {PRED['dispositif']} {term(ns.entity('dispositif', ref.dispositif))} .\n")
                out.append(f"{node} {PRED['solutionVersion']} {entity_term('version', ref.version.id)} .\n")
                dt = self.dispositifs[ref.dispositif].device_type
                for code in ref.profiles:
                    out.append(f"{node} {PRED['coversProfile']} {term(ns.profile(dt, code))} .\n")
                out.append(f"{node} {PRED['referencingDate']} {date_literal(ref.date)} .\n")
                if ref.withdrawn:
                    out.append(f"{node} {PRED['withdrawalDate']} {date_literal(ref.withdrawn)} .\n")
        for h in ed.psc_habilitations():
            node = self.entity(out, "psc-habilitation", h.id, "PSCHabilitation", dnode)
            out.append(f"{node} {PRED['guichet']} {CLASS['GuichetEditeur']} .\n")
            out.append(f"{node} {PRED['pscConfiguration']} {PSC_CONF[h.config]} .\n")
            out.append(f"{node} {PRED['nru']} {literal(h.nru)} .\n")
            out.append(f"{node} {PRED['habilitationDate']} {date_literal(h.date)} .\n")
            _psc_components(out, node, h.lps, h.proxy)
            for v in h.serves:
                out.append(f"{node} {PRED['servesSolutionVersion']} {entity_term('version', v)} .\n")
            for nm in h.names:
                out.append(f"{node} {PRED['commercialName']} {entity_term('commercial-name', nm)} .\n")
            for comp in h.components:
                out.append(f"{node} {PRED['declaredComponent']} {entity_term('component', comp)} .\n")
        for h in ed.op_habs:
            node = self.entity(out, "operator-habilitation", h.id, "OperatorHabilitation", dnode)
            out.append(f"{node} {PRED['guichet']} {CLASS['GuichetOperateur']} .\n")
            out.append(f"{node} {PRED['operatorRole']} {ROLE[h.role]} .\n")
            out.append(f"{node} {PRED['operator']} {entity_term('operator', h.operator)} .\n")
            out.append(f"{node} {PRED['operatedComponent']} {entity_term('component', h.component)} .\n")
            out.append(f"{node} {PRED['habilitationDate']} {date_literal(h.date)} .\n")
        for c in ed.candidatures:
            self.write_candidature(out, c, dnode)
            if len(out) > FLUSH_LINES:
                self.emit(out)
                out = []
        for m in ed.all_modifications():
            self.write_modification(out, m, dnode)
        self.emit(out)

    def write_solution(self, out: list[str], sol: Solution, ed: Editor, dnode: str) -> None:
        node = self.entity(out, "solution", sol.id, "Solution", dnode, sol.name)
        out.append(f"{node} {PRED['editor']} {entity_term('editor', ed.id)} .\n")
        out.append(f"{node} {PRED['deviceType']} {term(ns.entity('device-type', sol.device_type))} .\n")
        for comp in sol.components:
            cnode = self.entity(out, "component", comp.id, KIND_CLASS[comp.kind], dnode, comp.name)
            out.append(f"{cnode} {TYPE} {CLASS['Component']} .\n")
            out.append(f"{cnode} {IS_PART_OF} {node} .\n")
            if comp.ctype:
                out.append(f"{cnode} {PRED['componentType']} {term(ns.entity('component-type', comp.ctype))} .\n")
        for nm in sol.names:
            cnode = self.entity(out, "commercial-name", nm.id, "CommercialName", dnode, nm.name)
            if nm.nil:
                out.append(f"{cnode} {PRED['nil']} {literal(nm.nil)} .\n")
            if nm.parent:
                out.append(f"{cnode} {PRED['parentName']} {entity_term('commercial-name', nm.parent)} .\n")
            if nm.cnda:
                conf = f"<{iri('commercial-name', nm.id)}/cnda>"
                out.append(f"{cnode} {PRED['cndaConformity']} {conf} .\n")
                out.append(f"{conf} {TYPE} {CLASS['CNDAConformity']} .\n")
                out.append(f"{conf} {PRED['conformityStatus']} {CNDA[nm.cnda[0]]} .\n")
                out.append(f"{conf} {PRED['conformityDate']} {date_literal(nm.cnda[1])} .\n")
                self.count("CNDAConformity")
        for v in sol.sorted_versions():
            vnode = self.entity(out, "version", v.id, "SolutionVersion", dnode)
            out.append(f"{node} {PRED['hasVersion']} {vnode} .\n")
            out.append(f"{vnode} {PRED['versionOf']} {node} .\n")
            out.append(f"{vnode} {PRED['versionString']} {literal(v.text)} .\n")
            out.append(f"{vnode} {PRED['versionKey']} {literal(version_key(v.text))} .\n")
            out.append(f"{vnode} {PRED['mainComponent']} {entity_term('component', v.main)} .\n")
            for comp in v.additional:
                out.append(f"{vnode} {PRED['additionalComponent']} {entity_term('component', comp)} .\n")
            _psc_components(out, vnode, v.lps, v.proxy)
            for nm in v.names:
                out.append(f"{vnode} {PRED['commercialName']} {entity_term('commercial-name', nm)} .\n")

    def write_candidature(self, out: list[str], c: Cand, dnode: str) -> None:
        node = self.entity(out, "candidature", c.id, "Candidature", dnode)
        d = c.disp
        out.append(f"{node} {PRED['dispositif']} {term(ns.entity('dispositif', d.id))} .\n")
        out.append(f"{node} {PRED['solutionVersion']} {entity_term('version', c.version.id)} .\n")
        for code in c.profiles:
            out.append(f"{node} {PRED['chosenProfile']} {term(ns.profile(d.device_type, code))} .\n")
        for comp in c.components:
            out.append(f"{node} {PRED['additionalComponent']} {entity_term('component', comp)} .\n")
        for ref in c.va1_nrus():
            out.append(f"{node} {PRED['va1Referencing']} {entity_term('referencing', ref)} .\n")
        if c.intended is not None:
            out.append(f"{node} {PRED['intendedRoot']} {entity_term('candidature', c.intended.id)} .\n")
        if c.root_nru:
            out.append(f"{node} {PRED['rootReferencing']} {entity_term('referencing', c.root_nru)} .\n")
        if c.recorded:
            out.append(f"{node} {PRED['rootRecordedDate']} {date_literal(c.recorded)} .\n")
        if c.classic is not None:
            out.append(f"{node} {PRED['classicDeposit']} {boolean_literal(c.classic)} .\n")
        if c.attestation is not None:
            anode = f"<{iri('candidature', c.id)}/attestation>"
            out.append(f"{node} {PRED['attestation']} {anode} .\n")
            out.append(f"{anode} {TYPE} {CLASS['Attestation']} .\n")
            out.append(f"{anode} {PRED['attestationDate']} {date_literal(c.attestation[0])} .\n")
            out.append(f"{anode} {PRED['attestsMainComponentIdentical']} {boolean_literal(c.attestation[1])} .\n")
            out.append(f"{anode} {PRED['attestsSingleSolution']} {boolean_literal(c.attestation[2])} .\n")
            out.append(f"{anode} {PRED['attestsAscendingCompatibility']} {boolean_literal(c.attestation[3])} .\n")
            self.count("Attestation")
        if c.psc is not None:
            out.append(f"{node} {PRED['pscHabilitation']} {entity_term('psc-habilitation', c.psc.id)} .\n")
        for prop, value in (
            ("adminDepositDate", c.admin),
            ("eligibilityDate", c.eligibility),
            ("completeDepositDate", c.complete),
            ("decisionDate", c.decision),
        ):
            if value is not None:
                out.append(f"{node} {PRED[prop]} {date_literal(value)} .\n")
        out.append(f"{node} {PRED['candidatureStatus']} {CAND_STATUS[c.status]} .\n")
        if c.nru:
            rnode = self.entity(out, "referencing", c.nru, "Referencing", dnode)
            out.append(f"{rnode} {PRED['nru']} {literal(c.nru)} .\n")
            out.append(f"{rnode} {PRED['ofCandidature']} {node} .\n")
            out.append(f"{rnode} {PRED['wave']} {WAVE[str(d.wave)]} .\n")
            out.append(f"{rnode} {PRED['dispositif']} {term(ns.entity('dispositif', d.id))} .\n")
            out.append(f"{rnode} {PRED['solutionVersion']} {entity_term('version', c.version.id)} .\n")
            for code in c.profiles:
                out.append(f"{rnode} {PRED['coversProfile']} {term(ns.profile(d.device_type, code))} .\n")
            out.append(f"{rnode} {PRED['referencingDate']} {date_literal(c.ref_date)} .\n")
            if c.ref_withdrawn:
                out.append(f"{rnode} {PRED['withdrawalDate']} {date_literal(c.ref_withdrawn)} .\n")
        self.write_proofs(out, c.id, node, c.proofs)

    def write_proofs(self, out: list[str], cand_id: str, node: str, proofs: list[Proof]) -> None:
        """A candidature's proofs, numbered from 1 in deposit order (``CAND/proof/N``, as the importer names them)."""
        base = f"<{iri('candidature', cand_id)}/proof/"
        ident = cand_id + "/proof/"
        for n, proof in enumerate(proofs, 1):
            p = f"{base}{n}>"
            out.append(f"{p} {TYPE} {CLASS['Proof']} .\n")
            out.append(f'{p} {IDENTIFIER} "{ident}{n}" .\n')
            out.append(f"{p} {PRED['ofCandidature']} {node} .\n")
            out.append(f"{p} {PRED['forRequirement']} <{proof.requirement.iri}> .\n")
            out.append(f"{p} {PRED['forScenario']} <{proof.scenario[1]}> .\n")
            out.append(f"{p} {PRED['proofStatus']} {PROOF[proof.status]} .\n")
            out.append(f"{p} {PRED['depositDate']} {date_literal(proof.deposited)} .\n")
            if proof.decided is not None:
                out.append(f"{p} {PRED['statusDate']} {date_literal(proof.decided)} .\n")
        self.count("Proof", len(proofs))

    def write_modification(self, out: list[str], m: Modification, dnode: str) -> None:
        concept, prop, default_step = MOD_KIND[m.kind]
        node = self.entity(out, "modification", m.id, "Modification", dnode)
        out.append(f"{node} {PRED['modificationKind']} {concept} .\n")
        out.append(f"{node} {PRED['modificationDate']} {date_literal(m.date)} .\n")
        target = entity_term(m.target_kind, m.target)
        out.append(f"{node} {PRED['modifies']} {target} .\n")
        if m.target_kind == "candidature":
            out.append(f"{node} {PRED['ofCandidature']} {target} .\n")
        if prop is not None:
            if m.kind in ("add-profile", "remove-profile"):
                value = term(ns.profile(m.dispositif.device_type, m.value))
            elif m.kind in ("add-component", "remove-component"):
                value = entity_term("component", m.value)
            elif m.kind == "set-root":
                value = entity_term("referencing", m.value)
            else:
                value = entity_term("psc-habilitation", m.value)
            out.append(f"{node} {prop} {value} .\n")
        if default_step:
            out.append(f"{node} {PRED['reopensStep']} {STEP[default_step]} .\n")


@contextmanager
def graph_file(out_dir: Path) -> Iterator[TextIO]:
    """``national.nt`` in ``out_dir``, written to a ``.part`` file renamed into place once complete."""
    path = out_dir / NT_FILE
    tmp = path.with_suffix(".nt.part")
    with tmp.open("w", encoding="utf-8", newline="\n") as fh:
        yield fh
    tmp.replace(path)


def write_manifest(out_dir: Path, manifest: dict) -> None:
    (out_dir / MANIFEST_FILE).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
