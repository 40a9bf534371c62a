"""The plan's expected month against the actual one, and the variance split three ways.

With the plan's requests ``Qp`` at its cost per request ``pp``, and actual requests ``qm``
costing ``Am`` on each model ``m`` (``p̂m``: what a request of the plan's size costs on
that model at that month's prices):

* volume effect    = (Σqm − Qp) · pp — more or fewer requests than planned;
* mix effect       = Σ qm·p̂m − Σqm · pp — requests sent to other models than planned;
* unit-cost effect = Σ (Am − qm·p̂m) + gap — requests larger or smaller than planned, cache
  use, price changes, and the bill's unexplained gap over re-priced usage.

They add up to the total, actual minus expected, by construction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from genai_prices import Usage, calc_price

from planner.actuals.money import REPORT_PLACES, Converter, per
from planner.actuals.status import ZERO, Status, month_days
from planner.engine.estimate import estimate
from planner.engine.volume import BASE, month_volume, tokens_per_call
from planner.model.plan import Plan
from planner.rates import RateBook


@dataclass(frozen=True)
class Expected:
    """What the plan expects of one month, in the report currency."""

    plan: str
    option: str
    requests: Decimal  # model calls
    input_tokens_per_request: int
    output_tokens_per_request: int
    monthly_cost: Decimal  # the recommended option, upkeep included
    usage_cost: Decimal  # the part that pays for requests (an API option's tokens)
    option_label: str = ""

    @property
    def cost_per_request(self) -> Decimal:
        return self.usage_cost / self.requests if self.requests else ZERO


@dataclass(frozen=True)
class ModelActual:
    provider: str
    model: str
    requests: int
    cost: Decimal
    plan_sized_cost: Decimal | None  # p̂m: a request of the plan's size on this model


@dataclass(frozen=True)
class Variance:
    total: Decimal
    volume_effect: Decimal
    mix_effect: Decimal
    unit_cost_effect: Decimal
    unexplained_gap: Decimal


def _decimal(value: float) -> Decimal:
    return Decimal(repr(value))


def month_index(plan: Plan, month: str) -> int:
    """Which month of the plan's horizon ``YYYY-MM`` is (clamped to the horizon)."""
    start = plan.start_date or datetime.now(UTC).date()
    first = date.fromisoformat(month_days(month)[0])
    index = (first.year - start.year) * 12 + first.month - start.month
    return min(max(index, 0), plan.horizon_months - 1)


def expected_month(plan: Plan, rates: RateBook, month: str, convert: Converter) -> Expected:
    """The recommended option's month ``month`` of the plan, converted to the report currency."""
    result = estimate(plan, rates, analysis=False)
    option = result.recommended
    if option is None:
        raise ValueError(f"plan {plan.name!r} recommends no option to compare with")
    index = month_index(plan, month)
    hit_rate = plan.levers.semantic_cache_hit_rate or 0.0
    calls = month_volume(plan, index, BASE, hit_rate).calls_per_month
    series = option.monthly_series or (option.monthly_cost,)
    monthly = series[min(index, len(series) - 1)]
    upkeep = option.monthly_cost - option.monthly_lines.get("api_tokens", 0.0)
    usage = monthly - upkeep if option.kind == "api" else monthly
    input_tokens, output_tokens = tokens_per_call(plan)
    return Expected(
        plan=plan.name,
        option=option.id,
        requests=_decimal(calls),
        input_tokens_per_request=input_tokens,
        output_tokens_per_request=output_tokens,
        monthly_cost=convert(_decimal(monthly), result.currency),
        usage_cost=convert(_decimal(usage), result.currency),
        option_label=option.label,
    )


@dataclass(frozen=True)
class Comparison:
    currency: str
    month: str
    expected: Expected
    actual: Status
    models: list[ModelActual]
    variance: Variance
    notes: tuple[str, ...]  # codes: requests_unknown, no_usage


def model_actuals(status: Status, pairs: dict[tuple[str, str], tuple[int, Decimal]],
                  expected: Expected, convert: Converter) -> list[ModelActual]:  # fmt: skip
    """Each model's requests and cost, and what a request of the plan's size costs on it."""
    return month_models(status.month, pairs, expected, convert)


def month_models(month: str, pairs: dict[tuple[str, str], tuple[int, Decimal]],
                 expected: Expected, convert: Converter) -> list[ModelActual]:  # fmt: skip
    """``model_actuals`` for ``month`` (YYYY-MM), priced at the middle of its first day."""
    middle = datetime.fromisoformat(month_days(month)[0] + "T12:00:00+00:00")
    found = []
    for (provider, model), (requests, priced_usd) in sorted(pairs.items()):
        usage = Usage(input_tokens=expected.input_tokens_per_request,
                      output_tokens=expected.output_tokens_per_request)  # fmt: skip
        try:
            price = calc_price(usage, model, provider_id=provider, genai_request_timestamp=middle)
            plan_sized: Decimal | None = convert(price.total_price, "USD")
        except LookupError:
            plan_sized = None
        found.append(ModelActual(provider, model, requests, convert(priced_usd, "USD"), plan_sized))
    return found


def variance(expected: Expected, models: list[ModelActual], gap: Decimal) -> Variance:
    """Actual minus expected, split into volume, mix and unit-cost effects."""
    actual_requests = sum(m.requests for m in models)
    actual = sum((m.cost for m in models), ZERO) + gap
    total = actual - expected.usage_cost
    volume = (actual_requests - expected.requests) * expected.cost_per_request
    plan_sized = sum(
        (m.requests * (m.plan_sized_cost if m.plan_sized_cost is not None else per(m.cost, m.requests) or ZERO)
         for m in models),
        ZERO,
    )  # fmt: skip
    mix = plan_sized - actual_requests * expected.cost_per_request
    # Shown to 12 places: round the parts first so that the shown parts add up exactly.
    total, volume, mix = (x.quantize(REPORT_PLACES) for x in (total, volume, mix))
    return Variance(total, volume, mix, total - volume - mix, gap)


def compare(status: Status, pairs: dict[tuple[str, str], tuple[int, Decimal]],
            expected: Expected, convert: Converter) -> Comparison:  # fmt: skip
    """The comparison of one month; ``pairs`` is (provider, model) → (requests, priced USD)."""
    models = model_actuals(status, pairs, expected, convert)
    gap = sum((r.gap for r in status.reconciliation if r.gap is not None), ZERO)
    notes = []
    if any(m.requests == 0 and m.cost for m in models):
        notes.append("requests_unknown")
    if not models:
        notes.append("no_usage")
    return Comparison(status.currency, status.month, expected, status, models,
                      variance(expected, models, gap), tuple(notes))  # fmt: skip
