"""The message catalogue: every message an analyst reads, by message ID, in French and English.

Each room of the package keeps its messages in a module of this folder (``messages/ingest.py``...),
as ``MESSAGES = {"ingest.yaml.duplicate-key": ("French {key}", "English {key}"), ...}``; the IDs
start with the room's name. :func:`msg` gives a message in the current language (``--lang``),
:func:`text` in the language asked for. Placeholders are ``str.format`` fields, the same in both
languages (``tests/test_messages.py`` checks it).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping

from segur_kg.i18n import LANGUAGES, language


def _collect() -> dict[str, tuple[str, str]]:
    catalogue: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, pair in module.MESSAGES.items():
            if key in catalogue:
                raise RuntimeError(f"message ID {key!r} is defined twice (again in messages/{info.name}.py)")
            catalogue[key] = pair
    return catalogue


CATALOGUE: Mapping[str, tuple[str, str]] = _collect()


def text(key: str, lang: str, /, **values: object) -> str:
    """Message ``key`` in ``lang`` (fr or en), its placeholders filled with ``values``."""
    french, english = CATALOGUE[key]
    template = french if lang == "fr" else english
    return template.format(**values) if values else template


def msg(key: str, /, **values: object) -> str:
    """Message ``key`` in the current language."""
    return text(key, language(), **values)


__all__ = ["CATALOGUE", "LANGUAGES", "msg", "text"]
