"""The vocabulary of codes a dossier or a reference table writes, each mapped to its concept in the ontology.

A dossier writes ``status: eligible`` or ``kind: add-profile`` (``docs/dossier-format.md``), a reference
table writes ``wave`` as ``1`` or ``2`` (``docs/reference-data.md``); these tables are the one list of
the codes allowed and of what each one means.
"""

from __future__ import annotations

from rdflib import URIRef

from segur_kg.namespaces import SGR

WAVES = {"1": SGR.Vague1, "2": SGR.Vague2}

COMPONENT_KINDS = {
    "main": SGR.MainComponent,
    "additional": SGR.AdditionalComponent,
    "lps": SGR.LPS,
    "proxy": SGR.ProxyESante,
}
CNDA_STATUS = {"granted": SGR.ConformityGranted, "pending": SGR.ConformityPending, "refused": SGR.ConformityRefused}
PROOF_STATUS = {"deposited": SGR.Deposited, "validated": SGR.Validated, "refused": SGR.Refused}
CANDIDATURE_STATUS = {
    "draft": SGR.Draft,
    "submitted": SGR.Submitted,
    "eligible": SGR.Eligible,
    "referenced": SGR.Referenced,
    "rejected": SGR.Rejected,
    "withdrawn": SGR.Withdrawn,
}
PSC_CONFIGURATIONS = {
    "separate": SGR.Separate,
    "monobloc": SGR.Monobloc,
    "proxy-alone": SGR.ProxyAlone,
    "lps-alone": SGR.LPSAlone,
}
# The REM whose requirements a PSC habilitation's proofs answer at the guichet éditeur (PSC-1..7).
PSC_REM = "REM-EDC-PSC"
OPERATOR_ROLES = {"service-utilisateur": SGR.OperateurServiceUtilisateur, "proxy": SGR.OperateurProxyESante}
STEPS = {"administrative": SGR.CandidatureAdministrative, "eligibility": SGR.Eligibilite}

# kind -> (concept, target key, field key, property for the field, default step)
MODIFICATION_KINDS: dict[str, tuple[URIRef, str, str | None, URIRef | None, str | None]] = {
    "add-profile": (SGR.AddProfile, "candidature", "profile", SGR.addedProfile, "administrative"),
    "remove-profile": (SGR.RemoveProfile, "candidature", "profile", SGR.removedProfile, "administrative"),
    "add-component": (SGR.AddAdditionalComponent, "candidature", "component", SGR.addedComponent, "administrative"),
    "remove-component": (
        SGR.RemoveAdditionalComponent,
        "candidature",
        "component",
        SGR.removedComponent,
        "administrative",
    ),
    "set-root": (SGR.SetRootNRU, "candidature", "root", SGR.newRootReferencing, "eligibility"),
    "set-psc-nru": (SGR.SetPSCNRU, "candidature", "psc_habilitation", SGR.newPSCHabilitation, "administrative"),
    "set-proxy-nru": (SGR.SetProxyNRU, "candidature", "psc_habilitation", SGR.newPSCHabilitation, "administrative"),
    "modify-lps": (SGR.ModifyLPS, "component", None, None, None),
    "modify-proxy": (SGR.ModifyProxy, "component", None, None, None),
    "modify-component": (SGR.ModifyComponent, "component", None, None, None),
    "modify-commercial-name": (SGR.ModifyCommercialName, "commercial_name", None, None, None),
    "migration": (SGR.Migration, "component", None, None, None),
    "internalisation": (SGR.Internalisation, "component", None, None, None),
    "provider-change": (SGR.ProviderChange, "component", None, None, None),
    "proxy-leaves-monobloc": (SGR.ProxyLeavesMonobloc, "component", None, None, None),
}

# The severities an invalid example's ``expect`` entries may name (the SHACL severities).
EXPECTED_SEVERITIES = {"Violation": 1, "Warning": 2, "Info": 3}

__all__ = [
    "CANDIDATURE_STATUS",
    "CNDA_STATUS",
    "COMPONENT_KINDS",
    "EXPECTED_SEVERITIES",
    "MODIFICATION_KINDS",
    "OPERATOR_ROLES",
    "PROOF_STATUS",
    "PSC_CONFIGURATIONS",
    "PSC_REM",
    "STEPS",
    "WAVES",
]
