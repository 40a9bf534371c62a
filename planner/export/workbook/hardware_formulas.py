"""Owned hardware in the Budget sheet: bought when the load needs it, paid that month, and
written off in the accounting view; restating ``planner/engine/selfhost.py`` (purchases),
``planner/engine/hosts.py`` (the machines GPUs sit in) and ``planner/engine/cash.py``
(write-offs).

The cash columns count: the hardware bought in the first month is a one-off
(``hardware_purchase``), what is bought later is paid in its month. "Written off" is the
accounting view beside them, outside the total: each purchase spread evenly over
``amortisation_months`` from its month.
"""

from __future__ import annotations

from planner.engine.hosts import TOWER_GPUS, WORKSTATION_GPUS
from planner.export.workbook.columns import Column
from planner.words.i18n import _


def hosts_formula(count: str, per_host: str, price: bool = True) -> str:
    """The price (USD) or draw (W) of the machines holding ``count`` cards of a kind that
    fits ``per_host`` to a machine: full machines and a smaller one for the rest."""
    if price:
        server, tower, workstation = (
            "gpu_host_server_usd",
            "gpu_host_tower_usd",
            "gpu_host_workstation_usd",
        )
    else:
        server, tower, workstation = (
            "gpu_host_power_w",
            "gpu_host_tower_power_w",
            "gpu_host_power_w",
        )

    def machine(cards: str) -> str:
        return (
            f"IF({per_host}>{WORKSTATION_GPUS},{server},"
            f"IF({cards}<={TOWER_GPUS},{tower},{workstation}))"
        )

    rest = f"MOD({count},{per_host})"
    return f"(INT({count}/{per_host})*{machine(per_host)}+IF({rest}>0,{machine(rest)},0))"


def purchase_columns(prefix: str, value: str) -> list[Column]:
    """What owned hardware costs in cash, and its write-off.

    Args:
        prefix: Starts the option's names; ``<prefix>_bought_first`` names the first month's
            purchase, which the option's one-off costs read.
        value: A formula for the hardware owned in a month, in the budget currency.
    """
    whole = "INT(amortisation_months)"
    back = f"{{m}}>{whole}"
    written_off = (
        f"({{col:bought_so_far}}-IF({back},INDEX({{range:bought_so_far}},{{m}}-{whole}),0)"
        f"+(amortisation_months-{whole})*IF({back},INDEX({{range:bought}},{{m}}-{whole}),0))"
        "/amortisation_months"
    )
    return [
        Column("value", _("Hardware owned (value)"), value),
        Column(
            "bought",
            _("Bought this month"),
            "MAX(0,{col:value}-{prev:value})",
            "{col:value}",
            first_name=first_purchase_name(prefix),
        ),
        Column(
            "hardware_purchase",
            _("Hardware bought (paid in its month; month 1: one-off)"),
            "{col:bought}",
            "0",
            category="hardware_purchase",
        ),
        Column(
            "bought_so_far",
            _("Bought so far"),
            "{prev:bought_so_far}+{col:bought}",
            "{col:bought}",
        ),
        Column("written_off", _("Written off (accounting view, not in the total)"), written_off),
    ]


def first_purchase_name(prefix: str) -> str:
    """The name of the hardware an option buys in the first month (its one-off purchase)."""
    return f"{prefix}_bought_first"
