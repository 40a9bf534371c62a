"""The month so far against the plan a budget was taken from, and why they differ.

The plan's month is scaled to the days so far (by the plan's working days), then compared
on requests a day, input and output tokens per request and cost per request; the money
difference is split into volume, unit-cost and mix effects (``compare.variance``), and the
largest effect that pushed spending up is the likely cause a budget alert names.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planner.actuals.compare import Expected, Variance, month_models, variance
from planner.actuals.days import month_dates, plan_weights
from planner.actuals.guard_records import Alert, PlanSnapshot
from planner.actuals.guard_settings import GuardSettings, Window
from planner.actuals.money import Converter
from planner.actuals.series import ZERO, DayFacts

_CHANGED = Decimal("1.1")  # a per-request figure 10% off the plan is worth naming as a cause


@dataclass(frozen=True)
class PlanGap:
    """The month so far (complete days) against the plan scaled to the same days."""

    expected: Expected  # scaled to the days so far
    actual: DayFacts  # in the plan's currency
    split: Variance
    share_of_month: Decimal  # how much of the plan's month the days so far are
    days: Decimal  # the plan's working days so far

    def ratios(self, snapshot: PlanSnapshot) -> dict[str, Decimal]:
        """Actual over plan for each measure (only those that can be worked out)."""
        actual, found = self.actual, {}
        per: dict[str, tuple[Decimal | int, Decimal | int]]
        if self.expected.requests > 0:
            found["requests_per_day"] = actual.requests / self.expected.requests
        if actual.requests > 0:
            per = {"input_tokens_per_request": (actual.input_tokens,
                                                snapshot.input_tokens_per_request),
                   "output_tokens_per_request": (actual.output_tokens,
                                                 snapshot.output_tokens_per_request),
                   "cost_per_request": (actual.usage_cost, self.expected.cost_per_request)}  # fmt: skip
            for name, (amount, planned) in per.items():
                if planned:
                    found[name] = Decimal(amount) / actual.requests / Decimal(planned)
        return found


def plan_gap(snapshot: PlanSnapshot, actual: DayFacts, window: Window,
             convert: Converter) -> PlanGap | None:  # fmt: skip
    """The plan's month so far against ``actual`` (the complete days, in the plan's
    currency), or None before the first complete day."""
    if window.through is None or window.through.isoformat()[:7] != window.month:
        return None
    # The plan's requests a working day, times the working days so far (as the plan counts
    # them): a 30-day plan expects the same each day of a 31-day month.
    weights = plan_weights(snapshot.days_per_month)
    worked = sum((weights[d.weekday()] for d in month_dates(window.month) if d <= window.through),
                 ZERO)  # fmt: skip
    share = worked / snapshot.days_per_month
    expected = Expected(snapshot.plan, snapshot.option, snapshot.requests_per_month * share,
                        snapshot.input_tokens_per_request, snapshot.output_tokens_per_request,
                        snapshot.monthly_cost * share, snapshot.usage_cost * share,
                        snapshot.option_label)  # fmt: skip
    pairs = {pair: (int(sums[0]), sums[1]) for pair, sums in actual.models.items()}
    models = month_models(window.month, pairs, expected, convert)
    gap = actual.cost - actual.usage_cost
    return PlanGap(expected, actual, variance(expected, models, gap), share, worked)


def plan_variance_alerts(snapshot: PlanSnapshot, gap: PlanGap, window: Window,
                         settings: GuardSettings, complete_days: int) -> list[Alert]:  # fmt: skip
    """Each measure more than the allowed share (25%) away from the plan, once a week of
    the month is known; above the plan is a warning, below it a note."""
    if complete_days < settings.forecast_min_days or gap.actual.requests <= 0:
        return []
    found = []
    split = {"volume": gap.split.volume_effect, "unit_cost": gap.split.unit_cost_effect,
             "mix": gap.split.mix_effect, "total": gap.split.total}  # fmt: skip
    for measure, ratio in gap.ratios(snapshot).items():
        if abs(ratio - 1) <= settings.plan_variance:
            continue
        planned, actual = _values(measure, snapshot, gap)
        details = {
            "ratio": _text(ratio),
            "plan": snapshot.plan,
            **{k: _text(v) for k, v in split.items()},
        }
        found.append(Alert("plan_variance", "warning" if ratio > 1 else "info", "total",
                           window.month, window.through.isoformat() if window.through else "",
                           actual, planned, snapshot.currency if measure == "cost_per_request" else "",
                           measure, details=details))  # fmt: skip
    return found


def _values(measure: str, snapshot: PlanSnapshot, gap: PlanGap) -> tuple[Decimal, Decimal]:
    """(plan, actual) of a measure, as the message quotes them."""
    actual = gap.actual
    if measure == "requests_per_day":
        return snapshot.requests_per_day, Decimal(actual.requests) / max(gap.days, Decimal(1))
    if measure == "input_tokens_per_request":
        return Decimal(snapshot.input_tokens_per_request), Decimal(
            actual.input_tokens
        ) / actual.requests
    if measure == "output_tokens_per_request":
        return Decimal(snapshot.output_tokens_per_request), Decimal(
            actual.output_tokens
        ) / actual.requests
    return gap.expected.cost_per_request, actual.usage_cost / actual.requests


def explain(snapshot: PlanSnapshot, gap: PlanGap) -> tuple[str, dict[str, str]]:
    """The likely cause of spending above the plan: the largest effect that raised it.

    Codes: ``more_requests`` (volume), ``larger_prompts`` / ``longer_answers`` /
    ``dearer_requests`` (unit cost), ``other_models`` (mix); "" when none raised it.
    """
    split, ratios = gap.split, gap.ratios(snapshot)
    effects = {"more_requests": split.volume_effect, "unit": split.unit_cost_effect,
               "other_models": split.mix_effect}  # fmt: skip
    cause, effect = max(effects.items(), key=lambda item: item[1])
    if effect <= 0:
        return "", {}
    details = {k: _text(v) for k, v in ratios.items()}
    if cause != "unit":
        return cause, details
    tokens_in = ratios.get("input_tokens_per_request", ZERO)
    tokens_out = ratios.get("output_tokens_per_request", ZERO)
    if max(tokens_in, tokens_out) < _CHANGED:
        return "dearer_requests", details
    return ("larger_prompts" if tokens_in >= tokens_out else "longer_answers"), details


def _text(value: Decimal) -> str:
    return format(value.quantize(Decimal("1e-6")).normalize(), "f")
