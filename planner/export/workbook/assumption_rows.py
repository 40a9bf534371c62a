"""Every number an exported budget rests on, one row each, with unit, source and date.

The workbook writes these rows to its Assumptions sheet (each with a defined name, so the
formulas read like ``=requests_per_day*days_per_month``) and the PDF lists them. Values are
the engine's own inputs: the plan after its rate overrides, and the rate-table rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from planner.engine.inputs import Inputs
from planner.model.plan import Plan
from planner.rates import RateBook, with_overrides
from planner.rates.local_prices import electricity_row, staff_row
from planner.words.i18n import _
from planner.words.names import country_name, role_name
from planner.words.sources import DERIVED_SOURCE, PLAN_SOURCE

__all__ = ["DERIVED_SOURCE", "PLAN_SOURCE"]


@dataclass(frozen=True)
class AssumptionRow:
    name: str  # a workbook-level defined name
    section: str
    label: str
    value: float | str  # what the engine used (for a derived row, the computed value)
    unit: str
    source: str
    as_of: date | None
    formula: str | None = None  # derived rows: an Excel formula over other names

    @property
    def from_plan(self) -> bool:
        return self.source == PLAN_SOURCE


@dataclass(frozen=True)
class FormulaRow:
    """A row only the workbook shows: its value is whatever its formula gives there."""

    name: str
    section: str
    label: str
    unit: str
    formula: str
    source: str = DERIVED_SOURCE
    as_of: None = None


BookRow = AssumptionRow | FormulaRow


@dataclass
class InputBook:
    """Rows in the order they are registered; a name is registered once."""

    rows: list[BookRow] = field(default_factory=list)
    _names: set[str] = field(default_factory=set)

    def add(
        self,
        name: str,
        section: str,
        label: str,
        value: float | str,
        unit: str,
        source: str = PLAN_SOURCE,
        as_of: date | None = None,
        formula: str | None = None,
    ) -> str:
        """An input row (or, with ``formula``, a derived one whose value is shown too)."""
        return self._register(
            AssumptionRow(excel_name(name), section, label, value, unit, source, as_of, formula)
        )

    def derived(
        self, name: str, section: str, label: str, value: float, unit: str, formula: str
    ) -> str:
        """A row computed from others: the engine's value (for the PDF), and the formula the
        workbook uses."""
        return self.add(name, section, label, value, unit, DERIVED_SOURCE, None, formula)

    def formula(self, name: str, section: str, label: str, unit: str, formula: str) -> str:
        """A row computed from others that only the workbook shows, as a formula."""
        return self._register(FormulaRow(excel_name(name), section, label, unit, formula))

    def _register(self, row: BookRow) -> str:
        if row.name not in self._names:
            self._names.add(row.name)
            self.rows.append(row)
        return row.name


def excel_name(text: str) -> str:
    """A valid workbook name: letters, digits and underscores, not starting with a digit."""
    name = re.sub(r"[^A-Za-z0-9]", "_", text)
    return name if name[:1].isalpha() else f"n_{name}"


def effective_inputs(plan: Plan, rates: RateBook) -> Inputs:
    """The engine's view of the plan: the rate tables with the plan's overrides applied."""
    return Inputs(plan, with_overrides(rates, plan.rate_overrides, "plan rate_overrides"))


def add_plan_rows(book: InputBook, inputs: Inputs) -> None:
    """The plan's own numbers: volume, request size, growth, buffer, horizon, levers."""
    plan, levers = inputs.plan, inputs.levers
    work, needs = plan.workload, plan.needs
    rows: tuple[tuple[str, str, float, str], ...] = (
        ("requests_per_day", _("Requests a day"), work.requests_per_day, _("requests")),
        ("days_per_month", _("Working days a month"), work.days_per_month, _("days")),
        (
            "business_hours_per_day",
            _("Business hours a day"),
            work.business_hours_per_day,
            _("hours"),
        ),
        ("input_tokens", _("Tokens sent per request"), work.input_tokens, _("tokens")),
        ("output_tokens", _("Tokens answered per request"), work.output_tokens, _("tokens")),
        ("calls_per_request", _("Model calls per request"), work.calls_per_request, _("calls")),
        ("growth_pct_per_month", _("Growth a month"), work.growth_pct_per_month, "%"),
        (
            "buffer_pct",
            _("Buffer for retries and longer conversations"),
            work.buffer_pct,
            "%",
        ),
        ("horizon_months", _("Budget horizon"), plan.horizon_months, _("months")),
        (
            "prompt_cache_share",
            _("Share of input read from the prompt cache"),
            levers.prompt_cache_share,
            _("share"),
        ),
        (
            "semantic_cache_hit_rate",
            _("Requests answered from the semantic cache"),
            levers.semantic_cache_hit_rate,
            _("share"),
        ),
        ("batch_share", _("Share sent through a batch API"), levers.batch_share, _("share")),
        (
            "routing_share",
            _("Share a hybrid answers on its own server"),
            levers.routing_share,
            _("share"),
        ),
        (
            "always_on",
            _("Runs around the clock (1 = yes)"),
            int(needs.availability == "always_on"),
            "0/1",
        ),
        (
            "batch_latency",
            _("Overnight batch work (1 = yes)"),
            int(needs.latency == "batch"),
            "0/1",
        ),
    )
    section = _("Your plan")
    for name, label, value, unit in rows:
        book.add(name, section, label, value, unit)


def add_local_rows(book: InputBook, inputs: Inputs) -> None:
    """Exchange rates, electricity and the hourly rate of whoever runs the system."""
    rates, plan = inputs.rates, inputs.plan
    section = _("Local prices")
    power = electricity_row(rates, plan.country)
    staff = staff_row(rates, plan.country, plan.needs.it_capacity)
    for code in dict.fromkeys((plan.currency, "USD", power.currency, staff.currency)):
        row = rates.currency(code)
        book.add(
            f"fx_{code}",
            section,
            _("{code} per euro").format(code=code),
            row.per_eur,
            code,
            row.source,
            row.as_of,
        )
    _add_electricity_rows(book, inputs, section)
    _add_staff_rows(book, inputs, section)
    book.derived(
        "usd_rate",
        section,
        _("US dollar → budget currency"),
        inputs.usd_rate,
        _("ratio"),
        _fx_formula("USD", plan.currency),
    )


def _add_electricity_rows(book: InputBook, inputs: Inputs, section: str) -> None:
    power = electricity_row(inputs.rates, inputs.plan.country)
    book.add(
        "electricity_price",
        section,
        _("Electricity ({country})").format(country=power.country),
        power.price_per_kwh,
        f"{power.currency}/kWh",
        power.source,
        power.as_of,
    )
    book.derived(
        "electricity_fx",
        section,
        _("Electricity price currency → budget currency"),
        inputs.prices.electricity_per_kwh / power.price_per_kwh,
        _("ratio"),
        _fx_formula(power.currency, inputs.plan.currency),
    )


def _add_staff_rows(book: InputBook, inputs: Inputs, section: str) -> None:
    plan = inputs.plan
    staff = staff_row(inputs.rates, plan.country, plan.needs.it_capacity)
    book.add(
        "staff_rate",
        section,
        _("Hourly rate ({role}, {country})").format(
            role=role_name(staff.role), country=country_name(staff.country)
        ),
        staff.hourly_rate,
        f"{staff.currency}/h",
        staff.source,
        staff.as_of,
    )
    book.add(
        "it_external",
        section,
        _("Run by an outside company (1 = yes)"),
        int(plan.needs.it_capacity in ("none", "external_provider")),
        "0/1",
    )
    book.derived(
        "staff_hourly",
        section,
        _("Hourly rate in the budget currency"),
        inputs.prices.staff_hourly,
        f"{plan.currency}/h",
        f"staff_rate*{_fx_formula(staff.currency, plan.currency)}",
    )


def _fx_formula(source: str, target: str) -> str:
    if source == target:
        return "1"
    return f"fx_{target}/fx_{source}"


ASSUMPTION_IDS = (
    "maintenance_hours_api",
    "maintenance_hours_gpu_rented",
    "maintenance_hours_gpu_owned",
    "maintenance_hours_local",
    "setup_hours_api",
    "setup_hours_self_hosted",
    "setup_hours_local",
    "maintenance_hours_subscription",
    "setup_hours_subscription",
    "assisted_requests_per_person_day",
    "external_it_min_hours_month",
    "monitoring_usd_month",
    "monitoring_self_hosted_usd_month",
    "fine_tuning_usd",
    "pue",
    "amortisation_months",
    "gpu_host_server_usd",
    "gpu_host_power_w",
    "gpu_host_tower_usd",
    "gpu_host_tower_power_w",
    "gpu_host_workstation_usd",
    "rented_gpu_hours_month",
    "peak_hour_factor",
    "gpu_memory_utilisation",
    "max_batch_sequences",
    "cpu_os_reserve_gb",
    "eu_processing_surcharge_pct",
    "gpu_bandwidth_efficiency",
    "gpu_prefill_efficiency",
    "gpu_decode_compute_efficiency",
    "gpu_reserve_gb",
    "cpu_bandwidth_efficiency",
    "cpu_prefill_efficiency",
    "cpu_max_batch",
    "gpu_idle_power_share",
)


def add_assumption_rows(book: InputBook, inputs: Inputs) -> None:
    """The effort, overhead and calibration figures the engine uses, from the tables."""
    section = _("Effort, overheads and calibration")
    for key in ASSUMPTION_IDS:
        row = inputs.rates.assumption_row(key)
        book.add(key, section, _(row.description), row.value, _(row.unit), row.source, row.as_of)


def base_book(inputs: Inputs) -> InputBook:
    """The rows every export shows, before the rows of each option."""
    book = InputBook()
    add_plan_rows(book, inputs)
    add_local_rows(book, inputs)
    add_assumption_rows(book, inputs)
    return book


def assumption_rows(plan: Plan, rates: RateBook) -> list[AssumptionRow]:
    """Every input and rate an export rests on, with unit, source and date."""
    rows = base_book(effective_inputs(plan, rates)).rows
    return [row for row in rows if isinstance(row, AssumptionRow)]
