"""The throughput model's prediction for a published measurement, for calibration and tests."""

from __future__ import annotations

import dataclasses
import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from planner.engine import capacity as cap
from planner.engine.capacity import Device
from planner.engine.inputs import Inputs
from planner.model.plan import Plan
from planner.rates import RateBook, with_overrides
from planner.rates.schema import Measurement

DEFAULT_CONTEXT = 512  # llama.cpp's tg/pp runs start from a near-empty context


def measurement_device(rates: RateBook, row: Measurement) -> Device:
    """The hardware a measurement was taken on: ``row.count`` GPUs or local machines."""
    if any(g.id == row.hardware for g in rates.gpus):
        return cap.gpu_device(rates.gpu(row.hardware), row.count)
    return cap.machine_device(rates.local_machine(row.hardware), row.count)


def predict(inputs: Inputs, row: Measurement) -> float:
    """What the roofline model says the measured figure should be, with the efficiency
    factors of ``inputs`` (the bundled calibration, or a plan's overrides of it)."""
    model = inputs.rates.open_model(row.model)
    device = measurement_device(inputs.rates, row)
    eff = inputs.efficiency(device)
    if row.max_batch is not None:
        eff = dataclasses.replace(eff, max_batch=row.max_batch)
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
    """A layer split across cards: one card's speed, all the cards' memory."""
    return dataclasses.replace(device, count=1, memory_gb=device.memory_gb * device.count)


Selector = Callable[[RateBook, Measurement], bool]


@dataclass(frozen=True)
class Fit:
    """A calibration factor and the published measurements that decide its value."""

    factor: str
    rows: Selector


def _on(kind: str, *families: str) -> Callable[[RateBook, Measurement], bool]:
    """Rows measured on one GPU or machine of these families (of ``kind``)."""

    def test(rates: RateBook, row: Measurement) -> bool:
        device = measurement_device(rates, row)
        return device.kind == kind and device.family in families

    return test


def _metric(metric: str, row: Measurement) -> bool:
    return row.metric == metric


def _dense(rates: RateBook, row: Measurement) -> bool:
    return not rates.open_model(row.model).experts


def _prompt_bound(row: Measurement) -> bool:
    """A full-load run whose prompts are at least ten times its answers."""
    return (row.input_tokens or 0) >= 10 * (row.output_tokens or 1)


def _compute_bound(row: Measurement) -> bool:
    """A full-load run of short requests (128 in, 128 out): a batch of thousands decodes
    at the compute bound, with little cache to read."""
    return (row.input_tokens or 0) + (row.output_tokens or 0) <= 256


def _parallel(interconnect: str, count: int) -> Selector:
    def test(rates: RateBook, row: Measurement) -> bool:
        device = measurement_device(rates, row)
        return (
            device.kind == "gpu"
            and device.interconnect == interconnect
            and row.count == count
            and _metric("max_throughput_tokens_per_s", row)
        )

    return test


_GPU = _on("gpu", "datacenter", "geforce")
_LOCAL = _on("cpu", "cpu", "apple", "unified")
FULL_LOAD = "max_throughput_tokens_per_s"

# In the order they are fitted: each fit holds the factors before it at their values.
FITS: tuple[Fit, ...] = (
    Fit(
        "gpu_bandwidth_efficiency",
        lambda r, m: _GPU(r, m) and m.count == 1 and _metric("single_stream_tokens_per_s", m),
    ),
    Fit(
        "cpu_bandwidth_efficiency",
        lambda r, m: _LOCAL(r, m) and _dense(r, m) and _metric("single_stream_tokens_per_s", m),
    ),
    Fit(
        "geforce_prefill_efficiency",
        lambda r, m: _on("gpu", "geforce")(r, m) and _metric("prefill_tokens_per_s", m),
    ),
    Fit(
        "apple_prefill_efficiency",
        lambda r, m: _on("cpu", "apple")(r, m) and _metric("prefill_tokens_per_s", m),
    ),
    Fit(
        "unified_prefill_efficiency",
        lambda r, m: _on("cpu", "unified")(r, m) and _metric("prefill_tokens_per_s", m),
    ),
    Fit(
        "cpu_prefill_efficiency",
        lambda r, m: _on("cpu", "cpu")(r, m) and _metric("prefill_tokens_per_s", m),
    ),
    Fit(
        "gpu_prefill_efficiency",
        lambda r, m: (
            _on("gpu", "datacenter")(r, m)
            and _dense(r, m)
            and m.count == 1
            and _metric(FULL_LOAD, m)
            and _prompt_bound(m)
        ),
    ),
    Fit(
        "gpu_decode_compute_efficiency",
        lambda r, m: (
            _on("gpu", "datacenter")(r, m)
            and _dense(r, m)
            and m.count == 1
            and _metric(FULL_LOAD, m)
            and _compute_bound(m)
        ),
    ),
    Fit(
        "gpu_moe_efficiency",
        lambda r, m: _GPU(r, m) and not _dense(r, m) and m.count == 1 and _metric(FULL_LOAD, m),
    ),
    Fit("cpu_moe_efficiency", lambda r, m: _LOCAL(r, m) and not _dense(r, m)),
    *(
        Fit(f"parallel_{link}_{count}", _parallel(link, count))
        for link in ("nvlink", "pcie")
        for count in (2, 4, 8)
    ),
)


def fit_rows(rates: RateBook, fit: Fit) -> list[Measurement]:
    """The measurements a factor is fitted on."""
    return [row for row in rates.measurements if fit.rows(rates, row)]


def median_ratio(rates: RateBook, rows: list[Measurement]) -> float:
    """The median of prediction / measurement over ``rows``."""
    inputs = Inputs(Plan(), rates)
    return statistics.median(predict(inputs, row) / row.value for row in rows)


def fitted_value(rates: RateBook, fit: Fit, low: float = 0.01, high: float = 1.0) -> float:
    """The factor's value at which the model's median prediction of its rows equals the
    measurement (every factor speeds the model up as it grows); ``high`` when even that is
    too slow. Bisection on a logarithmic scale, to three significant figures."""
    rows = fit_rows(rates, fit)
    if not rows:
        raise ValueError(f"no measurement to fit {fit.factor} on")

    def ratio(value: float) -> float:
        changed = with_overrides(rates, {"calibration": {fit.factor: {"value": value}}})
        return median_ratio(changed, rows)

    if ratio(high) <= 1.0:
        return high
    for _ in range(30):
        middle = math.sqrt(low * high)
        low, high = (middle, high) if ratio(middle) < 1.0 else (low, middle)
    return float(f"{math.sqrt(low * high):.3g}")


def fit_all(rates: RateBook, passes: int = 3) -> dict[str, float]:
    """Every factor of ``FITS`` fitted in turn, the whole sequence repeated until the
    factors that depend on each other (prompt and decoding shares) settle."""
    values: dict[str, float] = {}
    for _ in range(passes):
        for fit in FITS:
            values[fit.factor] = fitted_value(rates, fit)
            rates = with_overrides(
                rates, {"calibration": {fit.factor: {"value": values[fit.factor]}}}
            )
    return values
