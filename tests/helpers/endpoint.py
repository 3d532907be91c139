"""The endpoint's tests' helpers: a decoy HTTP server on loopback, and a real HTTP client."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# What the decoy answers to anything: one SPARQL JSON solution, so that a query that reached it would
# come back with data (the SSRF of issue 18), not with an error.
DECOY_RESULT = {"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "literal", "value": "decoy"}}]}}


class Decoy(ThreadingHTTPServer):
    """A real HTTP server on 127.0.0.1 (a random port) that counts every connection it accepts."""

    daemon_threads = True

    def __init__(self) -> None:
        self.connections = 0
        self.paths: list[str] = []
        decoy = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                decoy.paths.append(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                body = json.dumps(DECOY_RESULT).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def verify_request(self, request: object, client_address: object) -> bool:
        self.connections += 1
        return True

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


def call(srv, method="GET", path="/sparql", params=None, data=None, headers=None, timeout=60):
    """(status, headers, body) of one request to ``srv`` (a SparqlServer); HTTP errors are answers too."""
    url = srv.url.rstrip("/") + path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
    body = data.encode("utf-8") if isinstance(data, str) else data
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.headers, exc.read()
