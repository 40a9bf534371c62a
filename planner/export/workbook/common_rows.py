"""Derived rows every option's formulas share: the size of a call, service hours, upkeep.

Each is a formula over the plan's rows, restating a step of the engine:
``planner/engine/volume.py`` (tokens per call), ``planner/engine/inputs.py`` (service and
powered hours, the busiest hour) and ``planner/engine/costing.py`` (upkeep and one-offs).
"""

from __future__ import annotations

from planner.engine.inputs import Inputs
from planner.export.workbook.assumption_rows import InputBook
from planner.words.i18n import _
from planner.words.names import work_kind_name

UPKEEP_KINDS = ("api", "gpu_rented", "gpu_owned", "local")
SETUP_KINDS = ("api", "self_hosted", "local", "subscription")
MONITORING = (
    ("monitoring_api", "monitoring_usd_month"),
    ("monitoring_self", "monitoring_self_hosted_usd_month"),
)


def add_common_rows(book: InputBook, inputs: Inputs) -> None:
    """Request size, service hours, upkeep and one-offs, as formulas over the plan's rows."""
    book.add(
        "fine_tuning",
        _("Your plan"),
        _("Fine-tune a model (1 = yes)"),
        int(inputs.plan.needs.fine_tuning),
        "0/1",
    )
    _add_plan_rows(book, inputs)
    section = _("Derived figures")
    _add_call_rows(book, section)
    for name, label, unit, formula in _hours_rows():
        book.formula(name, section, label, unit, formula)
    _add_upkeep_rows(book, section)
    book.formula(
        "fine_tuning_cost",
        section,
        _("Fine-tuning, once"),
        "money",
        "IF(fine_tuning=1,fine_tuning_usd*usd_rate,0)",
    )


def _add_plan_rows(book: InputBook, inputs: Inputs) -> None:
    """Who does the work, and whether rented GPUs are stopped outside working hours."""
    plan = inputs.plan
    section = _("Your plan")
    book.add(
        "switch_off_outside_hours",
        section,
        _("Rented GPUs switched off outside working hours (1 = yes)"),
        int(plan.levers.switch_off_outside_hours),
        "0/1",
    )
    book.add(
        "seats",
        section,
        _("People who would use a seat subscription (0 = worked out from the volume)"),
        plan.workload.seats or 0,
        _("people"),
    )


def _add_call_rows(book: InputBook, section: str) -> None:
    # ROUND is half away from zero, as the engine's half_up (planner/model/money.py).
    rows = (
        (
            "in_call",
            _("Tokens sent per model call"),
            "MAX(1,ROUND(input_tokens/calls_per_request,0))",
        ),
        (
            "out_call",
            _("Tokens answered per model call"),
            "MAX(1,ROUND(output_tokens/calls_per_request,0))",
        ),
        (
            "cached_call",
            _("Tokens per call read from the prompt cache"),
            "ROUND(in_call*prompt_cache_share,0)",
        ),
    )
    for name, label, formula in rows:
        book.formula(name, section, label, _("tokens"), formula)


def _hours_rows() -> tuple[tuple[str, str, str, str], ...]:
    return (
        (
            "peak_factor_used",
            _("Busiest hour ÷ average hour"),
            _("ratio"),
            "IF(batch_latency=1,1,peak_hour_factor)",
        ),
        (
            "service_hours",
            _("Hours a day requests arrive in"),
            _("hours"),
            "IF(batch_latency=1,24,business_hours_per_day)",
        ),
        (
            "powered_hours",
            _("Hours a month your own servers are on"),
            _("hours"),
            "IF(always_on=1,24*365/12,business_hours_per_day*days_per_month)",
        ),
        (
            "rented_all",
            _("Rented GPUs billed every hour of the month (1 = yes)"),
            "0/1",
            "IF(OR(always_on=1,switch_off_outside_hours=0),1,0)",
        ),
        (
            "rented_hours",
            _("Hours a month rented GPUs are billed"),
            _("hours"),
            "IF(rented_all=1,rented_gpu_hours_month,business_hours_per_day*days_per_month)",
        ),
    )


def _add_upkeep_rows(book: InputBook, section: str) -> None:
    """Someone's hours (at least the outside company's minimum), monitoring, set-up."""
    for kind in UPKEEP_KINDS:
        book.formula(
            f"people_hours_{kind}",
            section,
            _("Hours of people's time a month ({kind})").format(kind=work_kind_name(kind)),
            _("hours"),
            f"MAX(maintenance_hours_{kind},IF(it_external=1,external_it_min_hours_month,0))",
        )
        book.formula(
            f"staff_{kind}",
            section,
            _("Upkeep a month ({kind})").format(kind=work_kind_name(kind)),
            "money",
            f"people_hours_{kind}*staff_hourly",
        )
    # A subscription has nothing to run: no outside company's minimum applies.
    book.formula(
        "people_hours_subscription",
        section,
        _("Hours of people's time a month ({kind})").format(kind=work_kind_name("subscription")),
        _("hours"),
        "maintenance_hours_subscription",
    )
    book.formula(
        "staff_subscription",
        section,
        _("Upkeep a month ({kind})").format(kind=work_kind_name("subscription")),
        "money",
        "people_hours_subscription*staff_hourly",
    )
    for name, key in MONITORING:
        book.formula(name, section, _("Monitoring tools a month"), "money", f"{key}*usd_rate")
    for kind in SETUP_KINDS:
        book.formula(
            f"setup_{kind}",
            section,
            _("Set-up work ({kind})").format(kind=work_kind_name(kind)),
            "money",
            f"setup_hours_{kind}*staff_hourly",
        )
