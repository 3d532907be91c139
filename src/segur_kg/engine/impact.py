"""What a change would do: what-if on a candidature, the impact of a modified component, commercial
name or withdrawn referencing (MOD-1, DATE-3, PSC-2, PSC-4..8, CNDA-1, CNDA-2, NAME-1)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import date

from segur_kg import identifiers
from segur_kg.engine import Engine, EngineError, Perimeter
from segur_kg.engine.facts import Facts, Modification
from segur_kg.i18n import tr
from segur_kg.stores import Store

# ---------------------------------------------------------------------------------------------
# What-if on a candidature (MOD-1, DATE-3, ROOT-*)
# ---------------------------------------------------------------------------------------------


@dataclass
class Change:
    requirement: str
    before: str
    after: str
    rules: tuple[str, ...]
    via: tuple[str, ...]


@dataclass
class WhatIf:
    candidature: str
    change: str  # e.g. "add-profile PA"
    date: date
    refused: bool
    rules: tuple[str, ...]
    reason: str
    before: Perimeter
    after: Perimeter | None
    changes: list[Change] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "candidature": self.candidature,
            "change": self.change,
            "date": self.date.isoformat(),
            "refused": self.refused,
            "rules": list(self.rules),
            "reason": self.reason,
            "before": {"status": self.before.status, "summary": self.before.summary},
            "after": None if self.after is None else {"status": self.after.status, "summary": self.after.summary},
            "changes": [
                {
                    "requirement": c.requirement,
                    "before": c.before,
                    "after": c.after,
                    "rules": list(c.rules),
                    "via": list(c.via),
                }
                for c in self.changes
            ],
        }


def _with_candidature(facts: Facts, cand) -> Facts:
    clone = copy.copy(facts)
    clone.candidatures = dict(facts.candidatures)
    clone.candidatures[cand.iri] = cand
    return clone


def diff(before: Perimeter, after: Perimeter) -> list[Change]:
    old = {d.requirement_iri: d for d in before.requirements}
    changes = []
    for d in after.requirements:
        prior = old.get(d.requirement_iri)
        if prior is None or prior.decision != d.decision:
            changes.append(Change(d.requirement, prior.decision if prior else "-", d.decision, d.rules, d.via))
    return changes


def whatif(
    engine: Engine,
    candidature: str,
    as_of: date,
    *,
    add_profile: str | None = None,
    add_component: str | None = None,
    root: str | None = None,
    on: date | None = None,
) -> WhatIf:
    """The perimeter before and after a proposed change made on ``on`` (default: ``as_of``)."""
    f = engine.f
    c = f.candidatures[candidature]
    disp = f.dispositifs[c.dispositif]
    on = on or as_of
    before = engine.perimeter(candidature, as_of)
    mod = Modification(iri=f"{c.iri}/whatif", ident="whatif", kind="", date=on, target=c.iri)
    refusal: tuple[tuple[str, ...], str] | None = None
    if add_profile is not None:
        label = f"add-profile {add_profile}"
        if add_profile not in disp.profiles:
            offered = ", ".join(sorted(disp.profiles))
            refusal = (
                (),
                tr(
                    f"le dispositif {disp.ident} ne propose pas le profil {add_profile} (profils : {offered})",
                    f"dispositif {disp.ident} does not offer profile {add_profile} (profiles: {offered})",
                ),
            )
        elif disp.profiles[add_profile] and disp.date2 and on > disp.date2:
            refusal = (
                ("DATE-3",),
                tr(
                    f"le profil optionnel {add_profile} ne peut plus être ajouté le {on} : la Date 2 de {disp.ident} était le {disp.date2}",
                    f"optional profile {add_profile} can no longer be added on {on}: {disp.ident}'s Date 2 was {disp.date2}",
                ),
            )
        mod = replace(mod, kind="AddProfile", profile=add_profile)
    elif add_component is not None:
        comp = f.ids.get(add_component, add_component)
        label = f"add-component {add_component}"
        if comp not in f.component_types:
            refusal = (
                (),
                tr(
                    f"'{add_component}' n'est pas un composant additionnel connu",
                    f"'{add_component}' is not a known additional component",
                ),
            )
        mod = replace(mod, kind="AddAdditionalComponent", component=comp)
    elif root is not None:
        ref_iri = f.ids.get(root, root)
        label = f"root {root}"
        if ref_iri not in f.referencings:
            refusal = ((), tr(f"NRU inconnu '{root}'", f"unknown NRU '{root}'"))
        mod = replace(mod, kind="SetRootNRU", root=ref_iri)
    else:
        raise ValueError("one change is needed")
    if refusal is not None:
        return WhatIf(c.ident, label, on, True, refusal[0], refusal[1], before, None)
    changed = replace(c, modifications=sorted(c.modifications + [mod], key=lambda m: (m.date or date.min, m.ident)))
    if root is not None and not changed.attestation_complete:
        # Recording a root goes with the attestation sur l'honneur (ROOT-5): assume it is deposited too.
        changed = replace(changed, attestation_complete=True, attestation_date=on)
    other = Engine(_with_candidature(f, changed))
    after = other.perimeter(candidature, as_of)
    if root is not None:
        check = other.check_root(changed, other.state(changed, as_of), as_of)
        if not check.valid and not check.pending:
            names = ", ".join(check.rules)
            return WhatIf(
                c.ident,
                label,
                on,
                True,
                check.rules,
                tr(
                    f"la racine {root} est refusée pour {c.ident} ({names})",
                    f"root {root} is refused for {c.ident} ({names})",
                ),
                before,
                after,
                diff(before, after),
            )
    rules = ("MOD-1",)
    reason = tr(
        f"la modification rouvre l'étape {'Éligibilité' if root else 'Candidature administrative'} de {c.ident}",
        f"the change reopens the {'Eligibility' if root else 'Administrative application'} step of {c.ident}",
    )
    return WhatIf(c.ident, label, on, False, rules, reason, before, after, diff(before, after))


# ---------------------------------------------------------------------------------------------
# Withdrawal of a referencing
# ---------------------------------------------------------------------------------------------


def withdrawal(engine: Engine, nru_iri: str, as_of: date) -> list[dict]:
    """If the referencing disappeared on ``as_of``: which candidatures lose which exemptions."""
    f = engine.f
    clone = copy.copy(f)
    clone.referencings = dict(f.referencings)
    clone.referencings[nru_iri] = replace(f.referencings[nru_iri], withdrawn=as_of)
    clone.referencing_by_candidature = {k: clone.referencings[v.iri] for k, v in f.referencing_by_candidature.items()}
    other = Engine(clone)
    affected = []
    for cand in sorted(f.candidatures.values(), key=lambda c: c.ident):
        before, after = engine.perimeter(cand.iri, as_of), other.perimeter(cand.iri, as_of)
        lost = [c for c in diff(before, after) if c.before.startswith("exempt")]
        if lost:
            affected.append(
                {
                    "candidature": cand.ident,
                    "status_before": before.status,
                    "status_after": after.status,
                    "lost": [{"requirement": c.requirement, "was": c.before, "now": c.after} for c in lost],
                }
            )
    return affected


# ---------------------------------------------------------------------------------------------
# PSC, components and commercial names (PSC-2, PSC-4..8, CNDA-1, CNDA-2, NAME-1)
# ---------------------------------------------------------------------------------------------

Q_HABILITATIONS = """
SELECT ?h ?id ?nru ?config ?lps ?proxy WHERE {
  ?h a sgr:PSCHabilitation ; dcterms:identifier ?id ; sgr:guichet sgr:GuichetEditeur ; sgr:pscConfiguration ?config .
  OPTIONAL { ?h sgr:nru ?nru } OPTIONAL { ?h sgr:lps ?lps } OPTIONAL { ?h sgr:proxy ?proxy }
}"""
Q_HABILITATION_LINKS = """
SELECT ?h ?p ?o WHERE {
  ?h a sgr:PSCHabilitation ; ?p ?o .
  VALUES ?p { sgr:servesSolutionVersion sgr:commercialName sgr:declaredComponent }
}"""
Q_OPERATORS = """
SELECT ?h ?id ?role ?operator ?comp ?date WHERE {
  ?h a sgr:OperatorHabilitation ; dcterms:identifier ?id ; sgr:operatorRole ?role ; sgr:operatedComponent ?comp .
  OPTIONAL { ?h sgr:operator/dcterms:identifier ?operator } OPTIONAL { ?h sgr:habilitationDate ?date }
}"""
Q_COMPONENT = """
SELECT ?kind ?id WHERE { %s a ?kind ; dcterms:identifier ?id . VALUES ?kind { sgr:MainComponent sgr:AdditionalComponent sgr:LPS sgr:ProxyESante } }"""
Q_USERS = """
SELECT DISTINCT ?version ?vid WHERE { ?version a sgr:SolutionVersion ; dcterms:identifier ?vid ;
  (sgr:mainComponent|sgr:additionalComponent|sgr:lps|sgr:proxy|sgr:commercialName) %s }"""
Q_NAME = """
SELECT ?id ?nil ?parent ?status WHERE { %s a sgr:CommercialName ; dcterms:identifier ?id .
  OPTIONAL { %s sgr:nil ?nil } OPTIONAL { %s sgr:parentName/dcterms:identifier ?parent }
  OPTIONAL { %s sgr:cndaConformity/sgr:conformityStatus ?status } }"""
Q_CHILDREN = """SELECT ?id WHERE { ?child sgr:parentName+ %s ; dcterms:identifier ?id } ORDER BY ?id"""

CONFIG_RULE = {"Separate": "PSC-4", "Monobloc": "PSC-5", "ProxyAlone": "PSC-6", "LPSAlone": "PSC-7"}
OPERATOR_CHANGES = {"migration", "internalisation", "provider-change", "proxy-leaves-monobloc"}


def _local(term) -> str:
    return str(term).rsplit("#", 1)[-1]


def _returns(config: str, changed: str, h: dict) -> list[str]:
    """Which components of a habilitation return to the guichet éditeur when ``changed`` is modified."""
    if config == "Monobloc":
        return [x for x in (h["lps"], h["proxy"]) if x]
    return [changed]


def component_impact(engine: Engine, store: Store, component: str, change: str | None, as_of: date) -> dict:
    f = engine.f
    iri = identifiers.resolve(component, ("component",), f.ids.get, None, EngineError)
    rows = store.select(Q_COMPONENT % f"<{iri}>").rows
    if not rows:
        raise EngineError(tr(f"'{component}' n'est pas un composant", f"'{component}' is not a component"))
    kind, ident = _local(rows[0][0]), str(rows[0][1])
    change = change or {"LPS": "modify-lps", "ProxyESante": "modify-proxy"}.get(kind, "modify-component")
    names = {}
    habs = []
    links: dict[str, dict[str, list[str]]] = {}
    for h, p, o in store.select(Q_HABILITATION_LINKS).rows:
        links.setdefault(str(h), {}).setdefault(_local(p), []).append(str(o))
    for h, hid, nru, config, lps, proxy in store.select(Q_HABILITATIONS).rows:
        entry = {
            "iri": str(h),
            "id": str(hid),
            "nru": str(nru) if nru else None,
            "config": _local(config),
            "lps": str(lps) if lps else None,
            "proxy": str(proxy) if proxy else None,
        }
        if iri in (entry["lps"], entry["proxy"]) or iri in links.get(str(h), {}).get("declaredComponent", []):
            habs.append(entry)
    for s, label in store.select("SELECT ?s ?id WHERE { ?s a sgr:Component ; dcterms:identifier ?id }").rows:
        names[str(s)] = str(label)
    returns = []
    for h in habs:
        served = sorted(
            f.versions[v].ident for v in links.get(h["iri"], {}).get("servesSolutionVersion", []) if v in f.versions
        )
        rule = CONFIG_RULE.get(h["config"], "PSC-2")
        back = [names.get(x, x) for x in _returns(h["config"], iri, h)] if iri in (h["lps"], h["proxy"]) else [ident]
        returns.append(
            {
                "guichet": "editeur",
                "habilitation": h["id"],
                "nru": h["nru"],
                "configuration": h["config"],
                "returns": back,
                "serves": served,
                "rules": [rule, "PSC-2"] + (["PSC-3"] if len(served) > 1 else []),
            }
        )
    operators = []
    # Whoever operates the component now: the latest habilitation per role on the date (PSC-8).
    current: dict[str, tuple] = {}
    for h, hid, role, operator, comp, when in store.select(Q_OPERATORS).rows:
        day = when.toPython() if when is not None else date.min
        if str(comp) != iri or day > as_of:
            continue
        if _local(role) not in current or (day, str(hid)) > current[_local(role)][:2]:
            current[_local(role)] = (day, str(hid), str(operator) if operator else None)
    if change in OPERATOR_CHANGES:
        for role, (_, hid, operator) in sorted(current.items()):
            operators.append(
                {
                    "guichet": "operateur",
                    "habilitation": hid,
                    "operator": operator,
                    "new_habilitation": "Opérateur de Service Utilisateur"
                    if role == "OperateurServiceUtilisateur"
                    else "Opérateur de Proxy e-Santé",
                    "rules": ["PSC-8"],
                }
            )
    versions = [str(v) for v, _ in store.select(Q_USERS % f"<{iri}>").rows]
    candidatures = sorted(c.ident for c in f.candidatures.values() if c.version in versions)
    roots_of = sorted(
        {d for c in f.candidatures.values() if c.version in versions for d in _dependents_of(engine, c.iri)}
    )
    return {
        "component": ident,
        "kind": kind,
        "change": change,
        "as_of": as_of.isoformat(),
        "guichet_editeur": returns,
        "guichet_operateur": operators,
        "candidatures": candidatures,
        "dependent_candidatures": roots_of,
        "rules": ["MOD-1"] + (["ASC-2"] if roots_of else []),
    }


def _dependents_of(engine: Engine, candidature: str) -> list[str]:
    own = engine.f.referencing_by_candidature.get(candidature)
    if own is None:
        return []
    deps = engine.dependents(own.iri)
    return deps["direct"] + deps["transitive"]


def name_impact(engine: Engine, store: Store, name: str, as_of: date) -> dict:
    f = engine.f
    iri = identifiers.resolve(name, ("commercial-name",), f.ids.get, None, EngineError)
    node = f"<{iri}>"
    rows = store.select(Q_NAME % (node, node, node, node)).rows
    if not rows:
        raise EngineError(tr(f"'{name}' n'est pas une dénomination commerciale", f"'{name}' is not a commercial name"))
    ident, nil, parent, status = rows[0]
    children = [str(r[0]) for r in store.select(Q_CHILDREN % node).rows]
    habs = [
        str(h) for h, p, o in store.select(Q_HABILITATION_LINKS).rows if _local(p) == "commercialName" and str(o) == iri
    ]
    hab_ids = sorted(str(r[1]) for r in store.select(Q_HABILITATIONS).rows if str(r[0]) in habs)
    versions = [str(v) for v, _ in store.select(Q_USERS % node).rows]
    referencings = sorted(
        ref.nru for ref in f.referencings.values() if ref.version in versions and ref.date and ref.date <= as_of
    )
    return {
        "commercial_name": str(ident),
        "nil": str(nil) if nil else None,
        "parent": str(parent) if parent else None,
        "conformity": _local(status) if status else None,
        "as_of": as_of.isoformat(),
        "cnda": {
            "own_request_needed": True,
            "rules": ["CNDA-1"],
            "children_inheriting": children,
            "children_rules": ["CNDA-2"] if children else [],
        },
        "guichet_editeur": {
            "habilitations": hab_ids,
            "requirements": ["EDC/PSC.102"] if hab_ids else [],
            "rules": ["PSC-1", "PSC-2"] if hab_ids else [],
        },
        "referencings_sent_with_name": referencings,
        "rules": ["NAME-1"] if referencings else [],
    }
