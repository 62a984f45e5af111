"""Reading an import file: size cap, encoding, CSV rows with line numbers, cells as numbers.

Every problem is an :class:`ImportFileError` whose message is one line naming the file, the line
(when there is one) and the rule: ``prices.csv line 7: 終値 must be a number, got 'abc'``.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from stockrights._validate import number_text
from stockrights.errors import InputError

__all__ = [
    "MAX_FILE_BYTES",
    "ImportFileError",
    "TextFile",
    "checked_file",
    "file_error",
    "parse_number",
    "read_text",
]

MAX_FILE_BYTES = 64 * 2**20
"""Largest file an importer reads (64 MiB): the whole MOF history is about 1.5 MB, 20 years of
daily bars as J-Quants JSON about 2 MB. Anything larger is refused before it is read."""

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8 with BOM"),
    (b"\xff\xfe", "utf-16", "UTF-16 (Excel Unicode text)"),
    (b"\xfe\xff", "utf-16", "UTF-16 (Excel Unicode text)"),
)
_CHUNK = 1 << 20  # bytes decoded at a time while the encoding is checked
_HEAD = 512  # bytes looked at for a byte-order mark or an HTML page
_MISSING = frozenset({"", "-", "－", "—", "–", "null", "none", "n/a", "na", "#n/a", "nan"})


class ImportFileError(InputError):
    """An import file breaks a rule: ``FILE line N: <rule>, got <value>`` (one line)."""


def file_error(path: str | Path, line: int | None, rule: str) -> ImportFileError:
    """The error for ``rule`` at ``line`` of ``path`` (no line: the file as a whole)."""
    where = f"{Path(path).name} line {line}" if line is not None else f"{Path(path).name}"
    return ImportFileError(f"{where}: {rule}")


@dataclass(frozen=True, kw_only=True, slots=True)
class TextFile:
    """A text file whose encoding has been found; its rows are read as a stream.

    Attributes
    ----------
    path : Path
    codec : str
        The Python codec that decodes it (``utf-8-sig``, ``utf-8``, ``cp932``, ``utf-16``).
    encoding : str
        What was found: ``UTF-8``, ``UTF-8 with BOM``, ``cp932 (Shift_JIS)``, ``UTF-16 ...``.
    """

    path: Path
    codec: str
    encoding: str

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) of every CSV (or tab-separated) record, blank lines included.

        The file is read line by line: memory holds one record at a time.

        Raises
        ------
        ImportFileError
            For a record the csv module cannot read (an unterminated quote, a field longer than
            csv's limit of 131,072 characters).
        """
        with (
            self.path.open("rb") as raw,
            io.TextIOWrapper(raw, encoding=self.codec, newline="") as fh,
        ):
            first = fh.readline()
            delimiter = "\t" if "\t" in first and "," not in first else ","
            reader = csv.reader(itertools.chain([first], fh), delimiter=delimiter, strict=True)
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    raise file_error(
                        self.path, reader.line_num, f"is not valid CSV ({exc})"
                    ) from None
                yield reader.line_num, cells


def checked_file(path: str | Path, max_bytes: int = MAX_FILE_BYTES) -> Path:
    """``path``, refused when missing, not a file or above ``max_bytes``."""
    file = Path(path)
    if not file.exists():
        raise file_error(file, None, "no such file")
    if not file.is_file():
        raise file_error(file, None, "is not a file")
    size = file.stat().st_size
    if size > max_bytes:
        raise file_error(
            file,
            None,
            f"is {size:,} bytes, more than the limit of {max_bytes:,} for an import file",
        )
    return file


def read_bytes(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path`` (a JSON document), refused when missing or above ``max_bytes``."""
    file = checked_file(path, max_bytes)
    with file.open("rb") as fh:
        return fh.read(max_bytes + 1)[:max_bytes]


def _first_bad_byte(file: Path, codec: str) -> tuple[int, int] | None:
    """None when ``file`` decodes with ``codec``; else (line, value) of the first bad byte.

    Decodes in chunks: constant memory whatever the file's size.
    """
    decoder = codecs.getincrementaldecoder(codec)("strict")
    line = 1
    with file.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                pending = len(exc.object) - len(chunk)
                line += chunk[: max(exc.start - pending, 0)].count(b"\n")
                return line, exc.object[exc.start]
            line += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            return line, exc.object[exc.start]
    return None


def read_text(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> TextFile:
    """Find a text file's encoding: a BOM decides; else UTF-8 if it decodes, else cp932.

    The file is checked in chunks and its rows are later read as a stream
    (:meth:`TextFile.rows`), so memory does not grow with the file.

    Raises
    ------
    ImportFileError
        For a missing or oversized file, an HTML page, or bytes that are neither UTF-8 nor cp932
        (the message names the line of the first bad byte).
    """
    file = checked_file(path, max_bytes)
    with file.open("rb") as fh:
        head = fh.read(_HEAD)
    if head.lstrip()[:1] == b"<":
        raise file_error(file, 1, "is an HTML or XML page, not a CSV file (a download error?)")
    for bom, codec, label in _BOMS:
        if head.startswith(bom):
            bad = _first_bad_byte(file, codec)
            if bad is not None:
                raise file_error(file, bad[0], f"must be valid {label}")
            return TextFile(path=file, codec=codec, encoding=label)
    if _first_bad_byte(file, "utf-8") is None:
        return TextFile(path=file, codec="utf-8", encoding="UTF-8")
    bad = _first_bad_byte(file, "cp932")
    if bad is not None:
        raise file_error(
            file, bad[0], f"must be UTF-8 or cp932 (Shift_JIS) text, got byte {bad[1]:#04x}"
        )
    return TextFile(path=file, codec="cp932", encoding="cp932 (Shift_JIS)")


def parse_number(text: str) -> float | None:
    """A number as exports write it; None for a missing value (empty, ``-``, ``null``...).

    Thousands separators (``2,512.0``), full-width digits, a yen sign and surrounding spaces
    are accepted; a lone ``-`` is missing (the whole cell is compared, so ``-0.159`` is a
    number).

    Raises
    ------
    ValueError
        ``must be a number, got '...'``.

    Examples
    --------
    >>> parse_number("2,512.0"), parse_number("-0.159"), parse_number("-")
    (2512.0, -0.159, None)
    """
    clean = unicodedata.normalize("NFKC", text).strip()
    if clean.casefold() in _MISSING:
        return None
    if clean.endswith("%"):  # a close or a yield is never a percent of something
        raise ValueError(f"must be a number, got {text!r}")
    try:  # the core's one reading of number text: "2 00" and "1,5" are errors, not 200 and 15
        return number_text("", text)
    except InputError as exc:
        raise ValueError(str(exc).strip()) from None
