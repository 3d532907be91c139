"""``segur-kg serve``: the HTTP side of the read-only SPARQL 1.1 endpoint and its query page: the
routes, the request handler, the safeguards on requests, and :class:`SparqlServer`.

Routes, status codes and safeguards: docs/server.md.
"""

from __future__ import annotations

import ipaddress
import json
import signal
import socket
import sys
import tempfile
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from segur_kg.errors import InputError
from segur_kg.messages import msg
from segur_kg.resources import queries_dir as default_queries_dir
from segur_kg.resources import web_dir
from segur_kg.server.protocol import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    Reply,
    check_query,
    negotiate,
    not_acceptable,
    plain_text,
)
from segur_kg.server.workers import DEFAULT_TIMEOUT, DEFAULT_WORKERS, QueryPool, Snapshot, take_snapshot

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
MAX_BODY = 1_000_000

JSON = "application/json; charset=utf-8"

# The page: its files and the saved queries.
STATIC_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def web_files() -> dict[str, tuple[str, bytes]]:
    """The files of the package's web folder, by name: the only files the server ever sends."""
    folder = web_dir()
    found = {}
    for entry in folder.iterdir():
        suffix = Path(entry.name).suffix
        if entry.is_file() and suffix in STATIC_TYPES:
            found[entry.name] = (STATIC_TYPES[suffix], entry.read_bytes())
    return found


def saved_queries(folder: Path) -> list[dict[str, Any]]:
    """The ``*.rq`` files of ``folder`` as the page lists them (``/queries``), their headers read by the
    query library; a file that cannot be read, is over :data:`MAX_BODY` or declares a parameter wrongly
    is left out."""
    # Imported here: the worker processes import this package too, and need nothing of the library.
    from segur_kg.queries.library import parse_header, query_files

    found = []
    for path in query_files(folder) if folder.is_dir() else []:
        try:
            if path.stat().st_size > MAX_BODY:
                continue
            text = path.read_text(encoding="utf-8")
            query = parse_header(text, path)
        except (OSError, UnicodeDecodeError, InputError):
            continue
        found.append(
            {
                "name": query.name,
                "title": {"fr": query.title("fr"), "en": query.title("en")},
                "question": {"fr": query.questions.get("fr", ""), "en": query.questions.get("en", "")},
                "params": [param.declaration() for param in query.params],
                "needs": "derived" if query.needs_derived else "",
                "text": text,
            }
        )
    return found


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    server_version = "segur-kg"
    timeout = 30  # seconds a client may take to send its request

    # -- plumbing --------------------------------------------------------------------------
    def _send(self, reply: Reply, headers: dict[str, str] | None = None, body: bool = True) -> None:
        status, content_type, data = reply
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log_requests:
            super().log_message(format, *args)

    def _host_allowed(self) -> bool:
        if not self.server.loopback_only:
            return True
        host = self.headers.get("Host")
        if not host:
            return True
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return _is_loopback(name)

    def _route(self, allowed: tuple[str, ...]) -> str | None:
        """The path when the method is allowed for it; otherwise answers 403/404/405 and None."""
        if not self._host_allowed():
            self._send(plain_text(403, msg("server.host-refused")))
            return None
        path = urlsplit(self.path).path
        methods = self.server.methods(path)
        if methods is None:
            self._send(plain_text(404, msg("server.not-found", path=path)))
            return None
        if self.command not in methods or self.command not in allowed:
            allowed_methods = ", ".join(methods)
            self._send(
                plain_text(
                    405, msg("server.method-not-allowed", method=self.command, path=path, allowed=allowed_methods)
                ),
                {"Allow": allowed_methods},
            )
            return None
        return path

    def __getattr__(self, name: str) -> Callable[[], None]:
        # Any other method (PUT, DELETE, PATCH, OPTIONS...) gets 405 rather than 501.
        if name.startswith("do_"):
            return lambda: self._route(())
        raise AttributeError(name)

    # -- methods ---------------------------------------------------------------------------
    def do_GET(self) -> None:
        path = self._route(("GET", "HEAD"))
        if path is None:
            return
        if path == "/sparql":
            params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
            self._sparql(params)
        elif path in ("/", "/index.html"):
            self._send(self.server.static("index.html"), PAGE_HEADERS)
        elif path.startswith("/static/"):
            self._send(self.server.static(path[len("/static/") :]), PAGE_HEADERS)
        elif path == "/queries":
            data = json.dumps(saved_queries(self.server.queries_dir), ensure_ascii=False).encode("utf-8")
            self._send((200, JSON, data))
        elif path == "/prefixes":
            self._send((200, JSON, json.dumps(self.server.snapshot.prefixes).encode("utf-8")))

    do_HEAD = do_GET

    def do_POST(self) -> None:
        path = self._route(("POST",))
        if path is None:
            return
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if (
            "chunked" in (self.headers.get("Transfer-Encoding") or "").lower()
            or self.headers.get("Content-Length") is None
        ):
            self.close_connection = True
            self._send(plain_text(411, msg("server.length-required")))
            return
        try:
            length = int(self.headers["Content-Length"])
            if length < 0:
                raise ValueError
        except ValueError:
            self._send(plain_text(400, msg("server.invalid-length")))
            return
        if length > self.server.max_body:
            self.close_connection = True
            self._send(plain_text(413, msg("server.body-too-large", length=length, limit=self.server.max_body)))
            return
        raw = self.rfile.read(length)
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._send(plain_text(400, msg("server.body-not-utf8")))
            return
        if content_type == "application/sparql-update":
            self._send(self._refuse_update())
        elif content_type == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            if set(form) & set(params):
                self._send(plain_text(400, msg("server.parameter-twice")))
                return
            self._sparql({**params, **form})
        elif content_type == "application/sparql-query":
            if "query" in params:
                self._send(plain_text(400, msg("server.query-twice")))
                return
            self._sparql({**params, "query": [body]})
        else:
            self._send(plain_text(415, msg("server.unsupported-content-type", content_type=content_type)))

    # -- the protocol ----------------------------------------------------------------------
    @staticmethod
    def _refuse_update() -> Reply:
        return plain_text(403, msg("server.update-refused"))

    def _sparql(self, params: dict[str, list[str]]) -> None:
        vary = {"Vary": "Accept"}
        if "update" in params:
            self._send(self._refuse_update())
            return
        if "default-graph-uri" in params or "named-graph-uri" in params:
            self._send(plain_text(400, msg("server.dataset-parameters")))
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._send(plain_text(400, msg("server.query-expected" if len(queries) <= 1 else "server.query-repeated")))
            return
        query = queries[0]
        check = check_query(query)
        if check.update:
            self._send(self._refuse_update())
            return
        if check.service:
            self._send(plain_text(403, msg("server.service-refused")))
            return
        accept = self.headers.get("Accept")
        if check.kind is not None:
            formats = RESULT_FORMATS if check.kind == "results" else GRAPH_FORMATS
            if negotiate(accept, formats) is None:
                self._send(not_acceptable(accept, formats), vary)
                return
        self._send(self.server.pool.run(query, accept), vary)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    pool: QueryPool
    snapshot: Snapshot

    def __init__(self, address: tuple[str, int], queries_dir: Path, max_body: int, log_requests: bool) -> None:
        host = address[0]
        if ":" in host:
            self.address_family = socket.AF_INET6
        self.queries_dir = queries_dir
        self.max_body, self.log_requests = max_body, log_requests
        self.loopback_only = _is_loopback(host)
        self.files = web_files()
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the client went away before its answer: nothing to report
        super().handle_error(request, client_address)

    def methods(self, path: str) -> tuple[str, ...] | None:
        if path == "/sparql":
            return ("GET", "POST")
        if path in ("/", "/index.html", "/queries", "/prefixes") or (
            path.startswith("/static/") and path[len("/static/") :] in self.files
        ):
            return ("GET", "HEAD")
        return None

    def static(self, name: str) -> Reply:
        content_type, data = self.files[name]
        return 200, content_type, data


class SparqlServer:
    """The endpoint and the page over ``store``; ``port=0`` picks a free port.

    Use as a context manager, then ``serve_forever()`` (blocking) or ``start()`` (a background thread).
    """

    def __init__(
        self,
        store: Any,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        timeout: float = DEFAULT_TIMEOUT,
        workers: int = DEFAULT_WORKERS,
        *,
        max_body: int = MAX_BODY,
        queries_dir: Path | None = None,
        log_requests: bool = False,
    ) -> None:
        if timeout <= 0:
            raise InputError("--timeout", "", msg("server.timeout-positive"))
        if workers < 1:
            raise InputError("--workers", "", msg("server.workers-at-least-one"))
        if not 0 <= port <= 65535:
            raise InputError("--port", "", msg("server.port-range"))
        if queries_dir is None:
            queries_dir = default_queries_dir()
        self._tmp = tempfile.TemporaryDirectory(prefix="segur-kg-serve-")
        self.pool: QueryPool | None = None
        self.httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        try:
            # Bind first, so that a port in use is told before the workers start.
            try:
                self.httpd = _HTTPServer((host, port), queries_dir, max_body, log_requests)
            except OSError as exc:
                reason = exc.strerror or exc
                raise InputError(
                    "--host/--port", "", msg("server.cannot-listen", host=host, port=port, reason=reason)
                ) from None
            snapshot = take_snapshot(store, Path(self._tmp.name))
            self.pool = QueryPool(snapshot, workers, timeout)
            self.httpd.pool, self.httpd.snapshot = self.pool, snapshot
        except BaseException:
            self.close()
            raise

    @property
    def address(self) -> tuple[str, int]:
        assert self.httpd is not None
        host, port = self.httpd.server_address[:2]
        return host, port

    @property
    def url(self) -> str:
        host, port = self.address
        return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"

    def serve_forever(self) -> None:
        assert self.httpd is not None
        self.httpd.serve_forever(poll_interval=0.2)

    def start(self) -> SparqlServer:
        self._thread = threading.Thread(target=self.serve_forever, daemon=True, name="segur-kg-serve")
        self._thread.start()
        return self

    def close(self) -> None:
        if self.httpd is not None:
            if self._thread is not None:
                self.httpd.shutdown()
                self._thread.join(5)
            self.httpd.server_close()
            self.httpd = None
        if self.pool is not None:
            self.pool.close()
            self.pool = None
        self._tmp.cleanup()

    def __enter__(self) -> SparqlServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def serve(
    store: Any,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int = DEFAULT_WORKERS,
) -> None:
    """Serve until Ctrl-C or SIGTERM (``segur-kg serve``), then stop the workers and clean up."""

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    with SparqlServer(store, host, port, timeout, workers, log_requests=True) as server:
        if not server.httpd.loopback_only:
            print(msg("server.reachable-from-network", host=host), file=sys.stderr)
        print(msg("server.started", url=server.url), flush=True)
        previous = (
            signal.signal(signal.SIGTERM, stop) if threading.current_thread() is threading.main_thread() else None
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print(msg("server.stopped"), file=sys.stderr)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)


__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "MAX_BODY", "SparqlServer", "saved_queries", "serve", "web_files"]
