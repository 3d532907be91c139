"""Load test of ``segur-kg serve`` on loopback (issue 18): light clients beside clients running long
queries, then light clients alone; success rate (200 answers, and those within 1 s), p50 and p99
of each group, in a table.

    python bench/endpoint_load.py                          # this checkout's code
    python bench/endpoint_load.py --src /other/checkout/src --label before

The server is started as ``segur-kg serve --demo`` from the ``segur_kg`` package found in ``--src``
(PYTHONPATH), so the same load can be run on two versions of the code. Each client sends from its
own loopback address (127.0.0.N and 127.0.1.N), as separate machines would, one request at a time;
a light client waits ``--think`` seconds between requests, a long client none, and every client
honours Retry-After. Bounded in time: clients start no request after ``--duration`` seconds, and the
ones still waiting are abandoned ``--timeout`` + 15 seconds later; the server is then stopped.
Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHT = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a sgr:Candidature }"
LONG = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # hours: stopped at the time limit
START_TIMEOUT = 120.0


@dataclass
class Outcome:
    group: str
    status: str  # "200", "503", "429"..., or "reset", "refused", "timeout"
    seconds: float


def start_server(src: Path, timeout: float, workers: int) -> tuple[subprocess.Popen, str, int]:
    code = "from segur_kg.cli import main; main()"
    command = [sys.executable, "-c", code, "serve", "--demo", "--port", "0", "--lang", "en"]
    command += ["--timeout", f"{timeout:g}", "--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, start_new_session=True
    )
    found: list[str] = []
    reader = threading.Thread(target=lambda: found.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(START_TIMEOUT)
    line = found[0] if found else ""
    if not line.startswith("Query page: http://"):
        process.kill()
        raise SystemExit(f"the server did not start: {line!r}")
    threading.Thread(target=process.stdout.read, daemon=True).start()  # keep its pipe drained
    address = urllib.parse.urlsplit(line.split(": ", 1)[1].strip())
    return process, address.hostname, address.port


def stop_server(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        process.kill()
        process.wait()


def client(host, port, source, group, query, stop_at, timeout, think, outcomes, lock) -> None:
    path = "/sparql?" + urllib.parse.urlencode({"query": query})
    while time.monotonic() < stop_at:
        started = time.monotonic()
        retry = 0.0
        conn = http.client.HTTPConnection(host, port, timeout=timeout, source_address=(source, 0))
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            status = str(response.status)
            if response.status in (429, 503):
                retry = float(response.headers.get("Retry-After") or 0)
        except ConnectionResetError:
            status = "reset"
        except ConnectionRefusedError:
            status = "refused"
        except TimeoutError:
            status = "timeout"
        except OSError as exc:
            status = type(exc).__name__
        finally:
            conn.close()
        with lock:
            outcomes.append(Outcome(group, status, time.monotonic() - started))
        pause = max(think, retry if status == "429" else 0.0)
        time.sleep(max(0.0, min(pause, stop_at - time.monotonic())))


def scenario(host, port, light: int, long: int, args) -> list[Outcome]:
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + args.duration
    timeout = args.timeout + 10
    threads = []
    for i in range(long):
        spec = (host, port, f"127.0.0.{10 + i}", "long", LONG, stop_at, timeout, 0.0, outcomes, lock)
        threads.append(threading.Thread(target=client, args=spec, daemon=True))
    for i in range(light):
        spec = (host, port, f"127.0.1.{10 + i}", "light", LIGHT, stop_at, timeout, args.think, outcomes, lock)
        threads.append(threading.Thread(target=client, args=spec, daemon=True))
    for thread in threads:
        thread.start()
    give_up = stop_at + args.timeout + 15
    for thread in threads:
        thread.join(max(0.0, give_up - time.monotonic()))
    with lock:
        return list(outcomes)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def rows(label: str, name: str, outcomes: list[Outcome], clients: dict[str, int]) -> list[list[str]]:
    table = []
    for group in ("light", "long"):
        mine = [o for o in outcomes if o.group == group]
        if not clients.get(group):
            continue
        ok = [o.seconds for o in mine if o.status == "200"]
        statuses = Counter(o.status for o in mine)
        table.append(
            [
                label,
                name,
                group,
                str(clients[group]),
                str(len(mine)),
                f"{100 * len(ok) / len(mine):.1f} %" if mine else "-",
                f"{100 * sum(1 for t in ok if t <= 1.0) / len(mine):.1f} %" if mine else "-",
                f"{1000 * percentile([o.seconds for o in mine], 0.50):.0f}",
                f"{1000 * percentile([o.seconds for o in mine], 0.99):.0f}",
                ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items())),
            ]
        )
    return table


def print_table(table: list[list[str]]) -> None:
    head = ["code", "scenario", "group", "clients", "requests", "success", "within 1 s", "p50 ms", "p99 ms", "answers"]
    widths = [max(len(row[i]) for row in [head, *table]) for i in range(len(head))]
    for row in [head, ["-" * w for w in widths], *table]:
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="folder holding the segur_kg package to serve")
    parser.add_argument("--label", default=None, help="name of the code in the table (default: --src)")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load in each scenario")
    parser.add_argument("--timeout", type=float, default=5.0, help="the server's --timeout")
    parser.add_argument("--workers", type=int, default=2, help="the server's --workers")
    parser.add_argument("--light", type=int, default=45, help="light clients beside the long ones")
    parser.add_argument("--long", type=int, default=5, help="clients running long queries")
    parser.add_argument("--alone", type=int, default=50, help="light clients of the second scenario")
    parser.add_argument("--think", type=float, default=0.1, help="seconds a light client waits between requests")
    args = parser.parse_args(argv)
    label = args.label or str(args.src)
    table = []
    for name, light, long in (("mixed", args.light, args.long), ("light alone", args.alone, 0)):
        process, host, port = start_server(args.src, args.timeout, args.workers)
        try:
            outcomes = scenario(host, port, light, long, args)
        finally:
            stop_server(process)
        table += rows(label, name, outcomes, {"light": light, "long": long})
    print(
        f"segur-kg serve --timeout {args.timeout:g} --workers {args.workers}; {args.duration:g} s per scenario; "
        f"light clients think {args.think:g} s; {os.cpu_count()} cores"
    )
    print_table(table)


if __name__ == "__main__":
    main()
