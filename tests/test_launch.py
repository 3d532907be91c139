"""The executable starts itself again once with glibc's huge pages, only where that helps."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from segur_kg import launch

LINUX = {"platform": "linux", "glibc": (2, 36), "mode": "madvise"}


def env_for(environ=None, **changes):
    given = {**LINUX, **changes}
    return launch.huge_pages_environment(
        environ or {"PATH": "/usr/bin"}, given["platform"], given["glibc"], given["mode"]
    )


def test_linux_glibc_with_huge_pages_on_request_starts_again_with_the_tunable():
    assert env_for() == {"PATH": "/usr/bin", "GLIBC_TUNABLES": "glibc.malloc.hugetlb=1"}


def test_the_callers_other_tunables_are_kept():
    env = env_for({"GLIBC_TUNABLES": "glibc.malloc.arena_max=2"})
    assert env == {"GLIBC_TUNABLES": "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1"}


@pytest.mark.parametrize(
    "environ",
    [
        {"GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"},  # the caller chose: keep their choice
        {"GLIBC_TUNABLES": "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1"},  # already started again
        {"SEGUR_KG_HUGE_PAGES": "0"},  # the documented way out
    ],
)
def test_a_choice_already_made_is_left_alone(environ):
    assert env_for(environ) is None


@pytest.mark.parametrize(
    "changes",
    [
        {"platform": "darwin"},
        {"glibc": None},  # musl, or no C library version to read
        {"glibc": (2, 34)},  # before the tunable existed
        {"mode": "never"},  # the kernel gives no huge pages
        {"mode": "always"},  # the kernel gives them already, unasked
        {"mode": None},  # no transparent huge pages in this kernel
    ],
)
def test_nothing_to_gain_means_no_restart(changes):
    assert env_for(**changes) is None


def test_the_kernel_mode_is_the_bracketed_word(tmp_path, monkeypatch):
    mode = tmp_path / "enabled"
    mode.write_text("always [madvise] never\n")
    monkeypatch.setattr(launch, "THP_MODE", mode)
    assert launch.thp_mode() == "madvise"
    mode.write_text("[always] madvise never\n")
    assert launch.thp_mode() == "always"
    monkeypatch.setattr(launch, "THP_MODE", tmp_path / "missing")
    assert launch.thp_mode() is None


@pytest.mark.parametrize(
    "text, expected", [("glibc 2.36", (2, 36)), ("glibc 2.35.1", (2, 35)), ("musl 1.2", None), ("", None)]
)
def test_the_glibc_version_is_read_from_the_library(monkeypatch, text, expected):
    monkeypatch.setattr(launch.os, "confstr", lambda name: text)
    assert launch.glibc_version() == expected


def test_no_confstr_means_no_glibc(monkeypatch):
    def refuse(name):
        raise ValueError("unrecognized configuration name")

    monkeypatch.setattr(launch.os, "confstr", refuse)
    assert launch.glibc_version() is None


def test_the_process_starts_again_once_in_place_with_its_own_command_line():
    """Same pid, the same ``-c`` program run again, and the tunable set, when this machine qualifies."""
    script = textwrap.dedent("""
        import os, sys
        print("start", os.getpid(), sys.argv[1:], flush=True)
        from segur_kg.launch import restart_with_huge_pages
        restart_with_huge_pages()
        print("tunables", os.environ.get("GLIBC_TUNABLES", ""))
    """)
    env = {"PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", script, "an-argument"], capture_output=True, text=True, env=env, timeout=60, check=True
    )
    lines = done.stdout.splitlines()
    qualifies = launch.huge_pages_environment(env, sys.platform, launch.glibc_version(), launch.thp_mode()) is not None
    pid = lines[0].split()[1]
    starts = [f"start {pid} ['an-argument']"] * (2 if qualifies else 1)
    assert lines == [*starts, f"tunables {'glibc.malloc.hugetlb=1' if qualifies else ''}"]
