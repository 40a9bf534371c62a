"""The portfolio's files: a live workbook, the PDF, the market-research annex, the CSV."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from planner.engine.estimate import recost
from planner.export.files import ExportError
from planner.export.portfolio.annex import ALTERNATIVES, is_stale, market_research, months_before
from planner.export.portfolio.benchmark import COLUMNS, benchmark_csv
from planner.export.portfolio.files import export_portfolio
from planner.export.portfolio.sheet_copy import Renaming
from planner.export.portfolio.workbook import FIRST_COMPANY_ROW, staff_names
from planner.export.workbook.writer import option_name
from planner.model.plan import Plan
from planner.model.portfolio import Portfolio, PortfolioEntry
from planner.model.templates import template
from planner.rates import load_rates, row_key
from planner.scenarios.portfolio import PricedPortfolio, price_portfolio, take_snapshot
from planner.words.formats import day
from planner.words.i18n import set_language
from planner.words.sources import internal_notes

from .workbook.recalc import set_named_value

RATES = load_rates()
DAY = date(2026, 12, 3)
CENT = 0.005


def company(template_id: str, name: str, **needs: str) -> Plan:
    plan = template(template_id).plan
    return plan.model_copy(update={"company": name, "needs": plan.needs.model_copy(update=needs)})


def priced_of(
    plans: list[Plan], overrides: dict | None = None, currency: str | None = None, **fields: object
) -> PricedPortfolio:
    files = [Path(f"/plans/{index}.llmplan") for index in range(len(plans))]
    portfolio = Portfolio(
        title="Warsztat AI",
        hub="EDIH Kraków",
        advisor="Anna Nowak",
        day=DAY,
        plans=[PortfolioEntry(plan=str(f)) for f in files],
        rates=take_snapshot(RATES, overrides or {}, DAY),
        **fields,  # type: ignore[arg-type]
    )
    return price_portfolio(portfolio, list(zip(files, plans, strict=True)), RATES, currency)


THREE = [
    company("support_agent", "Piekarnia Żółw"),
    company("document_analysis", "Kancelaria Łęcka", it_capacity="ml_team"),
    company(
        "content_generation",
        "Acme & Söhne",
        data_sensitivity="on_premises_only",
        it_capacity="admin",
    ),
]


def recalculated(path: Path) -> openpyxl.Workbook:
    """The workbook as LibreOffice recalculates it (values, not formulas)."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--norestore",
                "--convert-to",
                "xlsx",
                "--outdir",
                folder,
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        return openpyxl.load_workbook(Path(folder) / path.name, data_only=True)


def named(formulas: openpyxl.Workbook, values: openpyxl.Workbook, name: str) -> float:
    """The recalculated value of a workbook-level name."""
    sheet, cell = next(iter(formulas.defined_names[name].destinations))
    return float(values[sheet][cell.replace("$", "")].value)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice to recalculate")
def test_the_portfolio_workbook_follows_a_changed_company_input(tmp_path: Path) -> None:
    """Each row is live over its company's own sheets: recalculated, it equals that
    company's own totals, and after its requests a day are tripled on its Assumptions
    sheet it equals the engine's cost of the same option at the new volume."""
    set_language("pl")  # sheet titles with letters a formula must quote
    priced = priced_of(THREE, currency="PLN")
    kinds = [c.result.recommended.kind for c in priced.companies if c.result.recommended]
    assert kinds == ["api", "api", "cpu"], "the premise: an API and a machine of one's own"
    path = tmp_path / "dzien.xlsx"
    export_portfolio(priced, xlsx=path)
    before = priced.companies[1].plan
    tripled = before.workload.requests_per_day * 3
    set_named_value(path, "c2_requests_per_day", tripled)
    formulas, values = openpyxl.load_workbook(path), recalculated(path)
    sheet = values.worksheets[0]
    for index, priced_plan in enumerate(priced.companies):
        best = priced_plan.result.recommended
        assert best is not None
        row = [cell.value for cell in sheet[FIRST_COMPANY_ROW + index]]
        oid, prefix = option_name(best.id), f"c{index + 1}_"
        monthly = named(formulas, values, f"{prefix}monthly_cost_{oid}")
        horizon = named(formulas, values, f"{prefix}horizon_cost_{oid}")
        months = _months(formulas, values, f"{prefix}monthly_cost_{oid}", best)
        assert row[0] == priced_plan.company
        assert abs(row[5] - monthly) < CENT and abs(row[7] - horizon) < CENT, (index, row)
        assert abs(row[6] - (horizon - months)) < CENT  # one-off: what the months leave
        assert abs(row[9] * row[5] - best.line("staff").monthly) < CENT  # people's time
    unchanged = [cell.value for cell in sheet[FIRST_COMPANY_ROW]]
    changed = [cell.value for cell in sheet[FIRST_COMPANY_ROW + 1]]
    best = priced.companies[1].result.recommended
    assert best is not None and changed[4] == tripled
    after = before.model_copy(
        update={"workload": before.workload.model_copy(update={"requests_per_day": tripled})}
    )
    moved = recost([best.id], before, after, priced.rates)[best.id]
    assert abs(changed[5] - moved.monthly_cost) < CENT
    assert abs(changed[7] - moved.horizon_cost) < CENT
    assert abs(changed[5] - best.monthly_cost) > 1  # it did move
    first = priced.companies[0].result.recommended
    assert first is not None
    assert abs(unchanged[5] - first.monthly_cost) < CENT  # an API's row, as the engine says
    assert abs(unchanged[7] - first.horizon_cost) < CENT


def _months(
    formulas: openpyxl.Workbook, values: openpyxl.Workbook, name: str, best: object
) -> float:
    """The sum of an option's monthly costs, from its first month's cell down the Budget."""
    sheet, cell = next(iter(formulas.defined_names[name].destinations))
    column, row = openpyxl.utils.cell.coordinate_from_string(cell.replace("$", ""))
    count = len(best.monthly_series)  # type: ignore[attr-defined]
    return sum(float(values[sheet][f"{column}{row + offset}"].value) for offset in range(count))


def test_each_companys_sheets_and_names_are_its_own() -> None:
    from planner.export.portfolio.workbook import build_portfolio_workbook
    from planner.export.workbook.writer import build_workbook

    priced = priced_of(THREE[:2])
    workbook = build_portfolio_workbook(priced)
    assert workbook.sheetnames[0] == "Portfolio"
    assert workbook.sheetnames[1:7] == [
        "c1 Summary",
        "c1 Assumptions",
        "c1 Options",
        "c1 Budget",
        "c1 Rates",
        "c1 Market research",
    ]
    for number, company_plan in enumerate(priced.companies, 1):
        single = build_workbook(company_plan.plan, company_plan.result, priced.rates)
        for name, defined in single.defined_names.items():
            moved = workbook.defined_names[f"c{number}_{name}"]
            sheet, cell = next(iter(defined.destinations))
            assert next(iter(moved.destinations)) == (f"c{number} {sheet}", cell)
        budget = workbook[f"c{number} Budget"]
        assert budget["C4"].value.startswith(f"=c{number}_requests_per_day*")
    summary = workbook["c2 Summary"]
    formulas = [c.value for row in summary.iter_rows() for c in row if str(c.value).startswith("=")]
    assert formulas and all("c1_" not in f and "'c1 " not in f for f in formulas)
    link = workbook["Portfolio"].cell(FIRST_COMPANY_ROW + 1, 1).hyperlink
    assert link.location == "'c2 Summary'!A1"


def test_names_and_sheets_are_renamed_in_formulas_but_not_in_text() -> None:
    renaming = Renaming(
        names={"requests_per_day": "c1_requests_per_day", "o1_hourly": "c1_o1_hourly"},
        sheets={"Budget": "c1 Budget", "Zał'ożenia": "c1 Zał'ożenia"},
    )
    cases = {
        "=requests_per_day*2": "=c1_requests_per_day*2",
        "='Budget'!E4+Budget!F4": "='c1 Budget'!E4+'c1 Budget'!F4",
        "='Zał''ożenia'!$B$2": "='c1 Zał''ożenia'!$B$2",
        '="requests_per_day"&REQUESTS_PER_DAY': '="requests_per_day"&c1_requests_per_day',
        "=MAX(1,ROUNDUP(E4/o1_hourly,0))": "=MAX(1,ROUNDUP(E4/c1_o1_hourly,0))",
        "=SUM(E4:E39)+requests_per_days": "=SUM(E4:E39)+requests_per_days",
    }
    for formula, expected in cases.items():
        assert renaming.formula(formula) == expected


def test_the_staff_names_of_a_hybrid_are_its_two_parts() -> None:
    plan = template("support_agent").plan
    plan = plan.model_copy(update={"needs": plan.needs.model_copy(update={"it_capacity": "admin"})})
    from planner.engine.estimate import estimate

    result = estimate(plan, RATES, analysis=False)
    hybrid = next(o for o in result.options if o.kind == "hybrid")
    local = result.option(str(hybrid.details["self_hosted_option_id"]))
    expected_local = "staff_local" if local.kind == "cpu" else f"staff_gpu_{local.ownership}"
    assert staff_names(hybrid, result) == (expected_local, "staff_api")
    assert option_name(hybrid.id).startswith("hybrid_")


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_the_pdf_carries_every_company_and_the_snapshot_date(tmp_path: Path, lang: str) -> None:
    set_language(lang)
    priced = priced_of(THREE)
    path = tmp_path / "day.pdf"
    export_portfolio(priced, pdf=path)
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    for priced_plan in priced.companies:
        assert priced_plan.company in flat
    assert day(priced.portfolio.rates.taken) in flat
    assert "EDIH Kraków" in flat
    heading = {"en": "AI cost assessment", "pl": None}[lang]
    if heading:
        assert flat.count(heading) == len(THREE)
    assert reader.pages[1].mediabox.width > reader.pages[1].mediabox.height  # the table, wide
    assert reader.metadata is not None and reader.metadata.title == "Warsztat AI"


def aged(key: str, as_of: str) -> dict:
    return {"api_models": {key: {"as_of": as_of}}}


def test_the_annex_lists_three_priced_alternatives_per_item_and_flags_a_stale_one() -> None:
    plan = company("support_agent", "Piekarnia")
    chosen = "ovhcloud-mistral-small-3.2-24b"
    priced = priced_of([plan], aged(chosen, "2026-05-01"))
    result = priced.companies[0].result
    assert result.recommendation.option_id == f"api:{chosen}"  # the premise
    annex = market_research(plan, result, priced.rates, DAY)
    (item,) = annex.items
    assert item.category == "api_tokens"
    assert len(item.offers) == ALTERNATIVES + 1 and item.enough
    assert [o.chosen for o in item.offers] == [True, False, False, False]
    assert all(o.price and o.second_price and o.source and o.as_of for o in item.offers)
    assert [o.stale for o in item.offers] == [True, False, False, False]
    monthly = [o.amount for o in item.offers[1:]]
    assert monthly == sorted(monthly)  # the cheapest alternatives that meet the needs
    assert all(o.meets_needs for o in item.offers)
    assert annex.stale_count >= 1
    for rate in annex.rates:
        assert rate.stale == (rate.as_of < date(2026, 6, 3))


def test_a_rented_server_is_compared_with_other_offers_for_it() -> None:
    keys = [row_key(row) for row in RATES.gpu_cloud_prices]
    cheap = {"gpu_cloud_prices": {key: {"hourly_usd": 0.02} for key in keys}}
    plan = template("support_agent").plan
    plan = plan.model_copy(
        update={
            "needs": plan.needs.model_copy(update={"it_capacity": "admin"}),
            "workload": plan.workload.model_copy(update={"requests_per_day": 200_000}),
        }
    )
    priced = priced_of([plan], cheap)
    best = priced.companies[0].result.recommended
    assert best is not None and (best.kind, best.ownership) == ("gpu", "rented")  # the premise
    annex = market_research(plan, priced.companies[0].result, priced.rates, DAY)
    rental = next(item for item in annex.items if item.category == "compute_rental")
    assert rental.enough and rental.offers[0].chosen
    assert all(o.unit == "per_gpu_hour" and o.price == 0.02 for o in rental.offers)
    assert len({o.label for o in rental.offers}) == len(rental.offers)


def test_a_seat_subscription_is_compared_with_other_subscriptions() -> None:
    plan = company("customer_email", "Biuro")
    priced = priced_of([plan])
    best = priced.companies[0].result.recommended
    assert best is not None and best.kind == "subscription"  # the premise
    annex = market_research(plan, priced.companies[0].result, priced.rates, DAY)
    seats = next(item for item in annex.items if item.category == "subscription_seats")
    assert seats.offers[0].chosen and seats.offers[0].label == best.label
    assert all(o.unit == "per_seat_month" and o.price for o in seats.offers)
    assert seats.offers[0].amount == best.line("subscription_seats").monthly


def test_stale_means_more_than_six_months_before_the_document() -> None:
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert not is_stale(date(2026, 6, 3), DAY)
    assert is_stale(date(2026, 6, 2), DAY)


def test_the_annex_sheet_and_pages_warn_of_a_stale_price(tmp_path: Path) -> None:
    priced = priced_of(
        [company("customer_email", "Piekarnia")], aged("mistral-large-4", "2025-01-01")
    )
    xlsx, pdf = tmp_path / "day.xlsx", tmp_path / "day.pdf"
    export_portfolio(priced, xlsx=xlsx, pdf=pdf)
    sheet = openpyxl.load_workbook(xlsx)["c1 Market research"]
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any(t.startswith("Warning:") for t in texts)
    assert any("price more than six months old" in t for t in texts)
    dates = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, date)]
    assert len(dates) >= ALTERNATIVES + 1
    flat = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "more than six months older than this document" in flat


def test_the_csv_is_anonymous_and_sorted() -> None:
    priced = priced_of(THREE)
    rows = list(csv.DictReader(io.StringIO(benchmark_csv(priced).decode("utf-8"))))
    assert tuple(rows[0]) == COLUMNS
    assert [r["use_case"] for r in rows] == sorted(r["use_case"] for r in rows)
    text = benchmark_csv(priced).decode("utf-8")
    for priced_plan in priced.companies:
        assert priced_plan.company not in text and priced_plan.plan.name not in text
    email = next(r for r in rows if r["use_case"] == "support_agent")
    best = priced.companies[0].result.recommended
    assert best is not None and email["recommended_kind"] == best.kind
    work = THREE[0].workload
    per_request = best.monthly_cost / (work.requests_per_day * work.days_per_month)
    assert float(email["cost_per_request"]) == pytest.approx(per_request, abs=1e-6)


def test_the_sheets_a_reader_reads_cite_sources_as_a_reader_would(tmp_path: Path) -> None:
    """No file of this program, no "seed" and no internal name in the Portfolio and the
    market-research sheets (the companies' own sheets are the single-plan workbook's)."""
    xlsx = tmp_path / "day.xlsx"
    export_portfolio(priced_of(THREE), xlsx=xlsx)
    workbook = openpyxl.load_workbook(xlsx)
    read = [ws for ws in workbook.worksheets if ws.title == "Portfolio" or "research" in ws.title]
    assert len(read) == 1 + len(THREE)
    for sheet in read:
        texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
        prose = " ".join(t for t in texts if not t.startswith("="))
        assert internal_notes(prose) == [], sheet.title
    sources = " ".join(str(c.value) for c in workbook["c3 Market research"]["D"] if c.value)
    assert "seed" not in sources.lower() and ".txt" not in sources


def test_a_bad_target_writes_nothing(tmp_path: Path) -> None:
    priced = priced_of(THREE[:1])
    xlsx = tmp_path / "day.xlsx"
    with pytest.raises(ExportError, match="does not exist"):
        export_portfolio(priced, xlsx=xlsx, pdf=tmp_path / "missing" / "day.pdf")
    assert list(tmp_path.iterdir()) == []
    written = export_portfolio(priced, xlsx=xlsx, csv=tmp_path / "day.csv")
    assert written == [xlsx, tmp_path / "day.csv"] and all(p.stat().st_size for p in written)
