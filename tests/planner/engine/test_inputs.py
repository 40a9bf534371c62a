"""What one estimate reads once: lever defaults, the calendar, hours, shares of a day, money."""

from __future__ import annotations

from datetime import date

import pytest

from planner.engine import inputs as inputs_module
from planner.engine.inputs import Inputs
from planner.engine.volume import BASE, Scenario
from planner.model.figures import set_at_path
from planner.model.plan import Plan
from planner.rates import load_rates

RATES = load_rates()


def inputs_for(**changes: object) -> Inputs:
    """Inputs of the default plan with some fields changed (``needs__latency="batch"``)."""
    data = Plan(start_date=date(2026, 12, 1)).model_dump()
    for dotted, value in changes.items():  # workload__input_tokens=…
        set_at_path(data, dotted.replace("__", "."), value)
    return Inputs(Plan.model_validate(data), RATES)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # Nothing chosen: no caching, no batch API while a customer waits, and the routing
        # share of assumptions.toml (default_routing_share = 0.65).
        ({}, (0.0, 0.0, 0.0, 0.65)),
        # Work that can wait goes to a batch API by default.
        ({"needs__latency": "batch"}, (0.0, 0.0, 1.0, 0.65)),
        # What the user chose wins over every default.
        (
            {
                "needs__latency": "batch",
                "levers__prompt_cache_share": 0.4,
                "levers__semantic_cache_hit_rate": 0.1,
                "levers__batch_share": 0.3,
                "levers__routing_share": 0.0,
            },
            (0.4, 0.1, 0.3, 0.0),
        ),
    ],
)
def test_levers_fill_in_the_engines_defaults(
    changes: dict[str, object], expected: tuple[float, float, float, float]
) -> None:
    levers = inputs_for(**changes).levers
    chosen = (
        levers.prompt_cache_share,
        levers.semantic_cache_hit_rate,
        levers.batch_share,
        levers.routing_share,
    )
    assert chosen == pytest.approx(expected)


@pytest.mark.parametrize(
    ("start", "month", "expected"),
    [
        (date(2026, 12, 15), 0, date(2026, 12, 1)),  # a budget starts on the first of its month
        (date(2026, 12, 15), 1, date(2027, 1, 1)),  # and runs across the new year
        (date(2026, 12, 31), 13, date(2028, 1, 1)),
        (date(2027, 1, 1), 35, date(2029, 12, 1)),  # the last month of 36
    ],
)
def test_month_start_counts_calendar_months_from_the_first_of_the_start_month(
    start: date, month: int, expected: date
) -> None:
    inputs = inputs_for(start_date=start)
    assert inputs.start == start.replace(day=1)
    assert inputs.month_start(month) == expected


def test_a_plan_without_a_start_date_starts_this_month(monkeypatch: pytest.MonkeyPatch) -> None:
    class FixedToday(date):
        @classmethod
        def today(cls) -> FixedToday:
            return cls(2027, 3, 17)

    monkeypatch.setattr(inputs_module, "date", FixedToday)
    assert inputs_for(start_date=None).start == date(2027, 3, 1)


@pytest.mark.parametrize(
    ("changes", "service_hours", "powered_hours"),
    [
        # 8 business hours a day, 22 days a month (the plan's defaults): 176 hours.
        ({}, 8.0, 176.0),
        ({"workload__business_hours_per_day": 10, "workload__days_per_month": 20}, 10.0, 200.0),
        # Always on: 24 h × 365 days / 12 months = 730 hours.
        ({"needs__availability": "always_on"}, 8.0, 730.0),
        # Batch work may arrive and be answered at any hour of the day.
        ({"needs__latency": "batch"}, 24.0, 176.0),
    ],
)
def test_service_and_powered_hours(
    changes: dict[str, object], service_hours: float, powered_hours: float
) -> None:
    inputs = inputs_for(**changes)
    assert inputs.service_hours_per_day == service_hours
    assert inputs.powered_hours_per_month == pytest.approx(powered_hours)


@pytest.mark.parametrize(
    ("changes", "peak", "average"),
    [
        # peak_hour_factor = 1.7 (assumptions.toml) over 8 service hours of 3,600 s.
        ({}, 1.7 / (8 * 3600), 1 / (8 * 3600)),
        # Batch work is spread evenly over the whole day: no peak.
        ({"needs__latency": "batch"}, 1 / (24 * 3600), 1 / (24 * 3600)),
    ],
)
def test_share_of_a_days_calls_in_one_second(
    changes: dict[str, object], peak: float, average: float
) -> None:
    inputs = inputs_for(**changes)
    assert inputs.peak_share_per_second == pytest.approx(peak)
    assert inputs.average_share_per_second == pytest.approx(average)


@pytest.mark.parametrize(
    ("currency", "per_usd"),
    [
        ("USD", 1.0),
        # currencies.toml: 1 EUR = 1.1761 USD = 4.2318 PLN (ECB, 8 May 2026).
        ("EUR", 1 / 1.1761),
        ("PLN", 4.2318 / 1.1761),
    ],
)
def test_dollars_are_converted_through_the_euro_reference_rates(
    currency: str, per_usd: float
) -> None:
    inputs = inputs_for(currency=currency)
    assert inputs.usd_rate == pytest.approx(per_usd)
    assert inputs.usd(250.0) == pytest.approx(250.0 * per_usd)


@pytest.mark.parametrize(("growth", "steady"), [(0, True), (5, False), (-5, False)])
def test_only_a_plan_without_growth_has_the_same_volume_every_month(
    growth: float, steady: bool
) -> None:
    assert inputs_for(workload__growth_pct_per_month=growth).steady_volume is steady


def test_calls_per_day_cover_the_horizon_and_are_worked_out_once_per_scenario() -> None:
    inputs = inputs_for(
        horizon_months=6,
        workload__requests_per_day=100,
        workload__buffer_pct=0,
        workload__growth_pct_per_month=10,
    )
    series = inputs.calls_per_day(BASE)
    assert series == pytest.approx([100 * 1.1**month for month in range(6)])
    assert inputs.calls_per_day(Scenario()) is series  # an equal scenario hits the cache
    assert inputs.calls_per_day(Scenario(volume_factor=2))[0] == pytest.approx(200)


def test_values_come_from_assumptions_and_calibration_and_a_missing_one_is_named() -> None:
    inputs = inputs_for()
    assert inputs.value("pue") == RATES.assumption("pue")  # assumptions.toml
    assert inputs.value("gpu_prefill_efficiency") == RATES.assumption("gpu_prefill_efficiency")
    assert inputs.speed_limits == (10.0, 8.0)  # interactive_max_seconds, ..._min_tokens_per_s
    with pytest.raises(KeyError, match="no_such_assumption"):
        inputs.value("no_such_assumption")


def test_memo_computes_a_shared_value_once() -> None:
    inputs = inputs_for()
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return 42

    assert inputs.memo("key", compute) == 42
    assert inputs.memo("key", compute) == 42
    assert calls == [1]


@pytest.mark.parametrize(("quality", "rank"), [("basic", 0), ("standard", 1), ("frontier", 3)])
def test_the_needed_tier_is_the_quality_as_a_rank(quality: str, rank: int) -> None:
    assert inputs_for(needs__quality=quality).needed_tier == rank
