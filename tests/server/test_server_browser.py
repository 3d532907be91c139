"""The query page of ``segur-kg serve`` in a real headless browser (Debian's ``chromium``).

The page runs the query given in its URL (``?query=…&run=1``) when the browser opened it itself (a
typed address: ``Sec-Fetch-Site: none``), and asks first when another site sent it there;
chromium's ``--dump-dom`` prints the DOM once the page's scripts are done (``--virtual-time-budget``
lets the fetches finish), and the rendered table is read from it. Skipped only when no chromium
binary is installed.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from helpers.paths import ROOT
from helpers.reference import DISPOSITIFS
from segur_kg.ingest.loader import load
from segur_kg.server import SparqlServer

CHROMIUM = next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)
if CHROMIUM is None and Path("/usr/bin/chromium").exists():
    CHROMIUM = "/usr/bin/chromium"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (Debian: apt-get install chromium)")


@pytest.fixture(scope="module")
def server():
    with SparqlServer(load([], demo=True).store, port=0, timeout=30) as srv:
        srv.start()
        yield srv


def dump_dom(url: str, profile: Path) -> str:
    """The page's DOM after its scripts ran, as chromium serialises it."""
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=15000",
        "--dump-dom",
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def text_of(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def test_the_page_runs_a_query_and_renders_the_table(server, tmp_path):
    query = "SELECT ?id ?dispositif WHERE { ?dispositif a sgr:Dispositif ; dcterms:identifier ?id } ORDER BY ?id"
    dom = dump_dom(server.url + "?" + urllib.parse.urlencode({"query": query, "run": "1"}), tmp_path / "profile")
    # The results are the editor's (YASR) table; the page notes their count.
    assert re.search(r'<div id="results"[^>]*data-rows="10"', dom), "no results in the page:\n" + dom[-3000:]
    table = dom.split('<div id="results"', 1)[1]
    shown = [found for found in DISPOSITIFS if found in text_of(table)]
    assert shown == DISPOSITIFS
    assert sorted(DISPOSITIFS, key=lambda d: text_of(table).index(d)) == DISPOSITIFS  # in the query's order
    # IRIs are shown with the predeclared prefixes.
    assert "id:dispositif/DPI-HOP-VA1" in text_of(table)
    # French by default, saved queries listed from queries/*.rq.
    assert '<html lang="fr">' in dom
    assert re.search(r'<span id="status"[^>]*data-state="done"[^>]*>10 résultats', dom)
    saved = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    choices = dom.split('<select id="saved">', 1)[1].split("</select>", 1)[0]
    assert re.findall(r'<option value="([^"]+)">', choices) == saved


def test_the_page_shows_errors_in_english(server, tmp_path):
    url = server.url + "?" + urllib.parse.urlencode({"lang": "en", "query": "SELECT * WHERE { ?s ?p }", "run": "1"})
    dom = dump_dom(url, tmp_path / "profile")
    assert '<html lang="en">' in dom
    error = re.search(r'<pre id="error" role="alert">(.*?)</pre>', dom, re.S)
    assert error, "no error shown:\n" + dom[-3000:]
    assert text_of(error.group(1)).startswith("400 Bad Request")
    assert ">Run</button>" in dom
    assert not re.search(r'<div id="results"[^>]*data-rows="\d', dom)


@pytest.fixture
def foreign_site(tmp_path):
    """Another origin (another port of 127.0.0.1) whose page sends the browser to a link it chose."""

    class Site(ThreadingHTTPServer):
        daemon_threads = True
        target = ""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            page = f'<!doctype html><meta http-equiv="refresh" content="0; url={html.escape(site.target)}">'.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    site = Site(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=site.serve_forever, daemon=True)
    thread.start()
    yield site
    site.shutdown()
    site.server_close()


def test_a_link_from_another_site_shows_the_query_and_asks_first(server, foreign_site, tmp_path):
    """Issue 18: ?run=1 from another origin's page does not run the query; the page says why."""
    query = "SELECT ?id WHERE { ?d a sgr:Dispositif ; dcterms:identifier ?id }"
    foreign_site.target = server.url + "?" + urllib.parse.urlencode({"lang": "en", "query": query, "run": "1"})
    dom = dump_dom(f"http://127.0.0.1:{foreign_site.server_address[1]}/", tmp_path / "profile")
    assert '<meta name="segur-kg-run" content="ask">' in dom, dom[-3000:]
    assert not re.search(r'<div id="results"[^>]*data-rows="\d', dom)
    status = re.search(r'<span id="status"[^>]*data-state="ask"[^>]*>(.*?)</span>', dom, re.S)
    assert status and text_of(status.group(1)) == "This link asks to run the query above: read it, then press Run."
