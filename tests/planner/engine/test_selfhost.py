"""Self-hosted candidates: replicas for the busiest hour, a spare when always on, rented by the
hour or bought and spread over its life, and local machines that stop keeping up."""

from __future__ import annotations

import dataclasses
import itertools
import math
from datetime import date

import pytest

from planner.engine.capacity import Quant, ServingProfile, gpu_device
from planner.engine.inputs import Inputs
from planner.engine.selfhost import (
    SelfHostedCandidate,
    cpu_candidate,
    gpu_candidate,
    gpu_label,
    volume_reasons,
)
from planner.engine.sizing import Sizing, gpu_sizing, replicas_for, size_replica
from planner.engine.volume import BASE, Scenario
from planner.model.plan import Plan
from planner.rates import load_rates

RATES = load_rates()
EUR_PER_USD = 1 / RATES.currency("USD").per_eur
PL_KWH_EUR = 0.2599  # electricity.toml: Poland, Eurostat band IB, EUR per kWh
# A replica of two devices that answers one request a second at full batch.
SIZING = Sizing(2, ServingProfile(True, 8, 1.0, 2.0, 0.5, 20.0, 50.0))
PEAK = 1.7 / (8 * 3600)  # peak_hour_factor over 8 service hours: a day's share in one second


def inputs_with(**needs: object) -> Inputs:
    data = Plan(start_date=date(2026, 12, 1)).model_dump()
    data["needs"].update(needs)
    return Inputs(Plan.model_validate(data), RATES)


def l4(inputs: Inputs, ownership: str = "owned") -> SelfHostedCandidate:
    """Llama 3.1 8B on L4 cards (2,500 USD, 72 W each), resized to ``SIZING``."""
    gpu = RATES.gpu("l4")
    model = RATES.open_model("llama-3.1-8b")
    sizing = gpu_sizing(inputs, model, gpu, "fp16")
    assert sizing is not None
    offer = next(row for row in RATES.gpu_cloud_prices if row.gpu == "l4" and row.region == "eu")
    candidate = gpu_candidate(inputs, model, gpu, "fp16", sizing, ownership, offer)  # type: ignore[arg-type]
    return dataclasses.replace(candidate, sizing=SIZING)


@pytest.mark.parametrize(
    ("calls_per_day", "replicas"),
    [
        (0.0, 1),  # one replica at least
        (1.0 / PEAK, 1),  # a busiest second of one call: one replica of capacity 1/s
        (2.0 / PEAK, 2),  # exactly two replicas' worth needs no third
        (2.5 / PEAK, 3),  # part of a replica is a whole replica
    ],
)
def test_replicas_cover_the_busiest_second(calls_per_day: float, replicas: int) -> None:
    assert replicas_for(inputs_with(), SIZING, calls_per_day) == replicas


def test_whole_replicas_of_load_need_no_extra_replica_for_a_rounding_error() -> None:
    # Three replicas of 0.1 requests a second: in floating point the load comes to
    # 3.0000000000000004 replicas, which must still be three.
    slow = Sizing(1, dataclasses.replace(SIZING.profile, requests_per_s=0.1))
    assert replicas_for(inputs_with(), slow, 3 * 0.1 / PEAK) == 3


def test_batch_work_spreads_over_the_day_and_needs_fewer_replicas() -> None:
    calls = 2.5 / PEAK
    # Spread evenly over 24 hours: 2.5 × (8 / 24) / 1.7 ≈ 0.49 calls in a second: one replica.
    assert replicas_for(inputs_with(latency="batch"), SIZING, calls) == 1


@pytest.mark.parametrize(
    ("availability", "units"),
    [
        ("business_hours", 6),  # 3 replicas of 2 devices
        ("always_on", 8),  # and a spare replica
    ],
)
def test_units_in_service_and_their_utilisation(availability: str, units: int) -> None:
    candidate = l4(inputs_with(availability=availability))
    calls = 2.5 / PEAK
    # Average second: calls / 28,800 s = 1.47 calls against 3 replicas × 1 call/s.
    utilisation = calls / (8 * 3600) / 3
    in_service, busy = candidate.units_for(calls)
    assert in_service == units
    assert busy == pytest.approx(utilisation)


def test_hardware_sized_for_the_busiest_hour_is_less_busy_on_average() -> None:
    # Replicas cover the peak, 1.7 times the average: at most 1 / 1.7 = 59% busy on average,
    # while batch work, spread evenly, can keep them fully busy.
    busy = 1e9
    assert l4(inputs_with()).units_for(busy)[1] == pytest.approx(1 / 1.7, rel=1e-4)
    assert l4(inputs_with(latency="batch")).units_for(busy)[1] == pytest.approx(1.0, rel=1e-4)


def test_owned_gpus_are_bought_with_their_host_servers_and_draw_power() -> None:
    candidate = l4(inputs_with())
    # 10 cards need two 8-card host servers (8,000 USD and 400 W each), paid when bought.
    assert candidate.purchase(10, 0, BASE) == pytest.approx((10 * 2500 + 2 * 8000) * EUR_PER_USD)
    # From 8 cards to 10: two more cards and a second server; nothing bought is sold.
    assert candidate.purchase(10, 8, BASE) == pytest.approx((2 * 2500 + 8000) * EUR_PER_USD)
    assert candidate.purchase(8, 10, BASE) == 0.0
    lines = candidate.owned_lines(10, 10 * 0.5, BASE)
    assert set(lines) == {"power"}  # cash: the hardware is a purchase, not a monthly line
    idle_w = 72 * RATES.assumption("gpu_idle_power_share")
    watts = 10 * (idle_w + (72 - idle_w) * 0.5) + 2 * 400
    # 8 hours × 22 days switched on, at a PUE of 1.56.
    assert lines["power"] == pytest.approx(watts / 1000 * 176 * 1.56 * PL_KWH_EUR)
    cheaper = Scenario(gpu_price_factor=0.5)
    assert candidate.purchase(10, 0, cheaper) == pytest.approx(candidate.purchase(10, 0, BASE) / 2)
    assert candidate.owned_lines(10, 10 * 0.5, cheaper)["power"] == pytest.approx(lines["power"])


def test_a_local_machine_has_no_host_server_and_no_data_centre_overhead() -> None:
    machine = RATES.local_machine("mac-studio-m3-ultra")  # 3,999 USD, 295 W busy, 10 W idle
    candidate = cpu_candidate(inputs_with(), RATES.open_model("llama-3.1-8b"), machine)
    assert candidate is not None
    lines = candidate.owned_lines(2, 2 * 0.25, BASE)
    assert candidate.purchase(2, 0, BASE) == pytest.approx(2 * 3999 * EUR_PER_USD)
    watts = 2 * (10 + (295 - 10) * 0.25)
    assert lines["power"] == pytest.approx(watts / 1000 * 176 * PL_KWH_EUR)


def power_line(candidate: SelfHostedCandidate, calls: float, units_before: int = 0) -> float:
    """The first month's power at ``calls`` a day (the candidate given that share of the
    plan's calls)."""
    share = calls / candidate.inputs.calls_per_day(BASE)[0]
    month = dataclasses.replace(candidate, share=share, _months={}).month(0, BASE, units_before)
    return month.lines["power"]


def power_w(candidate: SelfHostedCandidate, calls: float, units_before: int = 0) -> float:
    """``power_line`` turned back into the watts drawn (for the hours on, at a PUE of 1.56)."""
    kwh = power_line(candidate, calls, units_before) / PL_KWH_EUR
    return kwh / candidate.inputs.powered_hours_per_month / 1.56 * 1000


@pytest.mark.parametrize(
    ("availability", "units_before", "idle_units"),
    [
        ("business_hours", 0, 0),  # 3 replicas of 2 L4s, all serving
        ("always_on", 0, 2),  # and a spare replica that only idles
        ("business_hours", 10, 4),  # four cards bought for a busier month, kept and idle
    ],
)
def test_only_the_serving_devices_draw_power_for_the_work(
    availability: str, units_before: int, idle_units: int
) -> None:
    candidate = l4(inputs_with(availability=availability))
    calls = 2.5 / PEAK  # 3 replicas of 2 devices
    busy = calls / (8 * 3600) / 3  # each serving replica's share of an average second
    idle_w = 72 * RATES.assumption("gpu_idle_power_share")
    serving = 6 * (idle_w + (72 - idle_w) * busy)
    hosts_w = (1 if 6 + idle_units <= 8 else 2) * 400
    expected = serving + idle_units * idle_w + hosts_w
    assert power_w(candidate, calls, units_before) == pytest.approx(expected)


def test_a_month_draws_no_less_power_when_a_replica_is_added() -> None:
    # Hypothesis found an always-on local machine whose power fell when a second serving
    # machine came (two at 59% outdrew three at 31%): the spare was counted as busy. A Mac
    # Studio idles at 10 W of its 295 W, so counting the spare as busy shows at once.
    machine = RATES.local_machine("mac-studio-m3-ultra")
    inputs = inputs_with(availability="always_on")
    candidate = cpu_candidate(inputs, RATES.open_model("llama-3.1-8b"), machine)
    assert candidate is not None
    per_replica = candidate.sizing.profile.requests_per_s / inputs.peak_share_per_second
    loads = [n / 10 * per_replica for n in range(1, 40)]  # up to four machines' worth
    watts = [power_line(candidate, calls) for calls in loads]
    assert all(later >= earlier for earlier, later in itertools.pairwise(watts))


def switched_off_outside_hours(inputs: Inputs) -> Inputs:
    """The same plan with rented GPUs switched off outside the work's hours."""
    levers = inputs.plan.levers.model_copy(update={"switch_off_outside_hours": True})
    return Inputs(inputs.plan.model_copy(update={"levers": levers}), RATES)


@pytest.mark.parametrize(
    ("needs", "switch_off", "hours"),
    [
        ({}, False, 730.0),  # every hour of the month (24 × 365 / 12), as the seeds price it
        ({}, True, 176.0),  # switched off outside the working hours: 8 × 22
        ({"availability": "always_on"}, True, 730.0),  # a round-the-clock service cannot stop
    ],
)
def test_rented_gpus_are_paid_by_the_hour_switched_on(
    needs: dict[str, str], switch_off: bool, hours: float
) -> None:
    inputs = inputs_with(**needs)
    candidate = l4(switched_off_outside_hours(inputs) if switch_off else inputs, "rented")
    hourly = candidate.hourly_usd
    assert hourly == 1.0064  # gpu_cloud_prices.toml: AWS g6.xlarge, Frankfurt
    lines = candidate.rental_lines(6, 1000.0, BASE)
    assert lines == {"compute_rental": pytest.approx(6 * hourly * hours * EUR_PER_USD)}


@pytest.mark.parametrize(
    ("calls_per_day", "hours_a_day"),
    [
        (36_000.0, 10.0),  # 36,000 calls at 1 a second keep one replica busy 10 hours
        (360.0, 1.0),  # a job of 6 minutes is billed an hour
    ],
)
def test_batch_work_rents_one_replica_for_the_hours_the_work_takes(
    calls_per_day: float, hours_a_day: float
) -> None:
    # Only when the plan switches rented GPUs off: by default every unit is billed all month.
    kept = l4(inputs_with(latency="batch"), "rented").rental_lines(6, calls_per_day, BASE)
    assert kept["compute_rental"] == pytest.approx(6 * 1.0064 * 730 * EUR_PER_USD)
    candidate = l4(switched_off_outside_hours(inputs_with(latency="batch")), "rented")
    lines = candidate.rental_lines(6, calls_per_day, BASE)  # the 6 units are not all rented
    expected = 2 * 1.0064 * hours_a_day * 22 * EUR_PER_USD  # a replica is 2 cards
    assert lines["compute_rental"] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("gpu_id", "quant", "max_devices", "devices"),
    [
        # Llama 3.1 70B (70.55 billion parameters) on 24 GB RTX 4090 cards:
        ("rtx-4090", "fp16", 4, None),  # 141 GB of weights: more than a 4-card server holds
        ("rtx-4090", "fp16", 8, 8),  # 8 × 24 GB would hold them
        ("rtx-4090", "fp8", 4, 4),  # 70.6 GB: 4 cards
        ("rtx-4090", "int4", 4, 2),  # 39.7 GB: 2 cards
        # On 32 GB RTX 5090s FP8 would fit 3 cards, but a replica is 1, 2, 4 or 8 of them.
        ("rtx-5090", "fp8", 4, 4),
    ],
)
def test_the_smallest_replica_the_model_fits_on(
    gpu_id: str, quant: Quant, max_devices: int, devices: int | None
) -> None:
    model = RATES.open_model("llama-3.1-70b")
    gpu = RATES.gpu(gpu_id)
    eff = inputs_with().gpu_efficiency
    sizing = size_replica(model, quant, lambda n: gpu_device(gpu, n), max_devices, eff, 1000, 500)
    assert (sizing.devices_per_replica if sizing else None) == devices


def test_too_much_work_for_the_allowed_local_machines() -> None:
    inputs = inputs_with()
    machine = RATES.local_machine("office-mini-pc")
    candidate = cpu_candidate(inputs, RATES.open_model("llama-3.1-8b"), machine)
    assert candidate is not None
    assert candidate.max_units == 4  # assumptions.toml: max_local_machines
    capacity = candidate.sizing.profile.requests_per_s
    fits = 4 * capacity / PEAK  # four machines' worth of the busiest second
    assert candidate.keeps_up_at(fits * 0.99)
    assert not candidate.keeps_up_at(fits * 1.01)
    heavy = Scenario(requests_per_day=fits * 1.6 / 1.3)  # the plan's 30% buffer on top
    machines = math.ceil(fits * 1.6 * PEAK / capacity - 1e-9)
    assert volume_reasons(candidate, heavy)[0].params == {"machines": machines, "limit": 4}
    assert volume_reasons(candidate, BASE) == []


@pytest.mark.parametrize(
    ("ownership", "provider", "count", "label"),
    [
        ("owned", None, 1, "Llama on your own 1 × L4"),
        ("owned", None, 4, "Llama on your own 4 × L4"),
        ("rented", "AWS", 2, "Llama on 2 × rented L4 (AWS)"),
    ],
)
def test_gpu_labels_say_how_many(
    ownership: str, provider: str | None, count: int, label: str
) -> None:
    assert gpu_label("Llama", "L4", ownership, provider, count) == label  # type: ignore[arg-type]
