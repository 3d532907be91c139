"""The explorer's server over the demo data, shared by the API and browser tests."""

from __future__ import annotations

import pytest

from segur_kg.ingest.loader import load
from segur_kg.server import SparqlServer


@pytest.fixture(scope="session")
def server():
    with SparqlServer(load([], demo=True).store, port=0, workers=1, timeout=30) as srv:
        srv.start()
        yield srv
