"""The report's tables break their headers between words only, even when the amounts are
wide (hryvnia, in Polish and Ukrainian): a column is never narrower than its header's
longest word, such as the Polish "Obciążenie" (busy) beside six-figure UAH amounts."""

from __future__ import annotations

from datetime import date

import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table

from planner.engine.estimate import estimate
from planner.export.report.budget import budget
from planner.export.report.compare import comparison
from planner.export.report.document import MARGIN
from planner.export.report.summary import start_month
from planner.export.report.text import (
    CELL_PADDING,
    CELL_SIZE,
    FONT_BOLD,
    column_widths,
    drawable,
)
from planner.export.shown import shown_options
from planner.model.templates import template
from planner.rates import load_rates
from planner.words.i18n import set_language

RATES = load_rates()
WIDTH = 210 * mm - 2 * MARGIN  # the report's A4 frame


def _word_width(word: str) -> float:
    from reportlab.pdfbase import pdfmetrics

    return float(pdfmetrics.stringWidth(word, FONT_BOLD, CELL_SIZE)) + 2 * CELL_PADDING


def _tables(flow: list[object]) -> list[Table]:
    return [item for item in flow if isinstance(item, Table)]


@pytest.mark.parametrize("lang", ["en", "pl", "uk"])
def test_no_header_word_is_broken_beside_wide_hryvnia_amounts(lang: str) -> None:
    drawable()
    set_language(lang)
    plan = template("support_agent").plan.model_copy(
        update={"currency": "UAH", "start_date": date(2027, 1, 1)}
    )
    result = estimate(plan, RATES, analysis=False)
    shown = shown_options(result)
    flow = comparison(result, WIDTH) + budget(shown, result, start_month(plan, date.today()), WIDTH)
    tables = _tables(flow)
    assert tables, "the comparison has tables"
    for table in tables:
        header = table._cellvalues[0]
        for column, (cell, width) in enumerate(zip(header, table._colWidths, strict=True)):
            text = cell.getPlainText() if isinstance(cell, Paragraph) else str(cell)
            for word in text.split():
                assert _word_width(word) <= width + 0.01, (lang, column, word, width)
        assert sum(table._colWidths) <= WIDTH + 0.01


def test_a_table_too_wide_narrows_its_wrapping_columns_first() -> None:
    drawable()
    header = ["Kind", "Option", "Busy", "Amount"]
    wide = "1 991 838,70 UAH"
    body = [["x", "y", "37%", wide]] * 3
    roomy = column_widths(header, body, 400, {0: 1, 1: 2})
    tight = column_widths(header, body, 150, {0: 1, 1: 2})
    assert sum(tight) == pytest.approx(150)
    assert tight[2] >= _word_width("Busy")  # the header word stays whole
    assert roomy[0] > tight[0] and roomy[1] > tight[1]  # the wrapping columns gave room
