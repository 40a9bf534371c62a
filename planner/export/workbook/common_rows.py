"""Derived rows every option's formulas share: the size of a call, service hours, upkeep.

Each is a formula over the plan's rows, restating a step of the engine:
``planner/engine/volume.py`` (tokens per call), ``planner/engine/inputs.py`` (service and
powered hours, the busiest hour) and ``planner/engine/costing.py`` (upkeep and one-offs).
"""

from __future__ import annotations

from planner.engine.inputs import Inputs
from planner.export.workbook.assumption_rows import InputBook
from planner.words.i18n import _

UPKEEP_KINDS = ("api", "gpu_rented", "gpu_owned", "local")
SETUP_KINDS = ("api", "self_hosted", "local")
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
            _("Hours a month servers are on"),
            _("hours"),
            "IF(always_on=1,24*365/12,business_hours_per_day*days_per_month)",
        ),
    )


def _add_upkeep_rows(book: InputBook, section: str) -> None:
    """Someone's hours (at least the outside company's minimum), monitoring, set-up."""
    for kind in UPKEEP_KINDS:
        book.formula(
            f"staff_{kind}",
            section,
            _("Upkeep a month ({kind})").format(kind=kind),
            "money",
            f"MAX(maintenance_hours_{kind},IF(it_external=1,external_it_min_hours_month,0))"
            "*staff_hourly",
        )
    for name, key in MONITORING:
        book.formula(name, section, _("Monitoring tools a month"), "money", f"{key}*usd_rate")
    for kind in SETUP_KINDS:
        book.formula(
            f"setup_{kind}",
            section,
            _("Set-up work ({kind})").format(kind=kind),
            "money",
            f"setup_hours_{kind}*staff_hourly",
        )
