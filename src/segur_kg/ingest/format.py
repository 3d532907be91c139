"""The dossier format (``docs/dossier-format.md``) as data: the one description of what a dossier may hold.

Each kind of entry (the top level, a section's entry, a nested entry) lists its keys in order, each
with its kind of value (an identifier, free text, a date, a boolean, one code of a table of
``codes.py``, a list of identifiers, a list of texts, a version, rule IDs, one nested entry or a list of them), whether
it is required, and what it means in English and French. The importer checks every entry's keys and
values against it (``dossier.Located.check_keys``), and ``schema.py`` generates the JSON Schema from
it, so the two cannot disagree on a dossier's form.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from segur_kg.ingest.codes import (
    CANDIDATURE_STATUS,
    CNDA_STATUS,
    COMPONENT_KINDS,
    EXPECTED_SEVERITIES,
    MODIFICATION_KINDS,
    OPERATOR_ROLES,
    PROOF_STATUS,
    PSC_CONFIGURATIONS,
    STEPS,
    WAVES,
)
from segur_kg.messages import msg
from segur_kg.versions import MAX_PARTS, PART_WIDTH

# The patterns, written so that Python (fullmatch) and JSON Schema (ECMA-262) read them alike: ASCII classes.
IDENT_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._@-]*$"
RULE_ID_PATTERN = r"^[A-Z]+-[0-9]+$"
# Whether the date exists (2026-02-30 does not) is checked by the importer: a pattern cannot say it.
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# A version as versions.py reads it: at most MAX_PARTS dotted parts of at most PART_WIDTH digits.
VERSION_PATTERN = rf"^[0-9]{{1,{PART_WIDTH}}}(?:\.[0-9]{{1,{PART_WIDTH}}}){{0,{MAX_PARTS - 1}}}$"


class Kind(Enum):
    """What a key's value is."""

    IDENTIFIER = "identifier"
    TEXT = "text"
    DATE = "date"
    FLAG = "flag"
    CODE = "code"
    IDENTIFIERS = "identifiers"
    TEXTS = "texts"
    VERSION = "version"
    RULE = "rule"
    RULES = "rules"
    ENTRY = "entry"
    ENTRIES = "entries"


def _not_allowed(value: str, options: str) -> str:
    return msg("ingest.dossier.not-allowed", value=value, options=options)


def _unknown_modification_kind(value: str, options: str) -> str:
    return msg("ingest.dossier.unknown-modification-kind", kind=value, kinds=options)


@dataclass(frozen=True)
class Field:
    """One key of an entry: its kind of value, whether it is required, and its meaning (English, French)."""

    kind: Kind
    required: bool
    en: str
    fr: str
    codes: Mapping[str, Any] | None = None  # Kind.CODE: the code table of codes.py
    entry: EntryFormat | None = None  # Kind.ENTRY and Kind.ENTRIES: the nested entry's format
    refusal: Callable[[str, str], str] = _not_allowed  # Kind.CODE: the message for a code not in the table


@dataclass(frozen=True)
class Condition:
    """When ``key`` holds one of ``values``, the keys ``present`` must be given and the keys ``absent`` not
    (a null value is not given). The importer checks these as it builds the graph; the schema says them."""

    key: str
    values: tuple[str, ...]
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntryFormat:
    """The keys one kind of entry may have, in the order error messages list them."""

    name: str
    en: str
    fr: str
    fields: dict[str, Field]
    conditions: tuple[Condition, ...] = field(default=())

    def __iter__(self):
        return iter(self.fields)

    def __contains__(self, key: object) -> bool:
        return key in self.fields

    def required(self) -> list[str]:
        return [key for key, f in self.fields.items() if f.required]


def _f(kind: Kind, required: bool, en: str, fr: str, **extra: Any) -> Field:
    return Field(kind, required, en, fr, **extra)


ID = Kind.IDENTIFIER
IDS = Kind.IDENTIFIERS

COMPONENT = EntryFormat(
    "component",
    "A component of the solution: its main component, an additional one, its LPS or its Proxy e-santé.",
    "Un composant de la solution : principal, additionnel, LPS ou Proxy e-santé.",
    {
        "id": _f(ID, True, "The component's identifier.", "L'identifiant du composant."),
        "kind": _f(
            Kind.CODE,
            True,
            "main, additional, lps or proxy.",
            "main (principal), additional (additionnel), lps ou proxy.",
            codes=COMPONENT_KINDS,
        ),
        "name": _f(Kind.TEXT, False, "The component's name.", "Le nom du composant."),
        "type": _f(
            ID,
            False,
            "An additional component's type: a code of data/reference/component_types.csv (AGENDA...).",
            "Le type d'un composant additionnel : un code de component_types.csv (AGENDA...).",
        ),
    },
    conditions=(
        Condition("kind", ("additional",), present=("type",)),
        Condition("kind", tuple(k for k in COMPONENT_KINDS if k != "additional"), absent=("type",)),
    ),
)
CNDA = EntryFormat(
    "cnda",
    "The commercial name's CNDA conformity (CNDA-1).",
    "La conformité CNDA de la dénomination commerciale (CNDA-1).",
    {
        "status": _f(
            Kind.CODE, True, "granted, pending or refused.", "granted (accordée), pending, refused.", codes=CNDA_STATUS
        ),
        "date": _f(Kind.DATE, False, "The date of the conformity.", "La date de la conformité."),
    },
)
COMMERCIAL_NAME = EntryFormat(
    "commercial_name",
    "A commercial name of the solution, with its NIL and its CNDA conformity (NAME-1, CNDA-1, CNDA-2).",
    "Une dénomination commerciale de la solution, avec son NIL et sa conformité CNDA.",
    {
        "id": _f(ID, True, "The commercial name's identifier.", "L'identifiant de la dénomination."),
        "name": _f(Kind.TEXT, True, "The name as sold.", "Le nom commercial."),
        "nil": _f(Kind.TEXT, False, "Its NIL (numéro d'identification logiciel).", "Son NIL."),
        "parent": _f(
            ID,
            False,
            "The commercial name it is the CNDA child of: it inherits its conformity (CNDA-2).",
            "La dénomination dont elle est l'enfant CNDA : elle en hérite la conformité (CNDA-2).",
        ),
        "cnda": _f(Kind.ENTRY, False, CNDA.en, CNDA.fr, entry=CNDA),
    },
)
VERSION = EntryFormat(
    "solution_version",
    "A version of the solution: its components and commercial names.",
    "Une version de la solution : ses composants et ses dénominations commerciales.",
    {
        "id": _f(ID, True, "The solution version's identifier.", "L'identifiant de la version."),
        "version": _f(
            Kind.VERSION,
            True,
            'A dotted number of at most four parts (2, 2.10, 5.2.0). Quote it ("2.10"): a YAML editor reads '
            "2.10 unquoted as the number 2.1, segur-kg as written.",
            'Un nombre pointé d\'au plus quatre parties. Mettez-le entre guillemets ("2.10").',
        ),
        "main_component": _f(ID, True, "Its main component.", "Son composant principal."),
        "additional_components": _f(IDS, False, "Its additional components.", "Ses composants additionnels."),
        "lps": _f(ID, False, "Its LPS component.", "Son composant LPS."),
        "proxy": _f(ID, False, "Its Proxy e-santé component.", "Son composant Proxy e-santé."),
        "commercial_names": _f(
            IDS, True, "The commercial names it is sold under.", "Les dénominations sous lesquelles elle est vendue."
        ),
    },
)
ATTESTATION = EntryFormat(
    "attestation",
    "The attestation required to use a root (ROOT-5, ASC-2).",
    "L'attestation requise pour utiliser une racine (ROOT-5, ASC-2).",
    {
        "date": _f(Kind.DATE, True, "The date of the attestation.", "La date de l'attestation."),
        "main_component_identical": _f(
            Kind.FLAG, False, "The main component is the root's.", "Le composant principal est celui de la racine."
        ),
        "single_solution": _f(Kind.FLAG, False, "One single solution.", "Une seule et même solution."),
        "ascending_compatibility": _f(
            Kind.FLAG, False, "Ascending compatibility with the root (ASC-2).", "Compatibilité ascendante (ASC-2)."
        ),
    },
)
DATES = EntryFormat(
    "dates",
    "The candidature's milestones.",
    "Les jalons de la candidature.",
    {
        "admin_deposit": _f(
            Kind.DATE, False, "Administrative deposit (DATE-1: before Date 1).", "Dépôt administratif (DATE-1)."
        ),
        "eligibility": _f(
            Kind.DATE, False, "Eligibility (DATE-2: proofs only from then).", "Éligibilité (DATE-2 : preuves ensuite)."
        ),
        "complete_deposit": _f(Kind.DATE, False, "Complete deposit.", "Dépôt complet."),
        "decision": _f(Kind.DATE, False, "Decision.", "Décision."),
    },
)
OBTAINED_REFERENCING = EntryFormat(
    "obtained_referencing",
    "The referencing the candidature obtained: its NRU.",
    "Le référencement obtenu par la candidature : son NRU.",
    {
        "nru": _f(ID, True, "The NRU obtained.", "Le NRU obtenu."),
        "date": _f(Kind.DATE, True, "The date of the referencing.", "La date du référencement."),
        "profiles": _f(
            IDS,
            False,
            "The profiles it covers (default: the candidature's).",
            "Les profils couverts (par défaut : ceux de la candidature).",
        ),
        "withdrawn": _f(Kind.DATE, False, "The date it is withdrawn.", "La date de son retrait."),
    },
)
PROOF = EntryFormat(
    "proof",
    "A proof of a REM requirement.",
    "Une preuve d'une exigence du REM.",
    {
        "requirement": _f(
            Kind.TEXT, True, "The requirement's code in the dispositif's REM (DMP/UX.12).", "Le code de l'exigence."
        ),
        "scenario": _f(Kind.TEXT, False, "The scenario's code (DMP/UX.12.01).", "Le code du scénario."),
        "status": _f(
            Kind.CODE,
            True,
            "deposited, validated or refused.",
            "deposited (déposée), validated (validée), refused (refusée).",
            codes=PROOF_STATUS,
        ),
        "deposited": _f(Kind.DATE, False, "The date of the deposit.", "La date du dépôt."),
        "decided": _f(Kind.DATE, False, "The date of the decision.", "La date de la décision."),
    },
)

PSC_PROOF = EntryFormat(
    "psc_proof",
    "A proof a PSC habilitation deposits at the guichet éditeur, for a requirement of REM-EDC-PSC (PSC-1, PSC-2).",
    "Une preuve déposée par une habilitation PSC au guichet éditeur, pour une exigence du REM-EDC-PSC.",
    {
        "requirement": _f(
            Kind.TEXT,
            True,
            "The requirement's code in REM-EDC-PSC (EDC/PSC.105).",
            "Le code de l'exigence (EDC/PSC.105).",
        ),
        "scenario": PROOF.fields["scenario"],
        "status": PROOF.fields["status"],
        "deposited": PROOF.fields["deposited"],
        "decided": PROOF.fields["decided"],
        "component": _f(
            ID,
            False,
            "The habilitation's LPS or Proxy the proof concerns (absent: each of its components the requirement "
            "concerns).",
            "Le LPS ou le Proxy de l'habilitation concerné (absent : chacun de ses composants que l'exigence "
            "concerne).",
        ),
    },
)

EDITOR_GROUP = EntryFormat(
    "editor_group",
    "A group of editors: a Proxy habilitated alone is reused in the group's solutions (PSC-6).",
    "Un groupe d'éditeurs : un Proxy habilité seul est réutilisé dans les solutions du groupe (PSC-6).",
    {
        "id": _f(ID, True, "The group's identifier.", "L'identifiant du groupe."),
        "name": _f(Kind.TEXT, True, "The group's name.", "Le nom du groupe."),
    },
)
EDITOR = EntryFormat(
    "editor",
    "A software editor.",
    "Un éditeur de logiciel.",
    {
        "id": _f(ID, True, "The editor's identifier.", "L'identifiant de l'éditeur."),
        "name": _f(Kind.TEXT, True, "The editor's name.", "Le nom de l'éditeur."),
        "group": _f(
            ID,
            False,
            "The group of editors it belongs to (PSC-6), an entry of editor_groups.",
            "Le groupe d'éditeurs auquel il appartient (PSC-6), une entrée de editor_groups.",
        ),
    },
)
OPERATOR = EntryFormat(
    "operator",
    "Who operates an LPS or a Proxy e-santé (PSC-8).",
    "Qui opère un LPS ou un Proxy e-santé (PSC-8).",
    {
        "id": _f(ID, True, "The operator's identifier.", "L'identifiant de l'opérateur."),
        "name": _f(Kind.TEXT, True, "The operator's name.", "Le nom de l'opérateur."),
    },
)
SOLUTION = EntryFormat(
    "solution",
    "A solution of an editor: its components, commercial names and versions.",
    "Une solution d'un éditeur : ses composants, dénominations et versions.",
    {
        "id": _f(ID, True, "The solution's identifier.", "L'identifiant de la solution."),
        "editor": _f(ID, True, "Its editor.", "Son éditeur."),
        "name": _f(Kind.TEXT, True, "The solution's name.", "Le nom de la solution."),
        "device_type": _f(
            ID,
            True,
            "Its device type: a code of data/reference/device_types.csv (DUI, LGC...).",
            "Son type de dispositif : un code de device_types.csv (DUI, LGC...).",
        ),
        "components": _f(Kind.ENTRIES, False, "Its components.", "Ses composants.", entry=COMPONENT),
        "commercial_names": _f(
            Kind.ENTRIES, False, "Its commercial names.", "Ses dénominations commerciales.", entry=COMMERCIAL_NAME
        ),
        "versions": _f(Kind.ENTRIES, False, "Its versions.", "Ses versions.", entry=VERSION),
    },
)
REFERENCING = EntryFormat(
    "referencing",
    "A referencing not obtained by a candidature of the import (vague 1, or another dossier's).",
    "Un référencement non obtenu par une candidature de l'import (vague 1...).",
    {
        "nru": _f(ID, True, "Its NRU.", "Son NRU."),
        "wave": _f(Kind.CODE, True, "1 or 2: the vague.", "1 ou 2 : la vague.", codes=WAVES),
        "dispositif": _f(
            ID, True, "A dispositif of data/reference/dispositifs.csv.", "Un dispositif de dispositifs.csv."
        ),
        "solution_version": _f(ID, True, "The solution version referenced.", "La version référencée."),
        "profiles": _f(IDS, False, "The profiles it covers.", "Les profils couverts."),
        "date": _f(Kind.DATE, True, "The date of the referencing.", "La date du référencement."),
        "withdrawn": _f(Kind.DATE, False, "The date it is withdrawn.", "La date de son retrait."),
        "validated_requirements": _f(
            Kind.TEXTS,
            False,
            "The requirements it validated, by their code in a vague 2 REM of its device type, as proofs name them "
            "(DUI/va1.02); [] when it validated none.",
            "Les exigences qu'il a validées, par leur code dans un REM vague 2 de son type (DUI/va1.02) ; [] si "
            "aucune.",
        ),
    },
)
PSC_HABILITATION = EntryFormat(
    "psc_habilitation",
    "A guichet éditeur homologation of an LPS and/or a Proxy e-santé (PSC-1..7).",
    "Une homologation au guichet éditeur d'un LPS et/ou d'un Proxy e-santé (PSC-1..7).",
    {
        "id": _f(ID, True, "The habilitation's identifier.", "L'identifiant de l'homologation."),
        "configuration": _f(
            Kind.CODE,
            True,
            "separate, monobloc, proxy-alone or lps-alone.",
            "separate, monobloc, proxy-alone ou lps-alone.",
            codes=PSC_CONFIGURATIONS,
        ),
        "nru": _f(ID, True, "Its PSC NRU.", "Son NRU PSC."),
        "date": _f(Kind.DATE, True, "The date of the homologation.", "La date de l'homologation."),
        "lps": _f(ID, False, "The LPS component (absent for proxy-alone).", "Le composant LPS."),
        "proxy": _f(ID, False, "The Proxy component (absent for lps-alone).", "Le composant Proxy."),
        "serves": _f(
            IDS, False, "The solution versions it serves (PSC-3).", "Les versions de solution servies (PSC-3)."
        ),
        "commercial_names": _f(
            IDS, False, "The declared commercial names (PSC-1).", "Les dénominations déclarées (PSC-1)."
        ),
        "components": _f(IDS, False, "The declared components.", "Les composants déclarés."),
        "reuses": _f(
            IDS,
            False,
            "Earlier PSC habilitations whose validated proofs it reuses: the NRUs of the components already "
            "habilitated that requirement EDC/PSC.104 declares (PSC-2).",
            "Les habilitations PSC antérieures dont elle réutilise les preuves validées : les NRU des composants déjà "
            "habilités que déclare l'exigence EDC/PSC.104 (PSC-2).",
        ),
        "proofs": _f(
            Kind.ENTRIES,
            False,
            "Its proofs at the guichet éditeur.",
            "Ses preuves au guichet éditeur.",
            entry=PSC_PROOF,
        ),
    },
)
OPERATOR_HABILITATION = EntryFormat(
    "operator_habilitation",
    "A guichet opérateur habilitation (PSC-8).",
    "Une habilitation au guichet opérateur (PSC-8).",
    {
        "id": _f(ID, True, "The habilitation's identifier.", "L'identifiant de l'habilitation."),
        "role": _f(
            Kind.CODE,
            True,
            "service-utilisateur (operates the LPS) or proxy (operates the Proxy).",
            "service-utilisateur (opère le LPS) ou proxy (opère le Proxy).",
            codes=OPERATOR_ROLES,
        ),
        "operator": _f(ID, True, "The operator.", "L'opérateur."),
        "component": _f(ID, True, "The component operated.", "Le composant opéré."),
        "date": _f(Kind.DATE, True, "The date of the habilitation.", "La date de l'habilitation."),
    },
)
CANDIDATURE = EntryFormat(
    "candidature",
    "A candidature of a solution version to a dispositif, with its proofs.",
    "Une candidature d'une version de solution à un dispositif, avec ses preuves.",
    {
        "id": _f(ID, True, "The candidature's identifier.", "L'identifiant de la candidature."),
        "solution_version": _f(ID, True, "The solution version.", "La version de solution."),
        "dispositif": _f(
            ID, True, "A dispositif of data/reference/dispositifs.csv.", "Un dispositif de dispositifs.csv."
        ),
        "profiles": _f(IDS, True, "The profiles chosen at creation.", "Les profils choisis à la création."),
        "additional_components": _f(
            IDS,
            False,
            "The additional components at creation (default: the version's).",
            "Les composants additionnels à la création (par défaut : ceux de la version).",
        ),
        "va1_referencings": _f(IDS, False, "Vague 1 NRUs for heritage (HER-2..5).", "NRU vague 1 (héritage)."),
        "intended_root": _f(
            ID,
            False,
            "The candidature named as root while it is in progress (ROOT-2).",
            "La candidature désignée comme racine tant qu'elle est en cours (ROOT-2).",
        ),
        "root": _f(ID, False, "The root NRU, a vague 2 referencing (ROOT-1).", "Le NRU racine (ROOT-1)."),
        "root_recorded": _f(
            Kind.DATE, False, "When the root NRU was recorded (ROOT-3).", "Quand le NRU racine a été saisi (ROOT-3)."
        ),
        "classic_deposit": _f(Kind.FLAG, False, "The classic deposit is chosen (ROOT-4).", "Dépôt classique (ROOT-4)."),
        "attestation": _f(Kind.ENTRY, False, ATTESTATION.en, ATTESTATION.fr, entry=ATTESTATION),
        "psc_habilitation": _f(ID, False, "Its PSC habilitation.", "Son homologation PSC."),
        "dates": _f(Kind.ENTRY, False, DATES.en, DATES.fr, entry=DATES),
        "status": _f(
            Kind.CODE,
            True,
            "draft, submitted, eligible, referenced, rejected or withdrawn.",
            "draft, submitted, eligible, referenced, rejected ou withdrawn.",
            codes=CANDIDATURE_STATUS,
        ),
        "referencing": _f(
            Kind.ENTRY, False, OBTAINED_REFERENCING.en, OBTAINED_REFERENCING.fr, entry=OBTAINED_REFERENCING
        ),
        "proofs": _f(Kind.ENTRIES, False, "Its proofs.", "Ses preuves.", entry=PROOF),
    },
)

# What each modification kind targets and needs (codes.MODIFICATION_KINDS, which the importer reads too).
MODIFICATION_TARGETS = ("candidature", "component", "commercial_name")


def _modification_conditions() -> tuple[Condition, ...]:
    conditions = []
    for kind, (_concept, target, field_key, _prop, _step) in MODIFICATION_KINDS.items():
        present = (target,) if field_key is None else (target, field_key)
        # A component-valued field (add-component) is not a second target.
        absent = tuple(k for k in MODIFICATION_TARGETS if k != target and k != field_key)
        conditions.append(Condition("kind", (kind,), present=present, absent=absent))
    return tuple(conditions)


MODIFICATION = EntryFormat(
    "modification",
    "A modification of a candidature, a component or a commercial name (MOD-1, DATE-3, PSC-2, PSC-4..8).",
    "Une modification d'une candidature, d'un composant ou d'une dénomination (MOD-1, DATE-3, PSC-2, PSC-4..8).",
    {
        "id": _f(ID, True, "The modification's identifier.", "L'identifiant de la modification."),
        "date": _f(Kind.DATE, True, "The date of the modification.", "La date de la modification."),
        "kind": _f(
            Kind.CODE,
            True,
            "The kind of modification; it says the target and the field (docs/dossier-format.md).",
            "Le type de modification ; il dit la cible et le champ.",
            codes=MODIFICATION_KINDS,
            refusal=_unknown_modification_kind,
        ),
        "candidature": _f(ID, False, "The candidature modified.", "La candidature modifiée."),
        "component": _f(
            ID, False, "The component modified, or added or removed.", "Le composant modifié, ajouté ou retiré."
        ),
        "commercial_name": _f(ID, False, "The commercial name modified.", "La dénomination modifiée."),
        "profile": _f(ID, False, "The profile added or removed.", "Le profil ajouté ou retiré."),
        "root": _f(ID, False, "The new root NRU (set-root).", "Le nouveau NRU racine (set-root)."),
        "psc_habilitation": _f(
            ID, False, "The new PSC habilitation (set-psc-nru, set-proxy-nru).", "La nouvelle homologation PSC."
        ),
        "reopens": _f(
            Kind.CODE,
            False,
            "The step it reopens, if not the kind's default: administrative or eligibility.",
            "L'étape rouverte, si ce n'est pas celle par défaut : administrative ou eligibility.",
            codes=STEPS,
        ),
    },
    conditions=_modification_conditions(),
)
EXPECTATION = EntryFormat(
    "expectation",
    "What validation must find in an invalid example: a rule and a focus node.",
    "Ce que la validation doit trouver dans un exemple invalide : une règle et un nœud focal.",
    {
        "rule": _f(Kind.RULE, True, "The rule ID (ROOT-3).", "L'identifiant de la règle (ROOT-3)."),
        "focus": _f(
            Kind.TEXT,
            True,
            "The identifier of the focus node, or a proof's CANDIDATURE/proof/N.",
            "L'identifiant du nœud focal, ou CANDIDATURE/proof/N pour une preuve.",
        ),
        "severity": _f(
            Kind.CODE,
            False,
            "Violation (default), Warning or Info.",
            "Violation (par défaut), Warning ou Info.",
            codes=EXPECTED_SEVERITIES,
        ),
    },
)

# The sections of a dossier, each a list of entries.
SECTIONS: dict[str, EntryFormat] = {
    "editor_groups": EDITOR_GROUP,
    "editors": EDITOR,
    "operators": OPERATOR,
    "solutions": SOLUTION,
    "referencings": REFERENCING,
    "psc_habilitations": PSC_HABILITATION,
    "operator_habilitations": OPERATOR_HABILITATION,
    "candidatures": CANDIDATURE,
    "modifications": MODIFICATION,
}
_SECTION_TEXT = {
    "editor_groups": ("Groups of editors (PSC-6).", "Les groupes d'éditeurs (PSC-6)."),
    "editors": ("The software editors.", "Les éditeurs."),
    "operators": ("The operators of LPS and Proxy components (PSC-8).", "Les opérateurs (PSC-8)."),
    "solutions": ("The editors' solutions.", "Les solutions des éditeurs."),
    "referencings": (
        "Referencings not obtained by a candidature of the import (vague 1).",
        "Les référencements non obtenus par une candidature de l'import (vague 1).",
    ),
    "psc_habilitations": ("Guichet éditeur homologations (PSC-1..7).", "Homologations au guichet éditeur."),
    "operator_habilitations": ("Guichet opérateur habilitations (PSC-8).", "Habilitations au guichet opérateur."),
    "candidatures": ("The candidatures and their proofs.", "Les candidatures et leurs preuves."),
    "modifications": ("Modifications (MOD-1, DATE-3).", "Les modifications (MOD-1, DATE-3)."),
}
DOSSIER = EntryFormat(
    "dossier",
    "A segur-kg dossier (format version 1): editors, solutions, referencings, PSC habilitations, candidatures "
    "with their proofs, and modifications. See docs/dossier-format.md.",
    "Un dossier segur-kg (format version 1) : éditeurs, solutions, référencements, homologations PSC, "
    "candidatures et leurs preuves, modifications.",
    {
        "dossier": _f(ID, True, "The dossier's identifier.", "L'identifiant du dossier."),
        "title": _f(Kind.TEXT, False, "A title.", "Un titre."),
        "description": _f(Kind.TEXT, False, "Free text, in French.", "Texte libre."),
        "rules": _f(
            Kind.RULES, False, "The rules the dossier illustrates or breaks.", "Les règles illustrées ou enfreintes."
        ),
        "expect": _f(
            Kind.ENTRIES,
            False,
            "For invalid examples: what validation must find.",
            "Pour les exemples invalides : ce que la validation doit trouver.",
            entry=EXPECTATION,
        ),
        **{name: _f(Kind.ENTRIES, False, *_SECTION_TEXT[name], entry=entry) for name, entry in SECTIONS.items()},
    },
)

# The nested entries, by the key they are found under (as the importer reads them).
NESTED: dict[str, EntryFormat] = {
    "components": COMPONENT,
    "commercial_names": COMMERCIAL_NAME,
    "cnda": CNDA,
    "versions": VERSION,
    "attestation": ATTESTATION,
    "dates": DATES,
    "referencing": OBTAINED_REFERENCING,
    "proofs": PROOF,
}


def entry_formats() -> dict[str, EntryFormat]:
    """Every kind of entry, the dossier first, by name (the schema's ``$defs``)."""
    found: dict[str, EntryFormat] = {}

    def visit(fmt: EntryFormat) -> None:
        if fmt.name in found:
            return
        found[fmt.name] = fmt
        for f in fmt.fields.values():
            if f.entry is not None:
                visit(f.entry)

    visit(DOSSIER)
    return found
