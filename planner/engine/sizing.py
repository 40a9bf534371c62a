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


def gpu_sizing(inputs: Inputs, model: OpenModel, gpu: Gpu, quant: Quant) -> Sizing | None:
    """How the model runs on a server of these GPUs; None when it does not fit one."""
    return _memo_sizing(
        inputs,
        model,
        gpu,
        quant,
        inputs.family_efficiency("gpu", gpu.family),
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
        inputs.family_efficiency("cpu", machine.family),
        1,
        lambda n: machine_device(machine, n),
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
