"""What the ``segur-kg`` executable does before anything heavy is imported: ask glibc for huge pages.

pyoxigraph holds a graph in memory as millions of small linked nodes. With the usual 4 KiB pages,
walking them over a national graph (18 M triples, 6 GiB) misses the processor's address cache at
almost every step, so the cost per triple grows with the store. Backed by 2 MiB transparent huge
pages, the same walks cost less, and a 30,000-candidature graph costs about 10 times a 3,000 one
(bench/RESULTS.md). glibc uses huge pages for its heap only when told at start-up, in
``GLIBC_TUNABLES``; so the executable starts itself again, once, with ``glibc.malloc.hugetlb=1``.

Nothing is changed where it would not help: outside Linux with glibc >= 2.35 (the first with the
tunable), when the kernel never gives huge pages or already gives them to every process, when the
caller already chose a ``glibc.malloc.hugetlb`` setting, or with ``SEGUR_KG_HUGE_PAGES=0``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

TUNABLE = "glibc.malloc.hugetlb"
OPT_OUT = "SEGUR_KG_HUGE_PAGES"
THP_MODE = Path("/sys/kernel/mm/transparent_hugepage/enabled")
FIRST_GLIBC = (2, 35)


def glibc_version() -> tuple[int, int] | None:
    """The C library's version if it is glibc (``os.confstr`` reads it from the library itself)."""
    try:
        text = os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (ValueError, OSError, AttributeError):  # not glibc, or no confstr on this system
        return None
    name, _, version = text.partition(" ")
    parts = version.split(".")
    if name != "glibc" or len(parts) < 2 or not all(p.isdigit() for p in parts[:2]):
        return None
    return int(parts[0]), int(parts[1])


def thp_mode() -> str | None:
    """The kernel's transparent huge page mode: ``always``, ``madvise`` or ``never`` (the one in
    brackets in ``always [madvise] never``); None where the kernel does not say."""
    try:
        text = THP_MODE.read_text()
    except OSError:
        return None
    start, end = text.find("["), text.find("]")
    return text[start + 1 : end] if 0 <= start < end else None


def _tunables(environ: Mapping[str, str]) -> dict[str, str]:
    """``GLIBC_TUNABLES`` (``name=value:name=value``) as a dictionary."""
    return dict(item.split("=", 1) for item in environ.get("GLIBC_TUNABLES", "").split(":") if "=" in item)


def huge_pages_on(environ: Mapping[str, str], mode: str | None) -> bool:
    """Whether a process started with ``environ`` under the kernel ``mode`` has its heap on huge pages."""
    return mode == "always" or (mode == "madvise" and _tunables(environ).get(TUNABLE) == "1")


def huge_pages_environment(
    environ: Mapping[str, str], platform: str, glibc: tuple[int, int] | None, mode: str | None
) -> dict[str, str] | None:
    """The environment to start again with, or None when starting again would change nothing."""
    if (
        platform != "linux"
        or glibc is None
        or glibc < FIRST_GLIBC
        or mode != "madvise"
        or TUNABLE in _tunables(environ)
        or environ.get(OPT_OUT) == "0"
    ):
        return None
    tunables = environ.get("GLIBC_TUNABLES", "")
    return {**environ, "GLIBC_TUNABLES": ":".join(filter(None, [tunables, f"{TUNABLE}=1"]))}


def restart_with_huge_pages() -> None:
    """Replace this process (same pid, same open files) by the same command with huge pages, when
    that helps; return if it does not, or if the system refuses."""
    env = huge_pages_environment(os.environ, sys.platform, glibc_version(), thp_mode())
    if env is None:
        return
    # orig_argv is the interpreter's own command line: "-m module", "-c code" and scripts alike.
    argv = [sys.executable, *sys.orig_argv[1:]]
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execve(sys.executable, argv, env)
    except OSError:
        return  # carry on with the usual pages: slower on large graphs, the same results


def main() -> None:
    """The ``segur-kg`` executable."""
    restart_with_huge_pages()
    from segur_kg.cli import main as cli_main

    cli_main()
