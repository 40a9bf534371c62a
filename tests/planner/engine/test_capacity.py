"""The throughput model against published measurements (data/measurements.toml)."""

from __future__ import annotations

import dataclasses
import statistics

import pytest

from planner.engine import capacity as cap
from planner.engine.calibration import predict
from planner.engine.inputs import Inputs
from planner.model.plan import Plan
from planner.rates import load_rates

RATES = load_rates()
INPUTS = Inputs(Plan(), RATES)
GPU, CPU = INPUTS.gpu_efficiency, INPUTS.cpu_efficiency

# Rows the roofline model is known not to match, and why. Each is still checked to stay
# on the side stated here, so a change in the model that moves them is noticed.
OUTLIERS = {
    # llama.cpp of December 2023 did not yet use the H100's tensor cores well for prompts;
    # the data-centre prompt share is fitted on TensorRT-LLM, which does.
    "llamacpp-llama2-7b-f16-h100pcie-pp": (3.0, 6.0),
    "llamacpp-llama2-70b-q4-0-h100pcie-pp": (3.0, 6.0),
    # TensorRT-LLM gives the cache 95% of the memory left after the weights; the planner's
    # vLLM setting (90% of all memory) leaves this 70B model room for far fewer requests.
    "trtllm017-llama31-70b-h100x1-fp8-128-2048": (0.3, 0.6),
    # Measured on the 80-core-GPU M3 Ultra; the table's Mac Studio has the 60-core GPU.
    "llamacpp-llama33-70b-q4km-m3ultra-pp512": (0.45, 0.75),
}
# Every other row: within a factor of 2.5 either way (the spread of engines, versions and
# settings across the sources), and the median of each metric within 10% of 1.
BAND = (0.4, 2.5)


def ratio(row_id: str) -> float:
    row = next(r for r in RATES.measurements if r.id == row_id)
    return predict(INPUTS, row) / row.value


@pytest.mark.parametrize("row_id", [r.id for r in RATES.measurements])
def test_each_measurement_is_within_the_band(row_id: str) -> None:
    low, high = OUTLIERS.get(row_id, BAND)
    assert low <= ratio(row_id) <= high


@pytest.mark.parametrize(
    "metric", ["single_stream_tokens_per_s", "prefill_tokens_per_s", "max_throughput_tokens_per_s"]
)
def test_the_median_prediction_is_close_to_the_measurements(metric: str) -> None:
    ratios = [
        ratio(r.id) for r in RATES.measurements if r.metric == metric and r.id not in OUTLIERS
    ]
    assert len(ratios) >= 5
    assert 0.9 <= statistics.median(ratios) <= 1.1


def test_grouped_query_attention_shrinks_the_cache_by_the_head_ratio() -> None:
    # Llama 3.1 8B: 32 layers x 8 KV heads x 128 dims x 2 (K,V) x 2 bytes = 131,072 B/token.
    llama3 = RATES.open_model("llama-3.1-8b")
    assert cap.kv_bytes_per_token(llama3) == 131_072
    # Llama 2 7B has no grouped-query attention: 32 KV heads, four times the cache.
    llama2 = RATES.open_model("llama-2-7b")
    assert cap.kv_bytes_per_token(llama2) == 4 * 131_072


def test_weights_scale_with_the_quantisation() -> None:
    model = RATES.open_model("llama-3.1-70b")
    fp16 = cap.weights_gb(model, "fp16")
    assert fp16 == pytest.approx(model.params_total_b * 2)
    assert cap.weights_gb(model, "fp8") == pytest.approx(fp16 / 2)
    assert cap.weights_gb(model, "int4") < fp16 / 3


def test_a_70b_model_does_not_fit_one_24gb_card_in_16_bit() -> None:
    device = cap.gpu_device(RATES.gpu("rtx-4090"))
    model = RATES.open_model("llama-3.1-70b")
    assert cap.max_concurrent_requests(model, "fp16", device, GPU, 2048) == 0


def test_more_bandwidth_decodes_faster_and_more_compute_prefills_faster() -> None:
    model = RATES.open_model("llama-3.1-8b")
    slow = cap.gpu_device(RATES.gpu("l4"))
    fast = cap.gpu_device(RATES.gpu("h100-sxm"))
    assert cap.single_stream_tokens_per_s(
        model, "fp16", fast, GPU, 1000
    ) > cap.single_stream_tokens_per_s(model, "fp16", slow, GPU, 1000)
    assert cap.prefill_tokens_per_s(model, "fp16", fast, GPU) > cap.prefill_tokens_per_s(
        model, "fp16", slow, GPU
    )


def test_batching_raises_throughput_but_slows_each_stream() -> None:
    model = RATES.open_model("llama-3.1-8b")
    device = cap.gpu_device(RATES.gpu("a100-80gb"))
    one = cap.batch_tokens_per_s(model, "fp16", device, GPU, 1, 1000)
    many = cap.batch_tokens_per_s(model, "fp16", device, GPU, 64, 1000)
    assert many > 10 * one
    assert many / 64 < one


# --- mixture of experts ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("model_id", "batch", "touched"),
    [
        # Mixtral 8x7B: 2 of 8 experts per token (config.json); two tokens reach
        # 1 - (6/8)^2 = 43.75% of a layer's experts, sixteen reach 99%.
        ("mixtral-8x7b", 1, 0.25),
        ("mixtral-8x7b", 2, 0.4375),
        ("mixtral-8x7b", 16, 1 - 0.75**16),
        # gpt-oss-120b: 4 of 128 experts per token.
        ("gpt-oss-120b", 1, 4 / 128),
        ("gpt-oss-120b", 32, 1 - (124 / 128) ** 32),
        # A dense model reads all its weights whatever the batch.
        ("llama-3.1-8b", 1, 1.0),
    ],
)
def test_a_batch_touches_the_experts_its_tokens_are_routed_to(
    model_id: str, batch: int, touched: float
) -> None:
    assert cap.experts_touched(RATES.open_model(model_id), batch) == pytest.approx(touched)


@pytest.mark.parametrize("model_id", ["mixtral-8x7b", "gpt-oss-20b", "gpt-oss-120b"])
def test_one_token_reads_the_active_weights_and_a_large_batch_all_of_them(model_id: str) -> None:
    model = RATES.open_model(model_id)
    one = cap.weight_bytes_read(model, "int4", 1) / 1e9
    every = cap.weight_bytes_read(model, "int4", 100_000) / 1e9
    assert one == pytest.approx(cap.BYTES_PER_PARAM["int4"] * model.params_active_b)
    assert every == pytest.approx(cap.weights_gb(model, "int4"))


def test_mixture_of_experts_models_reach_a_lower_share_on_gpu_servers() -> None:
    device = cap.gpu_device(RATES.gpu("h100-sxm"))
    moe = RATES.open_model("gpt-oss-20b")
    without = dataclasses.replace(GPU, moe=1.0)
    slower = cap.prefill_tokens_per_s(moe, "int4", device, GPU)
    assert slower == pytest.approx(GPU.moe * cap.prefill_tokens_per_s(moe, "int4", device, without))
    assert GPU.moe < 1.0


# --- the key/value cache in 8 bits -------------------------------------------------------


def test_serving_fp8_keeps_the_cache_in_fp8_so_a_70b_model_fits_one_h100() -> None:
    # TensorRT-LLM v0.17 measured Llama 3.1 70B FP8 on one H100 (measurements.toml).
    model = RATES.open_model("llama-3.1-70b")
    device = cap.gpu_device(RATES.gpu("h100-sxm"))
    assert cap.kv_value_bytes("fp8", device, GPU) == 1.0
    assert cap.max_concurrent_requests(model, "fp8", device, GPU, 2176) >= 8
    sixteen_bit = dataclasses.replace(GPU, fp8_kv_cache=False)
    assert cap.max_concurrent_requests(model, "fp8", device, sixteen_bit, 2176) < 8


@pytest.mark.parametrize(
    ("gpu_id", "quant", "value_bytes"),
    [
        ("h100-sxm", "fp8", 1.0),  # FP8 weights on FP8 tensor cores: FP8 cache
        ("h100-sxm", "int4", 2.0),  # weight-only quantisation keeps a 16-bit cache
        ("a100-80gb", "fp8", 2.0),  # Ampere has no FP8: 16-bit cache
    ],
)
def test_the_cache_is_8_bit_only_with_fp8_weights_on_fp8_hardware(
    gpu_id: str, quant: cap.Quant, value_bytes: float
) -> None:
    assert cap.kv_value_bytes(quant, cap.gpu_device(RATES.gpu(gpu_id)), GPU) == value_bytes


def test_gpu_memory_is_counted_in_binary_gigabytes() -> None:
    # nvidia-smi reports 81,559 MiB for an "80 GB" H100: 85.5 decimal GB.
    assert cap.gpu_device(RATES.gpu("h100-sxm")).memory_gb == pytest.approx(85.9, abs=0.05)


# --- several GPUs in one replica ---------------------------------------------------------


@pytest.mark.parametrize(
    ("gpu_id", "count", "factor"),
    [
        ("h100-sxm", 1, None),
        ("h100-sxm", 2, "parallel_nvlink_2"),
        ("h100-sxm", 3, "parallel_nvlink_4"),  # between tabulated counts: the next one up
        ("h100-sxm", 8, "parallel_nvlink_8"),
        ("l40s", 4, "parallel_pcie_4"),
        ("rtx-4090", 2, "parallel_pcie_2"),
    ],
)
def test_a_replica_of_several_gpus_reaches_its_fitted_share_of_perfect_scaling(
    gpu_id: str, count: int, factor: str | None
) -> None:
    device = cap.gpu_device(RATES.gpu(gpu_id), count)
    expected = 1.0 if factor is None else RATES.assumption(factor)
    assert cap.parallel_share(device, GPU) == expected


def test_nvlink_scales_better_than_pcie() -> None:
    for count in (4, 8):
        nvlink = cap.parallel_share(cap.gpu_device(RATES.gpu("h100-sxm"), count), GPU)
        pcie = cap.parallel_share(cap.gpu_device(RATES.gpu("l40s"), count), GPU)
        assert nvlink > pcie


# --- prompt processing by device family --------------------------------------------------


@pytest.mark.parametrize(
    ("hardware", "factor"),
    [
        ("h100-sxm", "gpu_prefill_efficiency"),
        ("rtx-6000-ada", "gpu_prefill_efficiency"),  # workstation card: data-centre rates
        ("rtx-4090", "geforce_prefill_efficiency"),
        ("mac-studio-m3-ultra", "apple_prefill_efficiency"),
        ("ryzen-ai-max-395", "unified_prefill_efficiency"),
        ("dgx-spark", "unified_prefill_efficiency"),
        ("ddr5-workstation", "cpu_prefill_efficiency"),
    ],
)
def test_each_device_family_processes_prompts_at_its_own_share(hardware: str, factor: str) -> None:
    if any(g.id == hardware for g in RATES.gpus):
        device = cap.gpu_device(RATES.gpu(hardware))
    else:
        device = cap.machine_device(RATES.local_machine(hardware))
    assert INPUTS.efficiency(device).prefill == RATES.assumption(factor)


def test_metal_processes_prompts_faster_than_the_old_cpu_level_share() -> None:
    # The issue: one CPU-level 0.3 for Apple Silicon where Metal reaches far more.
    assert RATES.assumption("apple_prefill_efficiency") > 2 * RATES.assumption(
        "cpu_prefill_efficiency"
    )
