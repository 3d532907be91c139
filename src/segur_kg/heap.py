"""Give the system back the memory a large query freed.

pyoxigraph's queries allocate through the C library's ``malloc``. A hash join over millions of
proofs builds tables of several GiB, frees them when the query ends, and glibc keeps the freed pages
in its arenas for later: the process stays as large as it was at its peak. On an on-disk store of
30,000 candidatures that was 12 GiB held after reading the facts (0.3 GiB of them live), inherited
by every child the process forks. ``malloc_trim`` returns those pages (bench/README.md, "Memory").
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache


@cache
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim  # glibc only: musl and others have none
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def give_back_freed_memory() -> bool:
    """Return the C heap's free pages to the system; False where the C library cannot (not glibc)."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
