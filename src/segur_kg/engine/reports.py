"""Reports over the engine's results, as plain data ready for JSON and for :mod:`segur_kg.engine.explain`:
a root chain step by step, the candidatures whose root is late for their Date 2, every perimeter's
summary dossier by dossier."""

from __future__ import annotations

from datetime import date

from segur_kg.engine.perimeter import Engine
from segur_kg.rules import decides
from segur_kg.stores import Store


def chain_report(engine: Engine, iri: str, as_of: date, with_dependents: bool) -> dict:
    """The chain of roots of a candidature or of a referencing's candidature, each step with its NRU,
    candidature, dispositif and referencing date; with who depends on it if asked."""
    f = engine.f
    if iri in f.candidatures:
        cand = f.candidatures[iri]
        nrus = engine.chain(iri, as_of)
        steps = []
        for nru in nrus:
            ref = f.referencings.get(f.ids.get(nru, ""))
            owner = f.candidatures.get(ref.candidature) if ref and ref.candidature else None
            steps.append(
                {
                    "nru": nru,
                    "candidature": owner.ident if owner else None,
                    "dispositif": f.dispositifs[owner.dispositif].ident if owner else None,
                    "referenced": ref.date.isoformat() if ref and ref.date else None,
                }
            )
        report = {"candidature": cand.ident, "as_of": as_of.isoformat(), "chain": steps}
        own = f.referencing_by_candidature.get(iri)
        if with_dependents and own is not None:
            report["dependents"] = engine.dependents(own.iri)
        return report
    ref = f.referencings[iri]
    owner = f.candidatures.get(ref.candidature) if ref.candidature else None
    report = {
        "nru": ref.nru,
        "candidature": owner.ident if owner else None,
        "as_of": as_of.isoformat(),
        "chain": chain_report(engine, owner.iri, as_of, False)["chain"] if owner else [],
    }
    if with_dependents:
        report["dependents"] = engine.dependents(iri)
    return report


@decides("ROOT-1", "ROOT-2", "ROOT-3")
def risks(engine: Engine, as_of: date, within: int) -> list[dict]:
    """Candidatures waiting for a root (not yet referenced, or not yet recorded) whose Date 2 is within
    ``within`` days or past: the root NRU must be recorded before Date 2."""
    found = []
    for p in engine.perimeters(as_of):
        if p.status not in ("pending-root", "rejected") or not set(p.status_rules) & {"ROOT-2", "ROOT-1"}:
            continue
        c = engine.f.candidatures[p.candidature_iri]
        disp = engine.f.dispositifs[c.dispositif]
        if disp.date2 is None:
            continue
        days = (disp.date2 - as_of).days
        if days > within:
            continue
        state = engine.state(c, as_of)
        root = engine.f.referencings.get(state.root) if state.root else None
        intended = engine.f.candidatures.get(c.intended_root) if c.intended_root else None
        # The intended root may be referenced already, its NRU not yet recorded in the candidature.
        obtained = root or (engine.f.referencing_by_candidature.get(intended.iri) if intended else None)
        if obtained is not None and (obtained.date is None or obtained.date > as_of):
            obtained = None
        found.append(
            {
                "candidature": c.ident,
                "dispositif": disp.ident,
                "date2": disp.date2.isoformat(),
                "days_left": days,
                "root": root.nru if root else None,
                "intended_root": intended.ident if intended else None,
                "root_referenced": obtained.date.isoformat() if obtained else None,
                "root_nru_obtained": obtained.nru if obtained else None,
                "status": p.status,
                "rules": list(p.status_rules),
            }
        )
    return sorted(found, key=lambda r: (r["days_left"], r["candidature"]))


Q_DOSSIERS = """
SELECT ?c ?dossier ?title WHERE {
  ?c a sgr:Candidature ; dcterms:source ?d . ?d dcterms:identifier ?dossier . OPTIONAL { ?d dcterms:title ?title }
}"""


def overview(engine: Engine, store: Store, as_of: date) -> list[dict]:
    """Every candidature's status, rules, root chain and perimeter summary, with the dossier it comes from."""
    dossiers = {str(c): (str(d), str(t) if t else "") for c, d, t in store.select(Q_DOSSIERS).rows}
    rows = []
    for p in engine.perimeters(as_of):
        dossier, title = dossiers.get(p.candidature_iri, ("", ""))
        rows.append(
            {
                "dossier": dossier,
                "title": title,
                "candidature": p.candidature,
                "dispositif": p.dispositif,
                "status": p.status,
                "status_rules": list(p.status_rules),
                "root_chain": list(p.root_chain),
                "summary": p.summary,
            }
        )
    return sorted(rows, key=lambda r: (r["dossier"], r["candidature"]))
