"""Network isolation of the worker processes: whatever the query engine tries, a worker opens no
network connection.

Two mechanisms, tried in this order when a worker starts (before it opens the graph or starts a
thread):

- ``seccomp``: a seccomp-BPF filter, installed with ``prctl(PR_SET_NO_NEW_PRIVS)`` and the
  ``seccomp(2)`` system call, that makes ``socket()`` fail with EACCES for every address family but
  AF_UNIX (the worker talks to the serving process over an AF_UNIX socket pair it already holds),
  refuses io_uring (which can open sockets without ``socket()``) and any system call of another ABI
  (i386, x32), where the numbers differ. Linux on x86-64 and AArch64;
- ``netns``: a new, empty network namespace (``unshare(CLONE_NEWUSER | CLONE_NEWNET)``), whose only
  interface, loopback, is down: a socket can be made but connects nowhere.

When neither is available, the worker runs without isolation (``none``) and ``segur-kg serve`` says
so when it starts. The environment variable :data:`ISOLATION_ENV` (``auto``, ``seccomp``, ``netns``
or ``none``) chooses one. Whatever was installed, the worker then checks it: a TCP connection to a
loopback address that is known to listen (the endpoint's own) must fail. See docs/server.md.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import socket
import struct
from typing import NamedTuple

ISOLATION_ENV = "SEGUR_KG_WORKER_ISOLATION"
MODES = ("seccomp", "netns")
CHOICES = ("auto", *MODES, "none")

# Linux constants (linux/prctl.h, linux/seccomp.h, linux/filter.h, linux/audit.h, linux/sched.h).
PR_SET_NO_NEW_PRIVS = 38
SECCOMP_SET_MODE_FILTER = 1
SECCOMP_FILTER_FLAG_TSYNC = 1
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_ERRNO = 0x00050000
BPF_LD_W_ABS = 0x20  # BPF_LD | BPF_W | BPF_ABS
BPF_JEQ_K = 0x15  # BPF_JMP | BPF_JEQ | BPF_K
BPF_JGE_K = 0x35  # BPF_JMP | BPF_JGE | BPF_K
BPF_RET_K = 0x06  # BPF_RET | BPF_K
X32_SYSCALL_BIT = 0x40000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000

# Offsets in struct seccomp_data: int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6].
# The first argument's low 32 bits are at offset 16 on these little-endian machines.
_NR, _ARCH, _ARG0_LOW = 0, 4, 16


class Arch(NamedTuple):
    audit: int  # AUDIT_ARCH_*, as seccomp_data.arch gives it
    socket_nr: int
    io_uring_setup_nr: int
    seccomp_nr: int


ARCHES = {
    "x86_64": Arch(0xC000003E, socket_nr=41, io_uring_setup_nr=425, seccomp_nr=317),
    "aarch64": Arch(0xC00000B7, socket_nr=198, io_uring_setup_nr=425, seccomp_nr=277),
}


class IsolationUnavailable(OSError):
    """The mechanism cannot be installed here (another system, an old kernel, a refused call)."""


def socket_filter(arch: Arch) -> list[tuple[int, int, int, int]]:
    """The BPF program, as (code, jt, jf, k) instructions: allow everything but ``socket()`` outside
    AF_UNIX (EACCES), io_uring and the system calls of another ABI (ENOSYS)."""
    allow = SECCOMP_RET_ALLOW
    refuse_socket = SECCOMP_RET_ERRNO | errno.EACCES
    refuse_call = SECCOMP_RET_ERRNO | errno.ENOSYS
    # Jumps are relative to the next instruction and only go forward: the three returns are last.
    program = [
        (BPF_LD_W_ABS, 0, 0, _ARCH),  # 0
        (BPF_JEQ_K, 0, 8, arch.audit),  # 1: another ABI's numbers -> 10
        (BPF_LD_W_ABS, 0, 0, _NR),  # 2
        (BPF_JGE_K, 6, 0, X32_SYSCALL_BIT),  # 3: x32 -> 10
        (BPF_JEQ_K, 5, 0, arch.io_uring_setup_nr),  # 4: io_uring -> 10
        (BPF_JEQ_K, 0, 2, arch.socket_nr),  # 5: not socket() -> 8
        (BPF_LD_W_ABS, 0, 0, _ARG0_LOW),  # 6: the address family
        (BPF_JEQ_K, 0, 1, socket.AF_UNIX),  # 7: AF_UNIX -> 8, any other -> 9
        (BPF_RET_K, 0, 0, allow),  # 8
        (BPF_RET_K, 0, 0, refuse_socket),  # 9
        (BPF_RET_K, 0, 0, refuse_call),  # 10
    ]
    return program


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def _libc() -> ctypes.CDLL:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError as exc:
        raise IsolationUnavailable(f"no C library: {exc}") from None


def install_seccomp() -> None:
    """Install the socket filter in this process (every thread, and every child it will have)."""
    arch = ARCHES.get(platform.machine().lower())
    if os.name != "posix" or platform.system() != "Linux" or arch is None:
        raise IsolationUnavailable(
            f"seccomp: not Linux on x86-64 or AArch64 ({platform.system()} {platform.machine()})"
        )
    program = socket_filter(arch)
    code = b"".join(struct.pack("=HBBI", *instruction) for instruction in program)
    buffer = ctypes.create_string_buffer(code, len(code))
    fprog = _SockFprog(len(program), ctypes.cast(buffer, ctypes.c_void_p))
    libc = _libc()
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise IsolationUnavailable(f"seccomp: prctl(PR_SET_NO_NEW_PRIVS): {os.strerror(ctypes.get_errno())}")
    libc.syscall.restype = ctypes.c_long
    result = libc.syscall(
        ctypes.c_long(arch.seccomp_nr),
        ctypes.c_uint(SECCOMP_SET_MODE_FILTER),
        ctypes.c_uint(SECCOMP_FILTER_FLAG_TSYNC),
        ctypes.byref(fprog),
    )
    if result != 0:
        raise IsolationUnavailable(f"seccomp: {os.strerror(ctypes.get_errno())}")


def enter_network_namespace() -> None:
    """Move this process (which must have a single thread) into a new, empty network namespace."""
    if platform.system() != "Linux":
        raise IsolationUnavailable(f"netns: not Linux ({platform.system()})")
    libc = _libc()
    libc.unshare.argtypes = [ctypes.c_int]
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
        raise IsolationUnavailable(f"netns: unshare: {os.strerror(ctypes.get_errno())}")


_INSTALLERS = {"seccomp": install_seccomp, "netns": enter_network_namespace}


def isolate(choice: str | None = None) -> tuple[str, list[str]]:
    """Install the first mechanism that works among those ``choice`` allows (default: the
    environment's :data:`ISOLATION_ENV`, else ``auto``); returns its name (or ``none``) and the
    reasons the others failed."""
    choice = (choice or os.environ.get(ISOLATION_ENV) or "auto").strip().lower()
    if choice not in CHOICES:
        return "none", [f"{ISOLATION_ENV}={choice!r}: expected one of {', '.join(CHOICES)}"]
    if choice == "none":
        return "none", []
    failures = []
    for mode in MODES if choice == "auto" else (choice,):
        try:
            _INSTALLERS[mode]()
        except IsolationUnavailable as exc:
            failures.append(str(exc))
        else:
            return mode, failures
    return "none", failures


def can_connect(address: tuple[str, int], timeout: float = 2.0) -> str | None:
    """None when a TCP connection to ``address`` fails (what an isolated worker expects), otherwise a
    description of what got through."""
    try:
        with socket.create_connection(address, timeout=timeout):
            return f"a TCP connection to {address[0]}:{address[1]} succeeded"
    except OSError:
        return None


__all__ = [
    "ARCHES",
    "CHOICES",
    "ISOLATION_ENV",
    "MODES",
    "IsolationUnavailable",
    "can_connect",
    "enter_network_namespace",
    "install_seccomp",
    "isolate",
    "socket_filter",
]
