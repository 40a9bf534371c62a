"""Self-hosted candidates: an open model on rented or owned GPUs, or on a local machine,
and what it costs month by month.

Replicas are sized in ``sizing``. Owned hardware is bought as the load needs it and kept
(never sold within the horizon): its price is paid in the month it is bought. Rented GPUs
are billed every hour of the month unless the plan switches them off outside the hours the
work needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from planner.engine import eligibility
from planner.engine.capacity import Quant, ServingProfile
from planner.engine.costing import (
    Descriptor,
    Lines,
    MonthCost,
    common_one_off,
    staff_and_monitoring,
)
from planner.engine.inputs import Inputs
from planner.engine.sizing import Sizing, machine_sizing, replicas_for
from planner.engine.volume import BASE, Scenario
from planner.model.result import ParamValue, Reason
from planner.rates.schema import Gpu, GpuCloudPrice, LocalMachine, OpenModel
from planner.words.i18n import _
from planner.words.names import rented_from

Ownership = Literal["rented", "owned"]


@dataclass(slots=True)  # hundreds per estimate, alive until it returns
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
    hardware_label: str = ""  # the GPU's or machine's name, for the option's label
    provider_label: str | None = None  # who rents it out
    _months: dict[object, MonthCost] = field(default_factory=dict, repr=False)
    # What every month and the start cost whatever the load, by kind and ownership: set once
    # (a cached property's first read takes a lock, and hundreds are built per estimate).
    _upkeep: Lines = field(init=False, repr=False, compare=False)
    _one_off: Lines = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        inputs, kind, ownership = self.inputs, self.kind, self.ownership
        key = ("self-hosted fixed costs", kind, ownership)
        self._one_off, self._upkeep = inputs.memo(key, lambda: _fixed(inputs, kind, ownership))

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

    def horizon_floor(self, scenario: Scenario, share: float | None = None) -> float:
        """The least this candidate can cost over the horizon answering ``share`` of the
        plan's calls (its own share when None): every month at the load of the quietest one,
        and the hardware that month needs bought once.

        A month's cost never falls as its load or the hardware already owned grows, so no
        month of the horizon costs less; with a steady load this is the horizon's cost.
        """
        inputs = self.inputs
        quietest = inputs.quietest_calls(scenario) * (self.share if share is None else share)
        cost = self._month_for(quietest, scenario, 0)  # not kept: asked once, of hundreds
        one_off = sum(self.one_off(scenario).values())
        return one_off + cost.purchase + cost.total * inputs.plan.horizon_months

    def units_for(self, calls_per_day: float) -> tuple[int, float]:
        """Devices in service and their average utilisation during service hours."""
        _serving, units, utilisation = self._load(calls_per_day)
        return units, utilisation

    def _load(self, calls_per_day: float) -> tuple[int, int, float]:
        """Devices serving the busiest hour, devices in service (an always-on spare too), and
        the serving devices' average utilisation during service hours."""
        inputs = self.inputs
        sizing = self.sizing
        replicas = replicas_for(inputs, sizing, calls_per_day)
        average_calls_per_s = calls_per_day * inputs.average_share_per_second
        utilisation = average_calls_per_s / (replicas * sizing.profile.requests_per_s)
        in_service = replicas + 1 if inputs.always_on else replicas
        per_replica = sizing.devices_per_replica
        busy = utilisation if utilisation < 1.0 else 1.0  # min(1.0, utilisation), without a call
        return replicas * per_replica, in_service * per_replica, busy

    # --- costs ----------------------------------------------------------------------
    def one_off(self, scenario: Scenario) -> Lines:
        """Setting up the server or machine (and fine-tuning, when asked for), paid once."""
        return self._one_off

    def month(self, month: int, scenario: Scenario, units_before: int) -> MonthCost:
        """Costs of a month; months with the same load cost the same, so they are memoised."""
        calls = self.inputs.calls_per_day(scenario)[month] * self.share  # ``calls_per_day``
        return self.month_at(calls, scenario, units_before)

    def month_at(self, calls: float, scenario: Scenario, units_before: int) -> MonthCost:
        """Costs of a month with ``calls`` calls a day, memoised by load (shared with the
        copies of this candidate made for other shares, as the load decides the cost)."""
        # The plan's own scenario needs no hashing, and its first months own nothing: their
        # load alone is the key (a number never equals a tuple, a shorter tuple a longer one).
        if scenario is BASE:
            key: object = (calls, units_before) if units_before else calls
        else:
            key = (calls, units_before, scenario)
        cost = self._months.get(key)
        if cost is None:
            cost = self._months[key] = self._month_for(calls, scenario, units_before)
        return cost

    def _month_for(self, calls: float, scenario: Scenario, units_before: int) -> MonthCost:
        serving, units, utilisation = self._load(calls)
        if self.ownership == "rented":
            lines = self.rental_lines(units, calls, scenario)
            purchase = 0.0
        else:
            units = max(units, units_before)
            hardware_usd, hosts_w = self.hardware_usd(units)
            lines = self._power_lines(units, serving * utilisation, hosts_w)
            purchase = self._bought(hardware_usd, units, units_before, scenario)
        lines.update(self._upkeep)
        return MonthCost(lines, utilisation, units, purchase)

    def rented_hours(self, calls_per_day: float) -> tuple[float, int | None]:
        """Hours a month each rented GPU is billed, and the GPUs billed when fewer than are
        in service: every hour by default (``rented_gpu_hours_month``); switched off outside
        the work's hours when the plan says so, batch work then only for the hours it takes
        on one copy of the model."""
        inputs = self.inputs
        if inputs.rented_all_month:
            return inputs.rented_gpu_hours_month, None
        work = inputs.plan.workload
        if inputs.plan.needs.latency == "batch":
            busy_s = calls_per_day / self.sizing.profile.requests_per_s
            return max(1.0, busy_s / 3600) * work.days_per_month, self.sizing.devices_per_replica
        return work.business_hours_per_day * work.days_per_month, None

    def rental_lines(self, units: int, calls_per_day: float, scenario: Scenario) -> Lines:
        """Rented by the hour, for the hours it is billed (see ``rented_hours``)."""
        assert self.hourly_usd is not None
        hours, billed = self.rented_hours(calls_per_day)
        usd = (billed or units) * self.hourly_usd * hours * scenario.gpu_price_factor
        return {"compute_rental": self.inputs.usd(usd)}

    def hardware_usd(self, units: int) -> tuple[float, float]:
        """What ``units`` devices cost to buy and draw besides themselves (W): GPUs with the
        machines that hold them, local machines alone."""
        price = units * self.unit_price_usd
        if self.kind != "gpu":
            return price, 0.0
        hosts_usd, hosts_w, _count = self.inputs.host_prices.hosts(units, self.max_units or 8)
        return price + hosts_usd, hosts_w

    def purchase(self, units: int, units_before: int, scenario: Scenario) -> float:
        """Cash paid for the devices (and machines) bought to go from ``units_before`` to
        ``units`` in service, in the plan's currency."""
        return self._bought(self.hardware_usd(units)[0], units, units_before, scenario)

    def _bought(self, usd_now: float, units: int, units_before: int, scenario: Scenario) -> float:
        """``purchase``, given what the ``units`` devices cost (``usd_now``)."""
        if units <= units_before:
            return 0.0
        # Nothing owned cost nothing (``hardware_usd(0)`` is exactly 0.0): not looked up.
        usd = usd_now - self.hardware_usd(units_before)[0] if units_before else usd_now
        return self.inputs.usd(max(0.0, usd)) * scenario.gpu_price_factor

    def owned_lines(self, units: int, busy_devices: float, scenario: Scenario) -> Lines:
        """Bought hardware's electricity for the hours it is switched on: every device's idle
        draw, the full draw on top for the work done (``busy_devices``: the serving devices
        times how busy they are), GPU hosts on top, in a server room's PUE.

        The always-on spare and hardware kept from busier months add idle draw only: the
        work, and the power it takes, does not grow with devices that do not serve it.
        Counting them as busy as the serving ones made a month's power fall when a replica
        was added (two machines at 59% outdrew three at 31%).
        """
        return self._power_lines(units, busy_devices, self.hardware_usd(units)[1])

    def _power_lines(self, units: int, busy_devices: float, hosts_w: float) -> Lines:
        """``owned_lines``, given what the machines holding the GPUs draw (``hosts_w``)."""
        inputs = self.inputs
        watts = units * self.unit_idle_w + busy_devices * (self.unit_power_w - self.unit_idle_w)
        watts += hosts_w
        pue = inputs.pue if self.kind == "gpu" else 1.0
        kwh = watts / 1000 * inputs.powered_hours_per_month * pue
        return {"power": kwh * inputs.prices.electricity_per_kwh}

    def label_for(self, units: int) -> str:
        """The option's name with how many devices it needs (``4 × RTX 3090``)."""
        model = self.model.label
        if self.kind == "cpu":
            return _("{model} on {count} × {machine}").format(
                model=model, count=units, machine=self.hardware_label
            )
        return gpu_label(model, self.hardware_label, self.ownership, self.provider_label, units)

    def upkeep(self) -> Lines:
        """Staff hours and monitoring tools each month, by kind and ownership."""
        return self._upkeep


def _fixed(inputs: Inputs, kind: str, ownership: Ownership) -> tuple[Lines, Lines]:
    """What a self-hosted kind and ownership costs at the start, and every month whatever its
    load: setting up, and staff and monitoring."""
    if kind == "cpu":
        upkeep = staff_and_monitoring(inputs, "maintenance_hours_local", "monitoring_usd_month")
        return common_one_off(inputs, "setup_hours_local"), upkeep
    hours_key = f"maintenance_hours_gpu_{ownership}"
    upkeep = staff_and_monitoring(inputs, hours_key, "monitoring_self_hosted_usd_month")
    return common_one_off(inputs, "setup_hours_self_hosted"), upkeep


def common_reasons(inputs: Inputs, model: OpenModel, profile: ServingProfile) -> list[Reason]:
    """Why the model cannot serve the plan on any device with this serving profile: its
    quality, its context, its speed."""
    speed = eligibility.speed_reasons(
        inputs, profile.first_token_seconds, profile.stream_tokens_per_s_alone
    )
    # The model's own reasons, the same on every device, are found once per estimate and
    # shared (reasons are never changed once made), keyed by all they depend on.
    tier, context = model.tier, model.context_length
    key = ("model reasons", tier, context)
    return [*inputs.memo(key, lambda: _model_reasons(inputs, tier, context)), *speed]


def _model_reasons(inputs: Inputs, tier: str, context_length: int) -> list[Reason]:
    reasons = eligibility.quality_reasons(inputs, tier)
    return reasons + eligibility.context_reasons(inputs, context_length)


def gpu_label(
    model: str, gpu: str, ownership: Ownership, provider: str | None, count: int = 1
) -> str:
    """The option's name in the current language: the model on owned or rented GPUs, and how
    many (``gpt-oss-120b on your own 4 × RTX 3090``)."""
    if ownership == "owned":
        return _("{model} on your own {count} × {gpu}").format(model=model, count=count, gpu=gpu)
    return _("{model} on {count} × rented {gpu} ({provider})").format(
        model=model, count=count, gpu=gpu, provider=provider
    )


def _named(candidate: SelfHostedCandidate) -> SelfHostedCandidate:
    """The candidate, its label naming the devices the first month needs (that month's cost,
    memoised, is the first the costing asks for)."""
    first = candidate.month_at(candidate.calls_per_day(0, BASE), BASE, 0)
    candidate.descriptor.label = candidate.label_for(first.units)
    return candidate


def _rented_from(inputs: Inputs, cloud: GpuCloudPrice) -> str:
    """``rented_from`` for the offer, worded once per estimate (every model rents it)."""
    company, region, offer = cloud.company, cloud.region, cloud.provider
    key = ("rented_from", company, region, offer)
    return inputs.memo(key, lambda: rented_from(company, region, offer))


def _rented_data_reasons(inputs: Inputs, region: str | None) -> list[Reason]:
    """``eligibility.rented_data_reasons``, found once per region in an estimate and shared."""
    key = ("rented data reasons", region)
    return inputs.memo(key, lambda: eligibility.rented_data_reasons(inputs, region))


def gpu_candidate(
    inputs: Inputs,
    model: OpenModel,
    gpu: Gpu,
    quant: Quant,
    sizing: Sizing,
    ownership: Ownership,
    cloud: GpuCloudPrice | None,
    common: list[Reason] | None = None,
) -> SelfHostedCandidate:
    """The model on rented or owned GPUs of one type.

    Args:
        common: ``common_reasons`` for the model and sizing, when the caller has them (the
            rented and the owned GPUs of one kind share them); never changed.
    """
    reasons = common_reasons(inputs, model, sizing.profile) if common is None else common
    if ownership == "rented":
        reasons = [*reasons, *_rented_data_reasons(inputs, cloud.region if cloud else None)]
    details: dict[str, ParamValue] = {"tier": model.tier, **sizing.details}
    if cloud:
        details["cloud_provider"] = cloud.provider
        details["cloud_region"] = cloud.region
    # By position in the fields' order (keywords cost more, and every model is tried on every
    # GPU): a Descriptor's id, kind, label, provider, model, hardware, ownership, quant,
    # exclusions and details.
    gpu_id = gpu.id
    descriptor = Descriptor(
        f"gpu-{ownership}:{model.id}:{gpu_id}:{quant}", "gpu", "", None, model.id, gpu_id,
        ownership, quant, tuple(reasons), details,
    )  # fmt: skip
    candidate = SelfHostedCandidate(
        inputs, model, sizing, descriptor, ownership, "gpu",
        gpu.purchase_usd,  # unit_price_usd
        gpu.board_power_w,  # unit_power_w
        gpu.board_power_w * inputs.value("gpu_idle_power_share"),  # unit_idle_w
        cloud.hourly_usd if cloud else None,  # hourly_usd
        gpu.max_per_server,  # max_units
        hardware_label=gpu.label,
        provider_label=_rented_from(inputs, cloud) if cloud and ownership == "rented" else None,
    )  # fmt: skip
    return _named(candidate)


def cpu_candidate(
    inputs: Inputs, model: OpenModel, machine: LocalMachine, quant: Quant = "int4"
) -> SelfHostedCandidate | None:
    """A quantised model on local machines; None when it does not fit in memory."""
    sizing = machine_sizing(inputs, model, machine, quant)
    if sizing is None:
        return None
    reasons = common_reasons(inputs, model, sizing.profile)
    details: dict[str, ParamValue] = {"tier": model.tier, **sizing.details}
    # Fields by position, as in ``gpu_candidate``.
    descriptor = Descriptor(
        f"cpu:{model.id}:{machine.id}:{quant}", "cpu", "", None, model.id, machine.id,
        "owned", quant, tuple(reasons), details,
    )  # fmt: skip
    candidate = SelfHostedCandidate(
        inputs, model, sizing, descriptor, "owned", "cpu",
        machine.purchase_usd,  # unit_price_usd
        machine.power_w,  # unit_power_w
        machine.idle_power_w,  # unit_idle_w
        None,  # hourly_usd
        int(inputs.value("max_local_machines")),  # max_units
        hardware_label=machine.label,
    )  # fmt: skip
    return _named(candidate)


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
