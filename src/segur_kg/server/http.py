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
from collections.abc import Callable, Iterator
from contextlib import ExitStack, closing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from segur_kg.errors import InputError
from segur_kg.i18n import using_language
from segur_kg.messages import msg
from segur_kg.resources import queries_dir as default_queries_dir
from segur_kg.resources import web_dir
from segur_kg.server.derived import LivePool
from segur_kg.server.description import dataset_counts, description_reply
from segur_kg.server.isolation import ISOLATION_ENV
from segur_kg.server.protocol import MAX_QUERY_LENGTH, MAX_QUERY_NESTING, Reply, check_bounds, plain_text
from segur_kg.server.reference import reference_routes
from segur_kg.server.routes import Request, Route, find
from segur_kg.server.saved import SavedQueryRefused, bind_saved, saved_queries
from segur_kg.server.workers import DEFAULT_TIMEOUT, DEFAULT_WORKERS, MAX_RESULT_BYTES, QueryPool, Snapshot

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
MAX_BODY = 1_000_000
# Connections the system keeps waiting for the server to accept them (listen(2)); Linux caps it at
# net.core.somaxconn.
LISTEN_BACKLOG = 128

JSON = "application/json; charset=utf-8"

# The page: its files and the saved queries.
STATIC_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}
# Every response: no sniffing, no referrer, and a policy that lets nothing run or load (an answer
# opened as a page stays inert); the page's own policy lets its script and style load from here.
BASE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
    "sandbox",
    "Cache-Control": "no-store",
    "Connection": "close",
}
# The editor's results table (YASR) resizes its columns with column-resizer, which adds one <style>
# element of fixed text: that text alone is allowed, by its hash (not 'unsafe-inline'); a new version
# of the editor that changes it shows as a CSP violation in tests/server/test_page_editor.py.
COLUMN_RESIZER_STYLE = "'sha256-zCK2EVMoPc04mRF/g5CotUvxbJPWS+8V0b+s9ptqQIk='"
PAGE_HEADERS = {
    "Content-Security-Policy": f"default-src 'none'; script-src 'self'; style-src 'self' {COLUMN_RESIZER_STYLE}; "
    "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
}
# The page runs a query given in its URL (?run=1) only when the browser says the navigation is
# same-origin or typed by the user; otherwise it shows the query and asks first.
ASK_FIRST = b'<meta name="segur-kg-run" content="ask">'
RUN_AT_ONCE = b'<meta name="segur-kg-run" content="run">'
OWN_NAVIGATION = ("same-origin", "none")
# The page's SPARQL editor, vendored from npm (web/vendor/yasgui/VERSION): served under /static/ too.
VENDOR_FOLDERS = ("vendor/yasgui",)
# A saved query bound to the request's parameters (its text, JSON), and its results (the protocol's).
SAVED_API = "/api/queries/"
SAVED_RESULTS = "/results"


def web_files() -> dict[str, tuple[str, bytes]]:
    """The files of the package's web folder and of its vendored editor, by name (``app.js``,
    ``vendor/yasgui/yasgui.min.js``): the only files the server ever sends."""
    found = {}
    for prefix in ("", *VENDOR_FOLDERS):
        folder = web_dir()
        for part in prefix.split("/") if prefix else ():
            folder = folder / part
        for entry in folder.iterdir() if folder.is_dir() else ():
            suffix = Path(entry.name).suffix
            if entry.is_file() and suffix in STATIC_TYPES:
                found[f"{prefix}/{entry.name}" if prefix else entry.name] = (STATIC_TYPES[suffix], entry.read_bytes())
    return found


def bound_saved_query(request: Request) -> Reply:
    """``/api/queries/NAME?k=v``: the saved query NAME with its parameters bound as ``segur-kg query NAME
    -p k=v`` binds them, as JSON (``name``, ``query``, ``derived_as_of``); a bad value is one line, 400."""
    name = request.path[len(SAVED_API) :]
    try:
        bound = bind_saved(request.server.queries_dir, name, request.params)
    except SavedQueryRefused as refusal:
        return plain_text(refusal.status, refusal.message)
    day = bound.derived_as_of.isoformat() if bound.derived_as_of else None
    answer = {"name": bound.name, "query": bound.text, "derived_as_of": day}
    return 200, JSON, json.dumps(answer, ensure_ascii=False).encode("utf-8")


def extra_routes() -> list[Route]:
    """The routes of the server's other rooms (server/routes.py); each room adds its own line here."""
    routes: list[Route] = []
    routes.append(Route(SAVED_API, bound_saved_query, prefix=True))
    from segur_kg.explorer import explorer_routes  # the explorer imports this room: imported when the server starts

    routes += explorer_routes()
    routes += reference_routes()
    return routes


def request_language(params: dict[str, list[str]], headers: Any, default: str) -> str:
    """``?lang=fr|en``, else the first of French or English in ``Accept-Language``, else ``default``."""
    asked = (params.get("lang") or [""])[-1].strip().lower()
    if asked in ("fr", "en"):
        return asked
    for part in (headers.get("Accept-Language") or "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in ("fr", "en"):
            return tag
    return default


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
    # HTTP/1.1 for chunked answers; every response closes its connection (Connection: close).
    protocol_version = "HTTP/1.1"
    timeout = 30  # seconds a client may take to send its request, or to read a chunk of the answer

    # -- plumbing --------------------------------------------------------------------------
    def _head(self, status: int, content_type: str, headers: dict[str, str] | None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for key, value in {**BASE_HEADERS, **(headers or {})}.items():
            self.send_header(key, value)

    def _send(self, reply: Reply, headers: dict[str, str] | None = None) -> None:
        status, content_type, data = reply
        self._head(status, content_type, headers)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _stream(self, events: Iterator[tuple], headers: dict[str, str]) -> None:
        """Send a query's answer as the pool gives it: whole (with its length), or in chunks, the
        last of which is missing when the answer was cut (every HTTP client then reports it)."""
        chunked = self.request_version != "HTTP/1.0"  # an HTTP/1.0 client reads to the end of the connection
        with closing(events):
            for event in events:
                kind = event[0]
                if kind == "reply":
                    self._send(event[1:4], {**headers, **(event[4] if len(event) > 4 else {})})
                    return
                if kind == "head":
                    self._head(event[1], event[2], {**headers, "Transfer-Encoding": "chunked"} if chunked else headers)
                    self.end_headers()
                    self._chunk(event[3], chunked)
                elif kind == "data":
                    self._chunk(event[1], chunked)
                elif kind == "end":
                    if chunked:
                        self.wfile.write(b"0\r\n\r\n")
                    return
                elif kind == "cut":
                    self.log_error("%s", event[1])
                    return

    def _chunk(self, data: bytes, chunked: bool) -> None:
        if chunked:
            self.wfile.write(b"%X\r\n%s\r\n" % (len(data), data))
        elif data:
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

    def _foreign_origin(self) -> str | None:
        """Where the browser says the request comes from, when that is not this server (the Origin
        header, else Sec-Fetch-Site, else the Referer); None for this server or a client that says
        nothing (curl, scripts)."""
        host = (self.headers.get("Host") or "").strip().lower()
        own = f"http://{host}"
        origin = self.headers.get("Origin")
        if origin is not None:
            return None if host and origin.strip().lower() == own else origin
        site = (self.headers.get("Sec-Fetch-Site") or "").strip().lower()
        if site:
            return None if site in OWN_NAVIGATION else f"Sec-Fetch-Site: {site}"
        referer = self.headers.get("Referer")
        if referer:
            parts = urlsplit(referer)
            if f"{parts.scheme}://{parts.netloc}".lower() != own:
                return f"{parts.scheme}://{parts.netloc}"
        return None

    def _refuse_foreign(self) -> bool:
        """Refuse (403) a POST from another origin, or a GET that another origin's page makes behind
        the user's back (not a navigation: an image, a script, a fetch)."""
        if self.command == "GET" and (self.headers.get("Sec-Fetch-Mode") or "navigate").lower() == "navigate":
            return False
        origin = self._foreign_origin()
        if origin is None:
            return False
        host = self.headers.get("Host") or "?"
        self._send(plain_text(403, msg("server.cross-origin-refused", origin=origin, host=host)))
        return True

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
            if self._refuse_foreign():
                return
            params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
            if not set(params) - {"lang"}:
                self._service_description()
            else:
                self._sparql(params)
        elif path in ("/", "/index.html"):
            status, content_type, page = self.server.static("index.html")
            if (self.headers.get("Sec-Fetch-Site") or "").strip().lower() in OWN_NAVIGATION:
                page = page.replace(ASK_FIRST, RUN_AT_ONCE, 1)
            self._send((status, content_type, page), {**PAGE_HEADERS, "Vary": "Sec-Fetch-Site"})
        elif path.startswith("/static/"):
            self._send(self.server.static(path[len("/static/") :]), PAGE_HEADERS)
        elif path == "/queries":
            data = json.dumps(saved_queries(self.server.queries_dir), ensure_ascii=False).encode("utf-8")
            self._send((200, JSON, data))
        elif path == "/prefixes":
            self._send((200, JSON, json.dumps(self.server.snapshot.prefixes).encode("utf-8")))
        elif path.startswith(SAVED_API) and path.endswith(SAVED_RESULTS):
            if not self._refuse_foreign():
                self._saved_results(path[len(SAVED_API) : -len(SAVED_RESULTS)])
        else:
            self._extra(path)

    def _service_description(self) -> None:
        """``GET /sparql`` without a query: the SPARQL 1.1 Service Description (description.py)."""
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        counts = self.server.live.description_counts(dataset_counts)
        self._send(description_reply(f"http://{host}/sparql", counts, self.headers.get("Accept")), {"Vary": "Accept"})

    def _saved_results(self, name: str) -> None:
        """``/api/queries/NAME/results?k=v``: the saved query bound as the command line binds it, run by
        the workers, on a snapshot holding the engine's decisions as of its date when it reads them."""
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        with ExitStack() as borrowed:
            with using_language(request_language(params, self.headers, self.server.snapshot.lang)):
                try:
                    bound = bind_saved(self.server.queries_dir, name, params)
                except SavedQueryRefused as refusal:
                    self._send(plain_text(refusal.status, refusal.message))
                    return
                refusal = check_bounds(bound.text, self.server.max_query_length, self.server.max_query_nesting)
                if refusal is not None:
                    self._send(refusal)
                    return
                live, day = self.server.live, bound.derived_as_of
                try:
                    generation = borrowed.enter_context(live.borrow_derived(day) if day else live.borrow())
                except InputError as exc:
                    reason = msg("server.cannot-derive", name=bound.name, day=day, reason=exc.message)
                    self._send(plain_text(500, reason))
                    return
            events = generation.pool.run(bound.text, self.headers.get("Accept"), self.client_address[0])
            self._stream(events, {"Vary": "Accept"})

    def _extra(self, path: str) -> None:
        route = find(self.server.routes, path)
        if route is None:  # methods() found it: cannot happen
            self._send(plain_text(404, msg("server.not-found", path=path)))
            return
        if self._refuse_foreign():
            return
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        lang = request_language(params, self.headers, self.server.snapshot.lang)
        with using_language(lang):
            answer = route.handler(Request(path, params, self.headers, lang, self.server))
        reply, headers = answer if len(answer) == 2 else (answer, {})
        self._send(reply, headers)

    do_HEAD = do_GET

    def do_POST(self) -> None:
        path = self._route(("POST",))
        if path is None or self._refuse_foreign():
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
        refusal = check_bounds(query, self.server.max_query_length, self.server.max_query_nesting)
        if refusal is not None:
            self._send(refusal)
            return
        # The worker analyses the query (form, updates, SERVICE) before it runs it: workers.py.
        with self.server.live.borrow() as generation:
            self._stream(generation.pool.run(query, self.headers.get("Accept"), self.client_address[0]), vary)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    live: LivePool

    @property
    def snapshot(self) -> Snapshot:
        return self.live.snapshot

    def __init__(self, address: tuple[str, int], queries_dir: Path, limits: dict[str, int], log_requests: bool) -> None:
        host = address[0]
        if ":" in host:
            self.address_family = socket.AF_INET6
        self.queries_dir = queries_dir
        self.max_body, self.log_requests = limits["max_body"], log_requests
        self.max_query_length, self.max_query_nesting = limits["max_query_length"], limits["max_query_nesting"]
        self.request_queue_size = limits["backlog"]  # socketserver's listen() backlog
        self.loopback_only = _is_loopback(host)
        self.files = web_files()
        self.routes = extra_routes()
        self.store: Any = None  # the graph, for the handlers of the other rooms (SparqlServer sets it)
        super().__init__(address, _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the client went away before its answer: nothing to report
        super().handle_error(request, client_address)

    def methods(self, path: str) -> tuple[str, ...] | None:
        if path == "/sparql":
            return ("GET", "POST")
        if path.startswith(SAVED_API) and path.endswith(SAVED_RESULTS):
            return ("GET", "HEAD")
        if path in ("/", "/index.html", "/queries", "/prefixes") or (
            path.startswith("/static/") and path[len("/static/") :] in self.files
        ):
            return ("GET", "HEAD")
        route = find(self.routes, path)
        return route.methods if route is not None else None

    def static(self, name: str) -> Reply:
        content_type, data = self.files[name]
        return 200, content_type, data


class SparqlServer:
    """The endpoint and the page over ``store``; ``port=0`` picks a free port.

    Use as a context manager, then ``serve_forever()`` (blocking) or ``start()`` (a background thread).
    The limits are described in docs/server.md, each with its constant.
    """

    def __init__(
        self,
        store: Any,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        timeout: float = DEFAULT_TIMEOUT,
        workers: int = DEFAULT_WORKERS,
        *,
        per_client: int | None = None,
        max_result_bytes: int = MAX_RESULT_BYTES,
        max_query_length: int = MAX_QUERY_LENGTH,
        max_query_nesting: int = MAX_QUERY_NESTING,
        backlog: int = LISTEN_BACKLOG,
        max_body: int = MAX_BODY,
        queries_dir: Path | None = None,
        log_requests: bool = False,
    ) -> None:
        if timeout <= 0:
            raise InputError("--timeout", "", msg("server.timeout-positive"))
        if workers < 1:
            raise InputError("--workers", "", msg("server.workers-at-least-one"))
        if per_client is not None and per_client < 1:
            raise InputError("--per-client", "", msg("server.per-client-at-least-one"))
        for option, value in (
            ("--max-result-bytes", max_result_bytes),
            ("--max-query-length", max_query_length),
            ("--max-query-nesting", max_query_nesting),
            ("--backlog", backlog),
        ):
            if value < 1:
                raise InputError(option, "", msg("server.limit-positive"))
        if not 0 <= port <= 65535:
            raise InputError("--port", "", msg("server.port-range"))
        if queries_dir is None:
            queries_dir = default_queries_dir()
        limits = {
            "max_body": max_body,
            "max_query_length": max_query_length,
            "max_query_nesting": max_query_nesting,
            "backlog": backlog,
        }
        self._tmp = tempfile.TemporaryDirectory(prefix="segur-kg-serve-")
        self.live: LivePool | None = None
        self.httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        try:
            # Bind first, so that a port in use is told before the workers start.
            try:
                self.httpd = _HTTPServer((host, port), queries_dir, limits, log_requests)
            except OSError as exc:
                reason = exc.strerror or exc
                raise InputError(
                    "--host/--port", "", msg("server.cannot-listen", host=host, port=port, reason=reason)
                ) from None
            # The workers check their isolation against this very server: it listens, so a worker
            # that can reach it could reach the network.
            self.live = LivePool(
                store,
                Path(self._tmp.name),
                workers,
                timeout,
                per_client,
                check_address=self._own_address(),
                max_result_bytes=max_result_bytes,
            )
            self.httpd.live, self.httpd.store = self.live, store
        except BaseException:
            self.close()
            raise

    def _own_address(self) -> tuple[str, int]:
        host, port = self.address
        if host in ("0.0.0.0", ""):
            return "127.0.0.1", port
        if host == "::":
            return "::1", port
        return host, port

    @property
    def pool(self) -> QueryPool | None:
        """The pool of workers in use (a new one after the engine's decisions were derived: derived.py)."""
        return self.live.pool if self.live is not None else None

    @property
    def isolation(self) -> dict[str, Any]:
        """How the workers are cut off the network: ``mode`` (seccomp, netns or none), ``failures``
        (why the other mechanisms failed) and ``check`` (None, or what the self-check reached)."""
        assert self.live is not None
        return self.live.pool.isolation

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
        if self.live is not None:
            self.live.close()
            self.live = None
        self._tmp.cleanup()

    def __enter__(self) -> SparqlServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def isolation_notice(isolation: dict[str, Any]) -> tuple[str, bool]:
    """The line ``serve`` prints about the workers' network isolation, and whether it is a warning."""
    if isolation.get("mode") in ("seccomp", "netns"):
        return msg("server.isolation", mode=isolation["mode"]), False
    reasons = [isolation["check"]] if isolation.get("check") else []
    reasons += isolation.get("failures") or []
    reason = "; ".join(reasons) or msg("server.isolation-not-asked", variable=ISOLATION_ENV)
    return msg("server.isolation-none", reason=reason), True


def serve(store: Any, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, **options: Any) -> None:
    """Serve until Ctrl-C or SIGTERM (``segur-kg serve``), then stop the workers and clean up;
    ``options`` are :class:`SparqlServer`'s (timeout, workers, per_client, the limits)."""

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    with SparqlServer(store, host, port, log_requests=True, **options) as server:
        if not server.httpd.loopback_only:
            print(msg("server.reachable-from-network", host=host), file=sys.stderr)
        print(isolation_notice(server.isolation)[0], file=sys.stderr)  # stdout is for the addresses
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


__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "LISTEN_BACKLOG",
    "MAX_BODY",
    "SparqlServer",
    "isolation_notice",
    "saved_queries",
    "serve",
    "web_files",
]
