"""``segur-kg serve``: a read-only SPARQL 1.1 Protocol endpoint and a small query page.

Routes
    ``/sparql``   the SPARQL 1.1 Protocol query operation: ``GET ?query=``, ``POST`` with
                  ``application/x-www-form-urlencoded`` (``query=``) or ``application/sparql-query``.
    ``/``         the query page (package data in ``segur_kg/web``; no asset from the internet, and a
                  Content-Security-Policy that forbids any).
    ``/static/*`` the page's CSS and JavaScript (only the files of ``segur_kg/web``).
    ``/queries``  the saved queries of the project's ``queries/*.rq``, as JSON.
    ``/prefixes`` the prefixes every query may use without declaring them, as JSON.

Results: SELECT and ASK as ``application/sparql-results+json`` (default), ``…+xml``, ``text/csv`` or
``text/tab-separated-values``; CONSTRUCT and DESCRIBE as ``text/turtle`` (default),
``application/n-triples``, ``application/ld+json`` or ``application/rdf+xml``, chosen from the
``Accept`` header (q-values honoured, ties go to the order above). The engine's own serialisers are
used: pyoxigraph's ``QuerySolutions.serialize`` / ``pyoxigraph.serialize``, rdflib's result and graph
serialisers (TSV, which rdflib lacks, is written here for the rdflib store only).

Status codes
    200 results; 400 missing, repeated or malformed query (the parser's message as text/plain), or a
    ``default-graph-uri``/``named-graph-uri`` parameter (not supported: use FROM / FROM NAMED);
    403 an update (``update=``, ``application/sparql-update``, or an update sent as a query) or a
    query using SERVICE: the endpoint is read-only and never reaches the network, by policy;
    404 unknown path; 405 other methods; 406 no acceptable result format; 411 POST without
    Content-Length; 413 body over 1 MB; 415 other POST content types; 503 the query went over the
    time limit (or every worker stayed busy until it), 500 an engine failure.

Time limit
    A pyoxigraph query cannot be interrupted from Python, and stopping the iteration of results at a
    deadline does not bound a single long join. So every query runs in a worker *process*: a small
    pool (``workers``, 2 by default) of fresh Python processes, each opening the graph read-only. The request thread waits for the answer until the deadline; past it, the worker is
    killed (SIGKILL), the client gets 503 at once and a fresh worker replaces the dead one in the
    background. Workers see a snapshot of the graph taken at start:

    - pyoxigraph in memory: the graph is bulk-loaded once into a private temporary on-disk store,
      which every worker opens with ``Store.read_only`` (shared through the OS page cache);
    - pyoxigraph in a folder (``--store DIR``): it is flushed and opened read-only by the workers
      (the serving process holds the write lock, so nobody writes while they read);
    - rdflib: the graph is dumped once to N-Quads, which every worker parses into its own dataset.

    Queries run over the union of the graphs with the project's prefixes predeclared, as
    :meth:`segur_kg.store.Store.query` does, unless they name their dataset (FROM, FROM NAMED).

SERVICE and updates
    pyoxigraph and rdflib both execute SERVICE over HTTP, and there is no public query parser in
    pyoxigraph to inspect a query's algebra, so the query text is checked lexically, conservatively:
    comments, string literals, IRIs, variable names and the local part of prefixed names are blanked
    out, and any remaining ``service`` (any case) refuses the query. The check runs on the text as
    received (what pyoxigraph parses) and once more after expanding ``\\uXXXX`` escapes (what rdflib
    parses), so that neither an escape nor a keyword glued to a token (``SERVICE:x``, ``1SERVICE``)
    slips through. The only false positive is a *prefix label* containing "service" (``myservice:x``):
    use another label. The rdflib worker also disables SERVICE and the loading of FROM graphs from the
    web in the engine itself. The same scan finds the query form (SELECT/ASK/CONSTRUCT/DESCRIBE) to
    answer 406 before running anything, and an update keyword (INSERT, DELETE, LOAD...) sent as a
    query, refused with 403 and a clear message rather than a parser error.

Other safeguards: binds 127.0.0.1 unless told otherwise; when bound to loopback, requests whose Host
header is not a loopback name are refused (DNS rebinding); request bodies are capped (1 MB); slow
clients time out; files are only served from the package's web folder, by exact name.
"""

from __future__ import annotations

import ipaddress
import json
import os
import queue
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from segur_kg import sparql_text
from segur_kg.errors import InputError
from segur_kg.i18n import language, set_language, tr
from segur_kg.resources import queries_dir as default_queries_dir
from segur_kg.resources import web_dir

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_TIMEOUT = 30.0
DEFAULT_WORKERS = 2
MAX_BODY = 1_000_000
WORKER_START_TIMEOUT = 300.0

TEXT = "text/plain; charset=utf-8"
JSON = "application/json; charset=utf-8"


# ---------------------------------------------------------------------------------------------
# Result formats and content negotiation
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Format:
    name: str
    media_type: str  # the Content-Type of the response
    aliases: tuple[str, ...] = ()

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.media_type.split(";")[0], *self.aliases)


RESULT_FORMATS = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv; charset=utf-8"),
    Format("tsv", "text/tab-separated-values; charset=utf-8"),
)
GRAPH_FORMATS = (
    Format("turtle", "text/turtle; charset=utf-8", ("application/x-turtle",)),
    Format("nt", "application/n-triples", ()),
    Format("jsonld", "application/ld+json", ("application/json",)),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml")),
)


def _accept_ranges(accept: str) -> list[tuple[str, float]]:
    ranges = []
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def negotiate(accept: str | None, formats: tuple[Format, ...]) -> Format | None:
    """The format the client prefers among ``formats`` (the first when it says nothing or ``*/*``),
    or None when none is acceptable (406). The most specific media range decides each format's q."""
    if not accept or not accept.strip():
        return formats[0]
    ranges = _accept_ranges(accept)
    best, best_q = None, 0.0
    for fmt in formats:
        q, specificity = 0.0, -1
        for media in fmt.accepted:
            kind = media.split("/")[0]
            for pattern, pq in ranges:
                level = 2 if pattern == media else 1 if pattern == f"{kind}/*" else 0 if pattern == "*/*" else -1
                if level > specificity:
                    specificity, q = level, pq
                elif level == specificity and level >= 0:
                    q = max(q, pq)
        if q > best_q:
            best, best_q = fmt, q
    return best


# ---------------------------------------------------------------------------------------------
# Lexical checks: query form, updates, SERVICE
# ---------------------------------------------------------------------------------------------
QUERY_FORMS = {"SELECT": "results", "ASK": "results", "CONSTRUCT": "graph", "DESCRIBE": "graph"}
UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


@dataclass(frozen=True)
class QueryCheck:
    kind: str | None  # "results" (SELECT, ASK), "graph" (CONSTRUCT, DESCRIBE), None if not seen
    update: bool
    service: bool


def check_query(text: str) -> QueryCheck:
    """What the text looks like, as read by pyoxigraph (raw) and by rdflib (escapes expanded)."""
    kind, update, service = None, False, False
    for variant in dict.fromkeys((text, sparql_text.unescape(text))):
        service = service or sparql_text.mentions(variant, "service")
        first = sparql_text.first_keyword(variant) or ""
        update = update or first in UPDATE_KEYWORDS
        kind = kind or QUERY_FORMS.get(first)
    return QueryCheck(kind, update, service)


# ---------------------------------------------------------------------------------------------
# Worker processes
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Snapshot:
    """How a worker opens the graph: ``oxigraph`` (a store folder, read-only) or ``rdflib`` (an
    N-Quads file)."""

    engine: str
    path: str
    prefixes: dict[str, str]
    lang: str = "fr"  # of the workers' own messages


Reply = tuple[int, str, bytes]


def _text(status: int, message: str) -> Reply:
    return status, TEXT, (message.rstrip("\n") + "\n").encode("utf-8")


def _not_acceptable(accept: str | None, formats: tuple[Format, ...]) -> Reply:
    offered = ", ".join(f.media_type.split(";")[0] for f in formats)
    return _text(
        406,
        tr(
            f"aucun format acceptable pour « {accept} » ; formats possibles : {offered}",
            f"no acceptable format for '{accept}'; available formats: {offered}",
        ),
    )


class _OxigraphEngine:
    def __init__(self, snapshot: Snapshot) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self.store = ox.Store.read_only(snapshot.path)
        self.prefixes = snapshot.prefixes
        self.rdf = {
            "turtle": ox.RdfFormat.TURTLE,
            "nt": ox.RdfFormat.N_TRIPLES,
            "jsonld": ox.RdfFormat.JSON_LD,
            "rdfxml": ox.RdfFormat.RDF_XML,
        }
        self.results = {
            "json": ox.QueryResultsFormat.JSON,
            "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV,
            "tsv": ox.QueryResultsFormat.TSV,
        }

    def run(self, query: str, accept: str | None) -> Reply:
        # The default graph is the union of all graphs, as in Store.query, unless the query names its
        # own (FROM / FROM NAMED), which pyoxigraph's union option would override.
        union = not sparql_text.names_dataset(query)
        try:
            result = self.store.query(query, prefixes=self.prefixes, use_default_graph_as_union=union)
        except SyntaxError as exc:
            return _text(400, str(exc))
        if isinstance(result, self.ox.QueryTriples):
            fmt = negotiate(accept, GRAPH_FORMATS)
            if fmt is None:
                return _not_acceptable(accept, GRAPH_FORMATS)
            prefixes = self.prefixes if fmt.name in ("turtle", "rdfxml") else None
            return 200, fmt.media_type, self.ox.serialize(result, format=self.rdf[fmt.name], prefixes=prefixes)
        fmt = negotiate(accept, RESULT_FORMATS)
        if fmt is None:
            return _not_acceptable(accept, RESULT_FORMATS)
        return 200, fmt.media_type, result.serialize(format=self.results[fmt.name])


class _RdflibEngine:
    def __init__(self, snapshot: Snapshot) -> None:
        import rdflib
        import rdflib.plugins.sparql as rdflib_sparql
        from rdflib.plugins.sparql import evaluate

        def no_service(ctx, part):
            raise PermissionError("SERVICE is disabled on this endpoint")

        # Read-only and offline: no SERVICE, and FROM never fetches a graph from the web.
        evaluate.evalServiceQuery = no_service
        rdflib_sparql.SPARQL_LOAD_GRAPHS = False
        self.rdflib = rdflib
        self.dataset = rdflib.Dataset(default_union=True)
        self.dataset.parse(snapshot.path, format="nquads")
        self.prefixes = snapshot.prefixes

    def run(self, query: str, accept: str | None) -> Reply:
        from rdflib.plugins.sparql import prepareQuery

        try:
            prepared = prepareQuery(query, initNs=self.prefixes)
        except Exception as exc:  # pyparsing's ParseException, or rdflib's own (unknown prefix...)
            return _text(400, str(exc))
        result = self.dataset.query(prepared)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            fmt = negotiate(accept, GRAPH_FORMATS)
            if fmt is None:
                return _not_acceptable(accept, GRAPH_FORMATS)
            graph = result.graph
            for prefix, namespace in self.prefixes.items():
                graph.bind(prefix, namespace)
            name = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}[fmt.name]
            return 200, fmt.media_type, graph.serialize(format=name, encoding="utf-8")
        fmt = negotiate(accept, RESULT_FORMATS)
        if fmt is None:
            return _not_acceptable(accept, RESULT_FORMATS)
        if fmt.name in ("csv", "tsv") and result.type == "ASK":
            return 200, fmt.media_type, b"true" if result.askAnswer else b"false"
        if fmt.name == "tsv":
            return 200, fmt.media_type, self._tsv(result)
        return 200, fmt.media_type, result.serialize(format=fmt.name, encoding="utf-8")

    @staticmethod
    def _tsv(result) -> bytes:
        lines = ["\t".join(f"?{v}" for v in result.vars)]
        for row in result:
            lines.append("\t".join("" if t is None else t.n3().replace("\t", "\\t") for t in row))
        return ("\n".join(lines) + "\n").encode("utf-8")


def _watch_parent() -> None:
    """End the worker if the serving process disappears (even mid-query: pyoxigraph releases the GIL)."""
    parent = os.getppid()
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def _worker_main(fd: int) -> None:
    """A worker process: receive the snapshot, open it, then answer (query, accept) jobs one at a time
    on the connection ``fd`` until it closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the serving process, which kills us
    threading.Thread(target=_watch_parent, daemon=True).start()
    conn = Connection(fd)
    try:
        snapshot = Snapshot(**conn.recv())
        set_language(snapshot.lang)
        engine = _OxigraphEngine(snapshot) if snapshot.engine == "oxigraph" else _RdflibEngine(snapshot)
    except Exception as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = engine.run(*job)
        except Exception as exc:
            reply = _text(500, f"{type(exc).__name__}: {exc}")
        conn.send(reply)


class _Worker:
    """One worker: a fresh Python (``sys.executable``) in its own session, reached through a socket
    pair. Not ``multiprocessing.Process``: its spawn method re-runs the caller's main module, which
    breaks in scripts without a ``__main__`` guard; and forking a threaded server is unsafe."""

    def __init__(self, snapshot: Snapshot) -> None:
        ours, theirs = socket.socketpair()
        # The same interpreter finds the same package; failing that, the folder this one came from.
        code = "import sys; sys.path.append(sys.argv[2]); from segur_kg.server import _worker_main; _worker_main(int(sys.argv[1]))"
        home = str(Path(__file__).resolve().parents[1])
        with theirs:
            self.process = subprocess.Popen(
                [sys.executable, "-c", code, str(theirs.fileno()), home],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.conn = Connection(ours.detach())
        self.conn.send(snapshot.__dict__)

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise RuntimeError(f"a query worker did not start within {timeout:.0f} s")
        try:
            status, detail = self.conn.recv()
        except (EOFError, OSError):
            status, detail = "error", f"exit code {self.process.poll()}"
        if status != "ready":
            self.kill()
            raise RuntimeError(f"a query worker could not open the graph: {detail}")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            pass
        self.conn.close()


class QueryPool:
    """Worker processes that run queries under a time limit (see the module's documentation)."""

    def __init__(self, snapshot: Snapshot, size: int = DEFAULT_WORKERS, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.snapshot, self.size, self.timeout = snapshot, size, timeout
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        starting = [self._spawn() for _ in range(size)]
        try:
            for worker in starting:
                worker.wait_ready(WORKER_START_TIMEOUT)
                self._idle.put(worker)
        except BaseException:
            self.close()
            raise

    def _spawn(self) -> _Worker:
        worker = _Worker(self.snapshot)
        with self._lock:
            self._all.add(worker)
        return worker

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()

    def _replace(self, worker: _Worker) -> None:
        self._discard(worker)

        def start() -> None:
            if self._closed:
                return
            new = self._spawn()
            try:
                new.wait_ready(WORKER_START_TIMEOUT)
            except Exception as exc:
                self._discard(new)
                print(f"segur-kg serve: {exc}", file=sys.stderr)
                return
            if self._closed:
                self._discard(new)
            else:
                self._idle.put(new)

        threading.Thread(target=start, daemon=True).start()

    def run(self, query: str, accept: str | None) -> Reply:
        deadline = time.monotonic() + self.timeout
        over = _text(
            503,
            tr(
                f"la requête a dépassé la limite de temps ({self.timeout:g} s) et a été arrêtée",
                f"the query went over the time limit ({self.timeout:g} s) and was stopped",
            ),
        )
        try:
            worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return _text(
                503,
                tr(
                    f"le serveur est occupé : aucune requête n'a pu commencer en {self.timeout:g} s",
                    f"the server is busy: the query could not start within {self.timeout:g} s",
                ),
            )
        try:
            worker.conn.send((query, accept))
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._replace(worker)
                return over
            reply = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            self._replace(worker)
            return _text(
                500,
                tr(
                    f"le processus de requête s'est arrêté ({exc or 'fin inattendue'})",
                    f"the query process stopped ({exc or 'unexpected end'})",
                ),
            )
        self._idle.put(worker)
        return reply

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()


def take_snapshot(store: Any, folder: Path) -> Snapshot:
    """Make ``store`` readable by worker processes (see the module's documentation)."""
    from segur_kg.namespaces import PREFIXES
    from segur_kg.stores import OxigraphStore

    prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    if isinstance(store, OxigraphStore) and store.path is not None:
        store.flush()
        return Snapshot("oxigraph", str(Path(store.path).resolve()), prefixes, language())
    data = store.serialize("nquads")
    if getattr(store, "backend", "") == "rdflib":
        path = folder / "graph.nq"
        path.write_bytes(data)
        return Snapshot("rdflib", str(path), prefixes, language())
    import pyoxigraph as ox

    path = folder / "oxigraph"
    disk = ox.Store(str(path))
    disk.bulk_load(input=data, format=ox.RdfFormat.N_QUADS)
    disk.flush()
    del disk  # closes it: the workers open it read-only
    return Snapshot("oxigraph", str(path), prefixes, language())


# ---------------------------------------------------------------------------------------------
# The page, its files and the saved queries
# ---------------------------------------------------------------------------------------------
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


_HEADER_LINE = re.compile(r"^#\s*(?P<key>[A-Za-z][\w-]*)\s*:\s*(?P<value>.*?)\s*$")


def saved_queries(folder: Path) -> list[dict[str, Any]]:
    """The ``*.rq`` files of ``folder``, with their header comments (``# title-fr: …``, ``# param: …``)."""
    found = []
    for path in sorted(folder.glob("*.rq")) if folder.is_dir() else []:
        try:
            if path.stat().st_size > MAX_BODY:
                continue
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        header: dict[str, list[str]] = {}
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            m = _HEADER_LINE.match(line)
            if m:
                header.setdefault(m.group("key").lower(), []).append(m.group("value"))

        def first(key: str) -> str | None:
            return header.get(key, [None])[0]

        found.append(
            {
                "name": path.stem,
                "title": {
                    "fr": first("title-fr") or first("title-en") or path.stem,
                    "en": first("title-en") or first("title-fr") or path.stem,
                },
                "question": {"fr": first("question-fr") or "", "en": first("question-en") or ""},
                "params": header.get("param", []),
                "needs": first("needs") or "",
                "text": text,
            }
        )
    return found


# ---------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------
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
            self._send(
                _text(
                    403,
                    tr(
                        "en-tête Host refusé : ce serveur n'écoute que cette machine",
                        "Host header refused: this server only listens to this machine",
                    ),
                )
            )
            return None
        path = urlsplit(self.path).path
        methods = self.server.methods(path)
        if methods is None:
            self._send(_text(404, tr(f"introuvable : {path}", f"not found: {path}")))
            return None
        if self.command not in methods or self.command not in allowed:
            self._send(
                _text(
                    405,
                    tr(
                        f"méthode {self.command} non permise sur {path} (permises : {', '.join(methods)})",
                        f"method {self.command} not allowed on {path} (allowed: {', '.join(methods)})",
                    ),
                ),
                {"Allow": ", ".join(methods)},
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
            self._send(_text(411, tr("Content-Length requis", "Content-Length required")))
            return
        try:
            length = int(self.headers["Content-Length"])
            if length < 0:
                raise ValueError
        except ValueError:
            self._send(_text(400, tr("Content-Length invalide", "invalid Content-Length")))
            return
        if length > self.server.max_body:
            self.close_connection = True
            self._send(
                _text(
                    413,
                    tr(
                        f"corps de requête trop grand : {length} octets, au plus {self.server.max_body}",
                        f"request body too large: {length} bytes, at most {self.server.max_body}",
                    ),
                )
            )
            return
        raw = self.rfile.read(length)
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._send(_text(400, tr("le corps de la requête n'est pas en UTF-8", "the request body is not UTF-8")))
            return
        if content_type == "application/sparql-update":
            self._send(self._refuse_update())
        elif content_type == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            if set(form) & set(params):
                self._send(
                    _text(
                        400,
                        tr(
                            "paramètre donné à la fois dans l'URL et dans le corps",
                            "parameter given both in the URL and in the body",
                        ),
                    )
                )
                return
            self._sparql({**params, **form})
        elif content_type == "application/sparql-query":
            if "query" in params:
                self._send(
                    _text(
                        400,
                        tr(
                            "requête donnée à la fois dans l'URL et dans le corps",
                            "query given both in the URL and in the body",
                        ),
                    )
                )
                return
            self._sparql({**params, "query": [body]})
        else:
            self._send(
                _text(
                    415,
                    tr(
                        f"type de contenu non pris en charge « {content_type} » : application/sparql-query ou application/x-www-form-urlencoded",
                        f"unsupported content type '{content_type}': application/sparql-query or application/x-www-form-urlencoded",
                    ),
                )
            )

    # -- the protocol ----------------------------------------------------------------------
    @staticmethod
    def _refuse_update() -> Reply:
        return _text(
            403,
            tr(
                "mise à jour refusée : ce point d'accès est en lecture seule",
                "update refused: this endpoint is read-only",
            ),
        )

    def _sparql(self, params: dict[str, list[str]]) -> None:
        vary = {"Vary": "Accept"}
        if "update" in params:
            self._send(self._refuse_update())
            return
        if "default-graph-uri" in params or "named-graph-uri" in params:
            self._send(
                _text(
                    400,
                    tr(
                        "default-graph-uri et named-graph-uri ne sont pas pris en charge : utilisez FROM et FROM NAMED dans la requête",
                        "default-graph-uri and named-graph-uri are not supported: use FROM and FROM NAMED in the query",
                    ),
                )
            )
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._send(
                _text(
                    400,
                    tr(
                        "une requête SPARQL est attendue dans le paramètre « query » (une seule)",
                        "expected one SPARQL query in the 'query' parameter",
                    )
                    if len(queries) <= 1
                    else tr("un seul paramètre « query » est permis", "only one 'query' parameter is allowed"),
                )
            )
            return
        query = queries[0]
        check = check_query(query)
        if check.update:
            self._send(self._refuse_update())
            return
        if check.service:
            self._send(
                _text(
                    403,
                    tr(
                        "SERVICE refusé : ce point d'accès n'interroge aucun autre service",
                        "SERVICE refused: this endpoint does not query other services",
                    ),
                )
            )
            return
        accept = self.headers.get("Accept")
        if check.kind is not None:
            formats = RESULT_FORMATS if check.kind == "results" else GRAPH_FORMATS
            if negotiate(accept, formats) is None:
                self._send(_not_acceptable(accept, formats), vary)
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
            raise InputError(
                "--timeout", "", tr("attendu un nombre de secondes positif", "expected a positive number of seconds")
            )
        if workers < 1:
            raise InputError("--workers", "", tr("attendu au moins 1", "expected at least 1"))
        if not 0 <= port <= 65535:
            raise InputError(
                "--port", "", tr("attendu un port entre 0 et 65535", "expected a port between 0 and 65535")
            )
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
                raise InputError(
                    "--host/--port",
                    "",
                    tr(
                        f"impossible d'écouter sur {host}:{port} ({exc.strerror or exc})",
                        f"cannot listen on {host}:{port} ({exc.strerror or exc})",
                    ),
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
            print(
                tr(
                    f"attention : {host} est joignable depuis le réseau, sans authentification",
                    f"warning: {host} is reachable from the network, without authentication",
                ),
                file=sys.stderr,
            )
        print(
            tr(
                f"Page de requêtes : {server.url}\nPoint d'accès SPARQL : {server.url}sparql\n(Ctrl-C pour arrêter)",
                f"Query page: {server.url}\nSPARQL endpoint: {server.url}sparql\n(Ctrl-C to stop)",
            ),
            flush=True,
        )
        previous = (
            signal.signal(signal.SIGTERM, stop) if threading.current_thread() is threading.main_thread() else None
        )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print(tr("Arrêté.", "Stopped."), file=sys.stderr)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)


__all__ = ["SparqlServer", "serve", "negotiate", "check_query", "saved_queries", "RESULT_FORMATS", "GRAPH_FORMATS"]
