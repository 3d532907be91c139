"""``segur-kg serve``: the SPARQL 1.1 Protocol endpoint, checked with a real HTTP client.

The server runs on 127.0.0.1 with an ephemeral port over the bundled data (28 candidatures, 10
dispositifs), its queries in worker processes.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
import rdflib

from helpers.cli import command as segur_kg_command
from helpers.endpoint import call
from helpers.paths import ROOT
from helpers.reference import DISPOSITIFS
from segur_kg.i18n import set_language
from segur_kg.ingest.loader import load
from segur_kg.server import GRAPH_FORMATS, RESULT_FORMATS, SparqlServer, negotiate, saved_queries

TIMEOUT = 3.0
Q_DISPOSITIFS = "SELECT ?id WHERE { ?d a sgr:Dispositif ; dcterms:identifier ?id } ORDER BY ?id"
Q_CANDIDATURES = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a sgr:Candidature }"
Q_CONSTRUCT = (
    "CONSTRUCT { ?d a sgr:Dispositif ; dcterms:identifier ?id } WHERE { ?d a sgr:Dispositif ; dcterms:identifier ?id }"
)
Q_LONG = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 12 000³ rows: hours
SRX = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture(scope="module")
def server():
    set_language("en")  # the workers' messages are in the language of the server's start
    with SparqlServer(load([], demo=True).store, port=0, timeout=TIMEOUT) as srv:
        srv.start()
        yield srv


def select(srv, query, **kw):
    status, headers, body = call(srv, params={"query": query}, **kw)
    assert status == 200, body
    assert headers["Content-Type"] == "application/sparql-results+json"
    return json.loads(body)


# ---------------------------------------------------------------------------------------------
# The protocol: GET, POST, result formats
# ---------------------------------------------------------------------------------------------
def test_binds_loopback_by_default(server):
    assert server.address[0] == "127.0.0.1"
    assert server.url.startswith("http://127.0.0.1:")


def test_get_select_counts_the_example_data(server):
    data = select(server, Q_CANDIDATURES)
    assert data["results"]["bindings"][0]["n"]["value"] == "28"
    data = select(server, Q_DISPOSITIFS)
    assert data["head"]["vars"] == ["id"]
    assert [b["id"]["value"] for b in data["results"]["bindings"]] == DISPOSITIFS


def test_prefixes_are_predeclared_and_can_be_redeclared(server):
    data = select(server, "PREFIX sgr: <https://w3id.org/segur-kg/ontology#>\n" + Q_DISPOSITIFS)
    assert len(data["results"]["bindings"]) == 10


def test_post_form_urlencoded(server):
    status, headers, body = call(
        server,
        "POST",
        data=urllib.parse.urlencode({"query": Q_DISPOSITIFS}),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 10


def test_post_sparql_query(server):
    status, headers, body = call(
        server, "POST", data=Q_CANDIDATURES, headers={"Content-Type": "application/sparql-query; charset=utf-8"}
    )
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "28"


def test_xml_results(server):
    status, headers, body = call(
        server, params={"query": Q_DISPOSITIFS}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+xml"
    root = ET.fromstring(body)
    results = root.findall(f"{SRX}results/{SRX}result")
    assert [r.find(f"{SRX}binding/{SRX}literal").text for r in results] == DISPOSITIFS


def test_csv_results(server):
    status, headers, body = call(server, params={"query": Q_DISPOSITIFS}, headers={"Accept": "text/csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows == [["id"]] + [[d] for d in DISPOSITIFS]


def test_tsv_results(server):
    status, headers, body = call(
        server, params={"query": Q_DISPOSITIFS}, headers={"Accept": "text/tab-separated-values"}
    )
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    lines = body.decode("utf-8").splitlines()
    assert lines == ["?id"] + [f'"{d}"' for d in DISPOSITIFS]


def test_ask(server):
    status, headers, body = call(server, params={"query": "ASK { ?c a sgr:Candidature }"})
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}
    status, headers, body = call(
        server, params={"query": "ASK { ?c a sgr:NoSuchClass }"}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert ET.fromstring(body).find(f"{SRX}boolean").text == "false"


def test_construct_as_turtle_parses_with_rdflib(server):
    status, headers, body = call(server, params={"query": Q_CONSTRUCT})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=body, format="turtle")
    assert len(graph) == 20
    assert sorted(str(o) for o in graph.objects(None, rdflib.DCTERMS.identifier)) == DISPOSITIFS


@pytest.mark.parametrize(
    "accept, rdflib_format",
    [("application/n-triples", "nt"), ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")],
)
def test_construct_other_formats(server, accept, rdflib_format):
    status, headers, body = call(server, params={"query": Q_CONSTRUCT}, headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert len(rdflib.Graph().parse(data=body, format=rdflib_format)) == 20


def test_describe(server):
    status, headers, body = call(server, params={"query": 'DESCRIBE ?d WHERE { ?d dcterms:identifier "LGC-MV-VA2" }'})
    assert status == 200 and len(rdflib.Graph().parse(data=body, format="turtle")) > 0


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("application/json", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv, application/sparql-results+json;q=0.9", "text/csv; charset=utf-8"),
        ("text/*", "application/sparql-results+xml"),  # text/xml, first in the server's order
        (
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "application/sparql-results+xml",
        ),  # a browser
    ],
)
def test_content_negotiation(server, accept, expected):
    status, headers, body = call(server, params={"query": Q_CANDIDATURES}, headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"] == expected


def test_406_unsupported_accept(server):
    status, headers, body = call(server, params={"query": Q_DISPOSITIFS}, headers={"Accept": "image/png"})
    assert status == 406
    assert "application/sparql-results+json" in body.decode()
    status, headers, body = call(server, params={"query": Q_CONSTRUCT}, headers={"Accept": "text/csv"})
    assert status == 406 and "text/turtle" in body.decode()
    status, headers, body = call(server, params={"query": Q_DISPOSITIFS}, headers={"Accept": "text/csv;q=0"})
    assert status == 406


# ---------------------------------------------------------------------------------------------
# Errors and refusals
# ---------------------------------------------------------------------------------------------
def test_400_on_a_syntax_error_with_the_parsers_line_and_column(server):
    status, headers, body = call(server, params={"query": "SELECT * WHERE {\n  ?s ?p ?o . FILTER(?o = )\n}"})
    assert status == 400 and headers["Content-Type"].startswith("text/plain")
    # Counted in the user's text (the predeclared prefixes are not prepended).
    assert body.decode().startswith("the query cannot be read, line 2, column ")


def test_400_on_a_missing_or_repeated_query(server):
    # (GET /sparql with no parameter at all is the Service Description: test_saved_queries_api.py)
    assert call(server, params={"query": ""})[0] == 400
    assert call(server, params={"query": "  "})[0] == 400
    assert call(server, params={"query": ["ASK {}", "ASK {}"]})[0] == 400
    status, _, body = call(server, params={"query": "ASK {}", "default-graph-uri": "http://example.org/g"})
    assert status == 400 and "FROM" in body.decode()


@pytest.mark.parametrize("how", ["get-update", "form-update", "sparql-update", "update-as-query"])
def test_updates_are_refused(server, how):
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"
    if how == "get-update":
        status, _, body = call(server, params={"update": update})
    elif how == "form-update":
        status, _, body = call(
            server,
            "POST",
            data=urllib.parse.urlencode({"update": update}),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    elif how == "sparql-update":
        status, _, body = call(server, "POST", data=update, headers={"Content-Type": "application/sparql-update"})
    else:
        status, _, body = call(server, params={"query": "PREFIX ex: <http://example.org/>\n" + update})
    assert status == 403 and "read-only" in body.decode()
    assert (
        select(server, "SELECT (COUNT(*) AS ?n) WHERE { <http://example.org/a> ?p ?o }")["results"]["bindings"][0]["n"][
            "value"
        ]
        == "0"
    )


def test_from_never_fetches_a_graph(server, decoy):
    status, _, body = call(server, params={"query": f"SELECT * FROM <{decoy.url}/graph> WHERE {{ ?s ?p ?o }}"})
    assert status == 200 and json.loads(body)["results"]["bindings"] == []
    assert decoy.connections == 0
    # FROM names the default graph (the union of all graphs otherwise): here the derived graph, absent.
    status, _, body = call(
        server, params={"query": "SELECT * FROM <https://w3id.org/segur-kg/graph/derived> WHERE { ?s ?p ?o }"}
    )
    assert status == 200 and json.loads(body)["results"]["bindings"] == []


def test_the_rdflib_worker_never_fetches_a_from_graph(tmp_path, decoy):
    """Defence in depth: a FROM naming a web graph loads nothing, in the rdflib engine too."""
    from segur_kg.server.workers import Snapshot, _Worker

    data = tmp_path / "graph.nq"
    data.write_text('<http://example.org/a> <http://example.org/b> "c" .\n', encoding="utf-8")
    worker = _Worker(Snapshot("rdflib", str(data), {}))
    try:
        worker.wait_ready(60)
        worker.conn.send((f"SELECT * FROM <{decoy.url}/graph> WHERE {{ ?s ?p ?o }}", None))
        kind, status, _, body = worker.conn.recv()
        assert (kind, status) == ("reply", 200) and json.loads(body)["results"]["bindings"] == []
    finally:
        worker.kill()
    assert decoy.connections == 0


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?c WHERE { ?c a sgr:OperateurServiceUtilisateur }",
        "SELECT ?service WHERE { ?service a sgr:Candidature } LIMIT 1",
        'SELECT ?x WHERE { BIND("SERVICE <http://example.org/> {}" AS ?x) }',
        "SELECT ?x WHERE { BIND(<http://example.org/SERVICE> AS ?x) } # SERVICE <http://example.org/>",
        "PREFIX ex: <http://example.org/> SELECT ?x WHERE { BIND(ex:service AS ?x) }",
    ],
)
def test_service_check_spares_ordinary_queries(server, query):
    assert call(server, params={"query": query})[0] == 200


def test_405_on_other_methods(server):
    for method in ("PUT", "DELETE", "PATCH", "OPTIONS"):
        status, headers, _ = call(server, method, data=b"")
        assert status == 405, method
        assert headers["Allow"] == "GET, POST"
    assert call(server, "HEAD")[0] == 405
    status, headers, _ = call(server, "POST", "/", data=b"x", headers={"Content-Type": "text/plain"})
    assert status == 405 and headers["Allow"] == "GET, HEAD"


def test_413_on_a_large_body(server):
    host, port = server.address
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.putrequest("POST", "/sparql")
    conn.putheader("Content-Type", "application/sparql-query")
    conn.putheader("Content-Length", str(1_000_001))
    conn.endheaders()  # the body is never sent: the length alone is refused
    response = conn.getresponse()
    assert response.status == 413
    conn.close()


def test_415_and_411(server):
    assert call(server, "POST", data="ASK {}", headers={"Content-Type": "text/plain"})[0] == 415
    host, port = server.address
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.putrequest("POST", "/sparql")
    conn.putheader("Content-Type", "application/sparql-query")
    conn.endheaders()
    assert conn.getresponse().status == 411
    conn.close()


def test_404_and_no_file_outside_the_web_folder(server):
    for path in (
        "/nope",
        "/static/../server.py",
        "/static/%2e%2e/server.py",
        "/static/",
        "/static/app.js/..",
        "/../pyproject.toml",
        "/static/..%2fserver.py",
    ):
        assert call(server, path=path)[0] == 404, path


def test_a_foreign_host_header_is_refused(server):
    """DNS rebinding: a page from elsewhere resolving its name to 127.0.0.1 gets nothing."""
    status, _, _ = call(server, params={"query": "ASK {}"}, headers={"Host": "evil.example:8000"})
    assert status == 403
    assert call(server, params={"query": "ASK {}"}, headers={"Host": f"localhost:{server.address[1]}"})[0] == 200


def test_a_long_query_is_stopped_at_the_time_limit(server):
    started = time.monotonic()
    status, headers, body = call(server, params={"query": Q_LONG})
    elapsed = time.monotonic() - started
    assert status == 503, body
    assert "time limit" in body.decode()
    assert TIMEOUT - 0.1 <= elapsed < TIMEOUT + 3
    # The worker was killed and replaced: the server goes on answering.
    for _ in range(4):
        assert select(server, Q_CANDIDATURES)["results"]["bindings"][0]["n"]["value"] == "28"


# ---------------------------------------------------------------------------------------------
# The page and the saved queries
# ---------------------------------------------------------------------------------------------
def test_page_is_self_contained(server):
    status, headers, body = call(server, path="/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    html = body.decode()
    assert '<html lang="fr">' in html
    for asset in ("/static/app.js", "/static/style.css", "/static/vendor/yasgui/yasgui.min.js"):
        assert asset in html
        status, headers, body = call(server, path=asset)
        assert status == 200 and len(body) > 100
    web = ROOT / "src" / "segur_kg" / "web"
    # The project's own files; the vendored editor is proven offline in a browser (test_page_editor.py).
    for path in (entry for entry in web.iterdir() if entry.is_file()):
        text = path.read_text(encoding="utf-8")
        for external in (
            'src="http',
            "src='http",
            'href="http',
            "href='http",
            "url(http",
            "@import",
            "//cdn",
            "fonts.g",
        ):
            assert external not in text, f"{path.name} refers to {external}"


def test_queries_lists_the_project_queries(server):
    status, headers, body = call(server, path="/queries")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    listed = json.loads(body)
    folder = ROOT / "queries"
    assert [q["name"] for q in listed] == sorted(p.stem for p in folder.glob("*.rq"))
    for q in listed:
        assert q["title"]["fr"] and q["title"]["en"] and q["text"]


def test_saved_queries_reads_the_headers(tmp_path):
    (tmp_path / "b-second.rq").write_text(
        "# title-fr: Deuxième\n# title-en: Second\n# param: as_of (xsd:date, default today) — date\n"
        "# needs: derived\nSELECT * WHERE { ?s ?p ?o }\n",
        encoding="utf-8",
    )
    (tmp_path / "a-first.rq").write_text("ASK {}\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a query", encoding="utf-8")
    found = saved_queries(tmp_path)
    assert [q["name"] for q in found] == ["a-first", "b-second"]
    assert found[0]["title"] == {"fr": "a-first", "en": "a-first"}
    assert found[1]["title"] == {"fr": "Deuxième", "en": "Second"}
    assert found[1]["params"] == ["as_of (xsd:date, default today) — date"]
    assert found[1]["needs"] == "derived"
    assert found[1]["text"].endswith("SELECT * WHERE { ?s ?p ?o }\n")
    assert saved_queries(tmp_path / "missing") == []


# ---------------------------------------------------------------------------------------------
# The other stores
# ---------------------------------------------------------------------------------------------
def test_rdflib_store(tmp_path):
    with SparqlServer(load([], store="rdflib", demo=True).store, port=0, timeout=30, workers=1) as srv:
        srv.start()
        assert select(srv, Q_CANDIDATURES)["results"]["bindings"][0]["n"]["value"] == "28"
        assert [b["id"]["value"] for b in select(srv, Q_DISPOSITIFS)["results"]["bindings"]] == DISPOSITIFS
        status, headers, body = call(
            srv, params={"query": Q_DISPOSITIFS}, headers={"Accept": "text/tab-separated-values"}
        )
        assert status == 200 and body.decode().splitlines() == ["?id"] + [f'"{d}"' for d in DISPOSITIFS]
        status, headers, body = call(srv, params={"query": Q_DISPOSITIFS}, headers={"Accept": "text/csv"})
        assert list(csv.reader(io.StringIO(body.decode()))) == [["id"]] + [[d] for d in DISPOSITIFS]
        status, headers, body = call(
            srv, params={"query": Q_DISPOSITIFS}, headers={"Accept": "application/sparql-results+xml"}
        )
        assert len(ET.fromstring(body).findall(f"{SRX}results/{SRX}result")) == 10
        status, headers, body = call(srv, params={"query": "ASK {}"}, headers={"Accept": "text/csv"})
        assert body == b"true"
        status, headers, body = call(srv, params={"query": Q_CONSTRUCT})
        assert status == 200 and len(rdflib.Graph().parse(data=body, format="turtle")) == 20
        assert call(srv, params={"query": "SELECT * WHERE { ?s ?p }"})[0] == 400


def test_persistent_oxigraph_store(tmp_path):
    loaded = load([], store=str(tmp_path / "db"), demo=True)
    with SparqlServer(loaded.store, port=0, timeout=30, workers=1) as srv:
        srv.start()
        assert select(srv, Q_CANDIDATURES)["results"]["bindings"][0]["n"]["value"] == "28"


# ---------------------------------------------------------------------------------------------
# Pure functions
# ---------------------------------------------------------------------------------------------
def test_negotiate():
    assert negotiate(None, RESULT_FORMATS).name == "json"
    assert negotiate("", GRAPH_FORMATS).name == "turtle"
    assert negotiate("application/json", GRAPH_FORMATS).name == "jsonld"
    assert negotiate("text/turtle;q=0, */*", GRAPH_FORMATS).name == "nt"
    assert negotiate("application/sparql-results+json;q=0", RESULT_FORMATS) is None
    assert negotiate("text/csv;q=bad", RESULT_FORMATS) is None


# ---------------------------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------------------------
def test_serve_command_prints_the_url_and_stops_on_ctrl_c():
    proc = subprocess.Popen(
        segur_kg_command("serve", "--demo", "--port", "0", "--lang", "en"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        first = proc.stdout.readline()
        assert first.startswith("Query page: http://127.0.0.1:"), first + proc.stderr.read()
        url = first.split(": ", 1)[1].strip()
        assert [proc.stdout.readline().strip() for _ in range(3)] == [
            f"Perimeter explorer: {url}explore",
            f"Ontology: {url}ontology",
            f"SPARQL endpoint: {url}sparql",
        ]
        with urllib.request.urlopen(
            url + "sparql?" + urllib.parse.urlencode({"query": Q_CANDIDATURES}), timeout=30
        ) as resp:
            assert json.loads(resp.read())["results"]["bindings"][0]["n"]["value"] == "28"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
        err = proc.stderr.read()
        # Which mechanism depends on the system (tests/server/test_isolation.py); the line is always there.
        assert err.startswith(("Query workers isolated from the network (", "warning: the query workers are not")), err
        assert "Stopped." in err and "Traceback" not in err
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_serve_command_reports_a_port_in_use():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            segur_kg_command("serve", "--port", str(port), "--lang", "en"), capture_output=True, text=True, timeout=60
        )
    assert result.returncode == 2
    assert result.stderr.startswith("error: --host/--port") and f"127.0.0.1:{port}" in result.stderr


def test_the_serve_options_default_to_the_servers_constants():
    import inspect

    from segur_kg.cli.commands import serve
    from segur_kg.server.http import LISTEN_BACKLOG
    from segur_kg.server.protocol import MAX_QUERY_LENGTH, MAX_QUERY_NESTING
    from segur_kg.server.workers import DEFAULT_TIMEOUT, DEFAULT_WORKERS, MAX_RESULT_BYTES

    defaults = {name: p.default for name, p in inspect.signature(serve).parameters.items()}
    assert defaults["timeout"] == DEFAULT_TIMEOUT and defaults["workers"] == DEFAULT_WORKERS
    assert defaults["per_client"] is None  # half the workers
    assert defaults["max_result_bytes"] == MAX_RESULT_BYTES
    assert defaults["max_query_length"] == MAX_QUERY_LENGTH and defaults["max_query_nesting"] == MAX_QUERY_NESTING
    assert defaults["backlog"] == LISTEN_BACKLOG


def test_serve_refuses_a_limit_below_one_in_one_line():
    result = subprocess.run(
        segur_kg_command("serve", "--port", "0", "--per-client", "0", "--lang", "en"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == "error: --per-client: expected at least 1\n"
