"""Everything one estimate reads, looked up once: plan, rates, local prices, factors."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, TypeVar

from planner.engine.capacity import Device, Efficiency
from planner.engine.hosts import HostPrices
from planner.engine.volume import BASE, Scenario, month_volume, tokens_per_call
from planner.model.plan import Plan
from planner.rates import RateBook
from planner.rates.local_prices import LocalPrices, local_prices
from planner.rates.schema import TIER_ORDER

T = TypeVar("T")

# The prompt-processing factor of each device family other than the data-centre GPU and the
# plain CPU (calibration.toml).
PREFILL_FACTORS = {
    "geforce": "geforce_prefill_efficiency",
    "apple": "apple_prefill_efficiency",
    "unified": "unified_prefill_efficiency",
}


@dataclass(frozen=True)
class Levers:
    """The savings levers in force, with the engine's defaults filled in."""

    prompt_cache_share: float
    semantic_cache_hit_rate: float
    batch_share: float
    routing_share: float


@dataclass(frozen=True)
class Inputs:
    """One plan with its rate book, and what the candidates of one estimate share."""

    plan: Plan
    rates: RateBook
    _calls: dict[Scenario, tuple[float, ...]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _memo: dict[object, Any] = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key: object, compute: Callable[[], T]) -> T:
        """A value shared by many candidates of one estimate, computed once."""
        try:
            value: T = self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
        return value

    def calls_per_day(self, scenario: Scenario) -> tuple[float, ...]:
        """Model calls a day in each month of the horizon, computed once per scenario."""
        if scenario is BASE:  # asked thousands of times an estimate: no hashing
            return self.base_calls
        return self._series(scenario)

    @cached_property
    def base_calls(self) -> tuple[float, ...]:
        """``calls_per_day(BASE)``: the plan's own calls a day, month by month."""
        return self._series(BASE)

    def _series(self, scenario: Scenario) -> tuple[float, ...]:
        series = self._calls.get(scenario)
        if series is None:
            series = self._calls[scenario] = self._calls_in(scenario)
        return series

    def quietest_calls(self, scenario: Scenario) -> float:
        """The fewest calls a day of any month of the horizon."""
        if scenario is BASE:
            return self._quietest_base
        return min(self.calls_per_day(scenario))

    @cached_property
    def _quietest_base(self) -> float:
        return min(self.base_calls)

    def _calls_in(self, scenario: Scenario) -> tuple[float, ...]:
        hit_rate = self.levers.semantic_cache_hit_rate
        return tuple(
            month_volume(self.plan, month, scenario, hit_rate).calls_per_day
            for month in range(self.plan.horizon_months)
        )

    @cached_property
    def call_tokens(self) -> tuple[int, int]:
        """Input and output tokens of one model call."""
        return tokens_per_call(self.plan)

    @cached_property
    def steady_volume(self) -> bool:
        """Every month brings the same work (no growth), so a month's cost repeats."""
        return self.plan.workload.growth_pct_per_month == 0

    @cached_property
    def prices(self) -> LocalPrices:
        """Exchange rates, electricity and staff rates for the plan's country and currency."""
        return local_prices(self.plan, self.rates)

    def value(self, key: str) -> float:
        """An assumption or calibration factor by id."""
        try:
            return self._values[key]
        except KeyError:
            return self.rates.assumption(key)  # raises, naming the missing id

    @cached_property
    def _values(self) -> dict[str, float]:
        return {row.id: row.value for row in (*self.rates.assumptions, *self.rates.calibration)}

    def usd(self, amount: float) -> float:
        """US dollars in the plan's currency."""
        return amount * self.usd_rate

    @cached_property
    def usd_rate(self) -> float:
        """Units of the plan's currency per US dollar."""
        return self.prices.from_usd(1.0)

    @cached_property
    def levers(self) -> Levers:
        """The plan's levers, defaults filled in: batch work goes to a batch API, and routing
        uses the assumption ``default_routing_share``."""
        chosen = self.plan.levers
        batch_default = 1.0 if self.plan.needs.latency == "batch" else 0.0
        return Levers(
            prompt_cache_share=_or(chosen.prompt_cache_share, 0.0),
            semantic_cache_hit_rate=_or(chosen.semantic_cache_hit_rate, 0.0),
            batch_share=_or(chosen.batch_share, batch_default),
            routing_share=_or(chosen.routing_share, self.value("default_routing_share")),
        )

    @cached_property
    def start(self) -> date:
        """First day of the budget's first month."""
        if self.plan.start_date is not None:
            return self.plan.start_date.replace(day=1)
        return date.today().replace(day=1)

    def month_start(self, month: int) -> date:
        """First day of month ``month`` of the budget (0 = the first)."""
        years, month0 = divmod(self.start.month - 1 + month, 12)
        return date(self.start.year + years, month0 + 1, 1)

    @property
    def needed_tier(self) -> int:
        """The quality the plan needs as a rank (basic = 0)."""
        return TIER_ORDER[self.plan.needs.quality]

    @cached_property
    def gpu_efficiency(self) -> Efficiency:
        """Shares of the roofline bounds GPU serving engines reach on a data-centre GPU
        (calibration.toml); ``efficiency`` gives another family's."""
        return Efficiency(
            bandwidth=self.value("gpu_bandwidth_efficiency"),
            prefill=self.value("gpu_prefill_efficiency"),
            decode_compute=self.value("gpu_decode_compute_efficiency"),
            memory_utilisation=self.value("gpu_memory_utilisation"),
            reserve_gb=self.value("gpu_reserve_gb"),
            max_batch=int(self.value("max_batch_sequences")),
            moe=self.value("gpu_moe_efficiency"),
            fp8_kv_cache=self.value("fp8_kv_cache") >= 0.5,
            parallel_nvlink=self._parallel_shares("nvlink"),
            parallel_pcie=self._parallel_shares("pcie"),
        )

    def _parallel_shares(self, interconnect: str) -> tuple[float, float, float]:
        two, four, eight = (self.value(f"parallel_{interconnect}_{n}") for n in (2, 4, 8))
        return two, four, eight

    @cached_property
    def cpu_efficiency(self) -> Efficiency:
        """Shares of the roofline bounds a local machine's CPU reaches; its decoding compute
        uses the prefill factor, and the engine may use all its memory but the OS reserve."""
        return Efficiency(
            bandwidth=self.value("cpu_bandwidth_efficiency"),
            prefill=self.value("cpu_prefill_efficiency"),
            decode_compute=self.value("cpu_prefill_efficiency"),
            memory_utilisation=1.0,
            reserve_gb=self.value("cpu_os_reserve_gb"),
            max_batch=int(self.value("cpu_max_batch")),
            moe=self.value("cpu_moe_efficiency"),
        )

    def efficiency(self, device: Device) -> Efficiency:
        """The shares for a device: its kind's, with the prompt share of its family (a local
        machine decodes at its compute bound with that share too)."""
        return self.family_efficiency(device.kind, device.family)

    def family_efficiency(self, kind: str, family: str) -> Efficiency:
        """``efficiency`` by the device's kind (gpu, cpu) and family, computed once each."""
        key = ("efficiency", kind, family)
        found: Efficiency | None = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._for(kind, family)
        return found

    def efficiency_key(self, kind: str, family: str) -> tuple[object, ...]:
        """``family_efficiency`` as a plain tuple of its figures: a memo key hashed and
        compared without calling the dataclass's Python-level ``__hash__`` and ``__eq__``."""
        key = ("efficiency_key", kind, family)
        found: tuple[object, ...] | None = self._memo.get(key)
        if found is None:
            found = self._memo[key] = dataclasses.astuple(self.family_efficiency(kind, family))
        return found

    def _for(self, kind: str, family: str) -> Efficiency:
        base = self.gpu_efficiency if kind == "gpu" else self.cpu_efficiency
        key = PREFILL_FACTORS.get(family)
        if key is None:
            return base
        prefill = self.value(key)
        if kind == "gpu":
            return dataclasses.replace(base, prefill=prefill)
        return dataclasses.replace(base, prefill=prefill, decode_compute=prefill)

    @cached_property
    def speed_limits(self) -> tuple[float, float]:
        """Longest wait for an answer to start (s), slowest acceptable flow (tokens/s)."""
        return self.value("interactive_max_seconds"), self.value("interactive_min_tokens_per_s")

    @cached_property
    def host_prices(self) -> HostPrices:
        """What the machines GPUs sit in cost and draw, by class (tower, workstation, server)."""
        return HostPrices(
            tower_usd=self.value("gpu_host_tower_usd"),
            tower_w=self.value("gpu_host_tower_power_w"),
            workstation_usd=self.value("gpu_host_workstation_usd"),
            server_usd=self.value("gpu_host_server_usd"),
            server_w=self.value("gpu_host_power_w"),
        )

    @cached_property
    def peak_share_per_second(self) -> float:
        """Share of a day's calls that arrive in one second of the busiest hour."""
        batch = self.plan.needs.latency == "batch"
        peak = 1.0 if batch else self.value("peak_hour_factor")
        return peak / (self.service_hours_per_day * 3600)

    @cached_property
    def average_share_per_second(self) -> float:
        """Share of a day's calls that arrive in an average second of service."""
        return 1.0 / (self.service_hours_per_day * 3600)

    @property
    def service_hours_per_day(self) -> float:
        """Hours a day in which the requests arrive and must be answered."""
        if self.plan.needs.latency == "batch":
            return 24.0
        return self.plan.workload.business_hours_per_day

    @cached_property
    def interactive(self) -> bool:
        """Someone waits for each answer (the plan's latency is ``interactive``)."""
        return self.plan.needs.latency == "interactive"

    @cached_property
    def always_on(self) -> bool:
        """The service answers around the clock (and keeps a spare replica)."""
        return self.plan.needs.availability == "always_on"

    @cached_property
    def amortisation_months(self) -> float:
        """The write-off period of owned hardware (assumption ``amortisation_months``)."""
        return self.value("amortisation_months")

    @cached_property
    def pue(self) -> float:
        """A server room's power usage effectiveness (assumption ``pue``)."""
        return self.value("pue")

    @cached_property
    def rented_gpu_hours_month(self) -> float:
        """Hours a month a rented GPU is billed when never switched off (assumption
        ``rented_gpu_hours_month``)."""
        return self.value("rented_gpu_hours_month")

    @cached_property
    def powered_hours_per_month(self) -> float:
        """Hours a month owned hardware is switched on."""
        if self.always_on:
            return 24 * 365 / 12
        return self.plan.workload.business_hours_per_day * self.plan.workload.days_per_month

    @cached_property
    def rented_all_month(self) -> bool:
        """Rented GPUs are billed every hour (the default), unless the plan switches them off
        outside the hours the work needs (``levers.switch_off_outside_hours``)."""
        lever = self.plan.levers.switch_off_outside_hours
        return self.plan.needs.availability == "always_on" or not lever


def _or(value: float | None, default: float) -> float:
    return default if value is None else value
