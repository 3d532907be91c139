"""Debian's chromium for the tests that drive pages in a real headless browser (playwright, with the
system's binary: nothing downloaded), and the flags that keep it off the network: without the
background-networking flags, chromium tries Google's hosts at every start."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)
if CHROMIUM is None and Path("/usr/bin/chromium").exists():
    CHROMIUM = "/usr/bin/chromium"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (Debian: apt-get install chromium)")
