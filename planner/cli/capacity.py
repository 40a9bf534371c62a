"""``capacity``: how a model fits and runs on a GPU group or a local machine.

Given the request's shape (``--input-tokens`` and ``--output-tokens``) it reports what the
costing uses: output tokens a second at full load with every prompt processed, requests a
second, and how long one request takes alone. Without it, decoding at a fixed context.
"""

from __future__ import annotations

import argparse
import dataclasses

from planner.engine import capacity as cap
from planner.engine.capacity import Device, Quant
from planner.engine.inputs import Inputs
from planner.model.plan import Plan
from planner.rates import RateBook

DEFAULT_CONTEXT = 4096
Report = dict[str, float | bool | int]


def capacity_report(
    rates: RateBook, model_id: str, device: Device, quant: Quant, context: int
) -> Report:
    """The figures ``capacity --json`` prints without a request shape: decoding at a fixed
    ``context``, prompt processing left out."""
    if context < 1:
        raise ValueError("--context: must be at least 1 token")
    model = rates.open_model(model_id)
    eff = Inputs(Plan(), rates).efficiency(device)
    concurrent = cap.max_concurrent_requests(model, quant, device, eff, context)
    fits = concurrent >= 1
    single = cap.single_stream_tokens_per_s(model, quant, device, eff, context)
    batch = cap.batch_tokens_per_s(model, quant, device, eff, concurrent, context)
    return {
        **_memory(model_id, rates, device, quant, concurrent),
        "single_stream_tokens_per_s": round(single, 1) if fits else 0.0,
        "max_throughput_tokens_per_s": round(batch, 1) if fits else 0.0,
        "prefill_tokens_per_s": round(cap.prefill_tokens_per_s(model, quant, device, eff), 1),
    }


def shaped_report(
    rates: RateBook,
    model_id: str,
    device: Device,
    quant: Quant,
    input_tokens: int,
    output_tokens: int,
) -> Report:
    """The figures for requests of one shape, as the costing sizes a replica: full-load
    output tokens a second include processing every prompt."""
    if input_tokens < 0 or output_tokens < 1:
        raise ValueError("--input-tokens must be 0 or more and --output-tokens at least 1")
    model = rates.open_model(model_id)
    eff = Inputs(Plan(), rates).efficiency(device)
    profile = cap.serving_profile(model, quant, device, eff, input_tokens, output_tokens)
    return {
        **_memory(model_id, rates, device, quant, profile.max_batch),
        "single_stream_tokens_per_s": round(profile.stream_tokens_per_s_alone, 1),
        "max_throughput_tokens_per_s": round(profile.requests_per_s * output_tokens, 1),
        "prefill_tokens_per_s": round(cap.prefill_tokens_per_s(model, quant, device, eff), 1),
        "requests_per_s": round(profile.requests_per_s, 4),
        "seconds_per_request_alone": round(profile.seconds_per_request_alone, 2)
        if profile.fits
        else 0.0,
    }


def _memory(model_id: str, rates: RateBook, device: Device, quant: Quant, batch: int) -> Report:
    model = rates.open_model(model_id)
    eff = Inputs(Plan(), rates).efficiency(device)
    value_bytes = cap.kv_value_bytes(quant, device, eff)
    return {
        "fits": batch >= 1,
        "weights_gb": round(cap.weights_gb(model, quant), 2),
        "kv_cache_gb_per_1k_tokens": round(cap.kv_cache_gb_per_1k_tokens(model, value_bytes), 4),
        "max_concurrent_requests": batch,
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


def _report(args: argparse.Namespace, rates: RateBook, device: Device, quant: Quant) -> Report:
    shape = (args.input_tokens, args.output_tokens)
    if shape == (None, None):
        context = DEFAULT_CONTEXT if args.context is None else args.context
        return capacity_report(rates, args.model, device, quant, context)
    if None in shape:
        raise ValueError("--input-tokens and --output-tokens: give both")
    if args.context is not None:
        raise ValueError("--context: not with --input-tokens and --output-tokens")
    return shaped_report(rates, args.model, device, quant, *shape)


def run_capacity(args: argparse.Namespace, rates: RateBook) -> int:
    from planner.cli.output import print_json

    device = _device(args, rates)
    quant: Quant = args.quant or ("fp16" if device.kind == "gpu" else "int4")
    report = _report(args, rates, device, quant)
    if args.json:
        print_json(report)
        return 0
    for key, value in report.items():
        print(f"{key:32} {value}")
    if "requests_per_s" not in report:
        context = DEFAULT_CONTEXT if args.context is None else args.context
        print(
            f"(decoding with {context} tokens held per request, prompts left out; "
            "--input-tokens and --output-tokens give the figures the costing uses)"
        )
    return 0
