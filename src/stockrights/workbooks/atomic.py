"""Write a file atomically, for every command that writes one (workbooks, reports, packs).

The rules (``docs/workbooks.md``, "Writing files"):

- **Atomic.** The content goes to a temporary file in the output's own directory, is flushed and
  synced, and replaces the output with :func:`os.replace`; the directory is synced too. A
  half-written file never exists under the output's name; on any failure, exception or signal
  the temporary file is removed and the output is as it was.
- **A read-only output is refused**, not replaced: ``<file>: is read-only; make it writable or
  choose another output``.
- **A symbolic link is written through**: its target is replaced and the link stays a link
  (pointing where it pointed). A link to a link is followed to the end.
- **Short, recognisable temporary names**: ``.~sr<pid>-<6 letters>.tmp`` (at most 22 bytes), so
  that an output name of 80 Japanese characters (240 bytes in UTF-8, under the 255-byte limit of
  the file system) still has room. The output's name is never lengthened.
- **Leftovers are cleaned up**: a temporary file left by a run that was killed (``kill -9``,
  power loss) is removed by the next write into the same directory once the process that made
  it (the pid in its name) is gone.
- **Signals**: while a file is written, SIGTERM raises :class:`Interrupted` (unless the program
  installed its own handler), so the temporary file is removed; Ctrl-C does the same through
  :class:`KeyboardInterrupt`. :func:`interruptible` turns both into one line on stderr and the
  shell's status (130 for Ctrl-C, 143 for SIGTERM) for a command-line handler.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import secrets
import shutil
import signal
import stat
import string
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import FrameType
from typing import IO, TypeVar

from stockrights.workbooks.errors import WorkbookError

__all__ = [
    "Interrupted",
    "atomic_write",
    "atomic_write_set",
    "interruptible",
    "remove_stale_temps",
    "temp_name",
    "terminate_raises",
]

TEMP_PATTERN = re.compile(r"^\.~sr(?P<pid>[0-9]{1,10})-[a-z0-9]{6}\.tmp$")
"""What a temporary file of :func:`atomic_write` is called (and nothing else is)."""

_ALPHABET = string.ascii_lowercase + string.digits

T = TypeVar("T")


class Interrupted(BaseException):
    """A signal (SIGTERM) asked the program to stop; raised so that ``finally`` blocks run.

    A ``BaseException`` like :class:`KeyboardInterrupt`, so that ``except Exception`` does not
    swallow it.

    Attributes
    ----------
    signum : int
        The signal's number.
    status : int
        The exit status a shell reports for it, ``128 + signum`` (143 for SIGTERM).
    """

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.status = 128 + signum
        super().__init__(f"interrupted by {signal.Signals(signum).name}")


def temp_name() -> str:
    """A fresh temporary file name: ``.~sr<pid>-<6 random letters or digits>.tmp``.

    Examples
    --------
    >>> bool(TEMP_PATTERN.match(temp_name())), len(temp_name()) <= 22
    (True, True)
    """
    suffix = "".join(secrets.choice(_ALPHABET) for _ in range(6))
    return f".~sr{os.getpid()}-{suffix}.tmp"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process, or not a pid we can ask about: leave it
    return True


def remove_stale_temps(directory: str | Path) -> tuple[Path, ...]:
    """Remove the temporary files of :func:`atomic_write` whose process is gone; return them.

    Only names matching :data:`TEMP_PATTERN` are touched, and only when no process with the pid
    in the name exists. Files that cannot be removed are left (and not returned).
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return ()
    for entry in entries:
        match = TEMP_PATTERN.match(entry.name)
        if match is None or _alive(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return tuple(removed)


def _raise_interrupted(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


@contextlib.contextmanager
def terminate_raises() -> Iterator[None]:
    """Inside, SIGTERM raises :class:`Interrupted` (when its handler is the default one).

    Does nothing outside the main thread (Python delivers signals there only) or when the
    program has installed a SIGTERM handler of its own. The previous handler is restored.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return
    signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _refuse_read_only(path: Path) -> None:
    try:
        mode = path.stat().st_mode
    except OSError:  # missing, or under a file: creating it will say why
        return
    if stat.S_ISDIR(mode):
        raise WorkbookError(path, "is a directory, not a file")
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK):
        raise WorkbookError(path, "is read-only; make it writable or choose another output")


def _sync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_temp(path: Path, write: Callable[[IO[bytes]], object]) -> tuple[Path, Path]:
    """Fill a temporary file next to ``path`` (the end of its links): ``(real target, temp)``.

    The temporary file is complete, synced and has the target's mode; on any failure it is
    removed and the exception raised. Call inside :func:`terminate_raises`.
    """
    real = Path(os.path.realpath(path)) if path.is_symlink() else path
    _refuse_read_only(real)
    directory = real.parent if str(real.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)  # `--output out/book.xlsx`
    except (FileExistsError, NotADirectoryError):  # an ancestor is a file
        blocker = next((p for p in (directory, *directory.parents) if p.is_file()), None)
        why = "not a folder" if blocker is None else f"{blocker} is a file, not a folder"
        raise WorkbookError(path, f"cannot be written ({why})") from None
    except OSError as exc:
        raise WorkbookError(path, f"cannot be written ({exc.strerror or exc})") from None
    remove_stale_temps(directory)
    temp = directory / temp_name()
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise WorkbookError(path, f"cannot be written ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        mode = real.stat().st_mode & 0o7777 if real.exists() else 0o644
        os.chmod(temp, mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    return real, temp


def atomic_write(target: str | Path, write: Callable[[IO[bytes]], object]) -> Path:
    """Write ``target`` atomically: ``write(fh)`` fills a temporary file that then replaces it.

    See the module docstring for the rules (read-only refused, symbolic links written through,
    short temporary names, leftovers cleaned up, signals).

    Parameters
    ----------
    target : str or Path
        The file to write (created or replaced). Missing directories are created.
    write : callable
        Called once with a binary file open for writing; what it writes becomes the content.

    Returns
    -------
    Path
        The file actually replaced: ``target``, or the end of its chain of symbolic links.

    Raises
    ------
    WorkbookError
        When the output is read-only or a directory, or cannot be written (one line, naming it).
    Interrupted, KeyboardInterrupt
        On SIGTERM or Ctrl-C during the write (the temporary file is removed first).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> atomic_write(folder / "a.txt", lambda fh: fh.write(b"yen")).read_bytes()
    b'yen'
    """
    with terminate_raises():
        real, temp = _write_temp(Path(target), write)
        try:
            os.replace(temp, real)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
            raise
        _sync_directory(real.parent if str(real.parent) else Path("."))
    return real


def _backup(real: Path) -> Path | None:
    """A hard link (or, where links are not allowed, a copy) of ``real`` under a temp name."""
    if not real.exists():
        return None
    backup = real.parent / temp_name()
    try:
        os.link(real, backup)
    except OSError:
        shutil.copy2(real, backup)
    return backup


def atomic_write_set(
    writes: Mapping[Path, Callable[[IO[bytes]], object]], *, remove: Iterable[Path] = ()
) -> tuple[Path, ...]:
    """Write several files as one set: either every file is new, or every file is as it was.

    Each file is first written to a temporary file next to it, as :func:`atomic_write` does;
    only when all are complete are they moved in (and the files in ``remove`` deleted). If a
    write fails, nothing is moved; if a move fails, the files already moved are put back from
    hard-linked backups. Only a crash in the instant between two renames can leave a mix.

    Parameters
    ----------
    writes : mapping of Path to callable
        Each target and the function that fills it (called with a binary file).
    remove : iterable of Path
        Files of the set that the new set no longer has (removed last; missing ones ignored).

    Returns
    -------
    tuple of Path
        The files written (the ends of their links), in the order of ``writes``.

    Raises
    ------
    WorkbookError, OSError, Interrupted, KeyboardInterrupt
        As :func:`atomic_write`; no file of the set has changed then.
    """
    temps: list[tuple[Path, Path]] = []
    backups: list[tuple[Path, Path | None]] = []
    with terminate_raises():
        try:
            for target, write in writes.items():
                temps.append(_write_temp(Path(target), write))
            gone = [Path(p) for p in remove if Path(p).exists()]
            for real in (*(r for r, _ in temps), *gone):
                backups.append((real, _backup(real)))
            for real, temp in temps:
                os.replace(temp, real)
            for real in gone:
                os.unlink(real)
        except BaseException:
            for real, backup in backups:  # put back what was there
                with contextlib.suppress(OSError):
                    if backup is None:
                        if real.exists():
                            os.unlink(real)
                        continue
                    os.replace(backup, real)
                    # rename(2) does nothing when both names link one file (not yet replaced)
                    os.unlink(backup)
            for _, temp in temps:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(temp)
            raise
        for _, backup in backups:
            if backup is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(backup)
        for directory in {real.parent for real, _ in temps}:
            _sync_directory(directory)
    return tuple(real for real, _ in temps)


def interruptible(handler: Callable[[T], int]) -> Callable[[T], int]:
    """Wrap a command-line handler: Ctrl-C and SIGTERM end it with one line and 130 or 143.

    The line, on stderr, is ``stockrights: interrupted (Ctrl-C); no file was left half-written``
    (or ``(SIGTERM)``): every file is written through :func:`atomic_write`, so it is either
    complete or untouched.
    """

    @functools.wraps(handler)
    def run(args: T) -> int:
        try:
            with terminate_raises():
                return handler(args)
        except KeyboardInterrupt:
            what, status = "Ctrl-C", 128 + signal.SIGINT
        except Interrupted as exc:
            what, status = signal.Signals(exc.signum).name, exc.status
        print(f"stockrights: interrupted ({what}); no file was left half-written", file=sys.stderr)
        return status

    return run
