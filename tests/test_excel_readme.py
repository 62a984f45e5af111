"""addin/: the README lists every SAR_ function, and the Lite files load the same module."""

from __future__ import annotations

import inspect
import os
import re
from pathlib import Path

from stockrights.excel.registry import udf_info
from stockrights.excel.udfs import UDFS

ADDIN = Path(__file__).resolve().parents[1] / "addin"
README = ADDIN / "README.md"
START = (
    "<!-- functions:start (generated from stockrights.excel.udfs; "
    "tests/test_excel_readme.py checks it) -->"
)
END = "<!-- functions:end -->"


def function_list() -> str:
    """The README's function list: one line per UDF, from its declaration."""
    lines = []
    for function in UDFS:
        info = udf_info(function)
        args = ", ".join(f"[{a.name}]" if a.optional else a.name for a in info.args)
        summary = (inspect.getdoc(function.__wrapped__) or "").splitlines()[0]  # type: ignore[attr-defined]
        spills = " *(spills)*" if info.spills else ""
        lines.append(f"- `{info.name}({args})`{spills}: {summary}")
    return "\n".join(lines)


def test_readme_lists_every_function_as_declared() -> None:
    """The list between the markers is generated (STOCKRIGHTS_UPDATE_SNAPSHOTS=1 redoes it)."""
    text = README.read_text(encoding="utf-8")
    assert text.count(START) == 1
    assert text.count(END) == 1
    before, rest = text.split(START)
    _, after = rest.split(END)
    expected = f"{before}{START}\n{function_list()}\n{END}{after}"
    if os.environ.get("STOCKRIGHTS_UPDATE_SNAPSHOTS") == "1":
        README.write_text(expected, encoding="utf-8", newline="\n")
    assert text == expected


def test_readme_names_no_function_that_does_not_exist() -> None:
    """Every SAR_ name mentioned anywhere in the README is a registered function."""
    names = set(re.findall(r"\bSAR_[A-Z_]+\b", README.read_text(encoding="utf-8")))
    assert names <= {f.__name__ for f in UDFS} | {"SAR_"}


def test_lite_main_registers_every_function() -> None:
    """Running addin/lite/main.py puts every SAR_ function in its namespace (what Lite scans)."""
    namespace: dict[str, object] = {}
    exec(
        compile((ADDIN / "lite" / "main.py").read_text(encoding="utf-8"), "main.py", "exec"),
        namespace,
    )
    assert {n for n in namespace if n.startswith("SAR_")} == {f.__name__ for f in UDFS}


def test_lite_requirements_need_no_workbook_libraries() -> None:
    """Lite gets numpy and scipy unpinned, the wheel, and none of openpyxl, formulas or lxml."""
    lines = [
        line.strip()
        for line in (ADDIN / "lite" / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert "numpy" in lines
    assert "scipy" in lines
    assert any(line.endswith(".whl") and "stockrights" in line for line in lines)
    assert not any(re.match(r"(openpyxl|formulas|lxml)\b", line) for line in lines)
