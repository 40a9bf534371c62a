"""The month-end forecast: weekday-aware, with a band, complete UTC days only."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path

from planner.actuals.forecast import forecast_month
from planner.actuals.guard import forecast_report
from planner.actuals.importer import import_files
from planner.actuals.store import SqliteLedger
from planner.rates import load_rates
from tests.planner.actuals.synthetic import Day, days, write_days

FEB_MAR = days(date(2026, 2, 1), date(2026, 3, 31))
FRIDAY_13 = date(2026, 3, 13)


def weekdays_only(seed: int) -> dict[str, Decimal]:
    """About 100 a working day (±10%), nothing at weekends: February and March 2026."""
    pick = random.Random(seed)
    return {
        d.isoformat(): Decimal(str(round(100 * pick.uniform(0.9, 1.1), 2)))
        if d.weekday() < 5
        else Decimal(0)
        for d in FEB_MAR
    }


def test_weekdays_only_months_land_within_their_band_as_often_as_it_claims() -> None:
    # The band is the 10th to 90th percentile: about four months in five end inside it.
    inside = 0
    for seed in range(100):
        costs = weekdays_only(seed)
        forecast = forecast_month(costs, "2026-03", FRIDAY_13, "EUR")
        actual = sum((v for k, v in costs.items() if k.startswith("2026-03")), Decimal(0))
        assert forecast.method == "weekday"
        assert forecast.low is not None and forecast.high is not None
        assert forecast.high - forecast.low < actual / 10  # a band, not a shrug
        inside += forecast.low <= actual <= forecast.high
    assert 70 <= inside <= 92


def test_a_weekdays_only_month_forecasts_nothing_at_weekends() -> None:
    forecast = forecast_month(weekdays_only(1), "2026-03", FRIDAY_13, "EUR")
    assert forecast.days["2026-03-14"] == forecast.days["2026-03-15"] == 0
    assert forecast.days["2026-03-16"] > 90


def test_the_run_rate_would_overshoot_what_the_weekday_forecast_gets_right() -> None:
    # Seen from Friday the 6th (one weekend in five days), a run rate spends weekends too.
    costs = weekdays_only(4)
    forecast = forecast_month(costs, "2026-03", date(2026, 3, 6), "EUR")
    actual = sum((v for k, v in costs.items() if k.startswith("2026-03")), Decimal(0))
    mtd = sum((costs[d.isoformat()] for d in days(date(2026, 3, 1), date(2026, 3, 6))), Decimal(0))
    run_rate = mtd / 6 * 31
    assert forecast.month_end is not None
    assert abs(forecast.month_end - actual) < abs(run_rate - actual) / 3


def test_with_under_two_weeks_of_history_the_run_rate_is_used() -> None:
    costs = {d.isoformat(): Decimal(10) for d in days(date(2026, 3, 1), date(2026, 3, 10))}
    forecast = forecast_month(costs, "2026-03", date(2026, 3, 10), "EUR")
    assert (forecast.method, forecast.month_to_date, forecast.month_end) == (
        "runrate",
        Decimal(100),
        Decimal(310),
    )


def test_a_finished_month_is_what_it_cost() -> None:
    costs = weekdays_only(5)
    forecast = forecast_month(costs, "2026-02", date(2026, 3, 13), "EUR")
    february = sum((v for k, v in costs.items() if k.startswith("2026-02")), Decimal(0))
    assert forecast.method == "complete"
    assert forecast.month_end == forecast.low == forecast.high == february


def test_no_data_no_forecast() -> None:
    forecast = forecast_month({}, "2026-03", None, "EUR")
    assert (forecast.method, forecast.month_end) == ("none", None)


def test_the_cone_widens_towards_the_month_end() -> None:
    forecast = forecast_month(weekdays_only(6), "2026-03", FRIDAY_13, "EUR")
    cone = forecast.cone()
    widths = [high - low for _, _, low, high in cone]
    assert widths == sorted(widths) and widths[0] < widths[-1]
    assert forecast.month_end is not None
    assert abs(cone[-1][1] - forecast.month_end) < Decimal("1e-20")


def test_todays_partial_day_is_left_out(ledger: SqliteLedger, tmp_path: Path) -> None:
    # Data up to the 15th; on the 15th only a tenth of the day has happened yet.
    def traffic(day: date) -> Day:
        return Day(requests=100) if day == date(2026, 3, 15) else Day()

    march = days(date(2026, 3, 1), date(2026, 3, 15))
    import_files(ledger, [write_days(tmp_path / "u.csv", march, traffic)])
    rates = load_rates()
    forecast = forecast_report(ledger, rates, None, "USD", today=date(2026, 3, 15))
    assert (forecast.through, forecast.complete_days) == ("2026-03-14", 14)
    assert forecast.month_to_date == Decimal("112.00")  # 14 days of $8.00
    assert forecast.month_end == Decimal(8 * 31)  # the rest at $8.00, not at the 15th's $0.80
