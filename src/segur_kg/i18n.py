"""French and English for analysts' messages (``--lang fr|en``, French by default).

Each message site gives both texts: ``tr("…", "…")``; the CLI sets the language once at start.
"""

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


def tr(fr: str, en: str) -> str:
    """The text in the current language."""
    return fr if _current == "fr" else en
