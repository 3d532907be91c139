"""Running segur-kg as a user does: in process through Typer's runner, or as the installed executable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from segur_kg.cli import app

_runner = CliRunner()


def invoke(*args: object):
    """The command's result (exit_code, stdout, stderr), run in this process."""
    return _runner.invoke(app, [str(a) for a in args])


def command(*args: str) -> list[str]:
    """The command line of the installed ``segur-kg`` executable (beside this interpreter) with ``args``."""
    exe = Path(sys.executable).with_name("segur-kg")
    start = [str(exe)] if exe.exists() else [sys.executable, "-c", "from segur_kg.cli import main; main()"]
    return [*start, *args]


def run_executable(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The installed ``segur-kg`` executable, as a separate process, to its end."""
    return subprocess.run(command(*args), capture_output=True, text=True, timeout=300, cwd=cwd)
