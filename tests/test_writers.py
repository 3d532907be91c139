"""Files written with -o: whole or not at all, with the permissions a plain write would give."""

import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from segur_kg import writers
from segur_kg.writers import atomic_write, replaced_folder, temporary


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def test_a_new_file_gets_0666_less_the_umask(tmp_path, umask_027):
    target = tmp_path / "out.ttl"
    atomic_write(target, b"data")
    assert target.read_bytes() == b"data"
    assert _mode(target) == 0o640


def test_a_replaced_file_keeps_its_own_permissions(tmp_path, umask_027):
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")
    os.chmod(target, 0o604)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new" and _mode(target) == 0o604


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.ttl"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        atomic_write(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl"]


# ------------------------------------------------------------------------------------------------
# Temporaries: named for their writer, removed on errors and termination, stale ones cleaned
# ------------------------------------------------------------------------------------------------
def _dead_pid() -> int:
    """The PID of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_temporary_is_named_for_its_target_and_its_process(tmp_path):
    with temporary(tmp_path / "out.ttl") as tmp:
        assert tmp == tmp_path / f".out.ttl.segur-kg-tmp-{os.getpid()}"
        tmp.write_bytes(b"partial")
    assert list(tmp_path.iterdir()) == []  # not renamed into place: removed


def test_the_next_write_removes_the_temporaries_of_ended_processes_and_keeps_the_others(tmp_path):
    dead = tmp_path / f".graph.ttl.segur-kg-tmp-{_dead_pid()}"
    dead.write_bytes(b"left by a killed export")
    dead_folder = tmp_path / f".synth.segur-kg-tmp-{_dead_pid()}"
    dead_folder.mkdir()
    (dead_folder / "national.nt").write_bytes(b"left by a killed synth")
    mine_earlier = tmp_path / f".x.segur-kg-tmp-{os.getpid()}"  # this PID, not being written: a killed predecessor
    mine_earlier.write_bytes(b"")
    running = tmp_path / f".other.ttl.segur-kg-tmp-{os.getppid()}"  # a process that runs
    running.write_bytes(b"being written")
    unrelated = tmp_path / ".notes.segur-kg-tmp-abc"
    unrelated.write_bytes(b"")
    atomic_write(tmp_path / "out.ttl", b"data")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out.ttl", running.name, unrelated.name])


def _run_until_ready(code: str, tmp_path) -> subprocess.Popen:
    ready = tmp_path / "ready"
    process = subprocess.Popen([sys.executable, "-c", code, str(tmp_path), str(ready)], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not ready.exists():
        assert process.poll() is None and time.monotonic() < deadline, "the writer did not start"
        time.sleep(0.02)
    return process


WRITER = """
import sys, time
from pathlib import Path
from segur_kg.writers import remove_temporaries_on_termination, temporary
remove_temporaries_on_termination()
folder, ready = Path(sys.argv[1]), Path(sys.argv[2])
with temporary(folder / "out.ttl") as tmp:
    tmp.write_bytes(b"half written")
    ready.write_text("")
    time.sleep(60)
"""


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGINT, -signal.SIGINT)])
def test_a_write_stopped_by_sigterm_or_ctrl_c_leaves_no_temporary(tmp_path, signum, code):
    process = _run_until_ready(WRITER, tmp_path)
    assert (tmp_path / f".out.ttl.segur-kg-tmp-{process.pid}").exists()
    process.send_signal(signum)
    # SIGTERM: the shell's code for it; SIGINT: Python's KeyboardInterrupt, which ends by SIGINT again.
    assert process.wait(timeout=30) == code
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ready"]


def test_a_handler_of_the_caller_is_kept(tmp_path):
    code = (
        "import signal; from segur_kg.writers import remove_temporaries_on_termination; "
        "signal.signal(signal.SIGTERM, signal.SIG_IGN); remove_temporaries_on_termination(); "
        "print(signal.getsignal(signal.SIGTERM) is signal.SIG_IGN)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout == "True\n"


def test_the_commands_of_the_suite_take_ctrl_c_as_from_a_terminal():
    # Even when the suite runs as a background job, which starts with SIGINT ignored (tests/conftest.py).
    code = "import signal; print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout == "True\n"


# ------------------------------------------------------------------------------------------------
# A folder replaced in one step
# ------------------------------------------------------------------------------------------------
def test_a_new_folder_is_renamed_into_place(tmp_path):
    target = tmp_path / "synth"
    with replaced_folder(target) as building:
        assert building.parent == tmp_path and building.name.startswith(".synth.segur-kg-tmp-")
        (building / "a.nt").write_bytes(b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["synth"]
    assert (target / "a.nt").read_bytes() == b"new"


def test_a_folder_is_replaced_whole_keeping_what_only_the_old_one_held(tmp_path, umask_027):
    target = tmp_path / "synth"
    target.mkdir()
    os.chmod(target, 0o750)
    (target / "a.nt").write_bytes(b"old a")
    (target / "b.json").write_bytes(b"old b")
    (target / "notes").mkdir()
    (target / "notes" / "readme.txt").write_bytes(b"mine")
    with replaced_folder(target) as building:
        (building / "a.nt").write_bytes(b"new a")
        (building / "b.json").write_bytes(b"new b")
        assert (target / "a.nt").read_bytes() == b"old a"  # untouched until the end
    assert (target / "a.nt").read_bytes() == b"new a" and (target / "b.json").read_bytes() == b"new b"
    assert (target / "notes" / "readme.txt").read_bytes() == b"mine"
    assert _mode(target) == 0o750
    assert sorted(p.name for p in tmp_path.iterdir()) == ["synth"]


def test_a_failed_replacement_leaves_the_old_folder_and_no_temporary(tmp_path):
    target = tmp_path / "synth"
    target.mkdir()
    (target / "a.nt").write_bytes(b"old a")
    with pytest.raises(RuntimeError), replaced_folder(target) as building:
        (building / "a.nt").write_bytes(b"half")
        raise RuntimeError("interrupted")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["synth"]
    assert (target / "a.nt").read_bytes() == b"old a"


def test_a_link_to_the_folder_stays_a_link_to_the_new_folder(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.nt").write_bytes(b"old")
    link = tmp_path / "link"
    link.symlink_to(real)
    with replaced_folder(link) as building:
        (building / "a.nt").write_bytes(b"new")
    assert link.is_symlink() and (link / "a.nt").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real"]


def test_without_a_one_step_swap_the_files_are_renamed_one_by_one(tmp_path, monkeypatch):
    # Outside Linux there is no renameat2: simulated here, as this machine has it.
    monkeypatch.setattr(writers, "_renameat2", lambda: None)
    target = tmp_path / "synth"
    target.mkdir()
    (target / "a.nt").write_bytes(b"old a")
    (target / "keep.txt").write_bytes(b"mine")
    with replaced_folder(target) as building:
        (building / "a.nt").write_bytes(b"new a")
    assert (target / "a.nt").read_bytes() == b"new a" and (target / "keep.txt").read_bytes() == b"mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["synth"]


DEFERRING = """
import sys, time
from pathlib import Path
from segur_kg.writers import remove_temporaries_on_termination, signals_deferred
remove_temporaries_on_termination()
folder, ready = Path(sys.argv[1]), Path(sys.argv[2])
with signals_deferred():
    ready.write_text("")
    while not (folder / "signalled").exists():
        time.sleep(0.01)
    time.sleep(0.2)  # the signal has arrived by now, and waits
    (folder / "block-done").write_text("")
(folder / "after-block").write_text("")
"""


def test_a_signal_during_a_deferred_block_ends_the_process_right_after_it(tmp_path):
    process = _run_until_ready(DEFERRING, tmp_path)
    process.send_signal(signal.SIGTERM)
    (tmp_path / "signalled").write_text("")
    assert process.wait(timeout=30) == 128 + signal.SIGTERM
    assert (tmp_path / "block-done").exists() and not (tmp_path / "after-block").exists()
