"""What the engine refuses to reason on: an unknown identifier, a cycle of roots."""

from __future__ import annotations

from segur_kg.messages import msg


class EngineError(Exception):
    """The graph cannot be reasoned on as it is (a cycle of roots, an unknown identifier)."""


class RootCycleError(EngineError):
    """A chain of roots that comes back to where it started (TRANS-2: the chain has no cycle)."""

    def __init__(self, cycle: list[str]) -> None:
        self.cycle = cycle
        super().__init__(msg("engine.errors.root-cycle", cycle=" -> ".join(cycle)))
