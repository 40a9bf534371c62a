"""The days of a month and how a month's money is spread over them (UTC days).

Weights are per weekday, Monday first (as ``date.weekday()`` counts).
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

DAYS_A_WEEK = 7
Weights = tuple[Decimal, ...]
EVEN: Weights = (Decimal(1),) * DAYS_A_WEEK


def month_dates(month: str) -> list[date]:
    """Every day of ``YYYY-MM``."""
    year, number = (int(part) for part in month.split("-"))
    return [date(year, number, d) for d in range(1, calendar.monthrange(year, number)[1] + 1)]


WEEKDAYS_ONLY = Decimal(23)  # a month has 20 to 23 weekdays
EVERY_DAY = Decimal(28)


def plan_weights(days_per_month: Decimal) -> Weights:
    """Weekday weights of a plan's working days (1 = a full working day): up to 23 days a
    month is Monday to Friday, 28 or more is every day, and in between the weekend works
    part of the time."""
    weekend = (days_per_month - WEEKDAYS_ONLY) / (EVERY_DAY - WEEKDAYS_ONLY)
    weekend = min(max(weekend, Decimal(0)), Decimal(1))
    return (Decimal(1),) * 5 + (weekend,) * 2


def day_shares(month: str, weights: Weights) -> dict[str, Decimal]:
    """Each day's share of the month (summing to 1) under weekday ``weights``."""
    days = month_dates(month)
    total = sum((weights[d.weekday()] for d in days), Decimal(0))
    if total <= 0:
        return {d.isoformat(): Decimal(1) / len(days) for d in days}
    return {d.isoformat(): weights[d.weekday()] / total for d in days}
