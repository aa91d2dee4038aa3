"""Where reports and saved observations go: ``-o FILE`` (several allowed), with the semantics of
shell redirection and nothing a finished scan found ever lost.

* The format follows the file's extension (``.json .jsonl .ndjson .csv .html .htm .txt``) unless
  ``--format`` names one; several ``-o`` in one run write one report per file (nmap's ``-oA`` habit).
* Before a scan starts, every output path is checked (``check``): a directory, a missing or
  read-only parent, an overlong name... is a one-line usage error (exit 2), before any packet.
* Writing (``write_text``/``write_stream``) behaves like ``> FILE`` in a shell: a symlink is written
  through to its target (the link stays), a device node or FIFO is opened and written directly
  (``-o /dev/null`` as root never replaces the system's /dev/null), and only a regular file (or a
  new one) is replaced atomically: written to a temporary file beside it, then renamed, keeping the
  old file's mode (and owner, as root). Ctrl-C or an error while writing removes the temporary file.
* When a report cannot be written after the work is done (disk full, stdout closed or /dev/full),
  it is saved to a rescue file (``rescue``) and the error message says where.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from netscan.errors import NetscanError, UsageError

#: File extension -> report format.
EXTENSIONS: dict[str, str] = {
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
    ".html": "html", ".htm": "html", ".txt": "table",
}


class WriteFailed(NetscanError):
    """A report could not be written where asked (after the work was done)."""


@dataclass(frozen=True)
class Output:
    """One report to produce: ``path`` None means stdout."""

    path: str | None
    fmt: str


def format_for(path: str, explicit: str | None, default: str) -> str:
    """The format of ``-o path``: ``--format`` when given, else from the extension, else ``default``."""
    if explicit:
        return explicit
    return EXTENSIONS.get(Path(path).suffix.lower(), default)


def plan(outputs: list[str] | str | None, explicit: str | None, default: str) -> list[Output]:
    """The reports a run writes. With several ``-o``, each file's extension decides its format
    (``--format`` then applies only to files whose extension names none)."""
    if isinstance(outputs, str):
        outputs = [outputs]
    paths = [p for p in (outputs or []) if p is not None]
    if not paths:
        return [Output(None, explicit or default)]
    out: list[Output] = []
    for p in paths:
        if p == "":
            raise UsageError("-o: empty file name")
        if p == "-":
            out.append(Output(None, explicit or default))
        elif len(paths) > 1:
            out.append(Output(p, EXTENSIONS.get(Path(p).suffix.lower(), explicit or default)))
        else:
            out.append(Output(p, format_for(p, explicit, default)))
    seen: set[str] = set()
    for o in out:
        key = os.path.realpath(o.path) if o.path else "-"
        if key in seen and key not in ("/dev/null",):
            raise UsageError(f"-o: {o.path or 'stdout'} given twice")
        seen.add(key)
    return out


def _strerror(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _resolve(path: str) -> str:
    """Where writing ``path`` lands: symlinks followed (a dangling link names the file to create).
    A /proc magic link to a pipe or socket (``/dev/stdout``, ``/dev/fd/1`` of a pipeline: its target
    ``pipe:[123]`` is no file name) stays as given: opening it reaches the pipe."""
    real = os.path.realpath(path)
    if not os.path.lexists(real):
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            return real
        if not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
            return path
    return real


#: Linux's memory devices (major 1, Documentation/admin-guide/devices.txt) a report may go to: null,
#: zero, full, random, urandom. The others (mem, kmem, port, kmsg) would take it into the kernel.
_HARMLESS_MEMORY_DEVICES = frozenset({3, 5, 7, 8, 9})


def refused_device(st: os.stat_result) -> str | None:
    """Why a report is never written to this node (None: it may be): a block device (a disk: ``> /dev/sda``
    would overwrite it) or a memory device other than /dev/null and its kin."""
    if stat.S_ISBLK(st.st_mode):
        return "is a block device (a disk)"
    if stat.S_ISCHR(st.st_mode) and os.major(st.st_rdev) == 1 and os.minor(st.st_rdev) not in _HARMLESS_MEMORY_DEVICES:
        return "is a kernel memory device"
    return None


def _under_dev(directory: str) -> bool:
    """``directory`` is /dev or below it: device nodes live there, and a report named after a device that
    is absent (``-o /dev/sdb`` of an unplugged disk) must not become a regular file in its place."""
    d = os.path.realpath(directory)
    if d == "/dev/shm" or d.startswith("/dev/shm/"):  # POSIX shared memory: a tmpfs for files
        return False
    return d == "/dev" or d.startswith("/dev/")


def check(path: str, what: str = "-o") -> None:
    """Fail now (UsageError, exit 2) when ``path`` cannot be written; creates nothing that stays."""
    if not path:
        raise UsageError(f"{what}: empty file name")
    real = _resolve(path)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise UsageError(f"{what}: cannot write {path}: {_strerror(exc)}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise UsageError(f"{what}: cannot write {path}: is a directory")
    if st is not None and not stat.S_ISREG(st.st_mode):
        # device, FIFO, socket: written in place; never opened here (a FIFO would block)
        why = refused_device(st)
        if why is not None:
            raise UsageError(f"{what}: will not write {path}: {why}")
        if not os.access(real, os.W_OK):
            raise UsageError(f"{what}: cannot write {path}: permission denied")
        return
    parent = os.path.dirname(real) or "."
    if st is None and _under_dev(parent):
        raise UsageError(f"{what}: cannot write {path}: no such device (netscan creates no file under /dev)")
    name = os.path.basename(real)
    try:
        max_name = os.pathconf(parent, "PC_NAME_MAX")
    except (OSError, ValueError):
        max_name = 255
    if len(os.fsencode(name)) > max_name:
        raise UsageError(f"{what}: cannot write {path}: file name too long")
    if not os.path.isdir(parent):
        raise UsageError(f"{what}: cannot write {path}: no such directory {parent}")
    if st is not None and not os.access(real, os.W_OK):
        raise UsageError(f"{what}: cannot write {path}: permission denied")
    # the real test: can a file be created beside it (read-only file system, permissions, quota)?
    try:
        fd, tmp = tempfile.mkstemp(prefix=".netscan-check-", dir=parent)
    except OSError as exc:
        raise UsageError(f"{what}: cannot write {path}: {_strerror(exc)}") from None
    os.close(fd)
    os.unlink(tmp)


def _open_special(real: str) -> TextIO:
    return open(real, "w", encoding="utf-8", newline="")  # noqa: SIM115 - caller closes


def write_stream(path: str, produce: Callable[[TextIO], object]) -> None:
    """Write a file as ``> path`` would, ``produce(fh)`` writing the content. Raises OSError."""
    real = _resolve(path)
    try:
        st: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
    if st is not None and not stat.S_ISREG(st.st_mode):
        why = refused_device(st)
        if why is not None:  # checked before the work too (check); a node that appeared since
            raise PermissionError(errno.EPERM, f"will not write: {why}", path)
        with _open_special(real) as fh:  # /dev/null, /dev/stdout, a FIFO, a tty: in place
            produce(fh)
        return
    parent = os.path.dirname(real) or "."
    if st is None and _under_dev(parent):
        raise FileNotFoundError(errno.ENXIO, "no such device (netscan creates no file under /dev)", path)
    fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(real)[:100]}.", suffix=".netscan-tmp", dir=parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            produce(fh)
            fh.flush()
            os.fsync(fh.fileno())
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            if os.geteuid() == 0 and (st.st_uid, st.st_gid) != (0, 0):
                os.chown(tmp, st.st_uid, st.st_gid)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, real)
    except BaseException:  # Ctrl-C included: never leave the temporary file behind
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_text(path: str, text: str) -> None:
    """``write_stream`` of a ready string."""
    write_stream(path, lambda fh: fh.write(text))


def rescue_dirs() -> list[Path]:
    """Where a report that could not be written is saved, in order of preference."""
    dirs = []
    state = os.environ.get("XDG_STATE_HOME") or (os.path.expanduser("~/.local/state") if os.environ.get("HOME") else "")
    if state:
        dirs.append(Path(state) / "netscan")
    dirs += [Path("/var/tmp"), Path(tempfile.gettempdir()), Path.cwd()]
    return dirs


def rescue(produce: Callable[[TextIO], object], kind: str = "report", suffix: str = ".json") -> str | None:
    """Save content that could not be written where asked; returns the path, or None when no
    rescue location takes it either."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    for d in rescue_dirs():
        try:
            d.mkdir(parents=True, exist_ok=True)
            path = d / f"netscan-{kind}-{stamp}-{os.getpid()}{suffix}"
            write_stream(str(path), produce)
            return str(path)
        except OSError:
            continue
    return None


def write_or_rescue(path: str | None, produce: Callable[[TextIO], None], rescue_produce: Callable[[TextIO], None],
                    kind: str = "report") -> None:
    """Write to ``path`` (None: stdout); when that fails, save ``rescue_produce``'s content (the
    report as JSON) to a rescue file and raise WriteFailed naming both."""
    try:
        if path is None:
            produce(sys.stdout)
            sys.stdout.flush()
        else:
            write_stream(path, produce)
        return
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:  # ValueError: write to a closed stdout
        why = _strerror(exc) if isinstance(exc, OSError) else "stdout is closed"
        where = path or "stdout"
    if path is None:
        quiet_stdout()
    saved = rescue(rescue_produce, kind)
    if saved:
        raise WriteFailed(f"cannot write {where}: {why}; the {kind} was saved to {saved}")
    raise WriteFailed(f"cannot write {where}: {why}; no place to save the {kind} either")


def quiet_stdout() -> None:
    """After a failed write to stdout, stop the interpreter from failing again at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
