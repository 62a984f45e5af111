"""Is the file a command was given a workbook? The one check before any command reads a book.

Every command that takes a workbook (``refresh BOOK``, ``report BOOK``, ``notice BOOK``,
``audit-pack BOOK``, ``import ... --into BOOK``, ``disclose REGISTER``, ``register-book --from``)
calls :func:`require_workbook` on it before anything is read or written. A missing path, a folder,
an empty file, a text or CSV file, an old binary ``.xls``, an OpenDocument ``.ods``, a binary
``.xlsb``, a zip archive that holds no workbook, or a workbook under another extension is refused
in one line naming the argument as the user typed it, the rule and the value, and what the file
is instead::

    BOOK must be an .xlsx workbook (a zip archive); /x/y.csv is not one (a text file)

It reads the first bytes and the zip's central directory only (no member is inflated), so its
memory is bounded by the file's size; what the workbook holds is checked later by
:func:`stockrights.workbooks.package.read_package` (zip and XML bombs, size limits, XML).
:func:`require_output` checks an output's extension against the book's in the same words.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from stockrights.errors import InputError

__all__ = ["require_output", "require_workbook"]

XLSX = (".xlsx",)
"""Only an .xlsx workbook (the register workbook, an audit pack)."""
XLSX_OR_XLSM = (".xlsx", ".xlsm")
"""An .xlsx workbook, or the same with macros (a valuation book kept with the add-in's VBA)."""

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the CFB signature: .xls, or an encrypted book
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_CHUNK = 2**20


def _kind(suffixes: tuple[str, ...]) -> str:
    return "an " + " or ".join(suffixes) + " workbook"


def require_workbook(
    path: str | Path, *, argument: str, suffixes: tuple[str, ...] = XLSX, rule: str = ""
) -> Path:
    """The path, if it is a workbook of one of ``suffixes``; else a one-line error.

    Parameters
    ----------
    path : str or Path
        The file as the user gave it.
    argument : str
        The argument as the user typed it (``BOOK``, ``--into``, ``REGISTER``), for the message.
    suffixes : tuple of str
        The extensions accepted, lower case with the dot (default ``.xlsx`` only).
    rule : str, optional
        What the argument must be, when more than a workbook (default "an .xlsx workbook (a zip
        archive)").

    Returns
    -------
    Path

    Raises
    ------
    stockrights.errors.InputError
        ``<argument> must be an .xlsx workbook (a zip archive); <path> is not one (<what it is>)``.

    Examples
    --------
    >>> require_workbook("/no/such/book.xlsx", argument="BOOK")
    Traceback (most recent call last):
    ...
    stockrights.errors.InputError: BOOK must be an .xlsx workbook (a zip archive); \
/no/such/book.xlsx is not one (no such file)
    """
    target = Path(path)
    why = _not_a_workbook(target, suffixes)
    if why is not None:
        rule = rule or f"{_kind(suffixes)} (a zip archive)"
        raise InputError(f"{argument} must be {rule}; {path} is not one ({why})")
    return target


def require_output(
    output: str | Path, *, argument: str, like: str | Path, book_argument: str = "BOOK"
) -> Path:
    """An output path whose extension is the one of the book it is written from.

    Raises
    ------
    stockrights.errors.InputError
        ``--output must end in .xlsx like BOOK (book.xlsx), got 'out.csv'``; ``book_argument``
        is how the book was given (``BOOK``, ``--into``).
    """
    target, source = Path(output), Path(like)
    if target.suffix.lower() != source.suffix.lower():
        raise InputError(
            f"{argument} must end in {source.suffix.lower()} like {book_argument} ({source.name}), "
            f"got {str(output)!r}"
        )
    return target


def _not_a_workbook(path: Path, suffixes: tuple[str, ...]) -> str | None:
    """What the file is instead of a workbook, or None when it is one."""
    if not path.exists():
        return "no such file"
    if path.is_dir():
        return "a folder"
    if not path.is_file():
        return "not a regular file"
    with path.open("rb") as fh:
        head = fh.read(512)
    if not head:
        return "an empty file"
    if head.startswith(_OLE_MAGIC):
        if _holds(path, _ENCRYPTED):
            return "a password-protected workbook; save it without a password"
        return "an OLE compound file, an old binary .xls; save it as .xlsx"
    if not head.startswith(_ZIP_MAGICS):
        return "a text file" if _is_text(head) else "not a zip archive"
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "mimetype" in names and zf.getinfo("mimetype").file_size < 200:
                kind = zf.read("mimetype").decode("ascii", "replace")
                if "opendocument" in kind:
                    return f"an OpenDocument file ({kind.rsplit('.', 1)[-1]}); save it as .xlsx"
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        return f"a truncated or damaged zip archive: {' '.join(str(exc).split())}"
    if "xl/workbook.bin" in names:
        return "a binary .xlsb workbook; save it as .xlsx"
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        return "a zip archive that holds no workbook"
    if path.suffix.lower() not in suffixes:
        named = f"named {path.suffix}" if path.suffix else "named without an extension"
        return f"a workbook {named}; save it as {suffixes[0]}"
    return None


def _holds(path: Path, pattern: bytes) -> bool:
    """True when the file's bytes contain ``pattern`` (read a chunk at a time)."""
    tail = b""
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            if pattern in tail + chunk:
                return True
            tail = chunk[-len(pattern) :]
    return False


def _is_text(head: bytes) -> bool:
    """True when the first bytes read as text (UTF-8, cp932 or UTF-16 with a BOM)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    for encoding in ("utf-8", "cp932"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            # the 512 bytes may cut a multi-byte character: try without the last 3
            try:
                text = head[:-3].decode(encoding)
            except UnicodeDecodeError:
                continue
        if all(ch.isprintable() or ch in "\r\n\t" for ch in text):
            return True
    return False
