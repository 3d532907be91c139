"""The language of analysts' messages (``--lang fr|en``, French by default): the CLI sets it once at
start, and :mod:`segur_kg.messages` gives each message in it. The server answers each request in the
language it asks for (:func:`using_language`), without changing the other requests' language."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES = ("fr", "en")
_current = "fr"
# One request's language, in its own thread or context; None: the process's language.
_override: ContextVar[str | None] = ContextVar("segur_kg_language", default=None)


def _checked(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: expected fr or en")
    return lang


def set_language(lang: str) -> None:
    global _current
    _current = _checked(lang)


def language() -> str:
    return _override.get() or _current


@contextmanager
def using_language(lang: str) -> Iterator[None]:
    """Messages in ``lang`` inside the block, in this thread (or task) only."""
    token = _override.set(_checked(lang))
    try:
        yield
    finally:
        _override.reset(token)
