"""J-Quants daily bars as the API returns them: v1 and v2 keys, pages, nulls, the factor."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from stockrights import ActionKind, CorporateAction, adjust_for_splits
from stockrights.importers import ImportFileError, read_jquants
from stockrights.importers.jquants import record_business_day

FIXTURES = Path(__file__).parent / "fixtures" / "importers"
PAGE1 = FIXTURES / "jquants_v2_page1.json"
PAGE2 = FIXTURES / "jquants_v2_page2.json"
V1_SPLIT = FIXTURES / "jquants_v1_split.json"


def test_two_v2_pages_are_concatenated_and_the_outage_is_left_out() -> None:
    """2020-10-01 (TSE halt): null close, left out and reported; the other five days are read."""
    history = read_jquants(PAGE2, PAGE1)
    assert history.dates == (
        dt.date(2020, 9, 28),
        dt.date(2020, 9, 29),
        dt.date(2020, 9, 30),
        dt.date(2020, 10, 2),
        dt.date(2020, 10, 5),
    )
    assert history.closes == (2000.0, 2020.0, 2030.0, 2016.0, 2041.0)  # C, not AdjC
    assert not history.adjusted
    assert history.splits == ()
    (rejected,) = history.report.rejected
    assert rejected.reason == "no close on 2020-10-01 (null: the TSE halted all trading that day)"
    # the record's "Date" key is on line 4 of the indented file: {, "data": [, {, "Date"
    assert rejected.where == "jquants_v2_page2.json line 4: record 1 (2020-10-01)"
    assert history.report.format == "J-Quants daily bars JSON (v2), code 99990"
    # in a Japanese report: the line as 4行目, the record as レコード, the format's words
    assert rejected.at("ja") == "jquants_v2_page2.json 4行目: レコード 1 (2020-10-01)"
    assert history.report.read_as("ja") == "J-Quants 株価四本値 JSON (v2)、銘柄コード 99990"


def test_the_window_check_knows_2020_10_01_was_not_a_trading_day() -> None:
    """XTKS: 2020-09-25 is a session with no bar in the file; 2020-10-01 is not a session."""
    history = read_jquants(PAGE1, PAGE2, window=("2020-09-25", "2020-10-05"))
    assert history.report.missing_trading_days == (dt.date(2020, 9, 25),)
    assert history.report.non_trading_closes == ()


def test_the_adjusted_basis_takes_adjc() -> None:
    """basis='adjusted': AdjC (half of C in the fixture) and no split to apply again."""
    history = read_jquants(PAGE1, PAGE2, basis="adjusted")
    assert history.closes[0] == 1000.0  # 2000 / 2
    assert history.adjusted


def test_the_factor_becomes_the_split_history() -> None:
    """AdjustmentFactor 0.5 on 2021-03-29: a 1:2 split, ex-rights that day."""
    history = read_jquants(V1_SPLIT)
    assert history.splits == ((dt.date(2021, 3, 29), 2.0),)
    (action,) = history.corporate_actions
    assert action.kind is ActionKind.SPLIT
    assert action.ratio == 2.0
    # last cum-rights day Fri 2021-03-26, T+2 settlement -> Tue 2021-03-30 (record business day)
    assert action.record_date == dt.date(2021, 3, 30)
    # The splits restate the raw closes onto the new basis: 3040 / 2 = 1520 (the AdjC of the day)
    adjusted = adjust_for_splits(dates=history.dates, closes=history.closes, splits=history.splits)
    assert list(adjusted) == [1505.0, 1525.0, 1520.0, 1521.0, 1530.0]
    (found,) = history.report.splits
    assert str(found.source) == "adjustment factor 0.5, record date derived 2021-03-30"
    assert found.source("ja") == "調整係数 0.5、推定される基準日 2021-03-30"
    assert found.matched is None
    assert not found.table_given


def test_the_split_is_checked_against_the_corporate_action_table() -> None:
    """A table with the split (record 2021-03-31) matches; a table without it is flagged."""
    table = (CorporateAction(kind="split", ratio=2, record_date="2021-03-31"),)
    matched = read_jquants(V1_SPLIT, actions=table).report.splits[0]
    assert matched.matched == table[0]
    other = (CorporateAction(kind="split", ratio=3, record_date="2021-03-31"),)
    missing = read_jquants(V1_SPLIT, actions=other).report.splits[0]
    assert missing.matched is None
    assert "NOT in the corporate-action table" in missing.describe("en")


@pytest.mark.parametrize(
    ("ex_rights", "record"),
    [
        (dt.date(2012, 9, 26), dt.date(2012, 9, 28)),  # IIJ 1:200: T+3, record Sunday 09-30
        (dt.date(2019, 7, 10), dt.date(2019, 7, 12)),  # T+3: last cum 07-09 + 3 sessions
        (dt.date(2019, 7, 17), dt.date(2019, 7, 18)),  # T+2: last cum 07-16 + 2 sessions
    ],
)
def test_record_business_day_follows_the_settlement_cycle(
    ex_rights: dt.date, record: dt.date
) -> None:
    """data_sources.md §4: B = settlement day of the last cum-rights trade."""
    assert record_business_day(ex_rights) == record


def test_a_bare_list_and_v1_keys_read_the_same(tmp_path: Path) -> None:
    """Users save the list alone too."""
    records = json.loads(V1_SPLIT.read_text())["daily_quotes"]
    path = tmp_path / "bare.json"
    path.write_text(json.dumps(records))
    assert read_jquants(path).closes == read_jquants(V1_SPLIT).closes


def test_repeated_records_across_pages_are_read_once_but_conflicts_refused(
    tmp_path: Path,
) -> None:
    """The same page twice is harmless; the same date with another close is an error."""
    assert read_jquants(PAGE1, PAGE1).report.rows_read == 3
    data = json.loads(PAGE1.read_text())
    data["data"][0]["C"] = 1999.0
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(data))
    with pytest.raises(
        ImportFileError,
        match=r"changed\.json line 1: record 1 \(2020-09-28\): must agree with "
        r"jquants_v2_page1\.json line 4: record 1",
    ):
        read_jquants(PAGE1, path)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (
            '{"info": []}',
            r"x\.json: must be a J-Quants response with daily_quotes \(v1\) or data \(v2\), "
            r"got keys info",
        ),
        (
            '{"data": [{"Date": "2020-13-01", "C": 1}]}',
            r"record 1: Date must be YYYY-MM-DD, got '2020-13-01'",
        ),
        (
            '{"data": [{"Date": "2020-10-02", "Price": 1}]}',
            r"record 1 \(2020-10-02\): must have Close \(v1\) or C \(v2\)",
        ),
        (
            '{"data": [{"Date": "2020-10-02", "C": "abc"}]}',
            r"record 1 \(2020-10-02\): Close must be a number, got 'abc'",
        ),
        ('{"data": [{"Date": "2020-10-02", "C": -5}]}', r"Close must be > 0, got -5"),
        ('{"data": [', r"x\.json line 1: is not valid JSON"),
        # nested beyond Python's recursion limit: was a RecursionError traceback
        ("[" * 100_000, r"x\.json: is not a J-Quants response \(JSON nested too deep\)"),
        # number text by the core's rule: never 15
        ('{"data": [{"Date": "2020-10-02", "C": "1,5"}]}', r"Close must be a number, got '1,5'"),
    ],
)
def test_bad_files_are_one_line_errors(tmp_path: Path, payload: str, message: str) -> None:
    """The file, the record (or line) and the rule."""
    path = tmp_path / "x.json"
    path.write_text(payload)
    with pytest.raises(ImportFileError, match=message) as info:
        read_jquants(path)
    assert "\n" not in str(info.value)


def test_several_issues_need_a_code(tmp_path: Path) -> None:
    """Two codes in one download: choose one; a 4-character code matches its 5-character form."""
    data = json.loads(PAGE1.read_text())
    data["data"][1]["Code"] = "12340"
    path = tmp_path / "two.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ImportFileError, match=r"holds several issues \(12340, 99990\)"):
        read_jquants(path)
    assert read_jquants(path, code="9999").report.rows_used == 2
