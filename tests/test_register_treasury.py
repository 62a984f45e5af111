"""Treasury shares delivered on exercise: the journal (art. 17, Statement No. 1), CSV and book.

Hand arithmetic in the comments; the new-shares case is disclosure.md §4's illustration (101
shares, fair value 1,500 a share, 1 yen a share: 151,500 + 101 = 151,601 -> 資本金 75,801,
資本準備金 75,800).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from register_helpers import event, seventh_series
from stockrights.disclosure import (
    DisclosureSettings,
    EntryLine,
    MixRounding,
    TreasuryLoss,
    disclose,
    exercise_lines,
)
from stockrights.errors import InputError
from stockrights.example import COMPANY_ACTIONS
from stockrights.register import Event, Register, reconcile
from stockrights.registers.csv_io import read_register_csv, write_register_csv

EXAMPLE = Path(__file__).resolve().parents[1] / "workbooks" / "register_example"


def lines(**kw: object) -> dict[tuple[str, str], int]:
    """The entry as {(account, side): amount}."""
    out: dict[tuple[str, str], int] = {}
    for line in exercise_lines(**kw):  # type: ignore[arg-type]
        side, amount = ("debit", line.debit) if line.debit else ("credit", line.credit)
        out[(line.account, side)] = amount
    return out


# 101 shares at 1 yen: cash 101; 101 x 1,500 = 151,500 book value; consideration 151,601.
BASE = dict(cash=101, book_value=151_500, shares=101)


def test_new_shares_only_is_the_capital_split_of_the_whole_consideration() -> None:
    """disclosure.md §4: 151,601 -> 資本金 ceil(75,800.5) = 75,801, 資本準備金 75,800."""
    assert lines(**BASE) == {
        ("cash_and_deposits", "debit"): 101,
        ("stock_acquisition_rights", "debit"): 151_500,
        ("capital_stock", "credit"): 75_801,
        ("capital_reserve", "credit"): 75_800,
    }


def test_treasury_shares_only_with_a_gain() -> None:
    """Cost 120,000: 処分差益 = 151,601 - 120,000 = 31,601 to その他資本剰余金; no capital."""
    assert lines(**BASE, treasury_shares=101, treasury_cost=120_000) == {
        ("cash_and_deposits", "debit"): 101,
        ("stock_acquisition_rights", "debit"): 151_500,
        ("treasury_stock", "credit"): 120_000,
        ("other_capital_surplus", "credit"): 31_601,
    }


@pytest.mark.parametrize("loss", list(TreasuryLoss))
def test_treasury_shares_only_with_a_loss(loss: TreasuryLoss) -> None:
    """Cost 200,000: 処分差損 = 200,000 - 151,601 = 48,399, a debit to その他資本剰余金.

    With no new share the capital increase limit is 0, so both loss settings agree.
    """
    got = lines(
        **BASE,
        treasury_shares=101,
        treasury_cost=200_000,
        settings=DisclosureSettings(treasury_loss=loss),
    )
    assert got == {
        ("cash_and_deposits", "debit"): 101,
        ("stock_acquisition_rights", "debit"): 151_500,
        ("other_capital_surplus", "debit"): 48_399,
        ("treasury_stock", "credit"): 200_000,
    }


def test_a_mix_applies_the_capital_increase_to_the_new_share_fraction_only() -> None:
    """60 new + 41 treasury shares, cost 50,000.

    Share-issue ratio 60 / 101; 151,601 = 101 x 1,501, so the new-share part is 60 x 1,501 =
    90,060 exactly and the treasury part 41 x 1,501 = 61,541. 差益 61,541 - 50,000 = 11,541.
    Capital ceil(90,060 / 2) = 45,030; reserve 45,030.
    """
    assert lines(**BASE, treasury_shares=41, treasury_cost=50_000) == {
        ("cash_and_deposits", "debit"): 101,
        ("stock_acquisition_rights", "debit"): 151_500,
        ("treasury_stock", "credit"): 50_000,
        ("capital_stock", "credit"): 45_030,
        ("capital_reserve", "credit"): 45_030,
        ("other_capital_surplus", "credit"): 11_541,
    }


def test_a_mix_with_a_loss_reduces_the_capital_increase_first_by_default() -> None:
    """60 new + 41 treasury, cost 80,000: 差損 80,000 - 61,541 = 18,459.

    capital_first (art. 17(1) item 5): limit 90,060 - 18,459 = 71,601 -> capital
    ceil(35,800.5) = 35,801, reserve 35,800, nothing to その他資本剰余金.
    surplus: limit 90,060 -> 45,030 / 45,030, and 18,459 debited to その他資本剰余金.
    """
    first = lines(**BASE, treasury_shares=41, treasury_cost=80_000)
    assert first == {
        ("cash_and_deposits", "debit"): 101,
        ("stock_acquisition_rights", "debit"): 151_500,
        ("treasury_stock", "credit"): 80_000,
        ("capital_stock", "credit"): 35_801,
        ("capital_reserve", "credit"): 35_800,
    }
    surplus = lines(
        **BASE,
        treasury_shares=41,
        treasury_cost=80_000,
        settings=DisclosureSettings(treasury_loss="surplus"),
    )
    assert surplus == {
        ("cash_and_deposits", "debit"): 101,
        ("stock_acquisition_rights", "debit"): 151_500,
        ("other_capital_surplus", "debit"): 18_459,
        ("treasury_stock", "credit"): 80_000,
        ("capital_stock", "credit"): 45_030,
        ("capital_reserve", "credit"): 45_030,
    }


def test_a_loss_larger_than_the_new_share_part_leaves_no_capital_increase() -> None:
    """10 shares (1 new, 9 treasury), cash 10 + book 1,000 = 1,010: new part 101, treasury
    part 909; cost 2,000 -> 差損 1,091; 101 absorbs the limit to 0 (never below), the other
    990 goes to その他資本剰余金. Dr 1,010 + 990 = 2,000 = Cr 自己株式.
    """
    got = lines(cash=10, book_value=1_000, shares=10, treasury_shares=9, treasury_cost=2_000)
    assert got == {
        ("cash_and_deposits", "debit"): 10,
        ("stock_acquisition_rights", "debit"): 1_000,
        ("other_capital_surplus", "debit"): 990,
        ("treasury_stock", "credit"): 2_000,
    }


@pytest.mark.parametrize(
    ("rounding", "capital", "reserve", "gain"),
    [
        # 1,100 x 2 / 3 = 733.33...: down 733 (capital ceil(366.5) = 367, reserve 366),
        # treasury part 367, gain 367 - 300 = 67
        (MixRounding.DOWN, 367, 366, 67),
        # half-up 733 as well (.33 < .5)
        (MixRounding.HALF_UP, 367, 366, 67),
        # up 734 -> 367 / 367; treasury part 366, gain 66
        (MixRounding.UP, 367, 367, 66),
    ],
)
def test_mix_rounding_of_the_new_share_part(
    rounding: MixRounding, capital: int, reserve: int, gain: int
) -> None:
    """3 shares (2 new, 1 treasury), consideration 100 + 1,000 = 1,100, cost 300."""
    got = lines(
        cash=100,
        book_value=1_000,
        shares=3,
        treasury_shares=1,
        treasury_cost=300,
        settings=DisclosureSettings(mix_rounding=rounding),
    )
    assert got[("capital_stock", "credit")] == capital
    assert got[("capital_reserve", "credit")] == reserve
    assert got[("other_capital_surplus", "credit")] == gain


def test_half_up_differs_from_down_at_a_half() -> None:
    """Consideration 3, 2 shares (1 new): 1.5 -> down 1, half-up 2."""
    kw = dict(cash=1, book_value=2, shares=2, treasury_shares=1, treasury_cost=0)
    down = lines(**kw)
    half = lines(**kw, settings=DisclosureSettings(mix_rounding="half_up"))
    # down: limit 1 -> capital 1, reserve 0; treasury part 2, gain 2
    assert down == {
        ("cash_and_deposits", "debit"): 1,
        ("stock_acquisition_rights", "debit"): 2,
        ("capital_stock", "credit"): 1,
        ("other_capital_surplus", "credit"): 2,
    }
    # half-up: limit 2 -> 1 / 1; treasury part 1, gain 1
    assert half[("capital_stock", "credit")] == 1
    assert half[("capital_reserve", "credit")] == 1
    assert half[("other_capital_surplus", "credit")] == 1


def test_bad_treasury_inputs_name_the_field() -> None:
    with pytest.raises(InputError, match=r"^treasury_shares must be from 0 to the 101 shares"):
        exercise_lines(**BASE, treasury_shares=102, treasury_cost=1)  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"^treasury_shares must be blank for a lapse"):
        Event(date="2020-01-01", series="S", kind="lapse", rights=1, treasury_shares=5)
    with pytest.raises(InputError, match=r"^treasury_cost must be given with treasury_shares"):
        Event(date="2020-01-01", series="S", kind="exercise", rights=1, treasury_shares=5)
    with pytest.raises(InputError, match=r"^treasury_cost must be blank when no treasury"):
        Event(date="2020-01-01", series="S", kind="exercise", rights=1, treasury_cost=5)
    with pytest.raises(InputError, match=r"^treasury_cost must be >= 0"):
        Event(
            date="2020-01-01",
            series="S",
            kind="exercise",
            rights=1,
            treasury_shares=5,
            treasury_cost=-1,
        )


# --- invariants ---------------------------------------------------------------------------


def _sums(entry: tuple[EntryLine, ...]) -> tuple[int, int]:
    return sum(x.debit for x in entry), sum(x.credit for x in entry)


@settings(max_examples=300, deadline=None)
@given(
    cash=st.integers(0, 10**9),
    book=st.integers(0, 10**10),
    shares=st.integers(1, 10**6),
    data=st.data(),
    rounding=st.sampled_from(list(MixRounding)),
    loss=st.sampled_from(list(TreasuryLoss)),
)
def test_every_exercise_entry_balances(
    cash: int,
    book: int,
    shares: int,
    data: st.DataObject,
    rounding: MixRounding,
    loss: TreasuryLoss,
) -> None:
    """Debits equal credits; capital + reserve never exceed the new-share fraction of the
    consideration (rounded up at most by one yen), and are zero with treasury shares only.
    """
    treasury = data.draw(st.integers(0, shares))
    cost = data.draw(st.integers(0, 2 * (cash + book) + 10)) if treasury else 0
    opts = DisclosureSettings(mix_rounding=rounding, treasury_loss=loss)
    entry = exercise_lines(
        cash=cash,
        book_value=book,
        shares=shares,
        treasury_shares=treasury,
        treasury_cost=cost,
        settings=opts,
    )
    debit, credit = _sums(entry)
    assert debit == credit
    capital = sum(x.credit for x in entry if x.account in ("capital_stock", "capital_reserve"))
    total = cash + book
    new = shares - treasury
    assert capital * shares <= total * new + shares  # <= ceil(T x f)
    if treasury == shares:
        assert capital == 0
    assert all(x.debit >= 0 and x.credit >= 0 for x in entry)


@settings(max_examples=200, deadline=None)
@given(cash=st.integers(0, 10**9), book=st.integers(0, 10**10), shares=st.integers(1, 10**6))
def test_new_shares_only_is_exactly_the_old_entry(cash: int, book: int, shares: int) -> None:
    """No treasury shares: Dr cash + Dr rights / Cr capital ceil(T / 2) + Cr reserve the rest
    (clause (6)), zero lines left out: the entry of every release before treasury shares.
    """
    total = cash + book
    stock = -(-total // 2)
    expected = tuple(
        x
        for x in (
            EntryLine(account="cash_and_deposits", debit=cash),
            EntryLine(account="stock_acquisition_rights", debit=book),
            EntryLine(account="capital_stock", credit=stock),
            EntryLine(account="capital_reserve", credit=total - stock),
        )
        if x.debit or x.credit
    )
    for settings_ in (DisclosureSettings(), DisclosureSettings(mix_rounding="up")):
        assert exercise_lines(cash=cash, book_value=book, shares=shares, settings=settings_) == (
            expected
        )


# --- through the register -----------------------------------------------------------------


def _register(**treasury: object) -> Register:
    s = seventh_series("S")
    return Register.from_events(
        series=[s],
        events=[
            event("2019-06-30", "exercise", 10, "S", share_price=2400),
            event("2022-06-30", "exercise", 5, "S", share_price=2400, **treasury),
            event("2022-11-15", "exercise", 3, "S", share_price=1300),
        ],
        actions=COMPANY_ACTIONS,
    )


def test_disclose_books_treasury_shares_and_changes_no_count() -> None:
    """2022-06-30: 5 rights x 400 shares = 2,000 shares, all from treasury at cost 1,000,000.

    Book value 5 x 326,489 = 1,632,445 (326,489 = ceil(1,632.445 x 200)); cash 2,000;
    consideration 1,634,445; 差益 634,445. The note's counts, the status table and the dilution
    are those of the register delivering new shares: they count shares delivered and shares
    issuable on the rights outstanding, however an exercise was satisfied.
    """
    new = disclose(_register(), fiscal_year_end="2023-03-31")
    mixed = disclose(
        _register(treasury_shares=2_000, treasury_cost=1_000_000), fiscal_year_end="2023-03-31"
    )
    entry = mixed.journal[0]
    assert entry.treasury_shares == 2_000
    assert {(x.account, x.debit, x.credit) for x in entry.lines} == {
        ("cash_and_deposits", 2_000, 0),
        ("stock_acquisition_rights", 1_632_445, 0),
        ("treasury_stock", 0, 1_000_000),
        ("other_capital_surplus", 0, 634_445),
    }
    assert mixed.journal[1] == new.journal[1]
    assert (mixed.counts, mixed.prices, mixed.status, mixed.accounting) == (
        new.counts,
        new.prices,
        new.status,
        new.accounting,
    )
    assert mixed.shares_issuable == new.shares_issuable
    facts = {(f.item): f.value for f in mixed.facts()}
    assert facts["journal.1.treasury_shares"] == 2_000
    assert facts["journal.1.treasury_stock.credit"] == 1_000_000
    assert facts["journal.1.other_capital_surplus.credit"] == 634_445
    assert not any(".treasury" in f.item for f in new.facts())


def test_per_day_rounding_books_a_day_of_exercises_together() -> None:
    """Two exercises of 2022-06-30 (5 and 2 rights, 400 shares each): per day, one entry of
    7 rights, 2,800 shares of which 2,000 treasury (cost 1,000,000).

    Consideration 7 x 326,489 + 2,800 = 2,285,423 + 2,800 = 2,288,223; new-share part
    2,288,223 x 800 / 2,800 = 4,576,446 / 7 = 653,778 exactly; treasury part 1,634,445;
    差益 1,634,445 - 1,000,000 = 634,445; capital 653,778 / 2 = 326,889, reserve 326,889.
    """
    s = seventh_series("S")
    r = Register.from_events(
        series=[s],
        events=[
            event(
                "2022-06-30",
                "exercise",
                5,
                "S",
                share_price=2400,
                treasury_shares=2_000,
                treasury_cost=1_000_000,
            ),
            event("2022-06-30", "exercise", 2, "S", share_price=2400),
        ],
        actions=COMPANY_ACTIONS,
    )
    d = disclose(
        r, fiscal_year_end="2023-03-31", settings=DisclosureSettings(capital_rounding="per_day")
    )
    (entry,) = d.journal
    assert (entry.rights, entry.shares, entry.treasury_shares) == (7, 2_800, 2_000)
    assert {(x.account, x.debit, x.credit) for x in entry.lines} == {
        ("cash_and_deposits", 2_800, 0),
        ("stock_acquisition_rights", 2_285_423, 0),
        ("treasury_stock", 0, 1_000_000),
        ("capital_stock", 0, 326_889),
        ("capital_reserve", 0, 326_889),
        ("other_capital_surplus", 0, 634_445),
    }


def test_reconcile_refuses_more_treasury_shares_than_delivered() -> None:
    r = _register(treasury_shares=2_001, treasury_cost=1)
    (problem,) = reconcile(r)
    assert problem.message == (
        "series S, 2022-06-30: 2001 treasury shares delivered exceed the 2000 shares delivered "
        "(5 x 400 shares per right) (rule: treasury shares)"
    )


# --- CSV and the register workbook --------------------------------------------------------


def test_csv_layout_3_only_when_treasury_shares_are_delivered(tmp_path: Path) -> None:
    """A register without treasury shares is written byte for byte as before (layout 1 here);
    with them, layout 3 with the two columns, read back to the same events and disclosure.
    """
    example = read_register_csv(EXAMPLE)
    write_register_csv(example, tmp_path / "plain")
    for name in ("series.csv", "events.csv", "actions.csv"):
        assert (tmp_path / "plain" / name).read_bytes() == (EXAMPLE / name).read_bytes()

    r = _register(treasury_shares=800, treasury_cost=400_000)
    write_register_csv(r, tmp_path / "t")
    text = (tmp_path / "t" / "events.csv").read_text(encoding="utf-8").splitlines()
    assert text[0] == "# stockrights register csv 3"
    assert text[1] == (
        "date,series,kind,rights,share_price,shares,holder,treasury_shares,treasury_cost"
    )
    assert text[3] == "2022-06-30,S,exercise,5,2400,,,800,400000"
    assert text[2].endswith(",,")
    back = read_register_csv(tmp_path / "t")
    assert list(back.event_rows()) == list(r.event_rows())
    fy = "2023-03-31"
    assert disclose(back, fiscal_year_end=fy).facts() == disclose(r, fiscal_year_end=fy).facts()


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (
            "lapse,1,,,,5,100",
            "events.csv row 3, column treasury_shares: treasury_shares must be blank for a "
            "lapse (only an exercise delivers shares), got 5",
        ),
        (
            "exercise,1,2000,,,5,",
            "events.csv row 3, column treasury_cost: treasury_cost must be given with "
            "treasury_shares (5): the book value of the treasury shares delivered, yen",
        ),
        (
            "exercise,1,2000,,,,7",
            "events.csv row 3, column treasury_cost: treasury_cost must be blank when no "
            "treasury shares are delivered, got 7",
        ),
        (
            "exercise,1,2000,,,-5,7",
            "events.csv row 3, column treasury_shares: treasury_shares must be >= 0, got -5",
        ),
        (
            "exercise,1,2000,,,two,7",
            "events.csv row 3, column treasury_shares: treasury_shares must be a whole number, "
            "got 'two'",
        ),
    ],
)
def test_csv_treasury_cells_errors_name_row_and_column(
    tmp_path: Path, cells: str, message: str
) -> None:
    r = _register(treasury_shares=800, treasury_cost=400_000)
    write_register_csv(r, tmp_path)
    path = tmp_path / "events.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    rows[2] = "2019-06-30,S," + cells
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_register_csv(tmp_path)
    assert str(err.value) == message


def test_register_workbook_round_trips_treasury_columns(tmp_path: Path) -> None:
    """CSV layout 3 -> workbook (JA and EN) -> register: the same events; labels from the
    catalogue on row 3, keys on row 4.
    """
    from openpyxl import load_workbook

    from stockrights.registers.register_book import read_register_book, write_register_book

    r = _register(treasury_shares=800, treasury_cost=400_000)
    for lang, label in (("ja", "うち自己株式の交付数"), ("en", "Of which treasury shares")):
        path = write_register_book(r, tmp_path / f"b_{lang}.xlsx", lang=lang)
        back = read_register_book(path)
        assert list(back.event_rows()) == list(r.event_rows())
        book = load_workbook(path)
        sheet = book.worksheets[2]
        keys = [c.value for c in sheet[4]]
        labels = [c.value for c in sheet[3]]
        assert labels[keys.index("treasury_shares")] == label
        assert book.worksheets[0]["B3"].value == 4  # the current layout (4: expense lines)


@settings(max_examples=40, deadline=None)
@given(
    exercises=st.lists(
        st.tuples(
            st.dates(min_value=dt.date(2022, 4, 1), max_value=dt.date(2023, 3, 31)),
            st.integers(1, 5),
            st.floats(0, 1),
            st.integers(0, 5_000_000),
        ),
        min_size=1,
        max_size=8,
    ),
    per_day=st.booleans(),
)
def test_every_journal_of_a_register_balances_and_counts_ignore_treasury(
    exercises: list[tuple[dt.date, int, float, int]], per_day: bool
) -> None:
    """Random exercises in FY2022 (some from treasury): each entry balances; the counts, the
    status table and the accounting equal those of the same register with new shares only,
    and a register whose treasury cells say 0 books exactly the new-only journal.
    """
    s = seventh_series("S")
    spr = {True: 800, False: 400}  # 200 x 2 (2021 split) x 2 from 2022-10-01

    def events(mode: str) -> list[Event]:
        out = []
        for day, rights, share, cost in exercises:
            shares = rights * spr[day >= dt.date(2022, 10, 1)]
            treasury = int(share * shares)
            kw: dict[str, object] = {}
            if mode == "treasury" and treasury:
                kw = {"treasury_shares": treasury, "treasury_cost": cost}
            elif mode == "zero":
                kw = {"treasury_shares": 0}
            out.append(event(day.isoformat(), "exercise", rights, "S", share_price=2000, **kw))
        return out

    opts = DisclosureSettings(capital_rounding="per_day" if per_day else "per_exercise")
    results = {
        mode: disclose(
            Register.from_events(series=[s], events=events(mode), actions=COMPANY_ACTIONS),
            fiscal_year_end="2023-03-31",
            settings=opts,
        )
        for mode in ("new", "treasury", "zero")
    }
    for entry in results["treasury"].journal:
        assert _sums(entry.lines)[0] == _sums(entry.lines)[1]
    new, treasury = results["new"], results["treasury"]
    assert (treasury.counts, treasury.status, treasury.accounting) == (
        new.counts,
        new.status,
        new.accounting,
    )
    assert results["zero"].journal == new.journal
