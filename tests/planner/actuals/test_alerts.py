"""The alert rules on synthetic ledgers: each fires once per period and level, with a cause."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from planner.actuals.budgets import manual_budget
from planner.actuals.guard import evaluate
from planner.actuals.guard_records import Alert
from planner.actuals.importer import import_files
from planner.actuals.store import SqliteLedger
from planner.rates import load_rates
from planner.words.alerts import alert_message
from planner.words.i18n import set_language
from tests.planner.actuals.conftest import load
from tests.planner.actuals.synthetic import Day, days, usual, write_days

RATES = load_rates()
MARCH = days(date(2026, 3, 1), date(2026, 3, 31))
HISTORY = days(date(2026, 2, 1), date(2026, 3, 31))
MID_MARCH = date(2026, 3, 16)  # "today": data up to the 15th is complete


def _set(ledger: SqliteLedger, **options: str) -> None:
    with ledger.transaction():
        ledger.save_budget(manual_budget(RATES, **options))  # type: ignore[arg-type]


def _import(ledger: SqliteLedger, path: Path) -> None:
    import_files(ledger, [path])


def _rule(alerts: list[Alert], rule: str) -> list[Alert]:
    return [alert for alert in alerts if alert.rule == rule]


def test_a_month_crossing_80_then_100_percent_fires_each_once(
    ledger: SqliteLedger, tmp_path: Path
) -> None:
    # $8.00 a day; a budget of 10 days' worth crosses 80% on day 8 and 100% on day 10.
    budget = sum(
        (Decimal(8) for _ in range(10)), Decimal(0)
    )  # in USD, so no exchange rate moves it
    _set(ledger, amount=str(budget), currency="USD")
    first = write_days(tmp_path / "first.csv", MARCH[:9], usual)
    _import(ledger, first)
    fired = _rule(evaluate(ledger, RATES, today=MID_MARCH).fired, "budget")
    assert [(a.level, a.day) for a in fired] == [("warning", "2026-03-08")]
    assert _rule(evaluate(ledger, RATES, today=MID_MARCH).fired, "budget") == []  # re-run
    _import(ledger, first)
    assert _rule(evaluate(ledger, RATES, today=MID_MARCH).fired, "budget") == []  # re-import
    _import(ledger, write_days(tmp_path / "more.csv", MARCH[9:12], usual))
    fired = _rule(evaluate(ledger, RATES, today=MID_MARCH).fired, "budget")
    assert [(a.level, a.day, a.value) for a in fired] == [
        ("critical", "2026-03-10", Decimal("96.00"))
    ]
    _import(ledger, first)
    assert _rule(evaluate(ledger, RATES, today=MID_MARCH).fired, "budget") == []
    stored = _rule(ledger.alerts(), "budget")
    assert sorted(a.level for a in stored) == ["critical", "warning"]


def _unusual(day: date, change: Day) -> Day:
    return change if day == date(2026, 3, 12) else Day()


@pytest.mark.parametrize(
    ("change", "cause"),
    [
        (Day(input_per_request=8000), "input_per_request"),  # prompt bloat or injection
        (Day(output_per_request=1500), "output_per_request"),  # runaway generation
        (Day(model="gpt-4.1", input_per_request=8000), "input_per_request"),
    ],
)
def test_a_day_costing_triple_with_flat_traffic_is_flagged_with_its_cause(
    ledger: SqliteLedger, tmp_path: Path, change: Day, cause: str
) -> None:
    _import(ledger, write_days(tmp_path / "u.csv", HISTORY[:40], lambda d: _unusual(d, change)))
    [alert] = _rule(evaluate(ledger, RATES, today=MID_MARCH).fired, "anomaly")
    assert (alert.day, alert.cause) == ("2026-03-12", cause)
    assert alert.value > 2 * alert.threshold
    assert alert.details["requests"] == "1000"


def test_a_day_whose_traffic_and_cost_both_triple_is_not_flagged(
    ledger: SqliteLedger, tmp_path: Path
) -> None:
    _import(
        ledger,
        write_days(tmp_path / "u.csv", HISTORY[:40], lambda d: _unusual(d, Day(requests=3000))),
    )
    assert _rule(evaluate(ledger, RATES, today=MID_MARCH).fired, "anomaly") == []


def test_switching_models_and_a_broken_cache_are_named(
    ledger: SqliteLedger, tmp_path: Path
) -> None:
    def traffic(day: date) -> list[Day]:
        if day == date(2026, 3, 12):  # every request on the dearer model, no cache hits
            return [Day(model="o1", cached_share=0.0)]
        return [Day(cached_share=0.8)]

    _import(ledger, write_days(tmp_path / "u.csv", HISTORY[:40], traffic))
    [alert] = _rule(evaluate(ledger, RATES, today=MID_MARCH).fired, "anomaly")
    causes = alert.details["causes"].split(",")
    assert {"model_mix", "cache_broke"} <= set(causes)
    assert alert.details["model"] == "openai/o1"


def test_a_small_jump_is_not_flagged_however_large_in_percent(
    ledger: SqliteLedger, tmp_path: Path
) -> None:
    # 20 requests a day cost $0.16; tripled input makes $0.36: under the €1 floor.
    small = write_days(
        tmp_path / "u.csv",
        HISTORY[:40],
        lambda d: replace(_unusual(d, Day(input_per_request=8000)), requests=20),
    )
    _import(ledger, small)
    assert _rule(evaluate(ledger, RATES, today=MID_MARCH).fired, "anomaly") == []


def test_a_bill_the_usage_does_not_explain_is_pointed_out(ledger: SqliteLedger) -> None:
    load(ledger, "openai_usage.csv", "openai_costs_10.csv")
    gaps = _rule(evaluate(ledger, RATES, today=date(2025, 10, 20)).fired, "reconciliation_gap")
    assert [(a.scope, a.day) for a in gaps] == [("provider:openai", "2025-10-12")]
    assert gaps[0].value > 0


def test_unpriced_usage_and_stale_data_are_said_once(ledger: SqliteLedger, tmp_path: Path) -> None:
    unknown = write_days(tmp_path / "u.csv", MARCH[:5], lambda d: Day(model="no-such-model-x"))
    _import(ledger, unknown)
    later = date.today().replace(day=1).toordinal() + 40  # well after the import
    today = date.fromordinal(later)
    fired = evaluate(ledger, RATES, today=today).fired
    assert [a.measure for a in _rule(fired, "unpriced_usage")] == ["no-such-model-x"]
    assert [a.level for a in _rule(fired, "stale_data")] == ["info"]
    assert evaluate(ledger, RATES, today=today).fired == []


def test_a_day_above_its_share_of_the_month_is_flagged(
    ledger: SqliteLedger, tmp_path: Path
) -> None:
    # $10 a day (weekdays weigh alike: four weeks of flat days): $8.00 days are within it.
    _set(ledger, amount="310", currency="USD")
    _import(
        ledger,
        write_days(
            tmp_path / "u.csv",
            HISTORY[:43],
            lambda d: Day(requests=1500) if d == date(2026, 3, 14) else Day(),
        ),
    )
    limits = _rule(evaluate(ledger, RATES, today=MID_MARCH).fired, "daily_limit")
    assert [(a.day, a.value) for a in limits] == [("2026-03-14", Decimal("12.00"))]


def test_an_hourly_budget_looks_at_each_hour(ledger: SqliteLedger, tmp_path: Path) -> None:
    _set(ledger, amount="5", currency="USD", period="hour")
    busy = write_days(
        tmp_path / "u.csv",
        MARCH[10:15],
        lambda d: [Day(requests=400, hour=9), Day(requests=400, hour=10 if d.day != 14 else 9)],
    )
    _import(ledger, busy)
    fired = _rule(evaluate(ledger, RATES, today=MID_MARCH).fired, "budget")
    assert {(a.period, a.level) for a in fired} == {
        ("2026-03-14T09", "warning"),
        ("2026-03-14T09", "critical"),
    }


@pytest.mark.parametrize("language", ["en", "pl", "uk"])
def test_every_alert_reads_as_a_sentence(
    ledger: SqliteLedger, tmp_path: Path, language: str
) -> None:
    _set(ledger, amount="110", currency="EUR")  # 80% crossed, 100% not, the forecast above
    _import(ledger, write_days(tmp_path / "u.csv", HISTORY[:40],
                               lambda d: _unusual(d, Day(input_per_request=8000))))  # fmt: skip
    set_language(language)
    try:
        alerts = evaluate(ledger, RATES, today=MID_MARCH).alerts
        assert {a.rule for a in alerts} >= {"budget", "anomaly", "budget_forecast"}
        for alert in alerts:
            message = alert_message(alert)
            assert message.endswith(".") and "{" not in message
    finally:
        set_language("en")


def test_hours_are_priced_exactly_as_the_days_are(ledger: SqliteLedger, tmp_path: Path) -> None:
    # The hourly prices are a second implementation of the pricing (linear within a slot and
    # band): over a day of single requests on five models, the hours add up to the day.
    import random

    pick = random.Random(14)
    models = [("openai", "gpt-4o-mini"), ("openai", "gpt-4o"), ("google", "gemini-2.5-flash"),
              ("anthropic", "claude-sonnet-4-20250514"), ("anthropic", "claude-haiku-4-5-20251001")]  # fmt: skip
    lines = ["timestamp,provider,model,input_tokens,output_tokens,cached_input_tokens,"
             "cache_write_tokens,requests,project"]  # fmt: skip
    for n in range(400):
        provider, model = models[n % len(models)]
        tokens = pick.randint(100, 300_000)  # some past the long-context tiers
        lines.append(f"2026-03-02T{n % 24:02d}:{n % 60:02d}:00Z,{provider},{model},{tokens},"
                     f"{pick.randint(10, 4000)},{pick.randint(0, tokens // 2)},"
                     f"{pick.randint(0, 50) if provider == 'anthropic' else 0},1,p{n % 3}")  # fmt: skip
    (tmp_path / "r.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    _import(ledger, tmp_path / "r.csv")
    from planner.actuals.hours import hour_costs
    from planner.actuals.money import Converter

    usd = Converter(RATES, "USD")
    hours = hour_costs(ledger, "2026-03-02", "2026-03-02", usd, ["total", "project:p1"])
    daily = ledger.daily_rows("2026-03-02", "2026-03-02")
    assert sum(hours["total"].values()) == sum(r.priced or 0 for r in daily)
    assert sum(hours["project:p1"].values()) == sum(
        r.priced or 0 for r in daily if r.dimension("project") == "p1"
    )
    assert len(hours["total"]) == 24
