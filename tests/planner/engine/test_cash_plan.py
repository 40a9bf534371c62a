"""The cash plan (issue 10): hardware is money out when it is bought, the first month's as a
one-off (``hardware_purchase``), later purchases in their month; the accounting view writes
each purchase off over its life and, with what is still on the books, adds up to the same.
Host machines are priced by what they hold; people's time is on every option."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.engine.cash import write_offs
from planner.engine.estimate import estimate
from planner.engine.hosts import HostPrices
from planner.model.figures import set_at_path
from planner.model.plan import Plan
from planner.model.result import Option
from planner.model.templates import Template, load_templates
from planner.rates import load_rates
from planner.rates.local_prices import staff_row

RATES = load_rates()
START = date(2026, 12, 1)
EUR_PER_USD = 1 / RATES.currency("USD").per_eur
HOSTS = HostPrices(tower_usd=2000, tower_w=150, workstation_usd=8000, server_usd=8000, server_w=400)


def plan_with(**changes: object) -> Plan:
    data = Plan(start_date=START).model_dump()
    data["workload"].update(requests_per_day=2000, input_tokens=1000, output_tokens=500)
    data["needs"].update(quality="basic", it_capacity="admin")
    for dotted, value in changes.items():  # workload__input_tokens=…
        set_at_path(data, dotted.replace("__", "."), value)
    return Plan.model_validate(data)


def owned(result_options: tuple[Option, ...]) -> list[Option]:
    return [o for o in result_options if o.ownership == "owned" and o.feasible]


def test_an_owned_option_pays_for_its_hardware_once_at_the_start() -> None:
    result = estimate(plan_with(), RATES, analysis=False)
    option = next(o for o in owned(result.options) if o.id.startswith("gpu-owned:"))
    gpu = RATES.gpu(str(option.hardware))
    count = option.hardware_count or 0
    hosts_usd, _watts, _machines = HOSTS.hosts(count, gpu.max_per_server)
    bought = (count * gpu.purchase_usd + hosts_usd) * EUR_PER_USD
    assert option.one_off_lines["hardware_purchase"] == pytest.approx(bought)
    assert option.one_off_cost == pytest.approx(
        bought + option.one_off_lines["setup"] + option.one_off_lines.get("fine_tuning", 0)
    )
    # Cash: nothing of the purchase is a monthly cost; the accounts write it off monthly.
    assert "hardware_amortisation" not in option.monthly_lines
    assert option.line("hardware_purchase").monthly == 0.0
    months = RATES.assumption("amortisation_months")
    assert option.line("hardware_amortisation").monthly == pytest.approx(bought / months)
    assert option.accounting_monthly_cost == pytest.approx(option.monthly_cost + bought / months)


@pytest.mark.parametrize("horizon", [12, 36, 60])
@pytest.mark.parametrize("growth", [0.0, 12.0])
def test_the_accounting_view_adds_up_to_the_cash_with_what_is_still_on_the_books(
    horizon: int, growth: float
) -> None:
    plan = plan_with(horizon_months=horizon, workload__growth_pct_per_month=growth)
    for option in owned(estimate(plan, RATES, analysis=False).options):
        accounting = option.one_off_cost - option.purchase(0) + sum(option.accounting_series)
        assert accounting + option.book_value_at_end == pytest.approx(option.horizon_cost)
        assert option.hardware_bought == pytest.approx(sum(option.purchase_series))
        # Written off within 36 months: a longer horizon leaves nothing on the books.
        if horizon == 60 and growth == 0:
            assert option.book_value_at_end == pytest.approx(0.0, abs=1e-6)
        if horizon == 12 and growth == 0:
            assert option.book_value_at_end == pytest.approx(option.hardware_bought * 24 / 36)


def test_hardware_bought_as_the_load_grows_is_paid_in_its_month() -> None:
    plan = plan_with(horizon_months=24, workload__growth_pct_per_month=20)
    result = estimate(plan, RATES, analysis=False)
    growing = [o for o in owned(result.options) if any(o.purchase_series[1:])]
    assert growing
    for option in growing:
        later = [m for m, paid in enumerate(option.purchase_series) if m and paid]
        for month in later:
            # The month it is bought costs that much more than the month before it and after.
            assert option.monthly_series[month] >= option.purchase(month)
        assert option.horizon_cost == pytest.approx(
            option.one_off_cost + sum(option.monthly_series)
        )


@pytest.mark.parametrize(
    ("gpus", "per_host", "usd", "watts", "machines"),
    [
        (1, 4, 2000, 150, 1),  # one consumer card: a desktop tower
        (2, 4, 2000, 150, 1),  # two still fit a tower
        (3, 4, 8000, 400, 1),  # three need a workstation
        (4, 4, 8000, 400, 1),
        (5, 4, 10000, 550, 2),  # a full workstation and a tower for the fifth
        (1, 8, 8000, 400, 1),  # data-centre cards always sit in a server
        (9, 8, 16000, 800, 2),
    ],
)
def test_the_machine_holding_the_cards_is_priced_by_what_it_holds(
    gpus: int, per_host: int, usd: float, watts: float, machines: int
) -> None:
    assert HOSTS.hosts(gpus, per_host) == (usd, watts, machines)


def test_two_consumer_cards_are_not_priced_as_an_eight_gpu_server() -> None:
    inputs_plan = plan_with()
    result = estimate(inputs_plan, RATES, analysis=False)
    rtx = next(
        o
        for o in owned(result.options)
        if o.hardware == "rtx-3090" and (o.hardware_count or 0) <= 2
    )
    cards = (rtx.hardware_count or 0) * RATES.gpu("rtx-3090").purchase_usd
    tower = RATES.assumption("gpu_host_tower_usd")
    assert rtx.hardware_bought == pytest.approx((cards + tower) * EUR_PER_USD)


@pytest.mark.parametrize(
    ("purchases", "life", "expected"),
    [
        ([120.0, 0, 0, 0, 0], 4, [30.0, 30.0, 30.0, 30.0, 0.0]),  # written off in 4 months
        ([120.0, 0, 60.0, 0, 0], 4, [30.0, 30.0, 45.0, 45.0, 15.0]),  # a second purchase
        ([90.0, 0, 0, 0], 1.5, [60.0, 30.0, 0.0, 0.0]),  # the last month takes half a share
        ([120.0, 0, 0], 4, [30.0, 30.0, 30.0]),  # a life longer than the horizon
        ([90.0, 0, 0], 2.5, [36.0, 36.0, 18.0]),
        ([], 36, []),
    ],
)
def test_each_purchase_is_written_off_evenly_from_its_month(
    purchases: list[float], life: float, expected: list[float]
) -> None:
    assert write_offs(purchases, life) == pytest.approx(expected)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0, 1e6), min_size=1, max_size=40),
    st.floats(1, 600),
)
def test_over_its_life_every_purchase_is_written_off_in_full(
    purchases: list[float], life: float
) -> None:
    tail = int(life) + 2  # months enough after the last purchase
    offs = write_offs([*purchases, *[0.0] * tail], life)
    assert sum(offs) == pytest.approx(sum(purchases), rel=1e-9, abs=1e-6)
    assert min(offs) >= 0


@pytest.mark.parametrize("template", load_templates(), ids=lambda t: t.id)
def test_every_option_says_how_much_of_its_month_is_peoples_time(template: Template) -> None:
    plan = template.plan.model_copy(update={"start_date": START})
    result = estimate(plan, RATES, analysis=False)
    hourly = result.options[0].people_monthly / result.options[0].people_hours_per_month
    rate = staff_row(RATES, plan.country, plan.needs.it_capacity)
    assert rate.currency == "PLN"  # every template is priced for Poland
    assert hourly == pytest.approx(rate.hourly_rate / RATES.currency("PLN").per_eur)
    for option in result.options:
        assert 0 <= option.people_time_share <= 1, option.id
        assert option.people_hours_per_month > 0, option.id
        assert option.people_monthly == pytest.approx(option.people_hours_per_month * hourly)
        assert option.people_time_share == pytest.approx(
            option.people_monthly / option.monthly_cost
        )


def test_the_first_reason_says_so_when_peoples_time_is_most_of_the_month() -> None:
    # 50 e-mails a day by a cloud API: cents of AI fees, hours of an outside contractor.
    plan = plan_with(
        workload__requests_per_day=50,
        needs__it_capacity="none",
        needs__data_sensitivity="personal",
        needs__quality="standard",
        currency="PLN",
    )
    result = estimate(plan, RATES, analysis=False)
    best = result.recommended
    assert best is not None and best.kind == "api"
    first = result.recommendation.reasons[0]
    assert first.code == "mostly_people_time"
    assert first.params["role"] == "external_it_service"
    assert first.params["hours"] == pytest.approx(11.5)  # assumptions.toml: API upkeep
    assert first.params["hourly"] == pytest.approx(180.0)  # staff_rates.toml: PL, IT company
    assert first.params["pct"] == round(best.people_time_share * 100)
    # With far more work for the best models the AI's own fees are most of the month, and
    # the sentence is not said.
    busy = plan_with(workload__requests_per_day=20_000, needs__quality="frontier")
    busy_result = estimate(busy, RATES, analysis=False)
    assert busy_result.recommended is not None
    assert busy_result.recommended.people_time_share < 0.5
    assert busy_result.recommendation.reasons[0].code == "cheapest_over_horizon"
