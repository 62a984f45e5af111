"""Reading an import file: size cap, encoding, CSV rows with line numbers, cells as numbers.

Every problem is an :class:`ImportFileError` whose message is one line naming the file, the line
(when there is one) and the rule: ``prices.csv line 7: 終値 must be a number, got 'abc'``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from stockrights.errors import InputError

__all__ = [
    "MAX_FILE_BYTES",
    "ImportFileError",
    "TextFile",
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
_MISSING = frozenset({"", "-", "－", "—", "–", "null", "none", "n/a", "na", "#n/a", "nan"})
_PLAIN = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+)(\.\d*)?$")


class ImportFileError(InputError):
    """An import file breaks a rule: ``FILE line N: <rule>, got <value>`` (one line)."""


def file_error(path: str | Path, line: int | None, rule: str) -> ImportFileError:
    """The error for ``rule`` at ``line`` of ``path`` (no line: the file as a whole)."""
    where = f"{Path(path).name} line {line}" if line is not None else f"{Path(path).name}"
    return ImportFileError(f"{where}: {rule}")


@dataclass(frozen=True, kw_only=True, slots=True)
class TextFile:
    """A decoded text file.

    Attributes
    ----------
    path : Path
    text : str
        The content, without a byte-order mark.
    encoding : str
        What was found: ``UTF-8``, ``UTF-8 with BOM``, ``cp932 (Shift_JIS)``, ``UTF-16 ...``.
    """

    path: Path
    text: str
    encoding: str

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) of every CSV (or tab-separated) record, blank lines included.

        Raises
        ------
        ImportFileError
            For a record the csv module cannot read (an unterminated quote...).
        """
        first = self.text[: self.text.find("\n") if "\n" in self.text else len(self.text)]
        delimiter = "\t" if "\t" in first and "," not in first else ","
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=delimiter, strict=True)
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise file_error(self.path, reader.line_num, f"is not valid CSV ({exc})") from None
            yield reader.line_num, cells


def read_bytes(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``, refused when missing, not a file or above ``max_bytes``."""
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
    with file.open("rb") as fh:
        return fh.read(max_bytes + 1)[:max_bytes]


def read_text(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> TextFile:
    """Read and decode a text file: a BOM decides; else UTF-8 if it decodes, else cp932.

    Raises
    ------
    ImportFileError
        For a missing or oversized file, an HTML page, or bytes that are neither UTF-8 nor cp932
        (the message names the line of the first bad byte).
    """
    file = Path(path)
    raw = read_bytes(file, max_bytes=max_bytes)
    if raw.lstrip()[:1] == b"<":
        raise file_error(file, 1, "is an HTML or XML page, not a CSV file (a download error?)")
    for bom, codec, label in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as exc:
                line = raw[: exc.start].count(b"\n") + 1
                raise file_error(file, line, f"must be valid {label}") from None
            return TextFile(path=file, text=text.lstrip("\ufeff"), encoding=label)
    try:
        return TextFile(path=file, text=raw.decode("utf-8"), encoding="UTF-8")
    except UnicodeDecodeError:
        pass
    try:
        return TextFile(path=file, text=raw.decode("cp932"), encoding="cp932 (Shift_JIS)")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise file_error(
            file, line, f"must be UTF-8 or cp932 (Shift_JIS) text, got byte {raw[exc.start]:#04x}"
        ) from None


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
    clean = unicodedata.normalize("NFKC", text).strip().replace("¥", "").replace("円", "")
    clean = clean.replace(" ", "")
    if clean.casefold() in _MISSING:
        return None
    if _PLAIN.match(clean):
        return float(clean)
    grouped = _GROUPED.match(clean)
    if grouped:
        return float(grouped[1] + grouped[2].replace(",", "") + (grouped[3] or ""))
    raise ValueError(f"must be a number, got {text!r}")
