"""The ``segur-kg`` command line: one module over the core (io, reference, dossiers, store)."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="segur-kg",
    help="Knowledge graph of the Ségur vague 2 referencing and its equivalence of proofs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def main() -> None:  # pragma: no cover - entry point
    app()
