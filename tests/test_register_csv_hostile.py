"""Hostile register CSV files: every bad cell is one line naming file, row, column and text.

Numbers in the register's CSV files follow the core's one rule for number text
(``stockrights._validate.number_text``): thousands separators only in groups of three, so
``1,5`` is never 15, ``1_000`` never 1000 and ``1.000,5`` never 1.0005 (issue 8's class). The
fuzz writes arbitrary text into the cells of a real register and checks that the reader either
reads it or refuses it with an :class:`InputError`, and that every number it accepts obeys the
grouping rule, checked independently of the reader's code.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stockrights.cli import main
from stockrights.errors import StockRightsError
from stockrights.register import Register
from stockrights.registers.csv_io import read_register_csv

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "workbooks" / "register_example"
T = TypeVar("T")
EVENT_7TH = "2019-06-28,第7回新株予約権,exercise,21,2200,,"
"""Row 4 of the example's events.csv (line 1 is the version line, line 2 the header)."""


def _outcome(read: Callable[[], T]) -> T | str:
    """What ``read()`` returns, or the message of the StockRightsError it raises."""
    try:
        return read()
    except StockRightsError as exc:
        return str(exc)


def _register_with(folder: Path, file: str, old: str, new: str) -> Path:
    shutil.copytree(EXAMPLE, folder, dirs_exist_ok=True)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        # number text read wrongly before: '1,5' as 15, '1_000' as 1000, '1.000,5' as 1.0005
        (
            "events.csv",
            EVENT_7TH,
            '2019-06-28,第7回新株予約権,exercise,21,"1,5",,',
            "events.csv row 4, column share_price: share_price must be a number "
            "(thousands separators only in groups of three: 1,234.5), got '1,5'",
        ),
        (
            "events.csv",
            EVENT_7TH,
            "2019-06-28,第7回新株予約権,exercise,21,1_000,,",
            "events.csv row 4, column share_price: share_price must be a number "
            "(thousands separators only in groups of three: 1,234.5), got '1_000'",
        ),
        (
            "series.csv",
            ",1632.425,",
            ',"1.632,425",',
            "series.csv row 4, column fair_value_per_share: fair_value_per_share must be a "
            "number (thousands separators only in groups of three: 1,234.5), got '1.632,425'",
        ),
        (
            "events.csv",
            EVENT_7TH,
            '2019-06-28,第7回新株予約権,exercise,"2,1",2200,,',
            "events.csv row 4, column rights: rights must be a whole number, a number "
            "(thousands separators only in groups of three: 1,234.5), got '2,1'",
        ),
        # a count beyond any register (was an OverflowError traceback in the int64 arrays)
        (
            "events.csv",
            EVENT_7TH,
            "2019-06-28,第7回新株予約権,exercise,1E100,2200,,",
            "events.csv row 4, column rights: must be a whole number of at most "
            "1,000,000,000,000,000, got '1E100'",
        ),
        # a line cut short (the last row, 4 of its 7 cells): it could be "lapse,2" of "lapse,20"
        (
            "events.csv",
            "2023-02-15,第8回新株予約権,lapse,2,,,",
            "2023-02-15,第8回新株予約権,lapse,2",
            "events.csv row 11: 4 cells, fewer than the 7 columns of the header",
        ),
        # a percent where the column takes none
        (
            "events.csv",
            EVENT_7TH,
            "2019-06-28,第7回新株予約権,exercise,21,2200%,,",
            "events.csv row 4, column share_price: share_price must be a number, got '2200%'",
        ),
        # the classes the brief names: already one line, kept so
        (
            "events.csv",
            EVENT_7TH,
            "2019-06-31,第7回新株予約権,exercise,21,2200,,",
            "events.csv row 4, column date: date must be an ISO date (2017-07-14), "
            "got '2019-06-31'",
        ),
        (
            "events.csv",
            EVENT_7TH,
            "2019-06-28,第7回新株予約権,exercise,-21,2200,,",
            "events.csv row 4, column rights: rights must be >= 1, got -21",
        ),
        (
            "events.csv",
            EVENT_7TH,
            "2019-06-28,第7回新株予約権,exersize,21,2200,,",
            "events.csv row 4, column kind: kind must be one of exercise, lapse, forfeit, "
            "cancel, got 'exersize'",
        ),
        (
            "events.csv",
            EVENT_7TH,
            "2019-06-28,第9回新株予約権,exercise,21,2200,,",
            "events.csv row 4, column series: series 第9回新株予約権, 2019-06-28: unknown "
            "series (rule: every event names a series of series.csv)",
        ),
    ],
    ids=[
        "comma-decimal",
        "underscore",
        "european",
        "rights-comma",
        "rights-huge",
        "short-row",
        "percent",
        "bad-date",
        "negative-rights",
        "unknown-kind",
        "unknown-series",
    ],
)
def test_bad_cell_is_one_line_with_status_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    file: str,
    old: str,
    new: str,
    message: str,
) -> None:
    """``disclose`` on the bad register: status 2, one line, nothing on stdout, no file."""
    folder = _register_with(tmp_path / "reg", file, old, new)
    out = tmp_path / "note.csv"
    status = main(
        ["disclose", str(folder), "--fiscal-year-end", "2023-03-31", "--output", str(out)]
    )
    captured = capsys.readouterr()
    assert (status, captured.out) == (2, "")
    assert captured.err == f"stockrights: error: {message}\n"
    assert not out.exists()


def test_grouped_thousands_read_as_the_plain_number(tmp_path: Path) -> None:
    """``"1,632.425"`` and ``"2,200"`` are the same register as ``1632.425`` and ``2200``."""
    plain = read_register_csv(EXAMPLE)
    folder = _register_with(tmp_path / "reg", "series.csv", ",1632.425,", ',"1,632.425",')
    _register_with(folder, "events.csv", EVENT_7TH, EVENT_7TH.replace(",2200,", ',"2,200",'))
    grouped = read_register_csv(folder)
    assert grouped.series == plain.series
    assert list(grouped.event_rows()) == list(plain.event_rows())


_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?")


def _obeys_grouping(text: str) -> bool:
    """The rule, checked without the reader: every comma separates a group of three digits."""
    body = text.strip().removeprefix("¥").removesuffix("円").strip()
    return "," not in body or _GROUPED.fullmatch(body) is not None


_NUMBERISH = st.text(alphabet="0123456789,._ -+e%¥", min_size=1, max_size=12)


@given(text=_NUMBERISH)
def test_fuzz_share_price_is_read_exactly_or_refused(text: str) -> None:
    """An accepted share price obeys the grouping rule and equals its digits without commas."""
    with tempfile.TemporaryDirectory() as tmp:
        cell = '"' + text.replace('"', '""') + '"'
        folder = _register_with(
            Path(tmp), "events.csv", EVENT_7TH, EVENT_7TH.replace(",2200,", f",{cell},")
        )
        register = _outcome(lambda: read_register_csv(folder))
    if isinstance(register, str):
        assert "\n" not in register
        assert register.startswith("events.csv row 4, column share_price: ")
        return
    assert isinstance(register, Register)
    if not text.strip():
        return  # blank: looked up from prices, or none
    row = next(r for r in register.event_rows() if str(r.date) == "2019-06-28")
    assert _obeys_grouping(text), text
    digits = text.strip().removeprefix("¥").removesuffix("円").strip().replace(",", "")
    assert row.share_price == float(Decimal(digits))


_ANY_CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=20,
)
_COLUMNS = ("date", "series", "kind", "rights", "share_price")


@given(column=st.sampled_from(_COLUMNS), text=_ANY_CELL)
def test_fuzz_any_events_cell_reads_or_is_one_input_error(column: str, text: str) -> None:
    """Arbitrary text in any events cell: the register reads, or one InputError names the row."""
    cells = EVENT_7TH.split(",")
    cells[_COLUMNS.index(column)] = '"' + text.replace('"', '""') + '"'
    with tempfile.TemporaryDirectory() as tmp:
        folder = _register_with(Path(tmp), "events.csv", EVENT_7TH, ",".join(cells))
        outcome = _outcome(lambda: read_register_csv(folder))
    if isinstance(outcome, str):
        assert "\n" not in outcome
        assert "events.csv" in outcome


SERIES_7TH_CELLS = {
    "rights_allotted": ",245,",
    "shares_per_right": ",245,200,",
    "fair_value_per_share": ",1632.425,",
    "volatility": ",0.35,",
    "expected_term_years": ",0.35,15,",
    "expected_dividend": ",15,27,",
    "risk_free_rate": ",0.0035,",
    "vesting_date": "2047-07-14,,",
}
_CELL_TEXT = st.one_of(
    _NUMBERISH,
    st.sampled_from(["1E100", "-0", "0", "1e15", "nan", "inf", "9" * 30, "0.000001", "1/3"]),
    _ANY_CELL,
)


@given(column=st.sampled_from(sorted(SERIES_7TH_CELLS)), text=_CELL_TEXT)
def test_fuzz_series_cell_discloses_or_is_one_error(column: str, text: str) -> None:
    """Arbitrary text in a 7th-series cell: ``disclose`` works or fails in one named line."""
    from stockrights.disclosure import disclose

    old = SERIES_7TH_CELLS[column]
    quoted = '"' + text.replace('"', '""') + '"'
    if column == "shares_per_right":
        new = f",245,{quoted},"
    elif column == "expected_term_years":
        new = f",0.35,{quoted},"
    elif column == "expected_dividend":
        new = f",15,{quoted},"
    elif column == "vesting_date":
        new = f"2047-07-14,{quoted},"
    else:
        new = f",{quoted},"
    with tempfile.TemporaryDirectory() as tmp:
        folder = _register_with(Path(tmp), "series.csv", old, new)
        outcome = _outcome(
            lambda: disclose(read_register_csv(folder), fiscal_year_end="2023-03-31")
        )
    assert not isinstance(outcome, str) or "\n" not in outcome
