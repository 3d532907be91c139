"""segur-kg as a user gets it: the sdist and wheel built from the checkout, installed into a fresh
virtual environment outside it, with no network.

The wheelhouse (``.venv/wheelhouse``, the wheels of the build backend and of the runtime
dependencies) is downloaded by ``make setup``; without it these tests skip. Everything here is
built once per session: a snapshot of the checkout's files (tracked and new, not ignored), the
sdist and the wheel built from it, and one environment with that wheel installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers.paths import ROOT

# The virtual environment running the tests holds the wheelhouse (the Makefile's WHEELHOUSE).
WHEELHOUSE = Path(sys.prefix) / "wheelhouse"
MAKE_TARGET = "make setup"
BUILD_TIMEOUT = 300
# What the user's shell might carry that would make an installed segur-kg read the checkout.
CHECKOUT_VARIABLES = ("SEGUR_KG_HOME", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")


def run(command: list[str], *, cwd: Path, env: dict[str, str], timeout: float = BUILD_TIMEOUT):
    """A command to its end; its output in the assertion message when it fails."""
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{command} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="session")
def wheelhouse() -> Path:
    if not any(WHEELHOUSE.glob("setuptools-*.whl")):
        pytest.skip(f"no wheelhouse in {WHEELHOUSE}: `{MAKE_TARGET}` downloads it (these tests install offline)")
    return WHEELHOUSE


@pytest.fixture(scope="session")
def offline_env(wheelhouse: Path) -> dict[str, str]:
    """The environment of every command here: pip takes packages from the wheelhouse only, and
    nothing points at the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in CHECKOUT_VARIABLES}
    env.update(
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheelhouse),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        VIRTUALENV_NO_PERIODIC_UPDATE="1",  # virtualenv (under pre-commit) would look for newer seed wheels
        PYTHONUNBUFFERED="1",
    )
    return env


GIT_IDENTITY = (
    "-c",
    "user.name=segur-kg tests",
    "-c",
    "user.email=tests@segur-kg.invalid",
    "-c",
    "commit.gpgsign=false",
)


def git(*args: str, cwd: Path) -> str:
    """git in a repository of the tests' own (never the checkout, which only ``ls-files`` reads)."""
    done = subprocess.run(["git", *GIT_IDENTITY, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"git {args} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="session")
def git_in():
    """:func:`git`, for the test modules."""
    return git


@pytest.fixture(scope="session")
def source_tree(tmp_path_factory) -> Path:
    """The checkout as it stands, committed in a repository of its own: its tracked files and its
    new files that .gitignore does not exclude, as `git add -A` then a commit would have them.
    Building from it leaves the checkout untouched and leaves out what a clean clone lacks."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("the packaging tests build from a git checkout, with git")
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    tree = tmp_path_factory.mktemp("source") / "segur-kg"
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the work tree is not part of it
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, tree / name)
    git("init", "--quiet", cwd=tree)
    git("add", "-A", cwd=tree)
    git("commit", "--quiet", "-m", "snapshot of the checkout", cwd=tree)
    return tree


@dataclass(frozen=True)
class Dists:
    sdist: Path
    wheel: Path  # built from the sdist, as `python -m build` does
    log: str


@pytest.fixture(scope="session")
def dists(source_tree: Path, offline_env: dict[str, str], tmp_path_factory) -> Dists:
    out = tmp_path_factory.mktemp("dist")
    done = run([sys.executable, "-m", "build", "--outdir", str(out), str(source_tree)], cwd=out, env=offline_env)
    [sdist] = out.glob("*.tar.gz")
    [wheel] = out.glob("*.whl")
    return Dists(sdist, wheel, done.stdout + done.stderr)


@dataclass(frozen=True)
class Installed:
    """A fresh virtual environment, outside the checkout, with only the wheel and its dependencies."""

    prefix: Path
    log: str

    @property
    def python(self) -> Path:
        return self.prefix / "bin" / "python"

    @property
    def segur_kg(self) -> Path:
        return self.prefix / "bin" / "segur-kg"


@pytest.fixture(scope="session")
def installed(dists: Dists, offline_env: dict[str, str], tmp_path_factory) -> Installed:
    prefix = tmp_path_factory.mktemp("venv") / "env"
    assert ROOT not in prefix.parents
    venv.create(prefix, with_pip=True, symlinks=True)
    command = [str(prefix / "bin" / "python"), "-m", "pip", "install", "--no-index", "--find-links"]
    done = run([*command, str(offline_env["PIP_FIND_LINKS"]), str(dists.wheel)], cwd=prefix, env=offline_env)
    return Installed(prefix, done.stdout + done.stderr)
