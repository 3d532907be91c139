"""What the engine found, told to an analyst on the terminal: labels, sentences with the actual values,
rich tables, CSV. The reports it prints are computed in :mod:`segur_kg.engine.reports`."""

from __future__ import annotations

import csv
import io
from datetime import date

from rich.console import Console
from rich.table import Table

from segur_kg.engine.perimeter import Perimeter, Why
from segur_kg.engine.whatif import WhatIf
from segur_kg.messages import msg

__all__ = [
    "decision_label",
    "perimeter_csv",
    "proof_label",
    "print_chain",
    "print_impact",
    "print_overview",
    "print_perimeter",
    "print_risks",
    "print_whatif",
    "print_why",
    "status_label",
    "status_sentence",
    "why_csv",
]

DECISION_LABELS = {
    "deposit": "engine.explain.decision-deposit",
    "exempt-heritage": "engine.explain.decision-exempt-heritage",
    "exempt-equivalence": "engine.explain.decision-exempt-equivalence",
    "not-applicable": "engine.explain.decision-not-applicable",
}
STATUS_LABELS = {
    "ready": "engine.explain.status-ready",
    "referenced": "engine.explain.status-referenced",
    "pending-root": "engine.explain.status-pending-root",
    "rejected": "engine.explain.status-rejected",
    "incomplete": "engine.explain.status-incomplete",
    "classic": "engine.explain.status-classic",
    "root-refused": "engine.explain.status-root-refused",
}
STATUS_SENTENCES = {
    "ready": "engine.explain.sentence-ready",
    "referenced": "engine.explain.sentence-referenced",
    "pending-root": "engine.explain.sentence-pending-root",
    "rejected": "engine.explain.sentence-rejected",
    "incomplete": "engine.explain.sentence-incomplete",
    "classic": "engine.explain.sentence-classic",
    "root-refused": "engine.explain.sentence-root-refused",
}


def decision_label(decision: str) -> str:
    return msg(DECISION_LABELS[decision])


def status_label(status: str) -> str:
    return msg(STATUS_LABELS[status])


PROOF_LABELS = {
    "deposited": "engine.explain.proof-deposited",
    "validated": "engine.explain.proof-validated",
    "refused": "engine.explain.proof-refused",
}


def proof_label(status: str | None) -> str:
    """The proof's state as of the date, in the current language ("" when there is no proof)."""
    return msg(PROOF_LABELS[status]) if status else ""


def status_sentence(p: Perimeter) -> str:
    s = p.summary
    counts = msg(
        "engine.explain.sentence-counts",
        deposit=s["deposit"],
        heritage=s["exempt-heritage"],
        equivalence=s["exempt-equivalence"],
        not_applicable=s["not-applicable"],
    )
    text = msg(STATUS_SENTENCES[p.status], candidature=p.candidature, dispositif=p.dispositif, day=p.as_of.isoformat())
    chain = " -> ".join(p.root_chain)
    if chain:
        text += msg("engine.explain.sentence-chain", chain=chain)
    rules = ", ".join(p.status_rules)
    if rules:
        text += f" [{rules}]"
    return f"{text}. {counts}."


def _table(*columns: str, title: str | None = None) -> Table:
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    return table


def print_perimeter(console: Console, p: Perimeter) -> None:
    console.print(status_sentence(p))
    table = _table(
        msg("engine.explain.column-requirement"),
        msg("engine.explain.column-profile"),
        msg("engine.explain.column-decision"),
        msg("engine.explain.column-rules"),
        "via",
        msg("engine.explain.column-origin"),
        msg("engine.explain.column-proof"),
        msg("engine.explain.column-reason"),
    )
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
            proof_label(d.proof_status),
            d.message,
        )
    console.print(table)
    hidden = p.summary["not-applicable"]
    if hidden:
        console.print(msg("engine.explain.not-applicable-hidden", hidden=hidden))


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
            "reason",
            "message",
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
                d.reason,
                d.message,
            ]
        )
    return buffer.getvalue()


STEP_MARKS = {True: "✓", False: "✗", None: "·"}


def print_why(console: Console, why: Why) -> None:
    """One decision and the checks that led to it, numbered, each with its rules and values."""
    d = why.decision
    console.print(
        msg(
            "engine.explain.why-heading",
            requirement=d.requirement,
            candidature=why.candidature,
            day=why.as_of.isoformat(),
        )
    )
    for number, step in enumerate(why.steps, 1):
        console.print(f"{number:>2}. {STEP_MARKS[step.passed]} {step.message}", markup=False, highlight=False)
    console.print(
        msg("engine.why.decision", decision=decision_label(d.decision), rules=", ".join(d.rules), message=d.message),
        markup=False,
        highlight=False,
    )


def why_csv(why: Why) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["candidature", "as_of", "requirement", "step", "rules", "check", "passed", "message"])
    for number, step in enumerate(why.steps, 1):
        passed = "" if step.passed is None else str(step.passed).lower()
        row = [why.candidature, why.as_of.isoformat(), why.decision.requirement, number, " ".join(step.rules)]
        writer.writerow(row + [step.check, passed, step.message])
    d = why.decision
    writer.writerow(
        [
            why.candidature,
            why.as_of.isoformat(),
            d.requirement,
            len(why.steps) + 1,
            " ".join(d.rules),
            "decision",
            d.decision,
            d.message,
        ]
    )
    return buffer.getvalue()


def print_chain(console: Console, report: dict) -> None:
    start = (
        report.get("candidature") if "nru" not in report else f"{report['nru']} ({report.get('candidature') or '?'})"
    )
    if report["chain"]:
        steps = " -> ".join(
            f"{s['nru']} ({s['candidature'] or '?'}, {s['dispositif'] or '?'})" for s in report["chain"]
        )
        console.print(msg("engine.explain.chain-relies-on", start=start, steps=steps))
    else:
        console.print(msg("engine.explain.chain-no-root", start=start))
    deps = report.get("dependents")
    if deps is not None:
        direct = ", ".join(deps["direct"]) or msg("engine.explain.none")
        transitive = ", ".join(deps["transitive"]) or msg("engine.explain.none")
        console.print(msg("engine.explain.chain-dependents", direct=direct, transitive=transitive))


def print_risks(console: Console, found: list[dict], as_of: date, within: int) -> None:
    if not found:
        console.print(msg("engine.explain.risks-none", within=within, as_of=as_of))
        return
    for r in found:
        root = r["root"] or r["intended_root"] or "?"
        days_left = r["days_left"]
        where = {"candidature": r["candidature"], "dispositif": r["dispositif"], "rules": ", ".join(r["rules"])}
        if r["root_nru_obtained"] and not r["root"]:
            if days_left >= 0:
                deadline = msg("engine.explain.risks-date2-in", date2=r["date2"], days=days_left)
            else:
                deadline = msg("engine.explain.risks-date2-passed", date2=r["date2"], days=-days_left)
            text = msg(
                "engine.explain.risks-nru-not-recorded",
                root=root,
                nru=r["root_nru_obtained"],
                referenced=r["root_referenced"],
                deadline=deadline,
                **where,
            )
        elif days_left < 0:
            text = msg(
                "engine.explain.risks-date2-passed-without-root", date2=r["date2"], days=-days_left, root=root, **where
            )
        else:
            text = msg("engine.explain.risks-root-not-referenced", days=days_left, date2=r["date2"], root=root, **where)
        console.print(text)


def print_whatif(console: Console, w: WhatIf) -> None:
    told = {
        "change": w.change,
        "candidature": w.candidature,
        "date": w.date,
        "reason": w.reason,
        "rules": ", ".join(w.rules),
    }
    if w.refused:
        console.print(msg("engine.explain.whatif-refused", **told))
        if w.after is None:
            return
    else:
        console.print(msg("engine.explain.whatif-accepted", **told))
    b, a = w.before, w.after
    console.print(msg("engine.explain.whatif-status", before=b.status, after=a.status))
    for key in b.summary:
        if b.summary[key] != a.summary[key]:
            console.print(f"  {decision_label(key)} : {b.summary[key]} -> {a.summary[key]}")
    if not w.changes:
        console.print(msg("engine.explain.whatif-no-change"))
        return
    table = _table(
        msg("engine.explain.column-requirement"),
        msg("engine.explain.column-before"),
        msg("engine.explain.column-after"),
        msg("engine.explain.column-rules"),
        "via",
        title=msg("engine.explain.whatif-changes-title"),
    )
    for c in w.changes:
        table.add_row(
            c.requirement,
            decision_label(c.before) if c.before != "-" else "-",
            decision_label(c.after),
            ", ".join(c.rules),
            " -> ".join(c.via),
        )
    console.print(table)


def print_impact(console: Console, report: dict) -> None:
    """Print an impact report: a withdrawal, a component change or a commercial name change."""
    if "withdrawal" in report:
        _print_withdrawal(console, report)
    elif "component" in report:
        _print_component_impact(console, report)
    else:
        _print_name_impact(console, report)


def _print_withdrawal(console: Console, report: dict) -> None:
    lost = report["withdrawal"]
    if not lost:
        console.print(msg("engine.explain.withdrawal-none", nru=report["nru"], as_of=report["as_of"]))
    for item in lost:
        console.print(
            msg(
                "engine.explain.withdrawal-loses",
                candidature=item["candidature"],
                count=len(item["lost"]),
                nru=report["nru"],
                as_of=report["as_of"],
                before=status_label(item["status_before"]),
                after=status_label(item["status_after"]),
                requirements=", ".join(x["requirement"] for x in item["lost"]),
            )
        )


def _print_component_impact(console: Console, report: dict) -> None:
    console.print(
        msg(
            "engine.explain.component-change",
            change=report["change"],
            component=report["component"],
            kind=report["kind"],
        )
    )
    for r in report["guichet_editeur"]:
        console.print(
            msg(
                "engine.explain.component-editor-desk",
                returns=", ".join(r["returns"]),
                habilitation=r["habilitation"],
                nru=r["nru"],
                configuration=r["configuration"],
                serves=", ".join(r["serves"]) or "-",
                rules=", ".join(r["rules"]),
            )
        )
    for r in report["guichet_operateur"]:
        console.print(
            msg(
                "engine.explain.component-operator-desk",
                operator=r["operator"],
                new_habilitation=r["new_habilitation"],
                habilitation=r["habilitation"],
            )
        )
    if not report["guichet_editeur"] and not report["guichet_operateur"]:
        console.print(msg("engine.explain.component-no-habilitation"))
    if report["candidatures"]:
        console.print(msg("engine.explain.component-candidatures", candidatures=", ".join(report["candidatures"])))
    if report["dependent_candidatures"]:
        dependents = ", ".join(report["dependent_candidatures"])
        console.print(msg("engine.explain.component-dependents", candidatures=dependents))


def _print_name_impact(console: Console, report: dict) -> None:
    console.print(msg("engine.explain.name-cnda", name=report["commercial_name"], nil=report["nil"] or "-"))
    if report["cnda"]["children_inheriting"]:
        children = ", ".join(report["cnda"]["children_inheriting"])
        console.print(msg("engine.explain.name-children", children=children))
    if report["guichet_editeur"]["habilitations"]:
        habilitations = ", ".join(report["guichet_editeur"]["habilitations"])
        console.print(msg("engine.explain.name-editor-desk", habilitations=habilitations))
    if report["referencings_sent_with_name"]:
        referencings = ", ".join(report["referencings_sent_with_name"])
        console.print(msg("engine.explain.name-referencings", referencings=referencings))


def print_overview(console: Console, rows: list[dict], as_of: date) -> None:
    table = _table(
        "dossier",
        "candidature",
        "dispositif",
        msg("engine.explain.column-status"),
        msg("engine.explain.column-rules"),
        msg("engine.explain.column-deposit"),
        msg("engine.explain.column-heritage"),
        msg("engine.explain.column-equivalence"),
        msg("engine.explain.column-not-applicable"),
        msg("engine.explain.column-chain"),
        title=msg("engine.explain.overview-title", as_of=as_of),
    )
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
