"""``write_register_csv`` writes its files as one set: a failure mid-way changes none of them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from stockrights.register import Register
from stockrights.registers.csv_io import read_register_csv, write_register_csv
from stockrights.restructuring import Restructuring
from stockrights.workbooks.atomic import TEMP_PATTERN
from stockrights.workbooks.errors import WorkbookError

EXAMPLE = Path(__file__).resolve().parents[1] / "workbooks" / "register_example"
FILES = ("series.csv", "events.csv", "actions.csv")


def _old_and_new() -> tuple[Register, Register]:
    """Old: the example's first series alone, without events. New: the whole example."""
    new = read_register_csv(EXAMPLE)
    old = Register.from_events(series=new.series[:1], actions=new.actions)
    return old, new


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if TEMP_PATTERN.match(p.name)]


def test_a_failed_third_write_leaves_the_old_set(tmp_path: Path) -> None:
    """actions.csv (the third file) is read-only: the write is refused and series.csv and
    events.csv keep the old register (before: new series.csv beside the old events.csv).
    """
    old, new = _old_and_new()
    write_register_csv(old, tmp_path)
    before = _contents(tmp_path)
    (tmp_path / "actions.csv").chmod(0o444)
    with pytest.raises(WorkbookError, match=r"actions\.csv: is read-only"):
        write_register_csv(new, tmp_path)
    assert _contents(tmp_path) == before
    assert _temps(tmp_path) == []
    assert read_register_csv(tmp_path).series == old.series


def test_a_failed_third_rename_puts_the_first_two_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The third os.replace fails (a full disk, a lost mount): the two files already moved in
    are put back from their backups; no temporary file is left.
    """
    old, new = _old_and_new()
    write_register_csv(old, tmp_path)
    before = _contents(tmp_path)
    real_replace = os.replace
    moved: list[str] = []

    def failing(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst).name in FILES:
            moved.append(Path(dst).name)
            if len(moved) == 3:
                raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError, match="No space left"):
        write_register_csv(new, tmp_path)
    monkeypatch.undo()
    assert moved[:3] == list(FILES)
    assert _contents(tmp_path) == before
    assert _temps(tmp_path) == []


def test_a_table_the_new_register_lacks_is_removed_with_the_set(tmp_path: Path) -> None:
    """Old register with a restructuring, new one without: restructurings.csv goes, so the
    folder reads back as the new register (not the new series with the old restructuring).
    """
    _, new = _old_and_new()
    deal = Restructuring(kind="share_exchange", effective_date="2030-04-01", share_ratio=0.37)
    with_deal = Register.from_events(
        series=new.series, events=new.event_rows(), actions=new.actions, restructurings=[deal]
    )
    write_register_csv(with_deal, tmp_path)
    assert (tmp_path / "restructurings.csv").exists()
    written = write_register_csv(new, tmp_path)
    assert [p.name for p in written] == list(FILES)
    assert not (tmp_path / "restructurings.csv").exists()
    assert read_register_csv(tmp_path).restructurings == ()
    assert sorted(_contents(tmp_path)) == sorted(FILES)
