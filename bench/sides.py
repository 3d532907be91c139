"""One side of the benchmark, in its own process: ``python bench/sides.py SIDE --data DIR``.

SIDE is ``segur`` (segur-kg as it is: ``loader.load`` into pyoxigraph, ``validate.validate_store``
with the fast engine, the engine's perimeters) or ``plain`` (an rdflib graph, pySHACL, rdflib's
SPARQL). Both sides also run pyshacl-turbo on their own data: the segur side on the pyoxigraph
store, the plain side on the rdflib graph.

The worker loads the data and reads the engine's facts itself. segur-kg's steps on an in-memory
store then run in that same process, one after the other, as a ``segur-kg`` command runs them: a
watchdog ends the side when a step exceeds its budget. Every other step (the plain side's, the
pyshacl-turbo comparisons, segur-kg's on an on-disk store) runs in a forked child that inherits the
data (copy-on-write) and is killed when it exceeds its budget. Either way a step reports the peak
memory of a process that would have done the steps up to this one. Each result is one JSON line on
standard output, read by ``bench/run.py``.

Why not fork every step: pyoxigraph's reads write to the nodes they visit, so a child forked after
the load copies every page it reads. At 30,000 candidatures that made validation 77-87 s in a child
against 61-70 s in the loading process, and 6.1 against 5.5 s at 3,000: a cost no user pays, and
one that grows with the store.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import random
import resource
import shutil
import signal
import statistics
import sys
import threading
import time
import traceback
from datetime import date
from pathlib import Path

QUERIES = (
    "roots-and-users",
    "root-on-several-dispositifs",
    "heritage-coverage",
    "commercial-names-cnda-nil",
    "versions-below-root",
)
PERIMETER_SAMPLE = 20
SGR = "https://w3id.org/segur-kg/ontology#"


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def emit(**record) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def _hwm(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def load_average() -> float:
    """The machine's load average over the last minute: these machines are shared and noisy."""
    return round(os.getloadavg()[0], 2)


def _record(step: str, fields: dict, load_start: float | None = None) -> dict:
    """A step's result line: for ``step`` unless it names another, with the peak memory so far and
    the load average when the step started."""
    fields.setdefault("step", step)
    fields.setdefault("rss_mib", round(rss_mib(), 1))
    if load_start is not None:
        fields.setdefault("load_start", load_start)
    return fields


def _failure(exc: BaseException) -> dict:
    return {"status": "error", "error": f"{type(exc).__name__}: {exc}"[:500], "trace": traceback.format_exc()[-1500:]}


def _unreported(step: str, reports: tuple[str, ...], got: set) -> list[str]:
    """The steps a runner was to report (``reports``, or ``step`` alone) that it has not."""
    return [name for name in reports or (step,) if name not in got]


def child(step: str, budget: float, fn, reports: tuple[str, ...] = ()) -> None:
    """Run ``fn(report)`` in a forked child; ``report(**fields)`` sends a result line back (for
    ``step``, or for one of the ``reports`` steps that ``fn`` measures in turn). On timeout the
    child is killed and every step it had not reported yet is marked ``timeout``."""
    r, w = os.pipe()
    load_start = load_average()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(r)
        out = os.fdopen(w, "w")

        def report(**fields):
            out.write(json.dumps(_record(step, fields, load_start), ensure_ascii=False) + "\n")
            out.flush()

        code = 0
        try:
            fn(report)
        except BaseException as exc:  # noqa: BLE001 - everything is a result here
            report(**_failure(exc))
            code = 1
        out.close()
        os._exit(code)
    os.close(w)
    os.set_blocking(r, False)
    deadline = time.monotonic() + budget
    buffer, got, peak, killed = b"", set(), None, False
    while True:
        try:
            chunk = os.read(r, 65536)
        except BlockingIOError:
            chunk = None
        if chunk:
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                rec = json.loads(line)
                got.add(rec.get("step"))
                print(json.dumps(rec, ensure_ascii=False), flush=True)
            continue
        if chunk == b"":  # EOF: the child is done
            break
        peak = _hwm(pid) or peak
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            killed = True
            for name in _unreported(step, reports, got):
                emit(step=name, status="timeout", budget=budget, rss_mib=peak, load_start=load_start)
            break
        time.sleep(0.05)
    os.close(r)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status) and not killed:
        for name in _unreported(step, reports, got):
            emit(
                step=name,
                status="error",
                error=f"killed by signal {os.WTERMSIG(status)} (out of memory?)",
                rss_mib=peak,
            )


def inline(step: str, budget: float, fn, reports: tuple[str, ...] = ()) -> None:
    """Run ``fn(report)`` in this process, as :func:`child` does in a child. Past the budget a
    watchdog marks every step not reported yet ``timeout`` and ends the process: what follows is not
    run (``run.py`` shows it as not measured)."""
    got: set[str] = set()
    lock = threading.Lock()
    load_start = load_average()

    def report(**fields):
        with lock:
            got.add(_record(step, fields, load_start)["step"])
            emit(**fields)

    def expire():
        with lock:
            for name in _unreported(step, reports, got):
                emit(step=name, status="timeout", budget=budget, rss_mib=round(rss_mib(), 1), load_start=load_start)
            os._exit(3)

    watchdog = threading.Timer(budget, expire)
    watchdog.daemon = True
    watchdog.start()
    try:
        fn(report)
    except Exception as exc:  # noqa: BLE001 - everything is a result here
        report(**_failure(exc))
    finally:
        watchdog.cancel()


def findings_digest(report) -> tuple[int, str]:
    """(number of findings, digest) of a validation report, whichever engine produced it."""
    rows = sorted({(f.focus, f.shape, f.severity, f.message, f.value or "", f.path or "") for f in report.findings})
    return len(rows), hashlib.sha1(repr(rows).encode()).hexdigest()[:12]


def components_digest(results_graph) -> tuple[int, str]:
    """(number of results, digest) of the (focus node, path, constraint component, severity) of each
    result of a SHACL results graph: the engines' raw results, before segur-kg's messages."""
    from rdflib.namespace import SH

    g = results_graph
    rows = sorted(
        {
            tuple(str(g.value(r, p) or "") for p in (SH.focusNode, SH.resultPath, SH.sourceConstraintComponent))
            + (str(g.value(r, SH.resultSeverity)),)
            for r in g.subjects(SH.focusNode, None)
        }
    )
    return len(rows), hashlib.sha1(repr(rows).encode()).hexdigest()[:12]


def validation_record(seconds: float, report, manifest: dict | None = None, results_graph=None) -> dict:
    """``results_graph``: the engine's own SHACL results (default: the report's graph)."""
    n, digest = findings_digest(report)
    record = {"status": "ok", "seconds": seconds, "findings": n, "findings_digest": digest, "counts": report.counts()}
    record["components"], record["components_digest"] = components_digest(
        report.report_graph if results_graph is None else results_graph
    )
    if manifest is not None:
        found = {(f.rule or f.shape, f.focus_id) for f in report.findings}
        cases = [(c["rule"], c["focus"]) for c in manifest.get("cases", [])]
        record["manifest"] = f"{sum(1 for c in cases if c in found)}/{len(cases)}"
    return record


def change_triples(store, target: str) -> str:
    """A new proof deposited today for the candidature: the "one changed candidature". It answers a
    requirement and scenario of the candidature's dispositif (taken from a proof of the
    candidature, else of another candidature of the dispositif), so that the change is valid."""
    from segur_kg.namespaces import entity
    from segur_kg.synth import TODAY

    cand = entity("candidature", target)
    req, scenario = store.select(f"""
        SELECT ?req ?scenario WHERE {{
          <{cand}> <{SGR}dispositif> ?d . ?other <{SGR}dispositif> ?d .
          ?p <{SGR}ofCandidature> ?other ; <{SGR}forRequirement> ?req ; <{SGR}forScenario> ?scenario .
        }} ORDER BY (?other != <{cand}>) LIMIT 1""").rows[0]
    proof = f"<{cand}/proof/99999>"
    return "".join(
        f"{proof} {p} {o} .\n"
        for p, o in (
            ("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", f"<{SGR}Proof>"),
            ("<http://purl.org/dc/terms/identifier>", f'"{target}/proof/99999"'),
            (f"<{SGR}ofCandidature>", f"<{cand}>"),
            (f"<{SGR}forRequirement>", f"<{req}>"),
            (f"<{SGR}forScenario>", f"<{scenario}>"),
            (f"<{SGR}proofStatus>", f"<{SGR}Deposited>"),
            (f"<{SGR}depositDate>", f'"{TODAY.isoformat()}"^^<http://www.w3.org/2001/XMLSchema#date>'),
        )
    )


def perimeter_steps(report, engine, as_of: date, sample: list[str]) -> None:
    """Perimeter of one candidature (warm: facts loaded, no perimeter cached), then of all."""
    times = []
    for iri in sample:
        engine.clear_cache()  # the engine keeps every perimeter it computed, root chains included
        t = time.perf_counter()
        engine.perimeter(iri, as_of)
        times.append(time.perf_counter() - t)
    report(step="perimeter_one", status="ok", seconds=statistics.median(times), max_seconds=max(times), n=len(times))
    engine.clear_cache()
    t = time.perf_counter()
    engine.perimeters(as_of)
    report(
        step="perimeter_all",
        status="ok",
        seconds=time.perf_counter() - t,
        n=len(engine.f.candidatures),
        cyclic=len(engine.cyclic),
    )


def pick_sample(engine, as_of: date, seed: int = 7) -> tuple[list[str], str]:
    """The candidatures of the deepest root chains (the dearest to compute) and a random few; and
    the deepest one, the candidature that the "one changed candidature" step changes."""
    from segur_kg.engine import EngineError

    depth = {}
    for iri, c in engine.f.candidatures.items():
        if not c.ident.startswith("S-"):
            continue
        try:
            depth[iri] = len(engine.chain(iri, as_of))
        except EngineError:
            continue
    ordered = sorted(depth, key=lambda i: (-depth[i], engine.f.candidatures[i].ident))
    rng = random.Random(seed)
    rest = ordered[PERIMETER_SAMPLE // 2 :]
    sample = ordered[: PERIMETER_SAMPLE // 2] + rng.sample(rest, min(len(rest), PERIMETER_SAMPLE // 2))
    return sample, engine.f.candidatures[ordered[0]].ident


VALIDATE_AGAIN = 5  # the one changed candidature revalidated again in the same process, this many times
QUERY_REPEAT = 3  # each library query runs this many times in its step; the median is reported
# The store's own costs, yardsticks for the growth of the other steps from one size to another:
# touching every triple it holds (a scan), and looking up every proof's candidature and requirement
# (a join of millions of lookups at random places, the kind of work validation and the facts do).
CONTROLS = {
    "control": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "control_join": "SELECT (COUNT(*) AS ?n) WHERE { ?p a sgr:Proof ; sgr:ofCandidature ?c ; sgr:forRequirement ?r }",
}


def query_steps(
    open_data, budget: float, repeat: int = 1, control: bool = False, runner=child, library: bool = True
) -> None:
    """The library queries (the median of ``repeat`` runs each), each a step that ``runner`` runs
    (:func:`child` or :func:`inline`); with ``control``, the :data:`CONTROLS` first: the store's own
    costs, against which the other steps' growth from one size to another reads; without ``library``,
    only those."""
    from segur_kg import queries

    def timed(report, run):
        times, rows = [], None
        for _ in range(repeat):
            t = time.perf_counter()
            rows = run()
            times.append(time.perf_counter() - t)
        report(status="ok", seconds=statistics.median(times), max_seconds=max(times), n=repeat, rows=rows)

    if control:
        for step, sparql in CONTROLS.items():
            runner(
                step,
                budget,
                lambda report, sparql=sparql: timed(report, lambda: int(open_data().select_values(sparql)[0][0])),
            )
    for name in QUERIES if library else ():

        def run_query(report, name=name):
            store, q = open_data(), queries.resolve(name)
            timed(report, lambda: len(queries.run(store, q, {}, derive=False)))

        runner(f"query:{name}", budget, run_query)


def turbo_step(step: str, budget: float, open_data, native) -> None:
    """pyshacl-turbo, drop-in for pySHACL, over all the shapes of ``shapes/``: it validates
    ``native(open_data())`` (the pyoxigraph store itself, or the rdflib graph)."""

    def turbo(report):
        import pyshacl_turbo

        from segur_kg import validation as v

        shapes, index = v.compiled_shapes()
        data = open_data()
        t = time.perf_counter()
        _, results, _ = pyshacl_turbo.validate(
            native(data),
            shacl_graph=shapes,
            ont_graph=None,
            inference="none",
            advanced=True,
            allow_warnings=True,
            allow_infos=True,
        )
        seconds = time.perf_counter() - t
        report(**validation_record(seconds, v.report_from_results(results, data, index, lang="en"), None, results))

    child(step, budget, turbo)


def engine_steps(args, open_data, runner, triples: int) -> None:
    """TopBraid SHACL and rudof (``bench/engines.py``), each a whole process on the store's triples
    and segur-kg's shapes, exported once to files first (not timed). An engine that is not installed,
    or whose memory estimate exceeds ``--engine-max-gib``, is reported "skipped" with the reason."""
    import engines
    from segur_kg import validation as v

    todo = []
    for name in engines.ENGINES:
        reason = engines.installed(name)
        if reason is None and engines.estimate_gib(name, triples) > args.engine_max_gib:
            reason = (
                f"not run: it would need about {engines.estimate_gib(name, triples):.0f} GiB "
                f"(> --engine-max-gib {args.engine_max_gib:g}; {engines.BYTES_PER_TRIPLE[name]:,} bytes per triple "
                "measured in issue 21)"
            )
        if reason:
            emit(step=name, status="skipped", reason=reason, version=engines.version(name))
        else:
            todo.append(name)
    if not todo:
        return
    folder = Path(args.workdir_engines)

    def export(report):
        t = time.perf_counter()
        engines.export_inputs(open_data().native, folder)
        report(status="ok", seconds=time.perf_counter() - t)

    runner("engines_export", args.timeout, export)
    for name in todo:

        def one_engine(report, name=name):
            from rdflib import Graph

            out = folder / f"{name}-report.ttl"
            out.unlink(missing_ok=True)
            budget = args.engine_timeout
            rec = engines.run(name, folder / "data.nt", folder / "shapes.ttl", out, budget, args.engine_max_gib)
            rec["version"] = engines.version(name)
            if rec["status"] != "ok":
                report(**rec)
                return
            results = Graph().parse(str(out), format="turtle")
            _, index = v.compiled_shapes()
            rep = v.report_from_results(results, open_data(), index, lang="en")
            report(
                **validation_record(rec["seconds"], rep, None, results), rss_mib=rec["rss_mib"], version=rec["version"]
            )

        # The engine's own budget is enforced on its process; this one covers reading its report.
        runner(name, args.engine_timeout + 300, one_engine)
    shutil.rmtree(folder, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
def run_segur(args, manifest: dict) -> None:
    from segur_kg import validation as v
    from segur_kg.engine import Engine
    from segur_kg.ingest.loader import load
    from segur_kg.launch import huge_pages_on, thp_mode
    from segur_kg.stores import open_store
    from segur_kg.synth import TODAY

    nt = Path(args.data) / "national.nt"
    if args.store_dir:
        shutil.rmtree(args.store_dir, ignore_errors=True)
    load_start = load_average()
    t = time.perf_counter()
    loaded = load([nt], store=args.store_dir, cache=False)  # the cold path: the warm start has its own row
    seconds = time.perf_counter() - t
    triples = len(loaded.store)
    emit(
        step="load",
        status="ok",
        seconds=seconds,
        load_start=load_start,
        triples=triples,
        rss_mib=round(rss_mib(), 1),
        store="disk" if args.store_dir else "memory",
        huge_pages=huge_pages_on(os.environ, thp_mode()),
    )

    t = time.perf_counter()
    engine = Engine.from_store(loaded.store)  # the facts, and the root graph built from them
    emit(step="facts", status="ok", seconds=time.perf_counter() - t, rss_mib=round(rss_mib(), 1))
    sample, target = pick_sample(engine, TODAY)
    emit(step="target", status="ok", candidature=target)

    if args.store_dir:
        # An on-disk store is opened by one process at a time: each step opens it itself.
        loaded = None
        gc.collect()

        def open_data():
            return open_store(args.store_dir)
    else:
        store = loaded.store

        def open_data():
            return store

    # In memory, each step runs here, after the previous ones, as a segur-kg command would.
    run = child if args.store_dir else inline

    def perimeters(report):
        perimeter_steps(report, engine, TODAY, sample)
        engine.clear_cache()  # the next steps start where a command that read the facts would
        gc.collect()

    run("perimeters", args.timeout, perimeters, reports=("perimeter_one", "perimeter_all"))

    def full(report):
        store = open_data()
        t = time.perf_counter()
        rep = v.validate_store(store, lang="en", engine="fast")
        report(**validation_record(time.perf_counter() - t, rep, manifest))

    run("validate_full", args.timeout, full)
    if not args.skip_engines:
        engine_steps(args, open_data, run, triples)
    query_steps(open_data, args.timeout, repeat=QUERY_REPEAT, control=True, runner=run, library=not args.skip_queries)
    if not args.skip_turbo:
        turbo_step("turbo_oxigraph", args.turbo_timeout, open_data, lambda store: store.native)  # the pyoxigraph.Store

    def one_changed(report):
        store = open_data()
        store.load(change_triples(store, target), "nt")
        t = time.perf_counter()
        rep = v.validate_store(store, focus=target, lang="en", engine="fast")
        report(**validation_record(time.perf_counter() - t, rep))
        # Again in the same process, as under serve or in a notebook: the shapes are translated once
        # per process, and pyoxigraph's first queries warm its own state.
        times = []
        for _ in range(VALIDATE_AGAIN):
            t = time.perf_counter()
            v.validate_store(store, focus=target, lang="en", engine="fast")
            times.append(time.perf_counter() - t)
        report(step="validate_one_again", status="ok", seconds=statistics.median(times), n=len(times))

    # Last: on an on-disk store the change stays, and the steps above must not see it.
    run("validate_one", args.timeout, one_changed)
    if args.store_dir:
        shutil.rmtree(args.store_dir, ignore_errors=True)
    emit(step="done", status="ok", rss_mib=round(rss_mib(), 1))


def run_plain(args, manifest: dict) -> None:
    from segur_kg import validation as v
    from segur_kg.engine import Engine
    from segur_kg.ingest.loader import load
    from segur_kg.synth import TODAY

    nt = Path(args.data) / "national.nt"
    load_start = load_average()
    t = time.perf_counter()
    loaded = load([nt], store="rdflib")
    seconds = time.perf_counter() - t
    store = loaded.store
    # The loader puts everything in the dataset's default graph: the rdflib Graph pySHACL validates.
    graph = store.default_graph
    emit(
        step="load",
        status="ok",
        seconds=seconds,
        load_start=load_start,
        triples=len(graph),
        rss_mib=round(rss_mib(), 1),
        store="rdflib",
    )

    def facts_and_perimeters(report):
        t = time.perf_counter()
        engine = Engine.from_store(store)
        report(step="facts", status="ok", seconds=time.perf_counter() - t)
        sample, _ = pick_sample(engine, TODAY)
        perimeter_steps(report, engine, TODAY, sample)

    child("facts", args.timeout, facts_and_perimeters, reports=("facts", "perimeter_one", "perimeter_all"))

    def pyshacl_full(report):
        t = time.perf_counter()
        rep = v.validate_graph(graph, lang="en")
        report(**validation_record(time.perf_counter() - t, rep, manifest))

    child("validate_full", args.timeout, pyshacl_full)
    query_steps(lambda: store, args.timeout)
    if not args.skip_turbo:
        turbo_step("turbo", args.turbo_timeout, lambda: graph, lambda g: g)

    if args.target:

        def pyshacl_one(report):
            _, index = v.compiled_shapes()
            graph.parse(data=change_triples(store, args.target), format="nt")
            t = time.perf_counter()
            closure = v.dependency_closure(store, v.resolve_candidature(store, args.target))
            results = v.pyshacl_results(graph, focus_nodes=sorted(closure))  # pySHACL's own focus_nodes
            rep = v.report_from_results(results, graph, index, lang="en", keep=closure)
            report(**validation_record(time.perf_counter() - t, rep))

        child("validate_one", args.timeout, pyshacl_one)
    emit(step="done", status="ok", rss_mib=round(rss_mib(), 1))


FLOOR_STEPS = ("parse_lenient", "parse_strict", "bulk_load")


# An in-memory pyoxigraph store takes about this many bytes per triple (bench/README.md, "Memory").
STORE_BYTES_PER_TRIPLE = 400


def available_bytes() -> int | None:
    """What the kernel says could still be given to a process without swapping (MemAvailable)."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def run_floor(args, manifest: dict) -> None:
    """The cold load's floor on this machine, each in a child of its own, on the national file
    alone: pyoxigraph's parser (every triple made into a Python object, as counting them needs),
    lenient then strict, and ``Store.bulk_load`` into the kind of store the segur side loads into:
    in memory, or on disk with ``--store-dir``. An in-memory load that would not fit the memory
    available is not run (at 30,000 candidatures it would take about 19 GiB)."""
    import pyoxigraph as ox

    nt = str(Path(args.data) / "national.nt")

    def parse(lenient):
        def step(report):
            t = time.perf_counter()
            n = sum(1 for _ in ox.parse(path=nt, format=ox.RdfFormat.N_TRIPLES, lenient=lenient))
            report(status="ok", seconds=time.perf_counter() - t, triples=n)

        return step

    def bulk(report):
        where = "disk" if args.store_dir else "memory"
        if args.store_dir:
            shutil.rmtree(args.store_dir, ignore_errors=True)
        else:
            need, free = manifest["triples"] * STORE_BYTES_PER_TRIPLE, available_bytes()
            if free is not None and need > 0.8 * free:
                report(
                    status="skipped", store=where, why=f"needs ~{need / 2**30:.0f} GiB, {free / 2**30:.0f} available"
                )
                return
        store = ox.Store(args.store_dir) if args.store_dir else ox.Store()
        t = time.perf_counter()
        store.bulk_load(path=nt, format=ox.RdfFormat.N_TRIPLES)
        seconds = time.perf_counter() - t
        report(status="ok", seconds=seconds, triples=len(store), store=where)
        if args.store_dir:
            del store
            shutil.rmtree(args.store_dir, ignore_errors=True)

    for name, fn in zip(FLOOR_STEPS, (parse(True), parse(False), bulk), strict=True):
        child(name, args.timeout, fn)
    emit(step="done", status="ok", rss_mib=round(rss_mib(), 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("side", choices=("segur", "plain", "floor"))
    parser.add_argument("--data", required=True, help="a folder written by `segur-kg synth`")
    parser.add_argument("--timeout", type=float, default=600, help="budget of each step in seconds")
    parser.add_argument("--turbo-timeout", type=float, default=600, help="budget of the pyshacl-turbo step")
    parser.add_argument("--skip-turbo", action="store_true")
    parser.add_argument(
        "--store-dir",
        help="segur side: load into an on-disk pyoxigraph store in this folder (emptied first, removed at the "
        "end); floor side: bulk_load into it",
    )
    parser.add_argument(
        "--skip-queries", action="store_true", help="segur side: of the query steps, only the store's control rows"
    )
    parser.add_argument("--target", help="plain side: the candidature the segur side changed")
    parser.add_argument("--skip-engines", action="store_true", help="segur side: do not run TopBraid SHACL nor rudof")
    parser.add_argument(
        "--engine-timeout", type=float, default=600, help="budget of TopBraid SHACL and of rudof, seconds"
    )
    parser.add_argument(
        "--engine-max-gib",
        type=float,
        default=16.0,
        help="memory cap of TopBraid's heap and rudof's address space; an engine estimated above it is not run",
    )
    parser.add_argument(
        "--workdir-engines", default="/tmp/segur-kg-bench-engines", help="where the engines' input files are written"
    )
    args = parser.parse_args(argv)
    if args.side == "segur":
        # As the segur-kg executable starts (segur_kg.launch): with glibc's huge pages where they help.
        from segur_kg.launch import restart_with_huge_pages

        restart_with_huge_pages()
    manifest = json.loads((Path(args.data) / "MANIFEST.json").read_text(encoding="utf-8"))
    from segur_kg.i18n import set_language

    set_language("en")
    {"segur": run_segur, "plain": run_plain, "floor": run_floor}[args.side](args, manifest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
