"""Formula shapes: a formula read once for every cell of a column that repeats it.

A register's column holds one formula copied down its rows: ``=IF($A8="","",C8*Rate)`` in row 8,
``=IF($A9="","",C9*Rate)`` in row 9... Written relative to its own cell (Excel's R1C1 view), the
text is the same in every row: that is the formula's **shape**. :func:`shape_key` gives it for one
cell from a single pass of a tokenizer, and :func:`parse` turns one formula into a small tree
whose references are kept relative to the cell, so that the tree is built once per shape and
evaluated over all its rows (:mod:`stockrights.workbooks.columns`).

The grammar is the part of Excel's that real sheets use: numbers, text, ``TRUE``/``FALSE``,
error literals, cell and range references (``B5``, ``$B$5``, ``'my sheet'!B5:C9``), defined
names, function calls (with omitted arguments, ``f(a,,b)``), the operators ``+ - * / ^ & = <>
< > <= >= %`` and unary ``+ -``. Precedence and associativity are those of the ``formulas``
engine (unary 7, ``%`` 6, ``^`` 5, ``* /`` 4, ``+ -`` 3, ``&`` 2, comparisons 1, all binary
operators left-associative: ``-2^2`` is 4 and ``2^3^2`` is 64, as in Excel). Anything else
(array constants ``{1,2}``, whole rows or columns, the range operators ``,`` ``:`` and space
between expressions, ``@``, structured references, external books) raises :class:`UnsupportedError`
and the workbook is calculated by ``formulas`` as before.

References
----------
ECMA-376 Part 1, §18.17 (formulas); ``formulas`` 1.3.4, ``tokens/operator.py`` (precedences)
and ``tokens/operand.py`` (how a number or a text is read).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "Call",
    "Constant",
    "Empty",
    "Name",
    "Node",
    "Operation",
    "Reference",
    "ShapeKeys",
    "UnsupportedError",
    "parse",
    "shape_key",
]


class UnsupportedError(Exception):
    """A formula outside the grammar above (the caller falls back to the ``formulas`` engine)."""


@dataclass(frozen=True, slots=True)
class Constant:
    """A number, a text, a boolean or an error code.

    Numbers are ``int`` or ``float`` as ``formulas`` reads them; with ``error=True`` the value
    is the error's code (``"#N/A"``).
    """

    value: int | float | str | bool
    error: bool = False


@dataclass(frozen=True, slots=True)
class Empty:
    """An omitted argument: ``f(a,,b)``."""


@dataclass(frozen=True, slots=True)
class Reference:
    """A cell or a range, each corner either absolute (``$``) or relative to the formula's cell.

    ``col1, row1, col2, row2`` are absolute 1-based numbers where the ``abs_*`` flag is set and
    offsets from the formula's own cell otherwise. ``sheet`` is None for the formula's sheet.
    """

    sheet: str | None
    col1: int
    row1: int
    col2: int
    row2: int
    abs_col1: bool
    abs_row1: bool
    abs_col2: bool
    abs_row2: bool

    def corners(self, col: int, row: int) -> tuple[int, int, int, int]:
        """(first column, first row, last column, last row) seen from the cell ``(col, row)``."""
        c1 = self.col1 if self.abs_col1 else col + self.col1
        r1 = self.row1 if self.abs_row1 else row + self.row1
        c2 = self.col2 if self.abs_col2 else col + self.col2
        r2 = self.row2 if self.abs_row2 else row + self.row2
        return min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)

    @property
    def row_invariant(self) -> bool:
        """True when every row of a column formula sees the same cells."""
        return self.abs_row1 and self.abs_row2


@dataclass(frozen=True, slots=True)
class Name:
    """A defined name, upper case (``SHAREPRICE``)."""

    name: str


@dataclass(frozen=True, slots=True)
class Call:
    """A function call; ``name`` upper case, as written (``_XLFN.NORM.S.DIST``)."""

    name: str
    args: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Operation:
    """An operator: binary (``+``, ``<=``...), unary (``U-``, ``U+``) or postfix (``%``)."""

    operator: str
    operands: tuple[Node, ...]


Node = Constant | Empty | Reference | Name | Call | Operation

_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A")
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<string>"(?:[^"]|"")*")
  | (?P<error>\#NULL!|\#DIV/0!|\#VALUE!|\#REF!|\#NAME\?|\#NUM!|\#N/A)
  | (?P<ref>
        (?:(?P<sheet>'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?
        (?P<c1>\$?[A-Za-z]{1,3}\$?[0-9]+)(?::(?P<c2>\$?[A-Za-z]{1,3}\$?[0-9]+))?
        (?![A-Za-z0-9_.(!:\[])
    )
  | (?P<number>(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:[Ee][+-][0-9]+)?(?![A-Za-z0-9_.:]))
  | (?P<call>[A-Za-z_][A-Za-z0-9_.]*)\(
  | (?P<word>[A-Za-z_\\][A-Za-z0-9_.\\]*)(?![!(\[:])
  | (?P<op><=|>=|<>|[-+*/^&=<>%])
  | (?P<open>\()
  | (?P<close>\))
  | (?P<comma>,)
    """,
    re.VERBOSE,
)
_CELL = re.compile(r"^(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)$")
_MAX_ROW = 1_048_576
_MAX_COL = 16_384
_BINARY = {"=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1, "&": 2, "+": 3, "-": 3}
_BINARY |= {"*": 4, "/": 4, "^": 5}
_PERCENT = 6
_UNARY = 7

Token = tuple[str, object]


def _column(letters: str) -> int:
    out = 0
    for ch in letters.upper():
        out = out * 26 + (ord(ch) - 64)
    return out


def _cell(text: str) -> tuple[bool, int, bool, int]:
    match = _CELL.match(text)
    if match is None:  # pragma: no cover - the token pattern only lets cells through
        raise UnsupportedError(text)
    col, row = _column(match[2]), int(match[4])
    if not (1 <= col <= _MAX_COL and 1 <= row <= _MAX_ROW):
        raise UnsupportedError(f"reference out of the grid: {text}")
    return bool(match[1]), col, bool(match[3]), row


def _sheet(text: str | None) -> str | None:
    if text is None:
        return None
    if text.startswith("'"):
        return text[1:-1].replace("''", "'")
    return text


def _tokens(formula: str, col: int, row: int) -> list[Token]:
    """Tokens of ``formula`` (without ``=``) with references relative to ``(col, row)``."""
    out: list[Token] = []
    pos, end = 0, len(formula)
    while pos < end:
        match = _TOKEN.match(formula, pos)
        if match is None:
            raise UnsupportedError(f"cannot read {formula[pos : pos + 20]!r}")
        pos = match.end()
        kind = match.lastgroup
        if kind == "space":
            continue
        if kind == "ref":
            a_c1, c1, a_r1, r1 = _cell(match["c1"])
            a_c2, c2, a_r2, r2 = _cell(match["c2"]) if match["c2"] else (a_c1, c1, a_r1, r1)
            ref = Reference(
                _sheet(match["sheet"]),
                c1 if a_c1 else c1 - col,
                r1 if a_r1 else r1 - row,
                c2 if a_c2 else c2 - col,
                r2 if a_r2 else r2 - row,
                a_c1,
                a_r1,
                a_c2,
                a_r2,
            )
            out.append(("ref", ref))
        elif kind == "call":
            out.append(("call", match["call"].upper()))
        elif kind == "word":
            word = match["word"].upper()
            if word in ("TRUE", "FALSE"):
                out.append(("const", Constant(word == "TRUE")))
            else:
                out.append(("name", Name(word)))
        elif kind == "number":
            out.append(("const", Constant(_number(match["number"]))))
        elif kind == "string":
            out.append(("const", Constant(match["string"][1:-1].replace('""', '"'))))
        elif kind == "error":
            out.append(("const", Constant(match["error"], error=True)))
        else:
            out.append((str(kind), match[0]))
    return out


def _number(text: str) -> int | float:
    """A number as ``formulas`` reads it (``eval`` of the text: ``5`` an int, ``5.0`` a float)."""
    if text.isdigit():
        if len(text) > 1 and text.startswith("0"):
            raise UnsupportedError(f"number with a leading zero: {text}")
        return int(text)
    return float(text)


def shape_key(formula: str, col: int, row: int) -> tuple[object, ...]:
    """The formula's shape: its tokens, references relative to the cell ``(col, row)``.

    Two cells with the same key compute the same formula on their own rows.

    Raises
    ------
    UnsupportedError
        When the formula is outside the grammar of this module.

    Examples
    --------
    >>> shape_key("C8*2", 4, 8) == shape_key("C9*2", 4, 9)
    True
    >>> shape_key("$C$8*2", 4, 8) == shape_key("$C$8*2", 4, 9)
    True
    >>> shape_key("C8*2", 4, 8) == shape_key("C8*2", 4, 9)
    False
    """
    return tuple(_tokens(formula, col, row))


_QUICK = re.compile(
    r"""("(?:[^"]|"")*"|'(?:[^']|'')*')"""
    r"|(?<![A-Za-z0-9_.\\])(\$?[A-Za-z]{1,3}\$?)([0-9]+)(?![A-Za-z0-9_.(!\[])"
)


class ShapeKeys:
    """:func:`shape_key` for many cells, reusing the tokens of a formula already seen shifted.

    A formula copied down a column differs from row to row only in the row numbers of its
    relative references; those are replaced by their offsets (text in quotes untouched) to find
    the tokens of a cell already read. Two formulas with the same such text are the same text
    shifted by rows, so they have the same shape; the tokenizer runs once per shape and column.
    """

    def __init__(self) -> None:
        self._seen: dict[tuple[int, str], tuple[object, ...]] = {}

    def __call__(self, formula: str, col: int, row: int) -> tuple[object, ...]:
        """The shape key of ``formula`` in the cell ``(col, row)`` (see :func:`shape_key`)."""

        def relative(match: re.Match[str]) -> str:
            if match[1] is not None:
                return match[1]
            head = match[2]
            if head.endswith("$"):
                return match[0]
            return f"{head}[{int(match[3]) - row}]"

        quick = (col, _QUICK.sub(relative, formula))
        key = self._seen.get(quick)
        if key is None:
            key = self._seen[quick] = shape_key(formula, col, row)
        return key


class Shifted:
    """A formula's text as it reads when copied down to another row (its relative rows shifted).

    A cell whose text is its column neighbour's text shifted this way has the neighbour's
    shape (:class:`ShapeKeys`: the relative row numbers are the only digits that change, so the
    same references are found in the same places), which a string comparison tells without a
    key per cell.

    Examples
    --------
    >>> Shifted('A5*$B$1+C$4+D4&"E5"', 5)(7)
    'A7*$B$1+C$4+D6&"E5"'
    """

    __slots__ = ("_offsets", "_pieces")

    def __init__(self, formula: str, row: int) -> None:
        pieces: list[str] = []
        offsets: list[int] = []
        at = 0
        for match in _QUICK.finditer(formula):
            if match[1] is not None or match[2].endswith("$"):
                continue
            pieces.append(formula[at : match.start(3)])
            offsets.append(int(match[3]) - row)
            at = match.end(3)
        pieces.append(formula[at:])
        self._pieces = pieces
        self._offsets = offsets

    def __call__(self, row: int) -> str:
        """The text at ``row``."""
        pieces, offsets = self._pieces, self._offsets
        out = [pieces[0]]
        for i, offset in enumerate(offsets):
            out.append(str(offset + row))
            out.append(pieces[i + 1])
        return "".join(out)


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise UnsupportedError("unexpected end of formula")
        self.pos += 1
        return token

    def expression(self, floor: int) -> Node:
        left = self.prefix()
        while True:
            token = self.peek()
            if token is None or token[0] != "op":
                return left
            op = str(token[1])
            if op == "%":
                if floor >= _PERCENT:
                    return left
                self.pos += 1
                left = Operation("%", (left,))
                continue
            power = _BINARY[op]
            if power <= floor:
                return left
            self.pos += 1
            left = Operation(op, (left, self.expression(power)))

    def prefix(self) -> Node:
        kind, value = self.take()
        if kind == "op" and value in ("-", "+"):
            return Operation(f"U{value}", (self.expression(_UNARY),))
        if kind in ("const", "ref", "name"):
            assert isinstance(value, Constant | Reference | Name)
            return value
        if kind == "open":
            inner = self.expression(0)
            if self.take()[0] != "close":
                raise UnsupportedError("unbalanced parenthesis")
            return inner
        if kind == "call":
            return Call(str(value), self.arguments())
        raise UnsupportedError(f"unexpected {value!r}")

    def arguments(self) -> tuple[Node, ...]:
        args: list[Node] = []
        token = self.peek()
        if token is not None and token[0] == "close":
            self.pos += 1
            return ()
        while True:
            token = self.peek()
            if token is not None and token[0] in ("comma", "close"):
                args.append(Empty())
            else:
                args.append(self.expression(0))
            kind, _ = self.take()
            if kind == "close":
                return tuple(args)
            if kind != "comma":
                raise UnsupportedError("expected , or ) in an argument list")


def parse(key: tuple[object, ...]) -> Node:
    """The tree of a formula from its :func:`shape_key`.

    Raises
    ------
    UnsupportedError
        When the tokens do not make one expression.

    Examples
    --------
    >>> parse(shape_key("-2^2", 1, 1))
    Operation(operator='^', operands=(Operation(operator='U-', operands=(Constant(value=2, \
error=False),)), Constant(value=2, error=False)))
    """
    tokens: list[Token] = [token for token in key if isinstance(token, tuple)]
    parser = _Parser(tokens)
    node = parser.expression(0)
    if parser.peek() is not None:
        raise UnsupportedError("text after the end of the formula")
    return node
