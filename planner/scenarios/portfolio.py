"""Several companies' plans priced on one rate snapshot, and the row each one shows.

Every plan of a portfolio is estimated with the same rate book: the rate tables (bundled,
or a folder of them) with the advisor's changes from the snapshot on top; a plan's own
``rate_overrides`` still apply to it alone, as they do when it is estimated by itself.
The rows here are numbers and codes; words are made where they are shown.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import cast

from planner.engine.estimate import estimate
from planner.model.plan import Plan
from planner.model.portfolio import Portfolio, PortfolioEntry, RateSnapshot
from planner.model.result import BreakEven, EstimateResult, Option
from planner.rates import RateBook, RateOverrides, with_overrides
from planner.rates.api_prices import genai_prices_version
from planner.rates.loader import TABLE_SCHEMAS
from planner.rates.schema import SourcedRow

SNAPSHOT_LABEL = "workshop rate changes"


def tables_hash(tables: RateBook) -> str:
    """SHA-256 of every row of every table, in a fixed order: equal for equal tables."""
    content = {
        name: [row.model_dump(mode="json") for row in tables.table(name)] for name in TABLE_SCHEMAS
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def table_dates(tables: RateBook) -> dict[str, date]:
    """The newest ``as_of`` of each table's rows."""
    dated = {name: cast(tuple[SourcedRow, ...], tables.table(name)) for name in TABLE_SCHEMAS}
    return {name: max(row.as_of for row in rows) for name, rows in dated.items()}


def take_snapshot(tables: RateBook, overrides: RateOverrides, today: date) -> RateSnapshot:
    """The identity of ``tables`` with the advisor's ``overrides``, taken on ``today``.

    Raises:
        RateTableError: an override does not apply to ``tables`` (naming table, row, field).
    """
    with_overrides(tables, overrides, SNAPSHOT_LABEL)  # refuse what could not be priced
    dates = table_dates(tables)
    return RateSnapshot(
        taken=today,
        tables_as_of=max(dates.values()),
        tables_hash=tables_hash(tables),
        table_dates=dates,
        genai_prices=genai_prices_version(),
        overrides=overrides,
    )


def snapshot_rates(snapshot: RateSnapshot, tables: RateBook) -> RateBook:
    """The one rate book every plan of the portfolio is priced with.

    Raises:
        RateTableError: a change in the snapshot no longer applies to ``tables``.
    """
    return with_overrides(tables, snapshot.overrides, SNAPSHOT_LABEL)


@dataclass(frozen=True)
class SnapshotCheck:
    """Whether the tables and genai-prices in use now are those the snapshot names."""

    tables_match: bool
    genai_prices_match: bool
    tables_as_of_now: date
    genai_prices_now: str

    @property
    def same(self) -> bool:
        """Both the tables and genai-prices are those of the snapshot."""
        return self.tables_match and self.genai_prices_match


def check_snapshot(snapshot: RateSnapshot, tables: RateBook) -> SnapshotCheck:
    """Compare a saved snapshot with the tables and genai-prices in use now."""
    now = genai_prices_version()
    return SnapshotCheck(
        tables_match=tables_hash(tables) == snapshot.tables_hash,
        genai_prices_match=now == snapshot.genai_prices,
        tables_as_of_now=max(table_dates(tables).values()),
        genai_prices_now=now,
    )


def portfolio_currency(plans: Sequence[Plan], requested: str | None = None) -> str:
    """The one currency a portfolio compares in: the one asked for, else the one most plans
    use (the first plan's on a tie); EUR for an empty portfolio."""
    if requested:
        return requested
    counts = Counter(plan.currency for plan in plans)
    if not counts:
        return "EUR"
    most = max(counts.values())
    return next(plan.currency for plan in plans if counts[plan.currency] == most)


@dataclass(frozen=True)
class PricedPlan:
    """One company: its plan file, the plan as priced (in the portfolio's currency), its
    result, and the hub's record of the service."""

    file: Path
    plan: Plan
    result: EstimateResult
    entry: PortfolioEntry

    @property
    def company(self) -> str:
        """How the company is named: its name, else the plan's, else the file's."""
        return self.plan.company.strip() or self.plan.name.strip() or self.file.stem


@dataclass(frozen=True)
class PricedPortfolio:
    """Every plan of a portfolio priced with one rate book, in one currency."""

    portfolio: Portfolio
    companies: tuple[PricedPlan, ...]
    rates: RateBook
    currency: str

    @property
    def day(self) -> date:
        """The portfolio's date: the workshop's day, else the day the rates were taken."""
        return self.portfolio.day or self.portfolio.rates.taken

    @property
    def advisor(self) -> str:
        """Who advised: the workshop's advisor, else the one every plan names (or "")."""
        named = {company.plan.advisor.strip() for company in self.companies}
        return self.portfolio.advisor.strip() or (named.pop() if len(named) == 1 else "")


def in_currency(plan: Plan, currency: str) -> Plan:
    """``plan`` budgeted in ``currency`` (a code the rate book converts)."""
    if plan.currency == currency:
        return plan
    return plan.model_copy(update={"currency": currency})


def price_plan(file: Path, plan: Plan, entry: PortfolioEntry, rates: RateBook) -> PricedPlan:
    """One plan estimated, analysis included, with the portfolio's rate book."""
    return PricedPlan(file, plan, estimate(plan, rates), entry)


def price_portfolio(
    portfolio: Portfolio,
    plans: Sequence[tuple[Path, Plan]],
    tables: RateBook,
    currency: str | None = None,
) -> PricedPortfolio:
    """Estimate every plan with the snapshot's rate book, in one currency.

    Args:
        portfolio: the workshop: its entries (one per plan, in order) and rate snapshot.
        plans: each entry's plan file and plan, already checked against the rates.
        tables: the rate tables the snapshot's changes apply to.
        currency: the currency to compare in; by default ``portfolio.currency``, else
            the one most plans use.

    Raises:
        RateTableError: the snapshot's changes no longer apply to ``tables``.
    """
    rates = snapshot_rates(portfolio.rates, tables)
    chosen = portfolio_currency([plan for _file, plan in plans], currency or portfolio.currency)
    companies = tuple(
        price_plan(file, in_currency(plan, chosen), entry, rates)
        for (file, plan), entry in zip(plans, portfolio.plans, strict=True)
    )
    return PricedPortfolio(portfolio, companies, rates, chosen)


@dataclass(frozen=True)
class ComparisonRow:
    """What the side-by-side view shows of one company (numbers and codes, no words).

    ``people_time_share`` is the share of the recommended option's first month that is
    people's time and ``people_hours`` those hours, as the engine counts them;
    ``cost_per_request`` divides that month's cost by its requests. They are None when no
    option meets the plan's needs.
    """

    file: Path
    company: str
    name: str
    use_case: str  # the template the plan started from, or "" for a plan of its own
    recommended: Option | None
    people_time_share: float | None
    people_hours: float | None
    cost_per_request: float | None
    break_even: BreakEven | None
    requests_per_day: float
    data_sensitivity: str
    it_capacity: str
    currency: str


def comparison_row(priced: PricedPlan) -> ComparisonRow:
    """The side-by-side figures of one company, read from its result."""
    plan, best = priced.plan, priced.result.recommended
    return ComparisonRow(
        file=priced.file,
        company=priced.company,
        name=plan.name,
        use_case=plan.template or "",
        recommended=best,
        people_time_share=best.people_time_share if best is not None else None,
        people_hours=best.people_hours_per_month if best is not None else None,
        cost_per_request=cost_per_request(plan, best),
        break_even=priced.result.break_even,
        requests_per_day=plan.workload.requests_per_day,
        data_sensitivity=plan.needs.data_sensitivity,
        it_capacity=plan.needs.it_capacity,
        currency=priced.result.currency,
    )


def comparison_rows(priced: PricedPortfolio) -> list[ComparisonRow]:
    """One row per company, in the portfolio's order."""
    return [comparison_row(company) for company in priced.companies]


def cost_per_request(plan: Plan, option: Option | None) -> float | None:
    """The first month's cost divided by the first month's requests."""
    if option is None:
        return None
    requests = plan.workload.requests_per_day * plan.workload.days_per_month
    return option.monthly_cost / requests
