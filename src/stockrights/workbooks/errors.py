"""The one error the workbook layer raises on purpose: a workbook that cannot be used.

``WorkbookError`` derives from :class:`stockrights.errors.StockRightsError`, so the command line
prints it as one line (``stockrights: error: <file>: <problem>``) and exits with status 2. Its
message always starts with the file's name and then says what is wrong with it, for example
``book.xlsx: is password-protected (an encrypted OLE container); save it without a password``.
"""

from __future__ import annotations

from pathlib import Path

from stockrights.errors import StockRightsError

__all__ = ["WorkbookError"]


class WorkbookError(StockRightsError):
    """A workbook file cannot be read, calculated or written; the message names file and problem.

    Parameters
    ----------
    path : str or Path
        The file concerned (its name starts the message).
    problem : str
        What is wrong, one line, no trailing full stop.

    Attributes
    ----------
    path : Path
    problem : str

    Examples
    --------
    >>> str(WorkbookError("book.xlsx", "is not an xlsx workbook (not a zip file)"))
    'book.xlsx: is not an xlsx workbook (not a zip file)'
    """

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = Path(path)
        self.problem = " ".join(problem.split())
        super().__init__(f"{self.path}: {self.problem}")
