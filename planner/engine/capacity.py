"""Memory fit and throughput of an open model on a device, from a roofline model.

Decoding one step reads every weight once (shared by the whole batch) plus each
request's key/value cache, so it is bound by memory bandwidth until the batch is
large enough that the matrix multiplications become compute-bound. Prompt
processing (prefill) is compute-bound. Measured engines reach only a share of
these bounds; those efficiency factors live in ``data/calibration.toml`` with the
published measurements they were fitted on, and ``tests/planner/test_capacity.py``
checks the model against those measurements.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from planner.rates.schema import Gpu, LocalMachine, OpenModel

Quant = Literal["fp16", "fp8", "int8", "int4"]
QUANTS: tuple[Quant, ...] = ("fp16", "fp8", "int8", "int4")

# Bytes stored per weight. int4 formats keep a scale per group of weights (e.g. llama.cpp
# Q4_K_M averages about 4.8 bits, AWQ/GPTQ with group size 128 about 4.25 bits): 0.56 bytes.
BYTES_PER_PARAM: dict[Quant, float] = {"fp16": 2.0, "fp8": 1.0, "int8": 1.0, "int4": 0.5625}
KV_BYTES_16BIT = 2.0  # key/value cache in 16 bits, the engines' default
KV_BYTES_FP8 = 1.0  # vLLM --kv-cache-dtype fp8, TensorRT-LLM FP8 KV cache
GB = 1e9
# GPU memory is sold in binary gigabytes: an "80 GB" H100 has 81,559 MiB (85.5 GB) that
# nvidia-smi reports and CUDA can allocate. Weights and caches are counted in bytes.
GPU_BYTES_PER_LISTED_GB = 2**30


@dataclass(frozen=True)
class Device:
    """What the roofline needs to know of one GPU or machine, times how many of them."""

    kind: Literal["gpu", "cpu"]
    memory_gb: float
    bandwidth_gbs: float
    tflops_16bit: float
    tops_8bit: float
    fp8: bool
    count: int = 1
    family: str = ""  # what processes prompts: datacenter, geforce, cpu, apple, unified
    interconnect: str = "pcie"  # between the devices of one replica

    def compute_tflops(self, quant: Quant) -> float:
        """Dense compute usable for a quantisation: FP8 only where the hardware has it.

        int8 and int4 are weight-only quantisations in the common serving engines, so the
        arithmetic still runs at 16-bit speed.
        """
        per_device = self.tops_8bit if (quant == "fp8" and self.fp8) else self.tflops_16bit
        return per_device * self.count


def gpu_device(gpu: Gpu, count: int = 1) -> Device:
    """``count`` GPUs of one type as the roofline sees them (memory in decimal GB)."""
    return Device(
        "gpu",
        gpu.memory_gb * GPU_BYTES_PER_LISTED_GB / GB,
        gpu.bandwidth_gbs,
        gpu.bf16_tflops,
        gpu.int8_tops,
        gpu.fp8,
        count,
        gpu.family,
        gpu.interconnect,
    )


def machine_device(machine: LocalMachine, count: int = 1) -> Device:
    """``count`` local machines as the roofline sees them (no faster 8-bit arithmetic)."""
    return Device(
        "cpu",
        machine.memory_gb,
        machine.bandwidth_gbs,
        machine.tflops,
        machine.tflops,
        False,
        count,
        machine.family,
    )


@dataclass(frozen=True)
class Efficiency:
    """Shares of the roofline bounds that real engines reach (see calibration.toml)."""

    bandwidth: float  # decoding: achieved / peak memory bandwidth
    prefill: float  # prompt processing: achieved / peak dense compute
    decode_compute: float  # large-batch decoding: achieved / peak dense compute
    memory_utilisation: float  # share of device memory the engine may use
    reserve_gb: float  # activations, runtime and OS per device
    max_batch: int  # most sequences an engine schedules at once
    moe: float = 1.0  # share of the dense shares a mixture-of-experts model reaches
    fp8_kv_cache: bool = False  # the cache is FP8 when the weights are FP8 on FP8 hardware
    # Share of perfect scaling a replica of 2, 4 or 8 devices reaches (communication).
    parallel_nvlink: tuple[float, float, float] = (1.0, 1.0, 1.0)
    parallel_pcie: tuple[float, float, float] = (1.0, 1.0, 1.0)


def parallel_share(device: Device, eff: Efficiency) -> float:
    """Share of ``count`` times one device's speed a tensor-parallel replica reaches.

    Counts between the tabulated 2, 4 and 8 take the next larger count's share.
    """
    if device.count <= 1:
        return 1.0
    shares = eff.parallel_nvlink if device.interconnect == "nvlink" else eff.parallel_pcie
    return shares[min(2, math.ceil(math.log2(device.count)) - 1)]


def speed_share(model: OpenModel, device: Device, eff: Efficiency) -> float:
    """What multiplies every share of a bound: lower for mixture-of-experts kernels, and
    for a replica of several devices its share of perfect scaling."""
    return (eff.moe if model.experts else 1.0) * parallel_share(device, eff)


def weights_gb(model: OpenModel, quant: Quant) -> float:
    """Memory the weights take at a quantisation."""
    return model.params_total_b * BYTES_PER_PARAM[quant]


def kv_value_bytes(quant: Quant, device: Device, eff: Efficiency) -> float:
    """Bytes per cached value: 8 bits when serving FP8 weights on FP8 hardware and the
    configuration says so (``fp8_kv_cache``), else 16 bits."""
    fp8 = eff.fp8_kv_cache and quant == "fp8" and device.fp8
    return KV_BYTES_FP8 if fp8 else KV_BYTES_16BIT


def kv_bytes_per_token(model: OpenModel, value_bytes: float = KV_BYTES_16BIT) -> float:
    """Key/value cache per token: keys and values, every layer, per key/value head.

    Grouped-query attention shares one key/value head between several query heads, so
    the cache grows with ``kv_heads``, not with ``attention_heads``.
    """
    return 2 * model.layers * model.kv_heads * model.head_dim * value_bytes


def kv_cache_gb_per_1k_tokens(model: OpenModel, value_bytes: float = KV_BYTES_16BIT) -> float:
    """Key/value cache a thousand tokens of context take, in GB."""
    return kv_bytes_per_token(model, value_bytes) * 1000 / GB


def kv_memory_gb(model: OpenModel, quant: Quant, device: Device, eff: Efficiency) -> float:
    """Memory left for the key/value cache once the weights and reserves are placed."""
    usable = device.memory_gb * device.count * eff.memory_utilisation
    return usable - device.count * eff.reserve_gb - weights_gb(model, quant)


def max_concurrent_requests(
    model: OpenModel, quant: Quant, device: Device, eff: Efficiency, context_tokens: int
) -> int:
    """Requests whose whole context fits in the cache at once (0 when even one does not)."""
    kv_gb = kv_memory_gb(model, quant, device, eff)
    value_bytes = kv_value_bytes(quant, device, eff)
    per_request_gb = kv_bytes_per_token(model, value_bytes) * max(1, context_tokens) / GB
    if kv_gb <= 0:
        return 0
    return min(eff.max_batch, math.floor(kv_gb / per_request_gb))


def expert_share(model: OpenModel) -> float:
    """Share of a mixture-of-experts model's weights that sit in its experts (0 when dense).

    A token reads the shared weights and ``experts_per_token`` of ``experts``, so
    total - active = expert weights x (1 - experts_per_token / experts).
    """
    if not model.experts or not model.experts_per_token:
        return 0.0
    unread = 1 - model.experts_per_token / model.experts
    return (model.params_total_b - model.params_active_b) / unread / model.params_total_b


def experts_touched(model: OpenModel, batch: int) -> float:
    """Expected share of a layer's experts that ``batch`` tokens routed independently reach."""
    if not model.experts or not model.experts_per_token:
        return 1.0
    return 1 - (1 - model.experts_per_token / model.experts) ** max(1, batch)


def weight_bytes_read(model: OpenModel, quant: Quant, batch: int) -> float:
    """Weights read per decoding step: the shared weights and the experts the batch touches
    (a single token reads just its active parameters, a large batch every expert)."""
    share = expert_share(model)
    touched = 1 - share + share * experts_touched(model, batch)
    return weights_gb(model, quant) * GB * touched


def decode_step_seconds(
    model: OpenModel, quant: Quant, device: Device, eff: Efficiency, batch: int, context_tokens: int
) -> float:
    """Time of one decoding step for ``batch`` streams each holding ``context_tokens``."""
    share = speed_share(model, device, eff)
    cache_bytes = kv_bytes_per_token(model, kv_value_bytes(quant, device, eff))
    bytes_read = weight_bytes_read(model, quant, batch) + batch * cache_bytes * context_tokens
    bandwidth = device.bandwidth_gbs * GB * device.count * eff.bandwidth * share
    flops = 2 * model.params_active_b * 1e9 * batch
    compute = device.compute_tflops(quant) * 1e12 * eff.decode_compute * share
    return max(bytes_read / bandwidth, flops / compute)


def prefill_tokens_per_s(model: OpenModel, quant: Quant, device: Device, eff: Efficiency) -> float:
    """Prompt tokens processed per second: two operations per active weight per token."""
    share = speed_share(model, device, eff)
    compute = device.compute_tflops(quant) * 1e12 * eff.prefill * share
    return compute / (2 * model.params_active_b * 1e9)


def single_stream_tokens_per_s(
    model: OpenModel, quant: Quant, device: Device, eff: Efficiency, context_tokens: int
) -> float:
    """Output tokens per second of one request decoding alone: how fast a user sees it flow."""
    return 1.0 / decode_step_seconds(model, quant, device, eff, 1, context_tokens)


def batch_tokens_per_s(
    model: OpenModel, quant: Quant, device: Device, eff: Efficiency, batch: int, context_tokens: int
) -> float:
    """Output tokens per second of ``batch`` streams decoding together."""
    if batch <= 0:
        return 0.0
    return batch / decode_step_seconds(model, quant, device, eff, batch, context_tokens)


@dataclass(frozen=True)
class ServingProfile:
    """How one replica (a device group holding one copy of the model) serves a workload."""

    fits: bool
    max_batch: int
    requests_per_s: float  # capacity at full batch, prefill included
    seconds_per_request_alone: float  # latency of one request on an idle replica
    first_token_seconds: float
    stream_tokens_per_s_at_full_batch: float
    stream_tokens_per_s_alone: float


def serving_profile(
    model: OpenModel,
    quant: Quant,
    device: Device,
    eff: Efficiency,
    input_tokens: int,
    output_tokens: int,
) -> ServingProfile:
    """Capacity and latency of one replica for requests of a given size.

    A request costs the replica its prefill time (compute-bound, not overlapped) plus its
    share of the decoding steps of a full batch. The batch is limited by the key/value
    cache that fits and by the engine's scheduler limit.
    """
    context = input_tokens + output_tokens
    batch = max_concurrent_requests(model, quant, device, eff, context)
    if batch < 1:
        return ServingProfile(False, 0, 0.0, math.inf, math.inf, 0.0, 0.0)
    average_context = input_tokens + output_tokens // 2
    prefill_s = input_tokens / prefill_tokens_per_s(model, quant, device, eff)
    step_full = decode_step_seconds(model, quant, device, eff, batch, average_context)
    step_alone = decode_step_seconds(model, quant, device, eff, 1, average_context)
    seconds_of_replica = prefill_s + output_tokens * step_full / batch
    return ServingProfile(
        fits=True,
        max_batch=batch,
        requests_per_s=1.0 / seconds_of_replica,
        seconds_per_request_alone=prefill_s + output_tokens * step_alone,
        first_token_seconds=prefill_s,
        stream_tokens_per_s_at_full_batch=1.0 / step_full,
        stream_tokens_per_s_alone=1.0 / step_alone,
    )
