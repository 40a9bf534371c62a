"""A company's pages in the portfolio PDF: its market-research annex and its record.

The record ("AI cost assessment") is the page a hub files for each service it gives:
who, when, which service and what it is worth, the recommendation, what it rests on and
the advisor's note. Every figure is the engine's or the tables'.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from planner.export.portfolio import words
from planner.export.portfolio.annex import Annex, AnnexItem, is_stale
from planner.export.portfolio.annex_sheet import intro, stale_warning, too_few
from planner.export.report.text import (
    FONT,
    HIGHLIGHT,
    bold_then,
    bullet,
    column_widths,
    header_row,
    markup,
    para,
    styles,
    table_style,
)
from planner.export.report.words import group_title, months_text
from planner.export.workbook.assumption_rows import AssumptionRow, assumption_rows
from planner.scenarios.portfolio import PricedPlan, PricedPortfolio
from planner.words.formats import day, money, number
from planner.words.i18n import _
from planner.words.names import category_name
from planner.words.reasons import describe
from planner.words.sources import cite

WARNING = colors.HexColor("#b3261e")
BLANK = "_" * 28  # a line to fill in by hand
# The plan's own figures and the local prices a record cites (by their workbook names).
ANSWER_ROWS = (
    "requests_per_day",
    "days_per_month",
    "input_tokens",
    "output_tokens",
    "growth_pct_per_month",
    "horizon_months",
)
PRICE_ROWS = ("staff_rate", "electricity_price", "fx_USD")


def annex_pages(company: PricedPlan, annex: Annex, width: float) -> list[Flowable]:
    """The market-research annex: each item's offers, then the costs that rest on rates."""
    flow: list[Flowable] = [
        para(_("Market research: {company}").format(company=company.company), "h1"),
        para(intro(annex)),
    ]
    if annex.stale_count:
        flow.append(Paragraph(f"<b>{markup(stale_warning(annex))}</b>", _warning_style()))
    if not annex.items and not annex.rates:
        flow.append(para(_("No option meets every need, so there is nothing to price.")))
    for item in annex.items:
        flow += _item(item, company.result.currency, width)
    if annex.rates:
        flow += [para(_("Other costs and the rates they rest on"), "h2"), _rates(annex, width)]
    return flow


def _warning_style() -> object:
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle("warning", styles()["body"], textColor=WARNING, spaceBefore=4)


def _item(item: AnnexItem, currency: str, width: float) -> list[Flowable]:
    header = [_("Offer"), _("Price"), _("For this plan"), _("Source"), _("As of")]
    rows: list[list[object]] = []
    marks: list[tuple[object, ...]] = []
    for index, offer in enumerate(item.offers, 1):
        note = words.offer_note(offer)
        label = offer.label + (f" ({note})" if note else "")
        rows.append(
            [
                para(label, "cell_bold" if offer.chosen else "cell"),
                para(words.price_text(offer), "cell"),
                words.amount_text(offer, currency),
                para(offer.source, "cell_small"),
                day(offer.as_of),
            ]
        )
        if offer.chosen:
            marks.append(("BACKGROUND", (0, index), (-1, index), HIGHLIGHT))
        if offer.stale:
            marks.append(("TEXTCOLOR", (4, index), (4, index), WARNING))
    widths = column_widths(header, rows, width, {0: 3, 1: 2, 2: 1, 3: 4})
    table = Table([header_row(header, (2,)), *rows], colWidths=widths, repeatRows=1)
    table.setStyle(table_style([("ALIGN", (2, 1), (2, -1), "RIGHT"), *marks]))
    flow: list[Flowable] = [para(category_name(item.category), "h2"), table]
    if not item.enough:
        flow.append(Paragraph(markup(too_few()), _warning_style()))
    return flow


def _rates(annex: Annex, width: float) -> Table:
    header = [_("Cost"), _("Rests on"), _("Source"), _("As of")]
    rows: list[list[object]] = []
    marks: list[tuple[object, ...]] = []
    for index, rate in enumerate(annex.rates, 1):
        rows.append(
            [
                para(words.cost_name(rate), "cell"),
                para(words.resting_rate_text(rate), "cell"),
                para(rate.source, "cell_small"),
                day(rate.as_of),
            ]
        )
        if rate.stale:
            marks.append(("TEXTCOLOR", (3, index), (3, index), WARNING))
    widths = column_widths(header, rows, width, {0: 2, 1: 3, 2: 5})
    table = Table([header_row(header, ()), *rows], colWidths=widths, repeatRows=1)
    table.setStyle(table_style(marks))
    return table


def record_page(company: PricedPlan, priced: PricedPortfolio, width: float) -> list[Flowable]:
    """The "AI cost assessment" record of one company's service, for the hub's files."""
    entry, plan, result = company.entry, company.plan, company.result
    value = (
        money(entry.service_value, result.currency) if entry.service_value is not None else BLANK
    )
    facts = [
        (_("Company"), company.company),
        (_("Date"), day(priced.day)),
        (_("Advisor"), plan.advisor or priced.advisor or BLANK),
        (_("Hub"), priced.portfolio.hub or BLANK),
        (_("Service type"), words.service_type_name(entry.service_type)),
        (_("Value of the service"), value),
        (_("Use case"), plan.name),
    ]
    flow: list[Flowable] = [
        para(_("AI cost assessment"), "h1"),
        para(_("A record of the service for the hub's files."), "small"),
        Spacer(1, 2 * mm),
        _facts_table(facts, width),
        para(_("Recommendation"), "h2"),
        *_recommendation(company),
        para(_("Assumptions and their sources"), "h2"),
        *_assumptions(assumption_rows(plan, priced.rates), priced.day, width),
        para(words.snapshot_sentence(priced.portfolio.rates), "small"),
        para(_("Note"), "h2"),
        para(entry.note) if entry.note.strip() else para(BLANK * 3),
    ]
    return [*flow, _signatures(width)]


def _facts_table(facts: list[tuple[str, str]], width: float) -> Table:
    rows = [[para(label, "cell_bold"), para(value, "cell")] for label, value in facts]
    table = Table(rows, colWidths=[45 * mm, width - 45 * mm])
    table.setStyle(table_style([("BACKGROUND", (0, 0), (-1, 0), colors.white)]))
    return table


def _recommendation(company: PricedPlan) -> list[Flowable]:
    result = company.result
    best = result.recommended
    if best is None:
        return [para(describe(reason, result.currency)) for reason in result.recommendation.reasons]
    figures = _("{monthly} a month, {one_off} once, {total} over {months}.").format(
        monthly=money(best.monthly_cost, result.currency),
        one_off=money(best.one_off_cost, result.currency),
        total=money(best.horizon_cost, result.currency),
        months=months_text(result.horizon_months),
    )
    why = [r for r in result.recommendation.reasons if r.code != "excluded_count"]
    return [
        bold_then(f"{group_title(best)} —", best.label),
        para(figures),
        *[bullet(describe(reason, result.currency)) for reason in why],
    ]


def _assumptions(rows: list[AssumptionRow], today: date, width: float) -> list[Flowable]:
    """The company's answers two to a line, then the local prices with their sources."""
    return [
        para(_("The company's answers"), "cell_bold"),
        _answers(rows, width),
        Spacer(1, 2 * mm),
        _prices(rows, today, width),
    ]


def _answers(rows: list[AssumptionRow], width: float) -> Table:
    answers = [row for name in ANSWER_ROWS for row in rows if row.name == name]
    cells = [[para(row.label, "cell"), _value(row)] for row in answers]
    pairs = [
        cells[i] + (cells[i + 1] if i + 1 < len(cells) else ["", ""])
        for i in range(0, len(cells), 2)
    ]
    quarter = width / 4
    table = Table(pairs, colWidths=[quarter * 1.3, quarter * 0.7] * 2)
    plain_first_row: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.white),
        ("FONTNAME", (0, 0), (-1, 0), FONT),
    ]
    right: list[tuple[object, ...]] = [
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("ALIGN", (3, 0), (3, -1), "RIGHT"),
    ]
    table.setStyle(table_style(plain_first_row + right))
    return table


def _prices(rows: list[AssumptionRow], today: date, width: float) -> Table:
    priced = [row for name in PRICE_ROWS for row in rows if row.name == name]
    header = [_("Price or rate"), _("Value"), _("Source"), _("As of")]
    body: list[list[object]] = [
        [
            para(_price_label(row), "cell"),
            _value(row),
            para(cite(row.source), "cell_small"),
            day(row.as_of) if row.as_of else "–",
        ]
        for row in priced
    ]
    widths = column_widths(header, body, width, {0: 2, 2: 5})
    table = Table([header_row(header, (1,)), *body], colWidths=widths, repeatRows=1)
    stale = [
        ("TEXTCOLOR", (3, index), (3, index), WARNING)
        for index, row in enumerate(priced, 1)
        if row.as_of is not None and is_stale(row.as_of, today)
    ]
    table.setStyle(table_style([("ALIGN", (1, 1), (1, -1), "RIGHT"), *stale]))
    return table


def _price_label(row: AssumptionRow) -> str:
    """The staff rate named by who does the work, not by the table's code for the role."""
    if row.name == "staff_rate":
        return _("Hourly rate of whoever runs it")
    return row.label


def _value(row: AssumptionRow) -> str:
    if isinstance(row.value, str):
        return f"{row.value} {row.unit}".strip()
    value = float(row.value)
    decimals = 0 if value == int(value) else 2
    return f"{number(value, decimals)} {row.unit}".strip()


def _signatures(width: float) -> Flowable:
    cells = [
        [para(BLANK, "cell"), para(BLANK, "cell")],
        [para(_("Advisor"), "small"), para(_("Company"), "small")],
    ]
    table = Table(cells, colWidths=[width / 2, width / 2])
    table.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.white),
                ("LINEBELOW", (0, 0), (-1, -1), 0, colors.white),
            ]
        )
    )
    return KeepTogether([Spacer(1, 8 * mm), table])
