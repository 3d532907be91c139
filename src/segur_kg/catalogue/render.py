"""The text of ``rem show``, ``rem diff`` and ``equivalences compare``, in the current language."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from segur_kg.catalogue.equivalences import Comparison
from segur_kg.catalogue.timeline import RemAtMilestone, RemDiff
from segur_kg.errors import printable
from segur_kg.messages import msg


def _say(console: Console, text: str) -> None:
    console.print(escape(printable(text)), highlight=False, soft_wrap=True)


def _counterpart(entry: dict, rem_name: str) -> str:
    return "" if entry["project_requirement"] else msg("catalogue.no-counterpart", rem=rem_name)


def _shown(value: object) -> str:
    return "-" if value in (None, "") else str(value)


def print_show(console: Console, result: RemAtMilestone) -> None:
    values = {"rem": result.rem.name, "catalogue": result.rem.catalogue, "milestone": result.milestone}
    _say(console, msg("catalogue.show.title", count=len(result.requirements), **values))
    for e in result.requirements:
        line = msg(
            "catalogue.show.line",
            requirement=_shown(e["requirement"]),
            version=e["version"],
            status=_shown(e["status"]),
            criticality=_shown(e["criticality"]),
            profile=e["profile"],
            socle=", ".join(e["socle"]) or msg("catalogue.none"),
            counterpart=_counterpart(e, result.rem.name) if result.rem.project else "",
        )
        _say(console, line)


def print_diff(console: Console, result: RemDiff) -> None:
    counts = {"added": len(result.added), "removed": len(result.removed), "changed": len(result.changed)}
    head = {"rem": result.rem.name, "catalogue": result.rem.catalogue, "start": result.start, "end": result.end}
    _say(console, msg("catalogue.diff.title", **head, **counts))
    named = result.rem.project is not None
    for key, entries in (("catalogue.diff.added", result.added), ("catalogue.diff.removed", result.removed)):
        for e in entries:
            counterpart = _counterpart(e, result.rem.name) if named else ""
            _say(console, msg(key, requirement=_shown(e["requirement"]), version=e["version"], counterpart=counterpart))
    for e in result.changed:
        changes = "; ".join(
            msg("catalogue.diff.change", what=msg(f"catalogue.diff.what.{what}"), before=_shown(b), after=_shown(a))
            for what, (b, a) in e["changes"].items()
        )
        _say(console, msg("catalogue.diff.changed", requirement=_shown(e["requirement"]), changes=changes))
    for c in result.candidatures:
        _say(
            console,
            msg("catalogue.diff.candidature", candidature=c["candidature"], rem=c["rem"], count=len(c["items"])),
        )
        for item in c["items"]:
            values = {k: _shown(v) for k, v in item.items()}
            _say(console, msg(f"catalogue.impact.{item['kind']}", rem=c["rem"], **values))


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def print_comparison(console: Console, result: Comparison) -> None:
    common = len(result.common)
    found, expected = common + len(result.only_suggested), common + len(result.only_published)
    title = msg(
        "catalogue.compare.title",
        suggested=result.suggested,
        published=result.published,
        precision=_percent(result.precision),
        recall=_percent(result.recall),
        common=common,
        found=found,
        expected=expected,
    )
    _say(console, title)
    for key, pairs in (
        ("catalogue.compare.common", result.common),
        ("catalogue.compare.only-suggested", result.only_suggested),
        ("catalogue.compare.only-published", result.only_published),
    ):
        _say(console, msg(key, count=len(pairs)))
        for root_rem, root_req, cand_rem, cand_req in pairs:
            _say(console, f"  {root_rem} {root_req} -> {cand_rem} {cand_req}")
