"""What is computed from a store's content alone, kept beside a cache entry for the next command.

A cache entry's key covers the inputs and segur-kg's own code (ingest/cache.py), so an artefact kept
in its folder (``Store.artefact_folder()``) never outlives the content or the classes it was made
from: the engine's facts (engine/facts.py), the inventory of ``info`` (queries/inventory.py). Any
other store has no such folder, and the value is computed each time.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from segur_kg.stores.base import Store
from segur_kg.writers import temporary

T = TypeVar("T")


def kept(store: Store, name: str, compute: Callable[[Store], T], kind: type | None = None) -> T:
    """``compute(store)``, or the value an earlier command computed from the same cache entry and
    kept as ``name`` in its folder. ``kind``: the type a kept value must have to be used."""
    folder = store.artefact_folder()
    if folder is not None:
        value = read_kept(folder / name, kind)
        if value is not None:
            return value
    value = compute(store)
    if folder is not None:
        keep(folder / name, value)
    return value


def read_kept(path: Path, kind: type | None = None):
    """The value kept in ``path``, or None when there is none that can be used."""
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # a file cut by a kill or written by other code: compute it again
        return None
    return value if kind is None or isinstance(value, kind) else None


def keep(path: Path, value) -> None:
    """Written whole or not at all, streamed into a temporary file renamed into place (one left by a
    kill is removed by the next write in the folder); a folder that refuses is no error."""
    try:
        with temporary(path) as tmp:
            with tmp.open("wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
    except OSError:
        pass
