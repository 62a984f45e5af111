"""The valuation report and the notice: their text holds the key figures; errors are one line.

Expected figures come from an independent Black-Scholes written here with math.erf (not the
core's pricing module) and from hand arithmetic on the allotment table (clause 15).
"""

from __future__ import annotations

import hashlib
import itertools
import math
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from stockrights.cli import main
from stockrights.errors import StockRightsError
from stockrights.reports import content
from stockrights.reports.api import write_notice, write_report
from stockrights.reports.catalogue import CATALOGUE, PROVENANCE_LABELS
from stockrights.reports.errors import ReportError
from stockrights.reports.fonts import find_japanese_font
from stockrights.reports.source import book_source, example_source
from stockrights.valuation import provenance_lines
from stockrights.workbooks import layout

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_BOOK = ROOT / "workbooks" / "stockrights_example_7th_series.xlsx"
BLANK_BOOK = ROOT / "workbooks" / "stockrights_template.xlsx"


def _bs(S: float, X: float, T: float, sigma: float, r: float, q: float) -> float:  # noqa: N803
    """Black-Scholes-Merton call, written out independently of stockrights.pricing."""

    def N(x: float) -> float:
        return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))

    d = (math.log(S / X) + (r - q + sigma**2 / 2) * T) / (sigma * math.sqrt(T))
    return S * math.exp(-q * T) * N(d) - X * math.exp(-r * T) * N(d - sigma * math.sqrt(T))


# The example: S 2,000, X 1, T 15, sigma 35 %, r 0.35 %, q = 27 / 2,000; 200 shares per right,
# C x 200 rounded up; 168 rights to directors, 77 to executive officers.
PER_RIGHT = math.ceil(_bs(2000, 1, 15, 0.35, 0.0035, 27 / 2000) * 200)
DIRECTORS = 168 * PER_RIGHT
OFFICERS = 77 * PER_RIGHT


def _need(program: str) -> str:
    if os.environ.get("STOCKRIGHTS_NO_LIBREOFFICE") == "1":  # scripts/test.sh: tools missing
        pytest.skip(f"STOCKRIGHTS_NO_LIBREOFFICE=1: the PDF checks with {program} are not run")
    path = shutil.which(program)
    if path is None:
        pytest.fail(f"{program} is needed (poppler-utils; .ci/run installs it)")
    return path


def _pdf_pages(path: Path) -> list[str]:
    out = subprocess.run(
        [_need("pdftotext"), "-layout", str(path), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    return [page for page in out.split("\f") if page.strip()]


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(example_source(), tmp_path_factory.mktemp("report") / "example.pdf")


def test_independent_amount_is_the_one_the_issue_quotes() -> None:
    """The hand-written formula gives 326,485 yen per right (issue 12's figure)."""
    assert PER_RIGHT == 326_485


def test_report_pdf_holds_the_key_figures(example_pdf: Path) -> None:
    """Amount per right, totals by category and in all, and S, sigma, r, q appear in the text."""
    text = "\n".join(_pdf_pages(example_pdf))
    for figure in (
        f"{PER_RIGHT:,}",
        f"{DIRECTORS:,}",
        f"{OFFICERS:,}",
        f"{DIRECTORS + OFFICERS:,}",
        "2,000",  # S
        "0.35",  # sigma
        "0.0035",  # r
        "0.0135",  # q = 27 / 2000
        "326,484.822",  # C x 200 before rounding up
        "2005-12-02 to 2017-07-14",  # the volatility window of clause (12)-5
        # the split restating the older closes, from its ex-rights date (record date Sun
        # 2012-09-30 -> Fri 09-28 -> T+3 -> last cum-rights day Tue 09-25 -> ex 09-26)
        "1:200 from 2012-09-26",
    ):
        assert figure in text, figure
    assert "新株予約権の公正価値算定報告書" in text
    assert "【例示】" in text


def test_report_sensitivity_rows_match_the_independent_formula() -> None:
    """Sigma +/- 5 points, r +/- 0.5, T +/- 1, q +/- 0.5: each amount re-computed by hand."""
    rows = {row.key: row for row in content.sensitivity(example_source().valuation)}
    q = 27 / 2000

    def amount(**kw: float) -> int:
        args = dict(S=2000.0, X=1.0, T=15.0, sigma=0.35, r=0.0035, q=q)
        args.update(kw)
        return math.ceil(_bs(**args) * 200)

    assert (rows["sens_volatility"].low_amount, rows["sens_volatility"].high_amount) == (
        amount(sigma=0.30),
        amount(sigma=0.40),
    )
    assert rows["sens_rate"].high_amount == amount(r=0.0085)
    assert rows["sens_rate"].low_amount == amount(r=-0.0015)
    assert (rows["sens_term"].low_amount, rows["sens_term"].high_amount) == (
        amount(T=14.0),
        amount(T=16.0),
    )
    assert rows["sens_dividend"].low_amount == amount(q=q - 0.005)
    assert rows["sens_dividend"].high_amount == amount(q=q + 0.005)


def test_every_page_carries_version_and_input_hash(example_pdf: Path) -> None:
    """Each page's footer names the stockrights version and the input's short SHA-256."""
    digest = example_source().short_hash
    pages = _pdf_pages(example_pdf)
    assert len(pages) > 5
    for number, page in enumerate(pages, start=1):
        assert f"stockrights {content.stockrights_version()}" in page
        assert f"input SHA-256 {digest}" in page
        assert f"page {number}" in page


def test_report_embeds_its_font(example_pdf: Path) -> None:
    """Every font of the PDF is embedded (pdffonts: emb = yes)."""
    out = subprocess.run(
        [_need("pdffonts"), str(example_pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert out
    assert all(re.search(r"\byes\b", line.split("TrueType")[-1]) for line in out), out


def test_report_of_the_workbook_hashes_its_bytes(tmp_path: Path) -> None:
    """A refreshed book gives the same amount; its footer carries the SHA-256 of its bytes."""
    source = book_source(EXAMPLE_BOOK)
    assert source.valuation.per_right_amount == PER_RIGHT
    assert source.valuation.total_amount == DIRECTORS + OFFICERS
    digest = hashlib.sha256(EXAMPLE_BOOK.read_bytes()).hexdigest()[:12]
    html = write_report(source, tmp_path / "book.html").read_text(encoding="utf-8")
    assert f"input SHA-256 {digest}" in html
    assert f"{PER_RIGHT:,}" in html
    assert html.count("data:image/png;base64,") == 4


def test_book_and_example_derive_the_same_chain() -> None:
    """Reading the workbook's data and the example's data gives the same provenance values."""
    book = provenance_lines(book_source(EXAMPLE_BOOK).valuation.market)
    example = provenance_lines(example_source().valuation.market)
    assert [ln.label for ln in book] == [ln.label for ln in example]
    for a, b in zip(book, example, strict=True):
        if isinstance(a.value, float):  # closes pass through the file: equal to 1e-12
            assert a.value == pytest.approx(b.value, rel=1e-12), a.label
        elif not isinstance(a.value, str):
            assert a.value == b.value, a.label


def test_notice_text_holds_what_the_company_publishes(tmp_path: Path) -> None:
    """The notice states the amount per right, S, X, T, sigma, r, q, dates, persons, total."""
    text = write_notice(example_source(), tmp_path / "notice.txt").read_text(encoding="utf-8")
    for figure in (
        "払込金額の決定に関するお知らせ",
        f"{PER_RIGHT:,}円",
        f"{PER_RIGHT / 200:,.3f}円",  # per share: 1,632.425
        "2,000 円",  # S
        "15 年",  # T
        "35.00%",  # sigma
        "0.350%",  # r
        "1.35%",  # q
        "割当日: 2017年7月14日",
        "払込期日: 2017年7月14日",
        "2017年6月28日開催",
        "取締役 7名 168個",
        "執行役員 11名 77個",
        f"{DIRECTORS + OFFICERS:,}円",
        "以上",
    ):
        assert figure in text, figure


def test_notice_pdf_renders_the_japanese(tmp_path: Path) -> None:
    """The notice as PDF: its text (pdftotext) reads back in Japanese with the amount."""
    path = write_notice(example_source(), tmp_path / "notice.pdf")
    text = "\n".join(_pdf_pages(path))
    assert "お知らせ" in text
    assert f"{PER_RIGHT:,}円" in text


def test_every_provenance_label_has_japanese() -> None:
    """The catalogue translates each label explain() may print before the Black-Scholes lines."""
    lines = provenance_lines(example_source().valuation.market)
    from stockrights.example import example_market_inputs

    lines += provenance_lines(example_market_inputs())
    assert {ln.label for ln in lines} <= set(PROVENANCE_LABELS)
    assert all(term.ja or key == "footer" for key, term in CATALOGUE.items())


def test_the_reports_chain_says_its_values_and_notes_in_japanese_above_the_english() -> None:
    """Section 4's table: a value or note in words is the Japanese sentence with the English below
    it (as the labels are); a number is shown once. By hand: S is the close of the allotment date
    2017-07-14 (clause (12)-2); the example's T = 15 is a tenor of the curve (0.35 %).
    """
    from stockrights.reports.content import _lines_table

    table = _lines_table(provenance_lines(example_source().valuation.market))
    rows = {row[0].split("\n")[-1]: row for row in table.rows}
    assert rows["S: figure used"][1:] == (
        "2017年7月14日の終値\nclose on 2017-07-14",
        "",
        "割当日の終値（決議 (12)-2）\nthe close on the allotment date (clause 12-2)",
    )
    assert rows["S: derived"][1:3] == ("2000", "円/株\nyen/share")
    assert rows["r: tenors and yields used"][1] == "15年 0.0035\n15y 0.0035"
    assert rows["q: derived"][3] == "D / S"  # a formula: the same in both, shown once
    # section 5: the steps' labels have their Japanese above them too (as in the workbooks)
    steps = _lines_table(example_source().valuation.right.explain())
    labels = [row[0] for row in steps.rows]
    assert labels[0] == "株価 S\nS share price"
    assert "1株当たりのオプション価格 C\nC option price per share" in labels
    assert "d" in labels  # the same in both: once
    assert all("\n" in label for label in labels if label not in ("d", "N(d)", "ln(S/X)"))


def test_the_summarys_units_are_japanese_above_the_english() -> None:
    """Section 1's unit column in Japanese over the English, as the report's other columns.

    It showed only the English: "yen", "yen/share", "shares", "rights".
    """
    from stockrights.reports.content import _summary

    units = [row[2] for row in _summary(example_source().valuation).rows]
    assert units == [
        "円/個\nyen/right",  # the amount per right
        "円/株\nyen/share",  # the option price per share
        "円/株\nyen/share",  # the fair value per share
        "株\nshares",
        "個\nrights",
        "円\nyen",  # the total amount
    ]


# --- errors: one line ------------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    err = capsys.readouterr().err
    return status, err


def test_cli_writes_report_and_notice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`report --example` and `notice --example` write their files and say what they wrote."""
    assert main(["notice", "--example", "--output", str(tmp_path / "n.txt")]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"wrote {tmp_path / 'n.txt'}: amount per right {PER_RIGHT:,} yen")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["report", "--example", "-o", "r.docx"],
            "--output must end in .pdf or .html, got 'r.docx'",
        ),
        (
            ["notice", "--example", "-o", "n.xlsx"],
            "--output must end in .txt or .pdf or .html, got 'n.xlsx'",
        ),
        (["report", "-o", "r.pdf"], "report needs BOOK (a refreshed workbook) or --example"),
        (
            ["report", str(BLANK_BOOK), "-o", "r.pdf"],
            "terms!B5 (SeriesName) is empty: fill it in and refresh the book",
        ),
        (
            ["report", "missing.xlsx", "-o", "r.pdf"],
            "BOOK must be an .xlsx or .xlsm workbook (a zip archive); missing.xlsx is not one "
            "(no such file)",
        ),
    ],
)
def test_cli_errors_are_one_line(
    argv: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Bad suffix, no source, a blank template, a missing file: one line, status 2."""
    monkeypatch.chdir(tmp_path)
    status, err = _run(capsys, *argv)
    assert status == 2
    assert err.count("\n") == 1
    assert err.startswith("stockrights: error: ")
    assert message in err
    assert not list(tmp_path.iterdir())  # nothing written


def test_a_stale_workbook_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A stored sigma that its data do not give (edited, not refreshed) names the cell."""
    stale = tmp_path / "stale.xlsx"
    sigma = layout.address("Volatility")  # the value used (the templates' layout)
    with zipfile.ZipFile(EXAMPLE_BOOK) as src, zipfile.ZipFile(stale, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":  # the market sheet (second)
                data, n = re.subn(
                    rb'(<c r="' + sigma.ref.encode() + rb'"[^>]*>(?:<f>[^<]*</f>)?<v>)[^<]*(</v>)',
                    rb"\g<1>0.4\g<2>",
                    data,
                )
                assert n == 1
            dst.writestr(item, data)
    status, err = _run(capsys, "report", str(stale), "-o", str(tmp_path / "r.pdf"))
    assert status == 2
    assert err.count("\n") == 1
    assert f"market!{sigma.ref} (Volatility) stores 0.4 but its data give 0.35" in err
    assert "refresh the book" in err


def test_no_japanese_font_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a Japanese TrueType font the message names the Debian package to install."""
    monkeypatch.delenv("STOCKRIGHTS_JA_FONT", raising=False)
    with pytest.raises(ReportError, match=r"install fonts-ipafont-gothic"):
        find_japanese_font(candidates=("/nonexistent/ipag.ttf",))
    monkeypatch.setenv("STOCKRIGHTS_JA_FONT", "/nonexistent/font.otf")
    with pytest.raises(ReportError, match=r"^STOCKRIGHTS_JA_FONT must name a TrueType"):
        find_japanese_font()


def test_a_workbook_that_is_not_a_template_is_named(tmp_path: Path) -> None:
    """A valid xlsx without the template's sheets: one line saying what is missing."""
    from openpyxl import Workbook

    other = tmp_path / "other.xlsx"
    wb = Workbook()
    wb.active["A1"] = "not a stockrights book"
    wb.save(other)
    with pytest.raises(StockRightsError, match=r"other\.xlsx: has no sheet 'terms' \(is it a"):
        book_source(other)


def test_an_auditor_reperforms_sigma_and_the_amount_from_the_pdf(example_pdf: Path) -> None:
    """From the report's text alone: the appendix's adjusted closes give sigma; with the
    printed S, r and q, the independent formula gives the amount per right.
    """
    text = "\n".join(_pdf_pages(example_pdf))
    rows = re.findall(r"^\s*(\d{4}-\d{2}-\d{2})\s+([\d.]+)\s+([\d.]+)(?:\s+(-?[\d.]+))?\s*$",
                      text, flags=re.MULTILINE)  # fmt: skip
    assert rows[0][0] == "2005-12-02"
    assert rows[-1][0] == "2017-07-14"
    adjusted = [float(row[2]) for row in rows]
    returns = [math.log(b / a) for a, b in itertools.pairwise(adjusted)]
    mean = sum(returns) / len(returns)
    sigma = math.sqrt(sum((r - mean) ** 2 for r in returns) / (len(returns) - 1)) * math.sqrt(52)
    assert sigma == pytest.approx(0.35, rel=1e-9)
    # each derived value is printed on the Japanese line of its two-line label ("S: 算定値 2000")
    printed = dict(re.findall(r"^\s*([Srq]): 算定値\s+([\d.]+)", text, flags=re.MULTILINE))
    S, r, q = (float(printed[k]) for k in ("S", "r", "q"))
    assert math.ceil(_bs(S, 1, 15, sigma, r, q) * 200) == PER_RIGHT


def test_a_typed_sigma_is_reported_as_entered_with_its_source(typed_sigma_book: Path) -> None:
    """Sigma typed in the known column (0.30, "valuer's report") is taken as entered, not
    compared with the 0.35 its data give; S, r and q are still re-derived from the data.
    """
    source = book_source(typed_sigma_book)
    market = source.valuation.market
    assert market.volatility == 0.30
    assert market.volatility_source == "valuer's report"
    lines = {line.label: line for line in provenance_lines(market)}
    assert lines["sigma: entered"].note == "entered: valuer's report"
    assert lines["sigma: entered"].value == 0.30
    assert "sigma: window" not in lines  # no derivation for a typed figure
    assert market.derivation is not None
    assert market.derivation.volatility is None
    assert market.derivation.share_price is not None  # S still from the closes
    # the independent Black-Scholes on the typed sigma, C x 200 rounded up
    expected = math.ceil(_bs(2000, 1, 15, 0.30, 0.0035, 27 / 2000) * 200)
    assert source.valuation.per_right_amount == expected  # at X = 1 yen, sigma barely matters
    assert source.valuation.right.option_price == pytest.approx(
        _bs(2000, 1, 15, 0.30, 0.0035, 27 / 2000), rel=1e-12
    )


def test_a_typed_dividend_yield_discloses_the_dividend_it_implies(
    typed_dividend_book: Path,
) -> None:
    """A q typed as 0.02 while the book still declares 27 yen: the note's expected dividend is the
    one the valuation used, q x S = 0.02 x 2,000 = 40 yen, not the declared 27 (which would
    disclose a dividend the valuation did not use). S, sigma and r stay derived.
    """
    source = book_source(typed_dividend_book)
    market = source.valuation.market
    assert (market.dividend_yield, market.dividend_yield_source) == (0.02, "valuer's report")
    assert market.dividend_per_share is None  # no D behind a typed q
    assert market.derivation is not None
    assert market.derivation.dividend_yield is None
    assert market.share_price == 2000  # the example's close on 2017-07-14
    note = {line.label: line.value for line in source.valuation.disclosure_note()}
    assert note["予想配当 expected dividend"] == pytest.approx(40.0, rel=1e-12)
    expected = math.ceil(_bs(2000, 1, 15, 0.35, 0.0035, 0.02) * 200)
    assert source.valuation.per_right_amount == expected


def test_the_dividends_fiscal_year_reads_in_the_reports_language() -> None:
    """The book's dividend (27 yen, record date 2017-03-31, clause 12-7) in both languages."""
    lines = book_source(EXAMPLE_BOOK).valuation.explain()
    declared = next(line for line in lines if line.label == "q: dividend per share declared")
    assert declared.note == "fiscal year ended 2017-03-31, record date 2017-03-31 (clause 12-7)"
    assert declared.note_in("ja") == (
        "2017年3月31日に終了した事業年度、基準日2017年3月31日（決議 (12)-7）"
    )


def test_the_examples_origin_is_japanese_in_the_japanese_line() -> None:
    """The report's "prepared" paragraph names the example in each language.

    The Japanese line read "算定基礎: the built-in example (stockrights.example)。"; a workbook's
    file name (what the user supplied) stays as it is in both.
    """
    from stockrights.reports.content import report_document
    from stockrights.reports.document import Paragraph
    from stockrights.reports.fonts import find_japanese_font

    doc = report_document(example_source(), font=find_japanese_font())
    prepared = next(b for b in doc.blocks if isinstance(b, Paragraph) and "算定基礎" in b.ja)
    assert prepared.ja.startswith("算定基礎: 組込みの計算例（stockrights.example）。")
    assert prepared.en.startswith("Made from the built-in example (stockrights.example).")
