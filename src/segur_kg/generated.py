"""The command of a file that is generated from the code and checked in (the rule index, the dossier JSON
Schema): print it, ``--write`` it into the checkout, or ``--check`` that the checked-in file is up to date."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def generated_file_command(
    argv: list[str] | None, *, prog: str, description: str, name: str, text: Callable[[], str],
    target: Callable[[], Path], regenerate: str,
) -> int:  # fmt: skip
    """Run the command: ``text()`` gives the file's content, ``target()`` its path in the checkout,
    ``name`` how messages call it; ``--check`` exits 1 naming ``regenerate``, the command that fixes it."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help=f"rewrite {name}")
    action.add_argument("--check", action="store_true", help=f"exit 1 if {name} is out of date")
    args = parser.parse_args(argv)
    content = text()
    if args.write:
        path = target()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8", newline="\n")
    elif args.check:
        path = target()
        if (path.read_text(encoding="utf-8") if path.is_file() else "") != content:
            print(f"{name} is out of date: run `{regenerate}`", file=sys.stderr)
            return 1
    else:
        sys.stdout.write(content)
    return 0
