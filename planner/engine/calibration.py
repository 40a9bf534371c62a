"""The throughput model's prediction for a published measurement, for calibration and tests."""

from __future__ import annotations

from planner.engine import capacity as cap
from planner.engine.capacity import Device, Efficiency
from planner.rates import RateBook
from planner.rates.schema import Measurement

DEFAULT_CONTEXT = 512  # llama.cpp's tg/pp runs start from a near-empty context


def measurement_device(rates: RateBook, row: Measurement) -> Device:
    """The hardware a measurement was taken on: ``row.count`` GPUs or local machines."""
    if any(g.id == row.hardware for g in rates.gpus):
        return cap.gpu_device(rates.gpu(row.hardware), row.count)
    return cap.machine_device(rates.local_machine(row.hardware), row.count)


def predict(rates: RateBook, row: Measurement, gpu: Efficiency, cpu: Efficiency) -> float:
    """What the roofline model says the measured figure should be."""
    model = rates.open_model(row.model)
    device = measurement_device(rates, row)
    eff = gpu if device.kind == "gpu" else cpu
    if row.metric == "prefill_tokens_per_s":
        return cap.prefill_tokens_per_s(model, row.quant, device, eff)
    if row.metric == "single_stream_tokens_per_s":
        if "llama.cpp" in row.engine and device.count > 1:
            # llama.cpp splits layers across cards, which then run one after the other.
            device = _one_of(device)
        context = (row.input_tokens or 0) + (row.output_tokens or 128) // 2
        return cap.single_stream_tokens_per_s(model, row.quant, device, eff, max(context, 64))
    input_tokens = row.input_tokens or 128
    output_tokens = row.output_tokens or 128
    profile = cap.serving_profile(model, row.quant, device, eff, input_tokens, output_tokens)
    return profile.requests_per_s * output_tokens


def _one_of(device: Device) -> Device:
    import dataclasses

    return dataclasses.replace(device, count=1, memory_gb=device.memory_gb * device.count)
