"""Write the valuation report or the notice of a source to a file (PDF, HTML or text).

The format follows the output's suffix; the file is written atomically (temporary file, then
rename), so a failure never leaves half a document.
"""

from __future__ import annotations

from pathlib import Path

from stockrights.reports.content import notice_document, report_document
from stockrights.reports.document import Document
from stockrights.reports.errors import ReportError
from stockrights.reports.fonts import find_japanese_font
from stockrights.reports.source import ReportSource

__all__ = ["NOTICE_FORMATS", "REPORT_FORMATS", "write_notice", "write_report"]

REPORT_FORMATS = (".pdf", ".html")
NOTICE_FORMATS = (".txt", ".pdf", ".html")


def _suffix(output: Path, allowed: tuple[str, ...], what: str) -> str:
    suffix = output.suffix.lower()
    if suffix not in allowed:
        raise ReportError(f"{what} output must end in {', '.join(allowed)}, got {output.name!r}")
    return suffix


def _write(doc: Document, output: Path, suffix: str, font: Path | None) -> None:
    from stockrights.workbooks.atomic import atomic_write

    if suffix == ".pdf":
        from stockrights.reports.pdf import render_pdf

        data = render_pdf(doc, font=font or find_japanese_font())
    elif suffix == ".html":
        from stockrights.reports.html import render_html

        data = render_html(doc).encode("utf-8")
    else:
        from stockrights.reports.plain import render_text

        data = render_text(doc).encode("utf-8")
    atomic_write(output, lambda fh: fh.write(data))


def write_report(source: ReportSource, output: str | Path) -> Path:
    """Write the valuation report of ``source`` to ``output`` (``.pdf`` or ``.html``).

    Raises
    ------
    ReportError
        For another suffix, or no Japanese font (the charts and the PDF need one).
    """
    target = Path(output)
    suffix = _suffix(target, REPORT_FORMATS, "report")
    font = find_japanese_font()
    _write(report_document(source, font=font), target, suffix, font)
    return target


def write_notice(source: ReportSource, output: str | Path) -> Path:
    """Write the notice of ``source`` to ``output`` (``.txt``, ``.pdf`` or ``.html``).

    Raises
    ------
    ReportError
        For another suffix, or no Japanese font for a PDF.
    """
    target = Path(output)
    suffix = _suffix(target, NOTICE_FORMATS, "notice")
    _write(notice_document(source), target, suffix, None)
    return target
