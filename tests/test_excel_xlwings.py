"""The UDF module through xlwings' own classic code: registration, VBA wrappers, conversion.

Runs the real (BSD) ``xlwings.udfs.xlfunc``/``xlarg``, ``generate_vba_wrapper`` and the
``conversion`` pipeline headlessly (see ``xlwings_harness.py``). The VBA module "Import Functions"
would write is compared with ``tests/snapshots/xlwings_udfs.bas``; after an intended change to a
signature, regenerate it with ``STOCKRIGHTS_UPDATE_SNAPSHOTS=1 pytest tests/test_excel_xlwings.py``
and review the diff (users must then re-import the functions).
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
import os
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stockrights.excel.registry import CATEGORY, udf_info
from xlwings_harness import MISSING, ClassicHarness, classic_xlwings

SNAPSHOT = Path(__file__).parent / "snapshots" / "xlwings_udfs.bas"
NA = -2146826246  # the COM error int pywin32 hands over for #N/A
DIV0 = -2146826281


@pytest.fixture(scope="module")
def xl() -> Iterator[ClassicHarness]:
    """Classic xlwings, live for this module and undone afterwards."""
    with classic_xlwings() as harness:
        yield harness


def test_harness_restores_the_plain_module() -> None:
    """After the harness, the UDF module is the plain one again and pywin32 stubs are gone."""
    import stockrights.excel.udfs as before

    with classic_xlwings() as harness:
        assert harness.udfs is not before
        assert hasattr(harness.udfs.SAR_BS_PRICE, "__xlfunc__")
    import stockrights.excel.udfs as after

    assert after is before
    assert "pythoncom" not in sys.modules
    assert not hasattr(after.SAR_BS_PRICE, "__xlfunc__")  # Linux: xlwings' decorators are no-ops


def test_every_function_registers_through_the_real_decorators(xl: ClassicHarness) -> None:
    """xlfunc/xlarg metadata carries our names, help, category, options and defaults."""
    exported = {f.__name__ for f in xl.functions()}
    assert exported == {f.__name__ for f in xl.udfs.UDFS}  # nothing else would be imported
    for function in xl.udfs.UDFS:
        meta = function.__xlfunc__
        info = udf_info(function)
        assert meta["name"] == info.name
        assert meta["category"] == CATEGORY
        assert meta["ret"]["doc"] == info.description
        assert meta["volatile"] is False
        assert meta["call_in_wizard"] is True
        assert [a["name"] for a in meta["args"]] == [a.name for a in info.args]
        for arg, declared in zip(meta["args"], info.args, strict=True):
            assert arg["doc"] == declared.doc
            assert arg["options"]["err_to_str"] is True
            assert arg["options"].get("ndim") == (2 if declared.is_range else None)
            assert ("optional" in arg) is declared.optional
            if declared.optional:
                assert arg["optional"] == declared.default


def test_vba_module_matches_the_snapshot(xl: ClassicHarness) -> None:
    """The generated xlwings_udfs module is the reviewed one (signatures are user-facing API)."""
    text = xl.vba()
    if os.environ.get("STOCKRIGHTS_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(text, encoding="utf-8", newline="\n")
    assert text == SNAPSHOT.read_text(encoding="utf-8")


def test_vba_signatures_follow_the_python_signatures(xl: ClassicHarness) -> None:
    """Each wrapper is 'Function NAME(args)' with Optional exactly where Python has a default."""
    text = xl.vba()
    for function in xl.udfs.UDFS:
        params = inspect.signature(function).parameters.values()
        args = ", ".join(
            ("Optional " if p.default is not inspect.Parameter.empty else "") + p.name
            for p in params
        )
        assert f"Function {function.__name__}({args})\n" in text
        assert f'XLPy.CallUDF("stockrights.excel.udfs", "{function.__name__}", ' in text
    assert all(len(line) < 1024 for line in text.splitlines())  # VBA's line limit


def test_addin_wrappers_use_the_active_workbook(xl: ClassicHarness) -> None:
    """In a custom .xlam add-in the wrappers pass ActiveWorkbook (templates can stay .xlsx)."""
    text = xl.vba(workbook_name="stockrights.xlam")
    assert "ActiveWorkbook, Application.Caller" in text
    assert "ThisWorkbook" not in text


# --- calls through xlwings' conversion -----------------------------------------------------


def test_scalar_call_with_floats_and_a_currency_cell(xl: ClassicHarness) -> None:
    """Haug's 2.1334 (published, 4 decimals) through COM-style floats and a Decimal."""
    price = xl.call(xl.udfs.SAR_BS_PRICE, Decimal("60"), 65.0, 0.25, 0.3, 0.08, 0.0)
    assert round(price, 4) == 2.1334


def test_error_cell_and_blank_cell_through_conversion(xl: ClassicHarness) -> None:
    """A #N/A cell is passed on with err_to_str; a blank required cell is a #VALUE! text."""
    f = xl.udfs.SAR_BS_PRICE
    assert xl.call(f, 60.0, 65.0, 0.25, NA, 0.08, 0.0) == (
        "#N/A volatility must not be an error cell (got #N/A)"
    )
    assert xl.call(f, 60.0, 65.0, 0.25, 0.3, DIV0, 0.0).startswith("#DIV/0! risk_free_rate")
    assert xl.call(f, "", 65.0, 0.25, 0.3, 0.08, 0.0).startswith("#VALUE! share_price")


def test_omitted_and_blank_optional_arguments_take_the_default(xl: ClassicHarness) -> None:
    """VBA's 'missing' and an empty cell both give per_right_up (1,632.445 x 200 = 326,489)."""
    f = xl.udfs.SAR_RIGHT_AMOUNT
    assert xl.call(f, 1632.445, 200.0, MISSING) == 326_489
    assert xl.call(f, 1632.445, 200.0, "") == 326_489
    assert xl.call(f, 1632.445, 200.0, "per_share_up") == 1633 * 200


def test_spills_come_back_as_two_dimensional_blocks(xl: ClassicHarness) -> None:
    """Greeks spill 6 x 2; a one-row result is squeezed to 1-D as CallUDF does (a row)."""
    greeks = xl.call(xl.udfs.SAR_GREEKS, 49.0, 50.0, 20 / 52, 0.2, 0.05, 0.0)
    assert [row[0] for row in greeks] == ["delta", "gamma", "vega", "theta", "rho", "dividend_rho"]
    verdict = xl.call(
        xl.udfs.SAR_CAN_EXERCISE,
        dt.datetime(2030, 4, 10),
        dt.datetime(2017, 7, 15),
        dt.datetime(2047, 7, 14),
        dt.datetime(2030, 3, 31),
    )
    assert verdict[0] is True
    assert isinstance(verdict[1], str)


def test_ranges_keep_their_orientation_through_ndim_2(xl: ClassicHarness) -> None:
    """A column of date cells and a row of closes both reach the core as one series."""
    fridays = [dt.datetime(2017, 6, 30), dt.datetime(2017, 7, 7), dt.datetime(2017, 7, 14)]
    expected = math.sqrt(
        ((math.log(1.1) - math.log(0.99) / 2) ** 2 + (math.log(0.9) - math.log(0.99) / 2) ** 2) * 52
    )
    sigma = xl.call(
        xl.udfs.SAR_HIST_VOL,
        [[d] for d in fridays],  # a column of date-formatted cells (datetimes)
        [[100.0, 110.0, 99.0]],  # a row of closes
        42912.0,  # 2017-06-26 passed by value: a serial
        dt.datetime(2017, 7, 14),
    )
    assert sigma == pytest.approx(expected, rel=1e-12)


def test_dates_come_back_as_dates(xl: ClassicHarness) -> None:
    """Trading days spill as datetimes (VT_DATE on Windows), one per row."""
    out = xl.call(xl.udfs.SAR_TRADING_DAYS, dt.datetime(2017, 3, 17), 42815.0)
    assert out == [[dt.datetime(2017, 3, 17)], [dt.datetime(2017, 3, 21)]]


# --- every function, fed anything, through the real pipeline ------------------------------

CELLS = st.one_of(
    st.none(),
    st.just(""),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-1e6, max_value=1e6),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.sampled_from([NA, DIV0]),
    st.text(max_size=8),
    st.sampled_from(["35%", "2017-07-14", "#N/A", "weekly", "split", "per_right_up", "1,000"]),
    st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-1e6, max_value=1e6),
    st.datetimes(min_value=dt.datetime(1901, 1, 1), max_value=dt.datetime(2100, 1, 1)),
)
VALUES = st.one_of(CELLS, st.lists(st.lists(CELLS, min_size=1, max_size=3), min_size=1, max_size=3))


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_any_excel_values_give_cells_through_xlwings(xl: ClassicHarness, data: Any) -> None:
    """Whatever Excel sends, xlwings writes a scalar or a rectangular block; nothing raises."""
    function = data.draw(st.sampled_from(xl.udfs.UDFS))
    n = len(inspect.signature(function).parameters)
    values = data.draw(st.lists(VALUES, min_size=n, max_size=n))
    out = xl.call(function, *values)
    if isinstance(out, list):
        rows = out if out and isinstance(out[0], list) else [out]
        assert len({len(r) for r in rows}) == 1
    else:
        assert isinstance(out, float | int | str | bool | dt.datetime)
    assert not (isinstance(out, str) and out.startswith("#ERROR internal")), out
