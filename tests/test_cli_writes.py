"""Every command that writes a file is atomic and interruptible, as ``refresh`` is.

A Ctrl-C or a SIGTERM while ``import``, ``disclose``, ``register-book``, ``report`` or ``notice``
writes its output ends the command with one line on stderr and the shell's status (130 or 143),
no traceback, no temporary file left and the output untouched. The write goes through the light
:func:`stockrights.workbooks.atomic.atomic_write` (not the refresh module, which loads the
calculation engine).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from stockrights.cli import main
from stockrights.workbooks.atomic import Interrupted

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_BOOK = REPO / "workbooks" / "stockrights_example_7th_series.xlsx"
REGISTER = REPO / "workbooks" / "register_example"
DATA = REPO / "src" / "stockrights" / "data"


def _commands(out: Path) -> dict[str, tuple[list[str], Path]]:
    """Each writing command with its output path (the output is inside ``out``)."""
    return {
        "import prices": (
            ["import", "prices", str(DATA / "example_prices.csv"), "--into", str(EXAMPLE_BOOK)],
            out / "prices.xlsx",
        ),
        "import rates": (
            ["import", "rates", str(DATA / "example_jgbcm.csv"), "--into", str(EXAMPLE_BOOK)],
            out / "rates.xlsx",
        ),
        "disclose csv": (
            ["disclose", str(REGISTER), "--fiscal-year-end", "2023-03-31"],
            out / "note.csv",
        ),
        "disclose xlsx": (
            ["disclose", str(REGISTER), "--fiscal-year-end", "2023-03-31"],
            out / "note.xlsx",
        ),
        "register-book": (["register-book", "--from", str(REGISTER)], out / "register.xlsx"),
        "notice": (["notice", "--example"], out / "notice.txt"),
        "report": (["report", "--example"], out / "report.html"),
    }


NAMES = list(_commands(Path()).keys())


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    ("signal_raised", "status", "what"),
    [
        (KeyboardInterrupt(), 130, "Ctrl-C"),
        (Interrupted(signal.SIGTERM), 143, "SIGTERM"),
    ],
    ids=["ctrl-c", "sigterm"],
)
def test_interrupt_during_the_write_is_one_line_and_leaves_nothing(
    name: str,
    signal_raised: BaseException,
    status: int,
    what: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The interruption arrives while the file is synced: status 128+signal, one line, no file."""
    argv, output = _commands(tmp_path)[name]

    def interrupted(fd: int) -> None:
        raise signal_raised

    monkeypatch.setattr(os, "fsync", interrupted)
    assert main([*argv, "--output", str(output)]) == status
    err = capsys.readouterr().err
    assert err == f"stockrights: interrupted ({what}); no file was left half-written\n"
    assert list(tmp_path.iterdir()) == []  # neither the output nor a temporary file


@pytest.mark.parametrize("name", NAMES)
def test_existing_output_is_untouched_by_an_interrupted_write(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Ctrl-C while replacing an existing output leaves the old content in place."""
    argv, output = _commands(tmp_path)[name]
    output.write_bytes(b"the previous content")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    assert main([*argv, "--output", str(output)]) == 130
    assert output.read_bytes() == b"the previous content"
    assert [p.name for p in tmp_path.iterdir()] == [output.name]


@pytest.mark.parametrize("name", NAMES)
def test_read_only_output_is_refused_in_one_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An existing read-only output is refused (status 2, one line naming it), not replaced."""
    argv, output = _commands(tmp_path)[name]
    output.write_bytes(b"keep me")
    output.chmod(0o444)
    assert main([*argv, "--output", str(output)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("stockrights: error: ")
    assert str(output) in err
    assert "read-only" in err
    assert output.read_bytes() == b"keep me"


def test_writing_modules_do_not_load_the_refresh_engine() -> None:
    """The writers use the light atomic module: importing them loads no refresh machinery."""
    code = (
        "import sys\n"
        "import stockrights.importers.book, stockrights.importers.commands\n"
        "import stockrights.registers.outputs, stockrights.registers.register_book\n"
        "import stockrights.registers.csv_io, stockrights.registers.commands\n"
        "import stockrights.reports.api, stockrights.reports.commands\n"
        "from stockrights.reports import api\n"
        "heavy = sorted(m for m in ('stockrights.workbooks.refresh', 'formulas') "
        "if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == ""


@pytest.mark.parametrize("name", NAMES)
def test_output_under_a_file_names_the_file_in_the_way(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--output notes.txt/out.csv`` where notes.txt is a file: one line naming the flag and
    notes.txt.
    """
    argv, output = _commands(tmp_path)[name]
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder")
    target = blocker / "sub" / output.name
    assert main([*argv, "--output", str(target)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"stockrights: error: --output {target}: cannot be written ({blocker} is a file, "
        "not a folder)\n"
    )
    assert blocker.read_text() == "a file, not a folder"


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_notice_as_text_or_html_needs_no_report_extra(tmp_path: Path, suffix: str) -> None:
    """Without matplotlib and reportlab, the notice (no charts, no PDF) is still written."""
    out = tmp_path / f"notice{suffix}"
    code = (
        "import sys\n"
        "sys.modules['matplotlib'] = None\n"  # an import of it raises ImportError
        "sys.modules['reportlab'] = None\n"
        "from stockrights.cli import main\n"
        f"sys.exit(main(['notice', '--example', '--output', {str(out)!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert (done.returncode, done.stderr) == (0, "")
    assert "326,485" in out.read_text(encoding="utf-8")  # 1,632.424111 x 200 = 326,484.8 -> up


def test_report_without_the_extra_says_which_in_one_line(tmp_path: Path) -> None:
    """The report's charts need matplotlib: one line naming the extra, status 2, no file."""
    out = tmp_path / "report.html"
    code = (
        "import sys\n"
        "sys.modules['matplotlib'] = None\n"
        "from stockrights.cli import main\n"
        f"sys.exit(main(['report', '--example', '--output', {str(out)!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 2
    assert re.fullmatch(
        r"stockrights: error: report needs the 'report' extra \(missing module "
        r"matplotlib[.a-z_]*\): pip install 'stockrights\[report\]'\n",
        done.stderr,
    )
    assert not out.exists()
