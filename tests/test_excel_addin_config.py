"""``stockrights addin config``: the xlwings settings file is merged, never clobbered."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stockrights.cli import main
from stockrights.errors import InputError
from stockrights.excel.addin_config import (
    UDF_MODULE,
    configure_addin,
    default_config_path,
    format_entry,
    interpreter_settings,
    merge_settings,
    parse_config,
)

WIN = {"executable": r"C:\Users\yamada\py\python.exe", "platform": "win32", "environ": {}}


def _settings(text: str) -> dict[str, str]:
    """Read a settings file as xlwings' Python reader does (utils.read_user_config)."""
    config = {}
    for line in text.splitlines():
        values = re.findall(r'"[^"]*"', line)
        if values:
            config[values[0].strip('"').lower()] = values[1].strip('"')
    return config


def test_new_file_gets_the_interpreter_and_the_udf_module(tmp_path: Path) -> None:
    """A missing file (and folder) is created with the two settings."""
    conf = tmp_path / ".xlwings" / "xlwings.conf"
    result = configure_addin(path=conf, **WIN)
    assert result.written
    assert conf.read_text() == (
        '"INTERPRETER_WIN","C:\\Users\\yamada\\py\\python.exe"\n'
        '"UDF MODULES","stockrights.excel.udfs"\n'
    )


def test_other_keys_and_lines_are_kept_and_modules_merged(tmp_path: Path) -> None:
    """LICENSE_KEY, odd lines and other UDF modules survive; the interpreter is updated in place."""
    conf = tmp_path / "xlwings.conf"
    conf.write_text(
        '"INTERPRETER_WIN","C:\\old\\python.exe"\n'
        '"LICENSE_KEY","abc"\n'
        "a line xlwings would ignore\n"
        '"Udf Modules","mymodule;other"\n'
        '"INTERPRETER_WIN","C:\\older\\python.exe"\n'
    )
    configure_addin(path=conf, **WIN)
    assert conf.read_text() == (
        '"INTERPRETER_WIN","C:\\Users\\yamada\\py\\python.exe"\n'
        '"LICENSE_KEY","abc"\n'
        "a line xlwings would ignore\n"
        '"Udf Modules","mymodule;other;stockrights.excel.udfs"\n'
    )
    assert _settings(conf.read_text())["udf modules"] == "mymodule;other;stockrights.excel.udfs"


def test_idempotent(tmp_path: Path) -> None:
    """Running it again changes nothing and writes nothing."""
    conf = tmp_path / "xlwings.conf"
    first = configure_addin(path=conf, **WIN)
    mtime = conf.stat().st_mtime_ns
    second = configure_addin(path=conf, **WIN)
    assert first.written
    assert not second.written
    assert not second.changed
    assert conf.stat().st_mtime_ns == mtime


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    """--dry-run computes the text but leaves the disk alone."""
    conf = tmp_path / "xlwings.conf"
    result = configure_addin(path=conf, dry_run=True, **WIN)
    assert not conf.exists()
    assert not result.written
    assert result.changed
    assert '"UDF MODULES","stockrights.excel.udfs"' in result.after


def test_conda_keys_as_xlwings_config_create_writes_them() -> None:
    """In a conda env on Windows: CONDA PATH (two levels above conda.exe) and CONDA ENV."""
    settings = interpreter_settings(
        executable=r"C:\Users\y\miniconda3\envs\sar\python.exe",
        platform="win32",
        environ={
            "CONDA_DEFAULT_ENV": "sar",
            "CONDA_EXE": r"C:\Users\y\miniconda3\Scripts\conda.exe",
        },
    )
    assert settings == {"CONDA PATH": r"C:\Users\y\miniconda3", "CONDA ENV": "sar"}
    assert interpreter_settings(executable="/usr/bin/python3", platform="darwin", environ={}) == {
        "INTERPRETER_MAC": "/usr/bin/python3"
    }


def test_values_the_format_cannot_hold_are_refused() -> None:
    """A double quote or a line break cannot be written in "KEY","VALUE" form."""
    with pytest.raises(InputError, match=r"^value must not contain a double quote"):
        format_entry("INTERPRETER_WIN", 'C:\\a"b')


def test_unreadable_file_is_a_one_line_error(tmp_path: Path) -> None:
    """A folder given as the file gives an InputError naming the path, not a traceback."""
    with pytest.raises(InputError, match="file must be a readable text file"):
        configure_addin(path=tmp_path, **WIN)


def test_encoding_is_the_one_given(tmp_path: Path) -> None:
    """A Japanese user name survives in cp932, the encoding VBA reads on Japanese Windows."""
    conf = tmp_path / "xlwings.conf"
    configure_addin(
        path=conf,
        executable=r"C:\Users\山田\python.exe",
        platform="win32",
        environ={},
        encoding="cp932",
    )
    assert "山田" in conf.read_text(encoding="cp932")


def test_default_path_is_the_user_config_file() -> None:
    """The default is ~/.xlwings/xlwings.conf, the file xlwings itself reads."""
    assert default_config_path() == Path.home() / ".xlwings" / "xlwings.conf"


KEYS = st.sampled_from(
    ["LICENSE_KEY", "PYTHONPATH", "UDF MODULES", "udf modules", "INTERPRETER_WIN", "Show Console"]
)
VALUES = st.text(
    alphabet=st.characters(
        blacklist_characters='"\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029',
        blacklist_categories=("Cs",),
    ),
    max_size=12,
)


@given(st.lists(st.tuples(KEYS, VALUES), max_size=6))
def test_merge_is_idempotent_and_keeps_every_other_key(pairs: list[tuple[str, str]]) -> None:
    """For any existing file: merging twice equals merging once, other keys keep their values."""
    text = "".join(format_entry(k, v) + "\n" for k, v in pairs)
    settings = {"INTERPRETER_WIN": r"C:\py\python.exe", "UDF MODULES": UDF_MODULE}
    once = merge_settings(text, settings)
    assert merge_settings(once, settings) == once
    after = _settings(once)
    assert after["interpreter_win"] == r"C:\py\python.exe"
    assert UDF_MODULE in after["udf modules"].split(";")
    for key, value in pairs:
        if key.lower() not in {"interpreter_win", "udf modules"}:
            first = next(v for k, v in pairs if k.lower() == key.lower())
            assert any(e.key == key and e.value == first for e in parse_config(once))
        del value


def test_cli_writes_prints_and_dry_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The addin config command writes, reports 'up to date', and dry-runs without writing."""
    conf = tmp_path / "xlwings.conf"
    assert main(["addin", "config", "--file", str(conf), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# would write {conf}\n")
    assert f'"UDF MODULES","{UDF_MODULE}"' in out
    assert not conf.exists()
    assert main(["addin", "config", "--file", str(conf)]) == 0
    assert capsys.readouterr().out == f"wrote {conf}\n"
    assert main(["addin", "config", "--file", str(conf)]) == 0
    assert capsys.readouterr().out == f"{conf} is up to date\n"
    assert os.environ.get("CONDA_DEFAULT_ENV") or "INTERPRETER_" in conf.read_text()


def test_cli_reports_a_bad_file_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unusable --file gives exit status 2 and one 'stockrights: error:' line."""
    assert main(["addin", "config", "--file", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("stockrights: error: --file must be a readable text file")
    assert err.count("\n") == 1
