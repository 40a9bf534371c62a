"""Self-hosted candidates: replicas for the busiest hour, a spare when always on, rented by the
hour or bought and spread over its life, and local machines that stop keeping up."""

from __future__ import annotations

import dataclasses
import math
from datetime import date

import pytest

from planner.engine.capacity import Quant, ServingProfile, gpu_device
from planner.engine.inputs import Inputs
from planner.engine.selfhost import (
    SelfHostedCandidate,
    Sizing,
    cpu_candidate,
    gpu_candidate,
    gpu_label,
    gpu_sizing,
    replicas_for,
    size_replica,
    volume_reasons,
)
from planner.engine.volume import BASE, Scenario
from planner.model.plan import Plan
from planner.rates import load_rates

RATES = load_rates()
EUR_PER_USD = 1 / RATES.currency("USD").per_eur
PL_KWH_EUR = 0.21  # electricity.toml: Poland, business tariff, EUR per kWh
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


def test_owned_gpus_are_spread_over_their_life_with_host_servers_and_power() -> None:
    candidate = l4(inputs_with())
    lines = candidate.owned_lines(10, 0.5, BASE)
    # 10 cards need two 8-card host servers (8,000 USD and 400 W each), over 36 months.
    hardware_usd = 10 * 2500 + 2 * 8000
    assert lines["hardware_amortisation"] == pytest.approx(hardware_usd / 36 * EUR_PER_USD)
    idle_w = 72 * RATES.assumption("gpu_idle_power_share")
    watts = 10 * (idle_w + (72 - idle_w) * 0.5) + 2 * 400
    # 8 hours × 22 days switched on, at a PUE of 1.56.
    assert lines["power"] == pytest.approx(watts / 1000 * 176 * 1.56 * PL_KWH_EUR)
    cheaper = candidate.owned_lines(10, 0.5, Scenario(gpu_price_factor=0.5))
    assert cheaper["hardware_amortisation"] == pytest.approx(lines["hardware_amortisation"] / 2)
    assert cheaper["power"] == pytest.approx(lines["power"])


def test_a_local_machine_has_no_host_server_and_no_data_centre_overhead() -> None:
    machine = RATES.local_machine("mac-studio-m3-ultra")  # 3,999 USD, 295 W busy, 10 W idle
    candidate = cpu_candidate(inputs_with(), RATES.open_model("llama-3.1-8b"), machine)
    assert candidate is not None
    lines = candidate.owned_lines(2, 0.25, BASE)
    assert lines["hardware_amortisation"] == pytest.approx(2 * 3999 / 36 * EUR_PER_USD)
    watts = 2 * (10 + (295 - 10) * 0.25)
    assert lines["power"] == pytest.approx(watts / 1000 * 176 * PL_KWH_EUR)


@pytest.mark.parametrize(
    ("needs", "hours"),
    [
        ({}, 176.0),  # rented for the working hours: 8 × 22
        ({"availability": "always_on"}, 730.0),  # 24 × 365 / 12
    ],
)
def test_rented_gpus_are_paid_by_the_hour_switched_on(needs: dict[str, str], hours: float) -> None:
    candidate = l4(inputs_with(**needs), "rented")
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
    candidate = l4(inputs_with(latency="batch"), "rented")
    lines = candidate.rental_lines(6, calls_per_day, BASE)  # the 6 units are not all rented
    expected = 2 * 1.0064 * hours_a_day * 22 * EUR_PER_USD  # a replica is 2 cards
    assert lines["compute_rental"] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("quant", "max_devices", "devices"),
    [
        # Llama 3.1 70B (70.55 billion parameters) on 24 GB RTX 4090 cards:
        ("fp16", 4, None),  # 141 GB of weights: more than a 4-card server holds
        ("fp16", 8, 8),  # 8 × 24 GB would hold them
        ("fp8", 4, 4),  # 70.6 GB: 4 cards (3 is not a replica size)
        ("int4", 4, 2),  # 39.7 GB: 2 cards
    ],
)
def test_the_smallest_replica_the_model_fits_on(
    quant: Quant, max_devices: int, devices: int | None
) -> None:
    model = RATES.open_model("llama-3.1-70b")
    gpu = RATES.gpu("rtx-4090")
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
    ("ownership", "provider", "label"),
    [
        ("owned", None, "Llama on your own L4"),
        ("rented", "AWS", "Llama on a rented L4 (AWS)"),
    ],
)
def test_gpu_labels(ownership: str, provider: str | None, label: str) -> None:
    assert gpu_label("Llama", "L4", ownership, provider) == label  # type: ignore[arg-type]
