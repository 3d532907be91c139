"""The memory a large query freed goes back to the system (segur_kg.heap, issue 21)."""

from __future__ import annotations

import ctypes
import platform
import subprocess
import sys

import pytest

from segur_kg.heap import give_back_freed_memory

GLIBC = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"

# A child process: fill the C heap with 400 MiB of small blocks (as a hash join's tables are), free
# them, and print the resident size before and after giving the freed pages back.
CHILD = r"""
import ctypes, ctypes.util
from segur_kg.heap import give_back_freed_memory

def rss_mib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS"))

libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = [ctypes.c_size_t]
libc.free.argtypes = [ctypes.c_void_p]
libc.memset.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t]
blocks = []
for _ in range(400 * 1024 * 1024 // 256):
    block = libc.malloc(256)
    libc.memset(block, 1, 256)
    blocks.append(block)
keep = libc.malloc(256)  # the heap's top stays in use: only a trim can give back what lies below
for block in blocks:
    libc.free(block)
del blocks
freed = rss_mib()
print(freed, give_back_freed_memory(), rss_mib())
"""


@pytest.mark.skipif(not GLIBC, reason="malloc_trim is glibc's")
def test_freed_heap_pages_go_back_to_the_system_on_glibc():
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True).stdout.split()
    freed, trimmed, after = int(out[0]), out[1], int(out[2])
    assert trimmed == "True"
    assert freed >= 300  # glibc kept the freed blocks
    assert after <= freed - 250  # and gave them back when asked


def test_without_glibc_nothing_is_attempted(monkeypatch):
    import segur_kg.heap as heap

    heap._malloc_trim.cache_clear()
    monkeypatch.setattr(heap.sys, "platform", "darwin")
    try:
        assert give_back_freed_memory() is False
    finally:
        heap._malloc_trim.cache_clear()


@pytest.mark.skipif(not GLIBC, reason="malloc_trim is glibc's")
def test_on_glibc_the_trim_is_found_and_done():
    assert give_back_freed_memory() is True
    assert isinstance(ctypes.CDLL(None).malloc_trim, ctypes._CFuncPtr)
