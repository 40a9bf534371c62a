"""The throughput model against published measurements (data/measurements.toml)."""

from __future__ import annotations

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
    # TensorRT-LLM keeps the key/value cache in FP8 and uses 95% of memory; with our
    # 16-bit cache and vLLM's 90% the 70B model does not fit one H100: we say "no".
    "trtllm017-llama31-70b-h100x1-fp8-128-2048": (0.0, 0.0),
    # vLLM's ShareGPT run of a mixture-of-experts model in MXFP4 is far from the bound.
    "vllm0110-gpt-oss-20b-h100-sharegpt": (2.0, 3.5),
    # llama.cpp of December 2023 did not yet use the H100's tensor cores well for prompts.
    "llamacpp-llama2-7b-f16-h100pcie-pp": (2.5, 5.0),
    "llamacpp-llama2-70b-q4-0-h100pcie-pp": (2.5, 5.0),
    # Measured on the 80-core-GPU M3 Ultra; the table's Mac Studio has the 60-core GPU.
    "llamacpp-llama33-70b-q4km-m3ultra-pp512": (0.2, 0.4),
}
BAND = (0.4, 2.5)


def ratio(row_id: str) -> float:
    row = next(r for r in RATES.measurements if r.id == row_id)
    return predict(RATES, row, GPU, CPU) / row.value


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
    assert 0.6 <= statistics.median(ratios) <= 1.4


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
