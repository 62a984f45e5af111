"""Benchmark: the headless refresh against LibreOffice's recalculate-and-save (a script, no test).

Run ``python benchmarks/bench_refresh.py`` (``--quick`` skips the 40,000-cell book). It prints:

1. Registers of 200, 4,000 and 40,000 formula cells (:func:`register_book`: a row per holder,
   ten column formulas mixing ``SAR_SHARES_PER_RIGHT``, ``SAR_CAPITAL_SPLIT``, arithmetic, ``IF``,
   ``ROUNDDOWN``, ``VLOOKUP`` on a category table, ``ISNUMBER`` and ``ROUND``), each refreshed
   side by side in one run:

   - ``stockrights refresh BOOK`` in a fresh process (wall time from process start to exit, with
     the peak resident memory of that process);
   - LibreOffice headless converting the same file to xlsx with a private profile whose
     ``OOXMLRecalcMode`` is 0, so that it recalculates every formula before it saves (start-up
     included; LibreOffice shows ``#NAME?`` for the SAR_ cells, which it does not know);
   - the ratio stockrights / LibreOffice (below 1: stockrights is faster).

   Each is the median of ``RUNS`` runs.
2. The committed example (207 formula cells) refreshed in a fresh process, median of five, against
   the 1.5 s target, and the same refresh in this process by stage (from the progress lines).
3. The cell-by-cell ``formulas`` path on the 200-cell register and on the example, for scale.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "workbooks" / "stockrights_example_7th_series.xlsx"
EXAMPLE_TARGET_SECONDS = 1.5
MEMORY_TARGET_MB = 500
RUNS = 3
EXAMPLE_RUNS = 5
FORMULAS_PER_ROW = 10
SIZES = (200, 4_000, 40_000)

RECALCULATE_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
  oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

_ROW_FORMULAS = (
    "SAR_SHARES_PER_RIGHT(BaseShares,Actions,$B{r},AllotmentDate)",
    "$C{r}*$E{r}",
    "$F{r}*ExercisePrice",
    "$G{r}+$C{r}*BookValue",
    "INDEX(SAR_CAPITAL_SPLIT($H{r}),2,2)",
    "$H{r}-$I{r}",
    'IF($C{r}>=20,"large","small")',
    "ROUNDDOWN($F{r}/3,0)",
    "VLOOKUP($D{r},categories!$A$2:$B$4,2,FALSE)",
    "IF(ISNUMBER($M{r}),ROUND($F{r}*$M{r},0),0)",
)


def register_book(path: Path, formula_cells: int) -> Path:
    """Write a register of ``formula_cells / 10`` holders (10 column formulas a row)."""
    import datetime as dt

    import openpyxl
    from openpyxl.workbook.defined_name import DefinedName

    wb = openpyxl.Workbook()
    terms = wb.active
    terms.title = "terms"
    inputs = {
        "BaseShares": 200,
        "AllotmentDate": dt.date(2017, 7, 14),
        "ExercisePrice": 1,
        "BookValue": 326_485,
    }
    for row, (name, value) in enumerate(inputs.items(), start=1):
        terms.cell(row, 1, name)
        terms.cell(row, 2, value)
        wb.defined_names[name] = DefinedName(name, attr_text=f"terms!$B${row}")
    actions = wb.create_sheet("actions")
    actions.append(["kind", "ratio", "record date", "effective date", "meeting", "order", "note"])
    actions.append(["split", 2, dt.date(2020, 12, 31), dt.date(2021, 1, 1), None, None, "1:2"])
    actions.append(["split", 2, dt.date(2022, 9, 30), dt.date(2022, 10, 1), None, None, "1:2"])
    wb.defined_names["Actions"] = DefinedName("Actions", attr_text="actions!$A$2:$G$4")
    categories = wb.create_sheet("categories")
    categories.append(["category", "weight"])
    for name, weight in (("director", 1.0), ("officer", 0.5), ("employee", 0.25)):
        categories.append([name, weight])
    register = wb.create_sheet("register")
    register.append(["holder", "exercise date", "rights", "category"])
    kinds = ("director", "officer", "employee")
    for i in range(formula_cells // FORMULAS_PER_ROW):
        r = i + 2
        day = dt.date(2019, 1, 1) + dt.timedelta(days=(i * 37) % 2000)
        register.append([f"H{i:05d}", day, 1 + i % 40, kinds[i % 3]])
        for j, formula in enumerate(_ROW_FORMULAS):
            register.cell(r, 5 + j, "=" + formula.format(r=r))
    wb.save(path)
    return path


def _children_cpu() -> float:
    """CPU seconds (user + system) of every child process waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of ``run`` (the CPU of the processes it waits for)."""
    cpu, started = _children_cpu(), time.perf_counter()
    run()
    return time.perf_counter() - started, _children_cpu() - cpu


def stockrights_refresh(book: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MB of ``stockrights refresh BOOK -q`` (fresh process)."""
    code = (
        "import resource, sys; from stockrights.cli import main; code = main(sys.argv[1:]); "
        "sys.stderr.write('peak %d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); "
        "sys.exit(code)"
    )
    done: list[subprocess.CompletedProcess[str]] = []
    seconds, cpu = _timed(
        lambda: done.append(
            subprocess.run(
                [sys.executable, "-c", code, "refresh", str(book), "-q"],
                check=True,
                capture_output=True,
                text=True,
            )
        )
    )
    peak = [line for line in done[0].stderr.splitlines() if line.startswith("peak ")]
    return seconds, cpu, int(peak[-1].split()[1]) / 1024 if peak else float("nan")


def libreoffice(book: Path, profile: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of LibreOffice headless recalculating ``book``, saving it as xlsx."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("soffice is not installed (apt-get install libreoffice-calc)")
    cpu, started = _children_cpu(), time.perf_counter()
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(book),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "HOME": str(profile.parent)},
    )
    seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
    if not (out / book.name).exists():
        raise SystemExit(f"LibreOffice did not write {out / book.name}")
    return seconds, cpu


def in_process(book: Path, *, by_shape: bool = True) -> list[tuple[str, float]]:
    """(stage, seconds) of one refresh in this process, from the refresh's progress lines."""
    started = time.perf_counter()
    from stockrights.workbooks import engine
    from stockrights.workbooks.refresh import refresh_workbook

    marks: list[tuple[str, float]] = [("import the workbook layer", started)]
    original = engine.calculate

    def calculate(package, *, progress=None):  # type: ignore[no-untyped-def]
        return original(package, progress=progress, by_shape=by_shape)

    engine_calculate, engine.calculate = engine.calculate, calculate
    import stockrights.workbooks.refresh as refresh_module

    refresh_calculate, refresh_module.calculate = refresh_module.calculate, calculate
    try:
        refresh_workbook(book=book, progress=lambda line: marks.append((line, time.perf_counter())))
    finally:
        engine.calculate, refresh_module.calculate = engine_calculate, refresh_calculate
    marks.append(("done", time.perf_counter()))
    return [(marks[i][0], marks[i + 1][1] - marks[i][1]) for i in range(len(marks) - 1)]


def _stages(title: str, stages: list[tuple[str, float]], folder: Path) -> None:
    print(title)
    stages = [(label.replace(f"{folder}{os.sep}", ""), seconds) for label, seconds in stages]
    width = max(len(label) for label, _ in stages)
    for label, seconds in stages:
        print(f"  {label:<{width}}  {seconds:6.2f}")
    print(f"  {'total':<{width}}  {sum(s for _, s in stages):6.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 40,000-cell register")
    args = parser.parse_args(argv)
    sizes = SIZES[:2] if args.quick else SIZES
    with tempfile.TemporaryDirectory(prefix="stockrights-bench-") as folder:
        root = Path(folder)
        profile = root / "lo" / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ALWAYS, "utf-8")
        libreoffice(register_book(root / "warm.xlsx", 200), profile, root / "lo-out")  # profile
        print(
            f"Register refresh, median of {RUNS} runs each, seconds (fresh process; wall, and "
            "CPU: user + system, which other jobs on the machine disturb less)"
        )
        print(
            f"  {'formula cells':>13}  {'stockrights':>11}  {'cpu':>5}  {'peak MB':>7}  "
            f"{'LibreOffice':>11}  {'cpu':>5}  {'ratio':>5}  {'cpu ratio':>9}"
        )
        goals: list[str] = []
        for size in sizes:
            book = register_book(root / f"register_{size}.xlsx", size)
            ours, our_cpu, peaks, theirs, their_cpu = [], [], [], [], []
            for _ in range(RUNS):
                seconds, cpu, peak = stockrights_refresh(book)
                ours.append(seconds)
                our_cpu.append(cpu)
                peaks.append(peak)
                seconds, cpu = libreoffice(book, profile, root / "lo-out")
                theirs.append(seconds)
                their_cpu.append(cpu)
            a, b = statistics.median(ours), statistics.median(theirs)
            ca, cb = statistics.median(our_cpu), statistics.median(their_cpu)
            print(
                f"  {size:>13,}  {a:>11.2f}  {ca:>5.2f}  {max(peaks):>7.0f}  {b:>11.2f}  "
                f"{cb:>5.2f}  {a / b:>5.2f}  {ca / cb:>9.2f}"
            )
            if size == SIZES[-1]:
                goals.append(
                    f"40,000 cells no slower than LibreOffice: ratio {a / b:.2f} "
                    f"{'ok' if a <= b else 'MISSED'} (cpu ratio {ca / cb:.2f}); "
                    f"peak {max(peaks):.0f} MB "
                    f"{'ok' if max(peaks) < MEMORY_TARGET_MB else 'MISSED'} "
                    f"(< {MEMORY_TARGET_MB} MB)"
                )
        print()
        book = root / EXAMPLE.name
        shutil.copy(EXAMPLE, book)
        runs = [stockrights_refresh(book) for _ in range(EXAMPLE_RUNS)]
        walls = [wall for wall, _, _ in runs]
        median = statistics.median(walls)
        print(f"stockrights refresh {EXAMPLE.name}, fresh process ({EXAMPLE_RUNS} runs)")
        every = " ".join(f"{w:.2f}" for w in walls)
        cpu = statistics.median(c for _, c, _ in runs)
        print(f"  best {min(walls):.2f}   median {median:.2f}   all {every}   cpu median {cpu:.2f}")
        goals.append(
            f"example under {EXAMPLE_TARGET_SECONDS} s (median, fresh process): {median:.2f} s "
            f"{'ok' if median < EXAMPLE_TARGET_SECONDS else 'MISSED'}"
        )
        print()
        _stages("The same refresh in this process, by stage (seconds)", in_process(book), root)
        print()
        small = register_book(root / "register_small.xlsx", SIZES[0])
        _stages(
            f"For scale: the cell-by-cell formulas path, register of {SIZES[0]} cells (seconds)",
            in_process(small, by_shape=False),
            root,
        )
        print()
        print("goals: " + "\n       ".join(goals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
