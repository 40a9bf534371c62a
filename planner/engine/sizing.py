"""Sizing an open model on hardware: how many devices one replica takes, how many replicas.

A replica is the smallest group of devices that holds the model and at least one request's
key/value cache. Replicas are added until the busiest hour's load fits; an always-on
service keeps one spare replica (counted where the devices are, ``SelfHostedCandidate``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

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
from planner.engine.inputs import Inputs
from planner.rates.schema import Gpu, LocalMachine, OpenModel

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
_SIZING_SETS: dict[tuple[object, ...], tuple[OpenModel, Gpu, tuple[tuple[Quant, Sizing], ...]]] = {}
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
    replicas = math.ceil(peak_calls_per_s / sizing.profile.requests_per_s - 1e-9)
    return replicas if replicas > 1 else 1  # at least one (asked a thousand times an estimate)


def gpu_quants(gpu: Gpu) -> tuple[Quant, ...]:
    """16-bit, 8-bit (FP8 where the GPU has it, else INT8) and 4-bit weights."""
    return ("fp16", "fp8" if gpu.fp8 else "int8", "int4")


def gpu_sizings(inputs: Inputs, model: OpenModel, gpu: Gpu) -> tuple[tuple[Quant, Sizing], ...]:
    """``gpu_sizing`` at each of ``gpu_quants`` the model fits at, in that order: every model
    is tried on every GPU in each estimate, so the three are memoised together."""
    input_tokens, output_tokens = inputs.call_tokens
    factors = inputs.efficiency_key("gpu", gpu.family)
    key = (id(model), id(gpu), input_tokens, output_tokens, factors)
    hit = _SIZING_SETS.get(key)
    if hit is not None and hit[0] is model and hit[1] is gpu:
        return hit[2]
    if len(_SIZING_SETS) > _SIZING_MEMO_LIMIT:
        _SIZING_SETS.clear()
    sizings = [(q, gpu_sizing(inputs, model, gpu, q)) for q in gpu_quants(gpu)]
    fitting = tuple((q, s) for q, s in sizings if s is not None)
    _SIZING_SETS[key] = (model, gpu, fitting)
    return fitting


def gpu_sizing(inputs: Inputs, model: OpenModel, gpu: Gpu, quant: Quant) -> Sizing | None:
    """How the model runs on a server of these GPUs; None when it does not fit one."""
    return _memo_sizing(
        inputs,
        model,
        gpu,
        quant,
        ("gpu", gpu.family),
        gpu.max_per_server,
        lambda n: gpu_device(gpu, n),
    )


def machine_sizing(
    inputs: Inputs, model: OpenModel, machine: LocalMachine, quant: Quant
) -> Sizing | None:
    """How the model runs on one local machine; None when it does not fit in its memory."""
    return _memo_sizing(
        inputs,
        model,
        machine,
        quant,
        ("cpu", machine.family),
        1,
        lambda n: machine_device(machine, n),
    )


def _memo_sizing(
    inputs: Inputs,
    model: OpenModel,
    hardware: Gpu | LocalMachine,
    quant: Quant,
    device_family: tuple[str, str],
    max_devices: int,
    make_device: Callable[[int], Device],
) -> Sizing | None:
    """``size_replica``, memoised by identity; the value keeps the rows alive so an identity
    is never reused for another row. The efficiency factors of the device's kind and family
    are in the key as plain figures."""
    input_tokens, output_tokens = inputs.call_tokens
    factors = inputs.efficiency_key(*device_family)
    key = (id(model), id(hardware), quant, input_tokens, output_tokens, factors)
    hit = _SIZINGS.get(key)
    if hit is not None and hit[0] is model and hit[1] is hardware:
        return hit[2]
    if len(_SIZINGS) > _SIZING_MEMO_LIMIT:
        _SIZINGS.clear()
    eff = inputs.family_efficiency(*device_family)
    sizing = size_replica(model, quant, make_device, max_devices, eff, input_tokens, output_tokens)
    _SIZINGS[key] = (model, hardware, sizing)
    return sizing
