"""A company's market-research annex as a workbook sheet: the offers for each cost item."""

from __future__ import annotations

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from planner.export.portfolio import words
from planner.export.portfolio.annex import ALTERNATIVES, Annex, AnnexItem
from planner.export.workbook.cells import (
    HEADER_FONT,
    TITLE_FONT,
    WRAP_TOP,
    finish,
    header_row,
    put_text,
)
from planner.words.formats import day, excel_money_format
from planner.words.i18n import _, ngettext
from planner.words.names import category_name

WARNING_FONT = Font(bold=True, color="B3261E")
WIDTHS = (44, 34, 16, 70, 12, 34)  # characters
LINE_POINTS = 15


def write_annex_sheet(ws: Worksheet, company: str, annex: Annex, currency: str) -> None:
    """Fill ``ws`` with ``annex``: each item's offers, then the costs that rest on rates."""
    money = excel_money_format(currency)
    put_text(ws.cell(1, 1), _("Market research: {company}").format(company=company))
    ws.cell(1, 1).font = TITLE_FONT
    put_text(ws.cell(2, 1), intro(annex))
    row = 3
    if annex.stale_count:
        put_text(ws.cell(row, 1), stale_warning(annex))
        ws.cell(row, 1).font = WARNING_FONT
        row += 1
    for item in annex.items:
        row = _item(ws, row + 1, item, money) + 1
    if annex.rates:
        row = _resting(ws, row + 1, annex, money)
    finish(ws, WIDTHS, freeze=None, landscape=True)


def wrapped_height(ws: Worksheet, row: int, widths: tuple[int, ...]) -> float:
    """A row's height for its longest wrapped text: spreadsheets do not grow a row to fit
    wrapped text that a program wrote."""
    lines = 1
    for column, width in enumerate(widths, 1):
        value = ws.cell(row, column).value
        if isinstance(value, str) and not value.startswith("="):
            lines = max(lines, -(-len(value) // max(1, int(width * 0.9))))
    return LINE_POINTS * lines


def intro(annex: Annex) -> str:
    """What the annex lists, and the date prices are checked against."""
    return _(
        "For each cost item of the recommended option, the offer chosen and at least {count} "
        "others, with the source and date of each price, checked against {day}."
    ).format(count=ALTERNATIVES, day=day(annex.day))


def stale_warning(annex: Annex) -> str:
    """How many prices are too old for a grant application."""
    return ngettext(
        "Warning: {count} price is more than six months older than this document; ask for a "
        "new offer before applying.",
        "Warning: {count} prices are more than six months older than this document; ask for "
        "new offers before applying.",
        annex.stale_count,
    ).format(count=annex.stale_count)


def too_few() -> str:
    """Said under an item with fewer offers than the rules ask for."""
    return _("Fewer offers than three are listed for this item; add quotes of your own.")


def _item(ws: Worksheet, row: int, item: AnnexItem, money: str) -> int:
    put_text(ws.cell(row, 1), category_name(item.category))
    ws.cell(row, 1).font = HEADER_FONT
    headers = (
        _("Offer"),
        _("Price"),
        _("For this plan"),
        _("Source"),
        _("As of"),
        _("Note"),
    )
    header_row(ws, row + 1, headers)
    row += 2
    for offer in item.offers:
        put_text(ws.cell(row, 1), offer.label)
        if offer.chosen:
            ws.cell(row, 1).font = HEADER_FONT
        put_text(ws.cell(row, 2), words.price_text(offer))
        if offer.amount is not None:
            ws.cell(row, 3).value = round(offer.amount, 2)
            ws.cell(row, 3).number_format = money
        put_text(ws.cell(row, 4), offer.source)
        ws.cell(row, 5).value = offer.as_of
        ws.cell(row, 5).number_format = "yyyy-mm-dd"
        once = _("paid once") if offer.once and offer.amount is not None else ""
        put_text(ws.cell(row, 6), "; ".join(filter(None, (once, words.offer_note(offer)))))
        if offer.stale:
            ws.cell(row, 6).font = WARNING_FONT
        for column in range(1, 7):
            ws.cell(row, column).alignment = WRAP_TOP
        ws.row_dimensions[row].height = wrapped_height(ws, row, WIDTHS)
        row += 1
    if not item.enough:
        put_text(ws.cell(row, 1), too_few())
        ws.cell(row, 1).font = WARNING_FONT
        row += 1
    return row


def _resting(ws: Worksheet, row: int, annex: Annex, money: str) -> int:
    put_text(ws.cell(row, 1), _("Other costs and the rates they rest on"))
    ws.cell(row, 1).font = HEADER_FONT
    headers = (_("Cost"), _("Rests on"), _("Amount"), _("Source"), _("As of"), _("Note"))
    header_row(ws, row + 1, headers)
    row += 2
    for rate in annex.rates:
        put_text(ws.cell(row, 1), words.cost_name(rate))
        put_text(ws.cell(row, 2), words.resting_rate_text(rate))
        ws.cell(row, 3).value = round(rate.monthly or rate.one_off, 2)
        ws.cell(row, 3).number_format = money
        put_text(ws.cell(row, 4), rate.source)
        ws.cell(row, 5).value = rate.as_of
        ws.cell(row, 5).number_format = "yyyy-mm-dd"
        if rate.stale:
            put_text(ws.cell(row, 6), words.stale_text())
            ws.cell(row, 6).font = WARNING_FONT
        for column in range(1, 7):
            ws.cell(row, column).alignment = WRAP_TOP
        ws.row_dimensions[row].height = wrapped_height(ws, row, WIDTHS)
        row += 1
    return row
