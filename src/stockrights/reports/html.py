"""A :class:`~stockrights.reports.document.Document` as one self-contained HTML file.

Charts are embedded as base64 PNG; the footer (version, input hash, origin) closes the page and
is repeated on every printed page by the print stylesheet. Japanese and English sit one under the
other, English in grey.
"""

from __future__ import annotations

import base64
from html import escape

from stockrights.reports.document import (
    Document,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)

__all__ = ["render_html"]

_CSS = """
body { font-family: "IPAGothic", "IPAexGothic", "Noto Sans CJK JP", sans-serif; max-width: 52em;
       margin: 2em auto; font-size: 10pt; line-height: 1.5; color: #000; }
h1 { font-size: 15pt; margin-bottom: 0; } h1 + p.en { font-size: 10pt; }
h2 { font-size: 12pt; color: #1f4e79; margin: 1.4em 0 0; } h2.ki { text-align: center; }
p { margin: 0.2em 0; } .en { color: #404040; font-size: 9pt; } .strong { color: #c00000; }
table { border-collapse: collapse; margin: 0.6em 0; font-size: 8.5pt; width: 100%; }
th, td { border: 1px solid #a6a6a6; padding: 2px 4px; vertical-align: top; white-space: pre-line; }
th { background: #deebf7; text-align: left; } td.n { text-align: right; }
figure { margin: 1em 0; text-align: center; } img { max-width: 100%; }
footer { margin-top: 2em; font-size: 8pt; color: #595959; border-top: 1px solid #a6a6a6; }
@media print { footer { position: fixed; bottom: 0; } .pagebreak { page-break-after: always; } }
"""


def _table(table: Table) -> str:
    head = "".join(f"<th>{escape(cell)}</th>" for cell in table.header)
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{escape(v)}</td>' if i in table.numeric else f"<td>{escape(v)}</td>"
            for i, v in enumerate(row)
        )
        + "</tr>"
        for row in table.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def render_html(doc: Document) -> str:
    """The document as an HTML page (UTF-8 text)."""
    parts = [
        f"<h1>{escape(doc.title_ja)}</h1>",
        f'<p class="en">{escape(doc.title_en)}</p>',
    ]
    for block in doc.blocks:
        if isinstance(block, Heading):
            cls = "" if block.level == 1 else ' class="ki"'
            parts.append(f'<h2{cls}>{escape(block.ja)}</h2><p class="en">{escape(block.en)}</p>')
        elif isinstance(block, Paragraph):
            cls = "strong" if block.emphasis else ""
            if block.ja:
                parts.append(f'<p class="{cls}">{escape(block.ja)}</p>')
            if block.en:
                parts.append(f'<p class="en {cls}">{escape(block.en)}</p>')
        elif isinstance(block, Table):
            parts.append(_table(block))
        elif isinstance(block, Figure):
            data = base64.b64encode(block.png).decode("ascii")
            parts.append(
                f'<figure><img alt="{escape(block.en)}" src="data:image/png;base64,{data}">'
                f"<figcaption>{escape(block.ja)} / {escape(block.en)}</figcaption></figure>"
            )
        elif isinstance(block, PageBreak):
            parts.append('<div class="pagebreak"></div>')
    footer = escape(doc.footer.replace(" | page {page}", ""))
    return (
        '<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8">'
        f"<title>{escape(doc.title_ja)}</title><style>{_CSS}</style></head><body>"
        + "\n".join(parts)
        + f"<footer>{footer}</footer></body></html>\n"
    )
