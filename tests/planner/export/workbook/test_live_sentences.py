"""The Summary sheet's sentences are formulas over its option table: change an input,
recalculate in LibreOffice, and the sentences name the option and amounts its cells show
(issue 12: the table said 46 345,60 zł while the sentence kept 94 945,60 zł)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from planner.engine.estimate import estimate
from planner.export.files import export_files
from planner.export.workbook.sentences import money_text, sentence_formula
from planner.model.templates import template
from planner.rates import load_rates
from planner.words.i18n import set_language
from tests.planner.export.workbook.recalc import recalculated_workbook, set_named_value

RATES = load_rates()
needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="recalculated in LibreOffice"
)


def test_a_sentence_becomes_its_words_joined_with_expressions() -> None:
    formula = sentence_formula('Say "{a}" to {b}.', {"a": "A1", "b": "B2*2"})
    assert formula == '"Say """&(A1)&""" to "&(B2*2)&"."'


def test_money_is_written_with_the_languages_currency_sign() -> None:
    assert money_text("X", "EUR") == '"€"&FIXED(X,IF(ABS(X)<100,2,0))'
    set_language("pl")
    try:
        assert money_text("X", "PLN") == 'FIXED(X,IF(ABS(X)<100,2,0))&"\u00a0zł"'
    finally:
        set_language("en")


def whole(amount: float) -> str:
    """An amount's digits as the sentences round it (grouping left out)."""
    return f"{amount:.2f}" if abs(amount) < 100 else str(round(amount))


def digits(text: str) -> str:
    return re.sub(r"[,\s\u00a0\u202f]", "", text)


@needs_libreoffice
@pytest.mark.parametrize(("language", "currency"), [("en", "EUR"), ("pl", "PLN")])
def test_a_recalculated_workbook_says_what_its_cells_show(
    tmp_path: Path, language: str, currency: str
) -> None:
    set_language(language)
    try:
        plan = template("customer_email").plan.model_copy(update={"currency": currency})
        result = estimate(plan, RATES)
        path = tmp_path / "budget.xlsx"
        export_files(plan, result, RATES, xlsx=path)
    finally:
        set_language("en")
    formulas = openpyxl.load_workbook(path)
    sentence_cell = formulas.defined_names["summary_recommendation"]
    sheet, coordinate = next(iter(sentence_cell.destinations))
    assert str(formulas[sheet][coordinate.replace("$", "")].value).startswith("=")
    set_named_value(path, "requests_per_day", 40_000)  # 400 times the e-mails

    summary = recalculated_workbook(path, tmp_path)[sheet]
    header = next(
        r
        for r in range(1, 80)
        if summary.cell(r, 3).value
        and r > 8
        and summary.cell(r, 1).value
        and summary.cell(r + 1, 5).value is not None
        and isinstance(summary.cell(r + 1, 5).value, (int, float))
    )
    rows = range(header + 1, header + 1 + len(result.shown))
    totals = {r: float(summary.cell(r, 5).value) for r in rows}
    best = min(totals, key=totals.__getitem__)
    sentence = str(summary[coordinate.replace("$", "")].value)
    assert str(summary.cell(best, 1).value) in sentence
    for column in (3, 4, 5):  # a month, once, over the horizon
        assert digits(whole(float(summary.cell(best, column).value))) in digits(sentence)
    assert digits(whole(result.shown[0].horizon_cost)) not in digits(sentence)
    top = int(coordinate.replace("$", "")[1:])
    reasons = [str(summary.cell(r, 2).value or "") for r in range(top + 1, header)]
    assert any(digits(whole(totals[best])) in digits(text) for text in reasons)
