"""Window rules per series: set in series.csv / the register workbook, checked, round-tripped.

The expected windows are counted by hand (Civil Code arts. 140, 143: the period starts on the
day after the event; a month ends on the day before the same date of the next month):

- lost the position on 2030-03-31 (Sunday): 10 days are 2030-04-01 to 2030-04-10 (Wednesday);
  1 month is 2030-04-01 to 2030-04-30 (Tuesday, a business day; Showa Day is the 29th).
- lost the position on 2030-04-03 (Wednesday): 10 days are 2030-04-04 to 2030-04-13, a
  Saturday: ``following`` moves the last day to Monday 2030-04-15, ``preceding`` to Friday
  2030-04-12.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from register_helpers import event, seventh_series
from stockrights.errors import InputError
from stockrights.register import Holder, Register, reconcile
from stockrights.registers.csv_io import read_register_csv, write_register_csv
from stockrights.windows import ExerciseRules, HolderStatus, LastDayRule, WindowUnit

EXAMPLE = Path(__file__).resolve().parents[1] / "workbooks" / "register_example"


def _register(*series: object, lost_on: str, exercised_on: dict[str, str]) -> Register:
    holder = Holder(name="H001", status=HolderStatus(position_lost_on=lost_on))
    events = [event(day, "exercise", 1, name, holder="H001") for name, day in exercised_on.items()]
    return Register.from_events(series=series, events=events, holders=[holder])  # type: ignore[arg-type]


def _window_messages(register: Register) -> list[str]:
    return [p.message for p in reconcile(register) if p.rule == "holder window"]


def test_each_series_is_checked_against_its_own_holder_window() -> None:
    """2030-04-25 is outside the resolution's 10 days but inside the 8th series' 1 month."""
    seventh = seventh_series("第7回")
    eighth = seventh_series("第8回", holder_window=1, holder_window_unit="months")
    register = _register(
        seventh, eighth, lost_on="2030-03-31", exercised_on={"第7回": "2030-04-25",
                                                             "第8回": "2030-04-25"}
    )  # fmt: skip
    assert _window_messages(register) == [
        "series 第7回, 2030-04-25: exercise by holder H001 outside the holder's windows "
        "(2030-04-01 to 2030-04-10, clause 11) (rule: holder window)"
    ]
    late = _register(eighth, lost_on="2030-03-31", exercised_on={"第8回": "2030-05-01"})
    assert _window_messages(late) == [
        "series 第8回, 2030-05-01: exercise by holder H001 outside the holder's windows "
        "(2030-04-01 to 2030-04-30, clause 11) (rule: holder window)"
    ]


@pytest.mark.parametrize(
    ("rule", "window"),
    [("following", None), ("preceding", "2030-04-04 to 2030-04-12")],
)
def test_the_last_day_rule_is_the_series_own(rule: str, window: str | None) -> None:
    """The 10th day, 2030-04-13, is a Saturday: an exercise on Monday the 15th."""
    series = seventh_series(last_day_rule=rule)
    register = _register(series, lost_on="2030-04-03", exercised_on={"第7回": "2030-04-15"})
    expected = [] if window is None else [
        f"series 第7回, 2030-04-15: exercise by holder H001 outside the holder's windows "
        f"({window}, clause 11) (rule: holder window)"
    ]  # fmt: skip
    assert _window_messages(register) == expected


def test_a_series_rule_replaces_the_registers_and_keeps_the_rest() -> None:
    """The register's rules (Python) give 20 days; a series setting months keeps the 20."""
    series = seventh_series(holder_window_unit="months")
    template = ExerciseRules(
        exercise_period_start="2017-07-15", exercise_period_end="2047-07-14", holder_window=20
    )
    rules = series.window_rules(template)
    assert (rules.holder_window, rules.holder_window_unit) == (20, WindowUnit.MONTHS)
    assert (rules.heir_window, rules.heir_window_unit) == (6, WindowUnit.MONTHS)
    assert rules.last_day_rule is LastDayRule.FOLLOWING
    default = seventh_series().window_rules()
    assert (default.holder_window, default.holder_window_unit.value) == (10, "days")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"holder_window": 0}, "holder_window must be >= 1, got 0"),
        ({"heir_window_unit": "weeks"}, "heir_window_unit must be one of"),
        ({"last_day_rule": "nearest"}, "last_day_rule must be one of"),
    ],
)
def test_a_bad_window_rule_is_refused_naming_the_series(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(InputError, match=rf"^series 第7回: {message}"):
        seventh_series(**changes)


def test_csv_round_trip_writes_layout_2_only_when_a_series_sets_its_windows(
    tmp_path: Path,
) -> None:
    example = read_register_csv(EXAMPLE)
    plain = write_register_csv(example, tmp_path / "plain")
    lines = (tmp_path / "plain" / "series.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# stockrights register csv 1"
    assert "holder_window" not in lines[1]
    assert all(p.read_text(encoding="utf-8").startswith("# stockrights register csv 1\n")
               for p in plain)  # fmt: skip
    assert read_register_csv(tmp_path / "plain").series == example.series

    first, *rest = example.series
    changed = dataclasses.replace(
        first, holder_window=30, heir_window=1, heir_window_unit="years", last_day_rule="no_move"
    )
    register = dataclasses.replace(example, series=(changed, *rest))
    write_register_csv(register, tmp_path / "windows")
    text = (tmp_path / "windows" / "series.csv").read_text(encoding="utf-8").splitlines()
    assert text[0] == "# stockrights register csv 2"
    assert text[1].endswith(
        ",holder_window,holder_window_unit,heir_window,heir_window_unit,last_day_rule"
    )
    assert text[2].endswith(",30,,1,years,no_move")  # blank unit: the resolution's days
    back = read_register_csv(tmp_path / "windows")
    assert back.series == register.series
    assert back.series[0].window_rules().heir_window_unit is WindowUnit.YEARS
    assert back.series[1].holder_window is None


def test_a_bad_window_cell_names_file_row_and_column(tmp_path: Path) -> None:
    folder = tmp_path / "reg"
    shutil.copytree(EXAMPLE, folder)
    path = folder / "series.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = "# stockrights register csv 2"
    lines[1] += ",holder_window_unit"
    lines[2] += ",weeks"
    lines[3:] = [line + "," for line in lines[3:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = (
        r"^series\.csv row 3: series .+: holder_window_unit must be one of days, months, years, "
        r"got 'weeks'"
    )
    with pytest.raises(InputError, match=expected):
        read_register_csv(folder)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_register_workbook_carries_the_window_columns(tmp_path: Path, lang: str) -> None:
    from stockrights.registers.register_book import read_register_book, write_register_book

    example = read_register_csv(EXAMPLE)
    first, *rest = example.series
    changed = dataclasses.replace(first, holder_window=3, holder_window_unit="months")
    register = dataclasses.replace(example, series=(changed, *rest))
    book = write_register_book(register, tmp_path / f"r_{lang}.xlsx", lang=lang)
    back = read_register_book(book)
    assert back.series == register.series
    assert back.series[0].window_rules().holder_window_unit is WindowUnit.MONTHS
