"""Declaring a UDF once: its wizard help, its ranges, the error wrapper and xlwings' registration.

:func:`udf` is the only decorator the UDF module uses. It

1. checks the declaration against the rules both Excel runtimes impose (see below) and raises
   :class:`TypeError` at import if one is broken (a programming error, caught by the tests);
2. wraps the function with :func:`stockrights.excel.boundary.excel_function` (cells in, cells out,
   never an exception);
3. records a :class:`UdfInfo` on the function (read it with :func:`udf_info`), so that the
   workbook engine, the README check and the tests see the same declaration;
4. registers the function with xlwings when it runs inside an xlwings host (xlwings already
   imported, as classic xlwings' server has it, or Pyodide, where xlwings Lite runs), through
   ``xlwings.func`` and ``xlwings.arg`` as they are *at that moment*: the classic decorators on
   Windows, the Office.js ones inside xlwings Lite. Elsewhere the function stays a plain function
   (the workbook engine and the CLI do not need xlwings, nor the 0.3 s its import costs).

Rules checked (facts file ``docs/xlwings.md`` §1.7, §1.8, §4.1): the name starts with ``SAR_``, is
upper case and a valid VBA identifier; parameters are plain positional parameters (no ``*args``,
no keyword-only) with names that are valid VBA identifiers and not VBA reserved words; the
docstring and every argument's ``doc`` are present and at most 255 characters.

Every argument is registered with ``err_to_str=True`` so that an error cell arrives as its code
(``"#N/A"``) rather than as ``None``; range arguments also get ``ndim=2`` (a list of rows, the
orientation kept).
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from stockrights.excel.boundary import excel_function

__all__ = ["CATEGORY", "PREFIX", "VBA_RESERVED", "UdfArg", "UdfInfo", "udf", "udf_info"]

F = TypeVar("F", bound=Callable[..., Any])

PREFIX = "SAR_"
CATEGORY = "Stock rights (SAR)"
MAX_HELP = 255  # characters Excel's function wizard keeps (Application.MacroOptions)
_ATTRIBUTE = "__stockrights_udf__"
_VBA_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,254}")

_VBA_WORDS = """
AddressOf And Any As Boolean ByRef Byte ByVal Call Case CBool CByte CCur CDate CDbl CDec CInt CLng
CLngLng CLngPtr Close Const CSng CStr Currency CVar CVErr Date Debug Decimal Declare DefBool DefByte
DefCur DefDate DefDbl DefDec DefInt DefLng DefLngLng DefLngPtr DefObj DefSng DefStr DefVar Dim Do
Double Each Else ElseIf Empty End EndIf Enum Eqv Erase Error Event Exit False Fix For Friend
Function Get Global GoSub GoTo If Imp Implements In Input Int Integer Is LBound Len LenB Let Lib
Like Line LongLong LongPtr Lock Long Loop LSet Me Mod New Next Not Nothing Null On Open Option
Optional Or ParamArray Preserve Print Private Property PtrSafe Public Put RaiseEvent ReDim Rem
Resume Return RSet Seek Select Set Single Static Step Stop String Sub Then To True Type TypeOf
UBound Until Variant Wend While With WithEvents Write Xor Name Val Year Month Day Time Now Array
Object argsArray k caller
"""
VBA_RESERVED = frozenset(word.lower() for word in _VBA_WORDS.split())
"""VBA keywords and built-ins a parameter must not be called (plus xlwings' own ``argsArray``,
``k`` and ``caller``, which the generated wrapper or xlwings treat specially)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class UdfArg:
    """One argument of a UDF as Excel's wizard shows it.

    Attributes
    ----------
    name : str
        The parameter name (a VBA identifier).
    doc : str
        The wizard help, at most 255 characters.
    is_range : bool
        True when the argument takes a range (registered with ``ndim=2``).
    optional : bool
        True when the argument may be omitted.
    default : object
        The value used when it is omitted or blank (``None`` when required).
    """

    name: str
    doc: str
    is_range: bool
    optional: bool
    default: object = None


@dataclass(frozen=True, kw_only=True, slots=True)
class UdfInfo:
    """The declaration of one UDF (what the wizard, the README and the workbook engine use).

    Attributes
    ----------
    name : str
        The Excel name, e.g. ``SAR_BS_PRICE``.
    description : str
        The docstring as one paragraph (whitespace collapsed), at most 255 characters.
    args : tuple of UdfArg
    spills : bool
        True when the result is a range (dynamic array) rather than one value.
    category : str
        The function wizard's category (classic xlwings).
    """

    name: str
    description: str
    args: tuple[UdfArg, ...]
    spills: bool
    category: str = CATEGORY


def _description(function: Callable[..., Any]) -> str:
    return " ".join((inspect.getdoc(function) or "").split())


def _check(function: Callable[..., Any], docs: Mapping[str, str], ranges: Collection[str]) -> None:
    name = function.__name__
    if not name.startswith(PREFIX) or name != name.upper() or not _VBA_NAME.fullmatch(name):
        raise TypeError(f"UDF name must be upper case, start with {PREFIX}, got {name!r}")
    if not 0 < len(_description(function)) <= MAX_HELP:
        raise TypeError(f"{name}: docstring must be 1 to {MAX_HELP} characters")
    params = inspect.signature(function).parameters.values()
    for p in params:
        if p.kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD:
            raise TypeError(f"{name}: parameter {p.name} must be a plain positional parameter")
        if not _VBA_NAME.fullmatch(p.name) or p.name.lower() in VBA_RESERVED:
            raise TypeError(f"{name}: parameter {p.name} is not usable as a VBA parameter name")
        doc = docs.get(p.name, "")
        if not doc or len(doc) > MAX_HELP:
            raise TypeError(f"{name}: doc of {p.name} must be 1 to {MAX_HELP} characters")
    extra = (set(docs) | set(ranges)) - {p.name for p in params}
    if extra:
        raise TypeError(f"{name}: docs or ranges name unknown parameters {sorted(extra)}")


def udf(
    *, docs: Mapping[str, str], ranges: Collection[str] = (), spills: bool = False
) -> Callable[[F], F]:
    """Declare a UDF: check it, wrap it, record its :class:`UdfInfo`, register it with xlwings.

    Parameters
    ----------
    docs : mapping of str to str
        Wizard help for every parameter, at most 255 characters each.
    ranges : collection of str
        The parameters that take a range (rows and columns) rather than one cell.
    spills : bool
        True when the function returns a range.

    Raises
    ------
    TypeError
        At import, when the declaration breaks one of the rules in the module docstring.
    """

    def declare(function: F) -> F:
        _check(function, docs, ranges)
        wrapped = excel_function(function)
        signature = inspect.signature(function)
        info = UdfInfo(
            name=function.__name__,
            description=_description(function),
            args=tuple(
                UdfArg(
                    name=p.name,
                    doc=docs[p.name],
                    is_range=p.name in ranges,
                    optional=p.default is not inspect.Parameter.empty,
                    default=None if p.default is inspect.Parameter.empty else p.default,
                )
                for p in signature.parameters.values()
            ),
            spills=spills,
        )
        wrapped.__doc__ = info.description  # one paragraph: the wizard shows it as is
        setattr(wrapped, _ATTRIBUTE, info)
        return _register_with_xlwings(wrapped, info)

    return declare


def _xlwings_host() -> bool:
    """True inside a host that calls the UDFs through xlwings.

    Classic xlwings imports the UDF module from its own server, so xlwings is already loaded;
    xlwings Lite runs in Pyodide (``sys.platform == "emscripten"``), where ``main.py`` imports the
    module before anything else. Elsewhere (the workbook engine, the CLI, a script) registering
    would only cost the import of xlwings and what it loads with it (pandas, matplotlib: about
    0.3 s of every refresh), for decorators that do nothing outside Excel.
    """
    return "xlwings" in sys.modules or sys.platform == "emscripten"


def _register_with_xlwings(function: F, info: UdfInfo) -> F:
    if not _xlwings_host():
        return function
    try:
        import xlwings
    except ImportError:  # Lite without xlwings cannot happen; a broken install can
        return function
    for a in info.args:
        options: dict[str, Any] = {"doc": a.doc, "err_to_str": True}
        if a.is_range:
            options["ndim"] = 2
        function = xlwings.arg(a.name, **options)(function)
    registered: F = xlwings.func(category=info.category)(function)
    return registered


def udf_info(function: Callable[..., Any]) -> UdfInfo:
    """The :class:`UdfInfo` recorded by :func:`udf` on a UDF.

    Raises
    ------
    TypeError
        When ``function`` was not declared with :func:`udf`.
    """
    info = getattr(function, _ATTRIBUTE, None)
    if not isinstance(info, UdfInfo):
        raise TypeError(f"{getattr(function, '__name__', function)!r} is not a stockrights UDF")
    return info
