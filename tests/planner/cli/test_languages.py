"""Polish and Ukrainian: command line, workbook and PDF in the language and currency asked."""

from __future__ import annotations

import gettext
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from planner.cli.main import run
from planner.words.formats import money

ROOT = Path(__file__).parents[3]
TEMPLATE = ROOT / "templates" / "knowledge_assistant.json"
CASES = [("pl", "PLN", "zł"), ("uk", "UAH", "₴")]


def translated(language: str, message: str) -> str:
    text = gettext.translation("planner", ROOT / "assets" / "locale", languages=[language]).gettext(
        message
    )
    assert text != message, f"{message!r} has no {language} translation"
    return text


@pytest.mark.parametrize(
    ("amount", "currency", "language", "expected"),
    [
        (1234.56, "PLN", "pl", "1\u00a0234,56\u00a0zł"),
        (1234.56, "EUR", "en", "€1,234.56"),
        (1234.56, "UAH", "uk", "1\u00a0234,56\u00a0₴"),
    ],
)
def test_money_is_written_the_languages_way(
    amount: float, currency: str, language: str, expected: str
) -> None:
    assert money(amount, currency, language) == expected


@pytest.mark.parametrize(("language", "currency", "symbol"), CASES)
def test_estimate_speaks_the_language_and_currency(
    language: str, currency: str, symbol: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run(["estimate", str(TEMPLATE), "--lang", language, "--currency", currency])
    out = capsys.readouterr().out
    assert status == 0
    assert translated(language, "Recommended: {label}").split("{")[0].strip() in out
    assert symbol in out and "€" not in out


@pytest.mark.parametrize(("language", "currency", "symbol"), CASES)
def test_exports_speak_the_language(
    language: str, currency: str, symbol: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlsx, pdf = tmp_path / "budget.xlsx", tmp_path / "budget.pdf"
    args = [
        "estimate",
        str(TEMPLATE),
        "--lang",
        language,
        "--currency",
        currency,
        "--xlsx",
        str(xlsx),
        "--pdf",
        str(pdf),
    ]
    assert run(args) == 0
    workbook = openpyxl.load_workbook(xlsx)
    assert workbook.sheetnames[0] == translated(language, "Summary")
    assert translated(language, "Assumptions") in workbook.sheetnames
    summary_text = " ".join(
        str(c.value) for row in workbook.worksheets[0].iter_rows() for c in row if c.value
    )
    assert translated(language, "Recommendation") in summary_text
    assert symbol in workbook[translated(language, "Budget")]["E4"].number_format
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert translated(language, "Summary") in text
    assert symbol in text
