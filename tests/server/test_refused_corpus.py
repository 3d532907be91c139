"""Issue 18: every spelling of SERVICE and of an update in ``refused_queries.txt`` is refused with its
status, and none reaches the decoy: a real HTTP server on loopback that would answer with data.

The endpoint runs on the bundled data with its real workers (isolated from the network, as always);
the decoy counts the connections it accepts, and the control test shows that it does count them.
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest

from helpers.endpoint import Decoy, call
from segur_kg.i18n import set_language
from segur_kg.ingest.loader import load
from segur_kg.messages import msg
from segur_kg.server import SparqlServer

CORPUS = Path(__file__).with_name("refused_queries.txt")
HEADER = re.compile(r"^=== (?P<status>\d{3}) (?P<refusal>\w+) (?P<how>[\w-]+) (?P<what>.+)$", re.M)
# The message of each refusal, or the start of it when it names a place in the query.
MESSAGES = {
    "service": lambda: msg("server.service-refused") + "\n",
    "update": lambda: msg("server.update-refused") + "\n",
}
UNREADABLE = ("the query cannot be read, line ", "invalid \\u escape in the query: ", "the escape \\u")


def corpus() -> list[tuple[int, str, str, str, str]]:
    """(status, refusal, how, what, text) of each entry, in the file's order."""
    text = CORPUS.read_text(encoding="utf-8")
    heads = list(HEADER.finditer(text))
    entries = []
    for head, following in zip(heads, [*heads[1:], None], strict=True):
        body = text[head.end() + 1 : following.start() if following else len(text)]
        entries.append((int(head["status"]), head["refusal"], head["how"], head["what"], body.rstrip("\n")))
    return entries


ENTRIES = corpus()


@pytest.fixture(scope="module")
def module_decoy():
    server = Decoy()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server():
    set_language("en")
    with SparqlServer(load([], demo=True).store, port=0, timeout=10) as srv:
        srv.start()
        yield srv


def send(srv, how: str, text: str):
    if how == "query":
        return call(srv, params={"query": text})
    if how == "update-param":
        return call(srv, params={"update": text})
    if how == "form":
        form = urllib.parse.urlencode({"query": text})
        return call(srv, "POST", data=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
    content_type = {"body": "application/sparql-query", "update": "application/sparql-update"}[how]
    return call(srv, "POST", data=text, headers={"Content-Type": content_type})


def test_the_corpus_has_over_fifty_spellings_including_the_issues():
    assert len(ENTRIES) >= 50
    texts = [text for *_, text in ENTRIES]
    assert any("SELECT * WHERE { BIND(ex:a.b\\' AS ?x) SERVICE <{decoy}/x> { ?s ?p ?o } }" in t for t in texts)
    assert {how for _, _, how, _, _ in ENTRIES} == {"query", "form", "body", "update", "update-param"}
    assert {(status, refusal) for status, refusal, *_ in ENTRIES} == {
        (403, "service"),
        (403, "update"),
        (400, "unreadable"),
    }
    for keyword in ("INSERT DATA", "DELETE WHERE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"):
        assert any(keyword in t for t in texts), keyword


def test_the_decoy_answers_a_service_query_run_outside_the_endpoint(module_decoy):
    """The control: pyoxigraph, run here without the endpoint's analysis or isolation, does reach the
    decoy and gets its data; so a connection from the endpoint would have been counted."""
    solutions = ox.Store().query(f"SELECT ?s WHERE {{ SERVICE <{module_decoy.url}/sparql> {{ ?s ?p ?o }} }}")
    assert [solution["s"].value for solution in solutions] == ["decoy"]
    assert module_decoy.connections == 1 and module_decoy.paths[0].startswith("/sparql")
    module_decoy.connections, module_decoy.paths = 0, []


@pytest.mark.parametrize(
    "status, refusal, how, text",
    [(status, refusal, how, text) for status, refusal, how, _, text in ENTRIES],
    ids=[f"{refusal} {how}: {what}" for _, refusal, how, what, _ in ENTRIES],
)
def test_each_spelling_is_refused_with_its_status_and_reaches_no_decoy(
    server, module_decoy, status, refusal, how, text
):
    query = text.replace("{decoy}", module_decoy.url).replace("{port}", str(module_decoy.port))
    got, headers, body = send(server, how, query)
    message = body.decode("utf-8")
    assert got == status, message
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    if refusal in MESSAGES:
        assert message == MESSAGES[refusal]()
    else:
        assert message.startswith(UNREADABLE) and message.count("\n") == 1, message
    assert module_decoy.connections == 0 and module_decoy.paths == []
