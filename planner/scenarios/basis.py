"""The numbers a result rests on, with their sources, and how to change one for a plan.

Pure Python (no Qt): it reads the plan, the result's shown options and the rate tables, and
never computes a cost.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.model.figures import set_at_path
from planner.model.plan import Plan
from planner.model.result import EstimateResult, Option
from planner.rates import RateBook, row_key, with_overrides
from planner.rates.api_prices import UnknownApiModel, genai_prices_version, list_prices_per_mtok
from planner.rates.local_prices import electricity_row, staff_row
from planner.rates.schema import ApiModel, Subscription
from planner.rates.units import language_factor
from planner.words.i18n import _
from planner.words.names import it_name

PRICE_FIELDS = ("input_mtok_usd_override", "output_mtok_usd_override")
# Assumptions shown first: the ones a business is most likely to question.
FIRST_ASSUMPTIONS = (
    "amortisation_months",
    "maintenance_hours_api",
    "maintenance_hours_gpu_rented",
    "maintenance_hours_gpu_owned",
    "maintenance_hours_local",
    "setup_hours_api",
    "setup_hours_self_hosted",
    "setup_hours_local",
    "pue",
)


@dataclass(frozen=True)
class BasisItem:
    """One number: where it comes from, and where a change for this plan is stored."""

    group: str
    label: str
    value: float
    unit: str
    source: str
    as_of: date | None
    target: tuple[str, ...]  # ("rate", table, row key, field) or ("plan", dotted path)
    changed: bool = False
    description: str = ""


def shown_options(result: EstimateResult) -> list[Option]:
    """The options the result shows side by side, recommended first."""
    return result.shown


def basis_items(plan: Plan, result: EstimateResult, rates: RateBook) -> list[BasisItem]:
    """Every number behind the options shown, then the plan's own figures and assumptions.

    ``rates`` are the tables without this plan's changes; the plan's changes are applied here
    and marked, so a change can be seen and undone."""
    book = with_overrides(rates, plan.rate_overrides, "plan rate_overrides")
    changed = _changed_fields(plan)
    items: list[BasisItem] = []
    for option in shown_options(result):
        items += _option_items(option, book, plan)
    items += _local_items(plan, book)
    items += _plan_items(plan, book)
    items += _assumption_items(book)
    unique: dict[tuple[str, ...], BasisItem] = {}
    for item in items:
        unique.setdefault(item.target, item)
    return [_mark(item, changed) for item in unique.values()]


def _changed_fields(plan: Plan) -> set[tuple[str, ...]]:
    return {
        ("rate", table, key, field)
        for table, rows in plan.rate_overrides.items()
        for key, fields in rows.items()
        for field in fields
    }


def _mark(item: BasisItem, changed: set[tuple[str, ...]]) -> BasisItem:
    if item.target in changed:
        return BasisItem(**{**item.__dict__, "changed": True})
    return item


def _option_items(option: Option, book: RateBook, plan: Plan) -> list[BasisItem]:
    items: list[BasisItem] = []
    if option.kind == "api":
        items += _api_items(book.api_model(option.id.removeprefix("api:")), plan)
    elif option.kind == "hybrid":
        api_id = str(option.details.get("api_option_id", "")).removeprefix("api:")
        if api_id:
            items += _api_items(book.api_model(api_id), plan)
    if option.kind == "subscription":
        items += _seat_items(book.subscription(option.id.removeprefix("sub:")))
    if option.ownership == "rented" and option.hardware:
        items += _rental_items(option, book)
    if option.ownership in ("owned", "mixed") and option.hardware:
        items += _purchase_items(option.hardware, book)
    return items


def _api_items(row: ApiModel, plan: Plan) -> list[BasisItem]:
    group = _("Prices of AI services")
    unit = _("USD per million tokens")
    if row.input_mtok_usd_override is not None:
        prices = {
            "input_mtok": row.input_mtok_usd_override,
            "output_mtok": row.output_mtok_usd_override or 0.0,
        }
        source, as_of = row.source, row.as_of
    else:
        try:
            prices = list_prices_per_mtok(row.provider, row.model, plan.start_date or date.today())
        except UnknownApiModel:
            return []
        source = _(
            "Pydantic, genai-prices {version}, the open price list of AI services, "
            "https://github.com/pydantic/genai-prices"
        ).format(version=genai_prices_version())
        as_of = None
    return [
        BasisItem(
            group,
            _("{model}: reading").format(model=row.label),
            prices.get("input_mtok", 0.0),
            unit,
            source,
            as_of,
            ("rate", "api_models", row.id, PRICE_FIELDS[0]),
        ),
        BasisItem(
            group,
            _("{model}: writing").format(model=row.label),
            prices.get("output_mtok", 0.0),
            unit,
            source,
            as_of,
            ("rate", "api_models", row.id, PRICE_FIELDS[1]),
        ),
    ]


def _seat_items(row: Subscription) -> list[BasisItem]:
    """A subscription's price per seat: month to month where it is sold so, else by the year."""
    field = (
        "monthly_billing_per_seat" if row.monthly_billing_per_seat else "annual_billing_per_seat"
    )
    price = row.monthly_billing_per_seat or row.annual_billing_per_seat or 0.0
    return [
        BasisItem(
            _("Prices of AI services"),
            _("{plan}: a seat a month").format(plan=row.plan),
            price,
            _("{currency} per person").format(currency=row.currency),
            row.source,
            row.as_of,
            ("rate", "subscriptions", row.id, field),
        )
    ]


def _rental_items(option: Option, book: RateBook) -> list[BasisItem]:
    provider = option.details.get("cloud_provider")
    for row in book.gpu_cloud_prices:
        if row.gpu == option.hardware and row.provider == provider:
            gpu = book.gpu(row.gpu)
            return [
                BasisItem(
                    _("Servers and hardware"),
                    _("Renting one {gpu} at {provider}").format(
                        gpu=gpu.label, provider=row.provider
                    ),
                    row.hourly_usd,
                    _("USD an hour"),
                    row.source,
                    row.as_of,
                    ("rate", "gpu_cloud_prices", row_key(row), "hourly_usd"),
                )
            ]
    return []


def _purchase_items(hardware: str, book: RateBook) -> list[BasisItem]:
    group = _("Servers and hardware")
    for gpu in book.gpus:
        if gpu.id == hardware:
            return [
                BasisItem(
                    group,
                    _("Buying one {gpu}").format(gpu=gpu.label),
                    gpu.purchase_usd,
                    "USD",
                    gpu.price_source,
                    gpu.price_as_of,
                    ("rate", "gpus", gpu.id, "purchase_usd"),
                )
            ]
    for machine in book.local_machines:
        if machine.id == hardware:
            return [
                BasisItem(
                    group,
                    _("Buying one {machine}").format(machine=machine.label),
                    machine.purchase_usd,
                    "USD",
                    machine.source,
                    machine.as_of,
                    ("rate", "local_machines", machine.id, "purchase_usd"),
                )
            ]
    return []


def _local_items(plan: Plan, book: RateBook) -> list[BasisItem]:
    group = _("Electricity, staff and currency")
    power = electricity_row(book, plan.country)
    staff = staff_row(book, plan.country, plan.needs.it_capacity)
    items = [
        BasisItem(
            group,
            _("Electricity ({country})").format(country=power.country),
            power.price_per_kwh,
            _("{currency} per kWh").format(currency=power.currency),
            power.source,
            power.as_of,
            ("rate", "electricity", row_key(power), "price_per_kwh"),
        ),
        BasisItem(
            group,
            _("An hour of IT work ({who}, {country})").format(
                who=it_name(plan.needs.it_capacity), country=staff.country
            ),
            staff.hourly_rate,
            _("{currency} an hour").format(currency=staff.currency),
            staff.source,
            staff.as_of,
            ("rate", "staff_rates", row_key(staff), "hourly_rate"),
        ),
    ]
    for code in dict.fromkeys(("USD", plan.currency)):
        if code == "EUR":
            continue
        rate = book.currency(code)
        items.append(
            BasisItem(
                group,
                _("Euro in {code}").format(code=code),
                rate.per_eur,
                _("{code} per euro").format(code=code),
                rate.source,
                rate.as_of,
                ("rate", "currencies", rate.code, "per_eur"),
            )
        )
    return items


def _plan_items(plan: Plan, book: RateBook) -> list[BasisItem]:
    group = _("Your plan")
    buffer = book.assumption_row("buffer_pct")
    words = language_factor(book, plan.workload.language)
    return [
        BasisItem(
            group,
            _("Safety margin on the amount of work"),
            plan.workload.buffer_pct,
            "%",
            buffer.source,
            buffer.as_of,
            ("plan", "workload.buffer_pct"),
            changed=plan.workload.buffer_pct != buffer.value,
            description=_(buffer.description),
        ),
        BasisItem(
            group,
            _("Tokens per word ({language})").format(language=words.code),
            words.tokens_per_word,
            _("tokens"),
            words.source,
            words.as_of,
            ("rate", "languages", words.code, "tokens_per_word"),
        ),
    ]


def _assumption_items(book: RateBook) -> list[BasisItem]:
    rows = sorted(
        book.assumptions,
        key=lambda r: (
            r.id not in FIRST_ASSUMPTIONS,
            FIRST_ASSUMPTIONS.index(r.id) if r.id in FIRST_ASSUMPTIONS else 0,
        ),
    )
    return [
        BasisItem(
            _("Rules of thumb"),
            _short(_(row.description)),
            row.value,
            _(row.unit),
            row.source,
            row.as_of,
            ("rate", "assumptions", row.id, "value"),
            description=_(row.description),
        )
        for row in rows
        if row.id != "buffer_pct"  # the plan's own margin is shown instead
    ]


def _short(description: str, limit: int = 90) -> str:
    first = description.split(". ")[0].split(": ")[0].rstrip(".")
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"


def with_value(
    plan: Plan, rates: RateBook, target: tuple[str, ...], value: float
) -> dict[str, Any]:
    """Plan data with one number changed for this plan (validate it before keeping it)."""
    data = plan.model_dump()
    if target[0] == "plan":
        return with_value_path(data, target[1], value)
    _, table, key, field = target
    overrides = copy.deepcopy(data["rate_overrides"])
    fields = overrides.setdefault(table, {}).setdefault(key, {})
    fields[field] = value
    if table == "api_models" and field in PRICE_FIELDS:
        _complete_price_pair(fields, rates, plan, key)
    data["rate_overrides"] = overrides
    return data


def _complete_price_pair(fields: dict[str, Any], rates: RateBook, plan: Plan, key: str) -> None:
    """A price override replaces the whole list price, so the other half is set too."""
    row = rates.api_model(key)
    missing = [f for f in PRICE_FIELDS if f not in fields]
    if not missing:
        return
    for item in _api_items(row, plan):
        if item.target[3] in missing:
            fields[item.target[3]] = item.value


def without_change(plan: Plan, target: tuple[str, ...], default: float) -> dict[str, Any]:
    """Plan data with a change for this plan undone (``default`` for the plan's own fields)."""
    data = plan.model_dump()
    if target[0] == "plan":
        return with_value_path(data, target[1], default)
    _, table, key, field = target
    rows = data["rate_overrides"].get(table, {})
    fields = rows.get(key, {})
    fields.pop(field, None)
    if table == "api_models" and field in PRICE_FIELDS:
        for other in PRICE_FIELDS:
            fields.pop(other, None)
    if not fields:
        rows.pop(key, None)
    if not rows:
        data["rate_overrides"].pop(table, None)
    return data


def with_value_path(data: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    """Set the value at a dotted path of a plan's data, in place (see ``set_at_path``)."""
    return set_at_path(data, dotted, value)


def check_overrides(rates: RateBook, data: dict[str, Any]) -> None:
    """Raise ``RateTableError`` naming the value when a change is not allowed."""
    with_overrides(rates, data.get("rate_overrides") or {}, _("this plan's changes"))
