"""Seat subscriptions (issue 10): an assistant staff use themselves, per person per month.

Eligible for assisted work only, kept to the data's rules as an API is, priced by the seat
(month to month where sold so), with a day of setting up and an hour a month of user
administration; and compared with everything else.
"""

from __future__ import annotations

import math
from datetime import date

import pytest

from planner.engine.estimate import estimate
from planner.model.figures import set_at_path
from planner.model.plan import Plan
from planner.model.result import EstimateResult, Option
from planner.rates import load_rates
from planner.rates.local_prices import staff_row

RATES = load_rates()
START = date(2026, 12, 1)
EUR_PER_USD = 1 / RATES.currency("USD").per_eur
PLN_PER_EUR = RATES.currency("PLN").per_eur


def plan_with(**changes: object) -> Plan:
    """Assisted work: 50 requests a day, 12 people, internal data, standard quality, EUR."""
    data = Plan(start_date=START).model_dump()
    data["workload"].update(requests_per_day=50, mode="assisted", seats=12)
    data["needs"].update(quality="standard", data_sensitivity="internal")
    for dotted, value in changes.items():  # workload__input_tokens=…
        set_at_path(data, dotted.replace("__", "."), value)
    return Plan.model_validate(data)


def subscriptions(result: EstimateResult) -> dict[str, Option]:
    return {o.id.removeprefix("sub:"): o for o in result.options if o.kind == "subscription"}


def codes(option: Option) -> list[str]:
    return [reason.code for reason in option.excluded_reasons]


def test_every_subscription_in_the_table_is_costed() -> None:
    found = subscriptions(estimate(plan_with(), RATES, analysis=False))
    assert set(found) == {row.id for row in RATES.subscriptions}
    for option in found.values():
        assert (option.kind, option.ownership, option.hardware) == ("subscription",) * 2 + (None,)


def test_a_subscription_is_only_for_people_doing_the_work_themselves() -> None:
    assisted = subscriptions(estimate(plan_with(), RATES, analysis=False))
    automated = subscriptions(
        estimate(plan_with(workload__mode="automated"), RATES, analysis=False)
    )
    assert assisted["chatgpt-business"].feasible
    for option in automated.values():
        assert codes(option)[0] == "subscription_needs_people", option.id


@pytest.mark.parametrize(
    ("sensitivity", "allowed"),
    [
        # public texts: anything, even a plan that trains on the conversations (one person)
        (
            "public",
            {
                "chatgpt-business",
                "m365-copilot-business",
                "gemini-workspace-business-standard",
                "claude-team",
                "le-chat-team",
                "le-chat-pro",
            },
        ),
        # internal documents: nothing that trains on them
        (
            "internal",
            {
                "chatgpt-business",
                "m365-copilot-business",
                "gemini-workspace-business-standard",
                "claude-team",
                "le-chat-team",
            },
        ),
        # personal data: only what stores and processes it in the EU (subscriptions.toml)
        ("personal", {"m365-copilot-business", "le-chat-team"}),
        ("special_category", {"m365-copilot-business", "le-chat-team"}),
        ("on_premises_only", set()),  # every subscription sends the data out
    ],
)
def test_a_subscription_obeys_the_datas_sensitivity_like_an_api(
    sensitivity: str, allowed: set[str]
) -> None:
    plan = plan_with(needs__data_sensitivity=sensitivity, workload__seats=1)
    found = subscriptions(estimate(plan, RATES, analysis=False))
    assert {key for key, option in found.items() if option.feasible} == allowed
    if sensitivity == "personal":
        assert codes(found["chatgpt-business"]) == ["data_must_stay_in_eu"]
        assert found["chatgpt-business"].excluded_reasons[0].params == {
            "sensitivity": "personal",
            "region": "us",
        }
    if sensitivity == "internal":
        assert codes(found["le-chat-pro"]) == ["trains_on_your_data"]


def test_seats_are_priced_month_to_month_where_the_plan_is_sold_so() -> None:
    found = subscriptions(estimate(plan_with(), RATES, analysis=False))
    # subscriptions.toml: ChatGPT Business $25 a seat month to month ($20 a year ahead).
    chatgpt = found["chatgpt-business"]
    assert chatgpt.line("subscription_seats").monthly == pytest.approx(12 * 25 * EUR_PER_USD)
    assert chatgpt.details["billing"] == "monthly"
    # Microsoft 365 Copilot Business is sold by the year only: $21 a seat a month.
    copilot = found["m365-copilot-business"]
    assert copilot.line("subscription_seats").monthly == pytest.approx(12 * 21 * EUR_PER_USD)
    assert copilot.details["billing"] == "annual"


def test_a_subscription_costs_its_seats_a_day_to_set_up_and_an_hour_a_month() -> None:
    # Nobody in IT: upkeep is bought from an outside company, but a subscription has
    # nothing to run, so its hour a month is not raised to the company's 4-hour minimum.
    plan = plan_with(needs__it_capacity="none")
    option = subscriptions(estimate(plan, RATES, analysis=False))["chatgpt-business"]
    hourly = staff_row(RATES, "PL", "none").hourly_rate / PLN_PER_EUR
    assert set(option.monthly_lines) == {"subscription_seats", "staff"}
    assert option.line("staff").monthly == pytest.approx(1 * hourly)  # assumptions.toml: 1 h
    assert option.people_hours_per_month == pytest.approx(1.0)
    assert option.one_off_lines == {"setup": pytest.approx(8 * hourly)}  # 8 h, one day
    assert option.horizon_cost == pytest.approx(option.one_off_cost + 36 * option.monthly_cost)


def test_seats_are_never_fewer_than_the_plan_sells() -> None:
    found = subscriptions(estimate(plan_with(workload__seats=2), RATES, analysis=False))
    assert found["claude-team"].details["seats"] == 5  # Claude Team: five members at least
    assert found["claude-team"].line("subscription_seats").monthly == pytest.approx(
        5 * 30 * EUR_PER_USD
    )
    assert found["chatgpt-business"].details["seats"] == 2


def test_a_plan_for_one_person_cannot_seat_a_team() -> None:
    plan = plan_with(needs__data_sensitivity="public", workload__seats=3)
    pro = subscriptions(estimate(plan, RATES, analysis=False))["le-chat-pro"]
    assert codes(pro) == ["too_many_seats"]
    assert pro.excluded_reasons[0].params == {"seats": 3, "limit": 1}


@pytest.mark.parametrize(("requests", "people"), [(50, 1), (51, 2), (1000, 20), (10, 1)])
def test_without_a_number_of_people_the_volume_sets_the_seats(requests: int, people: int) -> None:
    # assumptions.toml: one person handles about 50 requests a day (seed article 003).
    plan = plan_with(workload__seats=None, workload__requests_per_day=requests)
    chatgpt = subscriptions(estimate(plan, RATES, analysis=False))["chatgpt-business"]
    assert chatgpt.details["seats"] == max(2, people)  # ChatGPT Business sells two at least


def test_seats_follow_the_work_as_it_grows() -> None:
    plan = plan_with(
        workload__seats=None,
        workload__requests_per_day=500,
        workload__growth_pct_per_month=10,
        horizon_months=12,
    )
    le_chat = subscriptions(estimate(plan, RATES, analysis=False))["le-chat-team"]
    seat = 24.99 * EUR_PER_USD
    staff = le_chat.line("staff").monthly
    expected = [math.ceil(500 * 1.1**m / 50 - 1e-9) * seat + staff for m in range(12)]
    assert le_chat.monthly_series == pytest.approx(expected)


def test_a_subscription_cannot_be_trained_on_the_business_data() -> None:
    found = subscriptions(estimate(plan_with(needs__fine_tuning=True), RATES, analysis=False))
    assert all("no_fine_tuning_here" in codes(option) for option in found.values())


def test_a_subscription_below_the_quality_needed_is_ruled_out() -> None:
    found = subscriptions(estimate(plan_with(needs__quality="frontier"), RATES, analysis=False))
    assert found["chatgpt-business"].feasible  # the plan includes OpenAI's best model
    assert codes(found["m365-copilot-business"]) == ["quality_below_need"]


def test_the_accounting_office_is_offered_a_subscription() -> None:
    """Issue 10's case: a 12-person accounting office in Kraków, about 50 client e-mails a
    day, personal data, no IT staff, standard quality, in złoty."""
    plan = plan_with(
        currency="PLN",
        needs__data_sensitivity="personal",
        needs__it_capacity="none",
        workload__days_per_month=21,
    )
    result = estimate(plan, RATES, analysis=False)
    best = result.recommended
    assert best is not None and best.kind == "subscription"
    assert best.id in result.shown_ids
    api = next(o for o in result.shown if o.kind == "api")
    # The cloud API's month is mostly an IT contractor's hours, and says so.
    assert api.people_time_share > 0.8
    assert best.horizon_cost < api.horizon_cost


def test_the_subscription_is_shown_beside_the_other_kinds() -> None:
    result = estimate(plan_with(), RATES, analysis=False)
    kinds = [option.kind for option in result.shown]
    assert "subscription" in kinds and "api" in kinds
