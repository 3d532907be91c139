"""Issue 18: what a query is, read by a parser of the SPARQL 1.1 grammar before it runs
(``segur_kg.server.analysis``), and the bounds checked before that (length, nesting).

The analysis runs in the workers, in a thread with a large stack; the tests that call it directly
do the same (``deep``), the others go through a real endpoint.
"""

from __future__ import annotations

import sys
import threading

import pytest

from helpers.endpoint import call
from helpers.paths import ROOT
from segur_kg import sparql_text
from segur_kg.i18n import set_language
from segur_kg.ingest.loader import load
from segur_kg.messages import msg
from segur_kg.server import SparqlServer, check_bounds
from segur_kg.server.analysis import Refused, analyse
from segur_kg.server.workers import JOB_RECURSION_LIMIT, JOB_STACK_BYTES


def deep(function, *args):
    """``function(*args)`` as a worker runs a job: in a thread with the workers' stack and recursion limit."""
    outcome = {}

    def job():
        try:
            outcome["value"] = function(*args)
        except BaseException as exc:  # handed back to the test's thread
            outcome["error"] = exc

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(JOB_RECURSION_LIMIT)
    threading.stack_size(JOB_STACK_BYTES)
    try:
        thread = threading.Thread(target=job)
        thread.start()
    finally:
        threading.stack_size(0)
    thread.join()
    sys.setrecursionlimit(limit)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def refusal(query: str) -> tuple[int, str]:
    with pytest.raises(Refused) as caught:
        deep(analyse, query)
    return caught.value.status, caught.value.message


# ---------------------------------------------------------------------------------------------
# The analysis
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "query, form, names_dataset",
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT", False),
        ("PREFIX a: <x:> BASE <y:> select * {}", "SELECT", False),
        ("# comment SELECT\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", False),
        ("ASK FROM <http://example.org/g> { ?s ?p ?o }", "ASK", True),
        ("DESCRIBE ?s FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }", "DESCRIBE", True),
        ("SELECT ?insert WHERE { ?insert ?p ?o } VALUES ?insert { <http://example.org/a> }", "SELECT", False),
        ("SELECT * WHERE { ?s sgr:OperateurServiceUtilisateur ?o }", "SELECT", False),
        ('SELECT ?x WHERE { BIND("FROM <x:> SERVICE <y:> {}" AS ?x) }', "SELECT", False),
    ],
)
def test_the_form_and_the_dataset_are_read_from_the_parse_tree(query, form, names_dataset):
    analysis = deep(analyse, query)
    assert (analysis.form, analysis.names_dataset) == (form, names_dataset)
    assert analysis.kind == ("graph" if form in ("CONSTRUCT", "DESCRIBE") else "results")


def test_the_text_that_runs_is_the_text_analysed_with_its_escapes_expanded_once():
    analysis = deep(analyse, 'SELECT ?x WHERE { BIND("\\u00e9t\\U000000E9" AS ?x) }')
    assert analysis.text == 'SELECT ?x WHERE { BIND("été" AS ?x) }'
    assert refusal('SELECT * WHERE { ?s ?p "\\u005Cu0041" }') == (
        400,
        msg("server.query-escape-twice", escape="\\u0041"),
    )


def test_service_updates_and_unreadable_text_are_refused():
    assert refusal("SELECT * { ?s ?p ?o OPTIONAL { SERVICE <http://example.org/> {} } }") == (
        403,
        msg("server.service-refused"),
    )
    assert refusal("PREFIX ex: <x:> DELETE WHERE { ?s ?p ?o }") == (403, msg("server.update-refused"))
    assert refusal("SELECT * WHERE {\n ?s ?p ?o .\n FILTER(?o = )\n}") == (
        400,
        "the query cannot be read, line 3, column 2: Expected SelectQuery, found 'FILTER'",
    )


def test_sparql_beyond_1_1_is_refused_as_unreadable():
    """pyoxigraph reads RDF 1.2 triple terms; the analysis does not, so the endpoint refuses them."""
    status, message = refusal("SELECT * WHERE { ?s ?p <<( ?a ?b ?c )>> }")
    assert status == 400 and message.startswith("the query cannot be read, line 1, column ")


def test_a_service_after_a_hash_in_a_string_is_refused_as_service():
    """rdflib's own SERVICE rule misses the pattern after a '#' (in a string, an IRI); the analysis
    turns that off, so the query is refused for what it is, not as unreadable."""
    for query in (
        'SELECT * WHERE { BIND("#" AS ?x) SERVICE <http://example.org/> { ?s ?p ?o } }',
        "SELECT * WHERE { ?s ?p <http://example.org/#> . SERVICE <http://example.org/> { ?s ?p ?o } }",
    ):
        assert refusal(query) == (403, msg("server.service-refused"))


def test_a_query_nested_beyond_the_default_recursion_limit_is_analysed_in_the_workers_stack():
    """Sixty parentheses pass the nesting bound; rdflib's parser needs more than Python's default
    recursion for them, which the workers' job thread has."""
    query = "SELECT * WHERE { FILTER(" + "(" * 60 + "true" + ")" * 60 + ") }"
    assert deep(analyse, query).form == "SELECT"
    with pytest.raises(Refused) as caught:
        analyse(query)  # Python's default stack and recursion limit, as the workers had before
    assert (caught.value.status, caught.value.message) == (400, msg("server.query-too-deep"))


def test_every_saved_query_of_the_project_passes_the_analysis():
    for path in sorted((ROOT / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        assert deep(analyse, text).form == "SELECT", path.name
        assert check_bounds(text) is None, path.name


# ---------------------------------------------------------------------------------------------
# The bounds, and the nesting scan
# ---------------------------------------------------------------------------------------------
def test_nesting_counts_brackets_of_code_only():
    assert sparql_text.nesting("SELECT * { FILTER((1)) }") == (3, 18)
    # Strings, comments, IRIs and escaped characters of local names hold no bracket.
    text = 'SELECT * { ?s ?p "((((" , \'[[\' , """{{{""" # ((((\n . ?s <http://e/(((> ex:a\\(\\( }'
    assert sparql_text.nesting(text) == (1, 9)
    # The escaped quote of issue 18 opens no string: the brackets after it count.
    assert sparql_text.nesting("SELECT * { BIND(ex:a.b\\' AS ?x) FILTER(((1))) }") == (4, 40)
    # With a limit, the scan stops at the first bracket past it.
    assert sparql_text.nesting("(" * 1000, limit=64) == (65, 64)


def test_check_bounds_refuses_long_and_deep_queries():
    assert check_bounds("ASK {}", max_length=6) is None
    assert check_bounds("ASK { }", max_length=6) == (
        413,
        "text/plain; charset=utf-8",
        (msg("server.query-too-long", length=7, limit=6) + "\n").encode(),
    )
    deep_query = "SELECT * WHERE {\n FILTER(" + "(" * 10 + "1" + ")" * 10 + ") }"
    assert check_bounds(deep_query, max_nesting=12) is None  # the group, FILTER's and ten parentheses
    status, _, body = check_bounds(deep_query, max_nesting=11)
    assert (status, body.decode()) == (400, msg("server.query-too-nested", limit=11, line=2) + "\n")


@pytest.fixture(scope="module")
def server():
    set_language("en")
    with SparqlServer(load([], demo=True).store, port=0, timeout=20, max_query_length=5000) as srv:
        srv.start()
        yield srv


def test_the_endpoint_refuses_a_query_past_its_bounds_before_any_worker(server):
    status, _, body = call(server, params={"query": "ASK {" + " " * 5000 + "}"})
    assert (status, body.decode()) == (413, "query too long: 5006 characters, at most 5000\n")
    status, _, body = call(server, params={"query": "SELECT * WHERE { FILTER(" + "(" * 100 + "1" + ")" * 100 + ") }"})
    assert (status, body.decode()) == (400, msg("server.query-too-nested", limit=64, line=1) + "\n")


def test_the_endpoint_runs_a_query_nested_within_its_bounds(server):
    query = "SELECT ?x WHERE { BIND(" + "(" * 60 + "1" + ")" * 60 + " AS ?x) }"
    status, _, body = call(server, params={"query": query})
    assert status == 200, body
    assert b'"value":"1"' in body


def test_a_query_of_200000_parentheses_gets_one_line_not_a_crash(server):
    status, _, body = call(
        server,
        "POST",
        data="SELECT * WHERE { FILTER(" + "(" * 200_000 + ") }",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert status == 413 and body.decode().count("\n") == 1


def test_a_worker_reads_a_text_again_from_its_cache_and_refuses_it_again():
    from segur_kg.server.analysis import CACHED_LENGTH, analyse_again

    query = "SELECT ?cached WHERE { ?cached ?p ?o }"
    assert deep(analyse_again, query) is deep(analyse_again, query)
    refused = "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"
    errors = []
    for _ in range(2):
        with pytest.raises(Refused) as caught:
            deep(analyse_again, refused)
        errors.append(caught.value)
    assert errors[0] is not errors[1] and {(e.status, e.message) for e in errors} == {
        (403, msg("server.service-refused"))
    }
    long_query = "SELECT * WHERE { ?s ?p ?o }" + " " * CACHED_LENGTH
    assert deep(analyse_again, long_query) is not deep(analyse_again, long_query)
