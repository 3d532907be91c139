"""The installed ``segur-kg`` executable (cli.main) ends the process without freeing its heap: its
exit codes, its output and the files it writes must be exactly those of the command."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rdflib import Graph

from helpers.cli import run_executable as run
from segur_kg.ingest.loader import load


@pytest.fixture(scope="module")
def bundled_triples() -> int:
    return len(load([], demo=True).store)


def test_a_command_that_succeeds_exits_0_with_its_whole_output(bundled_triples):
    done = run("info", "--demo", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{bundled_triples} triples (oxigraph store)")
    assert done.stdout.rstrip().splitlines()[-1].startswith("└")  # the last table is there to its end


def test_a_missing_file_exits_2_with_one_line(tmp_path):
    missing = tmp_path / "missing.ttl"
    done = run("info", str(missing), "--lang", "en")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"error: {missing}: no such file"]


def test_an_unknown_option_exits_2_as_click_says():
    done = run("info", "--no-such-option")
    assert done.returncode == 2
    assert "--no-such-option" in done.stderr


def test_an_export_is_written_whole_before_the_process_ends(tmp_path, bundled_triples):
    out = tmp_path / "graph.nt"
    done = run("export", "--demo", "--format", "nt", "-o", str(out))
    assert done.returncode == 0, done.stderr
    graph = Graph().parse(out, format="nt")
    assert len(graph) == bundled_triples


@pytest.mark.parametrize("code, expected", [(None, 0), (0, 0), (3, 3), ("a message", 1)])
def test_main_turns_every_exit_into_the_process_exit_code(code, expected, tmp_path):
    script = (
        "import sys\n"
        "from segur_kg import cli\n"
        f"def app(**options): raise SystemExit({code!r})\n"
        "cli.app = app\n"
        "print('before', end='')\n"
        "cli.main()\n"
        "print('never')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == expected
    assert done.stdout == "before"
    assert done.stderr == ("a message\n" if code == "a message" else "")


def test_main_ends_the_process_with_the_code_a_command_returns():
    # main runs the app outside click's standalone mode: a command's exit code comes back as a value.
    script = "from segur_kg import cli\ndef app(**options): return 4\ncli.app = app\ncli.main()\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 4 and done.stdout == "" and done.stderr == ""


def test_the_executable_holds_in_memory_stores_until_it_ends_and_closes_persistent_ones(monkeypatch, tmp_path):
    from segur_kg.ingest import loader

    monkeypatch.setattr(loader, "_held", None)
    loader.load([])
    assert loader._held is None  # a library caller's stores are freed as usual
    loader.hold_until_exit()
    in_memory = loader.load([])
    on_disk = loader.load([], store=str(tmp_path / "store"))
    assert loader._held == [in_memory]
    assert on_disk not in loader._held
