"""What one copy of a self-hosted model can serve, as rows of the Assumptions sheet.

Two tables: the facts (the model's shape, the hardware's memory, bandwidth and compute,
each with its source) and the roofline of ``planner/engine/capacity.py`` restated step by
step as formulas over them. Every formula is a template over ``{p}``, the option's name
prefix, and the calibration factors of its kind of hardware (``GPU_FACTORS``,
``CPU_FACTORS``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from planner.engine.capacity import (
    BYTES_PER_PARAM,
    GB,
    GPU_BYTES_PER_LISTED_GB,
    Quant,
    gpu_device,
    machine_device,
)
from planner.engine.inputs import PREFILL_FACTORS, Inputs
from planner.export.shown import option_rows
from planner.export.workbook.assumption_rows import InputBook
from planner.model.result import Option
from planner.rates.schema import Gpu, LocalMachine, OpenModel
from planner.words.i18n import _


@dataclass(frozen=True)
class Fact:
    """An input row: a figure from a rate table (or the engine's sizing), with its source."""

    key: str  # the row's name after the option's prefix
    label: str
    value: float
    unit: str
    source: str
    as_of: date | None = None


@dataclass(frozen=True)
class Step:
    """A derived row: one step of the roofline."""

    key: str
    label: str
    unit: str
    formula: str


# The calibration names each formula reads, by kind of hardware (planner/engine/inputs.py,
# gpu_efficiency and cpu_efficiency: a CPU's decoding compute uses its prefill factor). The
# prompt factor and the share of perfect scaling depend on the device (``_factors``).
GPU_FACTORS = {
    "memory_share": "gpu_memory_utilisation",
    "reserve": "gpu_reserve_gb",
    "max_batch": "max_batch_sequences",
    "bandwidth_eff": "gpu_bandwidth_efficiency",
    "prefill_eff": "gpu_prefill_efficiency",
    "decode_eff": "gpu_decode_compute_efficiency",
    "moe": "gpu_moe_efficiency",
}
CPU_FACTORS = {
    "memory_share": "cpu_memory_utilisation",
    "reserve": "cpu_os_reserve_gb",
    "max_batch": "cpu_max_batch",
    "bandwidth_eff": "cpu_bandwidth_efficiency",
    "prefill_eff": "cpu_prefill_efficiency",
    "decode_eff": "cpu_prefill_efficiency",
    "moe": "cpu_moe_efficiency",
}
# Names read from calibration.toml that the shared assumption rows do not list.
DEVICE_CALIBRATION = ("gpu_moe_efficiency", "cpu_moe_efficiency", "fp8_kv_cache")


def device_rows(book: InputBook, inputs: Inputs, option: Option, prefix: str) -> str:
    """Register the model, hardware and capacity rows of a self-hosted option; returns the
    name of its capacity (model calls a second one copy of the model serves)."""
    rows = option_rows(option, inputs.rates)
    assert rows.open_model is not None and option.quant is not None
    quant: Quant = option.quant  # type: ignore[assignment]
    section = _("Self-hosted: {label}").format(label=option.label)
    devices = int(option.details["devices_per_replica"])
    facts = _model_facts(rows.open_model, quant, devices)
    if rows.gpu is not None:
        facts += _gpu_facts(rows.gpu, quant)
    else:
        assert rows.machine is not None
        facts += _machine_facts(rows.machine)
    factors = _factors(rows.gpu, rows.machine, devices)
    _add_calibration_rows(book, inputs, factors)
    for fact in facts:
        name = f"{prefix}_{fact.key}"
        book.add(name, section, fact.label, fact.value, fact.unit, fact.source, fact.as_of)
    if rows.gpu is None:
        book.add(
            "cpu_memory_utilisation",
            _("Effort, overheads and calibration"),
            _("Share of a local machine's memory the model may use"),
            1.0,
            _("share"),
            _("The planner's rule: a local computer's free memory is all the model's"),
        )
    names = {
        step.key: book.formula(
            f"{prefix}_{step.key}",
            section,
            step.label,
            step.unit,
            step.formula.format(p=prefix, **factors),
        )
        for step in _roofline()
    }
    return names["capacity"]


def _factors(gpu: Gpu | None, machine: LocalMachine | None, devices: int) -> dict[str, str]:
    """The calibration names the formulas of one device read: its kind's, the prompt factor
    of its family, the share of perfect scaling for its count, and whether the cache is FP8."""
    if gpu is not None:
        device, factors = gpu_device(gpu, devices), dict(GPU_FACTORS)
    else:
        assert machine is not None
        device, factors = machine_device(machine, devices), dict(CPU_FACTORS)
    family = PREFILL_FACTORS.get(device.family)
    if family is not None:
        factors["prefill_eff"] = family
        if device.kind == "cpu":
            factors["decode_eff"] = family
    factors["parallel"] = "1"
    if devices > 1:
        tabulated = min(8, 2 ** math.ceil(math.log2(devices)))
        factors["parallel"] = f"parallel_{device.interconnect}_{tabulated}"
    return factors


def _add_calibration_rows(book: InputBook, inputs: Inputs, factors: dict[str, str]) -> None:
    """The calibration figures the option's formulas read, once each in the workbook."""
    section = _("Effort, overheads and calibration")
    needed = [*DEVICE_CALIBRATION, factors["prefill_eff"], factors["parallel"]]
    for key in needed:
        if key == "1" or key not in {row.id for row in inputs.rates.calibration}:
            continue
        row = inputs.rates.assumption_row(key)
        book.add(key, section, _(row.description), row.value, _(row.unit), row.source, row.as_of)


def _model_facts(model: OpenModel, quant: Quant, devices: int) -> list[Fact]:
    def of_model(key: str, label: str, value: float, unit: str) -> Fact:
        return Fact(key, label, value, unit, model.source, model.as_of)

    return [
        Fact(
            "devices",
            _("GPUs or machines per copy of the model"),
            devices,
            _("devices"),
            _("engine sizing"),
        ),
        of_model("params_total", _("Parameters (billions)"), model.params_total_b, "B"),
        of_model(
            "params_active", _("Parameters used per token (billions)"), model.params_active_b, "B"
        ),
        of_model("layers", _("Layers"), model.layers, ""),
        of_model("kv_heads", _("Key/value heads"), model.kv_heads, ""),
        of_model("head_dim", _("Head size"), model.head_dim, ""),
        of_model(
            "experts", _("Experts per layer (0: not a mixture of experts)"), model.experts or 0, ""
        ),
        of_model(
            "routed", _("Experts each token passes through"), model.experts_per_token or 0, ""
        ),
        Fact(
            "bytes_per_param",
            _("Bytes per weight ({quant})").format(quant=quant),
            BYTES_PER_PARAM[quant],
            _("bytes"),
            _(
                "The planner's rule: bytes per weight of each number format (16-bit 2, 8-bit 1, 4-bit 0.5)"
            ),
        ),
    ]


def _gpu_facts(gpu: Gpu, quant: Quant) -> list[Fact]:
    # FP8 runs at the 8-bit rate only where the GPU has it (Device.compute_tflops).
    compute = gpu.int8_tops if (quant == "fp8" and gpu.fp8) else gpu.bf16_tflops
    return [
        Fact("memory_gb", _("Memory per GPU"), gpu.memory_gb, "GB", gpu.source, gpu.as_of),
        Fact(
            "memory_scale",
            _("Bytes per listed GB of GPU memory, in billions (binary gigabytes)"),
            GPU_BYTES_PER_LISTED_GB / GB,
            "",
            _("The planner's rule: graphics-card memory is sold in binary gigabytes (GiB)"),
        ),
        Fact(
            "fp8_cache",
            _("Working memory for conversations in 8 bits (key/value cache; 1 = yes)"),
            1.0 if (quant == "fp8" and gpu.fp8) else 0.0,
            "",
            _(
                "The planner's rule: an 8-bit model on a card built for 8-bit arithmetic keeps it in 8 bits"
            ),
        ),
        Fact(
            "bandwidth_gbs",
            _("Memory bandwidth per GPU"),
            gpu.bandwidth_gbs,
            "GB/s",
            gpu.source,
            gpu.as_of,
        ),
        Fact("tflops", _("Compute per GPU"), compute, "TFLOPS", gpu.source, gpu.as_of),
    ]


def _machine_facts(machine: LocalMachine) -> list[Fact]:
    source, as_of = machine.source, machine.as_of
    return [
        Fact("memory_gb", _("Memory for the model"), machine.memory_gb, "GB", source, as_of),
        Fact("memory_scale", _("Memory counted as listed"), 1.0, "", _("The planner's rule")),
        Fact(
            "fp8_cache",
            _("Working memory for conversations in 8 bits (key/value cache; 1 = yes)"),
            0.0,
            "",
            _("The planner's rule"),
        ),
        Fact("bandwidth_gbs", _("Memory bandwidth"), machine.bandwidth_gbs, "GB/s", source, as_of),
        Fact("tflops", _("Compute"), machine.tflops, "TFLOPS", source, as_of),
    ]


def _roofline() -> tuple[Step, ...]:
    """planner/engine/capacity.py, function by function, in the order they build on."""
    return (
        Step("weights_gb", _("Weights in memory"), "GB", "{p}_params_total*{p}_bytes_per_param"),
        Step(
            "kv_bytes",
            _("Key/value cache per token"),
            _("bytes"),
            "2*{p}_layers*{p}_kv_heads*{p}_head_dim*IF(AND({p}_fp8_cache=1,fp8_kv_cache>=0.5),1,2)",
        ),
        Step(
            "kv_gb",
            _("Memory left for the cache"),
            "GB",
            "{p}_memory_gb*{p}_memory_scale*{p}_devices*{memory_share}"
            "-{p}_devices*{reserve}-{p}_weights_gb",
        ),
        Step(
            "batch",
            _("Requests served at once"),
            _("requests"),
            "MIN({max_batch},INT({p}_kv_gb/({p}_kv_bytes*(in_call+out_call)/1000000000)))",
        ),
        Step(
            "avg_ctx", _("Average tokens held per request"), _("tokens"), "in_call+INT(out_call/2)"
        ),
        *_experts_steps(),
        Step(
            "step",
            _("Seconds per decoding step at full load"),
            "s",
            "MAX(({p}_weights_gb*1000000000*(1-{p}_expert_share+{p}_expert_share*{p}_touched)"
            "+{p}_batch*{p}_kv_bytes*{p}_avg_ctx)"
            "/({p}_bandwidth_gbs*1000000000*{p}_devices*{bandwidth_eff}*{p}_share),"
            "2*{p}_params_active*1000000000*{p}_batch"
            "/({p}_tflops*1000000000000*{p}_devices*{decode_eff}*{p}_share))",
        ),
        Step(
            "prefill",
            _("Prompt tokens processed a second"),
            "tokens/s",
            "{p}_tflops*{p}_devices*1000000000000*{prefill_eff}*{p}_share"
            "/(2*{p}_params_active*1000000000)",
        ),
        Step(
            "capacity",
            _("Model calls a second per copy"),
            "calls/s",
            "1/(in_call/{p}_prefill+out_call*{p}_step/{p}_batch)",
        ),
    )


def _experts_steps() -> tuple[Step, ...]:
    """Mixture of experts: the weights a decoding step reads, and the engines' lower share."""
    return (
        Step(
            "expert_share",
            _("Share of the weights in experts"),
            _("share"),
            "IF({p}_experts=0,0,({p}_params_total-{p}_params_active)"
            "/(1-{p}_routed/{p}_experts)/{p}_params_total)",
        ),
        Step(
            "touched",
            _("Share of the experts a full batch reaches"),
            _("share"),
            "IF({p}_experts=0,1,1-(1-{p}_routed/{p}_experts)^MAX(1,{p}_batch))",
        ),
        Step(
            "share",
            _("Share of the bounds reached (experts, several devices)"),
            _("share"),
            "IF({p}_experts=0,1,{moe})*{parallel}",
        ),
    )
