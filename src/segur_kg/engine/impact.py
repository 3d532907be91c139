"""What a change outside the candidature would do: the withdrawal of a referencing (which candidatures
lose which exemptions), the modification of a component (which PSC habilitations return to which
guichet: PSC-2..8, MOD-1, ASC-2) or of a commercial name (CNDA-1, CNDA-2, NAME-1). See docs/engine.md.

``whatif`` (a change of the candidature itself) lives in :mod:`segur_kg.engine.whatif`; it is
re-exported here because ``impact.whatif`` is how the CLI, the tests and the notebooks call it."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date

from segur_kg import identifiers
from segur_kg.engine.errors import EngineError
from segur_kg.engine.perimeter import Engine
from segur_kg.engine.whatif import diff, whatif
from segur_kg.messages import msg
from segur_kg.rules import decides
from segur_kg.stores import Store

__all__ = ["CONFIG_RULE", "OPERATOR_CHANGES", "component_impact", "name_impact", "whatif", "withdrawal"]


# ---- withdrawal of a referencing


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


# ---- PSC habilitations, components and commercial names

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
SELECT ?kind ?id WHERE { %s a ?kind ; dcterms:identifier ?id .
  VALUES ?kind { sgr:MainComponent sgr:AdditionalComponent sgr:LPS sgr:ProxyESante } }"""
Q_USERS = """
SELECT DISTINCT ?version ?vid WHERE { ?version a sgr:SolutionVersion ; dcterms:identifier ?vid ;
  (sgr:mainComponent|sgr:additionalComponent|sgr:lps|sgr:proxy|sgr:commercialName) %s }"""
Q_NAME = """
SELECT ?id ?nil ?parent ?status WHERE { %s a sgr:CommercialName ; dcterms:identifier ?id .
  OPTIONAL { %s sgr:nil ?nil } OPTIONAL { %s sgr:parentName/dcterms:identifier ?parent }
  OPTIONAL { %s sgr:cndaConformity/sgr:conformityStatus ?status } }"""
Q_CHILDREN = """SELECT ?id WHERE { ?child sgr:parentName+ %s ; dcterms:identifier ?id } ORDER BY ?id"""

# The rule of each LPS/Proxy configuration of a PSC habilitation, decided in component_impact.
CONFIG_RULE = {"Separate": "PSC-4", "Monobloc": "PSC-5", "ProxyAlone": "PSC-6", "LPSAlone": "PSC-7"}
OPERATOR_CHANGES = {"migration", "internalisation", "provider-change", "proxy-leaves-monobloc"}


def _local(term) -> str:
    return str(term).rsplit("#", 1)[-1]


@decides("PSC-4", "PSC-5", "PSC-6", "PSC-7")
def _returns(config: str, changed: str, h: dict) -> list[str]:
    """Which components of a habilitation return to the guichet éditeur when ``changed`` is modified."""
    if config == "Monobloc":
        return [x for x in (h["lps"], h["proxy"]) if x]
    return [changed]


@decides("MOD-1", "ASC-2", "PSC-2", "PSC-3", "PSC-4", "PSC-5", "PSC-6", "PSC-7", "PSC-8")
def component_impact(engine: Engine, store: Store, component: str, change: str | None, as_of: date) -> dict:
    """If the component were modified (``change``, by default after its kind): which PSC habilitations
    return to the guichet éditeur, which operators need a new habilitation, which candidatures are concerned."""
    f = engine.f
    iri = identifiers.resolve(component, ("component",), f.ids.get, None, EngineError)
    rows = store.select(Q_COMPONENT % f"<{iri}>").rows
    if not rows:
        raise EngineError(msg("engine.impact.not-a-component", component=component))
    kind, ident = _local(rows[0][0]), str(rows[0][1])
    change = change or {"LPS": "modify-lps", "ProxyESante": "modify-proxy"}.get(kind, "modify-component")
    names = {}
    habs = []
    links: dict[str, dict[str, list[str]]] = {}
    for h, p, o in store.select(Q_HABILITATION_LINKS).rows:
        links.setdefault(str(h), {}).setdefault(_local(p), []).append(str(o))
    # In identifier order, whatever order the store returns them in: the report is the same on every store.
    for h, hid, nru, config, lps, proxy in sorted(store.select(Q_HABILITATIONS).rows, key=lambda row: str(row[1])):
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
    for _h, hid, role, operator, comp, when in store.select(Q_OPERATORS).rows:
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
    """The candidatures that rely on this candidature's referencing as root, directly or not."""
    own = engine.f.referencing_by_candidature.get(candidature)
    if own is None:
        return []
    deps = engine.dependents(own.iri)
    return deps["direct"] + deps["transitive"]


@decides("CNDA-1", "CNDA-2", "PSC-1", "PSC-2", "NAME-1")
def name_impact(engine: Engine, store: Store, name: str, as_of: date) -> dict:
    """If the commercial name changed: its own CNDA request, the children inheriting its conformity,
    the PSC habilitations reviewed, the referencings sent with it."""
    f = engine.f
    iri = identifiers.resolve(name, ("commercial-name",), f.ids.get, None, EngineError)
    node = f"<{iri}>"
    rows = store.select(Q_NAME % (node, node, node, node)).rows
    if not rows:
        raise EngineError(msg("engine.impact.not-a-commercial-name", name=name))
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
