r"""The xlwings settings file that points classic xlwings at this Python and at our UDF module.

The classic xlwings add-in reads its settings from, in order, the workbook's ``xlwings.conf``
sheet, an ``xlwings.conf`` next to the workbook, and the user file
``%USERPROFILE%\.xlwings\xlwings.conf`` (facts file ``docs/xlwings.md`` §2.1). That file has one
setting per line, ``"KEY","VALUE"``, as VBA's ``Write #`` writes it and ``Input #`` reads it; keys
are compared without regard to case.

:func:`configure_addin` makes the user file say:

- ``"INTERPRETER_WIN","<this python.exe>"`` (``INTERPRETER_MAC`` on macOS), or, inside a conda
  environment on Windows, ``"CONDA PATH"`` and ``"CONDA ENV"`` instead, exactly as ``xlwings config
  create`` chooses;
- ``"UDF MODULES"`` including ``stockrights.excel.udfs`` (other modules listed there are kept).

It is idempotent, never removes another key or an unreadable line, drops only repeated copies of
the keys it sets (VBA reads the first copy, xlwings' Python the last: one copy keeps them in
agreement), and writes atomically (a temporary file in the same folder, then ``os.replace``). The
file is read and written in the locale's encoding, as xlwings and VBA do (cp932 on Japanese
Windows).
"""

from __future__ import annotations

import locale
import os
import re
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from stockrights.errors import InputError

__all__ = [
    "UDF_MODULE",
    "UDF_MODULES_KEY",
    "AddinConfig",
    "ConfigEntry",
    "configure_addin",
    "default_config_path",
    "format_entry",
    "interpreter_settings",
    "merge_settings",
    "parse_config",
]

UDF_MODULE = "stockrights.excel.udfs"
UDF_MODULES_KEY = "UDF MODULES"
_LINE = re.compile(r'^\s*"(?P<key>[^"]*)"\s*,\s*"(?P<value>[^"]*)"\s*$')


@dataclass(frozen=True, kw_only=True, slots=True)
class ConfigEntry:
    """One line of an xlwings.conf file.

    Attributes
    ----------
    line : str
        The line as it is in the file (without its line break).
    key, value : str or None
        The setting, or ``None`` for a line that is not ``"KEY","VALUE"`` (kept as it is).
    """

    line: str
    key: str | None = None
    value: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class AddinConfig:
    """What :func:`configure_addin` did (or would do, with ``dry_run``).

    Attributes
    ----------
    path : pathlib.Path
        The settings file.
    before, after : str
        Its text before and after (``before`` is ``""`` for a new file).
    settings : mapping of str to str
        The settings this Python needs (before merging with the file).
    written : bool
        True when the file was written (False for a dry run or when nothing changed).
    """

    path: Path
    before: str
    after: str
    settings: Mapping[str, str]
    written: bool

    @property
    def changed(self) -> bool:
        """True when the file's text differs (or would differ) from before."""
        return self.before != self.after


def default_config_path() -> Path:
    r"""The user settings file of classic xlwings: ``%USERPROFILE%\.xlwings\xlwings.conf``."""
    return Path.home() / ".xlwings" / "xlwings.conf"


def parse_config(text: str) -> tuple[ConfigEntry, ...]:
    r"""Read the lines of an xlwings.conf file; lines that are not settings are kept as text.

    Examples
    --------
    >>> [(e.key, e.value) for e in parse_config('"UDF MODULES","a;b"\n# note\n')]
    [('UDF MODULES', 'a;b'), (None, None)]
    """
    entries = []
    for line in text.splitlines():
        match = _LINE.match(line)
        if match:
            entries.append(ConfigEntry(line=line, key=match["key"], value=match["value"]))
        else:
            entries.append(ConfigEntry(line=line))
    return tuple(entries)


def format_entry(key: str, value: str) -> str:
    """One ``"KEY","VALUE"`` line, as VBA's ``Write #`` writes it.

    Raises
    ------
    InputError
        For a key or value holding a double quote or a line break (the format cannot hold them).

    Examples
    --------
    >>> format_entry("UDF MODULES", "stockrights.excel.udfs")
    '"UDF MODULES","stockrights.excel.udfs"'
    """
    for field, text in (("key", key), ("value", value)):
        if '"' in text or "\n" in text or "\r" in text:
            raise InputError(
                f"{field} must not contain a double quote or a line break, got {text!r}"
            )
    return f'"{key}","{value}"'


def interpreter_settings(
    *, executable: str, platform: str, environ: Mapping[str, str]
) -> dict[str, str]:
    r"""The settings that point xlwings at a Python, chosen as ``xlwings config create`` does.

    Conda on Windows (``CONDA_DEFAULT_ENV`` and ``CONDA_EXE`` set): ``CONDA PATH`` (the folder
    two levels above ``conda.exe``) and ``CONDA ENV``. Otherwise ``INTERPRETER_WIN``
    (``INTERPRETER_MAC`` on macOS) = ``executable``. ``UDF MODULES`` is added by
    :func:`configure_addin`.

    Examples
    --------
    >>> interpreter_settings(executable="C:\\Py\\python.exe", platform="win32", environ={})
    {'INTERPRETER_WIN': 'C:\\Py\\python.exe'}
    >>> interpreter_settings(executable="x", platform="win32", environ={
    ...     "CONDA_DEFAULT_ENV": "sar", "CONDA_EXE": "C:\\conda\\Scripts\\conda.exe"})
    {'CONDA PATH': 'C:\\conda', 'CONDA ENV': 'sar'}
    """
    conda_env = environ.get("CONDA_DEFAULT_ENV")
    conda_exe = environ.get("CONDA_EXE")
    if conda_env and conda_exe and platform.startswith("win"):
        separator = "\\" if "\\" in conda_exe else "/"
        return {
            "CONDA PATH": separator.join(conda_exe.split(separator)[:-2]),
            "CONDA ENV": conda_env,
        }
    suffix = "MAC" if platform.startswith("darwin") else "WIN"
    return {f"INTERPRETER_{suffix}": executable}


def _with_module(current: str | None, module: str) -> str:
    """``UDF MODULES`` with ``module`` added once, other modules kept in order."""
    modules = [m.strip() for m in (current or "").split(";") if m.strip()]
    if module not in modules:
        modules.append(module)
    return ";".join(modules)


def merge_settings(text: str, settings: Mapping[str, str]) -> str:
    r"""The file text with ``settings`` set, everything else kept (see the module docstring).

    A key already in the file is updated where it stands (its first copy; later copies of the
    same key are dropped); a new key is appended. ``UDF MODULES`` is merged: the modules listed
    keep their place and the new one is added at the end.

    Examples
    --------
    >>> merge_settings('"LICENSE_KEY","k"\n"udf modules","mine"\n',
    ...                {"UDF MODULES": "stockrights.excel.udfs", "INTERPRETER_WIN": "py"})
    '"LICENSE_KEY","k"\n"udf modules","mine;stockrights.excel.udfs"\n"INTERPRETER_WIN","py"\n'
    """
    wanted = {key.lower(): (key, value) for key, value in settings.items()}
    done: set[str] = set()
    lines = []
    for entry in parse_config(text):
        lower = entry.key.lower() if entry.key is not None else None
        if lower is None or lower not in wanted:
            lines.append(entry.line)
            continue
        if lower in done:
            continue  # a repeated copy of a key we set
        done.add(lower)
        _, value = wanted[lower]
        if lower == UDF_MODULES_KEY.lower():
            value = _with_module(entry.value, value)
        if value == entry.value:
            lines.append(entry.line)
        else:
            lines.append(format_entry(entry.key or "", value))
    for lower, (key, value) in wanted.items():
        if lower not in done:
            lines.append(format_entry(key, value))
    return "".join(line + "\n" for line in lines)


def _write_atomically(path: Path, text: str, encoding: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline=None) as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def configure_addin(
    *,
    path: Path | str | None = None,
    dry_run: bool = False,
    executable: str | None = None,
    platform: str | None = None,
    environ: Mapping[str, str] | None = None,
    encoding: str | None = None,
) -> AddinConfig:
    r"""Point classic xlwings at this Python and at ``stockrights.excel.udfs`` (idempotent).

    Parameters
    ----------
    path : path, optional
        The settings file; default :func:`default_config_path`.
    dry_run : bool
        If True, compute the new text but write nothing.
    executable, platform, environ : optional
        The interpreter, ``sys.platform`` and the environment to describe; default this process's.
    encoding : str, optional
        The file's encoding; default the locale's (as xlwings and VBA use).

    Returns
    -------
    AddinConfig
        The path, the text before and after, and whether it was written.

    Raises
    ------
    InputError
        When the file cannot be read or written (the message names the path and the reason),
        or a setting cannot be written in the format or the encoding.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> conf = pathlib.Path(tempfile.mkdtemp()) / "xlwings.conf"
    >>> result = configure_addin(path=conf, executable="C:\\Py\\python.exe", platform="win32",
    ...                          environ={})
    >>> print(conf.read_text(), end="")
    "INTERPRETER_WIN","C:\Py\python.exe"
    "UDF MODULES","stockrights.excel.udfs"
    >>> configure_addin(path=conf, executable="C:\\Py\\python.exe", platform="win32",
    ...                 environ={}).written
    False
    """
    target = Path(path) if path is not None else default_config_path()
    charset = encoding or locale.getencoding()
    settings = interpreter_settings(
        executable=executable if executable is not None else sys.executable,
        platform=platform if platform is not None else sys.platform,
        environ=environ if environ is not None else os.environ,
    )
    settings[UDF_MODULES_KEY] = UDF_MODULE
    try:
        before = target.read_text(encoding=charset) if target.exists() else ""
    except (OSError, UnicodeError) as exc:
        raise InputError(f"file must be a readable text file, got {str(target)!r}: {exc}") from None
    after = merge_settings(before, settings)
    write = not dry_run and after != before
    if write:
        try:
            after.encode(charset)
            _write_atomically(target, after, charset)
        except (OSError, UnicodeError) as exc:
            raise InputError(f"file must be writable, got {str(target)!r}: {exc}") from None
    return AddinConfig(path=target, before=before, after=after, settings=settings, written=write)
