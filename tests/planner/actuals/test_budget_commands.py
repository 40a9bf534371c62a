"""``actuals budget|alerts|forecast`` and ``status --json``: JSON contracts and exit codes."""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from planner.cli.actuals import add_actuals_parser, run_actuals
from tests.planner.actuals.synthetic import Day, days, write_days
from tests.planner.actuals.test_commands import PLAN, run

ALERT_KEYS = {"rule", "level", "scope", "period", "date", "value", "threshold", "message"}
FORECAST_KEYS = {"currency", "month", "month_to_date", "month_end", "low", "high", "method",
                 "complete_days"}  # fmt: skip


@pytest.fixture
def ledger(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A ledger of the last 20 days (ending yesterday) at $8.00 a day, imported."""
    yesterday = date.today() - timedelta(days=1)
    recent = days(yesterday - timedelta(days=19), yesterday)
    export = write_days(tmp_path / "usage.csv", recent, lambda _d: Day())
    path = str(tmp_path / "c.llmledger")
    parser = argparse.ArgumentParser()
    add_actuals_parser(parser.add_subparsers(dest="command", required=True))
    assert run_actuals(parser.parse_args(["actuals", "import", str(export), "--ledger", path])) == 0
    capsys.readouterr()
    return path


def test_budget_set_and_list(capsys: pytest.CaptureFixture[str], ledger: str) -> None:
    status, out, _ = run(capsys, "actuals", "budget", "set", "--ledger", ledger, "--amount",
                         "2000", "--currency", "PLN", "--scope", "project:support")  # fmt: skip
    assert status == 0 and "project:support, per month: 2000 PLN" in out
    status, out, _ = run(capsys, "actuals", "budget", "list", "--ledger", ledger, "--json")
    data = json.loads(out, parse_float=Decimal)
    [budget] = data["budgets"]
    assert (budget["scope"], budget["amount"], budget["warn_pct"], budget["source"]) == (
        "project:support",
        2000,
        80,
        "manual",
    )
    assert json.loads(data["litellm"]["keys"][0])["key_alias"] == "project-support"


def test_budget_from_plan_is_frozen_with_its_plan(
    capsys: pytest.CaptureFixture[str], ledger: str
) -> None:
    status, out, _ = run(capsys, "actuals", "budget", "from-plan", str(PLAN), "--ledger", ledger)
    assert status == 0 and "from plan 'Support agent with retrieval'" in out and "frozen on" in out
    _, out, _ = run(capsys, "actuals", "budget", "list", "--ledger", ledger, "--json")
    [budget] = json.loads(out)["budgets"]
    assert budget["source"] == "plan" and budget["plan"]["plan"] == "Support agent with retrieval"


def test_alerts_json_and_fail_on(capsys: pytest.CaptureFixture[str], ledger: str) -> None:
    # This month so far at $8.00 a day: a budget of $5 is used up on its first day.
    run(capsys, "actuals", "budget", "set", "--ledger", ledger, "--amount", "5",
        "--currency", "USD")  # fmt: skip
    status, out, _ = run(capsys, "actuals", "alerts", "--ledger", ledger, "--json",
                         "--fail-on", "critical")  # fmt: skip
    alerts = json.loads(out)["alerts"]
    assert status == 1
    assert all(set(alert) >= ALERT_KEYS for alert in alerts)
    levels = {alert["level"] for alert in alerts if alert["rule"] == "budget"}
    assert "critical" in levels
    again, out, _ = run(capsys, "actuals", "alerts", "--ledger", ledger, "--json")
    assert again == 0 and not any(alert["new"] for alert in json.loads(out)["alerts"])


def test_fail_on_critical_passes_when_only_a_warning_is_active(
    capsys: pytest.CaptureFixture[str], ledger: str, tmp_path: Path
) -> None:
    month_so_far = date.today().day - 1
    if month_so_far < 2:
        pytest.skip("needs two days of this month")
    spent = Decimal(8 * month_so_far)
    amount = str((spent / Decimal("0.9")).quantize(Decimal("0.01")))  # 90% used
    run(capsys, "actuals", "budget", "set", "--ledger", ledger, "--amount", amount,
        "--currency", "USD")  # fmt: skip
    status, _, _ = run(capsys, "actuals", "alerts", "--ledger", ledger, "--fail-on", "critical")
    assert status == 0
    status, out, _ = run(capsys, "actuals", "alerts", "--ledger", ledger, "--fail-on", "warning")
    assert status == 1 and "[Warning]" in out


def test_forecast_json(capsys: pytest.CaptureFixture[str], ledger: str) -> None:
    status, out, _ = run(capsys, "actuals", "forecast", "--ledger", ledger, "--json")
    data = json.loads(out, parse_float=Decimal)
    assert status == 0 and set(data) >= FORECAST_KEYS
    assert data["currency"] == "USD" and data["month"] == date.today().strftime("%Y-%m")


def test_status_json_carries_budget_forecast_and_alerts(
    capsys: pytest.CaptureFixture[str], ledger: str
) -> None:
    run(capsys, "actuals", "budget", "set", "--ledger", ledger, "--amount", "50", "--currency",
        "EUR")  # fmt: skip
    status, out, _ = run(capsys, "actuals", "status", "--ledger", ledger, "--json")
    data = json.loads(out)
    assert status == 0 and {"budget", "forecast", "alerts"} <= set(data)
    assert data["budget"][0]["currency"] == "EUR" and "spent" in data["budget"][0]
    assert set(data["forecast"]) >= FORECAST_KEYS


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["budget", "set", "--amount", "0", "--currency", "EUR"],
            "--amount: must be a number above zero",
        ),
        (["budget", "set", "--amount", "5", "--currency", "EUR", "--scope", "x"], "--scope"),
        (["alerts", "--since", "yesterday"], "--since: expected YYYY-MM-DD"),
        (["forecast", "--month", "2026-13"], "--month: expected YYYY-MM"),
        (["alerts", "--lang", "xx"], "--lang: unknown language"),
    ],
)
def test_bad_input_is_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str], ledger: str, argv: list[str], message: str
) -> None:
    status, _, err = run(capsys, "actuals", *argv, "--ledger", ledger)
    assert status == 2 and message in err and err.count("\n") == 1


def test_alerts_on_a_missing_ledger_say_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = run(capsys, "actuals", "alerts", "--ledger", str(tmp_path / "none.llmledger"))
    assert status == 2 and "no such ledger" in err
