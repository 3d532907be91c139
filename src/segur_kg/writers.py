"""Writing outputs whole or not at all, and leaving no temporary behind.

Every temporary that segur-kg writes beside a target is named ``.NAME.segur-kg-tmp-PID`` (NAME the
target's name, PID the writing process). It is removed on every exit the process controls: an
exception, Ctrl-C (SIGINT), and SIGTERM or SIGHUP once :func:`remove_temporaries_on_termination` has
turned them into an exception. A process killed outright (SIGKILL, a power cut) cannot clean up:
the next write into the same folder removes the temporaries whose process is gone. See docs/stores.md.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import re
import shutil
import signal
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_MARK = ".segur-kg-tmp-"
_TEMP_NAME = re.compile(r"^\..+\.segur-kg-tmp-(?P<pid>[0-9]+)$")

# The temporaries this process is writing now: its own PID on any other one means a process of the
# same PID, killed earlier, left it.
_writing: set[Path] = set()


def _umask() -> int:
    # The only portable way to read the umask is to set it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def temporary_path(target: Path) -> Path:
    """Where this process writes ``target`` before renaming it into place."""
    target = Path(target)
    return target.with_name(f".{target.name}{TEMP_MARK}{os.getpid()}")


def process_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs (on this machine); one we may not signal runs too."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    """Remove a file, a link or a folder tree; what is already gone is fine."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except FileNotFoundError:
        pass


def stale_temporaries(folder: Path) -> list[Path]:
    """The temporaries in ``folder`` whose writer is gone: its process has ended, or it has this
    process's PID but this process is not writing it."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    stale = []
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if match is None:
            continue
        path = Path(entry.path)
        pid = int(match["pid"])
        if (pid == os.getpid() and path not in _writing) or (pid != os.getpid() and not process_alive(pid)):
            stale.append(path)
    return sorted(stale)


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove :func:`stale_temporaries` of ``folder``; return what was removed."""
    removed = []
    for path in stale_temporaries(folder):
        try:
            _remove(path)
        except OSError:
            continue  # someone else's file we may not remove: leave it
        removed.append(path)
    return removed


@contextmanager
def temporary(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` (not created), for the caller to fill and rename into
    place. Whatever is left at that path when the block ends (the caller failed, or renamed
    something else there) is removed. The folder's stale temporaries are removed first."""
    tmp = temporary_path(target)
    folder = tmp.parent
    _writing.discard(tmp)
    remove_stale_temporaries(folder)
    _writing.add(tmp)
    try:
        yield tmp
    finally:
        _writing.discard(tmp)
        if os.path.lexists(tmp):
            _remove(tmp)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename, so that
    a reader never sees a partial file and a failure leaves the old file (or none) in place.

    The file gets the permissions a plain write would give it: those of the file it replaces, else
    0666 less the umask (the temporary file is created 0600)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    with temporary(folder / path.name) as tmp:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        _sync_folder(folder)


# ------------------------------------------------------------------------------------------------
# A folder replaced at once
# ------------------------------------------------------------------------------------------------
_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def _renameat2():
    """glibc's renameat2 (Linux 3.15, glibc 2.28), or None."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False where the system or
    the file system cannot, having changed nothing."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _mirror(source: Path, target: Path) -> None:
    """What ``source`` holds and ``target`` does not, into ``target``: hard links to the files
    (copies across devices), the same symbolic links, folders made again."""
    for entry in os.scandir(source):
        into = target / entry.name
        if os.path.lexists(into):
            continue
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), into)
        elif entry.is_dir():
            os.mkdir(into)
            shutil.copystat(entry.path, into)
            _mirror(Path(entry.path), into)
        else:
            try:
                os.link(entry.path, into)
            except OSError:
                shutil.copy2(entry.path, into)


def _sync_files(folder: Path) -> None:
    for entry in os.scandir(folder):
        if entry.is_file(follow_symlinks=False):
            with open(entry.path, "rb") as handle:
                os.fsync(handle.fileno())


@contextmanager
def replaced_folder(path: Path) -> Iterator[Path]:
    """A new empty folder, beside ``path``, for the caller to fill; when the block ends without an
    error it takes the place of ``path`` in one step, and a reader sees the old folder or the new
    one, never a mix. On an error, ``path`` is left as it was.

    What the old folder holds and the new one does not is kept (hard links), and the new folder
    gets the old one's permissions. Where the system cannot swap two folders in one step (outside
    Linux), the new files are renamed into ``path`` one by one instead: each file whole, but a kill
    between two renames leaves some new files beside old ones. A link to a folder stays a link, to
    the new folder."""
    path = Path(path)
    real = Path(os.path.realpath(path)) if path.is_symlink() else path
    with temporary(real) as building:
        os.mkdir(building)
        yield building
        _sync_files(building)
        if not os.path.lexists(real):
            os.rename(building, real)
        else:
            built = sorted(os.listdir(building))
            shutil.copymode(real, building)
            _mirror(real, building)
            if not exchange(building, real):
                for name in built:
                    os.replace(building / name, real / name)
        _sync_folder(real.parent)
        # Here `building` holds the old folder (or what was not moved): the block's end removes it.


# ------------------------------------------------------------------------------------------------
# Termination signals
# ------------------------------------------------------------------------------------------------
class Terminated(SystemExit):
    """SIGTERM or SIGHUP, raised where the process is so that every ``finally`` runs; it ends the
    process with the shell's code for that signal (128 + its number)."""


_deferring = 0
_pending: int | None = None


def _raise_for(signum: int) -> None:
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated(128 + signum)


def _on_signal(signum: int, frame) -> None:
    global _pending
    if _deferring:
        _pending = signum
        return
    _raise_for(signum)


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP wait until the block ends (once
    :func:`remove_temporaries_on_termination` has set their handlers): for the steps that must
    happen together, such as a commit point and the bookkeeping that says it happened."""
    global _deferring, _pending
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1
        if not _deferring and _pending is not None:
            signum, _pending = _pending, None
            _raise_for(signum)


def remove_temporaries_on_termination() -> None:
    """Turn SIGTERM and SIGHUP into :class:`Terminated`, so that a command stopped by them removes
    its temporaries as on an error; Ctrl-C (SIGINT) raises KeyboardInterrupt as usual. All three
    wait out a :func:`signals_deferred` block. Signals a caller has given a handler of its own keep it."""
    defaults = {"SIGTERM": signal.SIG_DFL, "SIGHUP": signal.SIG_DFL, "SIGINT": signal.default_int_handler}
    for name, default in defaults.items():
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is default:
            signal.signal(number, _on_signal)
