"""How large a rate may sensibly be: the bounds every value is checked against where it enters.

A bundled table, a ``--rates-dir`` file, the user's own changes and a plan's
``rate_overrides`` all pass these bounds, so the engine never divides by a zero period or
factor and never carries an infinite or absurd figure into a budget. The bounds are wide
(each well beyond any real machine, price or country) and only refuse the impossible.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

# genai-prices and LiteLLM list no model dearer than a few hundred dollars per million
# tokens; a thousand is a broken file (LiteLLM's per-token 0.001 USD).
MAX_USD_PER_MTOK = 1000.0
MAX_FUTURE = timedelta(days=366)  # a figure "as of" more than a year ahead is a typo


def latest_as_of(today: date | None = None) -> date:
    """The last ``as_of`` date a row may carry."""
    return (today or date.today()) + MAX_FUTURE


@dataclass(frozen=True)
class Range:
    """The values an assumption may take, both ends included unless ``above``. A figure the
    engine divides by (a period, an efficiency) starts far enough above zero that nothing
    overflows."""

    low: float
    high: float
    above: bool = False  # ``low`` itself excluded

    def problem(self, value: float) -> str | None:
        """Why ``value`` is out of range, or None."""
        if not math.isfinite(value):
            return "must be a finite number"
        if self.above and value <= self.low:
            return f"must be more than {self.low:g} and at most {self.high:g}"
        if value < self.low or value > self.high:
            return f"must be between {self.low:g} and {self.high:g}"
        return None


_HOURS_A_MONTH = Range(0, 744)
_RATIO = Range(0.01, 1)  # a share of a roofline bound that real engines reach: divided by
_SHARE = Range(0, 1)
_PERCENT = Range(0, 100)
_USD = Range(0, 1e8)

# Every assumption and calibration factor the engine reads; an id not listed here (a
# row someone added) must only be finite.
ASSUMPTION_RANGES: dict[str, Range] = {
    "buffer_pct": Range(0, 300),
    "maintenance_hours_api": _HOURS_A_MONTH,
    "maintenance_hours_gpu_rented": _HOURS_A_MONTH,
    "maintenance_hours_gpu_owned": _HOURS_A_MONTH,
    "maintenance_hours_local": _HOURS_A_MONTH,
    "setup_hours_api": Range(0, 100_000),
    "setup_hours_self_hosted": Range(0, 100_000),
    "setup_hours_local": Range(0, 100_000),
    "maintenance_hours_subscription": _HOURS_A_MONTH,
    "setup_hours_subscription": Range(0, 100_000),
    "assisted_requests_per_person_day": Range(0.01, 1_000_000),
    "external_it_min_hours_month": _HOURS_A_MONTH,
    "monitoring_usd_month": _USD,
    "monitoring_self_hosted_usd_month": _USD,
    "pue": Range(1, 5),
    "amortisation_months": Range(1, 600),
    "gpu_host_server_usd": _USD,
    "gpu_host_power_w": Range(0, 100_000),
    "gpu_host_tower_usd": _USD,
    "gpu_host_tower_power_w": Range(0, 100_000),
    "gpu_host_workstation_usd": _USD,
    "rented_gpu_hours_month": Range(1, 744),
    "cpu_os_reserve_gb": Range(0, 10_000),
    "max_local_machines": Range(1, 1000),
    "peak_hour_factor": Range(1, 24),
    "gpu_memory_utilisation": _RATIO,
    "max_batch_sequences": Range(1, 100_000),
    "interactive_max_seconds": Range(0.1, 3600),
    "interactive_min_tokens_per_s": Range(0, 100_000),
    "eu_processing_surcharge_pct": _PERCENT,
    "savings_prompt_optimisation_pct": _PERCENT,
    "savings_semantic_cache_pct": _PERCENT,
    "savings_routing_pct": _PERCENT,
    "savings_batching_pct": _PERCENT,
    "prompt_cache_read_discount_pct": _PERCENT,
    "default_prompt_cache_share": _SHARE,
    "default_semantic_cache_hit_rate": _SHARE,
    "default_routing_share": _SHARE,
    "fine_tuning_usd": _USD,
    "gpu_bandwidth_efficiency": _RATIO,
    "gpu_prefill_efficiency": _RATIO,
    "gpu_decode_compute_efficiency": _RATIO,
    "gpu_reserve_gb": Range(0, 1000),
    "cpu_bandwidth_efficiency": _RATIO,
    "cpu_prefill_efficiency": _RATIO,
    "cpu_max_batch": Range(1, 10_000),
    "gpu_idle_power_share": _SHARE,
    "gpu_moe_efficiency": _RATIO,
    "cpu_moe_efficiency": _RATIO,
    "fp8_kv_cache": Range(0, 1),
    "parallel_nvlink_2": _RATIO,
    "parallel_nvlink_4": _RATIO,
    "parallel_nvlink_8": _RATIO,
    "parallel_pcie_2": _RATIO,
    "parallel_pcie_4": _RATIO,
    "parallel_pcie_8": _RATIO,
    "geforce_prefill_efficiency": _RATIO,
    "apple_prefill_efficiency": _RATIO,
    "unified_prefill_efficiency": _RATIO,
}
ANY_FINITE = Range(-math.inf, math.inf)
CALIBRATION_IDS = frozenset(
    {
        "gpu_bandwidth_efficiency",
        "gpu_prefill_efficiency",
        "gpu_decode_compute_efficiency",
        "gpu_reserve_gb",
        "cpu_bandwidth_efficiency",
        "cpu_prefill_efficiency",
        "cpu_max_batch",
        "gpu_idle_power_share",
        "gpu_moe_efficiency",
        "cpu_moe_efficiency",
        "fp8_kv_cache",
        "parallel_nvlink_2",
        "parallel_nvlink_4",
        "parallel_nvlink_8",
        "parallel_pcie_2",
        "parallel_pcie_4",
        "parallel_pcie_8",
        "geforce_prefill_efficiency",
        "apple_prefill_efficiency",
        "unified_prefill_efficiency",
    }
)  # the rest of ASSUMPTION_RANGES lives in assumptions.toml
