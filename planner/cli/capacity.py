"""``capacity``: how a model fits and runs on a GPU group or a local machine."""

from __future__ import annotations

import argparse
import dataclasses

from planner.engine import capacity as cap
from planner.engine.capacity import Device, Quant
from planner.engine.inputs import Inputs
from planner.model.plan import Plan
from planner.rates import RateBook


def capacity_report(
    rates: RateBook, model_id: str, device: Device, quant: Quant, context: int
) -> dict[str, float | bool | int]:
    """The figures ``capacity --json`` prints, for one device group and context length."""
    if context < 1:
        raise ValueError("--context: must be at least 1 token")
    model = rates.open_model(model_id)
    inputs = Inputs(Plan(), rates)
    eff = inputs.gpu_efficiency if device.kind == "gpu" else inputs.cpu_efficiency
    concurrent = cap.max_concurrent_requests(model, quant, device, eff, context)
    fits = concurrent >= 1
    return {
        "fits": fits,
        "weights_gb": round(cap.weights_gb(model, quant), 2),
        "kv_cache_gb_per_1k_tokens": round(cap.kv_cache_gb_per_1k_tokens(model), 4),
        "max_concurrent_requests": concurrent,
        "single_stream_tokens_per_s": round(
            cap.single_stream_tokens_per_s(model, quant, device, eff, context), 1
        )
        if fits
        else 0.0,
        "max_throughput_tokens_per_s": round(
            cap.batch_tokens_per_s(model, quant, device, eff, concurrent, context), 1
        )
        if fits
        else 0.0,
        "prefill_tokens_per_s": round(cap.prefill_tokens_per_s(model, quant, device, eff), 1),
    }


def _device(args: argparse.Namespace, rates: RateBook) -> Device:
    if args.count < 1:
        raise ValueError("--count: must be at least 1")
    if args.gpu:
        device = cap.gpu_device(rates.gpu(args.gpu), args.count)
    else:
        device = cap.machine_device(rates.local_machine(args.cpu), args.count)
    for flag, value in (("--bandwidth-gbs", args.bandwidth_gbs), ("--tflops", args.tflops)):
        if value is not None and not (0 < value < 1e6):
            raise ValueError(f"{flag}: must be a positive number, got {value}")
    if args.bandwidth_gbs is not None:
        device = dataclasses.replace(device, bandwidth_gbs=args.bandwidth_gbs)
    if args.tflops is not None:
        device = dataclasses.replace(device, tflops_16bit=args.tflops, tops_8bit=args.tflops)
    return device


def run_capacity(args: argparse.Namespace, rates: RateBook) -> int:
    from planner.cli.output import print_json

    device = _device(args, rates)
    quant: Quant = args.quant or ("fp16" if device.kind == "gpu" else "int4")
    report = capacity_report(rates, args.model, device, quant, args.context)
    if args.json:
        print_json(report)
    else:
        for key, value in report.items():
            print(f"{key:32} {value}")
    return 0
