"""The closed list of reasons a perimeter decision gives, with the rules behind each, and the one-line
message that tells it with the actual values (messages/engine.py, ``engine.reason.<code>``).

The codes are a contract of the perimeter JSON (docs/perimeter-json.md lists them, and a test holds the
two lists equal): a new code may be added, none is renamed or removed without a major version."""

from __future__ import annotations

from dataclasses import dataclass

from segur_kg.messages import msg


@dataclass(frozen=True)
class Reason:
    code: str
    decision: str  # the decision this reason goes with
    rules: tuple[str, ...]  # the rules it rests on (a decision may add others, e.g. TRANS-1)


_REASONS = (
    # not applicable
    Reason("profile-not-chosen", "not-applicable", ()),
    Reason("component-not-declared", "not-applicable", ("ADD-1",)),
    # heritage of the vague 1 referencing
    Reason("heritage-validated", "exempt-heritage", ("HER-2", "HER-3")),
    Reason("heritage-assumed", "exempt-heritage", ("HER-2", "HER-3")),
    Reason("no-vague1-for-profile", "deposit", ("HER-4",)),
    Reason("vague1-not-validated", "deposit", ("HER-3",)),
    Reason("vague1-other-editor", "deposit", ("HER-3",)),
    Reason("not-in-vague1-perimeter", "deposit", ("HER-3",)),
    # equivalence with a root
    Reason("equivalence", "exempt-equivalence", ("ROOT-6",)),
    Reason("no-root", "deposit", ("ROOT-1",)),
    Reason("root-unknown", "deposit", ("ROOT-1",)),
    Reason("root-refused", "deposit", ()),
    Reason("root-pending", "deposit", ("ROOT-2", "ROOT-6")),
    Reason("root-pending-not-common", "deposit", ("ROOT-6",)),
    Reason("root-proofs-unknown", "deposit", ("ROOT-6",)),
    Reason("root-lacks-component", "deposit", ("ADD-1",)),
    Reason("outside-root-perimeter", "deposit", ("ROOT-6",)),
    Reason("not-mapped", "deposit", ("COU-2",)),
    Reason("root-not-validated", "deposit", ("ROOT-6",)),
    Reason("upstream-withdrawn", "deposit", ("ROOT-1", "TRANS-2")),
    Reason("classic-deposit", "deposit", ("ROOT-4",)),
)
REASONS: dict[str, Reason] = {r.code: r for r in _REASONS}


def reason_message(code: str, values: dict[str, str]) -> str:
    """The reason's sentence in the current language."""
    return msg(f"engine.reason.{REASONS[code].code}", **values)
