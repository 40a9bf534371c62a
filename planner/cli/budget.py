"""``actuals budget set|from-plan|list``, ``actuals alerts`` and ``actuals forecast``.

Added to the ``actuals`` commands by ``add_budget_commands``; ``run_budget`` runs them and
returns the exit status: 0, or 1 when ``alerts --fail-on LEVEL`` finds an alert at or
above that level this month (so a scheduled task can notify), or 2 for bad input, with one
line naming what is wrong (raised as ``ValueError`` or ``LedgerError`` for the caller to
print). No Qt here.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from planner.actuals import guardjson, jsonout
from planner.actuals.budgets import manual_budget, plan_budget
from planner.actuals.gateway import litellm_budget
from planner.actuals.guard import evaluate, forecast_report
from planner.actuals.guard_records import LEVELS, Alert
from planner.actuals.money import Converter
from planner.actuals.status import month_days
from planner.actuals.store import LedgerStore, open_ledger
from planner.model.planfile import load_plan
from planner.rates import RateBook
from planner.words.alerts import alert_message, level_name, rule_name
from planner.words.i18n import LANGUAGES, set_language

BUDGET_COMMANDS = ("budget", "alerts", "forecast")
EXIT_ALERT = 1


def add_budget_commands(commands: Any) -> None:
    """Add ``budget``, ``alerts`` and ``forecast`` to the ``actuals`` subparsers."""
    budget = commands.add_parser("budget", help="set, take from a plan or list budgets")
    actions = budget.add_subparsers(dest="budget_command", required=True)
    put = actions.add_parser("set", help="set a budget by hand")
    put.add_argument("--ledger", type=Path, required=True)
    put.add_argument("--amount", required=True)
    put.add_argument("--currency", required=True)
    put.add_argument("--period", default="month", choices=["month", "day", "hour"])
    put.add_argument("--scope", default="total",
                     help="total, provider:ID, project:NAME or feature:NAME")  # fmt: skip
    put.add_argument("--warn-pct", help="warning threshold (default from assumptions.toml)")
    put.add_argument("--critical-pct", help="critical threshold (default from assumptions.toml)")
    take = actions.add_parser("from-plan", help="the plan's recommended monthly cost, frozen")
    take.add_argument("plan", type=Path)
    take.add_argument("--ledger", type=Path, required=True)
    listing = actions.add_parser("list", help="every budget and a gateway budget from them")
    listing.add_argument("--ledger", type=Path, required=True)
    listing.add_argument("--json", action="store_true")
    alerts = commands.add_parser("alerts", help="run the alert rules; list this month's alerts")
    alerts.add_argument("--ledger", type=Path, required=True)
    alerts.add_argument("--since", help="YYYY-MM-DD (default: the first day of the month)")
    alerts.add_argument("--fail-on", choices=["warning", "critical"],
                        help="exit 1 when an alert at or above this level is active")  # fmt: skip
    alerts.add_argument("--lang", help="language of the messages: en, pl or uk")
    alerts.add_argument("--json", action="store_true")
    forecast = commands.add_parser("forecast", help="the month-end forecast with its band")
    forecast.add_argument("--ledger", type=Path, required=True)
    forecast.add_argument("--month", help="YYYY-MM (default: the latest month with data)")
    forecast.add_argument("--currency", help="default: the total budget's, else USD")
    forecast.add_argument("--json", action="store_true")


def run_budget(args: argparse.Namespace, rates: RateBook) -> int:
    """Run one of ``BUDGET_COMMANDS``; returns the exit status."""
    if args.actuals_command == "budget" and args.budget_command != "list":
        return _change_budget(args, rates)
    ledger = open_ledger(args.ledger, create=False)
    try:
        if args.actuals_command == "budget":
            return _list(ledger, rates, args.json)
        if args.actuals_command == "forecast":
            return _forecast(ledger, rates, args)
        return _alerts(ledger, rates, args)
    finally:
        ledger.close()


def _change_budget(args: argparse.Namespace, rates: RateBook) -> int:
    if args.budget_command == "set":
        budget = manual_budget(rates, amount=args.amount, currency=args.currency,
                               period=args.period, scope=args.scope, warn_pct=args.warn_pct,
                               critical_pct=args.critical_pct)  # fmt: skip
    else:
        budget = plan_budget(load_plan(args.plan), rates)
    ledger = open_ledger(args.ledger)
    try:
        with ledger.transaction():
            ledger.save_budget(budget)
    finally:
        ledger.close()
    print(_budget_line(guardjson.budget_json(budget)))
    return 0


def _list(ledger: LedgerStore, rates: RateBook, as_json: bool) -> int:
    budgets = ledger.budgets()
    gateway = litellm_budget(budgets, Converter(rates, "USD"))
    if as_json:
        data = {"budgets": [guardjson.budget_json(b) for b in budgets],
                "litellm": {"config": gateway.config, "keys": list(gateway.keys)}}  # fmt: skip
        print(jsonout.dumps(data))
        return 0
    if not budgets:
        print("no budgets; set one with `actuals budget set` or `actuals budget from-plan`")
        return 0
    for budget in budgets:
        print(_budget_line(guardjson.budget_json(budget)))
    print("\nLiteLLM gateway (config.yaml):\n" + gateway.config)
    for key in gateway.keys:
        print(f"POST /key/generate {key}")
    return 0


def _budget_line(data: dict[str, Any]) -> str:
    plain = _plain
    line = (f"{data['scope']}, per {data['period']}: {plain(data['amount'])} {data['currency']} "
            f"(warning at {plain(data['warn_pct'])}%, critical at {plain(data['critical_pct'])}%)")  # fmt: skip
    plan = data["plan"]
    if plan:
        line += (f", from plan {plan['plan']!r} ({plan['option_label'] or plan['option']}), "
                 f"frozen on {plan['taken_on']}")  # fmt: skip
    return line


def _alerts(ledger: LedgerStore, rates: RateBook, args: argparse.Namespace) -> int:
    if args.lang and args.lang not in LANGUAGES:
        raise ValueError(f"--lang: unknown language {args.lang!r}; choose en, pl or uk")
    if args.lang:
        set_language(args.lang)
    since = _day(args.since, "--since") if args.since else None
    guard = evaluate(ledger, rates)
    alerts = guard.alerts
    if since is not None:
        fired = {alert.key for alert in guard.fired}
        alerts = [replace(a, new=a.key in fired) for a in ledger.alerts(since)]
    if args.json:
        print(jsonout.dumps(guardjson.alerts_json(alerts)))
    else:
        print("\n".join(_alert_line(a) for a in alerts) or "no alerts")
    return EXIT_ALERT if _fails(alerts, args.fail_on) else 0


def _fails(alerts: list[Alert], level: str | None) -> bool:
    if level is None:
        return False
    return any(alert.rank >= LEVELS.index(level) for alert in alerts)


def _alert_line(alert: Alert) -> str:
    mark = "new " if alert.new else ""
    return f"{mark}[{level_name(alert.level)}] {alert.day} {rule_name(alert.rule)}: {alert_message(alert)}"


def _forecast(ledger: LedgerStore, rates: RateBook, args: argparse.Namespace) -> int:
    if args.month:
        month_days(args.month)  # a bad month fails here, naming --month
    budgets = ledger.budgets()
    currency = (args.currency or (budgets[0].currency if budgets else "USD")).upper()
    forecast = forecast_report(ledger, rates, args.month, currency)
    data = guardjson.forecast_json(forecast)
    if args.json:
        print(jsonout.dumps(data))
        return 0
    plain = _plain
    print(f"{data['month']} in {data['currency']}: {plain(data['month_to_date'])} in "
          f"{data['complete_days']} complete days; month end about {plain(data['month_end'])} "
          f"({plain(data['low'])} to {plain(data['high'])}), {data['method']} method")  # fmt: skip
    return 0


def _day(text: str, option: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(f"{option}: expected YYYY-MM-DD, got {text!r}") from None


def _plain(value: Any) -> str:
    if value is None:
        return "—"
    return str(value).removeprefix(jsonout.MARK)
