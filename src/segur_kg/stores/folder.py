"""A persistent pyoxigraph store in a folder (``--store DIR``), created and updated whole or not at all.

The folder holds a marker, ``segur-kg-store.json``, written last, which names the database in use
(``db-N``, a pyoxigraph database) and says what the store was built from. A store is created by
building ``db-1`` and then writing the marker; it is updated (files added) by copying the database
to ``db-N+1`` (hard links: instant), writing there, then rewriting the marker and removing ``db-N``.
A kill at any moment leaves the marker naming a whole database: the old one or the new one. Only
one process opens a store folder at a time (a lock on the folder); what the marker does not name is
what a killed process left, and is removed when the folder is next opened. Layout, marker and
recovery: docs/stores.md.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from segur_kg.errors import InputError
from segur_kg.messages import msg
from segur_kg.stores.oxigraph import OxigraphStore
from segur_kg.writers import atomic_write, signals_deferred

MARKER = "segur-kg-store.json"
MARKER_FORMAT = 1
_DATABASE = re.compile(r"^db-(?P<n>[1-9][0-9]*)$")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _version() -> str:
    from segur_kg import __version__

    return __version__


# Put in the database folder of a new store before pyoxigraph writes there (RocksDB leaves files it
# does not know alone): in a folder without a marker, it tells a creation's leftovers from a folder
# of someone else's that happens to be named db-N.
STAMP = ".segur-kg-database"


def _is_database(path: Path, in_store: bool) -> bool:
    """A database folder this module made: any ``db-N`` folder of a store folder (one with a
    marker), else one holding the stamp, or nothing (killed as it was made)."""
    if not _DATABASE.match(path.name) or not path.is_dir() or path.is_symlink():
        return False
    return in_store or (path / STAMP).exists() or not any(path.iterdir())


class FolderStore(OxigraphStore):
    """The pyoxigraph store of a folder, opened through its marker.

    A folder without a marker that holds nothing but hidden files (or nothing at all, or only the
    databases a killed creation left) becomes a new store: :attr:`is_new` is true until the first
    :meth:`commit`. A folder holding anything else without a marker (a store of an older segur-kg,
    a creation interrupted by one, another program's files) is refused with a message saying how to
    rebuild it. :meth:`updating` wraps a change so that it lands whole or not at all."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.marker_path = self.folder / MARKER
        self._lock: int | None = None
        self._made_folder = False
        self._marker: dict | None = None
        self._building: Path | None = None  # the database being written, until the marker names it
        self._store = None
        try:
            self._open()
        except BaseException:  # an error, or a termination signal, while opening: leave nothing
            self.close()
            raise

    # -------------------------------------------------------------------------------- opening
    def _fail(self, message_id: str, **values: object) -> InputError:
        self.close()
        return InputError(self.folder, "", msg(message_id, folder=self.folder, marker=MARKER, **values))

    def _open(self) -> None:
        if self.folder.exists() and not self.folder.is_dir():
            raise InputError(self.folder, "", msg("stores.folder.not-a-folder"))
        if not self.folder.exists():
            try:
                self.folder.mkdir(parents=True)
            except OSError as exc:
                raise InputError(self.folder, "", msg("stores.folder.cannot-create", reason=exc.strerror)) from None
            self._made_folder = True
        self._take_lock()
        self._marker = self._read_marker()
        self._remove_leftovers()
        if self._marker is not None:
            database = self.folder / self._marker["database"]
            if not database.is_dir():
                raise self._fail("stores.folder.missing-database", database=self._marker["database"])
            self._open_database(database)
            return
        visible = sorted(name for name in os.listdir(self.folder) if not name.startswith("."))
        if visible:
            raise self._fail(
                "stores.folder.incomplete", found=", ".join(visible[:3]) + (", ..." if len(visible) > 3 else "")
            )
        self._building = self.folder / "db-1"
        self._building.mkdir()
        (self._building / STAMP).touch()
        self._open_database(self._building)

    def _take_lock(self) -> None:
        # flock on the folder itself: no lock file to leave behind, and the kernel releases it when
        # the process ends, however it ends.
        fd = os.open(self.folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise InputError(self.folder, "", msg("stores.folder.busy")) from None
        self._lock = fd

    def _read_marker(self) -> dict | None:
        try:
            text = self.marker_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise self._fail("stores.folder.bad-marker", reason=getattr(exc, "strerror", None) or exc) from None
        try:
            marker = json.loads(text)
        except ValueError as exc:
            raise self._fail("stores.folder.bad-marker", reason=exc) from None
        if (
            not isinstance(marker, dict)
            or marker.get("format") != MARKER_FORMAT
            or not isinstance(marker.get("database"), str)
            or not _DATABASE.match(marker["database"])
        ):
            raise self._fail("stores.folder.bad-marker", reason=f"format {MARKER_FORMAT} expected")
        return marker

    def _remove_leftovers(self) -> None:
        """Databases the marker does not name: a creation or an update killed before its marker, or
        the previous database of an update killed before removing it. The lock says no other
        process is writing them. In a folder without a marker, they are removed only when nothing
        else is there: anything else makes the folder one this store does not own."""
        current = self._marker["database"] if self._marker else None
        names = [name for name in os.listdir(self.folder) if not name.startswith(".")]
        leftovers = [name for name in names if name != current and _is_database(self.folder / name, bool(current))]
        if current is None and len(leftovers) < len(names):
            return
        for name in leftovers:
            shutil.rmtree(self.folder / name, ignore_errors=True)

    def _open_database(self, database: Path) -> None:
        try:
            self._store = ox.Store(str(database))
        except OSError as exc:
            raise self._fail("stores.folder.unreadable", database=database.name, reason=exc) from None
        self.path = database

    # -------------------------------------------------------------------------------- state
    @property
    def is_new(self) -> bool:
        """Whether the folder held no store: nothing is in it until the first :meth:`commit`."""
        return self._marker is None

    @property
    def marker(self) -> dict | None:
        """The marker as last written (None for a new store)."""
        return self._marker

    # -------------------------------------------------------------------------------- changes
    def begin(self) -> None:
        """Write from now on into a copy of the database, which :meth:`commit` puts in place and
        :meth:`abort` throws away. A new store is written in place: nothing names it yet."""
        if self._building is not None:
            return
        number = int(_DATABASE.match(self._marker["database"])["n"]) + 1
        copy = self.folder / f"db-{number}"
        self._store.flush()
        self._store.backup(str(copy))
        self._building = copy
        self._open_database(copy)  # the current database closes as its last reference goes

    def commit(self, note: dict | None = None) -> None:
        """Make what was written durable and, when a copy was being written, make it the store: the
        marker is rewritten (its rename is the moment of the change), then the previous database
        removed. ``note`` says what the change was made from (inputs, demo), kept in the marker."""
        self._store.flush()
        if self._building is None:
            return
        entry = {"at": _now(), "segur_kg": _version(), **(note or {})}
        previous = self._marker["database"] if self._marker else None
        marker = {
            "format": MARKER_FORMAT,
            "database": self._building.name,
            "created": self._marker["created"] if self._marker else entry,
            "updated": entry,
        }
        # The marker's rename is the commit; until this store knows it happened, a signal must not
        # end the command (closing would then remove the database the new marker names).
        with signals_deferred():
            atomic_write(self.marker_path, (json.dumps(marker, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
            self._marker = marker
            self._building = None
        if previous is not None:
            shutil.rmtree(self.folder / previous, ignore_errors=True)

    def abort(self) -> None:
        """Throw away what was written since :meth:`begin` (or into a new store): the store is as the
        marker says, and a folder this store created is removed again if nothing else is in it."""
        if self._building is None:
            return
        if self._marker is None:
            self.close()
            return
        self._discard_building()
        self._open_database(self.folder / self._marker["database"])

    def _discard_building(self) -> None:
        building, self._building = self._building, None
        self._store = None  # let go of the database before removing it
        if building is not None:
            shutil.rmtree(building, ignore_errors=True)

    @contextmanager
    def updating(self, note: dict | None = None) -> Iterator[FolderStore]:
        """The writes of the block land whole (:meth:`commit`) or not at all (:meth:`abort`, on any
        error, Ctrl-C or termination)."""
        self.begin()
        try:
            yield self
        except BaseException:
            self.abort()
            raise
        self.commit(note)

    def flush(self) -> None:
        """Make what was written durable: for a new store or a copy being written, commit it."""
        self.commit()

    def close(self) -> None:
        """Throw away what was not committed, close the database and release the folder's lock; the
        store is not usable afterwards. A store dropped without a commit is closed so too, which
        covers a termination signal that ends the command between opening and writing."""
        self._discard_building()
        if self._made_folder and self._marker is None:
            try:
                self.folder.rmdir()  # only if empty: what the user put there stays
            except OSError:
                pass
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def __del__(self) -> None:
        self.close()
