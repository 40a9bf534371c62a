"""The budget guard's JSON: budgets, the forecast and alerts, amounts exact (``jsonout``)."""

from __future__ import annotations

from typing import Any

from planner.actuals.forecast import Forecast
from planner.actuals.guard import BudgetState, Guard
from planner.actuals.guard_records import Alert, Budget, PlanSnapshot
from planner.actuals.jsonout import number
from planner.words.alerts import alert_message


def alert_json(alert: Alert) -> dict[str, Any]:
    """One alert: ``rule, level, scope, period, date, value, threshold, message`` and what
    else the message rests on."""
    return {
        "rule": alert.rule,
        "level": alert.level,
        "scope": alert.scope,
        "period": alert.period,
        "date": alert.day,
        "value": number(alert.value),
        "threshold": number(alert.threshold),
        "currency": alert.currency or None,
        "measure": alert.measure or None,
        "cause": alert.cause or None,
        "message": alert_message(alert),
        "new": alert.new,
        "fired_at": alert.fired_at,
    }


def alerts_json(alerts: list[Alert]) -> dict[str, Any]:
    return {"alerts": [alert_json(alert) for alert in alerts]}


def forecast_json(forecast: Forecast) -> dict[str, Any]:
    return {
        "currency": forecast.currency,
        "month": forecast.month,
        "month_to_date": number(forecast.month_to_date),
        "month_end": number(forecast.month_end),
        "low": number(forecast.low),
        "high": number(forecast.high),
        "method": forecast.method,
        "complete_days": forecast.complete_days,
        "through": forecast.through,
    }


def snapshot_json(snapshot: PlanSnapshot | None) -> dict[str, Any] | None:
    if snapshot is None:
        return None
    return {
        "plan": snapshot.plan,
        "option": snapshot.option,
        "option_label": snapshot.option_label,
        "currency": snapshot.currency,
        "monthly_cost": number(snapshot.monthly_cost),
        "usage_cost": number(snapshot.usage_cost),
        "requests_per_month": number(snapshot.requests_per_month),
        "days_per_month": number(snapshot.days_per_month),
        "input_tokens_per_request": snapshot.input_tokens_per_request,
        "output_tokens_per_request": snapshot.output_tokens_per_request,
        "taken_on": snapshot.taken_on,
        "prices": snapshot.prices,
    }


def budget_json(budget: Budget, state: BudgetState | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "scope": budget.scope,
        "period": budget.period,
        "amount": number(budget.amount),
        "currency": budget.currency,
        "warn_pct": number(budget.warn_pct),
        "critical_pct": number(budget.critical_pct),
        "source": budget.source,
        "set_at": budget.set_at,
        "plan": snapshot_json(budget.snapshot),
    }
    if state is not None:
        data["spent"] = number(state.spent)
        data["used"] = number(state.used)
        data["forecast"] = forecast_json(state.forecast) if state.forecast else None
    return data


def guard_json(guard: Guard) -> dict[str, Any]:
    """What ``actuals status --json`` adds: ``budget``, ``forecast`` and ``alerts``."""
    return {
        "budget": [budget_json(state.budget, state) for state in guard.budgets],
        "forecast": forecast_json(guard.forecast),
        "alerts": [alert_json(alert) for alert in guard.alerts],
    }
