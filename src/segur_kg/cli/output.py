"""What every command does around its work: the language and progress set from its options, a user's
mistake turned into one line and exit 2, results written whole to standard output or ``-o``, and the
store loaded from FILES."""

from __future__ import annotations

import contextlib
import functools
import io
import json
import logging
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import typer
from rich.console import Console

from segur_kg import progress
from segur_kg.cli.options import Lang, TextFormat
from segur_kg.errors import InputError, printable
from segur_kg.i18n import set_language
from segur_kg.messages import msg

# Tables are wider than 80 columns: outside a terminal (pipes, CI logs) give them room.
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)


def say(line: str) -> None:
    """One line on stderr, made printable: what the user wrote (a key, a cell, a file name) may hold
    terminal escape sequences or line breaks, which reach the terminal escaped."""
    print(printable(line), file=sys.stderr)


def error_line(error: Exception) -> str:
    return f"{msg('cli.error')}: {error}"


class _ThirdPartyLines(logging.Handler):
    """What the libraries log (rdflib on a literal that does not match its datatype, with the
    traceback of its conversion) and warn (openpyxl on a workbook's styles): one line each on stderr,
    no traceback; the same line once, at most :data:`SHOWN` lines, the others counted at the end."""

    SHOWN = 10

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: set[str] = set()
        self.hidden = 0

    def line(self, source: str, text: str) -> None:
        first = next(iter(text.strip().splitlines()), "")
        line = f"{msg('cli.warning')} ({source}): {first}"
        if line in self.seen:
            return
        if len(self.seen) >= self.SHOWN:  # counted, not kept: a long `serve` holds no growing set
            self.hidden += 1
            return
        self.seen.add(line)
        say(line)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:  # a library's malformed log call: its template, as written
            text = str(record.msg)
        self.line(record.name.split(".")[0], text)

    def show_warning(self, message, category, filename, lineno, file=None, line=None) -> None:
        self.line(category.__name__, str(message))


@contextlib.contextmanager
def third_party_warnings() -> Iterator[None]:
    """While a command runs, the libraries' log records and warnings go through :class:`_ThirdPartyLines`."""
    handler = _ThirdPartyLines()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        with warnings.catch_warnings():
            warnings.showwarning = handler.show_warning
            yield
    finally:
        root.removeHandler(handler)
        if handler.hidden:
            say(msg("cli.warnings-hidden", count=handler.hidden))


def user_errors(func: Callable) -> Callable:
    """Run a command; a user's mistake becomes one stderr line and exit code 2. What the libraries
    log or warn meanwhile is one line each, without traceback (:func:`third_party_warnings`)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        lang = kwargs.get("lang")
        set_language(lang.value if isinstance(lang, Lang) else "fr")
        progress.enable(sys.stderr.isatty() and not kwargs.get("quiet", False))
        try:
            with third_party_warnings():
                return func(*args, **kwargs)
        except Exception as exc:
            if not _users_mistake(exc):
                raise
            say(error_line(exc))
            raise typer.Exit(2) from None

    return wrapper


def _users_mistake(exc: Exception) -> bool:
    """An InputError, or an EngineError. The engine is not imported to ask (networkx and all: 0.2 s
    of a command such as ``info`` on a cache entry, which answers in about 1 s): an EngineError can
    only come from a command that imported it."""
    engine_errors = sys.modules.get("segur_kg.engine.errors")
    return isinstance(exc, InputError) or (engine_errors is not None and isinstance(exc, engine_errors.EngineError))


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


def load_inputs(files, store, demo: bool, no_cache: bool = False, *, whole_graph: bool = False):
    """The store of a command's inputs. ``whole_graph``: the command reads every triple (a full
    validation scans them some twenty times; an export decodes every term), which runs some ten times
    faster in memory than on a cache entry's disk store (validation 28.8 s against 322 s, export 5.6 s
    against 74 s at 5 M triples, docs/stores.md): it loads into memory, and the cache serves the
    commands that read part of the graph or what is kept beside the entry (``info``)."""
    from segur_kg.ingest.loader import load

    return load(files or [], store=store, demo=demo, cache=not (no_cache or whole_graph))


def engine_of(files, store, demo: bool, no_cache: bool = False):
    from segur_kg.engine import Engine

    return Engine.from_store(load_inputs(files, store, demo, no_cache).store)
