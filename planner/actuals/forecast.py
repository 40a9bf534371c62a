"""The month-end forecast: weekday-aware, with a band, from complete UTC days only.

Weights per weekday come from the last four weeks (the median cost of that weekday over the
typical day); the level is the median of the last seven days with the weekday taken out; each
remaining day is forecast as level × its weekday's weight. With less than two of each
weekday to learn from, the forecast falls back to the run rate (month to date ÷ days so
far). The band is the 10th to 90th percentile of the daily residuals over those weeks,
times the square root of the days left (residuals of separate days partly cancel out).
Today's partial day is left out; a day without data after the first one counts as zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from statistics import median

from planner.actuals.days import EVEN, Weights, month_dates

ZERO = Decimal(0)
HISTORY_DAYS = 28
LEVEL_DAYS = 7
MIN_PER_WEEKDAY = 2
BAND = (Decimal("0.1"), Decimal("0.9"))


@dataclass(frozen=True)
class Forecast:
    """Where the month is heading, in one currency."""

    currency: str
    month: str
    through: str | None  # the last complete day used (None: no data yet)
    complete_days: int  # complete days of the month so far
    month_to_date: Decimal  # the complete days' cost
    month_end: Decimal | None
    low: Decimal | None
    high: Decimal | None
    method: str  # "weekday", "runrate", "complete" (the month is over) or "none"
    weights: Weights = EVEN
    days: dict[str, Decimal] = field(default_factory=dict)  # each day left, forecast

    def cone(self) -> list[tuple[str, Decimal, Decimal, Decimal]]:
        """(day, expected, low, high) cumulative totals for each day left: the burn-up band."""
        if self.month_end is None or self.low is None or self.high is None or not self.days:
            return []
        running, count, points = self.month_to_date, len(self.days), []
        low_step, high_step = self.month_end - self.low, self.high - self.month_end
        for index, (day, amount) in enumerate(sorted(self.days.items()), 1):
            running += amount
            spread = (Decimal(index) / count).sqrt()
            points.append(
                (day, running, max(running - low_step * spread, self.month_to_date),
                 running + high_step * spread)
            )  # fmt: skip
        return points


def forecast_month(
    costs: Mapping[str, Decimal], month: str, through: date | None, currency: str
) -> Forecast:
    """The forecast of ``month`` from daily ``costs`` up to the complete day ``through``."""
    days = month_dates(month)
    if through is None or not costs:
        return Forecast(currency, month, None, 0, ZERO, None, None, None, "none")
    done = [d for d in days if d <= through]
    left = [d for d in days if d > through]
    mtd = sum((costs.get(d.isoformat(), ZERO) for d in done), ZERO)
    last = through.isoformat()
    if not left:
        return Forecast(currency, month, last, len(done), mtd, mtd, mtd, mtd, "complete")
    first = max(date.fromisoformat(min(costs)), through - timedelta(days=HISTORY_DAYS - 1))
    history = _history(costs, first, through)
    if not history:
        return Forecast(currency, month, last, len(done), mtd, None, None, None, "none")
    weights = _weekday_weights(history)
    model = _weekday_level(history, weights) if weights else _run_rate(history, done)
    expected = {d.isoformat(): model.level * model.weights[d.weekday()] for d in left}
    end = mtd + sum(expected.values(), ZERO)
    low, high = _band(model, history, left)
    return Forecast(currency, month, last, len(done), mtd, end, max(min(end + low, end), mtd),
                    max(end + high, end),
                    "weekday" if weights else "runrate", model.weights, expected)  # fmt: skip


@dataclass(frozen=True)
class _Model:
    weights: Weights
    level: Decimal  # a day of weight 1 costs this
    level_days: int  # how many days the level was averaged over


def _history(costs: Mapping[str, Decimal], first: date, last: date) -> dict[date, Decimal]:
    span = (last - first).days + 1
    return {
        first + timedelta(days=i): costs.get((first + timedelta(days=i)).isoformat(), ZERO)
        for i in range(max(span, 0))
    }


def _weekday_weights(history: dict[date, Decimal]) -> Weights | None:
    """Each weekday's typical cost over the typical day (a week's weights average 1);
    None with too few weeks to tell. Medians, so that one unusual day does not bend the
    whole month's forecast."""
    by_weekday: list[list[Decimal]] = [[] for _ in range(7)]
    for day, cost in history.items():
        by_weekday[day.weekday()].append(cost)
    if min(len(values) for values in by_weekday) < MIN_PER_WEEKDAY:
        return None
    typical = [Decimal(median(values)) for values in by_weekday]
    mean = sum(typical, ZERO) / len(typical)
    if mean <= 0:
        return None
    return tuple(value / mean for value in typical)


def _weekday_level(history: dict[date, Decimal], weights: Weights) -> _Model:
    recent = [d for d in sorted(history)[-LEVEL_DAYS:] if weights[d.weekday()] > 0]
    levels = [history[d] / weights[d.weekday()] for d in recent]
    return _Model(weights, Decimal(median(levels)) if levels else ZERO, len(levels))


def _run_rate(history: dict[date, Decimal], done: list[date]) -> _Model:
    if done:
        return _Model(EVEN, sum((history.get(d, ZERO) for d in done), ZERO) / len(done), len(done))
    return _Model(EVEN, sum(history.values(), ZERO) / len(history), len(history))


def _band(model: _Model, history: dict[date, Decimal], left: list[date]) -> tuple[Decimal, Decimal]:
    """How far below and above the forecast the month may end (the 10th and 90th percentile).

    With each day's cost its weekday's weight times a level plus a proportional error, the
    remaining days' error is the level's (which carries over every day) plus the days' own
    (which partly cancel): σ · √((Σw)² / k + Σw²), for k days behind the level.
    """
    weights = model.weights
    errors = sorted(
        cost / weights[day.weekday()] - model.level
        for day, cost in history.items()
        if weights[day.weekday()] > 0
    )
    total = sum((weights[d.weekday()] for d in left), ZERO)
    squares = sum((weights[d.weekday()] ** 2 for d in left), ZERO)
    factor = (total * total / max(model.level_days, 1) + squares).sqrt()
    return _quantile(errors, BAND[0]) * factor, _quantile(errors, BAND[1]) * factor


def _quantile(ordered: list[Decimal], share: Decimal) -> Decimal:
    """The ``share`` quantile of sorted values, interpolated between neighbours."""
    if not ordered:
        return ZERO
    position = share * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)
