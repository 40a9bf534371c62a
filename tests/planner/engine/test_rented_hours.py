"""Rented GPUs are billed every hour of the month (730), as the seed articles price cloud
GPUs, unless the plan switches them off outside working hours (issue 10)."""

from __future__ import annotations

from datetime import date

import pytest

from planner.engine.estimate import estimate
from planner.model.plan import Plan
from planner.model.result import Option
from planner.model.templates import template
from planner.rates import load_rates

RATES = load_rates()
EUR_PER_USD = 1 / RATES.currency("USD").per_eur
START = date(2026, 12, 1)


def document_analysis(volume: float | None = None, switch_off: bool = False) -> Plan:
    plan = template("document_analysis").plan
    work = plan.workload.model_copy(
        update={"requests_per_day": volume or plan.workload.requests_per_day}
    )
    levers = plan.levers.model_copy(update={"switch_off_outside_hours": switch_off})
    return plan.model_copy(update={"start_date": START, "workload": work, "levers": levers})


def hourly_usd(option: Option) -> float:
    provider = option.details["cloud_provider"]
    return next(
        row.hourly_usd
        for row in RATES.gpu_cloud_prices
        if row.gpu == option.hardware and row.provider == provider
    )


@pytest.mark.parametrize(
    ("switch_off", "hours"),
    [
        (False, 730.0),  # assumptions.toml rented_gpu_hours_month: 24 × 365 / 12
        (True, 8 * 30),  # only the template's 8 working hours on its 30 days
    ],
)
def test_a_rented_server_is_billed_every_hour_unless_switched_off(
    switch_off: bool, hours: float
) -> None:
    result = estimate(document_analysis(switch_off=switch_off), RATES, analysis=False)
    rented = [o for o in result.options if o.ownership == "rented"]
    assert rented
    for option in rented:
        expected = (option.hardware_count or 0) * hourly_usd(option) * hours * EUR_PER_USD
        assert option.line("compute_rental").monthly == pytest.approx(expected), option.id


def test_billing_every_hour_moves_the_break_even_to_more_requests() -> None:
    # The figures: from about 50,000 to 81,000 requests a day for document analysis.
    kept = estimate(document_analysis(), RATES).break_even
    stopped = estimate(document_analysis(switch_off=True), RATES).break_even
    assert kept is not None and stopped is not None
    assert kept.requests_per_day is not None and stopped.requests_per_day is not None
    assert kept.requests_per_day > stopped.requests_per_day * 1.2


def test_the_lever_is_saved_with_the_plan_and_off_unless_asked() -> None:
    plan = Plan()
    assert plan.levers.switch_off_outside_hours is False
    again = Plan.model_validate_json(document_analysis(switch_off=True).model_dump_json())
    assert again.levers.switch_off_outside_hours is True
