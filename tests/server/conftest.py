"""Fixtures of the endpoint's tests."""

import pytest

from helpers.endpoint import Decoy


@pytest.fixture
def decoy():
    """A real HTTP server on 127.0.0.1 that counts the connections it gets (none, for the endpoint)."""
    server = Decoy()
    yield server
    server.stop()
