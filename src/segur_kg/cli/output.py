"""What every command does around its work: the language and progress set from its options, a user's
mistake turned into one line and exit 2, results written whole to standard output or ``-o``, and the
store loaded from FILES."""

from __future__ import annotations

import functools
import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import typer
from rich.console import Console

from segur_kg import progress
from segur_kg.cli.options import Lang, TextFormat
from segur_kg.errors import InputError
from segur_kg.i18n import set_language
from segur_kg.messages import msg

# Tables are wider than 80 columns: outside a terminal (pipes, CI logs) give them room.
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)


def user_errors(func: Callable) -> Callable:
    """Run a command; a user's mistake becomes one stderr line and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        lang = kwargs.get("lang")
        set_language(lang.value if isinstance(lang, Lang) else "fr")
        progress.enable(sys.stderr.isatty() and not kwargs.get("quiet", False))
        from segur_kg.engine import EngineError

        try:
            return func(*args, **kwargs)
        except (InputError, EngineError) as exc:
            print(f"{msg('cli.error')}: {exc}", file=sys.stderr)
            raise typer.Exit(2) from None

    return wrapper


def write_or_print(data: bytes, output: Path | None) -> None:
    from segur_kg.writers import atomic_write

    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write(output, data)


def print_json(data: object, output: Path | None = None) -> None:
    write_or_print((json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), output)


def show(format: TextFormat, output: Path | None, data, printer: Callable[..., None], *context) -> None:
    """``data`` as JSON with ``--format json``, else as text: ``printer(console, data, *context)`` on the
    terminal, or into ``output`` (plain text, no colours) with ``-o``."""
    if format is TextFormat.json:
        print_json(data.as_json() if hasattr(data, "as_json") else data, output)
    elif output is None:
        printer(out, data, *context)
    else:
        buffer = io.StringIO()
        printer(Console(file=buffer, width=160, color_system=None, soft_wrap=True), data, *context)
        write_or_print(buffer.getvalue().encode("utf-8"), output)


def show_table(format, output: Path | None, data, csv_of: Callable[..., str], printer: Callable[..., None]) -> None:
    """A tabular result with ``--format table|json|csv``: its JSON, ``csv_of(data)``, or the printer's text."""
    from segur_kg.cli.options import TableFormat

    if format is TableFormat.json:
        print_json(data.as_json(), output)
    elif format is TableFormat.csv:
        write_or_print(csv_of(data).encode(), output)
    else:
        show(TextFormat.text, output, data, printer)


def parse_day(text: str | None):
    from datetime import date

    from segur_kg.ingest.tables import parse_date

    if text is None:
        return date.today()
    return parse_date(text, lambda message: InputError("--as-of", "", message))


def one_of(where: str, message_id: str, *options: object) -> None:
    """Exactly one of ``options`` is given, or a user error."""
    if sum(option is not None for option in options) != 1:
        raise InputError(where, "", msg(message_id))


def load_inputs(files, store, demo: bool):
    from segur_kg.ingest.loader import load

    return load(files or [], store=store, demo=demo)


def engine_of(files, store, demo: bool):
    from segur_kg.engine import Engine

    return Engine.from_store(load_inputs(files, store, demo).store)
