"""Chart axes for actual spend: amounts from zero with round steps, labelled as money.

Unlike the plan's charts, actual amounts can be cents (a cost per request), so the steps
are not held to whole units.
"""

from __future__ import annotations

import math

from babel import Locale
from babel.numbers import format_currency
from PySide6.QtCharts import QCategoryAxis

from planner.words.formats import locale_for


def nice_step(value: float) -> float:
    """The next round step above ``value``: 1, 2 or 5 times a power of ten."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def amount_text(amount: float, currency: str, step: float) -> str:
    """Money with as many decimals as the axis step needs (none from 1 up)."""
    decimals = 0 if step >= 1 else min(6, math.ceil(-math.log10(step)))
    locale = Locale.parse(locale_for())
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    digits = "#,##0" + ("." + "0" * decimals if decimals else "")
    pattern = pattern.replace("#,##0.00", digits).replace("#,##0.0#", digits)
    text = format_currency(amount, currency, format=pattern, locale=locale,
                           currency_digits=False)  # fmt: skip
    return str(text)


def money_axis(high: float, currency: str, ticks: int = 5) -> QCategoryAxis:
    """An axis from zero to just above ``high``, labelled with round amounts."""
    step = nice_step(max(high, 0.0) / ticks) if high > 0 else 1.0
    count = max(1, math.ceil(high / step)) if high > 0 else 1
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setRange(0, step * count)
    for index in range(count + 1):
        axis.append(amount_text(step * index, currency, step), step * index)
    return axis
