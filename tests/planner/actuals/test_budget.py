"""Budgets: typed or taken from a plan (frozen), stored, spread over days, sent to a gateway."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from planner.actuals.budgets import manual_budget, plan_budget, thresholds
from planner.actuals.days import day_shares, plan_weights
from planner.actuals.gateway import litellm_budget
from planner.actuals.guard import evaluate
from planner.actuals.importer import import_files
from planner.actuals.migrations import MIGRATIONS
from planner.actuals.money import Converter
from planner.actuals.store import SqliteLedger, open_ledger
from planner.model.planfile import load_plan
from planner.rates import load_rates
from tests.planner.actuals.synthetic import Day, days, write_days

ROOT = Path(__file__).parents[3]
PLAN = ROOT / "templates" / "support_agent.json"
RATES = load_rates()


def test_the_default_thresholds_come_from_the_assumptions() -> None:
    assert thresholds(RATES) == (Decimal(80), Decimal(100))
    budget = manual_budget(RATES, amount="2000", currency="pln")
    assert (budget.scope, budget.period, budget.currency) == ("total", "month", "PLN")
    assert (budget.warn_amount, budget.critical_amount) == (Decimal(1600), Decimal(2000))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"amount": "-5"}, "--amount: must be a number above zero"),
        ({"amount": "lots"}, "--amount: not a number"),
        ({"scope": "team:x"}, "--scope: expected total, provider:ID"),
        ({"scope": "project:"}, "--scope: expected total"),
        ({"period": "week"}, "--period: expected month, day or hour"),
        ({"warn_pct": "90", "critical_pct": "80"}, "--warn-pct: must not be above"),
        ({"currency": "XYZ"}, "XYZ"),
    ],
)
def test_a_bad_budget_is_refused_naming_the_option(options: dict[str, str], message: str) -> None:
    given = {"amount": "100", "currency": "EUR", **options}
    with pytest.raises((ValueError, KeyError), match=message):
        manual_budget(RATES, **given)  # type: ignore[arg-type]


def test_a_budget_is_kept_and_replaced_by_scope_and_period(ledger: SqliteLedger) -> None:
    with ledger.transaction():
        ledger.save_budget(manual_budget(RATES, amount="100", currency="EUR"))
        ledger.save_budget(manual_budget(RATES, amount="5", currency="USD", scope="provider:openai",
                                         period="day"))  # fmt: skip
        ledger.save_budget(manual_budget(RATES, amount="150", currency="EUR"))
    kept = ledger.budgets()
    assert [(b.scope, b.period, b.amount) for b in kept] == [
        ("total", "month", Decimal(150)),
        ("provider:openai", "day", Decimal(5)),
    ]


def test_a_budget_taken_from_a_plan_does_not_move_when_the_rates_change(
    ledger: SqliteLedger, tmp_path: Path
) -> None:
    plan = load_plan(PLAN)
    with ledger.transaction():
        ledger.save_budget(plan_budget(plan, RATES))
    [before] = ledger.budgets()
    dearer = tmp_path / "rates"
    dearer.mkdir()
    text = (ROOT / "planner" / "data" / "assumptions.toml").read_text(encoding="utf-8")
    changed = text.replace(
        'id = "monitoring_usd_month"\nvalue = 100', 'id = "monitoring_usd_month"\nvalue = 400'
    )
    assert changed != text
    (dearer / "assumptions.toml").write_text(changed, encoding="utf-8")
    new_rates = load_rates(dearer)
    assert plan_budget(plan, new_rates).amount > before.amount  # the plan itself moved
    evaluate(ledger, new_rates)  # the guard runs with the new rates
    [after] = ledger.budgets()
    assert after == before and after.source == "plan" and after.snapshot is not None
    assert after.snapshot.plan == plan.name and after.snapshot.currency == plan.currency
    assert after.amount == after.snapshot.monthly_cost.quantize(Decimal("0.01"))


def test_working_days_spread_a_month() -> None:
    assert plan_weights(Decimal(22))[5:] == (Decimal(0), Decimal(0))  # Monday to Friday
    assert plan_weights(Decimal(30)) == (Decimal(1),) * 7  # every day
    shares = day_shares("2026-03", plan_weights(Decimal(22)))
    assert sum(shares.values()) == pytest.approx(Decimal(1))
    assert shares["2026-03-01"] == 0 and shares["2026-03-02"] == Decimal(1) / 22  # 22 weekdays


def test_a_plan_budget_explains_spending_by_what_differs_from_the_plan(
    ledger: SqliteLedger, tmp_path: Path
) -> None:
    plan = load_plan(PLAN)
    budget = plan_budget(plan, RATES)
    with ledger.transaction():
        ledger.save_budget(budget)
    snapshot = budget.snapshot
    assert snapshot is not None
    per_day = int(snapshot.requests_per_day * 2)  # twice the plan's requests, of its size
    traffic = Day(requests=per_day, input_per_request=snapshot.input_tokens_per_request,
                  output_per_request=snapshot.output_tokens_per_request, model="gpt-4o-mini")  # fmt: skip
    march = days(date(2026, 3, 1), date(2026, 3, 20))
    import_files(ledger, [write_days(tmp_path / "u.csv", march, lambda _d: traffic)])
    guard = evaluate(ledger, RATES, today=date(2026, 3, 21))
    variance = {a.measure: a for a in guard.alerts if a.rule == "plan_variance"}
    requests = variance["requests_per_day"]
    assert requests.level == "warning"
    assert Decimal(requests.details["ratio"]) == pytest.approx(Decimal(2), rel=Decimal("0.01"))
    assert "input_tokens_per_request" not in variance  # the size is as planned
    assert guard.plan_gap is not None and guard.plan_gap.split.volume_effect > 0


def test_a_ledger_of_the_first_schema_gains_the_budget_tables(tmp_path: Path) -> None:
    path = tmp_path / "old.llmledger"
    connection = sqlite3.connect(path, isolation_level=None)
    connection.executescript(f"BEGIN; {MIGRATIONS[0]} PRAGMA user_version = 1; COMMIT;")
    connection.close()
    ledger = open_ledger(path)
    try:
        assert ledger.schema_version() == len(MIGRATIONS) == 3
        assert ledger.budgets() == [] and ledger.alerts() == []
    finally:
        ledger.close()


def test_the_gateway_budget_holds_each_scope_in_dollars() -> None:
    budgets = [
        manual_budget(RATES, amount="1000", currency="USD"),
        manual_budget(RATES, amount="20", currency="USD", scope="provider:openai", period="day"),
        manual_budget(RATES, amount="100", currency="USD", scope="project:Support"),
        manual_budget(RATES, amount="1", currency="USD", scope="provider:openai", period="hour"),
    ]
    gateway = litellm_budget(budgets, Converter(RATES, "USD"))
    assert "max_budget: 1000.00\n  budget_duration: 30d" in gateway.config
    assert '"openai":\n      budget_limit: 20.00\n      time_period: 1d' in gateway.config
    assert gateway.keys == (
        '{"key_alias": "project-Support", "max_budget": 100.0, "soft_budget": 80.0, '
        '"budget_duration": "30d", "metadata": {"project": "Support"}}',
    )
    assert gateway.skipped == ("provider:openai:hour",)


def test_a_gateway_budget_in_another_currency_is_rounded_down_to_the_cent() -> None:
    [budget] = [manual_budget(RATES, amount="1000", currency="PLN")]
    gateway = litellm_budget([budget], Converter(RATES, "USD"))
    dollars = Converter(RATES, "USD")(Decimal(1000), "PLN")
    line = next(line for line in gateway.config.splitlines() if "max_budget" in line)
    assert Decimal(line.split()[-1]) == dollars.quantize(Decimal("0.01"), rounding="ROUND_DOWN")
