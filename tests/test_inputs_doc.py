"""docs/inputs.md: every example on the page is what the code gives."""

from __future__ import annotations

import doctest
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "inputs.md"


def test_inputs_doc_examples() -> None:
    """The >>> examples of docs/inputs.md run and print what the page says."""
    result = doctest.testfile(
        str(DOC), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert result.attempted >= 10
    assert result.failed == 0
