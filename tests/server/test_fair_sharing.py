"""Issue 18, a fair endpoint: a listen backlog for real use, per-client limits (429 with Retry-After),
a worker kept for the clients that are not running long queries, a cap on the size of an answer,
and answers streamed rather than held whole.

Clients are told apart by their address: the tests send from several loopback addresses
(127.0.0.2, 127.0.0.3...), as several machines would.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import threading
import time
import urllib.parse

import pytest

from segur_kg.i18n import set_language
from segur_kg.ingest.loader import load
from segur_kg.messages import msg
from segur_kg.server import SparqlServer
from segur_kg.server.http import LISTEN_BACKLOG
from segur_kg.server.workers import STREAM_BUFFER, default_per_client

LIGHT = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a sgr:Candidature }"
LONG = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # hours: stopped at the time limit
EVERYTHING = "SELECT * WHERE { ?s ?p ?o }"  # about 3 MB of JSON on the bundled data


@pytest.fixture(scope="module")
def store():
    set_language("en")
    return load([], demo=True).store


def ask(srv, query: str, client: str = "127.0.0.2", timeout: float = 60):
    """(status, headers, body, seconds) of a GET from the loopback address ``client``."""
    host, port = srv.address
    conn = http.client.HTTPConnection(host, port, timeout=timeout, source_address=(client, 0))
    started = time.monotonic()
    try:
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}))
        response = conn.getresponse()
        body = response.read()
        return response.status, response.headers, body, time.monotonic() - started
    finally:
        conn.close()


def in_background(function, *args):
    """Run ``function(*args)`` in a thread; the returned list holds its result once joined."""
    result: list = []
    thread = threading.Thread(target=lambda: result.append(function(*args)), daemon=True)
    thread.start()
    return thread, result


def wait_until(condition, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def idle_workers(srv) -> int:
    with srv.pool._lock:
        return len(srv.pool._idle)


# ---------------------------------------------------------------------------------------------
# The listen backlog
# ---------------------------------------------------------------------------------------------
def test_the_listen_backlog_holds_a_hundred_waiting_connections(store):
    """With the server not accepting yet, the system queues what the backlog allows: 100 of 100
    connections complete (a backlog of 5 completes 6 and drops the others' SYN)."""
    assert LISTEN_BACKLOG == 128
    with SparqlServer(store, port=0, workers=1) as srv:  # not started: nothing is accepted
        sockets = []
        try:
            for _ in range(100):
                sock = socket.socket()
                sock.setblocking(False)
                sock.connect_ex(srv.address)
                sockets.append(sock)
            time.sleep(1.0)
            connected = 0
            for sock in sockets:
                try:
                    sock.getpeername()
                    connected += 1
                except OSError:
                    pass
        finally:
            for sock in sockets:
                sock.close()
    assert connected == 100


def test_the_backlog_can_be_set(store):
    with SparqlServer(store, port=0, workers=1, backlog=3) as srv:
        assert srv.httpd.request_queue_size == 3


# ---------------------------------------------------------------------------------------------
# Per-client limits, and the worker kept for light clients
# ---------------------------------------------------------------------------------------------
def test_the_default_per_client_limit_is_half_the_workers():
    assert [default_per_client(n) for n in (1, 2, 3, 4, 8)] == [1, 1, 1, 2, 4]


def test_a_client_past_its_limit_gets_429_while_others_are_served(store):
    with SparqlServer(store, port=0, workers=2, timeout=4) as srv:
        srv.start()
        thread, long_answer = in_background(ask, srv, LONG, "127.0.0.2")
        wait_until(lambda: idle_workers(srv) == 1)
        status, headers, body, _ = ask(srv, LIGHT, "127.0.0.2")
        assert status == 429
        retry = int(headers["Retry-After"])
        assert 1 <= retry <= 4
        assert body.decode() == msg("server.client-limit", client="127.0.0.2", running=1, retry=retry) + "\n"
        # Another address is served at once, by the other worker.
        status, _, body, seconds = ask(srv, LIGHT, "127.0.0.3")
        assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "28"
        assert seconds < 2
        thread.join()
        assert long_answer[0][0] == 503


def test_long_query_clients_leave_one_worker_to_the_others(store):
    """Two clients whose queries ran to the time limit are long-query clients: together they get one
    worker of two, and a third client's light query runs at once on the other, although a long
    client is waiting (which gets its turn when the first long query ends)."""
    with SparqlServer(store, port=0, workers=2, timeout=3) as srv:
        srv.start()
        first = [in_background(ask, srv, LONG, client) for client in ("127.0.0.2", "127.0.0.3")]
        for thread, answer in first:
            thread.join()
            assert answer[0][0] == 503
        wait_until(lambda: idle_workers(srv) == 2)  # the killed workers are replaced
        a_thread, a_answer = in_background(ask, srv, LONG, "127.0.0.2")
        wait_until(lambda: idle_workers(srv) == 1)
        b_thread, b_answer = in_background(ask, srv, LONG, "127.0.0.3")
        time.sleep(0.5)
        assert idle_workers(srv) == 1  # kept: 127.0.0.3 waits
        status, _, body, seconds = ask(srv, LIGHT, "127.0.0.4")
        assert status == 200 and seconds < 1.5
        a_thread.join()
        b_thread.join()
        over = msg("server.query-over-time-limit", timeout="3") + "\n"
        assert a_answer[0][:3:2] == (503, over.encode())
        # B waited until A's query ended, then ran out of its own time.
        assert b_answer[0][:3:2] == (503, over.encode()) and b_answer[0][3] >= 3


def test_a_text_that_ran_long_counts_as_long_from_new_clients(store):
    """A query text that ran to the time limit is long for whoever sends it next: two new clients
    sending it share one worker, and the other stays free for a light query."""
    with SparqlServer(store, port=0, workers=2, timeout=3) as srv:
        srv.start()
        assert ask(srv, LONG, "127.0.0.2")[0] == 503
        wait_until(lambda: idle_workers(srv) == 2)
        c_thread, c_answer = in_background(ask, srv, LONG, "127.0.0.5")
        wait_until(lambda: idle_workers(srv) == 1)
        d_thread, d_answer = in_background(ask, srv, LONG, "127.0.0.6")
        time.sleep(0.5)
        assert idle_workers(srv) == 1  # 127.0.0.6 waits, although it never ran anything
        status, _, _, seconds = ask(srv, LIGHT, "127.0.0.7")
        assert status == 200 and seconds < 1.5
        c_thread.join()
        d_thread.join()
        assert c_answer[0][0] == d_answer[0][0] == 503


def test_when_long_queries_hold_every_worker_the_latest_is_stopped_for_a_waiting_client(store):
    """Their first long queries took both workers before the clients were known; once they have run
    LONG_QUERY_SECONDS, a light client waiting makes the latest one stop (503, Retry-After), and the
    light query runs long before the time limit."""
    with SparqlServer(store, port=0, workers=2, timeout=10) as srv:
        srv.start()
        first_thread, first = in_background(ask, srv, LONG, "127.0.0.2")
        wait_until(lambda: idle_workers(srv) == 1)
        second_thread, second = in_background(ask, srv, LONG, "127.0.0.3")
        wait_until(lambda: idle_workers(srv) == 0)
        status, _, body, seconds = ask(srv, LIGHT, "127.0.0.4")
        assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "28"
        assert seconds < 8  # the long query stopped after about a second, a worker started again
        second_thread.join()
        status, headers, body, ran = second[0]
        retry = int(headers["Retry-After"])
        assert status == 503 and 1 <= retry <= 10 and ran < 8
        stopped_after = re.fullmatch(r"the query was stopped after (\d+) s to .*; retry in (\d+) s\n", body.decode())
        assert stopped_after and 1 <= int(stopped_after[1]) < 8 and int(stopped_after[2]) == retry
        assert body.decode() == msg("server.query-stopped-for-others", seconds=stopped_after[1], retry=retry) + "\n"
        first_thread.join()
        status, _, body, ran = first[0]  # the first one ran to its time limit
        assert status == 503 and body.decode() == msg("server.query-over-time-limit", timeout="10") + "\n"
        assert ran >= 10


def test_a_light_client_alone_is_never_kept_waiting(store):
    """The reservation only holds back long-query clients: a light client may use every worker."""
    with SparqlServer(store, port=0, workers=2, timeout=10, per_client=2) as srv:
        srv.start()
        answers = [in_background(ask, srv, LIGHT, "127.0.0.2") for _ in range(2)]
        for thread, answer in answers:
            thread.join()
            assert answer[0][0] == 200


# ---------------------------------------------------------------------------------------------
# Result size, and streaming
# ---------------------------------------------------------------------------------------------
def count_of_everything(srv) -> int:
    status, _, body, _ = ask(srv, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_a_large_answer_is_streamed_in_chunks_and_complete(store):
    with SparqlServer(store, port=0, timeout=30) as srv:
        srv.start()
        status, headers, body, _ = ask(srv, EVERYTHING)
        assert status == 200
        assert headers["Transfer-Encoding"] == "chunked" and headers["Content-Length"] is None
        assert len(body) > STREAM_BUFFER
        assert len(json.loads(body)["results"]["bindings"]) == count_of_everything(srv)
        # A small answer comes whole, with its length.
        status, headers, body, _ = ask(srv, LIGHT)
        assert headers["Content-Length"] == str(len(body)) and headers["Transfer-Encoding"] is None


def test_an_http_1_0_client_reads_the_stream_to_the_end_of_the_connection(store):
    with SparqlServer(store, port=0, timeout=30) as srv:
        srv.start()
        request = f"GET /sparql?{urllib.parse.urlencode({'query': EVERYTHING})} HTTP/1.0\r\n\r\n".encode()
        with socket.create_connection(srv.address, timeout=30) as sock:
            sock.sendall(request)
            answer = b""
            while chunk := sock.recv(1 << 16):
                answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200 ")
        assert b"Transfer-Encoding" not in head and b"Content-Length" not in head
        assert len(json.loads(body)["results"]["bindings"]) == count_of_everything(srv)


def test_an_answer_over_the_cap_before_streaming_is_refused_with_507(store):
    with SparqlServer(store, port=0, timeout=30, max_result_bytes=10_000) as srv:
        srv.start()
        status, headers, body, _ = ask(srv, EVERYTHING)
        assert status == 507 and headers["Content-Type"] == "text/plain; charset=utf-8"
        assert body.decode() == msg("server.result-too-large", limit=10_000) + "\n"
        assert ask(srv, LIGHT)[0] == 200  # a small one still passes


def test_an_answer_over_the_cap_while_streaming_is_cut_and_every_client_sees_it(store):
    limit = 1_000_000  # past the first buffer, below the 3 MB of the answer
    with SparqlServer(store, port=0, timeout=30, max_result_bytes=limit) as srv:
        srv.start()
        host, port = srv.address
        conn = http.client.HTTPConnection(host, port, timeout=30)
        try:
            started = time.monotonic()
            conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": EVERYTHING}))
            response = conn.getresponse()
            assert response.status == 200 and response.headers["Transfer-Encoding"] == "chunked"
            first = response.read(1000)
            assert first.startswith(b'{"head":{"vars":[')
            with pytest.raises(http.client.IncompleteRead) as cut:
                response.read()
            received = len(first) + len(cut.value.partial)
            assert STREAM_BUFFER < received <= limit
            assert time.monotonic() - started < 30
        finally:
            conn.close()
        assert ask(srv, LIGHT)[0] == 200  # the worker went back to the pool
