"""Atomic file writes: a temporary file in the target's folder, then :func:`os.replace`."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from stockrights.errors import StockRightsError

__all__ = ["atomic_write"]


def atomic_write(target: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write ``target`` through a synced temporary file in its folder and :func:`os.replace`.

    On any failure the temporary file is removed and ``target`` is left as it was.

    Raises
    ------
    StockRightsError
        When the folder cannot be created or written to (one line naming the file).
    """
    directory = target.parent if str(target.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise StockRightsError(f"{target}: cannot be written ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
