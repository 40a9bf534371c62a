"""Each shown option's costs as spreadsheet formulas that mirror the engine exactly.

An option becomes a block of Budget columns: helper columns (replicas, utilisation, GPUs or
machines) and one column per cost category, one row per month. Formulas are templates over
workbook names (rows of the Assumptions sheet) and these placeholders, filled in per row:

- ``{calls}``: the month's model calls a day, ``{m}``: the month's number (1 = first);
- ``{col:KEY}``: this block's column KEY in the same row, ``{prev:KEY}`` in the row above.

The arithmetic follows planner/api_option.py, planner/selfhost.py, planner/capacity.py and
planner/hybrid.py step by step; tests/planner/test_workbook.py recalculates a workbook and
compares it with the engine to the cent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.engine.capacity import BYTES_PER_PARAM, Quant
from planner.engine.eligibility import needs_eu_surcharge
from planner.engine.inputs import Inputs
from planner.export.shown import hybrid_parts, option_rows
from planner.export.workbook.assumption_rows import InputBook
from planner.model.result import Category, EstimateResult, Option
from planner.rates.api_prices import PricePeriod, Tiers, price_periods
from planner.words.i18n import _


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    formula: str
    first_formula: str | None = None  # the first month's, where it differs (no row above)
    category: Category | None = None
    kind: str = "money"  # money | count | share


@dataclass
class OptionBlock:
    option: Option
    prefix: str
    columns: list[Column] = field(default_factory=list)
    one_off: dict[Category, str] = field(default_factory=dict)

    @property
    def category_columns(self) -> list[Column]:
        return [c for c in self.columns if c.category is not None]


def add_common_rows(book: InputBook, inputs: Inputs) -> None:
    """Derived rows every option shares: request size, service hours, upkeep, one-offs."""
    from planner.engine.volume import tokens_per_call

    section = _("Derived figures")
    in_call, out_call = tokens_per_call(inputs.plan)
    book.derived(
        "in_call",
        section,
        _("Tokens sent per model call"),
        in_call,
        _("tokens"),
        "MAX(1,ROUND(input_tokens/calls_per_request,0))",
    )
    book.derived(
        "out_call",
        section,
        _("Tokens answered per model call"),
        out_call,
        _("tokens"),
        "MAX(1,ROUND(output_tokens/calls_per_request,0))",
    )
    cached = round(in_call * inputs.levers.prompt_cache_share)
    book.derived(
        "cached_call",
        section,
        _("Tokens per call read from the prompt cache"),
        cached,
        _("tokens"),
        "ROUND(in_call*prompt_cache_share,0)",
    )
    batch = inputs.plan.needs.latency == "batch"
    book.derived(
        "peak_factor_used",
        section,
        _("Busiest hour ÷ average hour"),
        1.0 if batch else inputs.value("peak_hour_factor"),
        _("ratio"),
        "IF(batch_latency=1,1,peak_hour_factor)",
    )
    book.derived(
        "service_hours",
        section,
        _("Hours a day requests arrive in"),
        inputs.service_hours_per_day,
        _("hours"),
        "IF(batch_latency=1,24,business_hours_per_day)",
    )
    book.derived(
        "powered_hours",
        section,
        _("Hours a month servers are on"),
        inputs.powered_hours_per_month,
        _("hours"),
        "IF(always_on=1,24*365/12,business_hours_per_day*days_per_month)",
    )
    hourly = inputs.prices.staff_hourly
    external = inputs.plan.needs.it_capacity in ("none", "external_provider")
    minimum = inputs.value("external_it_min_hours_month") if external else 0.0
    for kind in ("api", "gpu_rented", "gpu_owned", "local"):
        hours = inputs.value(f"maintenance_hours_{kind}")
        book.derived(
            f"staff_{kind}",
            section,
            _("Upkeep a month ({kind})").format(kind=kind),
            max(hours, minimum) * hourly,
            "money",
            f"MAX(maintenance_hours_{kind},IF(it_external=1,external_it_min_hours_month,0))*staff_hourly",
        )
    for name, key in (
        ("monitoring_api", "monitoring_usd_month"),
        ("monitoring_self", "monitoring_self_hosted_usd_month"),
    ):
        book.derived(
            name,
            section,
            _("Monitoring tools a month"),
            inputs.usd(inputs.value(key)),
            "money",
            f"{key}*usd_rate",
        )
    for kind in ("api", "self_hosted", "local"):
        book.derived(
            f"setup_{kind}",
            section,
            _("Set-up work ({kind})").format(kind=kind),
            inputs.value(f"setup_hours_{kind}") * hourly,
            "money",
            f"setup_hours_{kind}*staff_hourly",
        )
    tuning = inputs.usd(inputs.value("fine_tuning_usd")) if inputs.plan.needs.fine_tuning else 0.0
    book.add(
        "fine_tuning",
        _("Your plan"),
        _("Fine-tune a model (1 = yes)"),
        int(inputs.plan.needs.fine_tuning),
        "0/1",
    )
    book.derived(
        "fine_tuning_cost",
        section,
        _("Fine-tuning, once"),
        tuning,
        "money",
        "IF(fine_tuning=1,fine_tuning_usd*usd_rate,0)",
    )


# --- API ---------------------------------------------------------------------------------


def _tiered(book: InputBook, name: str, label: str, tiers: Tiers, source: str) -> str:
    """A price per million tokens as a formula: the tier of the call's input size."""
    base, steps = tiers
    section = _("API prices")
    formula = book.add(name, section, label, base, _("USD per million tokens"), source)
    for index, (start, price) in enumerate(steps, 1):
        start_name = book.add(
            f"{name}_tier{index}_from",
            section,
            label + _(" — larger calls from"),
            start,
            _("tokens"),
            source,
        )
        price_name = book.add(
            f"{name}_tier{index}",
            section,
            label + _(" — larger calls"),
            price,
            _("USD per million tokens"),
            source,
        )
        formula = f"IF(in_call>{start_name},{price_name},{formula})"
    return formula


def _per_call_names(
    book: InputBook,
    prefix: str,
    label: str,
    periods: list[PricePeriod],
    source: str,
    engine_prices: list[float],
) -> list[tuple[int, str]]:
    names = []
    for number, period in enumerate(periods, 1):
        tag = f"{prefix}_p{number}"
        when = _(" (from month {month})").format(month=period.start_month + 1) if number > 1 else ""
        input_price = _tiered(
            book, f"{tag}_input", label + _(": input") + when, period.input, source
        )
        output_price = _tiered(
            book, f"{tag}_output", label + _(": output") + when, period.output, source
        )
        cache_price = _tiered(
            book, f"{tag}_cached", label + _(": cached input") + when, period.cache_read, source
        )
        formula = (
            f"((in_call-cached_call)*{input_price}+cached_call*{cache_price}"
            f"+out_call*{output_price})/1000000"
        )
        per_call = book.derived(
            f"{tag}_per_call",
            _("API prices"),
            label + _(": one call") + when,
            engine_prices[number - 1],
            "USD",
            formula,
        )
        names.append((period.start_month + 1, per_call))
    return names


def _api_part(
    book: InputBook, inputs: Inputs, option: Option, prefix: str, share: str, rates_source: str
) -> tuple[list[Column], str]:
    """Columns of the API's token bill; returns them and the price-factor name."""
    from planner.engine.volume import tokens_per_call
    from planner.rates.api_prices import price_per_call_usd

    model = option_rows(option, inputs.rates).api
    assert model is not None
    months = [inputs.month_start(m) for m in range(inputs.plan.horizon_months)]
    periods = price_periods(model, months)
    in_call, out_call = tokens_per_call(inputs.plan)
    engine_prices = [
        price_per_call_usd(
            model, in_call, out_call, inputs.levers.prompt_cache_share, months[p.start_month]
        )
        for p in periods
    ]
    per_call = _per_call_names(book, prefix, model.label, periods, rates_source, engine_prices)
    section = _("API prices")
    discount = book.add(
        f"{prefix}_batch_discount",
        section,
        model.label + _(": batch discount"),
        model.batch_discount_pct,
        "%",
        model.source,
        model.as_of,
    )
    surcharge_value = (
        inputs.value("eu_processing_surcharge_pct") if needs_eu_surcharge(inputs, model) else 0.0
    )
    surcharge = book.add(
        f"{prefix}_eu_surcharge",
        section,
        model.label + _(": EU processing surcharge"),
        surcharge_value,
        "%",
        inputs.rates.assumption_row("eu_processing_surcharge_pct").source,
    )
    factor = book.derived(
        f"{prefix}_price_factor",
        section,
        model.label + _(": price factor"),
        (1 - inputs.levers.batch_share * model.batch_discount_pct / 100)
        * (1 + surcharge_value / 100),
        _("ratio"),
        f"(1-batch_share*{discount}/100)*(1+{surcharge}/100)",
    )
    price = per_call[0][1]
    for start, name in per_call[1:]:
        price = f"IF({{m}}>={start},{name},{price})"
    tokens = Column(
        "api_tokens",
        _("API tokens"),
        f"{{calls}}*{share}*days_per_month*{price}*{factor}*usd_rate",
        category="api_tokens",
    )
    return [tokens], factor


# --- self-hosted -------------------------------------------------------------------------


def _device_rows(book: InputBook, inputs: Inputs, option: Option, prefix: str) -> str:
    """The model, hardware and calibration rows of a self-hosted option; returns the name of
    its capacity (model calls a second one copy of the model serves)."""
    rows = option_rows(option, inputs.rates)
    model = rows.open_model
    assert model is not None and option.quant is not None
    quant: Quant = option.quant  # type: ignore[assignment]
    section = _("Self-hosted: {label}").format(label=option.label)
    add = book.add
    add(
        f"{prefix}_devices",
        section,
        _("GPUs or machines per copy of the model"),
        int(option.details["devices_per_replica"]),
        _("devices"),
        _("engine sizing"),
    )
    add(
        f"{prefix}_params_total",
        section,
        _("Parameters (billions)"),
        model.params_total_b,
        "B",
        model.source,
        model.as_of,
    )
    add(
        f"{prefix}_params_active",
        section,
        _("Parameters used per token (billions)"),
        model.params_active_b,
        "B",
        model.source,
        model.as_of,
    )
    add(f"{prefix}_layers", section, _("Layers"), model.layers, "", model.source, model.as_of)
    add(
        f"{prefix}_kv_heads",
        section,
        _("Key/value heads"),
        model.kv_heads,
        "",
        model.source,
        model.as_of,
    )
    add(
        f"{prefix}_head_dim", section, _("Head size"), model.head_dim, "", model.source, model.as_of
    )
    add(
        f"{prefix}_bytes_per_param",
        section,
        _("Bytes per weight ({quant})").format(quant=quant),
        BYTES_PER_PARAM[quant],
        _("bytes"),
        _("planner/capacity.py (quantisation format)"),
    )
    if rows.gpu is not None:
        gpu = rows.gpu
        compute = gpu.int8_tops if (quant == "fp8" and gpu.fp8) else gpu.bf16_tflops
        add(
            f"{prefix}_memory_gb",
            section,
            _("Memory per GPU"),
            gpu.memory_gb,
            "GB",
            gpu.source,
            gpu.as_of,
        )
        add(
            f"{prefix}_bandwidth_gbs",
            section,
            _("Memory bandwidth per GPU"),
            gpu.bandwidth_gbs,
            "GB/s",
            gpu.source,
            gpu.as_of,
        )
        add(
            f"{prefix}_tflops",
            section,
            _("Compute per GPU"),
            compute,
            "TFLOPS",
            gpu.source,
            gpu.as_of,
        )
        eff = (
            "gpu_memory_utilisation",
            "gpu_reserve_gb",
            "max_batch_sequences",
            "gpu_bandwidth_efficiency",
            "gpu_prefill_efficiency",
            "gpu_decode_compute_efficiency",
        )
    else:
        machine = rows.machine
        assert machine is not None
        add(
            f"{prefix}_memory_gb",
            section,
            _("Memory for the model"),
            machine.memory_gb,
            "GB",
            machine.source,
            machine.as_of,
        )
        add(
            f"{prefix}_bandwidth_gbs",
            section,
            _("Memory bandwidth"),
            machine.bandwidth_gbs,
            "GB/s",
            machine.source,
            machine.as_of,
        )
        add(
            f"{prefix}_tflops",
            section,
            _("Compute"),
            machine.tflops,
            "TFLOPS",
            machine.source,
            machine.as_of,
        )
        add(
            "cpu_memory_utilisation",
            _("Effort, overheads and calibration"),
            _("Share of a local machine's memory the model may use"),
            1.0,
            _("share"),
            _("planner/inputs.py"),
        )
        eff = (
            "cpu_memory_utilisation",
            "cpu_os_reserve_gb",
            "cpu_max_batch",
            "cpu_bandwidth_efficiency",
            "cpu_prefill_efficiency",
            "cpu_prefill_efficiency",
        )
    util, reserve, max_batch, bw_eff, pf_eff, dc_eff = eff
    p = prefix
    derived = book.derived
    dsec = section
    v = _device_values(inputs, option)
    derived(
        f"{p}_weights_gb",
        dsec,
        _("Weights in memory"),
        v["weights_gb"],
        "GB",
        f"{p}_params_total*{p}_bytes_per_param",
    )
    derived(
        f"{p}_kv_bytes",
        dsec,
        _("Key/value cache per token"),
        v["kv_bytes"],
        _("bytes"),
        f"2*{p}_layers*{p}_kv_heads*{p}_head_dim*2",
    )
    derived(
        f"{p}_kv_gb",
        dsec,
        _("Memory left for the cache"),
        v["kv_gb"],
        "GB",
        f"{p}_memory_gb*{p}_devices*{util}-{p}_devices*{reserve}-{p}_weights_gb",
    )
    derived(
        f"{p}_batch",
        dsec,
        _("Requests served at once"),
        v["batch"],
        _("requests"),
        f"MIN({max_batch},INT({p}_kv_gb/({p}_kv_bytes*(in_call+out_call)/1000000000)))",
    )
    derived(
        f"{p}_avg_ctx",
        dsec,
        _("Average tokens held per request"),
        v["avg_ctx"],
        _("tokens"),
        "in_call+INT(out_call/2)",
    )
    derived(
        f"{p}_step",
        dsec,
        _("Seconds per decoding step at full load"),
        v["step"],
        "s",
        f"MAX(({p}_weights_gb*1000000000*MIN(1,{p}_params_active/{p}_params_total*{p}_batch)"
        f"+{p}_batch*{p}_kv_bytes*{p}_avg_ctx)/({p}_bandwidth_gbs*1000000000*{p}_devices*{bw_eff}),"
        f"2*{p}_params_active*1000000000*{p}_batch/({p}_tflops*{p}_devices*1000000000000*{dc_eff}))",
    )
    derived(
        f"{p}_prefill",
        dsec,
        _("Prompt tokens processed a second"),
        v["prefill"],
        "tokens/s",
        f"{p}_tflops*{p}_devices*1000000000000*{pf_eff}/(2*{p}_params_active*1000000000)",
    )
    return derived(
        f"{p}_capacity",
        dsec,
        _("Model calls a second per copy"),
        float(option.details["requests_per_s_per_replica"]),
        "calls/s",
        f"1/(in_call/{p}_prefill+out_call*{p}_step/{p}_batch)",
    )


def _device_values(inputs: Inputs, option: Option) -> dict[str, float]:
    """The engine's own values of the derived capacity rows (shown in the PDF's assumptions)."""
    from planner.engine import capacity as cap
    from planner.engine.volume import tokens_per_call

    rows = option_rows(option, inputs.rates)
    model = rows.open_model
    assert model is not None
    quant: Quant = option.quant  # type: ignore[assignment]
    count = int(option.details["devices_per_replica"])
    if rows.gpu is not None:
        device, eff = cap.gpu_device(rows.gpu, count), inputs.gpu_efficiency
    else:
        assert rows.machine is not None
        device, eff = cap.machine_device(rows.machine, count), inputs.cpu_efficiency
    in_call, out_call = tokens_per_call(inputs.plan)
    batch = cap.max_concurrent_requests(model, quant, device, eff, in_call + out_call)
    average = in_call + out_call // 2
    return {
        "weights_gb": cap.weights_gb(model, quant),
        "kv_bytes": cap.kv_bytes_per_token(model),
        "kv_gb": cap.kv_memory_gb(model, quant, device, eff),
        "batch": float(batch),
        "avg_ctx": float(average),
        "step": cap.decode_step_seconds(model, quant, device, eff, batch, average),
        "prefill": cap.prefill_tokens_per_s(model, quant, device, eff),
    }


def _self_hosted_part(
    book: InputBook, inputs: Inputs, option: Option, prefix: str, share: str
) -> list[Column]:
    capacity = _device_rows(book, inputs, option, prefix)
    p = prefix
    rows = option_rows(option, inputs.rates)
    load = f"{{calls}}*{share}"
    columns = [
        Column(
            "replicas",
            _("Copies of the model"),
            f"MAX(1,ROUNDUP({load}*peak_factor_used/(service_hours*3600)/{capacity}-0.000000001,0))",
            kind="count",
        ),
        Column(
            "utilisation",
            _("Busy"),
            f"MIN(1,{load}/(service_hours*3600)/({{col:replicas}}*{capacity}))",
            kind="share",
        ),
        Column(
            "units", _("GPUs / machines"), f"({{col:replicas}}+always_on)*{p}_devices", kind="count"
        ),
    ]
    section = _("Self-hosted: {label}").format(label=option.label)
    if option.ownership == "rented":
        assert rows.cloud is not None
        hourly = book.add(
            f"{p}_hourly",
            section,
            _("Rent per GPU-hour ({provider})").format(provider=rows.cloud.provider),
            rows.cloud.hourly_usd,
            "USD/h",
            rows.cloud.source,
            rows.cloud.as_of,
        )
        columns.append(
            Column(
                "compute_rental",
                _("Rented compute"),
                f"IF(AND(batch_latency=1,always_on=0),{p}_devices*{hourly}*MAX(1,{load}/{capacity}/3600)"
                f"*days_per_month,{{col:units}}*{hourly}*powered_hours)*usd_rate",
                category="compute_rental",
            )
        )
        return columns
    columns.append(
        Column(
            "owned", _("Owned so far"), "MAX({col:units},{prev:owned})", "{col:units}", kind="count"
        )
    )
    if rows.gpu is not None:
        gpu = rows.gpu
        price = book.add(
            f"{p}_purchase",
            section,
            _("Price of one GPU"),
            gpu.purchase_usd,
            "USD",
            gpu.price_source,
            gpu.price_as_of,
        )
        board = book.add(
            f"{p}_power_w",
            section,
            _("GPU power at full load"),
            gpu.board_power_w,
            "W",
            gpu.source,
            gpu.as_of,
        )
        idle = book.derived(
            f"{p}_idle_w",
            section,
            _("GPU power when idle"),
            gpu.board_power_w * inputs.value("gpu_idle_power_share"),
            "W",
            f"{board}*gpu_idle_power_share",
        )
        per_server = book.add(
            f"{p}_per_server",
            section,
            _("GPUs per server"),
            gpu.max_per_server,
            "",
            gpu.source,
            gpu.as_of,
        )
        columns += [
            Column("servers", _("Servers"), f"ROUNDUP({{col:owned}}/{per_server},0)", kind="count"),
            Column(
                "hardware_amortisation",
                _("Hardware (amortised)"),
                f"({{col:owned}}*{price}+{{col:servers}}*gpu_host_server_usd)/amortisation_months*usd_rate",
                category="hardware_amortisation",
            ),
            Column(
                "power",
                _("Electricity"),
                f"({{col:owned}}*({idle}+({board}-{idle})*{{col:utilisation}})+{{col:servers}}*gpu_host_power_w)"
                "/1000*powered_hours*pue*electricity_price*electricity_fx",
                category="power",
            ),
        ]
        return columns
    machine = rows.machine
    assert machine is not None
    price = book.add(
        f"{p}_purchase",
        section,
        _("Price of one machine"),
        machine.purchase_usd,
        "USD",
        machine.source,
        machine.as_of,
    )
    power = book.add(
        f"{p}_power_w",
        section,
        _("Power at full load"),
        machine.power_w,
        "W",
        machine.source,
        machine.as_of,
    )
    idle = book.add(
        f"{p}_idle_w",
        section,
        _("Power when idle"),
        machine.idle_power_w,
        "W",
        machine.source,
        machine.as_of,
    )
    columns += [
        Column(
            "hardware_amortisation",
            _("Hardware (amortised)"),
            f"{{col:owned}}*{price}/amortisation_months*usd_rate",
            category="hardware_amortisation",
        ),
        Column(
            "power",
            _("Electricity"),
            f"{{col:owned}}*({idle}+({power}-{idle})*{{col:utilisation}})/1000*powered_hours"
            "*electricity_price*electricity_fx",
            category="power",
        ),
    ]
    return columns


def _upkeep_names(option: Option) -> tuple[str, str, str]:
    """Staff, monitoring and set-up names of a single (not hybrid) option."""
    if option.kind == "api":
        return "staff_api", "monitoring_api", "setup_api"
    if option.kind == "cpu":
        return "staff_local", "monitoring_api", "setup_local"
    return f"staff_gpu_{option.ownership}", "monitoring_self", "setup_self_hosted"


def option_block(
    book: InputBook,
    inputs: Inputs,
    result: EstimateResult,
    option: Option,
    prefix: str,
    rates_source: str,
) -> OptionBlock:
    """The Budget columns and one-off formulas of one shown option."""
    block = OptionBlock(option, prefix)
    if option.kind == "hybrid":
        local, api = hybrid_parts(option, result)
        block.columns += _self_hosted_part(book, inputs, local, f"{prefix}s", "routing_share")
        api_columns, _factor = _api_part(
            book, inputs, api, f"{prefix}a", "(1-routing_share)", rates_source
        )
        block.columns += api_columns
        local_staff, local_monitoring, local_setup = _upkeep_names(local)
        staff = f"{local_staff}+staff_api"
        monitoring = f"MAX({local_monitoring},monitoring_api)"
        block.one_off = {"setup": f"{local_setup}+setup_api", "fine_tuning": "fine_tuning_cost"}
    else:
        if option.kind == "api":
            block.columns += _api_part(book, inputs, option, prefix, "1", rates_source)[0]
        else:
            block.columns += _self_hosted_part(book, inputs, option, prefix, "1")
        staff, monitoring, setup = _upkeep_names(option)
        block.one_off = {"setup": setup, "fine_tuning": "fine_tuning_cost"}
    block.columns += [
        Column("staff", _("Staff"), staff, category="staff"),
        Column(
            "monitoring_and_tools",
            _("Monitoring and tools"),
            monitoring,
            category="monitoring_and_tools",
        ),
    ]
    total = "+".join(f"{{col:{c.key}}}" for c in block.category_columns)
    block.columns.append(Column("total", _("Total"), total))
    return block
