"""Dossiers (YAML, ``docs/dossier-format.md``) -> RDF.

Two passes over all the files imported together: the first reads and checks each file's structure
and registers every identifier (so files may reference one another, and duplicates are caught with
both places named); the second resolves references and emits triples. Any error is an
:class:`InputError` naming the file, the line and the field; nothing is emitted then.

The importer checks form (keys, types, dates, versions, known identifiers, unique NRUs and IDs).
Whether a dossier obeys the rules (ROOT-3, DATE-3, ...) is for ``segur-kg validate``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from segur_kg import namespaces as ns
from segur_kg.errors import InputError
from segur_kg.ingest.codes import (
    CANDIDATURE_STATUS,
    CNDA_STATUS,
    COMPONENT_KINDS,
    EXPECTED_SEVERITIES,
    MODIFICATION_KINDS,
    OPERATOR_ROLES,
    PROOF_STATUS,
    PSC_CONFIGURATIONS,
    PSC_REM,
    STEPS,
    WAVES,
)
from segur_kg.ingest.format import (
    DATE_PATTERN,
    DOSSIER,
    EXPECTATION,
    IDENT_PATTERN,
    NESTED,
    PSC_PROOF,
    RULE_ID_PATTERN,
    SECTIONS,
    EntryFormat,
    Field,
    Kind,
)
from segur_kg.ingest.reference import ReferenceIndex, RemInfo
from segur_kg.ingest.tables import parse_date
from segur_kg.ingest.yaml_located import LList, LMap, Location, load_yaml
from segur_kg.messages import msg
from segur_kg.namespaces import SCHEMA, SGR
from segur_kg.versions import VersionError, version_key

IDENT = re.compile(IDENT_PATTERN)
RULE_ID = re.compile(RULE_ID_PATTERN)
DATE_FORM = re.compile(DATE_PATTERN)

# The entries of a dossier, their keys and their kinds of value: the format's one description
# (format.py), which the JSON Schema is generated from. SECTIONS and NESTED are imported from it.
TOP_LEVEL = DOSSIER
# An invalid example declares what validation must find: a list of {rule, focus}.
EXPECT_KEYS = EXPECTATION


class Located:
    """A value of a dossier with the file and line it comes from, for error messages."""

    def __init__(self, path: Path, mapping: LMap, where: str) -> None:
        self.path, self.m, self.where = path, mapping, where

    @property
    def line(self) -> int:
        return self.m.line

    def line_of(self, key: str) -> int:
        return self.m.key_lines.get(key, self.m.line)

    def error(self, key: str | None, message: str) -> InputError:
        line = self.line_of(key) if key else self.line
        if key:
            place = msg("ingest.place.line-field", line=line, field=f"{self.where}{key}")
        else:
            place = msg("ingest.place.line", line=line)
        return InputError(self.path, place, message)

    def check_keys(self, entry_format: EntryFormat) -> None:
        """The entry's keys, then each value's form, nested entries included, against the format
        (format.py): every error of form is found before any identifier is resolved."""
        for key in self.m:
            if key not in entry_format:
                raise self.error(key, msg("ingest.dossier.unknown-key", key=key, allowed=", ".join(entry_format)))
        for key in entry_format.required():
            if self.m.get(key) in (None, "", []):
                raise InputError(
                    self.path,
                    msg("ingest.place.line", line=self.line),
                    msg("ingest.dossier.missing-field", field=f"{self.where}{key}"),
                )
        for key in self.m:
            self.check_value(key, entry_format.fields[key])

    def check_value(self, key: str, spec: Field) -> None:
        """The value of ``key`` is of the kind the format says, or an InputError."""
        if spec.kind is Kind.CODE:
            self.choice(key, spec.codes, spec.refusal)
        elif spec.kind is Kind.ENTRY:
            self.child(key, spec.entry)
        elif spec.kind is Kind.ENTRIES:
            self.children(key, spec.entry)
        else:
            _READERS[spec.kind](self, key)

    def has(self, key: str) -> bool:
        return self.m.get(key) not in (None, "")

    def text(self, key: str) -> str | None:
        value = self.m.get(key)
        if value is None:
            return None
        if isinstance(value, (LMap, LList)):
            raise self.error(key, msg("ingest.dossier.not-single"))
        return str(value)

    def ident(self, key: str) -> str | None:
        value = self.text(key)
        # A YAML 1.1 boolean (yes, off...) reaches here as True or False: never an identifier.
        if value is not None and (isinstance(self.m[key], bool) or not IDENT.fullmatch(value)):
            raise self.error(key, msg("ingest.dossier.not-an-identifier", value=value))
        return value

    def date(self, key: str) -> date | None:
        value = self.text(key)
        if value is None:
            return None
        # YYYY-MM-DD only: date.fromisoformat would also take 20260630 or 2026-W27-2.
        if not DATE_FORM.fullmatch(value):
            raise self.error(key, msg("ingest.value.not-a-date", text=value))
        return parse_date(value, lambda message: self.error(key, message))

    def version(self, key: str) -> str | None:
        value = self.text(key)
        if value is not None:
            try:
                version_key(value)
            except VersionError as exc:
                raise self.error(key, str(exc)) from None
        return value

    def rule(self, key: str) -> str | None:
        value = self.text(key)
        if value is not None and not RULE_ID.fullmatch(value):
            raise self.error(key, msg("ingest.dossier.not-a-rule", rule=value))
        return value

    def rules(self, key: str) -> list[str]:
        out = self.idents(key)
        for rule in out:
            if not RULE_ID.fullmatch(rule):
                raise self.error(key, msg("ingest.dossier.not-a-rule", rule=rule))
        return out

    def flag(self, key: str) -> bool | None:
        value = self.m.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            raise self.error(key, msg("ingest.value.not-a-boolean", value=value))
        return value

    def choice(self, key: str, options: Mapping[str, Any], refusal: Callable[[str, str], str] | None = None) -> Any:
        """The concept of the code written at ``key``; ``refusal(value, options)`` words an unknown code."""
        value = self.text(key)
        if value is None:
            return None
        if value not in options:
            listed = ", ".join(options)
            if refusal is None:
                raise self.error(key, msg("ingest.dossier.not-allowed", value=value, options=listed))
            raise self.error(key, refusal(value, listed))
        return options[value]

    def _list(self, key: str) -> LList:
        """The key's list (one value alone is a list of one, on the key's line); empty when left out."""
        value = self.m.get(key)
        if value is None:
            return LList([])
        if not isinstance(value, LList):
            value = LList([value])
            value.line, value.item_lines = self.line_of(key), [self.line_of(key)]
        return value

    def idents(self, key: str) -> list[str]:
        out = []
        for item in self._list(key):
            if item is None or isinstance(item, (LMap, LList, bool)) or not IDENT.fullmatch(str(item)):
                raise self.error(key, msg("ingest.dossier.not-an-identifier-in-list", item=item))
            out.append(str(item))
        return out

    def texts(self, key: str) -> list[str]:
        """A list of non-empty texts (one text alone is a list of one); [] when the key is left out."""
        out = []
        for item in self._list(key):
            if item is None or isinstance(item, (LMap, LList)) or str(item) == "":
                raise self.error(key, msg("ingest.dossier.not-a-text-in-list", item=item))
            out.append(str(item))
        return out

    def children(self, key: str, allowed: EntryFormat) -> list[Located]:
        value = self.m.get(key)
        if value is None:
            return []
        if not isinstance(value, LList):
            raise self.error(key, msg("ingest.dossier.not-a-list"))
        out = []
        for i, item in enumerate(value):
            if not isinstance(item, LMap):
                raise InputError(
                    self.path,
                    msg("ingest.place.line", line=value.item_lines[i]),
                    msg("ingest.dossier.not-an-entry", field=f"{self.where}{key}"),
                )
            child = Located(self.path, item, f"{self.where}{key}[{i}].")
            child.check_keys(allowed)
            out.append(child)
        return out

    def child(self, key: str, allowed: EntryFormat) -> Located | None:
        value = self.m.get(key)
        if value is None:
            return None
        if not isinstance(value, LMap):
            raise self.error(key, msg("ingest.dossier.not-a-mapping"))
        child = Located(self.path, value, f"{self.where}{key}.")
        child.check_keys(allowed)
        return child


# The reader that checks each kind of single or listed value (codes and entries take their table).
_READERS: dict[Kind, Callable[[Located, str], object]] = {
    Kind.IDENTIFIER: Located.ident,
    Kind.TEXT: Located.text,
    Kind.DATE: Located.date,
    Kind.FLAG: Located.flag,
    Kind.IDENTIFIERS: Located.idents,
    Kind.TEXTS: Located.texts,
    Kind.VERSION: Located.version,
    Kind.RULE: Located.rule,
    Kind.RULES: Located.rules,
}


@dataclass
class Definition:
    kind: str
    ident: str
    entry: Located
    extra: dict[str, Any] = field(default_factory=dict)


class Registry:
    """Every identifier defined by the files of one import, by kind."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Definition]] = {}

    def define(self, kind: str, ident: str, entry: Located, key: str = "id", **extra: Any) -> Definition:
        table = self.defs.setdefault(kind, {})
        if ident in table:
            first = table[ident].entry
            if kind == "referencing":
                message = msg("ingest.dossier.duplicate-nru", ident=ident, file=first.path, line=first.line)
            else:
                message = msg(
                    "ingest.dossier.duplicate-identifier", kind=kind, ident=ident, file=first.path, line=first.line
                )
            raise entry.error(key, message)
        table[ident] = Definition(kind, ident, entry, extra)
        return table[ident]

    def get(self, kind: str, ident: str) -> Definition | None:
        return self.defs.get(kind, {}).get(ident)

    def resolve(self, entry: Located, key: str, kind: str, ident: str) -> Definition:
        found = self.get(kind, ident)
        if found is None:
            label = "NRU" if kind == "referencing" else kind
            raise entry.error(key, msg("ingest.dossier.unresolved", label=label, ident=ident))
        return found


_NO_REM = RemInfo("", "", 0)

IRI_KIND = {
    "editor-group": "editor-group",
    "editor": "editor",
    "operator": "operator",
    "solution": "solution",
    "component": "component",
    "commercial-name": "commercial-name",
    "version": "solution-version",
    "referencing": "referencing",
    "psc-habilitation": "psc-habilitation",
    "operator-habilitation": "operator-habilitation",
    "candidature": "candidature",
    "modification": "modification",
    "dossier": "dossier",
}


def iri(kind: str, ident: str) -> URIRef:
    return ns.entity(IRI_KIND[kind], ident)


@dataclass
class Dossier:
    path: Path
    root: Located
    ident: str


class DossierImporter:
    """Import several dossier files against the reference index into one graph."""

    def __init__(self, index: ReferenceIndex) -> None:
        self.index = index
        self.registry = Registry()
        self.dossiers: list[Dossier] = []
        self.g = Graph()
        # Where each emitted node is written, a side table: validation places its findings with it,
        # and the graph stays free of it (its triples are the dossiers' facts alone).
        self._locations: dict[URIRef, Location] = {}

    def locations(self) -> dict[URIRef, Location]:
        """After :meth:`build`: every node emitted -> the file, line and column of the YAML entry it
        comes from (a dossier's ``dossier:`` key, an entity's mapping, a nested referencing's
        mapping, an attestation's or CNDA conformity's key, a proof's list item)."""
        return dict(self._locations)

    def _locate(self, node: URIRef, entry: Located, key: str | None = None) -> None:
        """Record that ``node`` is written at ``entry`` (its mapping), or at its ``key``."""
        m = entry.m
        line, column = (m.line, m.column) if key is None else (m.key_lines[key], m.key_columns[key])
        self._locations.setdefault(node, Location(entry.path, line, column))

    # ---- pass 1: structure and identifiers
    def read(self, path: Path) -> None:
        data = load_yaml(path)
        root = Located(path, data, "")
        root.check_keys(TOP_LEVEL)
        ident = root.ident("dossier")
        self.registry.define("dossier", ident, root, "dossier")
        for rule in root.idents("rules"):
            if not RULE_ID.match(rule):
                raise root.error("rules", msg("ingest.dossier.not-a-rule", rule=rule))
        for expectation in root.children("expect", EXPECT_KEYS):
            expectation.text("focus")  # an identifier, or a proof's CAND/proof/N
            if expectation.has("severity"):
                expectation.choice("severity", EXPECTED_SEVERITIES)
            if not RULE_ID.match(expectation.text("rule") or ""):
                raise expectation.error("rule", msg("ingest.dossier.not-a-rule", rule=expectation.text("rule")))
        d = Dossier(path, root, ident)
        self.dossiers.append(d)
        reg = self.registry
        for g in root.children("editor_groups", SECTIONS["editor_groups"]):
            reg.define("editor-group", g.ident("id"), g)
        for e in root.children("editors", SECTIONS["editors"]):
            reg.define("editor", e.ident("id"), e)
        for e in root.children("operators", SECTIONS["operators"]):
            reg.define("operator", e.ident("id"), e)
        for s in root.children("solutions", SECTIONS["solutions"]):
            sol = reg.define("solution", s.ident("id"), s)
            for c in s.children("components", NESTED["components"]):
                reg.define("component", c.ident("id"), c, component_kind=c.text("kind"), solution=sol.ident)
            for c in s.children("commercial_names", NESTED["commercial_names"]):
                reg.define("commercial-name", c.ident("id"), c, solution=sol.ident)
            for v in s.children("versions", NESTED["versions"]):
                reg.define("version", v.ident("id"), v, solution=sol.ident)
        for r in root.children("referencings", SECTIONS["referencings"]):
            reg.define("referencing", r.ident("nru"), r, "nru")
        for h in root.children("psc_habilitations", SECTIONS["psc_habilitations"]):
            reg.define("psc-habilitation", h.ident("id"), h)
            reg.define("psc-nru", h.ident("nru"), h, "nru")
        for h in root.children("operator_habilitations", SECTIONS["operator_habilitations"]):
            reg.define("operator-habilitation", h.ident("id"), h)
        for c in root.children("candidatures", SECTIONS["candidatures"]):
            cand = reg.define("candidature", c.ident("id"), c)
            ref = c.child("referencing", NESTED["referencing"])
            if ref is not None:
                reg.define("referencing", ref.ident("nru"), ref, "nru", candidature=cand.ident)
        for m in root.children("modifications", SECTIONS["modifications"]):
            reg.define("modification", m.ident("id"), m)

    # ---- pass 2: references and triples
    def build(self) -> Graph:
        for d in self.dossiers:
            self._emit_dossier(d)
        return self.g

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def _date(self, s: URIRef, p: URIRef, value: date | None) -> None:
        if value is not None:
            self.add(s, p, Literal(value, datatype=XSD.date))

    def _entity(self, kind: str, ident: str, klass: URIRef, dossier: URIRef, name: str | None = None) -> URIRef:
        node = iri(kind, ident)
        self._locate(node, self.registry.get(kind, ident).entry)
        self.add(node, RDF.type, klass)
        self.add(node, DCTERMS.identifier, Literal(ident))
        self.add(node, DCTERMS.source, dossier)
        if name:
            self.add(node, SCHEMA.name, Literal(name))
            self.add(node, RDFS.label, Literal(name))
        return node

    def _ref(self, entry: Located, key: str, kind: str, ident: str | None = None) -> URIRef | None:
        ident = ident if ident is not None else entry.ident(key)
        if ident is None:
            return None
        self.registry.resolve(entry, key, kind, ident)
        return iri(kind, ident)

    def _refs(self, entry: Located, key: str, kind: str) -> list[URIRef]:
        return [self._ref(entry, key, kind, i) for i in entry.idents(key)]

    def _component(self, entry: Located, key: str, expected: str, ident: str | None = None) -> URIRef | None:
        ident = ident if ident is not None else entry.ident(key)
        if ident is None:
            return None
        found = self.registry.resolve(entry, key, "component", ident)
        if found.extra["component_kind"] != expected:
            kind = found.extra["component_kind"]
            raise entry.error(
                key, msg("ingest.dossier.wrong-component-kind", ident=ident, kind=kind, expected=expected)
            )
        return iri("component", ident)

    def _profile(self, entry: Located, key: str, dispositif: str, code: str) -> URIRef:
        disp = self.index.dispositifs[dispositif]
        if code not in disp.profiles:
            expected = ", ".join(sorted(disp.profiles))
            raise entry.error(
                key, msg("ingest.dossier.unknown-profile", code=code, dispositif=dispositif, expected=expected)
            )
        return ns.profile(disp.device_type, code)

    def _dispositif(self, entry: Located, key: str) -> str:
        ident = entry.ident(key)
        if ident not in self.index.dispositifs:
            expected = ", ".join(sorted(self.index.dispositifs))
            raise entry.error(key, msg("ingest.dossier.unknown-dispositif", ident=ident, expected=expected))
        return ident

    def _emit_dossier(self, d: Dossier) -> None:
        root = d.root
        dnode = iri("dossier", d.ident)
        self._locate(dnode, root, "dossier")
        self.add(dnode, RDF.type, SGR.Dossier)
        self.add(dnode, DCTERMS.identifier, Literal(d.ident))
        self.add(dnode, DCTERMS.source, Literal(d.path.name))
        for key, prop in (("title", DCTERMS.title), ("description", DCTERMS.description)):
            if root.has(key):
                self.add(dnode, prop, Literal(root.text(key), lang="fr" if key == "description" else None))
        for rule in root.idents("rules"):
            self.add(dnode, SGR.rule, ns.rule(rule))

        for g in root.children("editor_groups", SECTIONS["editor_groups"]):
            self._entity("editor-group", g.ident("id"), SGR.EditorGroup, dnode, g.text("name"))
        for e in root.children("editors", SECTIONS["editors"]):
            node = self._entity("editor", e.ident("id"), SGR.Editor, dnode, e.text("name"))
            if e.has("group"):
                self.add(node, SGR.memberOfGroup, self._ref(e, "group", "editor-group"))
        for e in root.children("operators", SECTIONS["operators"]):
            self._entity("operator", e.ident("id"), SGR.Operator, dnode, e.text("name"))
        for s in root.children("solutions", SECTIONS["solutions"]):
            self._emit_solution(s, dnode)
        for r in root.children("referencings", SECTIONS["referencings"]):
            self._emit_referencing(r, dnode)
        for h in root.children("psc_habilitations", SECTIONS["psc_habilitations"]):
            self._emit_psc(h, dnode)
        for h in root.children("operator_habilitations", SECTIONS["operator_habilitations"]):
            node = self._entity("operator-habilitation", h.ident("id"), SGR.OperatorHabilitation, dnode)
            self.add(node, SGR.guichet, SGR.GuichetOperateur)
            self.add(node, SGR.operatorRole, h.choice("role", OPERATOR_ROLES))
            self.add(node, SGR.operator, self._ref(h, "operator", "operator"))
            self.add(node, SGR.operatedComponent, self._ref(h, "component", "component"))
            self._date(node, SGR.habilitationDate, h.date("date"))
        for c in root.children("candidatures", SECTIONS["candidatures"]):
            self._emit_candidature(c, dnode)
        for m in root.children("modifications", SECTIONS["modifications"]):
            self._emit_modification(m, dnode)

    def _emit_solution(self, s: Located, dnode: URIRef) -> None:
        sol = self._entity("solution", s.ident("id"), SGR.Solution, dnode, s.text("name"))
        self.add(sol, SGR.editor, self._ref(s, "editor", "editor"))
        dt = s.text("device_type")
        if dt not in self.index.device_types:
            expected = ", ".join(sorted(self.index.device_types))
            raise s.error("device_type", msg("ingest.value.unknown-device-type", value=dt, expected=expected))
        self.add(sol, SGR.deviceType, ns.entity("device-type", dt))
        for c in s.children("components", NESTED["components"]):
            klass = c.choice("kind", COMPONENT_KINDS)
            node = self._entity("component", c.ident("id"), klass, dnode, c.text("name"))
            self.add(node, RDF.type, SGR.Component)
            self.add(node, DCTERMS.isPartOf, sol)
            ctype = c.text("type")
            if ctype is not None:
                if klass != SGR.AdditionalComponent:
                    raise c.error("type", msg("ingest.dossier.type-only-additional"))
                if ctype not in self.index.component_types:
                    expected = ", ".join(sorted(self.index.component_types))
                    raise c.error("type", msg("ingest.dossier.unknown-component-type", value=ctype, expected=expected))
                self.add(node, SGR.componentType, ns.entity("component-type", ctype))
            elif klass == SGR.AdditionalComponent:
                raise c.error("kind", msg("ingest.dossier.additional-needs-type"))
        for c in s.children("commercial_names", NESTED["commercial_names"]):
            node = self._entity("commercial-name", c.ident("id"), SGR.CommercialName, dnode, c.text("name"))
            if c.has("nil"):
                self.add(node, SGR.nil, Literal(c.text("nil")))
            if c.has("parent"):
                self.add(node, SGR.parentName, self._ref(c, "parent", "commercial-name"))
            cnda = c.child("cnda", NESTED["cnda"])
            if cnda is not None:
                conf = URIRef(f"{node}/cnda")
                self._locate(conf, c, "cnda")
                self.add(node, SGR.cndaConformity, conf)
                self.add(conf, RDF.type, SGR.CNDAConformity)
                self.add(conf, SGR.conformityStatus, cnda.choice("status", CNDA_STATUS))
                self._date(conf, SGR.conformityDate, cnda.date("date"))
        for v in s.children("versions", NESTED["versions"]):
            node = self._entity("version", v.ident("id"), SGR.SolutionVersion, dnode)
            self.add(sol, SGR.hasVersion, node)
            self.add(node, SGR.versionOf, sol)
            text = v.text("version")
            try:
                key = version_key(text)
            except VersionError as exc:
                raise v.error("version", str(exc)) from None
            self.add(node, SGR.versionString, Literal(text))
            self.add(node, SGR.versionKey, Literal(key))
            self.add(node, SGR.mainComponent, self._component(v, "main_component", "main"))
            for ident in v.idents("additional_components"):
                self.add(
                    node, SGR.additionalComponent, self._component(v, "additional_components", "additional", ident)
                )
            for key_, kind in (("lps", "lps"), ("proxy", "proxy")):
                comp = self._component(v, key_, kind)
                if comp is not None:
                    self.add(node, SGR.lps if kind == "lps" else SGR.proxy, comp)
            for cn in self._refs(v, "commercial_names", "commercial-name"):
                self.add(node, SGR.commercialName, cn)

    def _emit_referencing(self, r: Located, dnode: URIRef) -> None:
        nru = r.ident("nru")
        node = self._entity("referencing", nru, SGR.Referencing, dnode)
        self.add(node, SGR.nru, Literal(nru))
        wave = r.choice("wave", WAVES)
        self.add(node, SGR.wave, wave)
        disp = self._dispositif(r, "dispositif")
        if WAVES[str(self.index.dispositifs[disp].wave)] != wave:
            raise r.error(
                "wave", msg("ingest.dossier.wrong-wave", dispositif=disp, wave=self.index.dispositifs[disp].wave)
            )
        self.add(node, SGR.dispositif, ns.entity("dispositif", disp))
        self.add(node, SGR.solutionVersion, self._ref(r, "solution_version", "version"))
        for code in r.idents("profiles"):
            self.add(node, SGR.coversProfile, self._profile(r, "profiles", disp, code))
        self._date(node, SGR.referencingDate, r.date("date"))
        self._date(node, SGR.withdrawalDate, r.date("withdrawn"))
        if r.m.get("validated_requirements") is not None:
            # Given, even empty ([]): the referencing says what it validated; left out, nothing is known.
            self.add(node, SGR.declaresValidatedRequirements, Literal(True))
            device_type = self.index.dispositifs[disp].device_type
            for code in r.texts("validated_requirements"):
                for requirement in self._vague2_requirements(r, device_type, code):
                    self.add(node, SGR.validatedRequirement, requirement)

    def _vague2_requirements(self, r: Located, device_type: str, code: str) -> list[URIRef]:
        """The requirements named ``code`` in the REMs of the vague 2 dispositifs of ``device_type``
        (one per REM that has it), or an InputError naming those REMs."""
        rems = sorted(
            {d.rem for d in self.index.dispositifs.values() if d.wave == 2 and d.device_type == device_type and d.rem}
        )
        found = [ns.requirement(rem, code) for rem in rems if code in self.index.rems.get(rem, _NO_REM).requirements]
        if not found:
            searched = ", ".join(rems) or msg("ingest.dossier.no-rem")
            raise r.error(
                "validated_requirements",
                msg(
                    "ingest.dossier.unknown-validated-requirement",
                    requirement=code,
                    device_type=device_type,
                    rems=searched,
                ),
            )
        return found

    def _emit_psc(self, h: Located, dnode: URIRef) -> None:
        node = self._entity("psc-habilitation", h.ident("id"), SGR.PSCHabilitation, dnode)
        self.add(node, SGR.guichet, SGR.GuichetEditeur)
        self.add(node, SGR.pscConfiguration, h.choice("configuration", PSC_CONFIGURATIONS))
        self.add(node, SGR.nru, Literal(h.ident("nru")))
        self._date(node, SGR.habilitationDate, h.date("date"))
        lps, proxy = self._component(h, "lps", "lps"), self._component(h, "proxy", "proxy")
        if lps is not None:
            self.add(node, SGR.lps, lps)
        if proxy is not None:
            self.add(node, SGR.proxy, proxy)
        for v in self._refs(h, "serves", "version"):
            self.add(node, SGR.servesSolutionVersion, v)
        for cn in self._refs(h, "commercial_names", "commercial-name"):
            self.add(node, SGR.commercialName, cn)
        for comp in self._refs(h, "components", "component"):
            self.add(node, SGR.declaredComponent, comp)
        for reused in self._refs(h, "reuses", "psc-habilitation"):
            self.add(node, SGR.reusesHabilitation, reused)
        for i, p in enumerate(h.children("proofs", PSC_PROOF)):
            self._emit_psc_proof(p, h, node, i)

    def _emit_psc_proof(self, p: Located, h: Located, hab: URIRef, position: int) -> None:
        """A proof of the habilitation at the guichet éditeur, for a requirement of the PSC REM, about one
        of the habilitation's LPS and Proxy or (no component) each one the requirement concerns."""
        rem = self.index.rems.get(PSC_REM)
        req = p.text("requirement")
        ident = h.ident("id")
        if rem is None or req not in rem.requirements:
            raise p.error(
                "requirement",
                msg("ingest.dossier.unknown-psc-requirement", requirement=req, habilitation=ident, rem=PSC_REM),
            )
        scenario = p.text("scenario")
        if scenario is not None and scenario not in rem.requirements[req]:
            expected = ", ".join(sorted(rem.requirements[req])) or "none"
            raise p.error(
                "scenario",
                msg("ingest.dossier.unknown-scenario", scenario=scenario, requirement=req, expected=expected),
            )
        component = p.ident("component")
        own = [c for c in (h.ident("lps"), h.ident("proxy")) if c is not None]
        if component is not None and component not in own:
            raise p.error(
                "component",
                msg(
                    "ingest.dossier.not-the-habilitations-component",
                    component=component,
                    habilitation=ident,
                    components=", ".join(own) or msg("ingest.dossier.no-component"),
                ),
            )
        node = URIRef(f"{hab}/proof/{position + 1}")
        self._locate(node, p)
        self.add(node, RDF.type, SGR.PSCProof)
        self.add(node, DCTERMS.identifier, Literal(f"{ident}/proof/{position + 1}"))
        self.add(node, SGR.ofHabilitation, hab)
        self.add(node, SGR.forRequirement, ns.requirement(rem.id, req))
        if scenario is not None:
            self.add(node, SGR.forScenario, ns.scenario(rem.id, req, scenario))
        if component is not None:
            self.add(node, SGR.concernsComponent, iri("component", component))
        self.add(node, SGR.proofStatus, p.choice("status", PROOF_STATUS))
        self._date(node, SGR.depositDate, p.date("deposited"))
        self._date(node, SGR.statusDate, p.date("decided"))

    def _emit_candidature(self, c: Located, dnode: URIRef) -> None:
        ident = c.ident("id")
        node = self._entity("candidature", ident, SGR.Candidature, dnode)
        disp = self._dispositif(c, "dispositif")
        self.add(node, SGR.dispositif, ns.entity("dispositif", disp))
        self.add(node, SGR.solutionVersion, self._ref(c, "solution_version", "version"))
        profiles = c.idents("profiles")
        for code in profiles:
            self.add(node, SGR.chosenProfile, self._profile(c, "profiles", disp, code))
        if "additional_components" in c.m:
            comps = [
                self._component(c, "additional_components", "additional", i) for i in c.idents("additional_components")
            ]
        else:
            version = self.registry.get("version", c.ident("solution_version"))
            comps = [iri("component", i) for i in version.entry.idents("additional_components")]
        for comp in comps:
            self.add(node, SGR.additionalComponent, comp)
        for va1 in self._refs(c, "va1_referencings", "referencing"):
            self.add(node, SGR.va1Referencing, va1)
        if c.has("intended_root"):
            self.add(node, SGR.intendedRoot, self._ref(c, "intended_root", "candidature"))
        if c.has("root"):
            self.add(node, SGR.rootReferencing, self._ref(c, "root", "referencing"))
        self._date(node, SGR.rootRecordedDate, c.date("root_recorded"))
        classic = c.flag("classic_deposit")
        if classic is not None:
            self.add(node, SGR.classicDeposit, Literal(classic))
        att = c.child("attestation", NESTED["attestation"])
        if att is not None:
            anode = URIRef(f"{node}/attestation")
            self._locate(anode, c, "attestation")
            self.add(node, SGR.attestation, anode)
            self.add(anode, RDF.type, SGR.Attestation)
            self._date(anode, SGR.attestationDate, att.date("date"))
            for key, prop in (
                ("main_component_identical", SGR.attestsMainComponentIdentical),
                ("single_solution", SGR.attestsSingleSolution),
                ("ascending_compatibility", SGR.attestsAscendingCompatibility),
            ):
                value = att.flag(key)
                if value is not None:
                    self.add(anode, prop, Literal(value))
        if c.has("psc_habilitation"):
            self.add(node, SGR.pscHabilitation, self._ref(c, "psc_habilitation", "psc-habilitation"))
        dates = c.child("dates", NESTED["dates"])
        if dates is not None:
            for key, prop in (
                ("admin_deposit", SGR.adminDepositDate),
                ("eligibility", SGR.eligibilityDate),
                ("complete_deposit", SGR.completeDepositDate),
                ("decision", SGR.decisionDate),
            ):
                self._date(node, prop, dates.date(key))
        self.add(node, SGR.candidatureStatus, c.choice("status", CANDIDATURE_STATUS))
        ref = c.child("referencing", NESTED["referencing"])
        if ref is not None:
            nru = ref.ident("nru")
            rnode = self._entity("referencing", nru, SGR.Referencing, dnode)
            self.add(rnode, SGR.nru, Literal(nru))
            self.add(rnode, SGR.ofCandidature, node)
            self.add(rnode, SGR.wave, WAVES[str(self.index.dispositifs[disp].wave)])
            self.add(rnode, SGR.dispositif, ns.entity("dispositif", disp))
            self.add(rnode, SGR.solutionVersion, iri("version", c.ident("solution_version")))
            for code in ref.idents("profiles") or profiles:
                self.add(rnode, SGR.coversProfile, self._profile(ref, "profiles", disp, code))
            self._date(rnode, SGR.referencingDate, ref.date("date"))
            self._date(rnode, SGR.withdrawalDate, ref.date("withdrawn"))
        rem = self.index.rems.get(self.index.dispositifs[disp].rem)
        for i, p in enumerate(c.children("proofs", NESTED["proofs"])):
            self._emit_proof(p, node, ident, disp, rem, i)

    def _emit_proof(self, p: Located, cand: URIRef, cand_id: str, disp: str, rem, position: int) -> None:
        req = p.text("requirement")
        if rem is None or req not in rem.requirements:
            rem_id = rem.id if rem else msg("ingest.dossier.no-rem")
            raise p.error(
                "requirement", msg("ingest.dossier.unknown-requirement", requirement=req, dispositif=disp, rem=rem_id)
            )
        scenario = p.text("scenario")
        if scenario is not None and scenario not in rem.requirements[req]:
            expected = ", ".join(sorted(rem.requirements[req])) or "none"
            raise p.error(
                "scenario",
                msg("ingest.dossier.unknown-scenario", scenario=scenario, requirement=req, expected=expected),
            )
        node = URIRef(f"{cand}/proof/{position + 1}")
        self._locate(node, p)  # proofs have no identifier of their own: the registry does not hold them
        self.add(node, RDF.type, SGR.Proof)
        self.add(node, DCTERMS.identifier, Literal(f"{cand_id}/proof/{position + 1}"))
        self.add(node, SGR.ofCandidature, cand)
        self.add(node, SGR.forRequirement, ns.requirement(rem.id, req))
        if scenario is not None:
            self.add(node, SGR.forScenario, ns.scenario(rem.id, req, scenario))
        self.add(node, SGR.proofStatus, p.choice("status", PROOF_STATUS))
        self._date(node, SGR.depositDate, p.date("deposited"))
        self._date(node, SGR.statusDate, p.date("decided"))

    def _emit_modification(self, m: Located, dnode: URIRef) -> None:
        kind = m.text("kind")
        if kind not in MODIFICATION_KINDS:
            kinds = ", ".join(MODIFICATION_KINDS)
            raise m.error("kind", msg("ingest.dossier.unknown-modification-kind", kind=kind, kinds=kinds))
        concept, target_key, field_key, prop, default_step = MODIFICATION_KINDS[kind]
        node = self._entity("modification", m.ident("id"), SGR.Modification, dnode)
        self.add(node, SGR.modificationKind, concept)
        self._date(node, SGR.modificationDate, m.date("date"))
        targets = {"candidature": "candidature", "component": "component", "commercial_name": "commercial-name"}
        for key in targets:
            if key != target_key and m.has(key) and not (key == "component" and field_key == "component"):
                raise m.error(key, msg("ingest.dossier.wrong-target", kind=kind, target=target_key, key=key))
        if not m.has(target_key):
            raise m.error(None, msg("ingest.dossier.needs-field", kind=kind, field=target_key))
        target = self._ref(m, target_key, targets[target_key])
        self.add(node, SGR.modifies, target)
        if target_key == "candidature":
            self.add(node, SGR.ofCandidature, target)
        if field_key is not None:
            if not m.has(field_key):
                raise m.error(None, msg("ingest.dossier.needs-field", kind=kind, field=field_key))
            if field_key == "profile":
                cand = self.registry.get("candidature", m.ident("candidature")).entry
                value = self._profile(m, "profile", cand.ident("dispositif"), m.text("profile"))
            elif field_key == "component":
                value = self._component(m, "component", "additional")
            elif field_key == "root":
                value = self._ref(m, "root", "referencing")
            else:
                value = self._ref(m, field_key, "psc-habilitation")
            self.add(node, prop, value)
        step = m.choice("reopens", STEPS) if m.has("reopens") else (STEPS[default_step] if default_step else None)
        if step is not None:
            self.add(node, SGR.reopensStep, step)


def import_dossiers(paths: list[Path], index: ReferenceIndex) -> Graph:
    """All the dossiers of ``paths`` as one graph, or an InputError."""
    importer = DossierImporter(index)
    for path in paths:
        importer.read(path)
    return importer.build()
