"""The portfolio PDF: a cover for the day, the comparison table, then each company's pages.

Each company has its one-page summary (the single-plan report's), its market-research
annex and its "AI cost assessment" record. The comparison table is set on a landscape
page. Everything comes from the priced portfolio as it is; nothing is estimated again.
"""

from __future__ import annotations

from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
)

from planner.export.portfolio import words
from planner.export.portfolio.annex import market_research
from planner.export.portfolio.pdf_pages import annex_pages, record_page
from planner.export.report.document import footer_canvas
from planner.export.report.summary import summary
from planner.export.report.text import (
    CELL_PADDING,
    CELL_SIZE,
    FONT,
    FONT_BOLD,
    drawable,
    header_row,
    para,
    plain,
    table_style,
)
from planner.export.report.words import months_text, over_months
from planner.scenarios.portfolio import ComparisonRow, PricedPlan, PricedPortfolio, comparison_rows
from planner.words.formats import day, number
from planner.words.i18n import _, language

MARGIN = 18 * mm
FOOTER_SIZE = 7.5
PORTRAIT, WIDE = "portrait", "wide"


def write_portfolio_pdf(priced: PricedPortfolio, stream: BinaryIO) -> None:
    """Write the portfolio PDF to a binary stream (written, not closed)."""
    drawable()
    title = words.workshop_title(priced.portfolio)
    document = BaseDocTemplate(
        stream,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
        title=plain(title),
        author=plain(priced.advisor or priced.portfolio.hub),
        subject=plain(_("What running a language model will cost")),
        creator="LLM Cost Planner",
        lang=language(),
        initialFontName=FONT,
        initialFontSize=FOOTER_SIZE,
    )
    document.addPageTemplates([_template(PORTRAIT, A4), _template(WIDE, landscape(A4))])
    footer = " — ".join(part for part in (plain(title), plain(priced.portfolio.hub)) if part)
    document.build(_story(priced), canvasmaker=footer_canvas(footer))


def _template(name: str, size: tuple[float, float]) -> PageTemplate:
    width, height = size
    frame = Frame(MARGIN, MARGIN + 6 * mm, width - 2 * MARGIN, height - 2 * MARGIN - 6 * mm)
    return PageTemplate(id=name, frames=[frame], pagesize=size)


def _story(priced: PricedPortfolio) -> list[Flowable]:
    portrait = A4[0] - 2 * MARGIN
    wide = landscape(A4)[0] - 2 * MARGIN
    story: list[Flowable] = [*cover(priced, portrait), NextPageTemplate(WIDE), PageBreak()]
    story += comparison(priced, wide)
    story.append(NextPageTemplate(PORTRAIT))
    for place, company in enumerate(priced.companies, 1):
        story.append(PageBreak())
        story += company_pages(place, company, priced, portrait)
    return story


def cover(priced: PricedPortfolio, width: float) -> list[Flowable]:
    """The day, the hub, the advisor, the rates and the companies."""
    portfolio = priced.portfolio
    facts = [
        (_("Hub"), portfolio.hub or "–"),
        (_("Advisor"), priced.advisor or "–"),
        (_("Date"), day(priced.day)),
        (_("Currency"), priced.currency),
        (_("Rates"), words.snapshot_sentence(portfolio.rates)),
    ]
    rows = [[para(label, "small"), para(value, "lead")] for label, value in facts]
    table = Table(rows, colWidths=[38 * mm, width - 38 * mm])
    table.setStyle(
        table_style(
            [("BACKGROUND", (0, 0), (-1, 0), colors.white), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        )
    )
    names = [
        para(f"{place}. {company.company} — {company.plan.name}", "body")
        for place, company in enumerate(priced.companies, 1)
    ]
    return [
        Spacer(1, 30 * mm),
        para(_("What running a language model will cost"), "subtitle"),
        para(words.workshop_title(portfolio), "title"),
        Spacer(1, 6 * mm),
        table,
        para(_("Companies"), "h2"),
        *names,
        Spacer(1, 8 * mm),
        para(
            _(
                "Every company is priced with the same rates, named above. Each company's pages "
                "give its summary, the market research for its recommended option and the "
                "record of the service."
            ),
            "small",
        ),
    ]


TEXT_WEIGHTS = {0: 2.0, 1: 2.0, 2: 3.0, 8: 1.5, 9: 1.5, 10: 1.5}  # the rest are figures


def comparison(priced: PricedPortfolio, width: float) -> list[Flowable]:
    """One row per company: the recommended option and what it costs and rests on."""
    rows = comparison_rows(priced)
    horizons = {company.result.horizon_months for company in priced.companies}
    same = next(iter(horizons)) if len(horizons) == 1 else None
    header = [
        _("Company"),
        _("Use case"),
        _("Recommended option"),
        _("A month"),
        _("One-off"),
        over_months(same) if same else _("Over the horizon"),
        _("Cost per request"),
        _("People's time"),
        _("Break-even volume"),
        _("Data"),
        _("IT"),
    ]
    body = [
        _comparison_cells(row, company, same is None)
        for row, company in zip(rows, priced.companies, strict=True)
    ]
    widths = _widths(header, body, width)
    table = Table([header_row(header, range(3, 8)), *body], colWidths=widths, repeatRows=1)
    table.setStyle(table_style([("ALIGN", (3, 1), (7, -1), "RIGHT")]))
    return [
        para(_("The companies side by side"), "h1"),
        para(
            _(
                "For each company, the option that meets its needs at the least cost over its "
                "horizon. “A month” is the first month; people's time is the hours of work it takes "
                "that month, and their share of its cost."
            )
        ),
        Spacer(1, 3 * mm),
        table,
        Spacer(1, 3 * mm),
        para(words.snapshot_sentence(priced.portfolio.rates), "small"),
    ]


def _widths(header: list[str], body: list[list[object]], width: float) -> list[float]:
    """Figure columns as wide as their widest figure and header word; text columns at least
    as wide as their longest word, sharing what is left by weight."""
    figures: dict[int, float] = {}
    words_in: dict[int, float] = {}
    for index, title in enumerate(header):
        texts = [_plain_text(row[index]) for row in body]
        if index in TEXT_WEIGHTS:
            longest = [word for text in [*texts, title] for word in plain(text).split()]
            words_in[index] = max((_width(word) for word in longest), default=0.0)
        else:
            figures[index] = max(_width(text) for text in [*texts, *plain(title).split()])
    left = width - sum(figures.values()) - sum(words_in.values())
    total = sum(TEXT_WEIGHTS.values())
    shares = {i: words_in[i] + max(left, 0.0) * TEXT_WEIGHTS[i] / total for i in words_in}
    widths = [figures.get(i, shares.get(i, 0.0)) for i in range(len(header))]
    return widths if left >= 0 else [w * width / sum(widths) for w in widths]


def _plain_text(cell: object) -> str:
    """The text of a table cell, whether a string or a paragraph."""
    text = getattr(cell, "getPlainText", None)
    return str(text()) if callable(text) else str(cell)


def _width(text: str) -> float:
    return float(stringWidth(text, FONT_BOLD, CELL_SIZE)) + 2 * CELL_PADDING + 2


def _comparison_cells(row: ComparisonRow, company: PricedPlan, months: bool) -> list[object]:
    best, currency = row.recommended, row.currency
    use_case = row.name
    if months:
        use_case += f" ({months_text(company.result.horizon_months)})"
    return [
        para(row.company, "cell_bold"),
        para(use_case, "cell"),
        para(words.recommended_text(row) + (f" ({words.kind_text(row)})" if best else ""), "cell"),
        words.money_or_dash(best.monthly_cost if best else None, currency),
        words.money_or_dash(best.one_off_cost if best else None, currency),
        words.money_or_dash(best.horizon_cost if best else None, currency),
        _per_request(row),
        words.people_text(row),
        para(words.break_even_text(row.break_even), "cell"),
        para(words.sensitivity_text(row.data_sensitivity), "cell"),
        para(words.it_text(row.it_capacity), "cell"),
    ]


def _per_request(row: ComparisonRow) -> str:
    """Cost per request to a hundredth of a cent: a cent is too coarse for most requests."""
    if row.cost_per_request is None:
        return words.NO_FIGURE
    return f"{number(row.cost_per_request, 4)} {row.currency}"


def company_pages(
    place: int, company: PricedPlan, priced: PricedPortfolio, width: float
) -> list[Flowable]:
    """A company's summary, its market-research annex and its record, each on new pages."""
    heading = para(f"{place}. {company.company}", "title_long")
    annex = market_research(company.plan, company.result, priced.rates, priced.day)
    return [
        heading,
        *summary(company.plan, company.result, width),
        PageBreak(),
        *annex_pages(company, annex, width),
        PageBreak(),
        *record_page(company, priced, width),
    ]
