"""The store on an external SPARQL 1.1 server (``--store sparql+http://...``) answers as the embedded one.

A throwaway Virtuoso (Debian's virtuoso-opensource, see tests/stores/virtuoso/) is started once on
127.0.0.1 with free ports, the ontology, the reference data and the bundled examples are loaded
into it through the SPARQL 1.1 Protocol, and every answer is compared with the embedded
pyoxigraph store holding the same data: ``info``, ``perimeter``, ``validate``, the query library,
the engine on every candidature, the fast SHACL engine on every invalid example.

Without the package, the Virtuoso tests skip and say so; the tests that need no server (errors,
truncation, parsing) always run.
"""

from __future__ import annotations

import http.server
import importlib.util
import json
import os
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from helpers.cli import invoke
from segur_kg import queries
from segur_kg.engine import Engine
from segur_kg.errors import InputError
from segur_kg.ingest.loader import dossier_graph, load
from segur_kg.resources import project_home
from segur_kg.stores import OxigraphStore, open_store
from segur_kg.stores.sparql_http import (
    DATA_GRAPH,
    GRAPH_NAMESPACE,
    STAGING_NAMESPACE,
    SparqlHttpStore,
    _staging_prefix,
    query_form,
)
from segur_kg.validation import validate_store

HERE = Path(__file__).resolve().parent
INVALID = sorted((project_home() / "data" / "examples" / "invalid").glob("*.yaml"))
SCRATCH = GRAPH_NAMESPACE + "test-scratch"  # a graph the tests add and drop again
AS_OF = "2026-07-01"


def _server_module():
    spec = importlib.util.spec_from_file_location("virtuoso_server", HERE / "virtuoso" / "server.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


vt_server = _server_module()


# ------------------------------------------------------------------------------------------------
# The server and the data
# ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    if vt_server.binary() is None:
        pytest.skip(
            "virtuoso-opensource is not installed: no virtuoso-t on PATH "
            "(Debian: apt-get install virtuoso-opensource-7-bin, which `make test` does as root)"
        )
    server = vt_server.start(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield server
    finally:
        server.stop()
        for database in server.directory.glob("virtuoso*.db"):  # about 50 MB; the logs stay
            database.unlink()


@pytest.fixture(scope="session")
def embedded() -> OxigraphStore:
    """The embedded store: ontology, reference data and the demo dossiers."""
    return load(demo=True).store


@pytest.fixture(scope="session")
def remote(virtuoso, embedded) -> SparqlHttpStore:
    """The same quads in Virtuoso, loaded through SPARQL 1.1 Update on the endpoint that may write."""
    store = open_store(virtuoso.write_url)
    assert isinstance(store, SparqlHttpStore)
    store.load(embedded.serialize("nquads"), "nquads")
    return store


@pytest.fixture
def scratch(remote):
    """The remote store with a scratch graph dropped again after the test."""
    yield remote
    remote.clear_graph(SCRATCH)


def _cli_json(*args: str) -> tuple[int, object]:
    result = invoke(*args)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


# ------------------------------------------------------------------------------------------------
# The Store API
# ------------------------------------------------------------------------------------------------
def test_the_loaded_store_holds_the_same_triples(remote, embedded):
    assert remote.graphs() == [DATA_GRAPH]
    assert len(remote) == len(embedded)
    # The ontology has blank nodes (owl:unionOf lists): each store labels them its own way.
    assert isomorphic(remote.to_rdflib(), embedded.to_rdflib())


def test_system_graphs_of_the_server_stay_out_of_the_store(remote, embedded):
    # Virtuoso's own graphs (virtrdf#, ldp#...) are in its default graph, not in the store.
    count = remote.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0]
    assert int(count) == len(embedded)
    assert not remote.query("ASK { ?s a <http://www.openlinksw.com/schemas/virtrdf#QuadMapFormat> }")


EX = "http://example.org/"


def _terms_graph() -> Graph:
    g = Graph()
    s = URIRef(EX + "s")
    for i, value in enumerate(
        [
            Literal("plain"),
            Literal("typed string", datatype=XSD.string),
            Literal("bonjour", lang="fr"),
            Literal('Général é ü "quoted"\nsecond line\ttab'),
            Literal(True),
            Literal(False),
            Literal(42),
            Literal("2026-07-01", datatype=XSD.date),
            Literal("2026-13-45", datatype=XSD.date),
            Literal("x", datatype=URIRef(EX + "custom")),
            URIRef(EX + "o"),
        ]
    ):
        g.add((s, URIRef(f"{EX}p{i}"), value))
    return g


def test_terms_come_back_as_the_embedded_store_gives_them(scratch):
    g = _terms_graph()
    scratch.add_graph(g, SCRATCH)
    local = OxigraphStore()
    local.add_graph(g, SCRATCH)
    q = f"SELECT ?p ?o WHERE {{ <{EX}s> ?p ?o }} ORDER BY ?p"
    assert scratch.select(q).rows == local.select(q).rows
    assert scratch.select_values(q) == local.select_values(q)
    # Booleans computed by expressions: Virtuoso says 1/0 unless cast (see the report on queries).
    q = f"SELECT ?p (xsd:boolean(isIRI(?o)) AS ?iri) WHERE {{ <{EX}s> ?p ?o }} ORDER BY ?p"
    assert scratch.select(q).rows == local.select(q).rows


def test_ask_construct_count_clear_and_load_from_a_file(scratch, embedded, tmp_path):
    g = _terms_graph()
    path = tmp_path / "terms.ttl"
    g.serialize(path, format="turtle")
    scratch.load(path, "turtle", SCRATCH)
    local = OxigraphStore()
    local.load(path, "turtle", SCRATCH)
    assert SCRATCH in scratch.graphs()
    assert len(scratch) == len(embedded) + len(g)
    assert scratch.query(f'ASK {{ <{EX}s> <{EX}p0> "plain" }}') is True
    assert scratch.query(f'ASK {{ <{EX}s> <{EX}p0> "other" }}') is False
    construct = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{SCRATCH}> {{ ?s ?p ?o }} }}"
    constructed = scratch.query(construct)
    assert isinstance(constructed, Graph) and set(constructed) == set(local.query(construct))
    assert set(Graph().parse(data=scratch.serialize("nt", SCRATCH), format="nt")) == set(
        Graph().parse(data=local.serialize("nt", SCRATCH), format="nt")
    )
    scratch.clear_graph(SCRATCH)
    assert SCRATCH not in scratch.graphs()
    assert len(scratch) == len(embedded)


def test_blank_nodes_keep_their_links_across_chunks(virtuoso, embedded):
    store = SparqlHttpStore(virtuoso.write_url, chunk=3)  # many requests for a few triples
    g = Graph()
    head = BNode()
    g.add((URIRef(EX + "list"), URIRef(EX + "first"), head))
    node = head
    for i in range(7):  # one connected group of blank nodes longer than a chunk
        nxt = BNode()
        g.add((node, URIRef(EX + "value"), Literal(i)))
        g.add((node, URIRef(EX + "next"), nxt))
        node = nxt
    for i in range(5):  # and plain triples
        g.add((URIRef(f"{EX}n{i}"), RDF.type, URIRef(EX + "Thing")))
    try:
        store.add_graph(g, SCRATCH)
        back = Graph().parse(data=store.serialize("nt", SCRATCH), format="nt")
        assert isomorphic(back, g)
        # The union copy (validation's data graph) names blank nodes as SELECT results do.
        label = store.select(f"SELECT ?b WHERE {{ <{EX}list> <{EX}first> ?b }}").rows[0][0]
        assert isinstance(label, BNode)
        assert (URIRef(EX + "list"), URIRef(EX + "first"), label) in store.to_rdflib()
    finally:
        store.clear_graph(SCRATCH)
    assert len(store) == len(embedded)


def _staging_graphs(store: SparqlHttpStore) -> list[str]:
    found = store._run(
        f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), "{STAGING_NAMESPACE}")) }}',
        "SELECT",
        dataset=False,
    )
    return sorted(str(row[0]) for row in found.rows)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_replace_graph_moves_a_staging_graph_into_place_and_leaves_none(scratch, embedded):
    scratch.add_graph(_terms_graph(), SCRATCH)
    new = Graph()
    new.add((URIRef(EX + "new"), URIRef(EX + "p"), Literal("replaced")))
    new.add((URIRef(EX + "new"), URIRef(EX + "q"), BNode()))
    scratch.replace_graph(SCRATCH, new)
    assert isomorphic(Graph().parse(data=scratch.serialize("nt", SCRATCH), format="nt"), new)
    assert _staging_graphs(scratch) == []
    assert len(scratch) == len(embedded) + 2
    scratch.replace_graph(SCRATCH, Graph())
    assert SCRATCH not in scratch.graphs()


def test_a_staging_graph_left_by_a_killed_process_of_this_machine_is_dropped(scratch):
    dead = f"{_staging_prefix()}{_dead_pid()}/left"
    running = f"{_staging_prefix()}{os.getppid()}/running"
    other_machine = f"{STAGING_NAMESPACE}elsewhere.example/{_dead_pid()}/theirs"
    for graph in (dead, running, other_machine):
        scratch.add_graph(_terms_graph(), graph)
    try:
        scratch.replace_graph(SCRATCH, _terms_graph())
        assert _staging_graphs(scratch) == sorted([running, other_machine])
    finally:
        for graph in (dead, running, other_machine):
            scratch.clear_graph(graph)


# ------------------------------------------------------------------------------------------------
# The commands, against the embedded store
# ------------------------------------------------------------------------------------------------
def test_info_json_equals_the_embedded_store(remote):
    _, mine = _cli_json("info", "--demo", "--format", "json", "--lang", "en")
    _, theirs = _cli_json("info", "--format", "json", "--lang", "en", "--store", remote.spec)
    assert (mine.pop("store"), theirs.pop("store")) == ("oxigraph", "sparql")
    assert theirs == mine


def test_perimeter_json_equals_the_embedded_store(remote):
    args = ("perimeter", "C3-CAND-B", "--as-of", AS_OF, "--format", "json", "--lang", "en")
    assert _cli_json(*args, "--store", remote.spec) == _cli_json(*args, "--demo")


def test_engine_gives_the_same_perimeter_for_every_candidature(remote, embedded):
    mine, theirs = Engine.from_store(embedded), Engine.from_store(remote)
    for day in (date(2026, 3, 1), date(2026, 7, 1), date(2026, 12, 31)):
        assert [p.as_json() for p in theirs.perimeters(day)] == [p.as_json() for p in mine.perimeters(day)]


def test_validate_json_equals_the_embedded_store(remote):
    args = ("validate", "--format", "json", "--lang", "en")
    assert _cli_json(*args, "--store", remote.spec) == _cli_json(*args, "--demo")


# Values of the library's required parameters (no default): export codes of two REMs.
REQUIRED_VALUES = {"rem_a": "REM_LGC", "rem_b": "REM_RIS"}


@pytest.mark.parametrize("name", [q.name for q in queries.library()])
def test_query_library_equals_the_embedded_store(remote, name):
    q = queries.resolve(name)
    params = ["--param", f"as_of={AS_OF}"] if any(p.name == "as_of" for p in q.params) else []
    for param in q.params:  # a required parameter other than the date: the value its doc gives as example
        if param.required and param.name != "as_of":
            params += ["--param", f"{param.name}={REQUIRED_VALUES[param.name]}"]
    args = ("query", name, "--format", "json", *params)
    assert _cli_json(*args, "--store", remote.spec) == _cli_json(*args, "--demo")


def test_the_read_commands_need_no_write_access(virtuoso, remote, embedded):
    # The anonymous /sparql endpoint of Virtuoso is read-only: info, perimeter and validate on a
    # store that holds data read it and write nothing.
    before = len(remote)
    for args in (
        ("info", "--format", "json"),
        ("perimeter", "C3-CAND-B", "--as-of", AS_OF, "--format", "json"),
        ("validate", "--format", "json"),
    ):
        result = invoke(*args, "--lang", "en", "--store", virtuoso.url)
        assert result.exit_code in (0, 1), result.output
    assert len(remote) == before


def test_query_of_the_decisions_reads_only_with_no_derive_once_derived(virtuoso, remote):
    # A query that reads the engine's decisions writes them first (the derived graph): on the
    # read-only endpoint that is refused in one line; after `derive` through the endpoint that may
    # write, `--no-derive` reads them there and answers as the embedded store does.
    args = ("query", "perimeter-summary", "--param", f"as_of={AS_OF}", "--format", "json", "--lang", "en")
    refused = invoke(*args, "--store", virtuoso.url)
    assert refused.exit_code == 2
    assert refused.output.count("\n") == 1 and virtuoso.url.split("//")[1] in refused.output, refused.output
    assert f"cannot write the engine's decisions as of {AS_OF} (the derived graph)" in refused.output
    assert f"run 'segur-kg derive --as-of {AS_OF}' with write access, then the query with --no-derive" in refused.output
    derived = invoke("derive", "--as-of", AS_OF, "--lang", "en", "--store", remote.spec)
    assert derived.exit_code == 0, derived.output
    before = len(remote)
    assert _cli_json(*args, "--no-derive", "--store", virtuoso.url) == _cli_json(*args, "--demo")
    assert len(remote) == before


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_fast_validation_of_each_invalid_example_equals_the_embedded_store(scratch, path):
    scratch.add_graph(dossier_graph([path]), SCRATCH)
    mine = validate_store(load([path], demo=True).store, lang="en", engine="fast")
    theirs = validate_store(scratch, lang="en", engine="fast")
    assert [f.__dict__ for f in theirs.findings] == [f.__dict__ for f in mine.findings]
    assert theirs.conforms == mine.conforms


# ------------------------------------------------------------------------------------------------
# Errors: one line naming the store, exit code 2
# ------------------------------------------------------------------------------------------------
def _closed_port() -> int:
    return vt_server.free_port()  # bound then released: nothing listens there


def test_an_unreachable_server_is_one_line_exit_2():
    url = f"sparql+http://127.0.0.1:{_closed_port()}/sparql"
    result = invoke("info", "--store", url, "--lang", "en")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {url}: SPARQL server unreachable")


def test_an_http_error_names_the_status_and_the_server_message(virtuoso):
    url = f"sparql+http://127.0.0.1:{virtuoso.http_port}/no-such-endpoint"
    result = invoke("info", "--store", url, "--lang", "en")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {url}: HTTP 404: the SPARQL server answered 404")


def test_a_wrong_password_is_reported_without_the_password(virtuoso):
    url = f"sparql+http://dba:wrong-secret@127.0.0.1:{virtuoso.http_port}/sparql-auth"
    result = invoke("info", "--store", url, "--lang", "en")
    assert result.exit_code == 2
    assert "HTTP 401" in result.stderr and "wrong-secret" not in result.stderr
    assert f"sparql+http://dba@127.0.0.1:{virtuoso.http_port}/sparql-auth" in result.stderr


def test_a_query_the_server_rejects_is_an_input_error(remote):
    with pytest.raises(InputError) as caught:
        remote.select("SELECT ?s WHERE { ?s ?p }")
    text = str(caught.value)
    assert "HTTP 400" in text and "\n" not in text


class _Truncating(http.server.BaseHTTPRequestHandler):
    """A SPARQL server that cuts answers short, as Virtuoso does past ResultSetMaxRows."""

    def do_POST(self):  # noqa: N802 - the http.server API
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        if "COUNT" in body:
            payload = {
                "head": {"vars": ["g", "n"]},
                "results": {
                    "bindings": [
                        {
                            "g": {"type": "uri", "value": DATA_GRAPH},
                            "n": {"type": "literal", "value": "5", "datatype": str(XSD.integer)},
                        }
                    ]
                },
            }
            self._send(json.dumps(payload).encode(), "application/sparql-results+json")
        elif "CONSTRUCT" in body:
            self._send(b"<urn:a> <urn:b> <urn:c> .\n", "application/n-triples")
        elif "DISTINCT" in body:  # the graph list
            self._send(
                json.dumps({"head": {"vars": ["g"]}, "results": {"bindings": []}}).encode(),
                "application/sparql-results+json",
            )
        else:
            self._send(
                json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": []}}).encode(),
                "application/sparql-results+json",
                {"X-SPARQL-MaxRows": "100"},
            )

    def _send(self, data: bytes, ctype: str, extra: dict | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def truncating_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Truncating)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"sparql+http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


def test_a_cut_answer_is_reported_never_used(truncating_server):
    store = SparqlHttpStore(truncating_server)
    with pytest.raises(InputError, match="ResultSetMaxRows"):
        store.select("SELECT ?s WHERE { ?s ?p ?o }")
    with pytest.raises(InputError, match="only 1 of the 5 triples"):
        store.to_rdflib()


# ------------------------------------------------------------------------------------------------
# Parsing without a server
# ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, form",
    [
        ("SELECT * WHERE {}", "SELECT"),
        (
            "# a comment with ASK in it\nPREFIX ex: <http://e/#ask> \n  construct { ?s ?p ?o } WHERE { ?s ?p ?o }",
            "CONSTRUCT",
        ),
        ("BASE <http://e/>\nPREFIX : <http://e/select#>\nASK { ?s ?p ?o }", "ASK"),
        ("PREFIX sgr: <https://w3id.org/segur-kg/ontology#>\nDESCRIBE sgr:x", "DESCRIBE"),
    ],
)
def test_the_query_form_is_read_after_the_prologue(text, form):
    assert query_form(text) == form


def test_store_urls(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = open_store(
        "sparql+https://user:secret@example.org:8443/ds/query?default-graph-uri=urn%3Ag&update=/ds/update&timeout=9"
    )
    assert isinstance(store, SparqlHttpStore)
    assert store.endpoint == "https://example.org:8443/ds/query?timeout=9"
    assert store.update_endpoint == "https://example.org:8443/ds/update"
    assert store.extra_graphs == ["urn:g"]
    assert "secret" not in store.display and "user@" in store.display
    assert list(tmp_path.iterdir()) == []  # not taken for a folder of a persistent store
