"""Shared builders of the register tests: the 7th series' terms with changes, and events."""

from __future__ import annotations

from stockrights.register import Event, Register, Series


def seventh_series(name: str = "第7回", **changes: object) -> Series:
    """The resolution's 7th series (fair value 1,632.445 a share, illustrative), with changes."""
    fields: dict[str, object] = dict(
        name=name,
        allotment_date="2017-07-14",
        rights_allotted=245,
        shares_per_right=200,
        exercise_price=1,
        exercise_period_start="2017-07-15",
        exercise_period_end="2047-07-14",
        fair_value_per_share=1632.445,
    )
    fields.update(changes)
    return Series(**fields)  # type: ignore[arg-type]


def event(day: str, kind: str, rights: int, name: str, **kw: object) -> Event:
    """One event of series ``name``."""
    return Event(date=day, series=name, kind=kind, rights=rights, **kw)  # type: ignore[arg-type]


def vesting_register(*, forfeit: bool) -> Register:
    """100 rights x 100 shares, fair value 1,000 a share (100,000 a right, 10,000,000 in all),
    allotted 2021-04-01, vesting 2023-04-01 (730 days); optionally 10 rights forfeited before
    vesting, on 2022-10-01.
    """
    s = Series(
        name="V",
        allotment_date="2021-04-01",
        rights_allotted=100,
        shares_per_right=100,
        exercise_price=1,
        exercise_period_start="2023-04-02",
        exercise_period_end="2053-03-31",
        fair_value_per_share=1000,
        vesting_date="2023-04-01",
    )
    events = [event("2022-10-01", "forfeit", 10, "V")] if forfeit else []
    return Register.from_events(series=[s], events=events)
