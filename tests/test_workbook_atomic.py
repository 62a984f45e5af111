"""Files are written atomically, and safely.

Read-only outputs are refused, links written through, temp names short, leftovers cleaned, and
SIGTERM / Ctrl-C end with one line, status 143 / 130 and no temp file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import openpyxl
import pytest

from stockrights.cli import main
from stockrights.workbooks.atomic import (
    TEMP_PATTERN,
    atomic_write,
    remove_stale_temps,
    temp_name,
)
from stockrights.workbooks.errors import WorkbookError

SRC = Path(__file__).parent.parent / "src"


def _book(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "s"
    wb.active["A1"] = 3
    wb.active["A2"] = "=A1*2"
    wb.save(path)
    return path


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def _cached_a2(path: Path) -> object:
    return openpyxl.load_workbook(path, data_only=True)["s"]["A2"].value


def test_a_read_only_output_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    """A mode 444 output: one line naming it, status 2, the file unchanged (also as root)."""
    book = _book(tmp_path / "book.xlsx")
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"keep me")
    out.chmod(0o444)
    assert main(["refresh", str(book), "--output", str(out), "--quiet"]) == 2
    assert out.read_bytes() == b"keep me"
    assert oct(out.stat().st_mode & 0o777) == "0o444"
    with pytest.raises(WorkbookError, match=r"out\.xlsx: is read-only; make it writable or"):
        atomic_write(out, lambda fh: fh.write(b"x"))
    assert _temps(tmp_path) == []


def test_a_symlinked_output_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    """`--output link.xlsx` -> real/book.xlsx: the target gets the values, the link stays."""
    book = _book(tmp_path / "book.xlsx")
    real = tmp_path / "real"
    real.mkdir()
    target = real / "shared.xlsx"
    target.write_bytes(book.read_bytes())
    link = tmp_path / "link.xlsx"
    link.symlink_to(target)
    assert main(["refresh", str(book), "--output", str(link), "--quiet"]) == 0
    assert link.is_symlink()
    assert os.readlink(link) == str(target)
    assert _cached_a2(target) == 6  # A1 * 2 = 3 * 2
    assert _temps(tmp_path) == []
    assert _temps(real) == []


def test_a_link_to_a_link_is_followed_to_the_end(tmp_path: Path) -> None:
    """Both links survive; the file at the end of the chain is replaced."""
    end = tmp_path / "end.bin"
    end.write_bytes(b"old")
    middle = tmp_path / "middle.bin"
    middle.symlink_to(end)
    first = tmp_path / "first.bin"
    first.symlink_to(middle)
    assert atomic_write(first, lambda fh: fh.write(b"new")) == end
    assert first.is_symlink()
    assert middle.is_symlink()
    assert end.read_bytes() == b"new"


def test_an_eighty_character_japanese_name_is_written(tmp_path: Path) -> None:
    """80 x 3 bytes + '.xlsx' = 245 bytes: allowed; the temp name is short (at most 22 bytes)."""
    book = _book(tmp_path / "book.xlsx")
    out = tmp_path / ("新株予約権" * 16 + ".xlsx")
    assert len(out.name.encode()) == 245
    assert main(["refresh", str(book), "--output", str(out), "--quiet"]) == 0
    assert _cached_a2(out) == 6
    assert len(temp_name().encode()) <= 22
    assert _temps(tmp_path) == []


def test_temps_of_a_dead_process_are_removed_and_others_kept(tmp_path: Path) -> None:
    """A leftover whose pid is gone is removed at the next write; a live one's and others stay."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    dead = int(done.stdout)
    stale = tmp_path / f".~sr{dead}-abc123.tmp"
    live = tmp_path / f".~sr{os.getppid()}-abc123.tmp"
    unrelated = tmp_path / ".~other.tmp"
    for path in (stale, live, unrelated):
        path.write_bytes(b"half a workbook")
    atomic_write(tmp_path / "out.bin", lambda fh: fh.write(b"x"))
    assert not stale.exists()
    assert live.exists()
    assert unrelated.exists()
    assert remove_stale_temps(tmp_path) == ()


def test_a_failing_write_leaves_the_output_and_no_temp(tmp_path: Path) -> None:
    """An exception inside write(): the old content stays, the temp file is gone."""
    out = tmp_path / "out.bin"
    out.write_bytes(b"old")

    def fail(fh: object) -> None:
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(out, fail)
    assert out.read_bytes() == b"old"
    assert _temps(tmp_path) == []


def test_temp_names_are_recognised_and_nothing_else() -> None:
    """The pattern accepts what temp_name makes, never an ordinary hidden file."""
    assert TEMP_PATTERN.match(temp_name())
    assert not TEMP_PATTERN.match(".book.xlsx.abc.tmp")
    assert not TEMP_PATTERN.match(".~sr12-abc.tmp")


_SLOW_WRITER = textwrap.dedent(
    """
    import sys, time
    from stockrights.workbooks.atomic import atomic_write, interruptible

    def write(fh):
        fh.write(b"half")
        fh.flush()
        print("writing", flush=True)
        time.sleep(60)

    @interruptible
    def handler(target):
        atomic_write(target, write)
        return 0

    sys.exit(handler(sys.argv[1]))
    """
)


@pytest.mark.parametrize(
    ("signum", "status", "what"),
    [(signal.SIGTERM, 143, "SIGTERM"), (signal.SIGINT, 130, "Ctrl-C")],
    ids=["sigterm", "ctrl-c"],
)
def test_a_signal_mid_write_removes_the_temp_and_prints_one_line(
    tmp_path: Path, signum: int, status: int, what: str
) -> None:
    """A real child killed while atomic_write is writing: 128 + signal, one line, no temp."""
    out = tmp_path / "out.bin"
    out.write_bytes(b"old")
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    assert child.stdout is not None
    assert child.stdout.readline() == "writing\n"
    assert any(TEMP_PATTERN.match(name) for name in _temps(tmp_path))  # really mid-write
    child.send_signal(signum)
    _, err = child.communicate(timeout=30)
    assert child.returncode == status
    assert err == f"stockrights: interrupted ({what}); no file was left half-written\n"
    assert out.read_bytes() == b"old"
    assert _temps(tmp_path) == []


@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)], ids=["sigterm", "ctrl-c"]
)
def test_refresh_stopped_by_a_signal_ends_with_one_line(
    tmp_path: Path, signum: int, status: int
) -> None:
    """`stockrights refresh` signalled while it calculates: no traceback, no temp, 143 / 130."""
    book = _book(tmp_path / "book.xlsx")
    before = book.read_bytes()
    child = subprocess.Popen(
        [sys.executable, "-m", "stockrights.cli", "refresh", str(book)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stderr is not None
    assert child.stderr.readline().startswith("stockrights: reading")
    child.send_signal(signum)
    _, err = child.communicate(timeout=60)
    last = err.strip().splitlines()[-1]
    assert child.returncode == status, err
    assert "Traceback" not in err
    assert last.startswith("stockrights: interrupted (")
    assert book.read_bytes() == before
    assert _temps(tmp_path) == []
