"""The language of analysts' messages (``--lang fr|en``, French by default): the CLI sets it once at
start, and :mod:`segur_kg.messages` gives each message in it."""

from __future__ import annotations

LANGUAGES = ("fr", "en")
_current = "fr"


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: expected fr or en")
    _current = lang


def language() -> str:
    return _current
