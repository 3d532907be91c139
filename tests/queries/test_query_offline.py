"""`segur-kg query` never reaches the network either (issue 18): a query file with SERVICE, spelled
plainly or through a codepoint escape, is refused in one line, exit 2, and no connection reaches a
decoy HTTP server on loopback; a query that only mentions the word in a string still runs."""

from __future__ import annotations

import pytest

from helpers.cli import invoke
from helpers.endpoint import Decoy


@pytest.fixture
def decoy():
    server = Decoy()
    yield server
    server.stop()


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "select * where {{ service silent <{url}/sparql> {{ ?s ?p ?o }} }}",
        "PREFIX ex: <http://example.org/>\n"
        "SELECT * WHERE {{ BIND(ex:a.b AS ?x) \\u0053ERVICE <{url}/x> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}/x> {{ ?s ?p ?o }} }} }}",
    ],
)
def test_a_query_file_with_service_is_refused_and_reaches_no_decoy(tmp_path, decoy, template):
    path = tmp_path / "remote.rq"
    path.write_text(template.format(url=decoy.url), encoding="utf-8")
    result = invoke("query", str(path), "--demo", "--lang", "en")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.strip().endswith("the query uses SERVICE (or an update): segur-kg never queries the network")
    assert decoy.connections == 0


def test_a_query_that_only_says_service_in_a_string_runs(tmp_path):
    path = tmp_path / "word.rq"
    path.write_text('SELECT ?word WHERE { BIND("service" AS ?word) }', encoding="utf-8")
    result = invoke("query", str(path), "--demo", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["word", "service"]
