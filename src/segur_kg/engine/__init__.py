"""The equivalence engine: the facts read from the store, each candidature's perimeter decisions and
status, root chains, impact and what-if, and the decisions derived into RDF (docs/engine.md)."""

from segur_kg.engine.perimeter import DECISIONS, Decision, Engine, EngineError, Perimeter, RootCycleError

__all__ = ["DECISIONS", "Decision", "Engine", "EngineError", "Perimeter", "RootCycleError"]
