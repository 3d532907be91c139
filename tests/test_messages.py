"""The message catalogue: every message in both languages, with the same placeholders."""

import string

import pytest

from segur_kg.i18n import set_language
from segur_kg.messages import CATALOGUE, msg, text


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_each_message_has_french_and_english_with_the_same_placeholders(key):
    french, english = CATALOGUE[key]
    assert french.strip() and english.strip()
    assert _fields(french) == _fields(english)


def test_message_ids_start_with_the_module_that_holds_them():
    import importlib
    import pkgutil

    import segur_kg.messages as package

    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"segur_kg.messages.{info.name}")
        assert all(key.startswith(f"{info.name}.") for key in module.MESSAGES), info.name


def test_msg_follows_the_current_language_and_text_the_one_asked_for():
    set_language("fr")
    assert msg("common.unknown-identifier", ident="X") == "identifiant inconnu 'X'"
    set_language("en")
    assert msg("common.unknown-identifier", ident="X") == "unknown identifier 'X'"
    assert text("common.unknown-identifier", "fr", ident="X") == "identifiant inconnu 'X'"
