"""The worker processes that run the endpoint's queries under a time limit: the snapshot of the graph
they open, their two engines (pyoxigraph, rdflib), the stream of a result back to the serving
process, and the pool the request threads borrow them from, fairly between clients.

Why processes, how each store is made readable by them, and the pool's rules: docs/server.md ("Time
limit and workers", "Sharing the workers", "Result size").
"""

from __future__ import annotations

import math
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import segur_kg
from segur_kg.i18n import language, set_language
from segur_kg.messages import msg
from segur_kg.server.protocol import GRAPH_FORMATS, RESULT_FORMATS, Reply, negotiate, not_acceptable, plain_text

DEFAULT_TIMEOUT = 30.0
DEFAULT_WORKERS = 2
WORKER_START_TIMEOUT = 300.0
# A result is answered whole (with its Content-Length) up to STREAM_BUFFER bytes, then streamed in
# chunks of CHUNK_BYTES; past MAX_RESULT_BYTES it is refused (507) or, once streaming, cut.
MAX_RESULT_BYTES = 64 * 1024 * 1024
STREAM_BUFFER = 256 * 1024
CHUNK_BYTES = 64 * 1024
# A query that ran LONG_QUERY_SECONDS or more is long: its client, and its text, count as long for
# LONG_QUERY_MEMORY seconds after it ended (at most LONG_TEXTS_KEPT texts are remembered); together,
# long queries hold all workers but one.
LONG_QUERY_SECONDS = 1.0
LONG_QUERY_MEMORY = 60.0
LONG_TEXTS_KEPT = 1024
# The parser and the engines recurse on nested queries: each job runs in a thread with a large stack
# (reserved, not used, until needed), where a deep query ends in RecursionError, not a crash.
JOB_STACK_BYTES = 512 * 1024 * 1024
JOB_RECURSION_LIMIT = 100_000


def default_per_client(workers: int) -> int:
    """Queries one client (address) may have in progress at once by default: half the workers."""
    return max(1, workers // 2)


@dataclass(frozen=True)
class Snapshot:
    """How a worker opens the graph: ``oxigraph`` (a store folder, read-only) or ``rdflib`` (an
    N-Quads file); ``check_address``, a loopback TCP address known to listen (the endpoint's own),
    which the worker must fail to reach once isolated."""

    engine: str
    path: str
    prefixes: dict[str, str]
    lang: str = "fr"  # of the workers' own messages
    check_address: tuple[str, int] | None = None
    max_result_bytes: int = MAX_RESULT_BYTES


class ResultTooLarge(Exception):
    pass


class _ResultStream:
    """Where an engine's serialiser writes (a binary file for pyoxigraph and rdflib): held until
    STREAM_BUFFER bytes, then sent on in chunks; counts the bytes against the result cap."""

    def __init__(self, conn: Connection, limit: int) -> None:
        self.conn, self.limit = conn, limit
        self.media_type = ""
        self.pending: list[bytes] = []
        self.pending_size = self.total = 0
        self.committed = False  # the head (status, type, first bytes) has gone
        self.over = False

    def begin(self, media_type: str) -> None:
        self.media_type = media_type

    def write(self, data: bytes | bytearray | memoryview) -> int:
        size = len(data)
        if self.total + size > self.limit:
            self.over = True
            raise ResultTooLarge(self.limit)
        self.total += size
        self.pending.append(bytes(data))
        self.pending_size += size
        if self.pending_size >= (CHUNK_BYTES if self.committed else STREAM_BUFFER):
            self._flush()
        return size

    def flush(self) -> None:  # serialisers may call it; chunks go when they are full
        pass

    def _flush(self) -> None:
        data = b"".join(self.pending)
        self.pending, self.pending_size = [], 0
        if self.committed:
            self.conn.send(("data", data))
        else:
            self.committed = True
            self.conn.send(("head", 200, self.media_type, data))

    def finish(self) -> None:
        if not self.committed:
            self.conn.send(("reply", 200, self.media_type, b"".join(self.pending)))
            return
        if self.pending:
            self._flush()
        self.conn.send(("end",))

    def fail(self, reply: Reply) -> None:
        """After a failure: the error reply if nothing has gone yet, otherwise the stream is cut."""
        if self.committed:
            reason = reply[2].decode("utf-8", "replace").strip()
            self.conn.send(("cut", msg("server.result-cut", sent=self.total - self.pending_size, reason=reason)))
        else:
            self.conn.send(("reply", *reply))


class _OxigraphEngine:
    def __init__(self, snapshot: Snapshot) -> None:
        import pyoxigraph as ox

        from segur_kg.server.analysis import analyse_again

        self.analyse = analyse_again  # reads the analysis' text only: a cached one will do
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

    def run(self, analysis: Any, accept: str | None, out: _ResultStream) -> Reply | None:
        formats = GRAPH_FORMATS if analysis.kind == "graph" else RESULT_FORMATS
        fmt = negotiate(accept, formats)
        if fmt is None:
            return not_acceptable(accept, formats)
        # The default graph is the union of all graphs, as in Store.query, unless the query names its
        # own (FROM / FROM NAMED), which pyoxigraph's union option would override.
        try:
            result = self.store.query(
                analysis.text, prefixes=self.prefixes, use_default_graph_as_union=not analysis.names_dataset
            )
        except SyntaxError as exc:
            return plain_text(400, str(exc))
        out.begin(fmt.media_type)
        if analysis.kind == "graph":
            prefixes = self.prefixes if fmt.name in ("turtle", "rdfxml") else None
            self.ox.serialize(result, output=out, format=self.rdf[fmt.name], prefixes=prefixes)
        else:
            result.serialize(output=out, format=self.results[fmt.name])
        return None


class _RdflibEngine:
    def __init__(self, snapshot: Snapshot) -> None:
        import rdflib
        import rdflib.plugins.sparql as rdflib_sparql
        from rdflib.plugins.sparql import evaluate

        from segur_kg.server.analysis import analyse

        def no_service(ctx, part):
            raise PermissionError("SERVICE is disabled on this endpoint")

        self.analyse = analyse  # translating a parse tree may change it: a fresh one for each query
        # Read-only and offline: no SERVICE, and FROM never fetches a graph from the web.
        evaluate.evalServiceQuery = no_service
        rdflib_sparql.SPARQL_LOAD_GRAPHS = False
        self.rdflib = rdflib
        self.dataset = rdflib.Dataset(default_union=True)
        self.dataset.parse(snapshot.path, format="nquads")
        self.prefixes = snapshot.prefixes

    def run(self, analysis: Any, accept: str | None, out: _ResultStream) -> Reply | None:
        from rdflib.plugins.sparql.algebra import translateQuery

        formats = GRAPH_FORMATS if analysis.kind == "graph" else RESULT_FORMATS
        fmt = negotiate(accept, formats)
        if fmt is None:
            return not_acceptable(accept, formats)
        try:
            prepared = translateQuery(analysis.tree, initNs=self.prefixes)
        except Exception as exc:  # rdflib's own (an unknown prefix...)
            return plain_text(400, str(exc))
        result = self.dataset.query(prepared)
        out.begin(fmt.media_type)
        if analysis.kind == "graph":
            graph = result.graph
            for prefix, namespace in self.prefixes.items():
                graph.bind(prefix, namespace)
            name = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}[fmt.name]
            graph.serialize(destination=out, format=name, encoding="utf-8")
        elif fmt.name in ("csv", "tsv") and result.type == "ASK":
            out.write(b"true" if result.askAnswer else b"false")
        elif fmt.name == "tsv":
            self._tsv(result, out)
        else:
            result.serialize(destination=out, format=fmt.name, encoding="utf-8")
        return None

    @staticmethod
    def _tsv(result, out: _ResultStream) -> None:
        # rdflib has no TSV results serialiser.
        out.write(("\t".join(f"?{v}" for v in result.vars) + "\n").encode("utf-8"))
        for row in result:
            line = "\t".join("" if t is None else t.n3().replace("\t", "\\t") for t in row)
            out.write((line + "\n").encode("utf-8"))


def _watch_parent() -> None:
    """End the worker if the serving process disappears (even mid-query: pyoxigraph releases the GIL)."""
    parent = os.getppid()
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def _answer(engine: Any, conn: Connection, query: str, accept: str | None, limit: int) -> None:
    """One job: analyse the query, then run it and stream its result, or send the refusal."""
    from segur_kg.server.analysis import Refused

    out = _ResultStream(conn, limit)
    try:
        analysis = engine.analyse(query)
        reply = engine.run(analysis, accept, out)
    except Refused as refusal:
        reply = plain_text(refusal.status, refusal.message)
    except Exception as exc:
        if out.over:
            reply = plain_text(507, msg("server.result-too-large", limit=limit))
        elif isinstance(exc, RecursionError):
            reply = plain_text(400, msg("server.query-too-deep"))
        else:
            reply = plain_text(500, f"{type(exc).__name__}: {exc}")
    if reply is not None:
        out.fail(reply)
    else:
        out.finish()


def _serve_jobs(conn: Connection, snapshot: Snapshot, isolation: dict[str, Any]) -> None:
    try:
        engine = _OxigraphEngine(snapshot) if snapshot.engine == "oxigraph" else _RdflibEngine(snapshot)
        # rdflib's parser, loaded once before the first job rather than during it.
        import rdflib.plugins.sparql.parser  # noqa: F401
    except Exception as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", isolation))
    while True:
        try:
            query, accept = conn.recv()
        except (EOFError, OSError):
            return
        _answer(engine, conn, query, accept, snapshot.max_result_bytes)


def _worker_main(fd: int) -> None:
    """A worker process: cut itself off the network, receive the snapshot, open it, then answer
    (query, accept) jobs one at a time on the connection ``fd`` until it closes."""
    from segur_kg.server.isolation import can_connect, isolate

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the serving process, which kills us
    # First, while this process has a single thread (a network namespace needs it).
    mode, failures = isolate()
    conn = Connection(fd)
    snapshot = Snapshot(**conn.recv())
    set_language(snapshot.lang)
    check = can_connect(tuple(snapshot.check_address)) if snapshot.check_address else None
    if check is not None:
        mode = "none"
    isolation = {"mode": mode, "failures": failures, "check": check}
    threading.Thread(target=_watch_parent, daemon=True).start()
    sys.setrecursionlimit(JOB_RECURSION_LIMIT)
    threading.stack_size(JOB_STACK_BYTES)
    jobs = threading.Thread(target=_serve_jobs, args=(conn, snapshot, isolation), name="jobs")
    jobs.start()
    threading.stack_size(0)
    jobs.join()


# What the fresh interpreter runs: argv[1] is the socket's descriptor, argv[2] the folder holding the
# segur_kg package (in case that interpreter does not find it by itself).
_WORKER_CODE = (
    "import sys; sys.path.append(sys.argv[2]); "
    "from segur_kg.server.workers import _worker_main; _worker_main(int(sys.argv[1]))"
)


class _Worker:
    """One worker: a fresh Python (``sys.executable``) in its own session, reached through a socket
    pair. Not ``multiprocessing.Process``: its spawn method re-runs the caller's main module, which
    breaks in scripts without a ``__main__`` guard; and forking a threaded server is unsafe."""

    def __init__(self, snapshot: Snapshot) -> None:
        ours, theirs = socket.socketpair()
        home = str(Path(segur_kg.__file__).resolve().parents[1])
        with theirs:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _WORKER_CODE, str(theirs.fileno()), home],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.conn = Connection(ours.detach())
        self.conn.send(snapshot.__dict__)
        self.isolation: dict[str, Any] = {}

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise RuntimeError(msg("server.worker-not-started", timeout=f"{timeout:.0f}"))
        try:
            status, detail = self.conn.recv()
        except (EOFError, OSError):
            status, detail = "error", f"exit code {self.process.poll()}"
        if status != "ready":
            self.kill()
            raise RuntimeError(msg("server.worker-cannot-open", detail=detail))
        self.isolation = detail

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            pass
        self.conn.close()


@dataclass
class _Client:
    """What the pool knows of one client (an address): its queries in progress, and until when it
    counts as a long-query client."""

    tickets: set[_Ticket] = field(default_factory=set)
    long_until: float = 0.0

    def is_long(self, now: float) -> bool:
        if self.long_until > now:
            return True
        return any(t.started is not None and now - t.started >= LONG_QUERY_SECONDS for t in self.tickets)

    @property
    def running(self) -> int:
        return sum(1 for t in self.tickets if t.worker is not None)


@dataclass(eq=False)
class _Ticket:
    """One query's place in the pool: waiting for a worker, then holding one until its end."""

    client: str
    seq: int
    deadline: float
    text: int  # the hash of the query's text
    worker: _Worker | None = None
    started: float | None = None
    done: bool = False
    stopped: bool = False  # to make room for the other clients
    granted: threading.Event = field(default_factory=threading.Event)


Event = tuple  # ("reply", status, type, body) | ("head", status, type, body) | ("data", body) | ("end",) | ("cut", why)


class QueryPool:
    """Worker processes that run queries under a time limit, shared fairly between clients (see
    docs/server.md, "Sharing the workers"): each client has at most ``per_client`` queries in progress
    (429 past it), a query that is not long goes first, then that of a client with fewer running
    queries, and long queries together hold all workers but one (the latest is stopped when they
    hold them all and another query waits)."""

    def __init__(
        self,
        snapshot: Snapshot,
        size: int = DEFAULT_WORKERS,
        timeout: float = DEFAULT_TIMEOUT,
        per_client: int | None = None,
    ) -> None:
        self.snapshot, self.size, self.timeout = snapshot, size, timeout
        self.per_client = per_client or default_per_client(size)
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._all: set[_Worker] = set()
        self._waiting: list[_Ticket] = []
        self._clients: dict[str, _Client] = {}
        self._long_texts: dict[int, float] = {}  # hash of a query's text -> until when it counts as long
        self._seq = 0
        self._closed = False
        self.isolation: dict[str, Any] = {}
        starting = [self._spawn() for _ in range(size)]
        try:
            for worker in starting:
                worker.wait_ready(WORKER_START_TIMEOUT)
                self.isolation = self.isolation or worker.isolation
                if worker.isolation.get("mode") == "none":  # the weakest worker tells
                    self.isolation = worker.isolation
                self._idle.append(worker)
        except BaseException:
            self.close()
            raise

    # -- workers ----------------------------------------------------------------------------
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
                return
            with self._lock:
                self._idle.append(new)
                self._dispatch()

        threading.Thread(target=start, daemon=True).start()

    # -- sharing ----------------------------------------------------------------------------
    def _is_long(self, ticket: _Ticket, now: float) -> bool:
        """Whether the ticket counts as a long query: its client or its text ran long lately, or it
        has been running for LONG_QUERY_SECONDS (the lock held)."""
        if ticket.started is not None and now - ticket.started >= LONG_QUERY_SECONDS:
            return True
        if self._clients[ticket.client].is_long(now) or self._long_texts.get(ticket.text, 0.0) > now:
            return True
        return any(self._is_running_long(t, now) for t in self._running() if t.text == ticket.text)

    @staticmethod
    def _is_running_long(ticket: _Ticket, now: float) -> bool:
        return ticket.started is not None and now - ticket.started >= LONG_QUERY_SECONDS

    def _running(self) -> list[_Ticket]:
        return [t for c in self._clients.values() for t in c.tickets if t.worker is not None and not t.stopped]

    def _dispatch(self) -> None:
        """Give idle workers to waiting queries (the lock held): first those that are not long
        queries, then those of the clients with fewer running queries, then the earliest; then make
        room when long queries hold every worker."""
        now = time.monotonic()
        while self._idle and self._waiting:
            long_running = len(self._long_running(now))
            eligible = []
            for ticket in self._waiting:
                long = self._is_long(ticket, now)
                if long and self.size > 1 and long_running >= self.size - 1:
                    continue  # the last worker is kept for the other queries
                eligible.append(((long, self._clients[ticket.client].running, ticket.seq), ticket))
            if not eligible:
                break
            ticket = min(eligible, key=lambda pair: pair[0])[1]
            self._waiting.remove(ticket)
            ticket.worker, ticket.started = self._idle.pop(), now
            ticket.granted.set()
        self._make_room(now)

    def _long_running(self, now: float) -> list[_Ticket]:
        """The running queries that count as long (the lock held)."""
        return [t for t in self._running() if self._is_long(t, now)]

    def _make_room(self, now: float) -> None:
        """Long queries may hold every worker but one: when they hold them all (the first ones, before
        they were known) and a query that is not long waits, the long query that started last is
        stopped; its client gets 503 and Retry-After (the lock held)."""
        if self.size < 2 or all(self._is_long(t, now) for t in self._waiting):
            return
        long_running = self._long_running(now)
        if len(long_running) < self.size:
            return
        last = max(long_running, key=lambda t: t.started or 0.0)
        last.stopped = True
        assert last.worker is not None
        last.worker.process.kill()  # its request thread sees the end of the connection and answers

    def _retry_after(self, tickets: Any, now: float) -> int:
        """Seconds until one of ``tickets`` ends at the latest (their deadlines), at least 1."""
        ends = [t.deadline for t in tickets]
        return max(1, math.ceil(min(ends) - now)) if ends else 1

    def _admit(self, client: str, text: int, now: float) -> _Ticket | int:
        """A ticket in the queue, or the seconds to wait (Retry-After) when the client is at its limit."""
        with self._lock:
            state = self._clients.setdefault(client, _Client())
            if len(state.tickets) >= self.per_client:
                return self._retry_after(state.tickets, now)
            self._seq += 1
            ticket = _Ticket(client, self._seq, now + self.timeout, text)
            state.tickets.add(ticket)
            self._waiting.append(ticket)
            self._dispatch()
            return ticket

    def _wait(self, ticket: _Ticket) -> bool:
        """Whether the ticket got a worker before its deadline (else it leaves the queue)."""
        while True:
            remaining = ticket.deadline - time.monotonic()
            # Wake up now and then: a query may become long, or a mark lapse, while nothing else happens.
            if ticket.granted.wait(max(0.0, min(0.5, remaining))):
                return True
            with self._lock:
                if ticket.worker is not None:
                    return True
                if remaining <= 0:
                    self._waiting.remove(ticket)
                    self._end(ticket)
                    return False
                self._dispatch()

    def _end(self, ticket: _Ticket) -> None:
        """The ticket leaves the pool (the lock held); its client is forgotten once it is idle."""
        ticket.done = True
        now = time.monotonic()
        state = self._clients[ticket.client]
        state.tickets.discard(ticket)
        if self._is_running_long(ticket, now):
            state.long_until = now + LONG_QUERY_MEMORY
            self._long_texts[ticket.text] = now + LONG_QUERY_MEMORY
            if len(self._long_texts) > LONG_TEXTS_KEPT:
                self._long_texts = {k: t for k, t in self._long_texts.items() if t > now}
                while len(self._long_texts) > LONG_TEXTS_KEPT:
                    del self._long_texts[next(iter(self._long_texts))]
        if not state.tickets and state.long_until <= now:
            del self._clients[ticket.client]

    def _release(self, ticket: _Ticket, healthy: bool) -> None:
        worker = ticket.worker
        with self._lock:
            if ticket.done:
                return
            self._end(ticket)
            healthy = healthy and not ticket.stopped
            if healthy and worker is not None and not self._closed:
                self._idle.append(worker)
            self._dispatch()
        if not healthy and worker is not None:
            self._replace(worker)

    # -- running ----------------------------------------------------------------------------
    def run(self, query: str, accept: str | None, client: str = "") -> Iterator[Event]:
        """The events of one query's answer: a whole ``reply``, or a ``head``, ``data`` chunks and
        ``end`` (or ``cut`` when it stops half-way). Close the iterator when done with it."""
        now = time.monotonic()
        admitted = self._admit(client, hash(query), now)
        if isinstance(admitted, int):
            refusal = plain_text(
                429, msg("server.client-limit", client=client, running=self.per_client, retry=admitted)
            )
            yield ("reply", *refusal, {"Retry-After": str(admitted)})
            return
        ticket = admitted
        if not self._wait(ticket):
            with self._lock:
                running = [t for c in self._clients.values() for t in c.tickets if t.worker is not None]
                retry = self._retry_after(running, time.monotonic())
            busy = plain_text(503, msg("server.busy", timeout=f"{self.timeout:g}"))
            yield ("reply", *busy, {"Retry-After": str(retry)})
            return
        worker = ticket.worker
        assert worker is not None
        committed, healthy = False, False
        over = msg("server.query-over-time-limit", timeout=f"{self.timeout:g}")
        try:
            worker.conn.send((query, accept))
            while True:
                remaining = ticket.deadline - time.monotonic()
                if remaining <= 0 or not worker.conn.poll(remaining):
                    self._release(ticket, healthy=False)
                    yield ("cut", over) if committed else ("reply", *plain_text(503, over))
                    return
                event = worker.conn.recv()
                if event[0] in ("reply", "end", "cut"):
                    healthy = True
                    self._release(ticket, healthy=True)
                    yield event
                    return
                committed = committed or event[0] == "head"
                yield event
        except (EOFError, OSError) as exc:
            self._release(ticket, healthy=False)
            if ticket.stopped:
                with self._lock:
                    retry = self._retry_after(self._long_running(time.monotonic()), time.monotonic())
                ran = f"{time.monotonic() - (ticket.started or 0.0):.0f}"
                reason = msg("server.query-stopped-for-others", seconds=ran, retry=retry)
                yield ("cut", reason) if committed else ("reply", *plain_text(503, reason), {"Retry-After": str(retry)})
                return
            reason = msg("server.worker-stopped", reason=str(exc) or msg("server.worker-unexpected-end"))
            yield ("cut", reason) if committed else ("reply", *plain_text(500, reason))
        finally:
            # Closed half-way (the client went away): the worker may be mid-answer, so it is replaced.
            self._release(ticket, healthy=healthy)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()


def take_snapshot(store: Any, folder: Path, **options: Any) -> Snapshot:
    """Make ``store`` readable by worker processes, in ``folder`` when it must be copied (see
    docs/server.md); ``options`` are the snapshot's other fields."""
    from segur_kg.namespaces import PREFIXES
    from segur_kg.stores import OxigraphStore

    prefixes = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    if isinstance(store, OxigraphStore) and store.path is not None:
        store.flush()
        return Snapshot("oxigraph", str(Path(store.path).resolve()), prefixes, language(), **options)
    data = store.serialize("nquads")
    if getattr(store, "backend", "") == "rdflib":
        path = folder / "graph.nq"
        path.write_bytes(data)
        return Snapshot("rdflib", str(path), prefixes, language(), **options)
    import pyoxigraph as ox

    path = folder / "oxigraph"
    disk = ox.Store(str(path))
    disk.bulk_load(input=data, format=ox.RdfFormat.N_QUADS)
    disk.flush()
    del disk  # closes it: the workers open it read-only
    return Snapshot("oxigraph", str(path), prefixes, language(), **options)


__all__ = [
    "CHUNK_BYTES",
    "DEFAULT_TIMEOUT",
    "DEFAULT_WORKERS",
    "LONG_QUERY_MEMORY",
    "LONG_QUERY_SECONDS",
    "MAX_RESULT_BYTES",
    "STREAM_BUFFER",
    "QueryPool",
    "Snapshot",
    "default_per_client",
    "take_snapshot",
]
