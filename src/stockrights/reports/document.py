"""A small document model (headings, paragraphs, tables, figures) that every renderer lays out.

The report and the notice are built once as a :class:`Document`; :mod:`~stockrights.reports.pdf`,
:mod:`~stockrights.reports.html` and :mod:`~stockrights.reports.plain` turn it into a file. Each
text block carries its Japanese and its English text, so every format shows both.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading, Japanese and English."""

    ja: str
    en: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph, Japanese and English (either may be empty)."""

    ja: str
    en: str
    emphasis: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A table of text cells; ``numeric`` marks the right-aligned columns."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    numeric: tuple[int, ...] = ()
    repeat_header: bool = True


@dataclass(frozen=True, slots=True)
class Figure:
    """A chart as PNG bytes with its caption."""

    png: bytes
    ja: str
    en: str


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Start a new page (ignored where there are no pages)."""


Block = Heading | Paragraph | Table | Figure | PageBreak


@dataclass(frozen=True, slots=True)
class Document:
    """A titled sequence of blocks with the footer text every page carries."""

    title_ja: str
    title_en: str
    blocks: tuple[Block, ...]
    footer: str
    """Footer text with a ``{page}`` field for the page number."""
