"""Workshop timings: a portfolio of 20 plans estimated, and its workbook and PDF written."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from bench.harness import Measured, median_time
from planner.export.portfolio.files import export_portfolio
from planner.model.plan import Plan
from planner.model.portfolio import Portfolio, PortfolioEntry
from planner.model.templates import load_templates
from planner.rates import load_rates
from planner.scenarios.portfolio import price_portfolio, take_snapshot

COMPANIES = 20


def plans() -> list[tuple[Path, Plan]]:
    """Twenty companies: the templates again and again, each at its own volume."""
    templates = load_templates()
    found = []
    for index in range(COMPANIES):
        plan = templates[index % len(templates)].plan
        volume = plan.workload.requests_per_day * (1 + index * 0.37)
        workload = plan.workload.model_copy(update={"requests_per_day": volume})
        company = plan.model_copy(update={"company": f"Company {index + 1}", "workload": workload})
        found.append((Path(f"company-{index + 1}.llmplan"), company))
    return found


def run() -> list[Measured]:
    rates = load_rates()
    pairs = plans()
    portfolio = Portfolio(
        plans=[PortfolioEntry(plan=path.name) for path, _plan in pairs],
        rates=take_snapshot(rates, {}, date.today()),
    )
    priced = price_portfolio(portfolio, pairs, rates)
    estimated = median_time(lambda: price_portfolio(portfolio, pairs, rates), repeats=5)
    with tempfile.TemporaryDirectory() as folder:
        xlsx, pdf = Path(folder) / "day.xlsx", Path(folder) / "day.pdf"
        written = median_time(lambda: export_portfolio(priced, xlsx=xlsx, pdf=pdf), repeats=3)
    return [
        Measured(f"portfolio of {COMPANIES} plans, every one estimated", estimated, 1.0),
        Measured(f"portfolio of {COMPANIES} plans, workbook + PDF written", written, 10.0),
    ]
