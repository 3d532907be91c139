"""What the engine found, told to an analyst: sentences with the actual values, tables, CSV."""

from __future__ import annotations

import csv
import io
from datetime import date

from rich.console import Console
from rich.table import Table

from segur_kg.engine import Engine, Perimeter
from segur_kg.i18n import tr


def decision_label(decision: str) -> str:
    return {
        "deposit": tr("à déposer", "deposit"),
        "exempt-heritage": tr("exemptée (héritage vague 1)", "exempt (vague 1 heritage)"),
        "exempt-equivalence": tr("exemptée (équivalence)", "exempt (equivalence)"),
        "not-applicable": tr("hors périmètre", "not applicable"),
    }[decision]


def status_label(status: str) -> str:
    return {
        "ready": tr("prête", "ready"),
        "referenced": tr("référencée", "referenced"),
        "pending-root": tr("en attente de la racine", "awaiting its root"),
        "rejected": tr("rejetée", "rejected"),
        "incomplete": tr("incomplète", "incomplete"),
        "classic": tr("dépôt classique", "classic deposit"),
        "root-refused": tr("racine refusée", "root refused"),
    }[status]


def status_sentence(p: Perimeter) -> str:
    day = p.as_of.isoformat()
    chain = " -> ".join(p.root_chain)
    rules = ", ".join(p.status_rules)
    s = p.summary
    counts = tr(
        f"{s['deposit']} preuve(s) à déposer, {s['exempt-heritage']} exemptée(s) par héritage, "
        f"{s['exempt-equivalence']} exemptée(s) par équivalence, {s['not-applicable']} hors périmètre",
        f"{s['deposit']} proof(s) to deposit, {s['exempt-heritage']} exempt by heritage, "
        f"{s['exempt-equivalence']} exempt by equivalence, {s['not-applicable']} not applicable",
    )
    text = {
        "ready": tr(
            f"La candidature {p.candidature} ({p.dispositif}) est prête au {day}",
            f"Candidature {p.candidature} ({p.dispositif}) is ready on {day}",
        ),
        "referenced": tr(
            f"La candidature {p.candidature} ({p.dispositif}) est référencée au {day}",
            f"Candidature {p.candidature} ({p.dispositif}) is referenced on {day}",
        ),
        "pending-root": tr(
            f"La candidature {p.candidature} ({p.dispositif}) attend le référencement de sa racine au {day}",
            f"Candidature {p.candidature} ({p.dispositif}) awaits its root's referencing on {day}",
        ),
        "rejected": tr(
            f"La candidature {p.candidature} ({p.dispositif}) est rejetée au {day} : le NRU racine manquait à la Date 2",
            f"Candidature {p.candidature} ({p.dispositif}) is rejected on {day}: the root NRU was missing at Date 2",
        ),
        "incomplete": tr(
            f"La candidature {p.candidature} ({p.dispositif}) est incomplète au {day} : des preuves manquaient à la Date 2",
            f"Candidature {p.candidature} ({p.dispositif}) is incomplete on {day}: proofs were missing at Date 2",
        ),
        "classic": tr(
            f"La candidature {p.candidature} ({p.dispositif}) a choisi le dépôt classique : toutes ses preuves sont examinées",
            f"Candidature {p.candidature} ({p.dispositif}) chose the classic deposit: all its proofs are examined",
        ),
        "root-refused": tr(
            f"La candidature {p.candidature} ({p.dispositif}) ne peut pas utiliser sa racine au {day}",
            f"Candidature {p.candidature} ({p.dispositif}) cannot use its root on {day}",
        ),
    }[p.status]
    if chain:
        text += tr(f" (chaîne de racines : {chain})", f" (root chain: {chain})")
    if rules:
        text += f" [{rules}]"
    return f"{text}. {counts}."


def print_perimeter(console: Console, p: Perimeter) -> None:
    console.print(status_sentence(p))
    table = Table()
    for column in (
        tr("exigence", "requirement"),
        tr("profil", "profile"),
        tr("décision", "decision"),
        tr("règles", "rules"),
        "via",
        tr("origine", "origin"),
        tr("preuve", "proof"),
    ):
        table.add_column(column)
    for d in p.requirements:
        if d.decision == "not-applicable":
            continue
        table.add_row(
            d.requirement,
            d.profile or "",
            decision_label(d.decision),
            ", ".join(d.rules),
            " -> ".join(d.via),
            d.origin or "",
            d.proof_status or "",
        )
    console.print(table)
    hidden = p.summary["not-applicable"]
    if hidden:
        console.print(
            tr(
                f"{hidden} exigence(s) hors périmètre non affichée(s) (--format json pour tout voir).",
                f"{hidden} not-applicable requirement(s) not shown (--format json shows all).",
            )
        )


def perimeter_csv(p: Perimeter) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "candidature",
            "as_of",
            "status",
            "requirement",
            "profile",
            "decision",
            "rules",
            "via",
            "origin",
            "proof_status",
        ]
    )
    for d in p.requirements:
        writer.writerow(
            [
                p.candidature,
                p.as_of.isoformat(),
                p.status,
                d.requirement,
                d.profile or "",
                d.decision,
                " ".join(d.rules),
                " ".join(d.via),
                d.origin or "",
                d.proof_status or "",
            ]
        )
    return buffer.getvalue()


def chain_report(engine: Engine, iri: str, as_of: date, with_dependents: bool) -> dict:
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


def print_chain(console: Console, report: dict) -> None:
    start = (
        report.get("candidature") if "nru" not in report else f"{report['nru']} ({report.get('candidature') or '?'})"
    )
    if report["chain"]:
        steps = " -> ".join(
            f"{s['nru']} ({s['candidature'] or '?'}, {s['dispositif'] or '?'})" for s in report["chain"]
        )
        console.print(tr(f"{start} s'appuie sur : {steps}", f"{start} relies on: {steps}"))
    else:
        console.print(tr(f"{start} n'utilise aucune solution racine.", f"{start} uses no root solution."))
    deps = report.get("dependents")
    if deps is not None:
        direct = ", ".join(deps["direct"]) or tr("aucune", "none")
        transitive = ", ".join(deps["transitive"]) or tr("aucune", "none")
        console.print(
            tr(
                f"Candidatures qui l'utilisent directement : {direct} ; par transitivité : {transitive}.",
                f"Candidatures using it directly: {direct}; transitively: {transitive}.",
            )
        )


def risks(engine: Engine, as_of: date, within: int) -> list[dict]:
    """Candidatures waiting for a root whose Date 2 is within ``within`` days or past (ROOT-2, ROOT-3)."""
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


def print_risks(console: Console, found: list[dict], as_of: date, within: int) -> None:
    if not found:
        console.print(
            tr(
                f"Aucune candidature en attente de racine à moins de {within} jours de sa Date 2 au {as_of}.",
                f"No candidature awaits its root within {within} days of its Date 2 on {as_of}.",
            )
        )
        return
    for r in found:
        root = r["root"] or r["intended_root"] or "?"
        if r["root_nru_obtained"] and not r["root"]:
            days = (
                tr(
                    f"la Date 2 ({r['date2']}) est dans {r['days_left']} jour(s)",
                    f"Date 2 ({r['date2']}) is in {r['days_left']} day(s)",
                )
                if r["days_left"] >= 0
                else tr(
                    f"la Date 2 ({r['date2']}) est passée de {-r['days_left']} jour(s)",
                    f"Date 2 ({r['date2']}) passed {-r['days_left']} day(s) ago",
                )
            )
            console.print(
                tr(
                    f"{r['candidature']} ({r['dispositif']}) : {root} est référencée (NRU {r['root_nru_obtained']}, le {r['root_referenced']}) mais ce NRU n'est pas encore saisi ; {days} [{', '.join(r['rules'])}].",
                    f"{r['candidature']} ({r['dispositif']}): {root} is referenced (NRU {r['root_nru_obtained']}, on {r['root_referenced']}) but that NRU is not recorded yet; {days} [{', '.join(r['rules'])}].",
                )
            )
        elif r["days_left"] < 0:
            console.print(
                tr(
                    f"{r['candidature']} ({r['dispositif']}) : la Date 2 ({r['date2']}) est passée de {-r['days_left']} jour(s) sans NRU racine de {root} [{', '.join(r['rules'])}].",
                    f"{r['candidature']} ({r['dispositif']}): Date 2 ({r['date2']}) passed {-r['days_left']} day(s) ago without the root NRU of {root} [{', '.join(r['rules'])}].",
                )
            )
        else:
            console.print(
                tr(
                    f"{r['candidature']} ({r['dispositif']}) : {r['days_left']} jour(s) avant la Date 2 ({r['date2']}) et {root} n'est pas encore référencée [{', '.join(r['rules'])}].",
                    f"{r['candidature']} ({r['dispositif']}): {r['days_left']} day(s) before Date 2 ({r['date2']}) and {root} is not referenced yet [{', '.join(r['rules'])}].",
                )
            )


def print_whatif(console: Console, w) -> None:
    rules = ", ".join(w.rules)
    if w.refused:
        console.print(
            tr(
                f"Refusé : {w.change} pour {w.candidature} le {w.date} — {w.reason} [{rules}].",
                f"Refused: {w.change} for {w.candidature} on {w.date} — {w.reason} [{rules}].",
            )
        )
        if w.after is None:
            return
    else:
        console.print(
            tr(
                f"{w.change} pour {w.candidature} le {w.date} : {w.reason} [{rules}].",
                f"{w.change} for {w.candidature} on {w.date}: {w.reason} [{rules}].",
            )
        )
    b, a = w.before, w.after
    console.print(tr(f"Statut : {b.status} -> {a.status}.", f"Status: {b.status} -> {a.status}."))
    for key in b.summary:
        if b.summary[key] != a.summary[key]:
            console.print(f"  {decision_label(key)} : {b.summary[key]} -> {a.summary[key]}")
    if w.changes:
        table = Table(title=tr("Exigences dont la décision change", "Requirements whose decision changes"))
        for column in (
            tr("exigence", "requirement"),
            tr("avant", "before"),
            tr("après", "after"),
            tr("règles", "rules"),
            "via",
        ):
            table.add_column(column)
        for c in w.changes:
            table.add_row(
                c.requirement,
                decision_label(c.before) if c.before != "-" else "-",
                decision_label(c.after),
                ", ".join(c.rules),
                " -> ".join(c.via),
            )
        console.print(table)
    else:
        console.print(tr("Aucune décision ne change.", "No decision changes."))


def print_impact(console: Console, report: dict) -> None:
    if "withdrawal" in report:
        lost = report["withdrawal"]
        if not lost:
            console.print(
                tr(
                    f"Le retrait de {report['nru']} au {report['as_of']} ne retire aucune exemption.",
                    f"Withdrawing {report['nru']} on {report['as_of']} removes no exemption.",
                )
            )
        for item in lost:
            reqs = ", ".join(x["requirement"] for x in item["lost"])
            console.print(
                tr(
                    f"{item['candidature']} perd {len(item['lost'])} exemption(s) si {report['nru']} est retiré au {report['as_of']} "
                    f"(statut {item['status_before']} -> {item['status_after']}) : {reqs}.",
                    f"{item['candidature']} loses {len(item['lost'])} exemption(s) if {report['nru']} is withdrawn on {report['as_of']} "
                    f"(status {item['status_before']} -> {item['status_after']}): {reqs}.",
                )
            )
        return
    if "component" in report:
        console.print(
            tr(
                f"Changement « {report['change']} » du composant {report['component']} ({report['kind']}) :",
                f"Change '{report['change']}' of component {report['component']} ({report['kind']}):",
            )
        )
        for r in report["guichet_editeur"]:
            back = ", ".join(r["returns"])
            serves = ", ".join(r["serves"]) or "-"
            console.print(
                tr(
                    f"  guichet éditeur : {back} repasse(nt) au guichet (habilitation {r['habilitation']}, NRU {r['nru']}, "
                    f"configuration {r['configuration']}, sert {serves}) [{', '.join(r['rules'])}]",
                    f"  editor desk: {back} return(s) to the desk (habilitation {r['habilitation']}, NRU {r['nru']}, "
                    f"configuration {r['configuration']}, serves {serves}) [{', '.join(r['rules'])}]",
                )
            )
        for r in report["guichet_operateur"]:
            console.print(
                tr(
                    f"  guichet opérateur : {r['operator']} demande une nouvelle habilitation {r['new_habilitation']} (remplace {r['habilitation']}) [PSC-8]",
                    f"  operator desk: {r['operator']} needs a new {r['new_habilitation']} habilitation (replaces {r['habilitation']}) [PSC-8]",
                )
            )
        if not report["guichet_editeur"] and not report["guichet_operateur"]:
            console.print(
                tr(
                    "  aucune habilitation PSC ne porte sur ce composant.",
                    "  no PSC habilitation concerns this component.",
                )
            )
        if report["candidatures"]:
            console.print(
                tr(
                    f"  candidatures concernées : {', '.join(report['candidatures'])} [MOD-1]",
                    f"  candidatures concerned: {', '.join(report['candidatures'])} [MOD-1]",
                )
            )
        if report["dependent_candidatures"]:
            console.print(
                tr(
                    f"  candidatures qui s'appuient dessus comme racine : {', '.join(report['dependent_candidatures'])} : compatibilité ascendante à garantir [ASC-2]",
                    f"  candidatures relying on them as root: {', '.join(report['dependent_candidatures'])}: ascending compatibility to keep [ASC-2]",
                )
            )
        return
    name = report["commercial_name"]
    console.print(
        tr(
            f"Dénomination {name} (NIL {report['nil'] or '-'}) : une demande de conformité CNDA propre est nécessaire [CNDA-1].",
            f"Commercial name {name} (NIL {report['nil'] or '-'}): its own CNDA conformity request is needed [CNDA-1].",
        )
    )
    if report["cnda"]["children_inheriting"]:
        console.print(
            tr(
                f"  dénominations enfants qui en héritent la conformité : {', '.join(report['cnda']['children_inheriting'])} [CNDA-2]",
                f"  child names inheriting its conformity: {', '.join(report['cnda']['children_inheriting'])} [CNDA-2]",
            )
        )
    if report["guichet_editeur"]["habilitations"]:
        console.print(
            tr(
                f"  guichet éditeur : l'exigence EDC/PSC.102 est revue pour {', '.join(report['guichet_editeur']['habilitations'])} [PSC-1, PSC-2]",
                f"  editor desk: requirement EDC/PSC.102 is reviewed for {', '.join(report['guichet_editeur']['habilitations'])} [PSC-1, PSC-2]",
            )
        )
    if report["referencings_sent_with_name"]:
        console.print(
            tr(
                f"  référencements transmis avec ce nom à l'Assurance Maladie : {', '.join(report['referencings_sent_with_name'])} [NAME-1]",
                f"  referencings sent with this name to the Assurance Maladie: {', '.join(report['referencings_sent_with_name'])} [NAME-1]",
            )
        )


Q_DOSSIERS = """
SELECT ?c ?dossier ?title WHERE {
  ?c a sgr:Candidature ; dcterms:source ?d . ?d dcterms:identifier ?dossier . OPTIONAL { ?d dcterms:title ?title }
}"""


def overview(engine: Engine, store, as_of: date) -> list[dict]:
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


def print_overview(console: Console, rows: list[dict], as_of: date) -> None:
    table = Table(title=tr(f"Périmètres au {as_of}", f"Perimeters as of {as_of}"))
    for column in (
        "dossier",
        "candidature",
        "dispositif",
        tr("statut", "status"),
        tr("règles", "rules"),
        tr("à déposer", "deposit"),
        tr("héritage", "heritage"),
        tr("équivalence", "equivalence"),
        tr("hors périmètre", "n/a"),
        tr("chaîne", "chain"),
    ):
        table.add_column(column)
    for r in rows:
        s = r["summary"]
        table.add_row(
            r["dossier"],
            r["candidature"],
            r["dispositif"],
            status_label(r["status"]),
            ", ".join(r["status_rules"]),
            str(s["deposit"]),
            str(s["exempt-heritage"]),
            str(s["exempt-equivalence"]),
            str(s["not-applicable"]),
            " -> ".join(r["root_chain"]),
        )
    console.print(table)
