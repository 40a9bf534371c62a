"""One rate snapshot for a portfolio: its identity, and every plan priced with it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.engine.estimate import estimate
from planner.model.plan import Plan
from planner.model.portfolio import Portfolio, PortfolioEntry
from planner.model.templates import template
from planner.rates import RateTableError, load_rates, with_overrides
from planner.rates.api_prices import genai_prices_version
from planner.scenarios.portfolio import (
    check_snapshot,
    comparison_rows,
    portfolio_currency,
    price_portfolio,
    snapshot_rates,
    tables_hash,
    take_snapshot,
)

RATES = load_rates()
DAY = date(2026, 12, 3)


def plans(*ids: str) -> list[tuple[Path, Plan]]:
    return [(Path(f"{i}.llmplan"), template(i).plan) for i in ids]


def portfolio_of(pairs: list[tuple[Path, Plan]], overrides: dict | None = None) -> Portfolio:
    return Portfolio(
        plans=[PortfolioEntry(plan=path.name) for path, _ in pairs],
        rates=take_snapshot(RATES, overrides or {}, DAY),
    )


def test_the_snapshot_names_the_tables_by_content_and_date() -> None:
    snapshot = take_snapshot(RATES, {}, DAY)
    assert snapshot.taken == DAY
    assert snapshot.genai_prices == genai_prices_version()
    newest_gpu_row = max(row.as_of for row in RATES.gpus)
    assert snapshot.table_dates["gpus"] == newest_gpu_row
    assert snapshot.tables_as_of == max(snapshot.table_dates.values())
    assert snapshot.tables_hash == tables_hash(load_rates())  # the same tables, the same hash
    cheaper = with_overrides(RATES, {"gpus": {"l4": {"purchase_usd": 1234.0}}})
    assert tables_hash(cheaper) != snapshot.tables_hash
    assert check_snapshot(snapshot, RATES).same
    assert not check_snapshot(snapshot, cheaper).tables_match


def test_a_change_that_does_not_apply_is_refused_when_the_snapshot_is_taken() -> None:
    with pytest.raises(RateTableError, match="no row 'no-such-gpu'"):
        take_snapshot(RATES, {"gpus": {"no-such-gpu": {"purchase_usd": 1.0}}}, DAY)


def test_every_plan_is_priced_as_its_own_estimate() -> None:
    pairs = plans("customer_email", "support_agent", "document_analysis")
    priced = price_portfolio(portfolio_of(pairs), pairs, RATES)
    for (_path, plan), company in zip(pairs, priced.companies, strict=True):
        alone = estimate(plan, RATES)
        assert company.result.recommendation == alone.recommendation
        assert company.result.recommended == alone.recommended
        assert company.result.break_even == alone.break_even


def test_the_advisors_changes_price_every_plan() -> None:
    """Prices the advisor set (each company's recommended API at 100 USD per million tokens)
    apply to every company, so none is recommended any of them any more."""
    pairs = plans("document_analysis", "content_generation", "voice_agent")
    chosen = {str(estimate(plan, RATES).recommendation.option_id) for _path, plan in pairs}
    assert all(option.startswith("api:") for option in chosen)  # the premise
    dear = {"input_mtok_usd_override": 100.0, "output_mtok_usd_override": 100.0}
    overrides = {"api_models": {option.removeprefix("api:"): dear for option in chosen}}
    priced = price_portfolio(portfolio_of(pairs, overrides), pairs, RATES)
    assert not chosen & {str(c.result.recommendation.option_id) for c in priced.companies}
    book = snapshot_rates(priced.portfolio.rates, RATES)
    for option in chosen:
        assert book.api_model(option.removeprefix("api:")).input_mtok_usd_override == 100.0
    assert priced.rates == book


def test_the_portfolio_compares_in_one_currency() -> None:
    pairs = plans("customer_email", "support_agent")
    pln = [(path, plan.model_copy(update={"currency": "PLN"})) for path, plan in pairs]
    mixed = [pln[0], pairs[1], (Path("support_agent_pln.llmplan"), pln[1][1])]
    assert portfolio_currency([plan for _, plan in mixed]) == "PLN"  # most plans use it
    assert portfolio_currency([pairs[0][1], pln[0][1]]) == "EUR"  # a tie: the first plan's
    assert portfolio_currency([plan for _, plan in mixed], "USD") == "USD"
    priced = price_portfolio(portfolio_of(mixed), mixed, RATES)
    assert priced.currency == "PLN"
    assert {c.result.currency for c in priced.companies} == {"PLN"}
    in_pln = estimate(pairs[1][1].model_copy(update={"currency": "PLN"}), RATES)
    assert priced.companies[1].result.recommended == in_pln.recommended


def test_a_row_reads_its_figures_from_the_result() -> None:
    pairs = plans("support_agent")
    priced = price_portfolio(portfolio_of(pairs), pairs, RATES)
    (row,) = comparison_rows(priced)
    best = priced.companies[0].result.recommended
    assert best is not None and row.recommended == best
    assert row.people_time_share == pytest.approx(best.line("staff").monthly / best.monthly_cost)
    assert row.people_hours == best.people_hours_per_month > 0
    work = pairs[0][1].workload
    expected = best.monthly_cost / (work.requests_per_day * work.days_per_month)
    assert row.cost_per_request == pytest.approx(expected)
    assert row.use_case == "support_agent"
    plan = pairs[0][1]
    assert (row.data_sensitivity, row.it_capacity) == (
        plan.needs.data_sensitivity,
        plan.needs.it_capacity,
    )
    assert row.company == plan.name  # no company: the plan's name
