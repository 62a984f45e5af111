"""A :class:`~stockrights.reports.document.Document` as plain UTF-8 text (the notice's .txt).

Japanese first, English under it; tables aligned by display width (a Japanese character takes two
columns); figures are left out (a text file cannot hold them).
"""

from __future__ import annotations

import unicodedata

from stockrights.reports.document import Document, Heading, Paragraph, Table

__all__ = ["render_text"]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, *, right: bool) -> str:
    space = " " * max(width - _width(text), 0)
    return space + text if right else text + space


def _table(table: Table) -> list[str]:
    rows = [tuple(cell.replace("\n", " / ") for cell in row) for row in (table.header, *table.rows)]
    widths = [max(_width(row[i]) for row in rows) for i in range(len(table.header))]
    out = []
    for n, row in enumerate(rows):
        cells = [
            _pad(cell, widths[i], right=i in table.numeric and n > 0) for i, cell in enumerate(row)
        ]
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def render_text(doc: Document) -> str:
    """The document as text lines (figures and page breaks omitted), footer last."""
    lines = [doc.title_ja, doc.title_en, ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.level == 1:
                lines += ["", f"{block.ja} / {block.en}", ""]
            else:
                lines += ["", f"{block.ja} / {block.en}".center(60).rstrip(), ""]
        elif isinstance(block, Paragraph):
            lines += [text for text in (block.ja, block.en) if text]
            lines.append("")
        elif isinstance(block, Table):
            lines += [*_table(block), ""]
    lines += ["", doc.footer.replace(" | page {page}", "")]
    return "\n".join(lines) + "\n"
