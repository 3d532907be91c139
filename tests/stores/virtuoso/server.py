"""A throwaway Virtuoso (Debian's ``virtuoso-opensource``) for the tests of the SPARQL store.

:func:`start` writes ``virtuoso.ini`` (from ``virtuoso.ini.in``) into an empty folder, starts
``virtuoso-t -f -c virtuoso.ini`` there on two free ports of 127.0.0.1, waits until the SPARQL
endpoint answers, and returns a :class:`Virtuoso` to stop it. The database is created on the
first start (the ``dba`` account's password is ``dba``) and lives only in that folder.

Endpoints of a fresh database: ``/sparql`` answers anyone and is read-only, ``/sparql-auth``
(HTTP Digest, user ``dba``) may also write: :attr:`Virtuoso.url` and :attr:`Virtuoso.write_url`
as ``--store`` values. :meth:`Virtuoso.grant_anonymous_update` lets ``/sparql`` write too.

By hand, for development::

    python tests/stores/virtuoso/server.py /tmp/vt     # prints the two --store URLs, Ctrl-C stops it
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "virtuoso.ini.in"
DBA_PASSWORD = "dba"  # the default of a new database; the server listens on 127.0.0.1 only


def binary() -> str | None:
    """The server's path, or None when the package is not installed."""
    return shutil.which("virtuoso-t") or next(
        (
            p
            for p in ("/usr/bin/virtuoso-t", "/usr/local/bin/virtuoso-t", "/opt/virtuoso-opensource/bin/virtuoso-t")
            if os.access(p, os.X_OK)
        ),
        None,
    )


def isql() -> str | None:
    return shutil.which("isql-vt") or shutil.which("isql-v")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Virtuoso:
    directory: Path
    process: subprocess.Popen
    sql_port: int
    http_port: int
    started_in: float  # seconds from launch to the first SPARQL answer

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def url(self) -> str:
        """--store value of the anonymous, read-only endpoint."""
        return f"sparql+http://127.0.0.1:{self.http_port}/sparql"

    @property
    def write_url(self) -> str:
        """--store value of the endpoint that may write (Digest authentication as dba)."""
        return f"sparql+http://dba:{DBA_PASSWORD}@127.0.0.1:{self.http_port}/sparql-auth"

    def sql(self, statement: str) -> str:
        """Run one SQL statement with isql as dba; its output."""
        tool = isql()
        if tool is None:
            raise RuntimeError("isql-vt not found (package virtuoso-opensource-7-bin)")
        done = subprocess.run(
            [tool, f"127.0.0.1:{self.sql_port}", "dba", DBA_PASSWORD, f"exec={statement}"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed on {statement!r}: {done.stdout}{done.stderr}")
        return done.stdout

    def grant_anonymous_update(self) -> None:
        self.sql('GRANT SPARQL_UPDATE TO "SPARQL";')

    def log_tail(self, lines: int = 20) -> str:
        log = self.directory / "virtuoso.log"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""

    def stop(self, timeout: float = 30) -> None:
        """Stop this server (its own process only) and wait for it."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # virtuoso-t checkpoints and exits on TERM
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def _answers(endpoint: str) -> bool:
    url = endpoint + "?" + urllib.parse.urlencode({"query": "ASK { }"})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def start(directory: Path, *, max_rows: int = 1_000_000, timeout: float = 120, attempts: int = 3) -> Virtuoso:
    """A new Virtuoso in ``directory`` (created; must hold no database yet).

    Ready means: *this* process wrote "Server online at 127.0.0.1:<port> (pid <pid>)" in its log
    (after the HTTP listener) and the SPARQL endpoint answers. Another server that took a port
    between its choice and the bind (tests running side by side) makes ours exit on "Failed ...
    listen": then it starts again on other ports, so that it never talks to someone else's server.
    """
    exe = binary()
    if exe is None:
        raise FileNotFoundError("virtuoso-t not found")
    directory = Path(directory).resolve()
    directory.mkdir(parents=True, exist_ok=True)
    log = directory / "virtuoso.log"
    launched = time.monotonic()
    for _attempt in range(attempts):
        sql_port, http_port = free_port(), free_port()
        while http_port == sql_port:
            http_port = free_port()
        ini = directory / "virtuoso.ini"
        ini.write_text(
            TEMPLATE.read_text(encoding="utf-8").format(
                dir=directory, sql_port=sql_port, http_port=http_port, max_rows=max_rows
            ),
            encoding="utf-8",
        )
        offset = log.stat().st_size if log.exists() else 0
        with (directory / "stdout.log").open("ab") as out:
            process = subprocess.Popen(
                [exe, "-f", "-c", str(ini)],
                cwd=directory,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        server = Virtuoso(directory, process, sql_port, http_port, 0.0)
        online = f"Server online at 127.0.0.1:{sql_port} (pid {process.pid})"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            text = log.read_bytes()[offset:].decode("utf-8", "replace") if log.exists() else ""
            if online in text and _answers(server.endpoint) and process.poll() is None:
                server.started_in = time.monotonic() - launched
                return server
            time.sleep(0.2)
        else:
            server.stop()
            raise RuntimeError(
                f"virtuoso-t did not answer on {server.endpoint} within {timeout:g} s:\n{server.log_tail()}"
            )
        text = log.read_bytes()[offset:].decode("utf-8", "replace") if log.exists() else ""
        if "Failed HTTP listen" not in text and "Failed to start listening" not in text:
            raise RuntimeError(f"virtuoso-t exited with code {process.returncode}:\n{server.log_tail()}")
    raise RuntimeError(f"virtuoso-t found its ports taken {attempts} times:\n{server.log_tail()}")


if __name__ == "__main__":  # pragma: no cover - a tool for development
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "virtuoso-db")
    vt = start(folder)
    print(f"Virtuoso up in {vt.started_in:.1f} s (folder {folder})")
    print(f"  read-only:  --store {vt.url}")
    print(f"  read/write: --store {vt.write_url}")
    try:
        vt.process.wait()
    except KeyboardInterrupt:
        vt.stop()
