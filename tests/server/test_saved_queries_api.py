"""The saved queries under ``segur-kg serve``: bound on the server by the command line's code, with the
engine's decisions derived as of their date (``needs: derived``), and the Service Description of
``GET /sparql``; their answers equal ``segur-kg query NAME --demo -p as_of=2026-07-01 --format json``."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
import rdflib
from rdflib.namespace import RDF

from helpers.cli import invoke
from segur_kg.i18n import set_language
from segur_kg.ingest.loader import load
from segur_kg.server import SparqlServer
from segur_kg.server.description import FORMAT_IRIS, SD, VOID

AS_OF = "2026-07-01"


@pytest.fixture(scope="module")
def server():
    set_language("en")
    with SparqlServer(load([], demo=True).store, port=0, timeout=60) as srv:
        srv.start()
        yield srv


def cli_rows(name: str, *params: str) -> dict:
    result = invoke("query", name, "--demo", "--format", "json", *[f"-p{p}" for p in params])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def get(srv, path: str, accept: str | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(srv.url + path.lstrip("/"), headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return answer.status, answer.headers["Content-Type"], answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


@pytest.mark.parametrize("name", ["perimeter-summary", "candidatures-at-risk"])
def test_a_saved_query_gives_the_cli_rows_as_of_a_date(server, name):
    """perimeter-summary reads the derived decisions (ROOT-3, HER-3...): derived on the server first."""
    status, content_type, body = get(server, f"/api/queries/{name}/results?as_of={AS_OF}")
    assert status == 200, body
    assert content_type == "application/sparql-results+json"
    answer = json.loads(body)
    expected = cli_rows(name, f"as_of={AS_OF}")
    assert answer["head"]["vars"] == expected["head"]["vars"]
    assert answer["results"]["bindings"] == expected["results"]["bindings"]
    assert len(answer["results"]["bindings"]) == {"perimeter-summary": 28, "candidatures-at-risk": 2}[name]


def test_decisions_are_derived_once_per_date_and_the_pool_swapped(server):
    get(server, f"/api/queries/perimeter-summary/results?as_of={AS_OF}")
    pool = server.pool
    assert get(server, f"/api/queries/perimeter-summary/results?as_of={AS_OF}")[0] == 200
    assert server.pool is pool  # the same date: nothing derived again
    status, _, body = get(server, "/api/queries/perimeter-summary/results?as_of=2026-09-01")
    assert status == 200
    assert server.pool is not pool
    expected = cli_rows("perimeter-summary", "as_of=2026-09-01")
    assert json.loads(body)["results"]["bindings"] == expected["results"]["bindings"]
    assert pool._closed  # the old pool closed once its queries ended


def test_the_bound_text_is_the_cli_text(server):
    status, _, body = get(server, f"/api/queries/candidatures-at-risk?as_of={AS_OF}&within=45")
    assert status == 200
    answer = json.loads(body)
    assert answer["derived_as_of"] is None
    assert 'VALUES ?as_of { "2026-07-01"^^<http://www.w3.org/2001/XMLSchema#date> }' in answer["query"]
    assert 'VALUES ?within { "45"^^<http://www.w3.org/2001/XMLSchema#integer> }' in answer["query"]
    status, _, body = get(server, f"/api/queries/perimeter-summary?as_of={AS_OF}")
    assert json.loads(body)["derived_as_of"] == AS_OF


def test_a_bad_value_is_one_line_naming_the_parameter(server):
    status, content_type, body = get(server, "/api/queries/candidatures-at-risk/results?as_of=2026-13-01&lang=en")
    assert (status, content_type) == (400, "text/plain; charset=utf-8")
    assert body.decode() == (
        "parameter as_of: '2026-13-01' is not a real date YYYY-MM-DD (or today) (query candidatures-at-risk)\n"
    )
    status, _, body = get(server, "/api/queries/candidatures-at-risk/results?within=soon&lang=fr")
    assert body.decode() == "paramètre within : 'soon' n'est pas un nombre entier (requête candidatures-at-risk)\n"
    status, _, body = get(server, "/api/queries/candidatures-at-risk/results?colour=blue&lang=en")
    assert status == 400
    assert (
        body.decode() == "parameter colour: unknown parameter of query candidatures-at-risk: expected as_of, within\n"
    )
    status, _, body = get(server, "/api/queries/no-such-query/results?lang=en")
    assert (status, body.decode()) == (404, "unknown saved query: no-such-query (see /queries)\n")


def test_queries_lists_each_parameter(server):
    status, _, body = get(server, "/queries")
    listed = {q["name"]: q for q in json.loads(body)}
    assert listed["candidatures-at-risk"]["parameters"] == [
        {
            "name": "as_of",
            "datatype": "xsd:date",
            "default": "today",
            "optional": False,
            "doc": {"fr": "date du contrôle", "en": "date of the check"},
        },
        {
            "name": "within",
            "datatype": "xsd:integer",
            "default": "30",
            "optional": False,
            "doc": {
                "fr": "jours avant la Date 2 considérés comme proches",
                "en": "days before Date 2 that count as near",
            },
        },
    ]
    assert listed["perimeter-summary"]["needs"] == "derived"


# ---------------------------------------------------------------------------------------------
# The Service Description of GET /sparql
# ---------------------------------------------------------------------------------------------
def expected_counts(store) -> tuple[int, int]:
    dataset = rdflib.Dataset()
    dataset.parse(data=store.serialize("nquads"), format="nquads")
    triples = {(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))}
    return len(triples), len({o for s, p, o in triples if p == RDF.type})


@pytest.mark.parametrize(
    ("accept", "media_type", "parser"),
    [
        (None, "text/turtle; charset=utf-8", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/n-triples", "application/n-triples", "nt"),
    ],
)
def test_get_sparql_without_a_query_describes_the_service(server, accept, media_type, parser):
    status, content_type, body = get(server, "/sparql", accept)
    assert (status, content_type) == (200, media_type)
    graph = rdflib.Graph().parse(data=body, format=parser)
    service = graph.value(predicate=RDF.type, object=SD.Service)
    assert graph.value(service, SD.endpoint) == rdflib.URIRef(server.url + "sparql")
    assert set(graph.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}
    assert set(graph.objects(service, SD.resultFormat)) == set(FORMAT_IRIS.values())
    assert set(graph.objects(service, SD.feature)) == {SD.UnionDefaultGraph}
    default = graph.value(graph.value(service, SD.defaultDataset), SD.defaultGraph)
    assert (default, RDF.type, VOID.Dataset) in graph
    triples, classes = expected_counts(server.httpd.store)
    assert (graph.value(default, VOID.triples).toPython(), graph.value(default, VOID.classes).toPython()) == (
        triples,
        classes,
    )


def test_get_sparql_with_an_empty_query_is_still_refused(server):
    status, _, body = get(server, "/sparql?query=&lang=en")
    assert status == 400
    assert get(server, "/sparql", "text/csv")[0] == 406
