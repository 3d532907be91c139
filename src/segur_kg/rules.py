"""Which code decides which rule: engine functions are marked with :func:`decides`, so that the rule
index (``docs/rules.md``) reaches a rule's engine code in one hop, read from the code itself.

    @decides("ROOT-5", "ROOT-6")
    def check_root(...): ...

The marks are kept in :data:`REGISTRY` (rule ID -> qualified names of the functions) as the modules
are imported; :func:`segur_kg.rule_index.engine_functions` imports the engine's modules and reads it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import TypeVar

RULE_ID = re.compile(r"^[A-Z]+-\d+$")
REGISTRY: dict[str, set[str]] = defaultdict(set)

F = TypeVar("F", bound=Callable)


def decides(*rule_ids: str) -> Callable[[F], F]:
    """Mark a function as deciding these rules (IDs of the rule index, docs/rules.md, e.g. ``"ROOT-3"``)."""
    for rule in rule_ids:
        if not RULE_ID.match(rule):
            raise ValueError(f"not a rule ID: {rule!r}")

    def mark(func: F) -> F:
        func.__rules__ = tuple(sorted(set(getattr(func, "__rules__", ())) | set(rule_ids)))  # type: ignore[attr-defined]
        for rule in rule_ids:
            REGISTRY[rule].add(f"{func.__module__}.{func.__qualname__}")
        return func

    return mark
