"""The report's note on owned hardware: money out when it is bought, and what the accounts
write off instead (the month-by-month budget before it is the cash view)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from planner.export.report.text import column_widths, header_row, para, table_style
from planner.export.report.words import group_title
from planner.model.result import EstimateResult, Option
from planner.words.formats import money, number
from planner.words.headline import write_off_months
from planner.words.i18n import _, ngettext


def hardware_cash_and_accounts(
    shown: list[Option], result: EstimateResult, width: float
) -> list[Flowable]:
    """For each shown option that buys hardware: what is paid for it, what the accounts write
    off a month and over the horizon, and what is still on the books at the end (nothing
    when no option buys hardware)."""
    owned = [option for option in shown if option.purchase_series]
    if not owned:
        return []
    currency = result.currency
    months = result.horizon_months
    header = [
        _("Option"),
        _("Paid for hardware"),
        _("Written off a month"),
        ngettext("Written off in {months} month", "Written off in {months} months", months).format(
            months=months
        ),
        _("On the books at the end"),
    ]
    rows: list[list[object]] = [
        [
            para(f"{group_title(option)}: {option.label}", "cell"),
            money(option.hardware_bought, currency),
            money(option.write_off(0), currency),
            money(sum(option.amortisation_series), currency),
            money(option.book_value_at_end, currency),
        ]
        for option in owned
    ]
    widths = column_widths(header, rows, width, {0: 6, 1: 1, 2: 1, 3: 1, 4: 1})
    table = Table(
        [header_row(header, range(1, len(header))), *rows], colWidths=widths, repeatRows=1
    )
    table.setStyle(table_style([("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
    life = write_off_months(owned[0])
    intro = _(
        "Buying hardware is money out of the account when it is bought: the budget above shows "
        "it in that month (the first month's purchase is part of the one-off). In the accounts "
        "the same hardware is written off over {life} months instead; what is not yet written "
        "off when the plan ends is still on the books, so both views add up to the same amount."
    ).format(life=number(life, 0 if life == int(life) else 1))
    return [
        Spacer(1, 4 * mm),
        KeepTogether(
            [
                para(_("Hardware: cash and the accounts"), "h2"),
                para(intro),
                Spacer(1, 2 * mm),
                table,
            ]
        ),
    ]
