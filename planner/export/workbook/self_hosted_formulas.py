"""A self-hosted option's months as formulas, restating ``planner.engine.selfhost`` (and
the replica sizing of ``planner.engine.sizing``).

Copies of the model are added for the busiest hour (an always-on service keeps a spare);
rented GPUs are billed every hour of the month unless switched off outside working hours
(batch work then only for the hours it takes); owned hardware is bought as the load needs
it and kept (``hardware_formulas``); every owned device draws idle power, and the serving
ones (the replicas, not the spare or hardware kept from busier months) up to full load with
how busy they are.
"""

from __future__ import annotations

from planner.engine.inputs import Inputs
from planner.export.shown import option_rows
from planner.export.workbook.assumption_rows import InputBook
from planner.export.workbook.columns import Column
from planner.export.workbook.device_rows import device_rows
from planner.export.workbook.hardware_formulas import hosts_formula, purchase_columns
from planner.model.result import Option
from planner.rates.schema import Gpu, GpuCloudPrice, LocalMachine
from planner.words.i18n import _


def self_hosted_columns(
    book: InputBook, inputs: Inputs, option: Option, prefix: str, share: str
) -> list[Column]:
    """The option's helper and cost columns.

    Args:
        book: The Assumptions rows; the model's and hardware's rows are registered in it.
        inputs: The engine's inputs for the plan.
        option: A GPU or local-machine option, or a hybrid's self-hosted part.
        prefix: Starts the names of the option's rows.
        share: A formula for the share of model calls it answers (``1`` alone).
    """
    capacity = device_rows(book, inputs, option, prefix)
    rows = option_rows(option, inputs.rates)
    load = f"{{calls}}*{share}"
    columns = _load_columns(prefix, load, capacity)
    section = _("Self-hosted: {label}").format(label=option.label)
    if option.ownership == "rented":
        assert rows.cloud is not None
        return columns + _rented_columns(book, rows.cloud, prefix, section, load, capacity)
    columns.append(
        Column(
            "owned", _("Owned so far"), "MAX({col:units},{prev:owned})", "{col:units}", kind="count"
        )
    )
    if rows.gpu is not None:
        return columns + _owned_gpu_columns(book, rows.gpu, prefix, section)
    assert rows.machine is not None
    return columns + _owned_machine_columns(book, rows.machine, prefix, section)


def _load_columns(prefix: str, load: str, capacity: str) -> list[Column]:
    """Copies for the busiest hour, how busy they are on average, and the devices on."""
    return [
        Column(
            "replicas",
            _("Copies of the model"),
            # The engine's ceil(x - 1e-9): a load that exactly fills n copies needs n.
            f"MAX(1,ROUNDUP({load}*peak_factor_used/(service_hours*3600)/{capacity}"
            "-0.000000001,0))",
            kind="count",
        ),
        Column(
            "utilisation",
            _("Busy"),
            f"MIN(1,{load}/(service_hours*3600)/({{col:replicas}}*{capacity}))",
            kind="share",
        ),
        Column(
            "units",
            _("GPUs / machines"),
            f"({{col:replicas}}+always_on)*{prefix}_devices",
            kind="count",
        ),
    ]


def _rented_columns(
    book: InputBook, cloud: GpuCloudPrice, p: str, section: str, load: str, capacity: str
) -> list[Column]:
    hourly = book.add(
        f"{p}_hourly",
        section,
        _("Rent per GPU-hour ({provider})").format(provider=cloud.provider),
        cloud.hourly_usd,
        "USD/h",
        cloud.source,
        cloud.as_of,
    )
    # Billed every hour unless switched off outside working hours; batch work then rents one
    # copy for the hours it takes.
    batch_hours = f"MAX(1,{load}/{capacity}/3600)*days_per_month"
    formula = (
        f"IF(AND(batch_latency=1,rented_all=0),{p}_devices*{hourly}*{batch_hours},"
        f"{{col:units}}*{hourly}*rented_hours)*usd_rate"
    )
    return [Column("compute_rental", _("Rented compute"), formula, category="compute_rental")]


def _owned_gpu_columns(book: InputBook, gpu: Gpu, p: str, section: str) -> list[Column]:
    """GPUs in host servers: the servers' price and power come on top of the GPUs'."""
    price = book.add(
        f"{p}_purchase",
        section,
        _("Price of one GPU"),
        gpu.purchase_usd,
        "USD",
        gpu.price_source,
        gpu.price_as_of,
    )
    source, as_of = gpu.source, gpu.as_of
    board = book.add(
        f"{p}_power_w", section, _("GPU power at full load"), gpu.board_power_w, "W", source, as_of
    )
    idle = book.formula(
        f"{p}_idle_w", section, _("GPU power when idle"), "W", f"{board}*gpu_idle_power_share"
    )
    per_server = book.add(
        f"{p}_per_server", section, _("GPUs per server"), gpu.max_per_server, "", source, as_of
    )
    hosts_usd = hosts_formula("{col:owned}", per_server)
    hosts_w = hosts_formula("{col:owned}", per_server, price=False)
    value = f"({{col:owned}}*{price}+{hosts_usd})*usd_rate"
    return [
        Column(
            "servers", _("Host machines"), f"ROUNDUP({{col:owned}}/{per_server},0)", kind="count"
        ),
        *purchase_columns(p, value),
        Column(
            "power",
            _("Electricity"),
            # Every owned GPU idles; only the serving ones (replicas) work on top of that.
            f"({{col:owned}}*{idle}+{{col:replicas}}*{p}_devices*({board}-{idle})"
            f"*{{col:utilisation}}+{hosts_w})"
            "/1000*powered_hours*pue*electricity_price*electricity_fx",
            category="power",
        ),
    ]


def _owned_machine_columns(
    book: InputBook, machine: LocalMachine, p: str, section: str
) -> list[Column]:
    """Local machines: no host server, and no data-centre overhead (PUE) on their power."""
    source, as_of = machine.source, machine.as_of
    price = book.add(
        f"{p}_purchase",
        section,
        _("Price of one machine"),
        machine.purchase_usd,
        "USD",
        source,
        as_of,
    )
    power = book.add(
        f"{p}_power_w", section, _("Power at full load"), machine.power_w, "W", source, as_of
    )
    idle = book.add(
        f"{p}_idle_w", section, _("Power when idle"), machine.idle_power_w, "W", source, as_of
    )
    return [
        *purchase_columns(p, f"{{col:owned}}*{price}*usd_rate"),
        Column(
            "power",
            _("Electricity"),
            f"({{col:owned}}*{idle}+{{col:replicas}}*{p}_devices*({power}-{idle})"
            "*{col:utilisation})/1000*powered_hours"
            "*electricity_price*electricity_fx",
            category="power",
        ),
    ]
