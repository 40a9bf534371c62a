"""When a plan's calls are made: business hours on the local clock of its country, weekdays
or every day, and the share of them in each part of the UTC day (summer time included)."""

from __future__ import annotations

import calendar
from datetime import date

import pytest

from planner.model.figures import set_at_path
from planner.model.plan import Plan
from planner.rates.time_of_day import CallHours, call_hours, day_segments, segment_shares

HOUR = 3600
# Cut at 07:00, 08:00, 15:00 and 16:00 UTC: where a 09:00–17:00 day in Warsaw starts and
# ends in summer (UTC+2) and in winter (UTC+1).
SEGMENTS = day_segments([7 * HOUR, 8 * HOUR, 15 * HOUR, 16 * HOUR])
WARSAW_OFFICE = CallHours("Europe/Warsaw", 9.0, 8.0, every_day=False)


def plan(**changes: object) -> Plan:
    data = Plan().model_dump()
    for dotted, value in changes.items():  # workload__input_tokens=…
        set_at_path(data, dotted.replace("__", "."), value)
    return Plan.model_validate(data)


def weekdays(year: int, month: int, first: int = 1, last: int = 31) -> int:
    days = calendar.monthrange(year, month)[1]
    return sum(1 for d in range(first, min(last, days) + 1) if date(year, month, d).weekday() < 5)


def test_the_day_is_cut_into_consecutive_parts() -> None:
    assert SEGMENTS == (
        (0, 7 * HOUR),
        (7 * HOUR, 8 * HOUR),
        (8 * HOUR, 15 * HOUR),
        (15 * HOUR, 16 * HOUR),
        (16 * HOUR, 24 * HOUR),
    )
    assert day_segments([]) == ((0, 24 * HOUR),)


@pytest.mark.parametrize(
    ("month", "shares"),
    [
        # Winter (CET, UTC+1): 09:00–17:00 in Warsaw is 08:00–16:00 UTC.
        (date(2027, 1, 1), (0.0, 0.0, 7 / 8, 1 / 8, 0.0)),
        # Summer (CEST, UTC+2): 07:00–15:00 UTC.
        (date(2027, 7, 1), (0.0, 1 / 8, 7 / 8, 0.0, 0.0)),
    ],
)
def test_business_hours_move_in_utc_with_summer_time(
    month: date, shares: tuple[float, ...]
) -> None:
    assert segment_shares(WARSAW_OFFICE, SEGMENTS, month) == pytest.approx(shares)


def test_a_month_that_changes_to_summer_time_mixes_the_two_by_its_weekdays() -> None:
    # The EU changes to summer time on the last Sunday of March: 28 March 2027.
    winter, summer = weekdays(2027, 3, last=27), weekdays(2027, 3, first=29)
    days = winter + summer
    expected = (0.0, summer / days / 8, 7 / 8, winter / days / 8, 0.0)
    assert segment_shares(WARSAW_OFFICE, SEGMENTS, date(2027, 3, 1)) == pytest.approx(expected)
    assert 0 < summer < winter


def test_round_the_clock_calls_cover_the_whole_day() -> None:
    always = CallHours("Europe/Warsaw", 0.0, 24.0, every_day=True)
    expected = tuple((end - start) / (24 * HOUR) for start, end in SEGMENTS)
    assert segment_shares(always, SEGMENTS, date(2027, 1, 1)) == pytest.approx(expected)


def test_new_york_business_hours_are_afternoon_and_evening_in_utc() -> None:
    office = CallHours("America/New_York", 9.0, 8.0, every_day=False)
    segments = day_segments([14 * HOUR, 22 * HOUR])  # 09:00–17:00 EST is 14:00–22:00 UTC
    assert segment_shares(office, segments, date(2027, 1, 1)) == pytest.approx((0, 1, 0))


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, CallHours("Europe/Warsaw", 9.0, 8.0, every_day=False)),
        (
            {"country": "US", "workload__business_hours_per_day": 10},
            CallHours("America/New_York", 9.0, 10.0, every_day=False),
        ),
        # The EU average and a country the table does not name work on central European time.
        ({"country": "EU"}, CallHours("Europe/Brussels", 9.0, 8.0, every_day=False)),
        ({"country": "ZZ"}, CallHours("Europe/Brussels", 9.0, 8.0, every_day=False)),
        (
            {"needs__availability": "always_on"},
            CallHours("Europe/Warsaw", 0.0, 24.0, every_day=True),
        ),
        # Batch work is done over the whole day of the working days.
        ({"needs__latency": "batch"}, CallHours("Europe/Warsaw", 0.0, 24.0, every_day=False)),
        # More days a month than any month has weekdays: weekends too.
        ({"workload__days_per_month": 30}, CallHours("Europe/Warsaw", 9.0, 8.0, every_day=True)),
    ],
)
def test_a_plans_hours(changes: dict[str, object], expected: CallHours) -> None:
    assert call_hours(plan(**changes), batch_share=0.4) == expected


def test_batch_work_runs_off_peak_only_when_the_plan_says_so() -> None:
    assert call_hours(plan(), batch_share=0.4).off_peak_share == 0.0
    moved = call_hours(plan(levers__off_peak_batch=True), batch_share=0.4)
    assert moved.off_peak_share == 0.4


def test_time_zones_come_from_the_bundled_tzdata_where_the_system_has_none() -> None:
    """Windows has no time-zone database of its own: zoneinfo must find the tzdata package
    (a dependency of the app, carried by the bundle) with the system's paths taken away."""
    import zoneinfo

    before = zoneinfo.TZPATH
    zoneinfo.reset_tzpath(to=[])
    zoneinfo.ZoneInfo.clear_cache()
    try:
        shares = segment_shares(WARSAW_OFFICE, SEGMENTS, date(2031, 1, 1))
    finally:
        zoneinfo.reset_tzpath(to=before)
        zoneinfo.ZoneInfo.clear_cache()
    assert shares == pytest.approx((0.0, 0.0, 7 / 8, 1 / 8, 0.0))
