"""The rate-table rows an exported budget used, for its Rates sheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel

from planner.export.shown import hybrid_parts, option_rows
from planner.model.result import EstimateResult, Option
from planner.rates import RateBook, row_key
from planner.words.fields import field_title
from planner.words.i18n import _
from planner.words.names import country_name, role_name

SKIPPED_FIELDS = {
    "source",
    "as_of",
    "price_source",
    "price_as_of",
    "label",
    "id",
    "notes",
    "description",
}


@dataclass(frozen=True)
class RateRow:
    table: str
    row: str
    values: str
    source: str
    as_of: date


def _describe(table: str, row: BaseModel) -> RateRow:
    fields = row.model_dump()
    values = "; ".join(
        f"{field_title(k)}: {_value(k, v)}"
        for k, v in fields.items()
        if k not in SKIPPED_FIELDS and v is not None
    )
    return RateRow(table, row_name(row), values, str(fields["source"]), fields["as_of"])


def row_name(row: BaseModel) -> str:
    """What a row is, for a reader: its name, its description, or the role and country."""
    for field in ("label", "plan", "description"):
        text = getattr(row, field, None)
        if isinstance(text, str) and text:
            return _(text) if field == "description" else text
    country = str(getattr(row, "country", ""))
    if hasattr(row, "role"):
        return f"{role_name(str(getattr(row, 'role', '')))}, {country_name(country)}"
    if country and hasattr(row, "price_per_kwh"):
        return country_name(country)
    return row_key(row)


def _value(field: str, value: object) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field == "role":
        return role_name(str(value))
    if field == "country":
        return country_name(str(value))
    return str(value)


def _single_options(result: EstimateResult, shown: list[Option]) -> list[Option]:
    singles: list[Option] = []
    for option in shown:
        parts = list(hybrid_parts(option, result)) if option.kind == "hybrid" else [option]
        singles += [p for p in parts if p not in singles]
    return singles


def used_rate_rows(rates: RateBook, result: EstimateResult, shown: list[Option]) -> list[RateRow]:
    """Rows behind the shown options, then the context and assumption tables."""
    found: list[RateRow] = []
    seen: set[tuple[str, str]] = set()

    def add(table: str, row: BaseModel | None) -> None:
        if row is None or (table, row_key(row)) in seen:
            return
        seen.add((table, row_key(row)))
        found.append(_describe(table, row))

    for option in _single_options(result, shown):
        rows = option_rows(option, rates)
        add("api_models", rows.api)
        add("open_models", rows.open_model)
        add("gpus", rows.gpu)
        add("gpu_cloud_prices", rows.cloud)
        add("local_machines", rows.machine)
        add("subscriptions", rows.subscription)
    for table in ("electricity", "currencies", "staff_rates", "assumptions", "calibration"):
        for row in rates.table(table):
            add(table, row)
    return found
