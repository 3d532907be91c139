"""README's tour: what it writes into the checkout is ignored by git, and every command it shows exists."""

import re
import shutil
import subprocess

import pytest

from helpers.paths import ROOT
from segur_kg.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")
TOUR = README.split("## A short tour", 1)[1].split("\n## ", 1)[0]
COMMANDS = [line.split("#", 1)[0].strip() for line in TOUR.splitlines() if line.startswith("segur-kg ")]
NAMES = {command.name or command.callback.__name__ for command in app.registered_commands} | {
    group.name for group in app.registered_groups
}


def _written(command: str) -> list[str]:
    """Files and folders a tour command writes: its -o/--output, and a --store folder."""
    found = re.findall(r"(?:-o|--output|--store)\s+(\S+)", command)
    return [path for path in found if path not in ("memory", "rdflib") and "://" not in path]


def test_the_tour_shows_commands():
    assert len(COMMANDS) >= 10


@pytest.mark.parametrize("command", COMMANDS)
def test_each_tour_command_is_a_command_of_segur_kg(command):
    assert command.split()[1] in NAMES


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs the git checkout")
def test_what_the_tour_writes_is_ignored_by_git():
    written = sorted({path for command in COMMANDS for path in _written(command)})
    assert written, "the tour writes files: -o and --store paths were expected"
    for path in written:
        ignored = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
        assert ignored.returncode == 0, f"README's tour writes {path}: add it to .gitignore"
