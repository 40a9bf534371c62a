"""Unusual days: cost well above its usual level while traffic is not, and the likely cause.

The usual level (baseline) of a day is the median of the same weekday over the previous
four weeks, or, with fewer than two of those, of the seven days before it. A day is flagged
only when all three hold (the absolute-and-relative filter AWS Cost Anomaly Detection
uses, so noise on small amounts never fires): its cost is above 1.5 × the baseline, its
requests are below 1.2 × theirs, and the excess is above a floor (€1, or 5% of the daily
budget when larger). The cause is read from the data: what changed per request.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from statistics import median

from planner.actuals.guard_records import Alert
from planner.actuals.guard_settings import GuardSettings, Window
from planner.actuals.series import ZERO, DayFacts, Series, total

WEEKS_BACK = 4
MIN_SAME_WEEKDAY = 2
MIN_RECENT = 3
_SHARE_MOVE = Decimal("0.2")  # a model's share of requests moving by 20 points is a switch
_RATIO_UP = Decimal("1.3")  # a per-request figure up by 30% is a change, not noise
_EMPTY = DayFacts()


def baseline_days(series: Series, day: str, first_data: str) -> list[str]:
    """The days whose median is ``day``'s usual level ([] when history is too short)."""
    when = date.fromisoformat(day)
    same = [(when - timedelta(weeks=w)).isoformat() for w in range(1, WEEKS_BACK + 1)]
    same = [d for d in same if d >= first_data]
    if len(same) >= MIN_SAME_WEEKDAY:
        return same
    recent = [(when - timedelta(days=n)).isoformat() for n in range(1, 8)]
    recent = [d for d in recent if d >= first_data]
    return recent if len(recent) >= MIN_RECENT else []


def anomaly_alerts(
    series: Series, window: Window, settings: GuardSettings, floor: Decimal, currency: str
) -> list[Alert]:
    """Every recent complete day whose cost jumped while its traffic did not."""
    if not series:
        return []
    first_data = min(series)
    found = []
    for day in window.recent(complete_only=True):
        alert = _check_day(series, day, first_data, settings, floor, currency)
        if alert is not None:
            found.append(alert)
    return found


def _check_day(series: Series, day: str, first_data: str, settings: GuardSettings,
               floor: Decimal, currency: str) -> Alert | None:  # fmt: skip
    facts = series.get(day)
    days = baseline_days(series, day, first_data)
    if facts is None or not days:
        return None
    cost = facts.running_cost
    usual_cost = Decimal(median(series.get(d, _EMPTY).running_cost for d in days))
    usual_requests = Decimal(median(series.get(d, _EMPTY).requests for d in days))
    if cost <= usual_cost * settings.anomaly_cost_ratio:
        return None
    if facts.requests >= usual_requests * settings.anomaly_requests_ratio:
        return None  # more traffic explains the cost
    if cost - usual_cost <= floor:
        return None
    usual = total({d: series[d] for d in days if d in series}, min(days), max(days))
    causes = likely_causes(facts, usual, len(days))
    details = {"baseline_requests": str(usual_requests), "requests": str(facts.requests),
               "causes": ",".join(code for code, _ in causes)}  # fmt: skip
    for code, figure in causes:
        if code == "model_mix":
            details["model"] = _switched_model(facts, usual)
        details[code] = format(figure.normalize(), "f")
    cause = causes[0][0] if causes else "unexplained"
    return Alert("anomaly", "warning", "total", day, day, cost, usual_cost, currency,
                 cause=cause, details=details)  # fmt: skip


def likely_causes(day: DayFacts, usual: DayFacts, days: int = 1) -> list[tuple[str, Decimal]]:
    """What changed per request against ``usual`` (the sum of ``days`` usual days),
    strongest first, each with its figure: a ratio (``input_per_request``,
    ``output_per_request``, ``unpriced_usage``: tokens against a usual day's) or a share
    (``model_mix``: the switched-to model's share of requests now; ``cache_broke``: the
    cache-read share of input now)."""
    scored: list[tuple[Decimal, str, Decimal]] = []
    for code, mine, theirs in (
        ("input_per_request", _per(day.input_tokens, day.requests),
         _per(usual.input_tokens, usual.requests)),
        ("output_per_request", _per(day.output_tokens, day.requests),
         _per(usual.output_tokens, usual.requests)),
    ):  # fmt: skip
        if mine is not None and theirs and mine / theirs >= _RATIO_UP:
            scored.append((mine / theirs - 1, code, mine / theirs))
    scored += _cache_broke(day, usual) + _model_switch(day, usual)
    scored += _unpriced_up(day, Decimal(usual.unpriced_tokens) / max(days, 1))
    scored.sort(key=lambda item: -item[0])
    return [(code, figure) for _, code, figure in scored]


def _per(amount: int, requests: int) -> Decimal | None:
    return Decimal(amount) / requests if requests > 0 else None


def _cache_broke(day: DayFacts, usual: DayFacts) -> list[tuple[Decimal, str, Decimal]]:
    if not day.input_tokens or not usual.input_tokens:
        return []
    now = Decimal(day.cache_read_tokens) / day.input_tokens
    before = Decimal(usual.cache_read_tokens) / usual.input_tokens
    if before >= Decimal("0.1") and now < before / 2:
        return [((before - now) * 2, "cache_broke", now)]
    return []


def _biggest_move(day: DayFacts, usual: DayFacts) -> tuple[Decimal, tuple[str, str]] | None:
    now, before = _request_shares(day), _request_shares(usual)
    moves = [(share - before.get(pair, ZERO), pair) for pair, share in now.items()]
    return max(moves) if moves else None


def _model_switch(day: DayFacts, usual: DayFacts) -> list[tuple[Decimal, str, Decimal]]:
    biggest = _biggest_move(day, usual)
    if biggest is None or biggest[0] < _SHARE_MOVE:
        return []
    move, pair = biggest
    return [(move * 2, "model_mix", _request_shares(day)[pair])]


def _switched_model(day: DayFacts, usual: DayFacts) -> str:
    biggest = _biggest_move(day, usual)
    return "/".join(biggest[1]) if biggest else ""


def _request_shares(facts: DayFacts) -> dict[tuple[str, str], Decimal]:
    requests = sum((pair[0] for pair in facts.models.values()), ZERO)
    if requests <= 0:
        return {}
    return {model: pair[0] / requests for model, pair in facts.models.items()}


def _unpriced_up(day: DayFacts, before: Decimal) -> list[tuple[Decimal, str, Decimal]]:
    mine = Decimal(day.unpriced_tokens)
    if mine <= 0 or (before > 0 and mine / before < _RATIO_UP):
        return []
    ratio = mine / before if before > 0 else Decimal(0)
    return [(Decimal(1) if not before else ratio - 1, "unpriced_usage", ratio)]
