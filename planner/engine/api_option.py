"""Commercial API candidates: exact token arithmetic per call, month by month."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.engine import eligibility
from planner.engine.costing import (
    Descriptor,
    Lines,
    MonthCost,
    common_one_off,
    staff_and_monitoring,
)
from planner.engine.inputs import Inputs
from planner.engine.volume import Scenario
from planner.model.result import Reason
from planner.rates.api_prices import (
    UnknownApiModel,
    has_time_of_day_prices,
    price_changes_after,
    price_per_call_usd,
)
from planner.rates.schema import ApiModel
from planner.rates.time_of_day import CallHours, call_hours


@dataclass
class ApiCandidate:
    """A commercial API model for one plan: its calls times the price of one call."""

    inputs: Inputs
    model: ApiModel
    descriptor: Descriptor
    share: float = 1.0  # of the plan's volume; a hybrid sends the API only the rest
    _call_prices: dict[int, float] = field(default_factory=dict, repr=False)
    # Worked out when first asked and kept, by the copies made for a hybrid's share too
    # (neither depends on the share); not cached properties, whose first read takes a lock.
    _price_factor: float | None = field(default=None, repr=False, compare=False)
    _steady: bool | None = field(default=None, repr=False, compare=False)
    _upkeep: Lines = field(init=False, repr=False, compare=False)  # the same every month

    def __post_init__(self) -> None:
        hours, tools = "maintenance_hours_api", "monitoring_usd_month"
        self._upkeep = staff_and_monitoring(self.inputs, hours, tools)

    @property
    def price_factor(self) -> float:
        """Batch discount on the batch share, EU-processing surcharge where needed."""
        factor = self._price_factor
        if factor is None:
            factor = self._price_factor = self._factor()
        return factor

    def _factor(self) -> float:
        levers = self.inputs.levers
        factor = 1 - levers.batch_share * self.model.batch_discount_pct / 100
        if eligibility.needs_eu_surcharge(self.inputs, self.model):
            factor *= 1 + self.inputs.value("eu_processing_surcharge_pct") / 100
        return factor

    def call_price_usd(self, month: int) -> float:
        """List price of one call in US dollars in ``month`` (prices change only on scheduled
        dates, so each month's is looked up once)."""
        price = self._call_prices.get(month)
        if price is None:
            price = self._call_prices[month] = self._call_price_usd(month)
        return price

    def _call_price_usd(self, month: int) -> float:
        input_tokens, output_tokens = self.inputs.call_tokens
        return price_per_call_usd(
            self.model,
            input_tokens,
            output_tokens,
            self.inputs.levers.prompt_cache_share,
            self.inputs.month_start(month),
            plan_call_hours(self.inputs),
        )

    def tokens_cost(self, month: int, scenario: Scenario) -> float:
        """The month's token bill in the plan's currency: this candidate's share of the calls
        at the batch-discounted (or EU-surcharged) price, times the scenario's price factor."""
        calls = (
            self.inputs.calls_per_day(scenario)[month] * self.inputs.plan.workload.days_per_month
        )
        usd = calls * self.share * self.call_price_usd(month) * self.price_factor
        return self.inputs.usd(usd) * scenario.api_price_factor

    @property
    def steady(self) -> bool:
        """No price change scheduled within the horizon (and, for prices by the time of
        day, summer time and the calendar leave every month's calls at the same price)."""
        steady = self._steady
        if steady is None:
            steady = self._steady = self._prices_steady()
        return steady

    def _prices_steady(self) -> bool:
        if self.model.input_mtok_usd_override is not None:
            return True
        if has_time_of_day_prices(self.model):
            first = self.call_price_usd(0)
            months = range(1, self.inputs.plan.horizon_months)
            return all(self.call_price_usd(month) == first for month in months)
        last = self.inputs.month_start(self.inputs.plan.horizon_months - 1)
        changes = price_changes_after(self.model.provider, self.model.model, self.inputs.start)
        return not any(change <= last for change in changes)

    def one_off(self, scenario: Scenario) -> Lines:
        """Connecting the service (and fine-tuning, when asked for), paid once."""
        return common_one_off(self.inputs, "setup_hours_api")

    def month(self, month: int, scenario: Scenario, units_before: int) -> MonthCost:
        """The month's recurring costs: tokens, staff and monitoring (no hardware to keep)."""
        lines: Lines = {"api_tokens": self.tokens_cost(month, scenario)}
        lines.update(self._upkeep)
        return MonthCost(lines)

    def upkeep(self) -> Lines:
        """Staff hours and monitoring tools the integration needs each month."""
        return self._upkeep


def plan_call_hours(inputs: Inputs) -> CallHours:
    """When the plan's calls are made, for prices by the time of day; its batch share (the
    default filled in) runs in the cheapest hours when the plan says so."""
    return inputs.memo("call_hours", lambda: call_hours(inputs.plan, inputs.levers.batch_share))


def api_candidate(inputs: Inputs, model: ApiModel) -> ApiCandidate:
    """An API candidate with the reasons, if any, it cannot serve this plan."""
    reasons: list[Reason] = []
    reasons += eligibility.legacy_reasons(inputs, model)
    reasons += eligibility.api_data_reasons(inputs, model)
    reasons += eligibility.quality_reasons(inputs, model.tier)
    descriptor = Descriptor(
        id=f"api:{model.id}",
        kind="api",
        label=model.label,
        provider=model.provider,
        model=model.model,
        ownership="api",
        exclusions=tuple(reasons),
        details={"tier": model.tier, "region": model.region},
    )
    candidate = ApiCandidate(inputs, model, descriptor)
    try:
        candidate.call_price_usd(0)
    except UnknownApiModel as error:
        unknown = Reason(code="price_unknown", params={"detail": str(error)})
        descriptor.exclusions += (unknown,)
        return candidate
    if eligibility.needs_eu_surcharge(inputs, model):
        descriptor.details["eu_surcharge_pct"] = inputs.value("eu_processing_surcharge_pct")
    return candidate


def api_candidates(inputs: Inputs) -> list[ApiCandidate]:
    """Every shortlisted model genai-prices can price (the rate tests check that is all)."""
    candidates = [api_candidate(inputs, model) for model in inputs.rates.api_models]
    return [c for c in candidates if not _unpriced(c)]


def _unpriced(candidate: ApiCandidate) -> bool:
    return any(r.code == "price_unknown" for r in candidate.descriptor.exclusions)
