"""The PDF for issue 10: the summary separates the AI from people's time, the budget's month
1 carries the hardware bought, the accounts' view of it is set beside the cash, and a seat
subscription is compared with the rest."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import pytest
from pypdf import PdfReader

from planner.engine.estimate import estimate
from planner.export.report.budget import month_cost
from planner.export.report.document import write_report
from planner.model.plan import Plan
from planner.model.result import EstimateResult
from planner.model.templates import template
from planner.rates import load_rates
from planner.words.formats import money
from planner.words.headline import hours_text

RATES = load_rates()
TODAY = date(2026, 12, 3)


def flat(text: str) -> str:
    return " ".join(text.split())


def pages(plan: Plan, result: EstimateResult) -> list[str]:
    stream = io.BytesIO()
    write_report(plan, result, RATES, stream, curve=[], today=TODAY)
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(stream.getvalue())).pages]


@pytest.fixture(scope="module")
def office() -> tuple[Plan, EstimateResult, list[str]]:
    """Customer e-mails answered by twelve people, with a plan for owned hardware shown."""
    base = template("customer_email").plan
    work = base.workload.model_copy(update={"seats": 12, "requests_per_day": 50})
    plan = base.model_copy(update={"workload": work, "start_date": date(2027, 1, 1)})
    result = estimate(plan, RATES)
    return plan, result, pages(plan, result)


def test_the_summary_says_what_the_month_pays_for(
    office: tuple[Plan, EstimateResult, list[str]],
) -> None:
    plan, result, text = office
    best = result.recommended
    assert best is not None and best.kind == "subscription"
    summary = text[1]
    people = best.monthly_lines["staff"]
    assert flat(f"{money(people, plan.currency)} is people's time") in summary
    assert flat(f"({hours_text(best.people_hours_per_month)} a month)") in summary
    assert "Assistant for your staff" in summary


def test_the_first_months_budget_includes_the_hardware_bought(
    office: tuple[Plan, EstimateResult, list[str]],
) -> None:
    plan, result, text = office
    owned = next(o for o in result.shown if o.ownership == "owned" and o.kind == "gpu")
    bought = owned.one_off_lines["hardware_purchase"]
    assert month_cost(owned, 0) == pytest.approx(owned.monthly_series[0] + owned.one_off_cost)
    assert month_cost(owned, 0) > bought > 0
    whole = " ".join(text)
    assert flat(money(month_cost(owned, 0), plan.currency)) in whole


def test_the_accounts_view_of_the_hardware_is_beside_the_cash(
    office: tuple[Plan, EstimateResult, list[str]],
) -> None:
    plan, result, text = office
    whole = " ".join(text)
    assert "Hardware: cash and the accounts" in whole
    for option in result.shown:
        if option.purchase_series:
            for amount in (option.hardware_bought, option.write_off(0), option.book_value_at_end):
                assert flat(money(amount, plan.currency)) in whole, (option.id, amount)


def test_a_plan_without_hardware_has_no_accounts_section() -> None:
    base = template("customer_email").plan
    needs = base.needs.model_copy(update={"data_sensitivity": "public", "quality": "frontier"})
    plan = base.model_copy(update={"needs": needs})
    result = estimate(plan, RATES)
    result = dataclasses.replace(result, shown_ids=result.shown_ids[:1])  # the API alone
    assert not result.shown[0].purchase_series
    assert "Hardware: cash and the accounts" not in " ".join(pages(plan, result))
