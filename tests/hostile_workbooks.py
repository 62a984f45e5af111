"""Tiny workbook files written by hand (raw zip + XML), for the hostile-file tests.

Every file here is a few kilobytes on disk; what it claims (a range, a header, a row count) is
what a careless reader would materialise. ``peak_of_refresh`` runs ``stockrights refresh`` in a
child process under an address-space limit and returns its exit status, its stderr and its peak
resident memory.
"""

from __future__ import annotations

import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"

ADDRESS_SPACE_LIMIT = 3 * 2**29  # 1.5 GiB: a regression fails (MemoryError) instead of swapping


def write_workbook(
    path: Path,
    sheets: Mapping[str, bytes],
    *,
    names: bytes = b"",
    extra: Mapping[str, bytes] | None = None,
) -> Path:
    """A minimal .xlsx: ``sheets`` maps a sheet name to its ``<sheetData>`` content."""
    entries = "".join(
        f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(sheets, start=1)
    )
    workbook = (
        (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_R}">'
            f"<sheets>{entries}</sheets>"
        ).encode()
        + (names and b"<definedNames>" + names + b"</definedNames>")
        + b"</workbook>"
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_WORKSHEET}" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr("xl/workbook.xml", workbook)
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">'.encode()
        for i, data in enumerate(sheets.values(), start=1):
            zf.writestr(
                f"xl/worksheets/sheet{i}.xml",
                head + b"<sheetData>" + data + b"</sheetData></worksheet>",
            )
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def value_rows(count: int, *, columns: str = "A") -> bytes:
    """Rows 1 to ``count``, each with its row number in every column of ``columns``."""
    return b"".join(
        b'<row r="%d">' % r
        + b"".join(b'<c r="%s%d"><v>%d</v></c>' % (c.encode(), r, r) for c in columns)
        + b"</row>"
        for r in range(1, count + 1)
    )


def lie_about_size(path: Path, member: str, claimed: int) -> None:
    """Rewrite the local and central headers of ``member`` to claim ``claimed`` bytes."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    local = data.find(b"PK\x03\x04")
    while local != -1:
        (name_length,) = struct.unpack_from("<H", data, local + 26)
        if bytes(data[local + 30 : local + 30 + name_length]) == name:
            struct.pack_into("<I", data, local + 22, claimed)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        (name_length,) = struct.unpack_from("<H", data, central + 28)
        if bytes(data[central + 46 : central + 46 + name_length]) == name:
            struct.pack_into("<I", data, central + 24, claimed)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def deflated_zeros(size: int) -> int:
    """Compressed size of ``size`` zero bytes (to show a member is tiny on disk)."""
    return len(zlib.compress(bytes(size), 9))


_MEASURE = (
    "import resource, subprocess, sys\n"
    "limit = int(sys.argv[1])\n"
    "def cap():\n"
    "    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
    "p = subprocess.run(sys.argv[2:], preexec_fn=cap, capture_output=True, text=True)\n"
    "sys.stderr.write(p.stderr)\n"
    "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def peak_of_refresh(*args: str) -> tuple[int, str, float]:
    """(exit status, stderr, peak resident MB) of ``stockrights refresh ARGS`` in a child.

    The child runs under ``RLIMIT_AS`` = 1.5 GiB; the peak is the child's ``ru_maxrss``
    measured by a separate small parent, so earlier children of the test process do not count.
    """
    command = [sys.executable, "-m", "stockrights.cli", "refresh", "--quiet", *args]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(ADDRESS_SPACE_LIMIT), *command],
        capture_output=True,
        text=True,
        check=True,
    )
    status, kilobytes = done.stdout.split()
    return int(status), done.stderr, int(kilobytes) / 1024
