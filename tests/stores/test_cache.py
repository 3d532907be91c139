"""The store cache (issue 21): a second command on the same inputs opens the entry the first built;
a changed, added or deleted input gives another entry; the writes of ``derive`` stay out of it; a
bad input, a killed build or an unusable cache folder never leaves a usable wrong entry."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.helpers.cli import command, invoke

from segur_kg.ingest import cache

ROOT = Path(__file__).resolve().parents[2]
DERIVED = "https://w3id.org/segur-kg/graph/derived"
TURTLE = '@prefix ex: <https://example.org/> .\nex:thing ex:label "{value}" .\n'
# Every quad as CSV, through `query`: the commands that read part of the graph use the cache
# (export and a full validation read all of it, and load into memory).
EVERY_QUAD = str(Path(__file__).with_name("every-quad.rq"))


@pytest.fixture
def cache_root(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_VARIABLE, str(root))
    monkeypatch.setenv(cache.DEBUG_VARIABLE, "1")
    # These tests read the entry right after the first command: the build happens in it.
    monkeypatch.setenv(cache.BUILD_VARIABLE, "foreground")
    return root


@pytest.fixture
def background_cache(cache_root, monkeypatch) -> Path:
    monkeypatch.setenv(cache.BUILD_VARIABLE, "background")
    return cache_root


def _debug_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("segur-kg cache: ")]


def _actions(result) -> list[str]:
    return [line.split()[2] for line in _debug_lines(result)]


def _statements(text: str) -> list[str]:
    """The N-Triples or N-Quads lines of ``text``, sorted, blank node labels (each run's own) masked."""
    return sorted(re.sub(r"_:[A-Za-z0-9]+", "_:b", line) for line in text.splitlines())


def _labels(text: str) -> set[str]:
    """The ex:label values in the CSV rows of :data:`EVERY_QUAD`."""
    return {line.rsplit(",", 1)[1] for line in text.splitlines() if ",https://example.org/label," in line}


def _turtle(path: Path, value: str) -> Path:
    path.write_text(TURTLE.format(value=value), encoding="utf-8")
    return path


def test_second_run_uses_the_entry_with_the_same_output(cache_root, tmp_path):
    data = _turtle(tmp_path / "a.ttl", "alpha")
    first = invoke("query", EVERY_QUAD, data, "--format", "csv")
    second = invoke("query", EVERY_QUAD, data, "--format", "csv")
    cold = invoke("query", EVERY_QUAD, data, "--format", "csv", "--no-cache")
    assert first.exit_code == second.exit_code == cold.exit_code == 0
    assert _actions(first) == ["built"]
    assert _actions(second) == ["hit"]
    assert second.stdout == first.stdout
    assert _statements(second.stdout) == _statements(cold.stdout)
    assert ",https://example.org/thing,https://example.org/label,alpha" in second.stdout.splitlines()
    assert [entry.record["inputs"] for entry in cache.entries(cache_root)] == [[str(data)]]


def test_changed_content_with_same_size_and_mtime_is_reloaded(cache_root, tmp_path):
    data = _turtle(tmp_path / "a.ttl", "alpha")
    invoke("query", EVERY_QUAD, data, "--format", "csv")
    stat = data.stat()
    _turtle(data, "omega")  # same size
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert data.stat().st_size == stat.st_size and data.stat().st_mtime_ns == stat.st_mtime_ns
    again = invoke("query", EVERY_QUAD, data, "--format", "csv")
    assert _actions(again) == ["built"]
    assert _labels(again.stdout) == {"omega"}


def test_changed_content_is_detected_by_digest_even_when_the_stat_matches(cache_root, tmp_path):
    # The memo is keyed by (size, mtime_ns, ctime_ns, inode); a stale memo record would be the only
    # way to miss a change: the digest of a file whose stat differs is read again.
    data = _turtle(tmp_path / "a.ttl", "alpha")
    digests = cache.Digests(cache_root)
    first = digests.of(data)
    _turtle(data, "omega")
    assert digests.of(data) != first


def test_a_file_added_to_or_deleted_from_a_folder_changes_the_entry(cache_root, tmp_path):
    folder = tmp_path / "repo"
    folder.mkdir()
    _turtle(folder / "a.ttl", "alpha")
    _turtle(folder / "b.ttl", "beta")
    both = invoke("query", EVERY_QUAD, folder, "--format", "csv")
    (folder / "b.ttl").unlink()
    one = invoke("query", EVERY_QUAD, folder, "--format", "csv")
    _turtle(folder / "c.ttl", "gamma")
    added = invoke("query", EVERY_QUAD, folder, "--format", "csv")
    assert [_actions(r) for r in (both, one, added)] == [["built"], ["built"], ["built"]]
    assert _labels(both.stdout) == {"alpha", "beta"}
    assert _labels(one.stdout) == {"alpha"}
    assert _labels(added.stdout) == {"alpha", "gamma"}
    (folder / "c.ttl").unlink()
    assert _actions(invoke("query", EVERY_QUAD, folder, "--format", "csv")) == ["hit"]


def test_derived_decisions_do_not_leak_into_the_entry(cache_root):
    cold = invoke("query", EVERY_QUAD, "--demo", "--format", "csv", "--no-cache")
    derived = invoke("derive", "--demo", "--as-of", "2026-07-01")
    assert derived.exit_code == 0, derived.stderr
    assert _actions(derived)[0] in ("built", "hit") and "private" in _actions(derived)
    after = invoke("query", EVERY_QUAD, "--demo", "--format", "csv")
    assert _actions(after) == ["hit"]
    assert DERIVED not in after.stdout
    assert _statements(after.stdout) == _statements(cold.stdout)
    info_cached, info_cold = invoke("info", "--demo", "--format", "json"), invoke("info", "--demo", "--no-cache")
    assert info_cached.exit_code == info_cold.exit_code == 0
    assert invoke("info", "--demo").stdout == info_cold.stdout


def test_private_copy_of_a_killed_or_ended_process_is_removed_by_the_next_command(cache_root):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    ran = subprocess.run(command("derive", "--demo", "-q"), capture_output=True, text=True, env=env, timeout=300)
    assert ran.returncode == 0, ran.stderr
    assert "segur-kg cache: private" in ran.stderr
    assert os.listdir(cache_root / "work")  # the executable ends with os._exit: the next command cleans
    assert invoke("info", "--demo").exit_code == 0
    assert os.listdir(cache_root / "work") == []


def test_query_that_derives_leaves_the_entry_as_built(cache_root):
    before = invoke("info", "--demo", "--format", "json").stdout
    args = ("query", "most-exempted-requirements", "--demo", "-p", "as_of=2026-07-01", "--format", "csv")
    ran, cold = invoke(*args), invoke(*args, "--no-cache")
    assert ran.exit_code == cold.exit_code == 0, ran.stderr
    assert "private" in _actions(ran)
    assert ran.stdout == cold.stdout and len(ran.stdout.splitlines()) > 1
    assert invoke("info", "--demo", "--format", "json").stdout == before


def test_cache_clear_empties_it_and_info_lists_entries(cache_root):
    invoke("info", "--demo")
    listed = invoke("cache", "info", "--lang", "en")
    assert listed.exit_code == 0
    assert listed.stdout.splitlines()[0] == f"Store cache: {cache_root}"
    assert "1 of at most 3 entries kept (SEGUR_KG_CACHE_ENTRIES)" in listed.stdout
    assert " 13626 triples, " in listed.stdout.splitlines()[2]
    cleared = invoke("cache", "clear", "--lang", "en")
    assert cleared.exit_code == 0
    assert cleared.stdout.strip() == f"1 entries removed from {cache_root}"
    assert cache.entries(cache_root) == []
    assert not (cache_root / cache.DIGESTS).exists()
    assert _actions(invoke("info", "--demo")) == ["built"]


def test_no_cache_bypasses_it(cache_root):
    ran = invoke("info", "--demo", "--no-cache")
    assert ran.exit_code == 0
    assert _debug_lines(ran) == []
    assert cache.entries(cache_root) == []


def test_unusable_cache_folder_falls_back_to_memory_with_one_warning(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_VARIABLE, str(blocker / "cache"))
    ran = invoke("info", "--demo", "--lang", "en")
    cold = invoke("info", "--demo", "--lang", "en", "--no-cache")
    assert ran.exit_code == 0
    assert ran.stdout == cold.stdout
    warnings = [line for line in ran.stderr.splitlines() if line]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"warning: store cache unusable ({blocker / 'cache'}: ")
    assert warnings[0].endswith("); loading into memory")


def test_bad_input_gives_the_same_error_and_no_entry(cache_root, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    cached = invoke("info", bad, "--lang", "en")
    cold = invoke("info", bad, "--lang", "en", "--no-cache")
    assert cached.exit_code == cold.exit_code == 2
    error = [line for line in cached.stderr.splitlines() if not line.startswith("segur-kg cache: ")]
    assert error == cold.stderr.splitlines()
    assert len(error) == 1 and str(bad) in error[0] and "line 2" in error[0]
    assert cache.entries(cache_root) == []
    assert [name for name in os.listdir(cache_root / "entries") if not name.endswith(".lock")] == []


def test_bad_dossier_gives_the_same_error_and_no_entry(cache_root, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("dossier:\n  id: [unclosed\n", encoding="utf-8")
    cached, cold = invoke("overview", bad), invoke("overview", bad, "--no-cache")
    assert cached.exit_code == cold.exit_code == 2
    assert [line for line in cached.stderr.splitlines() if not line.startswith("segur-kg cache: ")] == (
        cold.stderr.splitlines()
    )
    assert cache.entries(cache_root) == []


def test_eviction_keeps_the_most_recently_used(cache_root, tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENTRIES_VARIABLE, "2")
    files = [_turtle(tmp_path / f"{name}.ttl", name) for name in ("one", "two", "three")]
    for path in files:
        assert invoke("info", path).exit_code == 0
    kept = [entry.record["inputs"] for entry in cache.entries(cache_root)]
    assert kept == [[str(files[2])], [str(files[1])]]
    assert _actions(invoke("info", files[1])) == ["hit"]
    assert _actions(invoke("info", files[0]))[:2] == ["built", "evicted"]
    assert [entry.record["inputs"] for entry in cache.entries(cache_root)] == [[str(files[0])], [str(files[1])]]


def _big_ntriples(path: Path, triples: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(triples):
            out.write(f'<https://example.org/s{n}> <https://example.org/p> "value {n}" .\n')
    return path


def test_a_build_killed_midway_leaves_no_entry_and_the_next_run_builds_it(cache_root, tmp_path):
    data = _big_ntriples(tmp_path / "big.nt", 400_000)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    entries_folder = cache_root / "entries"
    process = subprocess.Popen(command("info", str(data), "-q"), env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if entries_folder.is_dir() and any(".building-" in name for name in os.listdir(entries_folder)):
            time.sleep(0.3)  # into the build
            break
        time.sleep(0.02)
    assert process.poll() is None, "the build ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert cache.entries(cache_root) == []
    rerun = subprocess.run(command("info", str(data), "-q"), env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert "segur-kg cache: built" in rerun.stderr
    assert [name for name in os.listdir(entries_folder) if name.startswith(".")] == []
    assert [entry.record["triples"] > 400_000 for entry in cache.entries(cache_root)] == [True]


def test_two_commands_at_once_build_one_entry(cache_root, tmp_path):
    data = _big_ntriples(tmp_path / "big.nt", 100_000)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    runs = [
        subprocess.Popen(
            command("query", EVERY_QUAD, str(data), "--format", "csv", "-q"),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert _statements(results[0][0]) == _statements(results[1][0])
    built = sum("segur-kg cache: built" in stderr for _, stderr in results)
    assert built == 1
    assert len(cache.entries(cache_root)) == 1


def test_a_lowered_limit_still_refuses_a_file_the_entry_holds(cache_root, tmp_path, monkeypatch):
    dossier = sorted((ROOT / "data" / "examples").glob("*.yaml"))[0]
    assert invoke("info", dossier).exit_code == 0
    monkeypatch.setenv("SEGUR_KG_MAX_DOSSIER_BYTES", "100")
    cached, cold = invoke("info", dossier, "--lang", "en"), invoke("info", dossier, "--lang", "en", "--no-cache")
    assert cached.exit_code == cold.exit_code == 2
    assert [line for line in cached.stderr.splitlines() if not line.startswith("segur-kg cache: ")] == (
        cold.stderr.splitlines()
    )
    assert "SEGUR_KG_MAX_DOSSIER_BYTES" in cold.stderr


def test_the_engine_facts_are_kept_beside_the_entry_and_read_back(cache_root):
    # The first perimeter on a new entry reads the facts from the store and keeps them; the next
    # command reads the kept facts, and answers exactly as a cold run does.
    from segur_kg.engine.facts import FACTS_FILE

    args = ("perimeter", "C4-CAND-DOM", "--demo", "--as-of", "2026-07-15", "--format", "json")
    first = invoke(*args)
    (entry,) = cache.entries(cache_root)
    kept = entry.folder / FACTS_FILE
    assert kept.is_file()
    stamp = kept.stat().st_mtime_ns
    second = invoke(*args)
    cold = invoke(*args, "--no-cache")
    assert first.exit_code == second.exit_code == cold.exit_code == 0
    assert second.stdout == first.stdout == cold.stdout
    assert kept.stat().st_mtime_ns == stamp  # read, not written again


def test_damaged_kept_facts_are_read_again_from_the_store(cache_root):
    from segur_kg.engine.facts import FACTS_FILE

    args = ("perimeter", "C1-CAND", "--demo", "--as-of", "2026-07-01", "--format", "json")
    first = invoke(*args)
    (entry,) = cache.entries(cache_root)
    (entry.folder / FACTS_FILE).write_bytes(b"\x80\x05not a pickle")
    second = invoke(*args)
    assert first.exit_code == second.exit_code == 0
    assert second.stdout == first.stdout


def test_info_keeps_its_inventory_beside_the_entry_and_reads_it_back(cache_root):
    # On a disk entry the counts of info take 26 s at 5 M triples; kept, the next info answers at once,
    # in either language, exactly as a cold run.
    import pickle

    from segur_kg.queries.inventory import INVENTORY_FILE

    first = {lang: invoke("info", "--demo", "--format", "json", "--lang", lang) for lang in ("fr", "en")}
    (entry,) = cache.entries(cache_root)
    kept = entry.folder / INVENTORY_FILE
    assert kept.is_file()
    for lang, ran in first.items():
        cold = invoke("info", "--demo", "--format", "json", "--lang", lang, "--no-cache")
        assert ran.exit_code == cold.exit_code == 0
        assert ran.stdout == cold.stdout
    assert '"label": "Preuve"' in first["fr"].stdout and '"label": "Proof"' in first["en"].stdout
    # What is kept is what the next command reports: it is read, not counted again.
    counts = pickle.loads(kept.read_bytes())
    kept.write_bytes(pickle.dumps({**counts, "triples": 42}))
    assert '"triples": 42' in invoke("info", "--demo", "--format", "json").stdout
    kept.write_bytes(b"cut by a kill")  # unreadable: counted again from the store
    assert invoke("info", "--demo", "--format", "json", "--lang", "fr").stdout == first["fr"].stdout


def test_export_reads_the_whole_graph_from_memory_not_from_the_cache(cache_root):
    # Writing every quad from a disk entry decodes each term by lookup: 74 s against 5.6 s from
    # memory at 5 M triples (docs/stores.md). export never builds or opens an entry.
    ran = invoke("export", "--demo", "--format", "nquads")
    cold = invoke("export", "--demo", "--format", "nquads", "--no-cache")
    assert ran.exit_code == cold.exit_code == 0
    assert _debug_lines(ran) == [] and cache.entries(cache_root) == []
    assert _statements(ran.stdout) == _statements(cold.stdout) and len(ran.stdout.splitlines()) > 10_000


def test_no_facts_are_kept_once_the_command_wrote_into_its_private_copy(cache_root):
    # Facts read after a write would not be the entry's content: the store then offers no folder.
    from rdflib import Graph, Literal, URIRef

    from segur_kg.ingest.loader import load

    load([], demo=True)  # builds the entry
    store = load([], demo=True).store
    assert isinstance(store, cache.CachedStore)
    (entry,) = cache.entries(cache_root)
    assert store.artefact_folder() == entry.folder
    extra = Graph()
    extra.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal("o")))
    store.replace_graph("https://example.org/graph", extra)
    assert store.artefact_folder() is None


# -------------------------------------------------------------------------------- background build
def _run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(command(*args), capture_output=True, text=True, env=env, timeout=300)


def _wait_for(condition, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def _ended(pid: int) -> bool:
    """Whether the process has ended (a zombie no one reaped yet has)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def _builder_pid(stderr: str) -> int:
    (pid,) = re.findall(r"segur-kg cache: building \w+ in the background \(pid (\d+)\)", stderr)
    return int(pid)


def _log(root: Path) -> str:
    return (root / cache.BUILD_LOG).read_text(encoding="utf-8")


def test_background_first_run_answers_as_cold_and_its_staged_facts_reach_the_entry(background_cache):
    from segur_kg.engine.facts import FACTS_FILE

    args = ("perimeter", "C4-CAND-DOM", "--demo", "--as-of", "2026-07-15", "--format", "json")
    first, cold = _run(*args), _run(*args, "--no-cache")
    assert first.returncode == cold.returncode == 0, first.stderr
    assert first.stdout == cold.stdout
    assert _actions(first) == ["miss", "building"]
    assert _wait_for(lambda: any((entry.folder / FACTS_FILE).is_file() for entry in cache.entries(background_cache)))
    assert "engine-facts.pickle staged by the command moved into the entry" in _log(background_cache)
    assert _wait_for(
        lambda: not (background_cache / "staging").exists() or not os.listdir(background_cache / "staging")
    )
    second = _run(*args)
    assert second.returncode == 0
    assert _actions(second) == ["hit"]
    assert second.stdout == cold.stdout


def test_background_builder_reads_the_facts_when_the_command_staged_none(background_cache):
    # info reads no facts: it stages its inventory, which the builder moves into the entry beside
    # the facts it reads itself.
    from segur_kg.engine.facts import FACTS_FILE
    from segur_kg.queries.inventory import INVENTORY_FILE

    first = _run("info", "--demo", "--format", "json")
    cold = _run("info", "--demo", "--format", "json", "--no-cache")
    assert first.returncode == 0 and first.stdout == cold.stdout
    assert _wait_for(lambda: any((entry.folder / FACTS_FILE).is_file() for entry in cache.entries(background_cache)))
    assert "facts read from the entry" in _log(background_cache)
    assert f"{INVENTORY_FILE} staged by the command moved into the entry" in _log(background_cache)
    (entry,) = cache.entries(background_cache)
    assert (entry.folder / INVENTORY_FILE).is_file()
    perimeter = ("perimeter", "C1-CAND", "--demo", "--as-of", "2026-07-01", "--format", "json")
    warm, cold_perimeter = _run(*perimeter), _run(*perimeter, "--no-cache")
    assert _actions(warm) == ["hit"] and warm.stdout == cold_perimeter.stdout


def test_background_builder_killed_midway_leaves_no_entry(background_cache, tmp_path):
    data = _big_ntriples(tmp_path / "big.nt", 400_000)
    first = _run("info", str(data), "-q")
    assert first.returncode == 0, first.stderr
    builder = _builder_pid(first.stderr)
    entries_folder = background_cache / "entries"
    assert _wait_for(lambda: any(".building-" in name for name in os.listdir(entries_folder)))
    os.kill(builder, signal.SIGKILL)
    assert _wait_for(lambda: _ended(builder))
    assert cache.entries(background_cache) == []
    rerun = _run("info", str(data), "-q")
    assert _actions(rerun) == ["miss", "building"]  # the dead builder's lock is free
    assert rerun.stdout == first.stdout
    assert _wait_for(lambda: len(cache.entries(background_cache)) == 1)
    assert [entry.record["triples"] > 400_000 for entry in cache.entries(background_cache)] == [True]


def test_a_command_during_a_background_build_goes_cold_and_starts_no_builder(background_cache, tmp_path):
    data = _big_ntriples(tmp_path / "big.nt", 100_000)
    first = _run("info", str(data), "-q")  # a short command: its builder is still at work when it ends
    builder = _builder_pid(first.stderr)
    os.kill(builder, signal.SIGSTOP)  # the build stays under way while the second command runs
    try:
        during = _run("query", EVERY_QUAD, str(data), "--format", "csv", "-q")
    finally:
        os.kill(builder, signal.SIGCONT)
    assert first.returncode == during.returncode == 0
    assert _actions(during) == ["miss"]
    assert "being built by another process" in during.stderr
    cold = _run("query", EVERY_QUAD, str(data), "--format", "csv", "-q", "--no-cache")
    assert _statements(during.stdout) == _statements(cold.stdout) and len(cold.stdout.splitlines()) > 100_000
    assert _wait_for(lambda: len(cache.entries(background_cache)) == 1)
    after = _run("query", EVERY_QUAD, str(data), "--format", "csv", "-q")
    assert _actions(after) == ["hit"] and _statements(after.stdout) == _statements(cold.stdout)


def test_a_bad_input_starts_no_builder(background_cache, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    cached, cold = _run("info", str(bad), "--lang", "en"), _run("info", str(bad), "--lang", "en", "--no-cache")
    assert cached.returncode == cold.returncode == 2
    assert [line for line in cached.stderr.splitlines() if not line.startswith("segur-kg cache: ")] == (
        cold.stderr.splitlines()
    )
    assert _actions(cached) == ["miss"]
    assert not (background_cache / cache.BUILD_LOG).exists()


def test_the_builder_gives_up_in_one_log_line_when_its_folder_disappears(background_cache, tmp_path):
    data = _big_ntriples(tmp_path / "big.nt", 100_000)
    first = _run("info", str(data), "-q")
    builder = _builder_pid(first.stderr)
    os.kill(builder, signal.SIGSTOP)
    log = (background_cache / cache.BUILD_LOG).open(encoding="utf-8")  # still readable once removed
    shutil.rmtree(background_cache)
    os.kill(builder, signal.SIGCONT)
    assert _wait_for(lambda: _ended(builder))
    lines = log.read().splitlines()
    assert len(lines) == 1 and " gave up: " in lines[0], lines
    assert not background_cache.exists() or cache.entries(background_cache) == []


def test_a_full_validation_loads_into_memory_and_a_focused_one_uses_the_cache(cache_root):
    # A full validation scans the whole graph some twenty times: ten times faster in memory than on
    # the disk entry (docs/stores.md). --focus reads a closure: the cache serves it.
    full = invoke("validate", "--demo", "--format", "json")
    assert full.exit_code == 0, full.stderr  # the demo dossiers conform
    assert _actions(full) == [] and cache.entries(cache_root) == []
    focused = invoke("validate", "--demo", "--focus", "C4-CAND-DOM", "--format", "json")
    again = invoke("validate", "--demo", "--focus", "C4-CAND-DOM", "--format", "json")
    cold = invoke("validate", "--demo", "--focus", "C4-CAND-DOM", "--format", "json", "--no-cache")
    assert (_actions(focused), _actions(again)) == (["built"], ["hit"])
    assert focused.exit_code == again.exit_code == cold.exit_code
    assert again.stdout == cold.stdout


def test_info_on_an_entry_imports_no_engine(cache_root):
    # The engine and networkx cost 0.2 s of an `info` that answers in about 1 s from an entry; a
    # command that reads no facts imports neither (segur_kg.cli.output._users_mistake).
    script = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from segur_kg.cli import app\n"
        "result = CliRunner().invoke(app, ['info', '--demo', '--format', 'json'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in ('segur_kg.engine', 'networkx') if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for _ in range(2):  # the first builds the entry, the second opens it
        ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
        assert ran.returncode == 0, ran.stderr
        assert ran.stdout.strip() == "[]"
