"""Nothing is fetched at run time (issue 18): a JSON-LD file that names its context by address would
make rdflib download it; with `--store rdflib` it is refused in one line and no connection reaches a
decoy HTTP server on loopback; pyoxigraph (the default store) fetches nothing either."""

from __future__ import annotations

import json

import pytest

from helpers.cli import invoke
from helpers.endpoint import Decoy
from segur_kg.stores.rdflib_store import remote_context


@pytest.fixture
def decoy():
    server = Decoy()
    yield server
    server.stop()


def document(context) -> dict:
    return {"@context": context, "@id": "http://example.org/s", "http://example.org/p": "o"}


@pytest.mark.parametrize("store", ["rdflib", None])
def test_a_json_ld_context_named_by_address_is_never_fetched(tmp_path, decoy, store):
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps(document(f"{decoy.url}/context.jsonld")), encoding="utf-8")
    args = ["info", str(path), "--lang", "en"] + (["--store", store] if store else [])
    result = invoke(*args)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert decoy.connections == 0
    assert len(result.stderr.strip().splitlines()) == 1 and "remote.jsonld" in result.stderr


def test_the_rdflib_store_itself_refuses_a_context_named_by_address(tmp_path, decoy):
    """Defence in depth: the CLI checks every RDF file with pyoxigraph first, but the store's own
    load is an API too."""
    from segur_kg.errors import InputError
    from segur_kg.i18n import set_language
    from segur_kg.stores.rdflib_store import RdflibStore

    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps(document(f"{decoy.url}/context.jsonld")), encoding="utf-8")
    set_language("en")
    try:
        with pytest.raises(InputError) as refused:
            RdflibStore().load(path, "jsonld")
    finally:
        set_language("fr")
    assert str(refused.value) == (
        f"{path}: @context: the JSON-LD context {decoy.url}/context.jsonld is named by its address: "
        "segur-kg fetches nothing, put the context inside the file"
    )
    assert decoy.connections == 0


def test_an_inline_context_loads_with_rdflib(tmp_path):
    path = tmp_path / "inline.jsonld"
    path.write_text(json.dumps(document({"ex": "http://example.org/"})), encoding="utf-8")
    result = invoke("info", str(path), "--store", "rdflib", "--format", "json")
    assert result.exit_code == 0, result.stderr


def test_remote_context_finds_nested_lists_and_imports():
    assert remote_context(document({"ex": "http://example.org/"})) is None
    assert remote_context({"@graph": [{"@context": [{"a": "b"}, "http://x/c"]}]}) == "http://x/c"
    assert remote_context({"@context": {"@import": "http://x/i"}}) == "http://x/i"
