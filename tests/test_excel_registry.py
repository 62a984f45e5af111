"""Static checks on every UDF declaration: the rules classic xlwings, Lite and Excel impose."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any

import pytest

from stockrights.excel import udfs
from stockrights.excel.registry import CATEGORY, MAX_HELP, PREFIX, VBA_RESERVED, udf, udf_info

FUNCTIONS = udfs.UDFS
IDS = [f.__name__ for f in FUNCTIONS]
VBA_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# Excel reads these as cell references, so they cannot be function names (MS KB 111393).
A1_OR_R1C1 = re.compile(r"([A-Z]{1,3}[0-9]+|R[0-9]*C[0-9]*)", re.IGNORECASE)
GLOSSARY_ORDER = [
    "share_price",
    "exercise_price",
    "term_years",
    "volatility",
    "risk_free_rate",
    "dividend_yield",
]


def test_udfs_lists_every_declared_function_once() -> None:
    """UDFS holds exactly the module's declared functions; __all__ exports them for Lite."""
    declared = {
        name
        for name, obj in vars(udfs).items()
        if callable(obj) and getattr(obj, "__stockrights_udf__", None) is not None
    }
    assert [f.__name__ for f in FUNCTIONS] == sorted(declared, key=IDS.index)
    assert len(set(IDS)) == len(IDS)
    assert set(IDS) <= set(udfs.__all__)
    assert udfs.registered_udfs() is udfs.UDFS


def test_names_are_unique_ignoring_case() -> None:
    """VBA is case-insensitive: two names differing only in case would collide."""
    assert len({name.upper() for name in IDS}) == len(IDS)


@pytest.mark.parametrize("function", FUNCTIONS, ids=IDS)
def test_name_rules(function: Callable[..., Any]) -> None:
    """SAR_ prefix, upper case, a VBA identifier (no dots), not readable as a cell reference."""
    name = function.__name__
    assert name.startswith(PREFIX)
    assert name == name.upper()
    assert VBA_IDENTIFIER.fullmatch(name)
    assert len(name) <= 128  # Lite's limit; VBA allows 255
    assert not A1_OR_R1C1.fullmatch(name)


@pytest.mark.parametrize("function", FUNCTIONS, ids=IDS)
def test_parameter_rules(function: Callable[..., Any]) -> None:
    """Plain positional parameters with VBA-valid, non-reserved names; optional ones last."""
    params = list(inspect.signature(function).parameters.values())
    assert params
    seen_optional = False
    for p in params:
        assert p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD, p.name
        assert VBA_IDENTIFIER.fullmatch(p.name), p.name
        assert p.name.lower() not in VBA_RESERVED, p.name
        assert p.name.lower() != function.__name__.lower()
        if p.default is not inspect.Parameter.empty:
            seen_optional = True
        else:
            assert not seen_optional, f"{p.name} is required after an optional parameter"


@pytest.mark.parametrize("function", FUNCTIONS, ids=IDS)
def test_help_texts_fit_the_function_wizard(function: Callable[..., Any]) -> None:
    """Docstring and every argument doc are present, one paragraph, at most 255 characters."""
    info = udf_info(function)
    assert 0 < len(function.__doc__ or "") <= MAX_HELP
    assert function.__doc__ == info.description
    assert "\n" not in info.description
    assert [a.name for a in info.args] == list(inspect.signature(function).parameters)
    for a in info.args:
        assert 0 < len(a.doc) <= MAX_HELP, a.name
        assert (a.optional and a.doc.startswith("Optional.")) or not a.optional, a.name
    assert info.category == CATEGORY


@pytest.mark.parametrize("function", FUNCTIONS, ids=IDS)
def test_glossary_arguments_keep_their_order(function: Callable[..., Any]) -> None:
    """The six Black-Scholes inputs never change order; shares_per_right comes after them.

    (An optional exercise_price goes last where it defaults to 1 yen: VBA needs optional last.)
    """
    params = list(inspect.signature(function).parameters)
    names = [n for n in params if n in GLOSSARY_ORDER]
    if "volatility" in names:
        assert names == sorted(names, key=GLOSSARY_ORDER.index)
        if "shares_per_right" in params:
            assert params.index("shares_per_right") > params.index("dividend_yield")


def test_declaration_mistakes_fail_at_import() -> None:
    """Names, parameters and help that Excel would reject are refused when declared."""

    def sar_lower(x: object) -> object:
        """Doc."""
        return x

    def SAR_KW(x: object, *, y: object = 1) -> object:
        """Doc."""
        return x

    def SAR_DATE(date: object) -> object:
        """Doc."""
        return date

    def SAR_LONG(x: object) -> object:
        return x

    SAR_LONG.__doc__ = "x" * 256
    with pytest.raises(TypeError, match="upper case"):
        udf(docs={"x": "x"})(sar_lower)
    with pytest.raises(TypeError, match="plain positional"):
        udf(docs={"x": "x", "y": "y"})(SAR_KW)
    with pytest.raises(TypeError, match="not usable as a VBA parameter name"):
        udf(docs={"date": "d"})(SAR_DATE)
    with pytest.raises(TypeError, match="docstring must be 1 to 255"):
        udf(docs={"x": "x"})(SAR_LONG)
    with pytest.raises(TypeError, match="doc of x must be 1 to 255"):
        udf(docs={})(_sar_ok)
    with pytest.raises(TypeError, match="unknown parameters"):
        udf(docs={"x": "x", "z": "z"}, ranges=("q",))(_sar_ok)


def _sar_ok(x: object) -> object:
    """Doc."""
    return x


_sar_ok.__name__ = "SAR_OK"


def test_udf_info_refuses_plain_functions() -> None:
    """Only declared UDFs carry a declaration."""
    with pytest.raises(TypeError, match="is not a stockrights UDF"):
        udf_info(len)
