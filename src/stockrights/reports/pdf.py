"""A :class:`~stockrights.reports.document.Document` as a PDF (reportlab, Japanese font embedded).

A4 portrait, 18 mm margins. The TrueType font is registered under a private name and reportlab
embeds the subset of glyphs used. Every page carries the document's footer (version, input hash,
origin, page number). Japanese paragraphs wrap per character (``wordWrap="CJK"``).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Image,
    KeepTogether,
    LongTable,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import PageBreak as RlPageBreak
from reportlab.platypus import Paragraph as RlParagraph

from stockrights.reports.document import (
    Document,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)

__all__ = ["render_pdf"]

_FONT = "StockrightsJA"
_MARGIN = 18 * mm
_WIDTH = A4[0] - 2 * _MARGIN
_FIGURE_ASPECT = 3.1 / 7.0  # charts.py draws 7 x 3.1 inch figures


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=_FONT, fontSize=9, leading=13, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=15, leading=21, spaceAfter=2),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontSize=10, leading=14, textColor=colors.HexColor("#404040")
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontSize=12,
            leading=16,
            spaceBefore=10,
            spaceAfter=1,
            textColor=colors.HexColor("#1f4e79"),
        ),
        "h2": ParagraphStyle("h2", parent=base, fontSize=11, leading=15, alignment=1),
        "h1en": ParagraphStyle(
            "h1en", parent=base, fontSize=9, leading=12, textColor=colors.HexColor("#1f4e79")
        ),
        "ja": base,
        "en": ParagraphStyle(
            "en", parent=base, fontSize=8.5, leading=11.5, textColor=colors.HexColor("#404040")
        ),
        "strong": ParagraphStyle(
            "strong", parent=base, textColor=colors.HexColor("#c00000"), fontSize=9.5
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9.5),
        "cellr": ParagraphStyle(
            "cellr", parent=base, fontSize=7.5, leading=9.5, alignment=TA_RIGHT
        ),
        "caption": ParagraphStyle("caption", parent=base, fontSize=8, leading=11, alignment=1),
    }


def _p(value: str, style: ParagraphStyle) -> RlParagraph:
    return RlParagraph(escape(value).replace("\n", "<br/>"), style)


def _table(table: Table, styles: dict[str, ParagraphStyle]) -> LongTable:
    def cells(row: tuple[str, ...]) -> list[RlParagraph]:
        return [
            _p(value, styles["cellr"] if i in table.numeric else styles["cell"])
            for i, value in enumerate(row)
        ]

    widths = [w * _WIDTH for w in table.widths] if table.widths else None
    out = LongTable(
        [cells(table.header), *(cells(row) for row in table.rows)],
        colWidths=widths,
        repeatRows=1 if table.repeat_header else 0,
        hAlign="LEFT",
    )
    out.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), _FONT),  # the default Helvetica is not embedded
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#a6a6a6")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#deebf7")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return out


def _flowables(doc: Document, styles: dict[str, ParagraphStyle]) -> list[Any]:
    out: list[Any] = [
        _p(doc.title_ja, styles["title"]),
        _p(doc.title_en, styles["subtitle"]),
        Spacer(1, 4 * mm),
    ]
    for block in doc.blocks:
        if isinstance(block, Heading):
            style = styles["h1"] if block.level == 1 else styles["h2"]
            out.append(_p(block.ja, style))
            out.append(_p(block.en, styles["h1en"] if block.level == 1 else styles["en"]))
            out.append(Spacer(1, 1.5 * mm))
        elif isinstance(block, Paragraph):
            if block.ja:
                out.append(_p(block.ja, styles["strong"] if block.emphasis else styles["ja"]))
            if block.en:
                out.append(_p(block.en, styles["strong"] if block.emphasis else styles["en"]))
            out.append(Spacer(1, 1.5 * mm))
        elif isinstance(block, Table):
            out.append(_table(block, styles))
            out.append(Spacer(1, 2.5 * mm))
        elif isinstance(block, Figure):
            image = Image(io.BytesIO(block.png), width=_WIDTH, height=_WIDTH * _FIGURE_ASPECT)
            caption = _p(f"{block.ja} / {block.en}", styles["caption"])
            out.append(KeepTogether([image, caption, Spacer(1, 3 * mm)]))
        elif isinstance(block, PageBreak):
            out.append(RlPageBreak())
    return out


def render_pdf(doc: Document, *, font: Path) -> bytes:
    """The document as PDF bytes, ``font`` (a TrueType file) embedded."""
    pdfmetrics.registerFont(TTFont(_FONT, str(font)))
    styles = _styles()
    out = io.BytesIO()

    def footer(canvas: Any, template: Any) -> None:
        canvas.saveState()
        canvas.setFont(_FONT, 7)
        canvas.setFillColor(colors.HexColor("#595959"))
        canvas.drawString(_MARGIN, 10 * mm, doc.footer.format(page=template.page))
        canvas.restoreState()

    template = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_MARGIN,
        bottomMargin=_MARGIN,
        title=doc.title_en,
        author="stockrights",
        subject=doc.title_ja,
        invariant=True,
        initialFontName=_FONT,  # else the canvas starts in Helvetica, a font not embedded
    )
    template.build(_flowables(doc, styles), onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
