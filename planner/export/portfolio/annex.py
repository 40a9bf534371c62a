"""The market-research annex: for each cost item of the recommended option, priced offers.

Grant rules for digitalisation projects ask for market research: several priced offers
per cost item, each with its source and the date of its price, none much older than the
application. The planner already holds such offers in its rate tables — every API model
and seat subscription of the shortlist, every cloud offer of a GPU, every machine one can
buy — and the engine has costed most of them for the plan. Here the recommended option's
purchasable items are listed with the offers that compete with them
(``annex_offers``), and its other costs (staff, electricity, tools) with the rates they
rest on. Nothing is costed here: amounts are the engine's, prices are the tables'.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from planner.model.plan import Plan
from planner.model.result import Category, EstimateResult, Option
from planner.rates import RateBook
from planner.rates.local_prices import electricity_row, staff_row
from planner.words.sources import cite

ALTERNATIVES = 3  # offers besides the chosen one: three quotes per item, as grants ask
STALE_MONTHS = 6
PriceUnit = Literal["per_mtok", "per_seat_month", "per_gpu_hour", "purchase"]
RateKind = Literal[
    "hourly_rate", "upkeep_hours", "setup_hours", "electricity", "monitoring", "fine_tuning"
]


@dataclass(frozen=True)
class Offer:
    """One priced offer for an item.

    ``price`` is in ``currency`` per ``unit`` (``second_price`` is an API's price of output
    tokens); ``amount`` is what the engine costed this item at for the plan, where it
    did: a month's cost, or the one-off cost when ``once``.
    """

    label: str
    price: float | None
    second_price: float | None
    currency: str
    unit: PriceUnit
    amount: float | None
    once: bool
    source: str
    as_of: date
    chosen: bool
    meets_needs: bool
    stale: bool


@dataclass(frozen=True)
class AnnexItem:
    """A purchasable cost item of the recommended option and its offers, chosen first."""

    category: Category
    offers: tuple[Offer, ...]

    @property
    def enough(self) -> bool:
        """Whether the chosen offer has as many competitors as the rules ask for."""
        return len(self.offers) > ALTERNATIVES


@dataclass(frozen=True)
class RestingRate:
    """A cost of the recommended option that rests on a rate rather than an offer."""

    category: Category
    monthly: float
    one_off: float
    what: RateKind
    detail: str  # the staff role or the country; "" for an assumed figure
    value: float | None  # the assumed figure, in ``unit``
    unit: str
    source: str
    as_of: date
    stale: bool


@dataclass(frozen=True)
class Annex:
    """One company's annex: its items with their offers, its other costs' rates, its date."""

    items: tuple[AnnexItem, ...]
    rates: tuple[RestingRate, ...]
    day: date

    @property
    def stale_count(self) -> int:
        """How many prices in the annex are too old."""
        offers = [o for item in self.items for o in item.offers]
        return sum(o.stale for o in offers) + sum(r.stale for r in self.rates)


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the month's last day where it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for candidate in range(day.day, 0, -1):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    raise AssertionError("every month has a first day")


def is_stale(as_of: date, day: date) -> bool:
    """Whether a price dated ``as_of`` is more than six months older than ``day``."""
    return as_of < months_before(day, STALE_MONTHS)


def readable_source(source: str) -> str:
    """A source as a reader cites it (notes for the tables' maintainers left out)."""
    return cite(source)


def market_research(plan: Plan, result: EstimateResult, rates: RateBook, day: date) -> Annex:
    """The annex for one plan's recommended option; empty when nothing is recommended.

    Args:
        plan: the plan as priced.
        result: its estimate (every option, the recommended one among them).
        rates: the rate book the estimate used (the plan's own overrides not yet applied).
        day: the document's date, against which prices are checked for age.
    """
    from planner.export.portfolio.annex_offers import Offers, parts_of
    from planner.rates import with_overrides

    best = result.recommended
    if best is None:
        return Annex((), (), day)
    book = with_overrides(rates, plan.rate_overrides, "plan rate_overrides")
    parts = parts_of(best, result)
    items = Offers(plan, result, book, day).items(parts)
    return Annex(tuple(items), tuple(resting_rates(plan, book, best, parts, day)), day)


_RateRow = tuple[RateKind, str, float | None, str, str, date]  # what, detail, value, unit, …


def resting_rates(
    plan: Plan, rates: RateBook, best: Option, parts: Iterable[Option], day: date
) -> list[RestingRate]:
    """The recommended option's other costs and the rate rows each rests on."""
    found: list[RestingRate] = []
    for category, rows in _rate_rows(plan, rates, [upkeep_kind(p) for p in parts]).items():
        line = best.line(category)
        if line.monthly <= 0 and line.one_off <= 0:
            continue
        for what, detail, value, unit, source, as_of in dict.fromkeys(rows):
            found.append(
                RestingRate(
                    category=category,
                    monthly=line.monthly,
                    one_off=line.one_off,
                    what=what,
                    detail=detail,
                    value=value,
                    unit=unit,
                    source=readable_source(source),
                    as_of=as_of,
                    stale=is_stale(as_of, day),
                )
            )
    return found


def _rate_rows(plan: Plan, rates: RateBook, kinds: list[str]) -> dict[Category, list[_RateRow]]:
    """For each category that rests on rates, the rows it rests on."""
    staff = staff_row(rates, plan.country, plan.needs.it_capacity)
    power = electricity_row(rates, plan.country)
    hourly: _RateRow = ("hourly_rate", staff.role, None, "", staff.source, staff.as_of)

    def assumed(what: RateKind, key: str) -> _RateRow:
        row = rates.assumption_row(key)
        return what, "", row.value, row.unit, row.source, row.as_of

    return {
        "staff": [hourly, *(assumed("upkeep_hours", f"maintenance_hours_{k}") for k in kinds)],
        "setup": [hourly, *(assumed("setup_hours", f"setup_hours_{_setup(k)}") for k in kinds)],
        "power": [("electricity", power.country, None, "", power.source, power.as_of)],
        "monitoring_and_tools": [assumed("monitoring", _monitoring(k)) for k in kinds],
        "fine_tuning": [assumed("fine_tuning", "fine_tuning_usd")],
    }


def upkeep_kind(option: Option) -> str:
    """Which upkeep figures a single option rests on: api, subscription, gpu_rented,
    gpu_owned or local."""
    if option.kind in ("api", "subscription"):
        return option.kind
    if option.kind == "cpu":
        return "local"
    return f"gpu_{option.ownership}"


def _setup(kind: str) -> str:
    return kind if kind in ("api", "subscription", "local") else "self_hosted"


def _monitoring(kind: str) -> str:
    return "monitoring_self_hosted_usd_month" if kind.startswith("gpu") else "monitoring_usd_month"
