"""When a plan's model calls are made, and the share of them in each part of the UTC day.

A provider that charges by the time of day (DeepSeek's peak and off-peak hours) prices a
call by the UTC clock, while a business works by its own: the same working day falls in
other UTC hours in winter and in summer, so the shares are worked out from the actual days
of each month in the country's time zone.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from itertools import pairwise
from zoneinfo import ZoneInfo

from planner.model.plan import Plan

# The zone most of each country's people live in (the IANA time zone database); the US by
# its Eastern zone, where most of its people are. The EU average and a country not listed
# work on central European time, the time of most of the EU's people.
COUNTRY_TIME_ZONES = {
    "AT": "Europe/Vienna",
    "BE": "Europe/Brussels",
    "BG": "Europe/Sofia",
    "CH": "Europe/Zurich",
    "CY": "Asia/Nicosia",
    "CZ": "Europe/Prague",
    "DE": "Europe/Berlin",
    "DK": "Europe/Copenhagen",
    "EE": "Europe/Tallinn",
    "ES": "Europe/Madrid",
    "FI": "Europe/Helsinki",
    "FR": "Europe/Paris",
    "GB": "Europe/London",
    "GR": "Europe/Athens",
    "HR": "Europe/Zagreb",
    "HU": "Europe/Budapest",
    "IE": "Europe/Dublin",
    "IS": "Atlantic/Reykjavik",
    "IT": "Europe/Rome",
    "LT": "Europe/Vilnius",
    "LU": "Europe/Luxembourg",
    "LV": "Europe/Riga",
    "MT": "Europe/Malta",
    "NL": "Europe/Amsterdam",
    "NO": "Europe/Oslo",
    "PL": "Europe/Warsaw",
    "PT": "Europe/Lisbon",
    "RO": "Europe/Bucharest",
    "SE": "Europe/Stockholm",
    "SI": "Europe/Ljubljana",
    "SK": "Europe/Bratislava",
    "UA": "Europe/Kyiv",
    "US": "America/New_York",
}
CENTRAL_EUROPE = "Europe/Brussels"
# Business hours start at 09:00 on the local clock and last the plan's hours a day.
WORKDAY_START_HOUR = 9.0
# No month has more weekdays than this: a plan working more days a month works weekends too.
MOST_WEEKDAYS_IN_A_MONTH = 23
DAY_SECONDS = 24 * 3600

Segment = tuple[int, int]
"""Part of the UTC day, in seconds from midnight: [start, end)."""


@dataclass(frozen=True)
class CallHours:
    """When the model calls are made, on the local clock of the plan's country."""

    zone: str  # IANA time zone
    start_hour: float  # local hour the calls start each day
    hours: float  # how long they go on
    every_day: bool  # weekends too; else Monday to Friday
    off_peak_share: float = 0.0  # of calls run in the cheapest hours instead (batch work)


def time_zone_of(country: str) -> str:
    """The time zone a business in ``country`` works by (central European when unknown)."""
    return COUNTRY_TIME_ZONES.get(country, CENTRAL_EUROPE)


def call_hours(plan: Plan, batch_share: float) -> CallHours:
    """When the plan's calls happen: its business hours on weekdays, or round the clock
    every day when always on; batch work over the whole day (as its capacity assumes).

    Args:
        plan: The plan; its country gives the clock, its needs and workload the hours.
        batch_share: Share of the calls that is batch work (the levers' default filled in);
            with ``levers.off_peak_batch`` it runs in the cheapest hours.
    """
    work, needs = plan.workload, plan.needs
    always_on = needs.availability == "always_on"
    every_day = always_on or work.days_per_month > MOST_WEEKDAYS_IN_A_MONTH
    if always_on or needs.latency == "batch":
        start, hours = 0.0, 24.0
    else:
        start, hours = WORKDAY_START_HOUR, work.business_hours_per_day
    off_peak = batch_share if plan.levers.off_peak_batch else 0.0
    return CallHours(time_zone_of(plan.country), start, hours, every_day, off_peak)


def day_segments(boundaries: Iterable[int]) -> tuple[Segment, ...]:
    """The UTC day cut at ``boundaries`` (seconds from midnight) into consecutive parts."""
    cuts = sorted({0, DAY_SECONDS, *(b % DAY_SECONDS for b in boundaries)})
    return tuple(pairwise(cuts))


@cache
def segment_shares(
    hours: CallHours, segments: tuple[Segment, ...], month: date
) -> tuple[float, ...]:
    """Share of the month's calls made in each segment of the UTC day.

    Each working day of ``month`` brings the same number of calls, spread evenly over its
    hours; a day's hours are taken on the local clock, so a change to or from summer time
    moves them in UTC from that day on.
    """
    totals = [0.0] * len(segments)
    days = _working_days(month, hours.every_day)
    zone = ZoneInfo(hours.zone)
    for day in days:
        start, end = _utc_window(zone, day, hours)
        for index, seconds in enumerate(_overlaps(segments, start, end)):
            totals[index] += seconds / (end - start)
    return tuple(total / len(days) for total in totals)


def _working_days(month: date, every_day: bool) -> list[date]:
    length = calendar.monthrange(month.year, month.month)[1]
    days = [month.replace(day=number) for number in range(1, length + 1)]
    return [day for day in days if every_day or day.weekday() < 5]


def _utc_window(zone: ZoneInfo, day: date, hours: CallHours) -> tuple[float, float]:
    """The day's calling hours in seconds from the day's UTC midnight (below zero before it,
    past a day's length after it). Each end takes the offset of its own local time, so a day
    that changes to summer time is an hour shorter when the calls go on round the clock."""
    start = hours.start_hour * 3600
    end = start + hours.hours * 3600
    return start - _utc_offset(zone, day, start), end - _utc_offset(zone, day, end)


def _utc_offset(zone: ZoneInfo, day: date, seconds: float) -> float:
    """The UTC offset, in seconds, of the local time ``seconds`` after ``day``'s midnight."""
    local = datetime.combine(day, time(0), tzinfo=zone)
    with suppress(OverflowError):  # past the last day a date holds: that day's offset
        local += timedelta(seconds=seconds)
    offset = local.utcoffset()
    return offset.total_seconds() if offset is not None else 0.0


def _overlaps(segments: tuple[Segment, ...], start: float, end: float) -> list[float]:
    """Seconds of [start, end) in each segment, on every UTC day the window touches."""
    seconds = [0.0] * len(segments)
    for day in range(math.floor(start / DAY_SECONDS), math.ceil(end / DAY_SECONDS)):
        base = day * DAY_SECONDS
        for index, (first, last) in enumerate(segments):
            seconds[index] += max(0.0, min(end, base + last) - max(start, base + first))
    return seconds
