"""The worker processes that run the endpoint's queries under a time limit: the snapshot of the graph
they open, their two engines (pyoxigraph, rdflib), and the pool the request threads borrow them from.

Why processes, and how each store is made readable by them: docs/server.md ("Time limit and workers").
"""

from __future__ import annotations

import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import segur_kg
from segur_kg import sparql_text
from segur_kg.i18n import language, set_language
from segur_kg.messages import msg
from segur_kg.server.protocol import GRAPH_FORMATS, RESULT_FORMATS, Reply, negotiate, not_acceptable, plain_text

DEFAULT_TIMEOUT = 30.0
DEFAULT_WORKERS = 2
WORKER_START_TIMEOUT = 300.0


@dataclass(frozen=True)
class Snapshot:
    """How a worker opens the graph: ``oxigraph`` (a store folder, read-only) or ``rdflib`` (an
    N-Quads file)."""

    engine: str
    path: str
    prefixes: dict[str, str]
    lang: str = "fr"  # of the workers' own messages


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
            return plain_text(400, str(exc))
        if isinstance(result, self.ox.QueryTriples):
            fmt = negotiate(accept, GRAPH_FORMATS)
            if fmt is None:
                return not_acceptable(accept, GRAPH_FORMATS)
            prefixes = self.prefixes if fmt.name in ("turtle", "rdfxml") else None
            return 200, fmt.media_type, self.ox.serialize(result, format=self.rdf[fmt.name], prefixes=prefixes)
        fmt = negotiate(accept, RESULT_FORMATS)
        if fmt is None:
            return not_acceptable(accept, RESULT_FORMATS)
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
            return plain_text(400, str(exc))
        result = self.dataset.query(prepared)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            fmt = negotiate(accept, GRAPH_FORMATS)
            if fmt is None:
                return not_acceptable(accept, GRAPH_FORMATS)
            graph = result.graph
            for prefix, namespace in self.prefixes.items():
                graph.bind(prefix, namespace)
            name = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}[fmt.name]
            return 200, fmt.media_type, graph.serialize(format=name, encoding="utf-8")
        fmt = negotiate(accept, RESULT_FORMATS)
        if fmt is None:
            return not_acceptable(accept, RESULT_FORMATS)
        if fmt.name in ("csv", "tsv") and result.type == "ASK":
            return 200, fmt.media_type, b"true" if result.askAnswer else b"false"
        if fmt.name == "tsv":
            return 200, fmt.media_type, self._tsv(result)
        return 200, fmt.media_type, result.serialize(format=fmt.name, encoding="utf-8")

    @staticmethod
    def _tsv(result) -> bytes:
        # rdflib has no TSV results serialiser.
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
            reply = plain_text(500, f"{type(exc).__name__}: {exc}")
        conn.send(reply)


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
    """Worker processes that run queries under a time limit (see docs/server.md)."""

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
        over = plain_text(503, msg("server.query-over-time-limit", timeout=f"{self.timeout:g}"))
        try:
            worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return plain_text(503, msg("server.busy", timeout=f"{self.timeout:g}"))
        try:
            worker.conn.send((query, accept))
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._replace(worker)
                return over
            reply = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            self._replace(worker)
            reason = str(exc) or msg("server.worker-unexpected-end")
            return plain_text(500, msg("server.worker-stopped", reason=reason))
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
    """Make ``store`` readable by worker processes, in ``folder`` when it must be copied (see
    docs/server.md)."""
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


__all__ = ["DEFAULT_TIMEOUT", "DEFAULT_WORKERS", "QueryPool", "Snapshot", "take_snapshot"]
