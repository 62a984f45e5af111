"""The Japanese font the PDF embeds and the charts draw with (IPA fonts, from Debian packages).

reportlab embeds TrueType outlines only, so the font must be a ``.ttf`` file: IPAGothic
(``fonts-ipafont-gothic``) or IPAMincho (``fonts-ipafont-mincho``). ``STOCKRIGHTS_JA_FONT`` may
name another TrueType file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from stockrights.reports.errors import ReportError

__all__ = ["CANDIDATES", "find_japanese_font"]

CANDIDATES = (
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
    "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf",
    "/usr/share/fonts/truetype/fonts-japanese-mincho.ttf",
    "/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
)
"""Where Debian installs the IPA TrueType fonts, in order of preference."""


def find_japanese_font(candidates: Sequence[str] = CANDIDATES) -> Path:
    """The first Japanese TrueType font found: ``STOCKRIGHTS_JA_FONT``, then ``candidates``.

    Raises
    ------
    ReportError
        One line naming the Debian package to install when no font is found.
    """
    chosen = os.environ.get("STOCKRIGHTS_JA_FONT")
    if chosen:
        path = Path(chosen)
        if path.suffix.lower() != ".ttf" or not path.is_file():
            raise ReportError(
                f"STOCKRIGHTS_JA_FONT must name a TrueType (.ttf) file, got {chosen!r}"
            )
        return path
    for candidate in candidates:
        path = Path(candidate)
        if path.is_file():
            return path
    raise ReportError(
        "a Japanese TrueType font is needed to write the report and none was found: install "
        "fonts-ipafont-gothic (apt-get install fonts-ipafont-gothic) or set STOCKRIGHTS_JA_FONT"
    )
