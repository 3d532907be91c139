"""Issue 18, browser safety: a page of another origin cannot make the endpoint run a query through the
user's browser (a cross-origin POST, a hidden GET), the page runs a query of its URL (``?run=1``)
only when the browser says it opened it itself, and the answers of ``/sparql`` carry ``nosniff`` and
a Content-Security-Policy. Real HTTP requests, with the headers browsers send.
"""

from __future__ import annotations

import json
import socket
import urllib.parse

import pytest

from helpers.endpoint import call
from segur_kg.i18n import set_language
from segur_kg.ingest.loader import load
from segur_kg.messages import msg
from segur_kg.server import SparqlServer

QUERY = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a sgr:Candidature }"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture(scope="module")
def server():
    set_language("en")
    with SparqlServer(load([], demo=True).store, port=0, timeout=20) as srv:
        srv.start()
        yield srv


def own_origin(srv) -> str:
    return srv.url.rstrip("/")


def host(srv) -> str:
    return own_origin(srv).removeprefix("http://")


def post(srv, headers):
    return call(srv, "POST", data=urllib.parse.urlencode({"query": QUERY}), headers={**FORM, **headers})


def counted(body: bytes) -> str:
    return json.loads(body)["results"]["bindings"][0]["n"]["value"]


# ---------------------------------------------------------------------------------------------
# Cross-origin requests
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "headers, origin",
    [
        ({"Origin": "http://evil.example"}, "http://evil.example"),
        ({"Origin": "null"}, "null"),  # a sandboxed frame, a file: page
        ({"Origin": "http://localhost:1"}, "http://localhost:1"),  # another port is another origin
        ({"Sec-Fetch-Site": "cross-site"}, "Sec-Fetch-Site: cross-site"),
        ({"Sec-Fetch-Site": "same-site"}, "Sec-Fetch-Site: same-site"),
        ({"Referer": "http://evil.example/page.html"}, "http://evil.example"),
    ],
)
def test_a_cross_origin_post_is_refused_with_403(server, headers, origin):
    status, response_headers, body = post(server, headers)
    assert status == 403
    assert body.decode() == msg("server.cross-origin-refused", origin=origin, host=host(server)) + "\n"
    assert response_headers["X-Content-Type-Options"] == "nosniff"


def test_the_refusal_names_the_origin_in_french(server):
    set_language("fr")
    try:
        status, _, body = post(server, {"Origin": "http://evil.example"})
    finally:
        set_language("en")
    assert status == 403
    assert body.decode() == (
        "requête d'une autre origine refusée (http://evil.example) : ce point d'accès ne répond qu'à sa propre "
        f"page ({host(server)})\n"
    )


@pytest.mark.parametrize(
    "headers",
    [
        {},  # curl, a script: no browser header at all
        {"Origin": "ORIGIN"},  # the page's own fetch
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},  # typed by the user
        {"Referer": "ORIGIN/"},
    ],
)
def test_a_same_origin_or_plain_post_runs(server, headers):
    headers = {key: value.replace("ORIGIN", own_origin(server)) for key, value in headers.items()}
    status, _, body = post(server, headers)
    assert status == 200 and counted(body) == "28"


def test_a_cross_origin_post_of_an_update_is_refused_before_anything(server):
    data = urllib.parse.urlencode({"update": "CLEAR ALL"})
    status, _, body = call(server, "POST", data=data, headers={**FORM, "Origin": "http://evil.example"})
    assert status == 403 and body.decode().startswith("request from another origin refused")


def test_a_hidden_cross_site_get_is_refused_but_a_followed_link_runs(server):
    params = {"query": QUERY}
    # An <img> or a no-cors fetch of another site's page: not a navigation.
    hidden = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"}
    status, _, body = call(server, params=params, headers=hidden)
    assert status == 403 and body.decode().startswith(
        "request from another origin refused (Sec-Fetch-Site: cross-site)"
    )
    # A link the user follows shows the answer to the user only: allowed.
    link = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}
    status, _, body = call(server, params=params, headers=link)
    assert status == 200 and counted(body) == "28"
    # The page's own fetch, and clients that send no such header.
    status, _, body = call(server, params=params, headers={"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors"})
    assert status == 200
    assert call(server, params=params)[0] == 200


# ---------------------------------------------------------------------------------------------
# ?run=1
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "site, mode",
    [("same-origin", "run"), ("none", "run"), ("same-site", "ask"), ("cross-site", "ask"), (None, "ask")],
)
def test_the_page_runs_its_query_only_on_its_own_navigation(server, site, mode):
    headers = {"Sec-Fetch-Site": site} if site else {}
    status, response_headers, body = call(server, path="/?query=ASK%20%7B%7D&run=1", headers=headers)
    assert status == 200
    page = body.decode()
    assert f'<meta name="segur-kg-run" content="{mode}">' in page
    assert page.count('name="segur-kg-run"') == 1
    assert response_headers["Vary"] == "Sec-Fetch-Site"


# ---------------------------------------------------------------------------------------------
# Headers of the answers
# ---------------------------------------------------------------------------------------------
def test_every_sparql_answer_carries_nosniff_and_a_policy_that_runs_nothing(server):
    answers = [
        call(server, params={"query": QUERY}),  # a result
        call(server, params={"query": "SELECT * WHERE { ?s ?p ?o }"}),  # a streamed result
        call(server, params={"query": "SELECT * WHERE { ?s ?p }"}),  # a refusal by the worker
        call(server, params={"query": ""}),  # a refusal by the endpoint
        post(server, {"Origin": "http://evil.example"}),
    ]
    for status, headers, _ in answers:
        assert headers["X-Content-Type-Options"] == "nosniff", status
        policy = headers["Content-Security-Policy"]
        assert policy.startswith("default-src 'none';") and "sandbox" in policy and "frame-ancestors 'none'" in policy
        assert headers["Cache-Control"] == "no-store"
    assert [status for status, _, _ in answers] == [200, 200, 400, 400, 403]
    assert answers[1][1]["Transfer-Encoding"] == "chunked"


def test_the_page_keeps_its_own_policy(server):
    status, headers, _ = call(server, path="/")
    assert status == 200 and headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"].startswith("default-src 'none'; script-src 'self'; style-src 'self'")
    assert "sandbox" not in headers["Content-Security-Policy"]


def test_a_form_post_from_another_site_in_a_raw_request_is_refused(server):
    """The request of issue 18, byte for byte as a browser sends a cross-site form."""
    address = server.address
    body = urllib.parse.urlencode({"query": QUERY}).encode()
    request = (
        f"POST /sparql HTTP/1.1\r\nHost: {host(server)}\r\nOrigin: http://evil.example\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: cross-site\r\n"
        f"Sec-Fetch-Mode: navigate\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    with socket.create_connection(address, timeout=30) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 403 ")
    assert answer.endswith(
        b"request from another origin refused (http://evil.example): this endpoint only answers "
        + f"its own page ({host(server)})\n".encode()
    )
