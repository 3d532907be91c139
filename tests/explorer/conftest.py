"""The explorer's server over the demo data, shared by the API and browser tests."""

from __future__ import annotations

import pytest

from segur_kg.i18n import set_language
from segur_kg.ingest.loader import load
from segur_kg.server import SparqlServer


@pytest.fixture(scope="session")
def server():
    # The server answers in the language of its start unless a request asks: the CLI's default, French
    # (other test modules start their servers in English).
    set_language("fr")
    with SparqlServer(load([], demo=True).store, port=0, workers=1, timeout=30) as srv:
        srv.start()
        yield srv
