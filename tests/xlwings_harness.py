"""A headless stand-in for Excel + classic xlwings, built from xlwings' own (BSD) code.

On Linux ``xlwings.func``/``arg``/``ret`` are no-ops and no conversion runs. :func:`classic_xlwings`
fakes just enough of pywin32 for ``xlwings.udfs`` (the classic decorators and the VBA generator)
to import, registers a stub ``"excel"`` engine whose cleaning mirrors ``xlwings._xlwindows``
(0.37.8, L444-499), and re-imports ``stockrights.excel.udfs`` so that every UDF registers through
the real ``xlfunc``/``xlarg``. On exit ``sys.modules`` and the package attributes are restored
exactly, so other tests see the plain module again. Recipe: ``/work/shared/docs/xlwings.md`` §3.3.

Not covered (feed these in as values instead): pywin32 VARIANT marshalling (Range vs value,
pywintypes dates, Currency -> Decimal, COM error ints, VT_DATE results).
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import math
import sys
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

UDF_MODULE = "stockrights.excel.udfs"
MISSING = -2147352572  # what VBA passes for an omitted optional argument
COM_ERRORS = {
    -2146826281: "#DIV/0!",
    -2146826246: "#N/A",
    -2146826259: "#NAME?",
    -2146826288: "#NULL!",
    -2146826252: "#NUM!",
    -2146826265: "#REF!",
    -2146826273: "#VALUE!",
}
_STUBBED = ("pythoncom", "pywintypes", "win32com", "win32com.client")


class _StubExcelEngine:
    """The two data-cleaning hooks of ``xlwings._xlwindows.Engine``, without COM."""

    name = "excel"
    type = "desktop"

    @staticmethod
    def clean_value_data(
        data: list[list[Any]], datetime_builder: Any, empty_as: Any, number_builder: Any, err: bool
    ) -> list[list[Any]]:
        def clean(v: Any) -> Any:
            if v is None or (isinstance(v, str) and v == ""):
                return empty_as
            if isinstance(v, dt.date):  # pywintypes time arrives as a datetime
                return datetime_builder(
                    year=v.year,
                    month=v.month,
                    day=v.day,
                    hour=getattr(v, "hour", 0),
                    minute=getattr(v, "minute", 0),
                    second=getattr(v, "second", 0),
                    microsecond=getattr(v, "microsecond", 0),
                    tzinfo=None,
                )
            if number_builder is not None and isinstance(v, float):
                return number_builder(v)
            if isinstance(v, int) and not isinstance(v, bool) and v in COM_ERRORS:
                return COM_ERRORS[v] if err else None
            return v

        return [[clean(v) for v in row] for row in data]

    @staticmethod
    def prepare_xl_data_element(x: Any, options: Any) -> Any:
        if x is None or (isinstance(x, float) and math.isnan(x)):
            return ""
        if type(x).__module__ == "numpy":
            return float(x)
        return x


@dataclass
class ClassicHarness:
    """The classic xlwings pieces, live inside :func:`classic_xlwings`."""

    xlwings: types.ModuleType
    xl_udfs: types.ModuleType
    udfs: types.ModuleType

    def functions(self) -> list[Callable[..., Any]]:
        """Every object of the UDF module that xlwings would import (it has ``__xlfunc__``)."""
        return [
            getattr(self.udfs, n)
            for n in dir(self.udfs)
            if hasattr(getattr(self.udfs, n), "__xlfunc__")
        ]

    def call(self, function: Callable[..., Any], *values: Any) -> Any:
        """Call a UDF as ``udfs.call_udf`` + ``com_server.CallUDF`` do (values, not a Range)."""
        conversion = self.xlwings.conversion
        info = function.__xlfunc__  # type: ignore[attr-defined]
        args = []
        for i, value in enumerate(values):
            arg_info = info["args"][min(i, len(info["args"]) - 1)]
            if isinstance(value, int) and value == MISSING:
                args.append(arg_info.get("optional"))
            else:
                args.append(conversion.read(None, value, arg_info["options"]))
        result = conversion.write(function(*args), None, info["ret"]["options"])
        if len(result) == 1 and len(result[0]) == 1:
            return result[0][0]
        if len(result) == 1:
            return result[0]
        return result

    def vba(self, *, workbook_name: str = "stockrights_template.xlsm") -> str:
        """The ``xlwings_udfs`` VBA module that "Import Functions" would write."""
        out = io.StringIO()
        book = types.SimpleNamespace(Name=workbook_name)
        self.xl_udfs.generate_vba_wrapper(UDF_MODULE, self.udfs, out, book)
        return out.getvalue()


def _install_pywin32_stubs() -> None:
    for name in _STUBBED:
        sys.modules[name] = types.ModuleType(name)
    sys.modules["pythoncom"].CoInitialize = lambda: None  # type: ignore[attr-defined]
    sys.modules["pywintypes"].com_error = type("com_error", (Exception,), {})  # type: ignore[attr-defined]
    sys.modules["win32com.client"].Dispatch = lambda *a, **k: None  # type: ignore[attr-defined]
    sys.modules["win32com"].client = sys.modules["win32com.client"]  # type: ignore[attr-defined]


def _owned(name: str) -> bool:
    """The modules the harness replaces (and puts back): xlwings, the pywin32 stubs, the UDFs."""
    return (
        name in _STUBBED or name == UDF_MODULE or name == "xlwings" or name.startswith("xlwings.")
    )


@contextmanager
def classic_xlwings() -> Iterator[ClassicHarness]:
    """Real classic xlwings registration and conversion on Linux, undone on exit.

    Only the modules it owns (xlwings, the pywin32 stubs and the UDF module) are replaced and put
    back; libraries xlwings imports on the way (pandas) stay loaded, as they would anyway.
    """
    parent = importlib.import_module("stockrights.excel")
    saved = {name: mod for name, mod in sys.modules.items() if _owned(name)}
    saved_attr = parent.__dict__.get("udfs", None)
    try:
        for name in list(sys.modules):
            if _owned(name):
                del sys.modules[name]
        _install_pywin32_stubs()
        xw = importlib.import_module("xlwings")
        xl_udfs = importlib.import_module("xlwings.udfs")
        from xlwings.main import Engine

        xw.engines.add(Engine(impl=_StubExcelEngine()))
        xw.func, xw.arg, xw.ret, xw.script = (
            xl_udfs.xlfunc,
            xl_udfs.xlarg,
            xl_udfs.xlret,
            xl_udfs.xlsub,
        )
        udfs = importlib.import_module(UDF_MODULE)
        yield ClassicHarness(xlwings=xw, xl_udfs=xl_udfs, udfs=udfs)
    finally:
        for name in list(sys.modules):
            if _owned(name):
                del sys.modules[name]
        sys.modules.update(saved)
        if saved_attr is None:
            parent.__dict__.pop("udfs", None)
        else:
            parent.udfs = saved_attr  # type: ignore[attr-defined]
