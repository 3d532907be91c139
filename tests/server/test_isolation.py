"""Issue 18, defence in depth: the worker processes open no network connection, whatever the engine
does. From inside a worker (or a process isolated as workers are), a connection to the loopback
decoy fails, and the decoy counts none; without isolation, the same connection gets through.

The seccomp filter is also checked instruction by instruction, by running the BPF program on the
system calls it must allow and refuse (for both machines it knows, x86-64 and AArch64).
"""

from __future__ import annotations

import errno
import json
import platform
import socket
import subprocess
import sys
import textwrap

import pyoxigraph as ox
import pytest

from helpers.paths import ROOT
from segur_kg.server.http import isolation_notice
from segur_kg.server.isolation import (
    ARCHES,
    BPF_JEQ_K,
    BPF_JGE_K,
    BPF_LD_W_ABS,
    BPF_RET_K,
    ISOLATION_ENV,
    SECCOMP_RET_ALLOW,
    SECCOMP_RET_ERRNO,
    socket_filter,
)
from segur_kg.server.workers import Snapshot, _Worker

SECCOMP_HERE = platform.system() == "Linux" and platform.machine().lower() in ARCHES
needs_seccomp = pytest.mark.skipif(not SECCOMP_HERE, reason="seccomp filter: Linux on x86-64 or AArch64 only")


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    """A small read-only pyoxigraph store for the workers to open."""
    path = tmp_path_factory.mktemp("graph") / "oxigraph"
    store = ox.Store(str(path))
    store.add(ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b"), ox.Literal("c")))
    store.flush()
    del store
    return str(path)


def start_worker(graph: str, check_address: tuple[str, int], monkeypatch, choice: str | None) -> _Worker:
    if choice is None:
        monkeypatch.delenv(ISOLATION_ENV, raising=False)
    else:
        monkeypatch.setenv(ISOLATION_ENV, choice)  # the worker inherits the environment
    worker = _Worker(Snapshot("oxigraph", graph, {}, "en", check_address=check_address))
    worker.wait_ready(60)
    return worker


# ---------------------------------------------------------------------------------------------
# A real worker
# ---------------------------------------------------------------------------------------------
@needs_seccomp
def test_a_worker_installs_the_seccomp_filter_and_cannot_reach_the_decoy(graph, decoy, monkeypatch):
    worker = start_worker(graph, ("127.0.0.1", decoy.port), monkeypatch, None)
    try:
        assert worker.isolation == {"mode": "seccomp", "failures": [], "check": None}
        worker.conn.send(("SELECT ?o WHERE { ?s ?p ?o }", None))
        kind, status, _, body = worker.conn.recv()
        assert (kind, status) == ("reply", 200)
        assert [b["o"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["c"]
    finally:
        worker.kill()
    assert decoy.connections == 0


def test_a_worker_in_a_network_namespace_cannot_reach_the_decoy(graph, decoy, monkeypatch):
    worker = start_worker(graph, ("127.0.0.1", decoy.port), monkeypatch, "netns")
    try:
        if worker.isolation["mode"] == "none":
            pytest.skip(f"no network namespace here: {worker.isolation['failures']}")
        assert worker.isolation == {"mode": "netns", "failures": [], "check": None}
        worker.conn.send(("ASK { ?s ?p ?o }", None))
        assert worker.conn.recv()[:2] == ("reply", 200)
    finally:
        worker.kill()
    assert decoy.connections == 0


def test_a_worker_without_isolation_reaches_the_decoy_and_says_so(graph, decoy, monkeypatch):
    """The control: with isolation switched off, the worker's own check connects, and tells."""
    worker = start_worker(graph, ("127.0.0.1", decoy.port), monkeypatch, "none")
    try:
        assert worker.isolation == {
            "mode": "none",
            "failures": [],
            "check": f"a TCP connection to 127.0.0.1:{decoy.port} succeeded",
        }
    finally:
        worker.kill()
    assert decoy.connections == 1
    notice, warning = isolation_notice(worker.isolation)
    assert warning
    assert notice == (
        f"warning: the query workers are not isolated from the network (a TCP connection to 127.0.0.1:{decoy.port} "
        "succeeded); only the analysis of queries keeps SERVICE out"
    )


def test_an_unknown_isolation_choice_is_reported_not_ignored(graph, decoy, monkeypatch):
    worker = start_worker(graph, ("127.0.0.1", decoy.port), monkeypatch, "sandbox")
    try:
        assert worker.isolation["mode"] == "none"
        assert worker.isolation["failures"] == [
            f"{ISOLATION_ENV}='sandbox': expected one of auto, seccomp, netns, none"
        ]
    finally:
        worker.kill()


def test_the_notice_of_an_isolated_pool():
    assert isolation_notice({"mode": "seccomp", "failures": [], "check": None}) == (
        "Query workers isolated from the network (seccomp).",
        False,
    )
    assert isolation_notice({"mode": "none", "failures": ["seccomp: x", "netns: y"], "check": None}) == (
        "warning: the query workers are not isolated from the network (seccomp: x; netns: y); "
        "only the analysis of queries keeps SERVICE out",
        True,
    )


# ---------------------------------------------------------------------------------------------
# Whatever the engine does: a process isolated as the workers are
# ---------------------------------------------------------------------------------------------
PROBE = textwrap.dedent(
    """
    import json, socket, sys
    import pyoxigraph as ox
    from segur_kg.server.isolation import isolate

    port = int(sys.argv[2])
    mode, failures = isolate(sys.argv[1])
    seen = {"mode": mode}
    try:
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
        seen["tcp"] = "connected"
    except OSError as exc:
        seen["tcp"] = exc.errno
    try:
        socket.socket(socket.AF_INET6, socket.SOCK_DGRAM).close()
        seen["udp6"] = "created"
    except OSError as exc:
        seen["udp6"] = exc.errno
    a, b = socket.socketpair()  # AF_UNIX, as the worker's own channel
    a.sendall(b"ok")
    seen["unix"] = b.recv(2).decode()
    try:
        query = "SELECT ?s WHERE { SERVICE <http://127.0.0.1:%d/sparql> { ?s ?p ?o } }" % port
        seen["service"] = [s["s"].value for s in ox.Store().query(query)]
    except Exception as exc:
        seen["service"] = type(exc).__name__
    print(json.dumps(seen))
    """
)


def probe(choice: str, port: int) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, choice, str(port)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@needs_seccomp
def test_under_seccomp_neither_a_socket_nor_pyoxigraphs_service_reaches_the_decoy(decoy):
    seen = probe("seccomp", decoy.port)
    assert seen == {
        "mode": "seccomp",
        "tcp": errno.EACCES,
        "udp6": errno.EACCES,
        "unix": "ok",
        "service": "PermissionError",
    }
    assert decoy.connections == 0


def test_in_a_network_namespace_nothing_reaches_the_decoy(decoy):
    seen = probe("netns", decoy.port)
    if seen["mode"] == "none":
        pytest.skip("no network namespace here")
    assert seen == {"mode": "netns", "tcp": errno.ENETUNREACH, "udp6": "created", "unix": "ok", "service": "OSError"}
    assert decoy.connections == 0


def test_without_isolation_the_same_probe_reaches_the_decoy(decoy):
    seen = probe("none", decoy.port)
    assert seen == {"mode": "none", "tcp": "connected", "udp6": "created", "unix": "ok", "service": ["decoy"]}
    assert decoy.connections == 2  # the socket, then pyoxigraph's SERVICE call


# ---------------------------------------------------------------------------------------------
# The BPF program, run instruction by instruction
# ---------------------------------------------------------------------------------------------
def run_filter(program: list[tuple[int, int, int, int]], arch: int, nr: int, arg0: int = 0) -> int:
    """What the kernel would return for a system call ``nr`` with first argument ``arg0``: the
    classic BPF subset the filter uses (absolute 32-bit loads, JEQ/JGE against constants, RET)."""
    data = {0: nr, 4: arch, 16: arg0 & 0xFFFFFFFF}
    accumulator, pc = 0, 0
    while True:
        code, jt, jf, k = program[pc]
        if code == BPF_LD_W_ABS:
            accumulator = data[k]
            pc += 1
        elif code in (BPF_JEQ_K, BPF_JGE_K):
            taken = accumulator == k if code == BPF_JEQ_K else accumulator >= k
            pc += 1 + (jt if taken else jf)
        elif code == BPF_RET_K:
            return k
        else:
            raise AssertionError(f"instruction {pc}: unknown code {code:#x}")


@pytest.mark.parametrize("machine", sorted(ARCHES))
def test_the_filter_refuses_network_sockets_and_allows_the_rest(machine):
    arch = ARCHES[machine]
    program = socket_filter(arch)
    refused, unsupported = SECCOMP_RET_ERRNO | errno.EACCES, SECCOMP_RET_ERRNO | errno.ENOSYS
    for family in (socket.AF_INET, socket.AF_INET6, socket.AF_PACKET, socket.AF_NETLINK, 0, 255):
        assert run_filter(program, arch.audit, arch.socket_nr, family) == refused, family
    assert run_filter(program, arch.audit, arch.socket_nr, socket.AF_UNIX) == SECCOMP_RET_ALLOW
    # Only the low 32 bits of the family count, as the kernel reads an int.
    assert run_filter(program, arch.audit, arch.socket_nr, (1 << 32) | socket.AF_UNIX) == SECCOMP_RET_ALLOW
    assert run_filter(program, arch.audit, arch.io_uring_setup_nr) == unsupported
    assert run_filter(program, arch.audit, 0x40000000 | arch.socket_nr, socket.AF_INET) == unsupported  # x32
    assert run_filter(program, 0x40000003, 102, socket.AF_INET) == unsupported  # i386's socketcall
    for other in (0, 1, 3, arch.seccomp_nr, arch.socket_nr + 1, 200, 435):
        if other not in (arch.socket_nr, arch.io_uring_setup_nr):
            assert run_filter(program, arch.audit, other, socket.AF_INET) == SECCOMP_RET_ALLOW, other
