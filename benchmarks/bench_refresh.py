"""Benchmark of the headless refresh of the worked example (a script, not a test).

Run ``python benchmarks/bench_refresh.py``. It copies ``workbooks/`` example into a temporary
directory and prints:

- the whole command, ``stockrights refresh COPY``, in a fresh Python process: wall time from
  process start to exit (interpreter start-up, imports and teardown included), best and median
  of five runs;
- the same refresh in this process, stage by stage (import of the engine and the SAR_ functions,
  reading and checking the file, loading and compiling the formulas, calculating, writing);
- building the example from code (``build_workbook``, before its own refresh), for information;
- the target (the issue: under 3 seconds on the 2-core machine), with MISSED where not met.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "workbooks" / "stockrights_example_7th_series.xlsx"
TARGET_SECONDS = 3.0
RUNS = 5


def fresh_process(book: Path) -> list[float]:
    """Wall seconds of `stockrights refresh BOOK -q` in a new interpreter, RUNS times."""
    code = "import sys; from stockrights.cli import main; sys.exit(main(sys.argv[1:]))"
    out = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", code, "refresh", str(book), "-q"],
            check=True,
            capture_output=True,
        )
        out.append(time.perf_counter() - started)
    return out


def in_process(book: Path) -> list[tuple[str, float]]:
    """(stage, seconds) of one refresh in this process, from the refresh's progress lines."""
    started = time.perf_counter()
    from stockrights.workbooks.refresh import refresh_workbook

    marks: list[tuple[str, float]] = [("import the workbook layer", started)]
    refresh_workbook(book=book, progress=lambda line: marks.append((line, time.perf_counter())))
    marks.append(("done", time.perf_counter()))
    # each progress line announces the stage that follows it
    return [(marks[i][0], marks[i + 1][1] - marks[i][1]) for i in range(len(marks) - 1)]


def build_time() -> float:
    from stockrights.workbooks.builder import build_workbook

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        build_workbook(example=True).save(Path(folder) / "draft.xlsx")
    return time.perf_counter() - started


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        book = Path(folder) / EXAMPLE.name
        shutil.copy(EXAMPLE, book)
        walls = fresh_process(book)
        stages = in_process(book)
    best, median = min(walls), statistics.median(walls)
    print(f"stockrights refresh {EXAMPLE.name}, fresh process, wall seconds ({RUNS} runs)")
    print(f"  best {best:.2f}   median {median:.2f}   all {' '.join(f'{w:.2f}' for w in walls)}")
    print()
    print("The same refresh in this process, by stage (seconds)")
    width = max(len(label) for label, _ in stages)
    for label, seconds in stages:
        print(f"  {label:<{width}}  {seconds:6.2f}")
    total = sum(seconds for _, seconds in stages)
    print(f"  {'total':<{width}}  {total:6.2f}")
    print()
    print(f"Building the example from code (before its refresh): {build_time():.2f} s")
    print()
    ok = median < TARGET_SECONDS
    print(
        f"target: refresh under {TARGET_SECONDS:.0f} s (median wall, fresh process): "
        f"{median:.2f} s {'ok' if ok else 'MISSED'}"
    )
    print(
        f"        in-process refresh: {total:.2f} s {'ok' if total < TARGET_SECONDS else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
