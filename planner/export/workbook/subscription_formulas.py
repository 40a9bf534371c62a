"""A seat subscription's months as formulas, restating ``planner/engine/subscription.py``.

Seats are the people the plan names, or those the month's requests take at
``assisted_requests_per_person_day`` each, and never fewer than the plan sells; each seat is
priced month to month where the plan is sold so, else at the yearly commitment's monthly share.
"""

from __future__ import annotations

from planner.engine.inputs import Inputs
from planner.export.workbook.assumption_rows import InputBook
from planner.export.workbook.columns import Column
from planner.model.result import Option
from planner.words.i18n import _


def subscription_columns(
    book: InputBook, inputs: Inputs, option: Option, prefix: str
) -> list[Column]:
    """The columns of seats and their fees.

    Args:
        book: The Assumptions rows; the subscription's price and minimum are registered in it.
        inputs: The engine's inputs for the plan.
        option: A seat-subscription option.
        prefix: Starts the names of the option's rows.
    """
    row = inputs.rates.subscription(option.id.removeprefix("sub:"))
    section = _("Seat subscription: {label}").format(label=option.label)
    monthly = row.monthly_billing_per_seat
    label = _("A seat a month, billed monthly") if monthly else _("A seat a month, billed yearly")
    listed = monthly or row.annual_billing_per_seat or 0.0
    price = book.add(
        f"{prefix}_seat_price", section, label, listed, row.currency, row.source, row.as_of
    )
    least = book.add(
        f"{prefix}_min_seats",
        section,
        _("Fewest seats sold"),
        row.min_seats,
        _("seats"),
        row.source,
        row.as_of,
    )
    fx = book.formula(
        f"{prefix}_seat_fx",
        section,
        _("{code} → budget currency").format(code=row.currency),
        _("ratio"),
        _fx(book, inputs, row.currency),
    )
    people = "MAX(1,ROUNDUP({requests}/assisted_requests_per_person_day-0.000000001,0))"
    return [
        Column(
            "seats",
            _("Seats"),
            f"MAX({least},IF(seats>0,seats,{people}))",
            kind="count",
        ),
        Column(
            "subscription_seats",
            _("Seats for your staff"),
            f"{{col:seats}}*{price}*{fx}",
            category="subscription_seats",
        ),
    ]


def _fx(book: InputBook, inputs: Inputs, code: str) -> str:
    """Units of the budget currency for one unit of ``code``, through the euro rates."""
    target = inputs.plan.currency
    if code == target:
        return "1"
    for currency in (code, target):
        rate = inputs.rates.currency(currency)
        book.add(
            f"fx_{currency}",
            _("Local prices"),
            _("{code} per euro").format(code=currency),
            rate.per_eur,
            currency,
            rate.source,
            rate.as_of,
        )
    return f"fx_{target}/fx_{code}"
