"""The PDF report (issue 4): an A4 document for a business owner and their bank.

Cover, one-page summary, the options compared (table, bar chart, sensitivity), cost
against volume with the break-even point, the month-by-month budget, the plan against
actual spending (when the plan has a ledger), the assumptions
with sources and dates, the options ruled out, and a note on estimates. Every figure
comes from the engine's result; nothing here recomputes a cost. All text is set in the
embedded DejaVu font and goes through the translation layer.
"""

from __future__ import annotations

from datetime import date
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from planner.export.report.budget import assumptions, budget, excluded
from planner.export.report.cash import hardware_cash_and_accounts
from planner.export.report.compare import comparison, volume_section
from planner.export.report.plan_actual import plan_and_actual
from planner.export.report.summary import cover, start_month, summary
from planner.export.report.text import FONT, MUTED, RULE, drawable, fit, plain
from planner.export.shown import shown_options
from planner.export.workbook.assumption_rows import assumption_rows
from planner.model.actuals_summary import PlanActuals
from planner.model.plan import Plan
from planner.model.result import EstimateResult
from planner.rates import RateBook
from planner.scenarios.volume_curve import CurvePoint, cost_curve
from planner.words.i18n import _, language

MARGIN = 18 * mm
FOOTER_SIZE = 7.5


def write_report(
    plan: Plan,
    result: EstimateResult,
    rates: RateBook,
    stream: BinaryIO,
    *,
    curve: list[CurvePoint] | None = None,
    today: date | None = None,
    actuals: PlanActuals | None = None,
) -> None:
    """Write the whole PDF report for ``plan`` and its ``result`` to a binary stream.

    Args:
        plan: the plan as estimated (names, horizon, currency, volume).
        result: the engine's estimate of ``plan`` with ``rates``, analysis included.
        rates: the rate tables the estimate used (for the assumptions and the volume curve).
        stream: where the PDF goes; it is written, not closed.
        curve: the cost-against-volume points the app already shows for this plan;
            without them (the command line) the curve is made once here.
        today: the report's date (defaults to today).
        actuals: the month of the plan's ledger, when it has one: adds the "Plan and
            actual" section after the budget.
    """
    drawable()
    today = today or date.today()
    if curve is None:
        curve = cost_curve(plan, rates) if result.recommended else []
    width = A4[0] - 2 * MARGIN
    document = BaseDocTemplate(
        stream,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
        title=plain(plan.name),
        author=plain(plan.advisor or plan.company),
        subject=plain(_("What running a language model will cost")),
        creator="LLM Cost Planner",
        lang=language(),
        initialFontName=FONT,  # else every page also lists Helvetica, unused
        initialFontSize=FOOTER_SIZE,
    )
    frame = Frame(MARGIN, MARGIN + 6 * mm, width, A4[1] - 2 * MARGIN - 6 * mm, id="body")
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story = _story(plan, result, rates, curve, today, width, actuals)
    document.build(story, canvasmaker=footer_canvas(_footer_text(plan)))


def _story(
    plan: Plan,
    result: EstimateResult,
    rates: RateBook,
    curve: list[CurvePoint],
    today: date,
    width: float,
    actuals: PlanActuals | None = None,
) -> list[Flowable]:
    shown = shown_options(result)
    sections = [cover(plan, result, today, width), summary(plan, result, width)]
    if shown:  # with no feasible option there is nothing to compare or budget
        sections += [
            comparison(result, width),
            volume_section(plan, result, curve, width),
            budget(shown, result, start_month(plan, today), width)
            + hardware_cash_and_accounts(shown, result, width),
        ]
    if actuals is not None:
        sections.append(plan_and_actual(actuals, width))
    sections += [
        assumptions(assumption_rows(plan, rates), width),
        excluded(result, width),
    ]
    story: list[Flowable] = []
    for section in filter(None, sections):
        if story:
            story.append(PageBreak())
        story += section
    return story


def _footer_text(plan: Plan) -> str:
    return " — ".join(part for part in (plain(plan.name), plain(plan.company)) if part)


def footer_canvas(footer: str) -> type[Canvas]:
    """A canvas class that, once every page is laid out, writes ``footer`` and "page N of
    M" on each page (the plan report and the workshop portfolio share it)."""

    class FooterCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                _draw_footer(self, footer, number, total)
                super().showPage()
            super().save()

    return FooterCanvas


def _draw_footer(canvas: Canvas, footer: str, number: int, total: int) -> None:
    page_width = canvas._pagesize[0]
    y = MARGIN
    pages = _("Page {page} of {pages}").format(page=number, pages=total)
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, y + 10, page_width - MARGIN, y + 10)
    canvas.setFont(FONT, FOOTER_SIZE)
    canvas.setFillColor(MUTED)
    canvas.drawRightString(page_width - MARGIN, y, pages)
    room = page_width - 2 * MARGIN - canvas.stringWidth(pages, FONT, FOOTER_SIZE) - 12
    canvas.drawString(MARGIN, y, fit(footer, FONT, FOOTER_SIZE, room))
    canvas.restoreState()
