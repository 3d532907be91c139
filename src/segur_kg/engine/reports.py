"""Reports over the engine's results, as plain data ready for JSON and for :mod:`segur_kg.engine.explain`:
a root chain step by step, the candidatures whose root is late for their Date 2, every perimeter's
summary dossier by dossier."""

from __future__ import annotations

from datetime import date

from segur_kg.engine.facts import Candidature
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


@decides("ROOT-2", "ROOT-3", "ROOT-4")
def at_risk(engine: Engine, c: Candidature, as_of: date, within: int) -> int | None:
    """The days left to the candidature's Date 2 (negative once past) if it is at risk at Date 2 as of
    ``as_of``, else None. The one definition, shared with ``queries/candidatures-at-risk.rq`` (see
    docs/engine.md, "Candidatures at risk at Date 2"): it names an intended root (ROOT-2); no root NRU
    is recorded by the date, in the candidature or by a dated modification (ROOT-3); it did not choose
    the classic deposit (ROOT-4); it is not decided by the date (no decision date on or before it, no
    referencing of its own obtained by then); its dispositif has a Date 2, at most ``within`` days
    ahead or already past."""
    if not c.intended_root or c.classic:
        return None
    if engine.state(c, as_of).root is not None:
        return None
    if c.decision is not None and c.decision <= as_of:
        return None
    own = engine.f.referencing_by_candidature.get(c.iri)
    if own is not None and own.date is not None and own.date <= as_of:
        return None
    date2 = engine.f.dispositifs[c.dispositif].date2
    if date2 is None or (date2 - as_of).days > within:
        return None
    return (date2 - as_of).days


@decides("ROOT-2", "ROOT-3")
def risks(engine: Engine, as_of: date, within: int) -> list[dict]:
    """The candidatures at risk at Date 2 (:func:`at_risk`), each with its rule: ROOT-2 while Date 2 is
    ahead (the root NRU is still to record), ROOT-3 once it is past (the dossier is incomplete). The
    perimeter's status and rules as of the date come with it."""
    f = engine.f
    found = []
    for c in sorted(f.candidatures.values(), key=lambda c: c.ident):
        days = at_risk(engine, c, as_of, within)
        if days is None:
            continue
        disp = f.dispositifs[c.dispositif]
        intended = f.candidatures.get(c.intended_root) if c.intended_root else None
        # The intended root may be referenced already, its NRU not yet recorded in the candidature.
        obtained = f.referencing_by_candidature.get(intended.iri) if intended else None
        if obtained is not None and (obtained.wave != 2 or obtained.date is None or obtained.date > as_of):
            obtained = None
        p = engine.perimeter(c.iri, as_of)
        found.append(
            {
                "candidature": c.ident,
                "dispositif": disp.ident,
                "date2": disp.date2.isoformat() if disp.date2 else None,
                "days_left": days,
                "rule": "ROOT-3" if days < 0 else "ROOT-2",
                "root": None,  # never recorded by the date, by definition; kept for the JSON's readers
                "intended_root": intended.ident if intended else None,
                "root_referenced": obtained.date.isoformat() if obtained and obtained.date else None,
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
