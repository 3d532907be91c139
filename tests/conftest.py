"""Shared test set-up."""

import pytest

from segur_kg.i18n import set_language


@pytest.fixture(autouse=True)
def english_messages():
    """Tests read messages in English unless they set French themselves; the CLI's default stays French."""
    set_language("en")
    yield
    set_language("en")
