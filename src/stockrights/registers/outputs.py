"""The disclosure written out: tidy CSV (one number a line) or a workbook laid out as filers print.

CSV: ``table,series,item,value`` with the stable keys of :meth:`stockrights.disclosure.
Disclosure.facts` (``docs/register.md``), preceded by a version line ``# stockrights disclosure
csv 1``. Numbers are written in full (no thousands separators), dates as ISO, '' for "none".

XLSX: three sheets in the chosen language (default Japanese): the note (ストック・オプション等関係)
with its parts, 新株予約権等の状況 with one column per series, and the journal. Every label comes
from :mod:`stockrights.registers.catalogue`. Nil counts print '-' (disclosure.md §2.3).
Both are written atomically.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from stockrights.adjustment import ActionKind
from stockrights.disclosure import Disclosure, JournalEntry, in_unit
from stockrights.glossary import Lang
from stockrights.registers.catalogue import expense_line_text, text

__all__ = ["disclosure_csv_bytes", "write_disclosure"]

_VERSION_LINE = "# stockrights disclosure csv 1"


def _plain(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def disclosure_csv_bytes(disclosure: Disclosure) -> bytes:
    """The tidy CSV of the disclosure, UTF-8."""
    buffer = io.StringIO()
    buffer.write(_VERSION_LINE + "\n")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("table", "series", "item", "value"))
    for fact in disclosure.facts():
        writer.writerow((fact.table, fact.series, fact.item, _plain(fact.value)))
    return buffer.getvalue().encode("utf-8")


def write_disclosure(
    disclosure: Disclosure, output: str | Path, *, lang: Lang | str = Lang.JA
) -> Path:
    """Write the disclosure to ``output`` (``.csv`` or ``.xlsx``), atomically."""
    from stockrights.workbooks.atomic import atomic_write  # the shared atomic write (light)

    target = Path(output)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        data = disclosure_csv_bytes(disclosure)
        atomic_write(target, lambda fh: fh.write(data))
    elif suffix == ".xlsx":
        book = _workbook(disclosure, Lang(lang))
        atomic_write(target, book.save)
    else:
        from stockrights.errors import InputError

        raise InputError(f"--output must end in .csv or .xlsx, got {str(output)!r}")
    return target


# --- the workbook -------------------------------------------------------------------------------


def _date_text(day: dt.date | None, lang: Lang) -> str:
    if day is None:
        return "-"
    return text("date", lang, year=day.year, month=day.month, day=day.day, iso=day.isoformat())


def _number(value: float | int | None) -> object:
    if value is None or value == 0:
        return "-"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _number_format(value: object) -> str:
    if isinstance(value, float):
        return "#,##0.00"
    return "#,##0"


def _workbook(d: Disclosure, lang: Lang) -> Any:
    from openpyxl import Workbook

    book = Workbook()
    note = book.active
    note.title = text("sheet.note", lang)
    _note_sheet(note, d, lang)
    _status_sheet(book.create_sheet(text("sheet.status", lang)), d, lang)
    _journal_sheet(book.create_sheet(text("sheet.journal", lang)), d, lang)
    return book


def _display_width(value: str) -> int:
    """Columns a text takes: 2 for a full-width (CJK) character, 1 otherwise."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in value)


class _Writer:
    """Writes rows down a sheet, with the styles of a filed table."""

    def __init__(self, sheet: Any, columns: int) -> None:
        from openpyxl.styles import Alignment, Border, Font, Side

        self.sheet = sheet
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        self.row = 1
        self.columns = columns
        thin = Side(style="thin", color="808080")
        self.border = Border(top=thin, bottom=thin, left=thin, right=thin)
        self.bold = Font(name="IPAexGothic", bold=True)
        self.font = Font(name="IPAexGothic")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.right = Alignment(horizontal="right", vertical="top")

    def line(self, value: str, *, bold: bool = False) -> None:
        cell = self.sheet.cell(row=self.row, column=1, value=value)
        cell.font = self.bold if bold else self.font
        span = max(self.columns, 3)
        width = sum(self._width(c) for c in range(1, span + 1))
        if _display_width(value) > width:
            self.sheet.merge_cells(
                start_row=self.row, start_column=1, end_row=self.row, end_column=span
            )
            cell.alignment = self.wrap
            self._height(self.row, -(-_display_width(value) // max(int(width), 1)))
        self.row += 1

    def _width(self, column: int) -> float:
        from openpyxl.utils import get_column_letter

        width = self.sheet.column_dimensions[get_column_letter(column)].width
        return float(width or 8.43)

    def _height(self, row: int, lines: int) -> None:
        if lines > 1:
            self.sheet.row_dimensions[row].height = 15 * lines

    def table(
        self,
        header: Sequence[object],
        rows: Sequence[Sequence[object]],
        *,
        bold_rows: Sequence[int] = (),
    ) -> None:
        for r, values in enumerate([header, *rows]):
            lines = 1
            for c, value in enumerate(values, start=1):
                if isinstance(value, str):
                    per_line = max(int(self._width(c)) - 1, 1)
                    chunks = value.split("\n")
                    lines = max(lines, sum(-(-_display_width(t) // per_line) or 1 for t in chunks))
                cell = self.sheet.cell(row=self.row, column=c, value=value)
                cell.border = self.border
                cell.font = self.bold if r == 0 or (r - 1) in bold_rows else self.font
                if isinstance(value, int | float) and not isinstance(value, bool):
                    cell.number_format = _number_format(value)
                    cell.alignment = self.right
                elif c > 1 and value == "-":
                    cell.alignment = self.right
                else:
                    cell.alignment = self.wrap
            self._height(self.row, lines)
            self.row += 1
        self.row += 1


def _restatement_footnote(d: Disclosure, lang: Lang) -> str | None:
    events = []
    kinds = set()
    for a in d.restatements:
        key = {
            ActionKind.SPLIT: "split",
            ActionKind.CONDITIONAL_SPLIT: "split",
            ActionKind.CONSOLIDATION: "consolidation",
            ActionKind.OTHER: "other",
        }[a.kind]
        ratio = a.ratio if key != "consolidation" else 1 / a.ratio
        shown = f"{ratio:g}"
        events.append(
            text(
                f"footnote.event.{key}",
                lang,
                date=_date_text(a.scheduled_from(), lang),
                ratio=shown,
            )
        )
        kinds.add(key)
    for r in d.restructurings:
        events.append(
            text(
                "footnote.event.restructuring",
                lang,
                date=_date_text(r.effective_date, lang),
                ratio=f"{r.share_ratio:g}",
            )
        )
        kinds.add("restructuring")
    if not events:
        return None
    joiner = text("list_joiner", lang)
    kind = "footnote.kinds.split" if kinds == {"split"} else "footnote.kinds.mixed"
    return text("footnote.restatement", lang, events=joiner.join(events), kinds=text(kind, lang))


def _term_text(years: float | None, lang: Lang) -> object:
    if years is None:
        return "-"
    months = round(years * 12)
    return text("valuation.term", lang, years=months // 12, months=months % 12)


def _note_sheet(sheet: Any, d: Disclosure, lang: Lang) -> None:
    names = [c.series for c in d.counts]
    w = _Writer(sheet, 1 + len(names))
    sheet.column_dimensions["A"].width = 34
    for i in range(len(names)):
        sheet.column_dimensions[chr(ord("B") + i)].width = 22
    suffix = ".consolidated" if d.settings.consolidated else ""
    w.line(f"({text('title', lang)})", bold=True)
    if d.company:
        w.line(f"{text('company', lang)}: {d.company}")
    w.line(f"{text('fiscal_year', lang)}: {_date_text(d.fiscal_year_end, lang)}")
    w.row += 1
    years = [text("prior_year" + suffix, lang), text("current_year" + suffix, lang)]
    unit = text(f"amount_unit.{d.settings.amount_unit.value}", lang)
    w.line(text("part.expense", lang), bold=True)
    w.line(unit)
    w.table(
        ["", *years],
        [
            [
                expense_line_text(x.label, lang),
                _signed(in_unit(x.prior, d.settings), lang),
                _signed(in_unit(x.current, d.settings), lang),
            ]
            for x in d.expense_lines
        ],
    )
    w.line(text("part.lapse_gain", lang), bold=True)
    w.line(unit)
    w.table(
        ["", *years],
        [
            [
                text("gain.line", lang),
                _number(in_unit(d.lapse_gain_prior, d.settings)),
                _number(in_unit(d.lapse_gain, d.settings)),
            ]
        ],
    )
    w.line(text("part.contents", lang), bold=True)
    if not names:
        w.line(text("none_text", lang))
        return
    w.line(text("part.contents.1", lang))
    rows = _contents_rows(d, lang)
    w.table(["", *names], rows)
    w.line(text("part.contents.2", lang))
    end = d.fiscal_year_end
    year = text("fiscal_period", lang, year=end.year, month=end.month, iso=end.isoformat())
    w.line(text("lead.counts", lang, year=year))
    w.line(text("part.counts", lang))
    keys_unvested = (
        "options.unvested.beginning",
        "options.unvested.granted",
        "options.unvested.forfeited",
        "options.unvested.vested",
        "options.unvested.balance",
    )
    keys_vested = (
        "options.vested.beginning",
        "options.vested.vested",
        "options.vested.exercised",
        "options.vested.lapsed",
        "options.vested.outstanding",
    )
    attrs_unvested = (
        "unvested_beginning",
        "granted",
        "unvested_forfeited",
        "unvested_vested",
        "unvested_balance",
    )
    attrs_vested = ("vested_beginning", "vested", "exercised", "vested_lapsed", "outstanding")
    count_rows: list[list[object]] = [[text("block.unvested", lang), *[""] * len(names)]]
    for key, attr in zip(keys_unvested, attrs_unvested, strict=True):
        label = text(key + (suffix if key.endswith("beginning") else ""), lang)
        count_rows.append([label, *[_number(getattr(c, attr)) for c in d.counts]])
    count_rows.append([text("block.vested", lang), *[""] * len(names)])
    for key, attr in zip(keys_vested, attrs_vested, strict=True):
        label = text(key + (suffix if key.endswith("beginning") else ""), lang)
        count_rows.append([label, *[_number(getattr(c, attr)) for c in d.counts]])
    w.table(["", *names], count_rows, bold_rows=(0, 6))
    footnote = _restatement_footnote(d, lang)
    if footnote:
        w.line(footnote)
        w.row += 1
    w.line(text("part.prices", lang))
    w.table(
        ["", *names],
        [
            [text("price.exercise", lang), *[_number(p.exercise_price) for p in d.prices]],
            [
                text("price.average_at_exercise", lang),
                *[_number(p.average_at_exercise) for p in d.prices],
            ],
            [
                text("price.fair_value_at_grant", lang),
                *[_number(p.fair_value_at_grant) for p in d.prices],
            ],
        ],
    )
    if d.valuations:
        w.line(text("part.valuation", lang), bold=True)
        w.line(f"{text('valuation.technique', lang)}  {text('black_scholes', lang)}")
        w.line(text("valuation.inputs", lang))
        vals = d.valuations
        w.table(
            ["", *[v.series for v in vals]],
            [
                [text("valuation.volatility", lang), *[_percent(v.volatility) for v in vals]],
                [
                    text("valuation.expected_term_years", lang),
                    *[_term_text(v.term_years, lang) for v in vals],
                ],
                [
                    text("valuation.expected_dividend", lang),
                    *[
                        "-"
                        if v.dividend_per_share is None
                        else text("valuation.dividend", lang, amount=f"{v.dividend_per_share:g}")
                        for v in vals
                    ],
                ],
                [
                    text("valuation.risk_free_rate", lang),
                    *[_percent(v.risk_free_rate) for v in vals],
                ],
            ],
        )
        for key in ("valuation.note1", "valuation.note2", "valuation.note3", "valuation.note4"):
            w.line(text(key, lang))
        w.row += 1
    w.line(text("part.vesting_estimate", lang), bold=True)
    w.line(text("vesting_estimate.text", lang))
    if d.illustrative:
        w.row += 1
        w.line(text("footnote.illustrative", lang, names=", ".join(d.illustrative)), bold=True)


def _signed(value: int, lang: Lang) -> object:
    if value == 0:
        return text("nil", lang)
    return value if value > 0 else text("negative", lang, amount=f"{-value:,}")


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.2f}%"


def _contents_rows(d: Disclosure, lang: Lang) -> list[list[object]]:
    persons, granted, grant_date, vesting, service, period = [], [], [], [], [], []
    status = {s.series: s for s in d.status}
    terms = {s.name: s for s in d.series_terms}
    for c in d.counts:
        extra = terms.get(c.series)
        persons.append(extra.persons if extra and extra.persons else "-")
        granted.append(text("row.common_shares", lang, shares=f"{c.allotted:,}"))
        grant_date.append(_date_text(extra.allotment_date if extra else None, lang))
        if extra and extra.vesting_date is not None:
            vesting.append(text("vesting.date", lang, date=_date_text(extra.vesting_date, lang)))
            service.append(
                text(
                    "period.from_to",
                    lang,
                    start=_date_text(extra.allotment_date, lang),
                    end=_date_text(extra.vesting_date, lang),
                )
            )
        else:
            vesting.append(text("vesting.none", lang))
            service.append(text("service.none", lang))
        row = status.get(c.series)
        start = (
            extra.exercise_period_start if extra else (row.exercise_period_start if row else None)
        )
        end = extra.exercise_period_end if extra else (row.exercise_period_end if row else None)
        period.append(
            text("period.from_to", lang, start=_date_text(start, lang), end=_date_text(end, lang))
        )
    return [
        [text("row.persons", lang), *persons],
        [text("row.granted_shares", lang), *granted],
        [text("row.grant_date", lang), *grant_date],
        [text("row.vesting_condition", lang), *vesting],
        [text("row.service_period", lang), *service],
        [text("row.exercise_period", lang), *period],
    ]


def _status_sheet(sheet: Any, d: Disclosure, lang: Lang) -> None:
    rows = d.status
    w = _Writer(sheet, 1 + len(rows))
    sheet.column_dimensions["A"].width = 44
    for i in range(len(rows)):
        sheet.column_dimensions[chr(ord("B") + i)].width = 24
    w.line(text("status.title", lang), bold=True)
    w.line(text("status.lead", lang, date=_date_text(d.fiscal_year_end, lang)))
    w.row += 1
    if not rows:
        w.line(text("none_text", lang))
        return
    w.table(
        ["", *[r.series for r in rows]],
        [
            [
                text("status.resolution_date", lang),
                *[_date_text(r.resolution_date, lang) for r in rows],
            ],
            [text("status.persons", lang), *[r.persons or "-" for r in rows]],
            [text("status.rights", lang), *[_number(r.rights) for r in rows]],
            [text("status.own_rights", lang), *[_number(r.own_rights) for r in rows]],
            [
                text("status.shares", lang),
                *[text("row.common_shares", lang, shares=f"{r.shares:,}") for r in rows],
            ],
            [text("status.exercise_price", lang), *[_number(r.exercise_price) for r in rows]],
            [
                text("status.exercise_period", lang),
                *[
                    text(
                        "period.from_to",
                        lang,
                        start=_date_text(r.exercise_period_start, lang),
                        end=_date_text(r.exercise_period_end, lang),
                    )
                    for r in rows
                ],
            ],
            [
                text("status.issue_capital", lang),
                *[
                    text(
                        "status.issue_capital.value",
                        lang,
                        issue=f"{r.issue_price:,g}",
                        capital=f"{r.capital_per_share:,}",
                    )
                    for r in rows
                ],
            ],
            [text("status.conditions", lang), *[r.conditions or "-" for r in rows]],
        ],
    )
    footnote = _restatement_footnote(d, lang)
    if footnote:
        w.line(footnote)
    if d.illustrative:
        w.line(text("footnote.illustrative", lang, names=", ".join(d.illustrative)), bold=True)
    w.row += 1
    w.line(text("dilution.title", lang), bold=True)
    w.table(
        ["", text("dilution.shares_issuable", lang)],
        [[r.series, _number(r.shares)] for r in rows]
        + [[text("total", lang), _number(d.shares_issuable)]],
    )


def _journal_kind(e: JournalEntry, lang: Lang) -> str:
    if e.treasury_shares:
        return text("journal.kind.exercise.treasury", lang, shares=f"{e.treasury_shares:,}")
    return text(f"journal.kind.{e.kind}", lang)


def _journal_sheet(sheet: Any, d: Disclosure, lang: Lang) -> None:
    w = _Writer(sheet, 6)
    for col, width in zip("ABCDEF", (16, 22, 26, 30, 16, 16), strict=True):
        sheet.column_dimensions[col].width = width
    w.line(text("journal.title", lang), bold=True)
    w.row += 1
    rows: list[list[object]] = []
    for e in d.journal:
        for i, line in enumerate(e.lines):
            rows.append(
                [
                    _date_text(e.date, lang) if i == 0 else "",
                    e.series if i == 0 else "",
                    _journal_kind(e, lang) if i == 0 else "",
                    text(line.account, lang) if line.debit else "    " + text(line.account, lang),
                    line.debit or "",
                    line.credit or "",
                ]
            )
    header = [
        text(k, lang)
        for k in (
            "journal.date",
            "journal.series",
            "journal.kind",
            "journal.account",
            "journal.debit",
            "journal.credit",
        )
    ]
    if rows:
        w.table(header, rows)
    else:
        w.line(text("none_text", lang))
