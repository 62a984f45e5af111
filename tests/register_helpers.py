"""Shared builders of the register tests: the 7th series' terms with changes, and events."""

from __future__ import annotations

from stockrights.register import Event, Series


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
