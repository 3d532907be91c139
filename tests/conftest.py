"""Shared test set-up."""

import os
import signal

import pytest

from segur_kg.i18n import set_language


@pytest.fixture(autouse=True)
def english_messages():
    """Tests read messages in English unless they set French themselves; the CLI's default stays French."""
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True, scope="session")
def private_store_cache(tmp_path_factory):
    """The commands the tests run keep their store cache in a folder of the session, never the user's
    ~/.cache (the subprocesses they start inherit it); entries are built inside the command
    (foreground), so that no builder outlives the suite. tests/stores/test_cache.py tests the
    background builds."""
    os.environ["SEGUR_KG_CACHE"] = str(tmp_path_factory.mktemp("segur-kg-cache"))
    os.environ["SEGUR_KG_CACHE_BUILD"] = "foreground"
    yield


@pytest.fixture(autouse=True, scope="session")
def ctrl_c_reaches_the_commands():
    """A shell without job control starts a background job (``make test &``) with Ctrl-C (SIGINT)
    ignored, and every process it starts inherits that; ``segur-kg serve`` then rightly ignores it too,
    and the tests that stop a command with Ctrl-C would wait for nothing. The suite gives its commands
    the disposition of a terminal: SIGINT raises KeyboardInterrupt (restored after the session)."""
    previous = signal.getsignal(signal.SIGINT)
    if previous == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    if previous == signal.SIG_IGN:
        signal.signal(signal.SIGINT, previous)
