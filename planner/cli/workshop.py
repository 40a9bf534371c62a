"""``portfolio``: several plans side by side, priced on one rate snapshot, and exported.

Every plan is read and checked before anything is priced, and everything is priced
before any file is written: a bad plan among good ones prints one line naming its file,
exits with status 2 and leaves no export behind.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from planner.cli.output import print_json
from planner.model.plan import Plan
from planner.model.planfile import PlanError
from planner.model.portfolio import (
    SUFFIX,
    Portfolio,
    PortfolioEntry,
    entry_path,
    load_portfolio,
    plan_file,
    save_portfolio,
)
from planner.model.result import as_dict
from planner.rates import RateBook, load_rates
from planner.rates.plan_rates import open_plan
from planner.scenarios.portfolio import (
    ComparisonRow,
    PricedPortfolio,
    check_snapshot,
    comparison_rows,
    price_portfolio,
    snapshot_rates,
    take_snapshot,
)
from planner.words.formats import day, money, percent
from planner.words.i18n import LANGUAGES, _, set_language, system_language


def add_portfolio_parser(commands: Any) -> None:
    """The ``portfolio`` command and its options."""
    command = commands.add_parser(
        "portfolio", help="several plans side by side, priced with the same rates"
    )
    command.add_argument(
        "plans", nargs="+", type=Path, metavar="PLAN", help=f"plan files, or one {SUFFIX} file"
    )
    command.add_argument("--json", action="store_true", help="print the portfolio as JSON")
    command.add_argument("--xlsx", type=Path, help="write the portfolio workbook")
    command.add_argument("--pdf", type=Path, help="write the portfolio PDF")
    command.add_argument("--csv", type=Path, help="write the anonymised CSV across companies")
    command.add_argument("--lang", help="language of the output: en, pl or uk")
    command.add_argument("--currency", help="compare every plan in this currency, e.g. PLN")
    command.add_argument(
        "--rates-dir",
        dest="portfolio_rates_dir",
        type=Path,
        help="folder of rate tables that replace the bundled ones",
    )
    command.add_argument(
        "--save", type=Path, metavar=f"OUT{SUFFIX}", help="also save the plans as a workshop file"
    )


def run_portfolio(args: argparse.Namespace) -> int:
    """Price the plans, then print and write what was asked for; returns the exit status."""
    if args.lang and args.lang not in LANGUAGES:
        raise ValueError(f"--lang: unknown language {args.lang!r}; choose en, pl or uk")
    set_language(args.lang or system_language())
    tables = load_rates(args.portfolio_rates_dir or args.rates_dir)
    portfolio, files = _portfolio(args.plans, tables)
    book = snapshot_rates(portfolio.rates, tables)
    currency = args.currency.upper() if args.currency else None
    if currency:
        book.currency(currency)  # an unknown currency fails here, naming the known ones
    plans = read_plans(files, book)
    priced = price_portfolio(portfolio, list(zip(files, plans, strict=True)), tables, currency)
    if args.xlsx or args.pdf or args.csv or args.save:
        from planner.export.portfolio.files import check_target, export_portfolio

        if args.save:
            check_target(args.save)
        export_portfolio(priced, xlsx=args.xlsx, pdf=args.pdf, csv=args.csv)
    if args.save:
        save_portfolio(workshop_for(priced, args.save), args.save)
    if args.json:
        print_json(portfolio_json(priced))
    else:
        print_table(priced)
    return 0


def _portfolio(arguments: list[Path], tables: RateBook) -> tuple[Portfolio, list[Path]]:
    """The workshop named, or a new one of the plans given with today's rates."""
    workshops = [path for path in arguments if path.suffix.lower() == SUFFIX]
    if workshops:
        if len(arguments) > 1:
            raise ValueError(f"{workshops[0]}: a workshop file is given alone, without plans")
        return _saved(workshops[0], tables)
    _refuse_repeats(arguments)
    snapshot = take_snapshot(tables, {}, date.today())
    entries = [PortfolioEntry(plan=path.as_posix()) for path in arguments]
    return Portfolio(plans=entries, rates=snapshot), list(arguments)


def _saved(path: Path, tables: RateBook) -> tuple[Portfolio, list[Path]]:
    portfolio = load_portfolio(path)
    check = check_snapshot(portfolio.rates, tables)
    if not check.same:
        print(
            f"warning: {path}: priced with today's rate tables "
            f"(dated up to {check.tables_as_of_now.isoformat()}, genai-prices "
            f"{check.genai_prices_now}), not those it was saved with "
            f"({portfolio.rates.tables_as_of.isoformat()}, genai-prices "
            f"{portfolio.rates.genai_prices})",
            file=sys.stderr,
        )
    return portfolio, [plan_file(entry, path) for entry in portfolio.plans]


def _refuse_repeats(paths: list[Path]) -> None:
    seen: dict[Path, Path] = {}
    for path in paths:
        key = path.resolve()
        if key in seen:
            raise ValueError(f"{path}: given twice (also as {seen[key]})")
        seen[key] = path


def read_plans(files: list[Path], rates: RateBook) -> list[Plan]:
    """Every plan read and checked against the rates; the first bad one stops all, naming
    its file (and how many others are bad too)."""
    plans: list[Plan] = []
    problems: list[str] = []
    for path in files:
        try:
            plans.append(open_plan(path, rates))
        except PlanError as error:
            problems.append(str(error))
    if problems:
        more = len(problems) - 1
        suffix = f" (and {more} more plan{'s' if more > 1 else ''} with problems)" if more else ""
        raise PlanError(problems[0] + suffix)
    return plans


def portfolio_json(priced: PricedPortfolio) -> dict[str, Any]:
    """The documented JSON shape: money rounded to cents, codes rather than words."""
    return {
        "currency": priced.currency,
        "rates_snapshot": priced.portfolio.rates.model_dump(mode="json"),
        "plans": [_row_json(row) for row in comparison_rows(priced)],
    }


def _row_json(row: ComparisonRow) -> dict[str, Any]:
    best = row.recommended
    recommended = None
    if best is not None:
        recommended = {
            "option_id": best.id,
            "kind": best.kind,
            "label": best.label,
            "monthly_cost": round(best.monthly_cost, 2),
            "one_off_cost": round(best.one_off_cost, 2),
            "horizon_cost": round(best.horizon_cost, 2),
        }
    share = row.people_time_share
    return {
        "file": str(row.file),
        "company": row.company,
        "name": row.name,
        "recommended": recommended,
        "people_time_share": None if share is None else round(share, 4),
        "break_even": as_dict(row.break_even) if row.break_even else None,
        "data_sensitivity": row.data_sensitivity,
        "it_capacity": row.it_capacity,
    }


def print_table(priced: PricedPortfolio) -> None:
    """One line per company: the recommended option and what it costs."""
    snapshot = priced.portfolio.rates
    print(
        _("Portfolio of {count} plans — costs in {currency}").format(
            count=len(priced.companies), currency=priced.currency
        )
    )
    print(
        _("Rates of {taken}: tables dated up to {tables}, genai-prices {version}").format(
            taken=day(snapshot.taken),
            tables=day(snapshot.tables_as_of),
            version=snapshot.genai_prices,
        )
    )
    print()
    header = (_("Company"), _("Recommended"), _("Monthly"), _("One-off"), _("Horizon"), _("People"))
    print(
        f"{header[0]:28} {header[1]:44} {header[2]:>14} {header[3]:>14} {header[4]:>16} {header[5]:>7}"
    )
    for row in comparison_rows(priced):
        print(_table_line(row))


def _table_line(row: ComparisonRow) -> str:
    best, cur = row.recommended, row.currency
    if best is None:
        return f"{row.company[:28]:28} {_('No option meets every need')}"
    share = "–" if row.people_time_share is None else percent(row.people_time_share)
    return (
        f"{row.company[:28]:28} {best.label[:44]:44} {money(best.monthly_cost, cur):>14} "
        f"{money(best.one_off_cost, cur):>14} {money(best.horizon_cost, cur):>16} {share:>7}"
    )


def workshop_for(priced: PricedPortfolio, target: Path) -> Portfolio:
    """The portfolio as a workshop file at ``target`` holds it: plan paths relative to it."""
    entries = [
        company.entry.model_copy(update={"plan": entry_path(company.file, target)})
        for company in priced.companies
    ]
    return priced.portfolio.model_copy(update={"plans": entries})
