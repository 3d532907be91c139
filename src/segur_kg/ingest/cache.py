"""The store cache: the in-memory store of a command given FILES or ``--demo`` is served from an
on-disk pyoxigraph database built by an earlier command on the same inputs, opened read-only.

An entry is keyed by the content of everything that goes into the store: segur-kg's version and
Python modules, the ontology and the reference data, the demo flag, and each input file's resolved
path and SHA-256 digest. A file's digest is memoised by (path, size, mtime_ns, ctime_ns, inode), so
an unchanged file is not read again; any other file is, and a change of content gives another key.

Entries are built in a temporary folder and renamed into place (a killed build leaves no usable
half entry), under an exclusive ``flock`` (a second command on the same inputs waits, then uses the
entry). A command using an entry holds a shared lock on it until it ends, so that eviction (of all
but the most recently used :data:`ENTRIES_VARIABLE` entries) never removes it. A command that
writes (the derived decisions of ``derive``, ``query``, ``serve``) writes into a private copy of
the entry (hard links, instant), removed when the process ends or by the next command after a kill:
the entry stays as it was built. Layout and rules: docs/stores.md, "The store cache".
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from segur_kg.messages import msg
from segur_kg.resources import ontology_path, reference_dir
from segur_kg.stores.oxigraph import OxigraphStore
from segur_kg.writers import atomic_write, process_alive

CACHE_VARIABLE = "SEGUR_KG_CACHE"
ENTRIES_VARIABLE = "SEGUR_KG_CACHE_ENTRIES"
DEBUG_VARIABLE = "SEGUR_KG_CACHE_DEBUG"
BUILD_VARIABLE = "SEGUR_KG_CACHE_BUILD"
BUILD_LOG = "builder.log"
COMMAND_LOCK = "command.lock"
# How long a builder waits for the command that started it to stage its facts (a server may run for days).
FACTS_WAIT_SECONDS = 600
LIMITS_PREFIX = "SEGUR_KG_MAX_"
DEFAULT_ENTRIES = 3
ENTRY_FORMAT = 1
ENTRY_RECORD = "entry.json"
DIGESTS = "digests.json"
# The memo of digests keeps this many files (the most recently seen): enough for large repositories.
DIGEST_MEMO_SIZE = 20_000


class CacheUnusable(Exception):
    """The cache folder cannot be used (unwritable, full...): the command loads into memory instead."""


def cache_folder() -> Path:
    """``$SEGUR_KG_CACHE``, else ``$XDG_CACHE_HOME/segur-kg``, else ``~/.cache/segur-kg``."""
    if os.environ.get(CACHE_VARIABLE):
        return Path(os.environ[CACHE_VARIABLE])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "segur-kg"
    return Path.home() / ".cache" / "segur-kg"


def max_entries() -> int:
    """How many entries are kept (``$SEGUR_KG_CACHE_ENTRIES``, at least 1)."""
    try:
        return max(1, int(os.environ.get(ENTRIES_VARIABLE, DEFAULT_ENTRIES)))
    except ValueError:
        return DEFAULT_ENTRIES


def build_in_background() -> bool:
    """``$SEGUR_KG_CACHE_BUILD``: ``background`` (the default) builds a missing entry in a detached
    process while the command works in memory; ``foreground`` builds it in the command first."""
    return os.environ.get(BUILD_VARIABLE, "background").strip().lower() != "foreground"


def debug(message: str) -> None:
    """One line on stderr with ``$SEGUR_KG_CACHE_DEBUG`` set: what the cache did (for tests and bug reports)."""
    if os.environ.get(DEBUG_VARIABLE):
        print(f"segur-kg cache: {message}", file=sys.stderr)


def _version() -> str:
    from segur_kg import __version__

    return __version__


def _package_files() -> list[Path]:
    """segur-kg's own modules: within one version, a checkout's edited importer builds other stores."""
    package = Path(__file__).resolve().parent.parent
    return sorted(package.rglob("*.py"))


def _bundled_files() -> list[Path]:
    """The bundled files that go into every store: the ontology and the reference data."""
    return [ontology_path(), *sorted(path for path in reference_dir().rglob("*") if path.is_file())]


# -------------------------------------------------------------------------------- digests
class Digests:
    """SHA-256 of files, memoised in ``digests.json`` by (size, mtime_ns, ctime_ns, inode)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / DIGESTS
        try:
            memo = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            memo = {}
        self._memo: dict[str, list] = memo if isinstance(memo, dict) else {}
        self._changed = False
        self.stats: dict[str, tuple[int, ...]] = {}

    @staticmethod
    def _stat(path: Path) -> tuple[int, ...]:
        info = os.stat(path)
        return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino

    def of(self, path: Path) -> str:
        name = str(path)
        stat = self._stat(path)
        self.stats[name] = stat
        known = self._memo.get(name)
        if isinstance(known, list) and len(known) == 2 and tuple(known[0]) == stat:
            self._memo[name] = self._memo.pop(name)  # most recently seen last
            return known[1]
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        if self._stat(path) == stat:  # not changed while it was read
            self._memo.pop(name, None)
            self._memo[name] = [list(stat), digest]
            self._changed = True
        return digest

    def unchanged(self) -> bool:
        """Whether every file digested is as it was (checked after a build: it read what was digested)."""
        try:
            return all(self._stat(Path(name)) == stat for name, stat in self.stats.items())
        except OSError:
            return False

    def save(self) -> None:
        if not self._changed:
            return
        kept = dict(list(self._memo.items())[-DIGEST_MEMO_SIZE:])
        atomic_write(self.path, json.dumps(kept, separators=(",", ":")).encode("utf-8"))
        self._changed = False


def entry_key(digests: Digests, inputs: list[Path], demo: bool) -> str:
    """The key of the store of ``inputs`` (each resolved, in order) with or without the demo."""
    key = hashlib.sha256()

    def part(text: str) -> None:
        key.update(text.encode("utf-8") + b"\0")

    part(f"segur-kg {_version()} cache {ENTRY_FORMAT}")
    part(f"demo {bool(demo)}")
    # The bounds on what is read (segur_kg.limits): a file over a lowered bound must still be refused.
    for name, value in sorted(os.environ.items()):
        if name.startswith(LIMITS_PREFIX):
            part(f"limit {name}={value}")
    for label, paths in (("code", _package_files()), ("bundled", _bundled_files()), ("input", inputs)):
        for path in paths:
            resolved = path.resolve()
            part(f"{label} {resolved} {digests.of(resolved)}")
    return key.hexdigest()


# -------------------------------------------------------------------------------- the store
def _close_lock(holder: object, name: str, close=os.close) -> None:
    """Close a lock's descriptor once. ``close`` is bound at definition: at the interpreter's exit
    the module's globals may already be gone when a store is collected."""
    descriptor = getattr(holder, name, None)
    if descriptor is not None:
        setattr(holder, name, None)
        try:
            close(descriptor)
        except OSError:
            pass


class CachedStore(OxigraphStore):
    """A cache entry's database, opened read-only; the first write moves the store to a private copy.

    The shared lock on the entry (``lock``) is held as long as this object lives, and with the
    executable's ending (``os._exit``), until the process ends."""

    def __init__(self, database: Path, lock: int, work: Path) -> None:
        self.path = database
        self.entry = database.parent
        self._lock = lock
        self._work = work
        self._copy: Path | None = None
        self._store = ox.Store.read_only(str(database))

    def _writable(self) -> None:
        if self._copy is not None:
            return
        self._work.mkdir(parents=True, exist_ok=True)
        copy = self._work / f"{os.getpid()}-{id(self):x}"
        shutil.rmtree(copy, ignore_errors=True)
        self._store.backup(str(copy))
        self._copy = copy
        self._finalizer = weakref.finalize(self, shutil.rmtree, str(copy), True)
        self._store = ox.Store(str(copy))
        self.path = copy
        debug(f"private copy {copy}")

    def load(self, data, format="turtle", graph=None, *, lenient=False) -> None:
        self._writable()
        super().load(data, format, graph, lenient=lenient)

    def clear_graph(self, graph: str) -> None:
        self._writable()
        super().clear_graph(graph)

    def replace_graph(self, graph: str, g) -> None:
        self._writable()
        super().replace_graph(graph, g)

    def flush(self) -> None:
        if self._copy is not None:
            self._store.flush()

    def artefact_folder(self) -> Path | None:
        # The entry's content is what its key says until this command writes (a private copy then).
        return self.entry if self._copy is None else None

    def __del__(self, _close_lock=_close_lock) -> None:  # bound now: at exit the module's globals may be gone
        _close_lock(self, "_lock")


class StagedStore(OxigraphStore):
    """The in-memory store of a command that missed the cache while its entry is built in the
    background: what is computed from its content alone (the engine's facts) is staged for the entry
    (:meth:`stage`) until the command writes into it. It holds the staging folder's lock as long as
    it lives (with ``os._exit``, until the process ends)."""

    def __init__(self) -> None:
        super().__init__()
        self._staging: Path | None = None
        self._staging_lock: int | None = None

    def stage(self, staged: tuple[Path, int] | None) -> None:
        if staged is not None:
            self._staging, self._staging_lock = staged

    def __del__(self, _close_lock=_close_lock) -> None:
        _close_lock(self, "_staging_lock")

    def load(self, data, format="turtle", graph=None, *, lenient=False) -> None:
        self._staging = None
        super().load(data, format, graph, lenient=lenient)

    def clear_graph(self, graph: str) -> None:
        self._staging = None
        super().clear_graph(graph)

    def replace_graph(self, graph: str, g) -> None:
        self._staging = None
        super().replace_graph(graph, g)

    def artefact_folder(self) -> Path | None:
        return self._staging


# -------------------------------------------------------------------------------- entries
@dataclass
class Entry:
    key: str
    folder: Path
    record: dict
    last_used: float

    @property
    def bytes(self) -> int:
        return _size(self.folder)


def _entries_folder(root: Path) -> Path:
    return root / "entries"


def _size(folder: Path) -> int:
    total = 0
    for parent, _, names in os.walk(folder):
        for name in names:
            try:
                total += os.lstat(os.path.join(parent, name)).st_size
            except OSError:
                pass
    return total


def entries(root: Path | None = None) -> list[Entry]:
    """The published entries, most recently used first."""
    folder = _entries_folder(root or cache_folder())
    found = []
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        record_path = path / ENTRY_RECORD
        if path.name.startswith(".") or not record_path.is_file():
            continue
        try:
            record = json.loads(record_path.read_text(encoding="utf-8"))
            used = record_path.stat().st_mtime
        except (OSError, ValueError):
            continue
        found.append(Entry(path.name, path, record, used))
    return sorted(found, key=lambda entry: -entry.last_used)


def _open_lock(folder: Path, key: str, mode: int) -> int:
    """A lock on the entry ``key``, held in ``mode``: the lock file is the one at its path (an
    eviction may have removed the one this process opened just before it locked)."""
    path = folder / f"{key}.lock"
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        fcntl.flock(fd, mode)
        try:
            if os.fstat(fd).st_ino == os.stat(path).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)


def _remove_entry(folder: Path, key: str) -> bool:
    """Remove an entry no process is using (its lock taken at once, else it is left)."""
    path = folder / f"{key}.lock"
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        fd = None
    if fd is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
    try:
        entry = folder / key
        if entry.exists():
            trash = folder / f".{key}.removed-{os.getpid()}"
            os.rename(entry, trash)  # no longer an entry from this moment
            shutil.rmtree(trash, ignore_errors=True)
        if fd is not None:
            os.unlink(path)
    finally:
        if fd is not None:
            os.close(fd)
    return True


def _remove_leftovers(root: Path) -> None:
    """What killed processes left: builds and removals (``.KEY.building-PID``, ``.KEY.removed-PID``),
    private copies (``work/PID-N``) of processes that have ended, and staged facts (``staging/KEY``)
    of builders that have ended (their build lock is free)."""
    places = [(_entries_folder(root), lambda name: name.rsplit("-", 1)[-1] if name.startswith(".") else None)]
    places.append((root / "work", lambda name: name.split("-", 1)[0]))
    for folder, pid_of in places:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            pid = pid_of(name)
            if pid and pid.isdigit() and int(pid) != os.getpid() and not process_alive(int(pid)):
                shutil.rmtree(folder / name, ignore_errors=True)
    try:
        staged = os.listdir(root / "staging")
    except OSError:
        return
    for key in staged:
        build_lock = _take_build_lock(_entries_folder(root), key)
        if build_lock is not None:
            shutil.rmtree(root / "staging" / key, ignore_errors=True)
            os.close(build_lock)


def evict(root: Path, keep: str | None = None) -> None:
    """Keep the :func:`max_entries` most recently used entries (and ``keep``); remove the others
    that no process is using."""
    folder = _entries_folder(root)
    limit = max_entries()
    for entry in entries(root)[limit:]:
        if entry.key != keep and _remove_entry(folder, entry.key):
            debug(f"evicted {entry.key}")


def clear(root: Path | None = None) -> tuple[int, int]:
    """Remove every entry no process is using and the memo of digests: (removed, in use)."""
    root = root or cache_folder()
    folder = _entries_folder(root)
    removed = busy = 0
    for entry in entries(root):
        if _remove_entry(folder, entry.key):
            removed += 1
        else:
            busy += 1
    _remove_leftovers(root)
    try:
        (root / DIGESTS).unlink()
    except OSError:
        pass  # no memo (or no cache folder): nothing to remove
    return removed, busy


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Miss:
    """No entry for these inputs yet: the command loads them into memory, then :meth:`start_builder`
    has a detached process build the entry (docs/stores.md, "Building in the background")."""

    root: Path
    key: str
    digests: Digests
    build_lock: int | None  # held exclusively: this command may start the builder; None: one runs

    def start_builder(self, dossiers: list[Path], rdf_files: list[Path], demo: bool) -> tuple[Path, int] | None:
        """Start the builder (when no other runs), the build lock passed on to it. Returns the staging
        folder where the command may keep the facts of its store for the entry, and the lock the
        command holds on it while it lives (the builder waits for it before it takes the facts)."""
        if self.build_lock is None:
            return None
        command_lock = None
        try:
            if not self.digests.unchanged():
                return None  # an input changed while it was loaded: the store is not what the key says
            staging = self.root / "staging" / self.key
            shutil.rmtree(staging, ignore_errors=True)  # a dead builder's: the build lock was free
            staging.mkdir(parents=True)
            command_lock = os.open(staging / COMMAND_LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            fcntl.flock(command_lock, fcntl.LOCK_EX)
            spec = {
                "key": self.key,
                "dossiers": [str(path) for path in dossiers],
                "rdf_files": [str(path) for path in rdf_files],
                "demo": demo,
            }
            with open(self.root / BUILD_LOG, "ab") as log, open(os.devnull, "rb") as nothing:
                child = subprocess.Popen(
                    [sys.executable, "-m", "segur_kg.ingest.cache", "build", json.dumps(spec)],
                    stdin=nothing,
                    stdout=log,
                    stderr=log,
                    start_new_session=True,  # survives the command's os._exit and its terminal's signals
                    pass_fds=(self.build_lock,),  # the child holds the build lock from now on
                )
            debug(f"building {self.key} in the background (pid {child.pid})")
            return staging, command_lock
        except OSError as exc:
            debug(f"no builder started: {exc}")
            if command_lock is not None:
                os.close(command_lock)
            return None
        finally:
            self.release()

    def release(self) -> None:
        if self.build_lock is not None:
            os.close(self.build_lock)  # the builder holds the lock through its own descriptor
            self.build_lock = None


def _take_build_lock(folder: Path, key: str) -> int | None:
    """The exclusive lock on building ``key`` in the background, or None when a builder holds it."""
    path = folder / f"{key}.build.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def cached_store(
    inputs: list[Path], demo: bool, build: Callable[[OxigraphStore], None], *, names: Iterable[str] = ()
) -> CachedStore | Miss:
    """The store of ``inputs`` from the cache. When the cache has none: with the background build
    (:func:`build_in_background`), a :class:`Miss`; else the entry is built by ``build`` (into an
    empty on-disk store) first. ``build``'s errors (a bad input) propagate, and leave no entry. Any
    trouble with the cache folder itself is :class:`CacheUnusable`."""
    root = cache_folder()
    folder = _entries_folder(root)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(root)
        digests = Digests(root)
        key = entry_key(digests, inputs, demo)
        digests.save()
        lock = _open_lock(folder, key, fcntl.LOCK_SH)
    except OSError as exc:
        raise CacheUnusable(f"{root}: {exc.strerror or exc}") from None
    entry = folder / key
    try:
        if (entry / ENTRY_RECORD).is_file():
            debug(f"hit {key}")
        elif build_in_background():
            os.close(lock)
            lock = None  # nothing to keep from eviction: the builder publishes the entry
            build_lock = _take_build_lock(folder, key)
            if build_lock is None:
                debug(f"miss {key}, being built by another process")
            else:
                debug(f"miss {key}")
            return Miss(root, key, digests, build_lock)
        else:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one build; the others wait for it
            if (entry / ENTRY_RECORD).is_file():
                debug(f"hit {key} (built by another process)")
            else:
                _build(root, folder, key, inputs, demo, build, digests, list(names))
            fcntl.flock(lock, fcntl.LOCK_SH)
        os.utime(entry / ENTRY_RECORD)  # last used
        store = CachedStore(entry / "db", lock, root / "work")
    except OSError as exc:
        if lock is not None:
            os.close(lock)
        raise CacheUnusable(f"{root}: {exc.strerror or exc}") from None
    except BaseException:
        if lock is not None:
            os.close(lock)
        raise
    try:
        evict(root, keep=key)
    except OSError as exc:
        debug(f"eviction failed: {exc}")
    return store


def _build(
    root: Path,
    folder: Path,
    key: str,
    inputs: list[Path],
    demo: bool,
    build: Callable[[OxigraphStore], None],
    digests: Digests,
    names: list[str],
) -> None:
    building = folder / f".{key}.building-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir()
    try:
        target = OxigraphStore(building / "db")
        build(target)
        target.flush()
        triples = len(target)
        del target  # closes the database before it is renamed
        if not digests.unchanged():
            # An input changed while it was loaded: what was built is not what the key says.
            raise CacheUnusable(msg("ingest.cache.input-changed"))
        record = {
            "format": ENTRY_FORMAT,
            "segur_kg": _version(),
            "created": _now(),
            "inputs": names or [str(path) for path in inputs],
            "demo": demo,
            "triples": triples,
        }
        (building / ENTRY_RECORD).write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.rename(building, folder / key)  # the moment the entry exists
        debug(f"built {key}")
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


# -------------------------------------------------------------------------------- the builder
def _log(message: str) -> None:
    print(f"{_now()} segur-kg cache builder {os.getpid()}: {message}", file=sys.stderr, flush=True)


def build_entry(spec: dict) -> None:
    """Build the entry ``spec["key"]`` of a command that missed it (started by :meth:`Miss.start_builder`,
    holding the build lock), publish it, then give it the engine's facts: the ones the command staged,
    else read here from the entry."""
    from segur_kg.ingest.loader import fill_cache_store

    os.nice(19)  # the commands on this machine, the one that started it first, come first
    root = cache_folder()
    folder = _entries_folder(root)
    dossiers = [Path(path) for path in spec["dossiers"]]
    rdf_files = [Path(path) for path in spec["rdf_files"]]
    inputs, demo = dossiers + rdf_files, bool(spec["demo"])
    digests = Digests(root)
    key = entry_key(digests, inputs, demo)
    if key != spec["key"]:
        _log(f"inputs changed since the command read them: {spec['key']} not built")
        return
    entry = folder / key
    if not (entry / ENTRY_RECORD).is_file():
        build = lambda store: fill_cache_store(store, dossiers, rdf_files, demo)  # noqa: E731
        _build(root, folder, key, inputs, demo, build, digests, [str(path) for path in inputs])
    _log(f"built {key}")
    from segur_kg.engine.facts import FACTS_FILE, load_facts

    staging = root / "staging" / key
    try:
        _wait_for_the_command(staging / COMMAND_LOCK)
        # What the command computed from the same content (its facts, its inventory) joins the entry.
        for staged in sorted(staging.iterdir()) if staging.is_dir() else []:
            if staged.name != COMMAND_LOCK and not staged.name.startswith("."):
                os.replace(staged, entry / staged.name)
                _log(f"{staged.name} staged by the command moved into the entry")
        if not (entry / FACTS_FILE).is_file():
            lock = _open_lock(folder, key, fcntl.LOCK_SH)  # no eviction while the facts are read
            load_facts(CachedStore(entry / "db", lock, root / "work"))
            _log("facts read from the entry")
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _wait_for_the_command(path: Path) -> None:
    """Until the command that started this builder ends (or :data:`FACTS_WAIT_SECONDS`): it may still
    stage its facts."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CLOEXEC)
    except FileNotFoundError:
        return
    try:
        deadline = time.monotonic() + FACTS_WAIT_SECONDS
        while time.monotonic() < deadline:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                time.sleep(0.5)
    finally:
        os.close(fd)


def _main(arguments: list[str]) -> int:
    if len(arguments) != 2 or arguments[0] != "build":
        print("usage: python -m segur_kg.ingest.cache build SPEC-JSON", file=sys.stderr)
        return 2
    try:
        build_entry(json.loads(arguments[1]))
    except BaseException as exc:  # the cache folder removed, an input gone: one line in the log
        _log(f"gave up: {type(exc).__name__}: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
