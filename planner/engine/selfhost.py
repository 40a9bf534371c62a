"""Self-hosted candidates: an open model on rented or owned GPUs, or on a local machine.

A replica is the smallest group of devices that holds the model and at least one
request's key/value cache. Replicas are added until the busiest hour's load fits; an
always-on service keeps one spare replica. Owned hardware is bought as the load needs
it and kept (never sold within the horizon).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from planner.engine import eligibility
from planner.engine.capacity import (
    Device,
    Efficiency,
    Quant,
    ServingProfile,
    gpu_device,
    machine_device,
    serving_profile,
    weights_gb,
)
from planner.engine.costing import (
    Descriptor,
    Lines,
    MonthCost,
    common_one_off,
    staff_and_monitoring,
)
from planner.engine.inputs import Inputs
from planner.engine.volume import BASE, Scenario
from planner.model.result import Reason
from planner.rates.schema import Gpu, GpuCloudPrice, LocalMachine, OpenModel
from planner.words.i18n import _

Ownership = Literal["rented", "owned"]
REPLICA_SIZES = (1, 2, 4, 8)


@dataclass(frozen=True)
class Sizing:
    """A replica's shape and what it can serve."""

    devices_per_replica: int
    profile: ServingProfile

    @cached_property
    def details(self) -> dict[str, str | float | int]:
        """The replica's figures an option shows, rounded for display."""
        profile = self.profile
        return {
            "devices_per_replica": self.devices_per_replica,
            "max_batch": profile.max_batch,
            "seconds_per_request": round(profile.seconds_per_request_alone, 2),
            "first_token_seconds": round(profile.first_token_seconds, 2),
            "tokens_per_s_alone": round(profile.stream_tokens_per_s_alone, 1),
            "requests_per_s_per_replica": round(profile.requests_per_s, 4),
        }


# Sizing is a pure function of the model, the hardware, the request size and the
# efficiency factors; the app re-estimates on every keystroke, so it is memoised.
_SIZINGS: dict[tuple[object, ...], tuple[OpenModel, Gpu | LocalMachine, Sizing | None]] = {}
_SIZING_MEMO_LIMIT = 20_000


def size_replica(
    model: OpenModel,
    quant: Quant,
    make_device: Callable[[int], Device],
    max_devices: int,
    eff: Efficiency,
    input_tokens: int,
    output_tokens: int,
) -> Sizing | None:
    """The smallest replica (1, 2, 4 or 8 devices) on which the model fits."""
    for count in REPLICA_SIZES:
        if count > max_devices:
            break
        device = make_device(count)
        if weights_gb(model, quant) > device.memory_gb * count:
            continue
        profile = serving_profile(model, quant, device, eff, input_tokens, output_tokens)
        if profile.fits:
            return Sizing(count, profile)
    return None


def replicas_for(inputs: Inputs, sizing: Sizing, calls_per_day: float) -> int:
    """Replicas for the busiest hour; batch work is spread over the whole day."""
    peak_calls_per_s = calls_per_day * inputs.peak_share_per_second
    return max(1, math.ceil(peak_calls_per_s / sizing.profile.requests_per_s - 1e-9))


@dataclass
class SelfHostedCandidate:
    """An open model on rented or owned GPUs, or on local machines, sized for the plan."""

    inputs: Inputs
    model: OpenModel
    sizing: Sizing
    descriptor: Descriptor
    ownership: Ownership
    kind: Literal["gpu", "cpu"]
    unit_price_usd: float  # purchase price of one device
    unit_power_w: float
    unit_idle_w: float
    hourly_usd: float | None = None  # rental price per device
    max_units: int | None = None
    share: float = 1.0  # of the plan's volume; a hybrid sends only the routine share here
    _months: dict[tuple[float, int, Scenario], MonthCost] = field(default_factory=dict, repr=False)

    # --- load -----------------------------------------------------------------------
    def calls_per_day(self, month: int, scenario: Scenario) -> float:
        """Model calls a day this candidate answers in ``month`` (its share of the plan's)."""
        return self.inputs.calls_per_day(scenario)[month] * self.share

    @property
    def steady(self) -> bool:
        """A month's cost depends on nothing but its load."""
        return True

    def replicas_needed(self, calls_per_day: float) -> int:
        """Replicas the busiest hour needs at this load (before any always-on spare)."""
        return replicas_for(self.inputs, self.sizing, calls_per_day)

    def keeps_up_at(self, calls_per_day: float) -> bool:
        """Whether few enough local machines can serve this load (GPU servers always scale)."""
        if self.kind != "cpu" or self.max_units is None:
            return True
        return self.units_for(calls_per_day)[0] <= self.max_units

    def total_at(self, calls_per_day: float) -> float:
        """The first month's cost at a given load (for choosing a hybrid's local part)."""
        return self._month_for(calls_per_day, BASE, 0).total

    def units_for(self, calls_per_day: float) -> tuple[int, float]:
        """Devices in service and their average utilisation during service hours."""
        replicas = self.replicas_needed(calls_per_day)
        average_calls_per_s = calls_per_day * self.inputs.average_share_per_second
        utilisation = average_calls_per_s / (replicas * self.sizing.profile.requests_per_s)
        if self.inputs.plan.needs.availability == "always_on":
            replicas += 1
        return replicas * self.sizing.devices_per_replica, min(1.0, utilisation)

    # --- costs ----------------------------------------------------------------------
    def one_off(self, scenario: Scenario) -> Lines:
        """Setting up the server or machine (and fine-tuning, when asked for), paid once."""
        key = "setup_hours_local" if self.kind == "cpu" else "setup_hours_self_hosted"
        return common_one_off(self.inputs, key)

    def month(self, month: int, scenario: Scenario, units_before: int) -> MonthCost:
        """Costs of a month; months with the same load cost the same, so they are memoised."""
        calls = self.calls_per_day(month, scenario)
        key = (calls, units_before, scenario)
        cost = self._months.get(key)
        if cost is None:
            cost = self._months[key] = self._month_for(calls, scenario, units_before)
        return cost

    def _month_for(self, calls: float, scenario: Scenario, units_before: int) -> MonthCost:
        units, utilisation = self.units_for(calls)
        if self.ownership == "rented":
            lines = self.rental_lines(units, calls, scenario)
        else:
            units = max(units, units_before)
            lines = self.owned_lines(units, utilisation, scenario)
        lines.update(self.upkeep())
        return MonthCost(lines, utilisation, units)

    def rental_lines(self, units: int, calls_per_day: float, scenario: Scenario) -> Lines:
        """Rented by the hour: billed while switched on; batch work only for the hours it takes."""
        assert self.hourly_usd is not None
        inputs = self.inputs
        hours = inputs.powered_hours_per_month
        if inputs.plan.needs.latency == "batch" and inputs.plan.needs.availability != "always_on":
            busy_s = calls_per_day / self.sizing.profile.requests_per_s
            hours = max(1.0, busy_s / 3600) * inputs.plan.workload.days_per_month
            units = self.sizing.devices_per_replica
        usd = units * self.hourly_usd * hours * scenario.gpu_price_factor
        return {"compute_rental": inputs.usd(usd)}

    def owned_lines(self, units: int, utilisation: float, scenario: Scenario) -> Lines:
        """Bought hardware: its price spread over the amortisation months (GPUs with their host
        servers), and electricity for the hours it is switched on."""
        inputs = self.inputs
        hardware_usd = units * self.unit_price_usd
        watts = units * (self.unit_idle_w + (self.unit_power_w - self.unit_idle_w) * utilisation)
        host_usd, host_w, server_pue, months = inputs.server_costs
        pue = 1.0
        if self.kind == "gpu":
            servers = math.ceil(units / (self.max_units or 8))
            hardware_usd += servers * host_usd
            watts += servers * host_w
            pue = server_pue
        kwh = watts / 1000 * inputs.powered_hours_per_month * pue
        return {
            "hardware_amortisation": inputs.usd(hardware_usd / months) * scenario.gpu_price_factor,
            "power": kwh * inputs.prices.electricity_per_kwh,
        }

    def upkeep(self) -> Lines:
        """Staff hours and monitoring tools each month, by kind and ownership."""
        if self.kind == "cpu":
            return staff_and_monitoring(
                self.inputs, "maintenance_hours_local", "monitoring_usd_month"
            )
        hours_key = f"maintenance_hours_gpu_{self.ownership}"
        return staff_and_monitoring(self.inputs, hours_key, "monitoring_self_hosted_usd_month")


def _common_reasons(inputs: Inputs, model: OpenModel, profile: ServingProfile) -> list[Reason]:
    reasons = eligibility.quality_reasons(inputs, model.tier)
    reasons += eligibility.speed_reasons(
        inputs, profile.first_token_seconds, profile.stream_tokens_per_s_alone
    )
    return reasons


def gpu_sizing(inputs: Inputs, model: OpenModel, gpu: Gpu, quant: Quant) -> Sizing | None:
    """How the model runs on a server of these GPUs; None when it does not fit one."""
    return _memo_sizing(
        inputs,
        model,
        gpu,
        quant,
        inputs.gpu_efficiency,
        gpu.max_per_server,
        lambda n: gpu_device(gpu, n),
    )


def _memo_sizing(
    inputs: Inputs,
    model: OpenModel,
    hardware: Gpu | LocalMachine,
    quant: Quant,
    eff: Efficiency,
    max_devices: int,
    make_device: Callable[[int], Device],
) -> Sizing | None:
    """``size_replica``, memoised by identity; the value keeps the rows alive so an identity
    is never reused for another row."""
    input_tokens, output_tokens = inputs.call_tokens
    key = (id(model), id(hardware), quant, input_tokens, output_tokens, eff)
    hit = _SIZINGS.get(key)
    if hit is not None and hit[0] is model and hit[1] is hardware:
        return hit[2]
    if len(_SIZINGS) > _SIZING_MEMO_LIMIT:
        _SIZINGS.clear()
    sizing = size_replica(model, quant, make_device, max_devices, eff, input_tokens, output_tokens)
    _SIZINGS[key] = (model, hardware, sizing)
    return sizing


def gpu_label(model: str, gpu: str, ownership: Ownership, provider: str | None) -> str:
    """The option's name in the current language: the model on owned or rented GPUs."""
    if ownership == "owned":
        return _("{model} on your own {gpu}").format(model=model, gpu=gpu)
    return _("{model} on a rented {gpu} ({provider})").format(
        model=model, gpu=gpu, provider=provider
    )


def gpu_candidate(
    inputs: Inputs,
    model: OpenModel,
    gpu: Gpu,
    quant: Quant,
    sizing: Sizing,
    ownership: Ownership,
    cloud: GpuCloudPrice | None,
) -> SelfHostedCandidate:
    """The model on rented or owned GPUs of one type."""
    reasons = _common_reasons(inputs, model, sizing.profile)
    if ownership == "rented":
        reasons += eligibility.rented_data_reasons(inputs, cloud.region if cloud else None)
    descriptor = Descriptor(
        id=f"gpu-{ownership}:{model.id}:{gpu.id}:{quant}",
        kind="gpu",
        label=gpu_label(model.label, gpu.label, ownership, cloud.provider if cloud else None),
        model=model.id,
        hardware=gpu.id,
        ownership=ownership,
        quant=quant,
        exclusions=reasons,
        details={"tier": model.tier, **sizing.details},
    )
    if cloud:
        descriptor.details["cloud_provider"] = cloud.provider
        descriptor.details["cloud_region"] = cloud.region
    return SelfHostedCandidate(
        inputs,
        model,
        sizing,
        descriptor,
        ownership,
        "gpu",
        unit_price_usd=gpu.purchase_usd,
        unit_power_w=gpu.board_power_w,
        unit_idle_w=gpu.board_power_w * inputs.value("gpu_idle_power_share"),
        hourly_usd=cloud.hourly_usd if cloud else None,
        max_units=gpu.max_per_server,
    )


def cpu_candidate(
    inputs: Inputs, model: OpenModel, machine: LocalMachine, quant: Quant = "int4"
) -> SelfHostedCandidate | None:
    """A quantised model on local machines; None when it does not fit in memory."""
    sizing = _memo_sizing(
        inputs,
        model,
        machine,
        quant,
        inputs.cpu_efficiency,
        1,
        lambda n: machine_device(machine, n),
    )
    if sizing is None:
        return None
    reasons = _common_reasons(inputs, model, sizing.profile)
    descriptor = Descriptor(
        id=f"cpu:{model.id}:{machine.id}:{quant}",
        kind="cpu",
        label=_("{model} on {machine}").format(model=model.label, machine=machine.label),
        model=model.id,
        hardware=machine.id,
        ownership="owned",
        quant=quant,
        exclusions=reasons,
        details={"tier": model.tier, **sizing.details},
    )
    candidate = SelfHostedCandidate(
        inputs,
        model,
        sizing,
        descriptor,
        "owned",
        "cpu",
        unit_price_usd=machine.purchase_usd,
        unit_power_w=machine.power_w,
        unit_idle_w=machine.idle_power_w,
        max_units=int(inputs.value("max_local_machines")),
    )
    return candidate


def volume_reasons(candidate: SelfHostedCandidate, scenario: Scenario) -> list[Reason]:
    """A local box is only an option while a few machines can keep up with the volume."""
    calls = candidate.calls_per_day(0, scenario)
    if candidate.keeps_up_at(calls):
        return []
    units, _ = candidate.units_for(calls)
    return [
        Reason(
            code="volume_too_high_for_local",
            params={"machines": units, "limit": candidate.max_units or 0},
        )
    ]
