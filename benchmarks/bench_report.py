"""Benchmark of the valuation report of the worked example (a script, not a test).

Run ``python benchmarks/bench_report.py``. It prints, side by side:

- the whole command, ``stockrights report --example --output FILE.pdf``, in a fresh Python
  process (start-up, imports and teardown included), best and median of five runs;
- the same report in this process, stage by stage (deriving the inputs from the example's data,
  building the document with its four charts, rendering the PDF);
- the baseline a user would otherwise pay: one plain matplotlib figure of the weekly closes saved
  as PDF in a fresh process (import matplotlib, plot, ``savefig``), best and median of five runs;
- the target (the issue: under 5 seconds), with MISSED where not met.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 5.0
RUNS = 5

_BASELINE = """
import sys
from matplotlib.figure import Figure
from stockrights.workbooks.example_data import example_prices
prices = example_prices()
fig = Figure(figsize=(7, 3.1))
fig.add_subplot().plot([d for d, _ in prices], [c for _, c in prices])
fig.savefig(sys.argv[1])
"""


def fresh(argv: list[str]) -> list[float]:
    """Wall seconds of ``python argv`` in a new interpreter, RUNS times."""
    out = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run([sys.executable, *argv], check=True, capture_output=True)
        out.append(time.perf_counter() - started)
    return out


def in_process(output: Path) -> list[tuple[str, float]]:
    """(stage, seconds) of one report built in this process."""
    stages = []
    started = time.perf_counter()
    from stockrights.reports.content import report_document
    from stockrights.reports.fonts import find_japanese_font
    from stockrights.reports.pdf import render_pdf
    from stockrights.reports.source import example_source

    stages.append(("import", time.perf_counter() - started))
    t = time.perf_counter()
    source = example_source()
    stages.append(("derive S, sigma, r, q from the data", time.perf_counter() - t))
    t = time.perf_counter()
    font = find_japanese_font()
    doc = report_document(source, font=font)
    stages.append(("document and 4 charts", time.perf_counter() - t))
    t = time.perf_counter()
    output.write_bytes(render_pdf(doc, font=font))
    stages.append(("render the PDF", time.perf_counter() - t))
    return stages


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.pdf"
        code = "import sys; from stockrights.cli import main; sys.exit(main(sys.argv[1:]))"
        command = fresh(["-c", code, "report", "--example", "--output", str(report)])
        baseline = fresh(["-c", _BASELINE, str(Path(tmp) / "plain.pdf")])
        stages = in_process(Path(tmp) / "in_process.pdf")
        pages = report.read_bytes().count(b"/Type /Page\n") or "?"

    print(f"report of the example ({pages} pages), best / median of {RUNS} fresh processes:")
    print(
        f"  stockrights report --example        {min(command):6.2f} s / "
        f"{statistics.median(command):6.2f} s"
    )
    print(
        f"  baseline: one matplotlib figure PDF {min(baseline):6.2f} s / "
        f"{statistics.median(baseline):6.2f} s"
    )
    print(f"  ratio (report / one figure)         {min(command) / min(baseline):6.1f} x")
    print("in this process, by stage:")
    for name, seconds in stages:
        print(f"  {name:<38}{seconds:6.2f} s")
    verdict = "met" if min(command) < TARGET_SECONDS else "MISSED"
    print(f"target: under {TARGET_SECONDS:g} s for the whole command: {verdict}")


if __name__ == "__main__":
    main()
