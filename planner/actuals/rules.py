"""The alert rules about money: budgets, the forecast, a day's share, bills, unpriced usage.

Each rule is a pure function from the days it needs to the alerts it raises (codes and
numbers); ``guard`` runs them after an import and stores what fired, once per period and
level. The anomaly and plan-variance rules, which look for causes, live in their own
modules.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from planner.actuals.budgets import period_of
from planner.actuals.forecast import Forecast
from planner.actuals.guard_records import Alert, Budget, Level
from planner.actuals.guard_settings import GuardSettings, Window
from planner.actuals.money import Converter
from planner.actuals.series import ZERO, Series

Levels = tuple[tuple[Level, Decimal], ...]


def _levels(budget: Budget) -> Levels:
    return (("warning", budget.warn_amount), ("critical", budget.critical_amount))


def _text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def budget_alerts(budget: Budget, series: Series, window: Window) -> list[Alert]:
    """Month to date (or a recent day) at or above the budget's warning or critical share."""
    if budget.period == "month":
        return _month_budget(budget, series, window)
    if budget.period == "day":
        spent = {day: series[day].cost for day in window.recent(False) if day in series}
        return _period_alerts(budget, spent)
    return []  # hourly budgets: hour_budget_alerts, from the hours of the recent days


def _month_budget(budget: Budget, series: Series, window: Window) -> list[Alert]:
    running, crossed, found = ZERO, {}, []
    for day in sorted(d for d in series if window.first_day <= d <= window.last_day):
        running += series[day].cost
        for level, threshold in _levels(budget):
            if running >= threshold and level not in crossed:
                crossed[level] = day
    for level, threshold in _levels(budget):
        if level in crossed:
            found.append(_budget_alert(budget, level, window.month, crossed[level], running,
                                       threshold))  # fmt: skip
    return found


def _period_alerts(budget: Budget, spent: Mapping[str, Decimal]) -> list[Alert]:
    """Each day (``YYYY-MM-DD``) or hour (``YYYY-MM-DDTHH``) at or above a threshold."""
    found = []
    for key, amount in sorted(spent.items()):
        for level, threshold in _levels(budget):
            if amount >= threshold:
                day, _, hour = key.partition("T")
                found.append(_budget_alert(budget, level, period_of(budget, day, hour), day,
                                           amount, threshold))  # fmt: skip
    return found


def hour_budget_alerts(budget: Budget, hours: Mapping[str, Decimal]) -> list[Alert]:
    """Hours (``YYYY-MM-DDTHH`` → cost) at or above an hourly budget's thresholds."""
    return _period_alerts(budget, hours) if budget.period == "hour" else []


def _budget_alert(budget: Budget, level: Level, period: str, day: str, value: Decimal,
                  threshold: Decimal) -> Alert:  # fmt: skip
    details = {"budget": _text(budget.amount), "period_kind": budget.period,
               "share": _text(value / budget.amount)}  # fmt: skip
    return Alert("budget", level, budget.scope, period, day, value, threshold, budget.currency,
                 details=details)  # fmt: skip


def forecast_alert(
    budget: Budget, forecast: Forecast, settings: GuardSettings, spent: Decimal
) -> list[Alert]:
    """The month heading to end at or above the budget, once a week of it is known.

    Not raised when the month has already reached the critical share: that alert says more.
    """
    end = forecast.month_end
    if budget.period != "month" or end is None or forecast.method == "complete":
        return []
    if forecast.complete_days < settings.forecast_min_days or spent >= budget.critical_amount:
        return []
    if end < budget.amount:
        return []
    details = {"budget": _text(budget.amount), "low": _text(forecast.low or end),
               "high": _text(forecast.high or end), "method": forecast.method,
               "complete_days": str(forecast.complete_days), "spent": _text(spent)}  # fmt: skip
    return [Alert("budget_forecast", "warning", budget.scope, forecast.month,
                  forecast.through or forecast.month, end, budget.amount, budget.currency,
                  details=details)]  # fmt: skip


def daily_limit_alerts(
    budget: Budget, series: Series, window: Window, shares: Mapping[str, Decimal]
) -> list[Alert]:
    """A recent day costing at least its share of a monthly budget."""
    if budget.period != "month":
        return []
    found = []
    for day in window.recent(False):
        share = budget.amount * shares.get(day, ZERO)
        if day not in series or share <= 0 or day[:7] != window.month:
            continue
        cost = series[day].cost
        if cost >= share:
            details = {"budget": _text(budget.amount), "share": _text(cost / share)}
            found.append(Alert("daily_limit", "warning", budget.scope, day, day, cost, share,
                               budget.currency, details=details))  # fmt: skip
    return found


def reconciliation_alerts(
    series: Series, window: Window, settings: GuardSettings, euro: Converter
) -> list[Alert]:
    """A provider's bill for a day differing from its re-priced usage by more than
    max(5%, €0.50): cost the export does not explain (or usage the bill does not charge)."""
    found = []
    floor = euro(settings.gap_floor_eur, "EUR")
    for day in sorted(d for d in series if window.first_day <= d <= window.last_day):
        facts = series[day]
        for provider, billed in sorted(facts.billed.items()):
            priced = facts.priced.get(provider)
            if priced is None or priced <= 0:
                continue  # a bill without usage to set against it explains nothing
            limit = max(settings.gap_share * max(billed, priced), floor)
            gap = billed - priced
            if abs(gap) > limit:
                details = {"billed": _text(billed), "priced": _text(priced)}
                found.append(Alert("reconciliation_gap", "warning", f"provider:{provider}", day,
                                   day, gap, limit, euro.target, details=details))  # fmt: skip
    return found


def unpriced_alerts(series: Series, window: Window) -> list[Alert]:
    """Usage of a model genai-prices does not know: its cost is missing, not zero."""
    tokens: dict[tuple[str, str], int] = {}
    first_seen: dict[tuple[str, str], str] = {}
    for day in sorted(d for d in series if window.first_day <= d <= window.last_day):
        for pair, count in series[day].unpriced_models.items():
            tokens[pair] = tokens.get(pair, 0) + count
            first_seen.setdefault(pair, day)
    return [
        Alert("unpriced_usage", "warning", f"provider:{provider}", window.month,
              first_seen[(provider, model)], Decimal(count), ZERO, measure=model or "(no model)")
        for (provider, model), count in sorted(tokens.items())
        if count > 0
    ]  # fmt: skip


def stale_alert(last_import_at: str | None, today: date, settings: GuardSettings) -> list[Alert]:
    """The last import is over a week old: the app cannot fetch exports itself, so it says so."""
    if last_import_at is None:
        return []
    imported = date.fromisoformat(last_import_at[:10])
    age = (today - imported).days
    if age <= settings.stale_days:
        return []
    return [Alert("stale_data", "info", "total", imported.isoformat(), today.isoformat(),
                  Decimal(age), Decimal(settings.stale_days))]  # fmt: skip
