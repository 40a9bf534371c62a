"""Each shown option's costs as spreadsheet formulas that mirror the engine exactly.

A single option is its API columns (``api_formulas``), its seats (``subscription_formulas``)
or its self-hosted columns (``self_hosted_formulas``, sized by ``device_rows``, bought as in
``hardware_formulas``), then staff and monitoring; a hybrid
is both parts side by side, restating ``planner/engine/hybrid.py``: staff for both, one
set of monitoring tools (the dearer), set-up for both. The workbook is a second
implementation of the engine: tests/planner/export/workbook/test_formulas_match_engine.py
recalculates every template and variant and compares it with the engine to the cent.
"""

from __future__ import annotations

from planner.engine.inputs import Inputs
from planner.export.shown import hybrid_parts
from planner.export.workbook.api_formulas import api_columns
from planner.export.workbook.assumption_rows import InputBook
from planner.export.workbook.columns import Column, OptionBlock
from planner.export.workbook.self_hosted_formulas import self_hosted_columns
from planner.export.workbook.subscription_formulas import subscription_columns
from planner.model.result import EstimateResult, Option
from planner.words.i18n import _


def option_block(
    book: InputBook,
    inputs: Inputs,
    result: EstimateResult,
    option: Option,
    prefix: str,
    rates_source: str,
) -> OptionBlock:
    """The Budget columns and one-off formulas of one shown option.

    Args:
        book: The Assumptions rows; the option's own rows are registered in it.
        inputs: The engine's inputs for the plan.
        result: The estimate the option belongs to (a hybrid's parts are found there).
        option: The option to restate.
        prefix: Starts the names of the option's rows (``o1``, ``o2``…), unique per option.
        rates_source: Where API prices come from, shown beside them.
    """
    block = OptionBlock(option, prefix)
    if option.kind == "hybrid":
        local, api = hybrid_parts(option, result)
        block.columns += self_hosted_columns(book, inputs, local, f"{prefix}s", "routing_share")
        block.columns += api_columns(
            book, inputs, api, f"{prefix}a", "(1-routing_share)", rates_source
        )
        local_staff, local_monitoring, local_setup = _upkeep_names(local)
        staff = f"{local_staff}+staff_api"
        monitoring = f"MAX({local_monitoring},monitoring_api)"
        setup = f"{local_setup}+setup_api"
    else:
        if option.kind == "api":
            block.columns += api_columns(book, inputs, option, prefix, "1", rates_source)
        elif option.kind == "subscription":
            block.columns += subscription_columns(book, inputs, option, prefix)
        else:
            block.columns += self_hosted_columns(book, inputs, option, prefix, "1")
        staff, monitoring, setup = _upkeep_names(option)
    # Fine-tuning is one job, even for a hybrid's two parts.
    block.one_off = {"setup": setup, "fine_tuning": "fine_tuning_cost"}
    bought = next((c.first_name for c in block.columns if c.key == "bought"), None)
    if bought:  # hardware bought in the first month: paid once, before it starts
        block.one_off["hardware_purchase"] = bought
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


def _upkeep_names(option: Option) -> tuple[str, str, str]:
    """Staff, monitoring and set-up names of a single (not hybrid) option."""
    if option.kind == "api":
        return "staff_api", "monitoring_api", "setup_api"
    if option.kind == "subscription":
        return "staff_subscription", "0", "setup_subscription"  # no tools: nothing to run
    if option.kind == "cpu":
        return "staff_local", "monitoring_api", "setup_local"
    return f"staff_gpu_{option.ownership}", "monitoring_self", "setup_self_hosted"
