"""The engine's decisions under ``segur-kg serve``: a saved query that reads them (``needs: derived``)
gets them derived as of its date before it runs, as ``segur-kg query`` does; the workers, which read
a read-only snapshot of the store, then get a new snapshot.

:class:`LivePool` holds the pool of workers in use. Deriving for another date writes the decisions
into the server's store (``queries.running.ensure_derived``), takes a new snapshot, starts a new pool
and swaps it in, under a lock, once per date: the derived graph holds one date at a time, so the
date of the pool in use is remembered and a query of the same date derives nothing. A query keeps the
pool it was given until it ends: the old pool is closed when its last query has ended, so a swap cuts
no answer. docs/server.md, "Derived decisions".
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from segur_kg.server.workers import QueryPool, Snapshot, take_snapshot


@dataclass(eq=False)
class _Generation:
    """One snapshot and its pool; ``users``, the queries that borrowed it and have not ended."""

    snapshot: Snapshot
    pool: QueryPool
    folder: Path
    derived_as_of: date | None = None
    users: int = 0
    retired: bool = False
    description: Any = None  # what the Service Description counted of this snapshot (description.py)


class LivePool:
    """The server's pool of workers, swapped for a new one when the store changes (derived decisions)."""

    def __init__(self, store: Any, folder: Path, workers: int, timeout: float, per_client: int | None, **options: Any):
        self.store, self.folder = store, folder
        self._pool_options = {"size": workers, "timeout": timeout, "per_client": per_client}
        self._snapshot_options = options
        self._lock = threading.Lock()  # held while a generation is borrowed, returned or swapped
        self._derive_lock = threading.Lock()  # one derivation at a time; queries of the others go on
        self._count = 0
        self._closed = False
        self.current = self._start(None)

    def _start(self, derived_as_of: date | None) -> _Generation:
        self._count += 1
        folder = self.folder / f"snapshot-{self._count}"
        folder.mkdir()
        snapshot = take_snapshot(self.store, folder, **self._snapshot_options)
        try:
            pool = QueryPool(
                snapshot, self._pool_options["size"], self._pool_options["timeout"], self._pool_options["per_client"]
            )
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return _Generation(snapshot, pool, folder, derived_as_of)

    @property
    def pool(self) -> QueryPool:
        return self.current.pool

    @property
    def snapshot(self) -> Snapshot:
        return self.current.snapshot

    @contextmanager
    def borrow(self) -> Iterator[_Generation]:
        """The generation in use, kept open until the block ends."""
        with self._lock:
            generation = self.current
            generation.users += 1
        try:
            yield generation
        finally:
            self._give_back(generation)

    @contextmanager
    def borrow_derived(self, day: date) -> Iterator[_Generation]:
        """A generation whose store holds the engine's decisions as of ``day``, derived first when the
        one in use holds another date's; kept open until the block ends."""
        from segur_kg.queries.running import ensure_derived

        with self._derive_lock:
            with self._lock:
                generation = self.current
                if generation.derived_as_of == day:
                    generation.users += 1
            if generation.derived_as_of != day:
                ensure_derived(self.store, day)  # InputError when the store refuses writes
                generation = self._start(day)
                generation.users += 1
                self._swap(generation)
        try:
            yield generation
        finally:
            self._give_back(generation)

    def description_counts(self, count: Any) -> Any:
        """``count(store)`` for the generation in use, counted once per snapshot (description.py);
        under the derivation's lock, so that the store is the snapshot's."""
        with self._derive_lock:
            generation = self.current
            if generation.description is None:
                generation.description = count(self.store)
            return generation.description

    def _swap(self, new: _Generation) -> None:
        with self._lock:
            old, self.current = self.current, new
            old.retired = True
            idle = old.users == 0
        if idle:
            self._close(old)

    def _give_back(self, generation: _Generation) -> None:
        with self._lock:
            generation.users -= 1
            done = generation.retired and generation.users == 0
        if done:
            self._close(generation)

    def _close(self, generation: _Generation) -> None:
        generation.pool.close()
        shutil.rmtree(generation.folder, ignore_errors=True)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        with self._lock:
            self.current.retired = True
        self._close(self.current)


__all__ = ["LivePool"]
