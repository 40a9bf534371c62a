"""Issue 10 on the screen, as an office owner would meet it: who does the work and how many
people (step 2), people's time in numbers and editable where the result is shown, the first
month's bars each with its amount (a few złoty of AI fees included), the cards naming what
the money buys, and the "Over time" chart as cash or as the accounts see it."""

from __future__ import annotations

from typing import Any

from planner.engine.costing import upkeep_hours_key
from planner.words.headline import month_split
from tests.ui.conftest import wait_for_results
from tests.ui.test_flow import choose, click_item, click_next, type_into
from ui.main_window import QUESTIONS, MainWindow
from ui.text import rounded_money


def office_to_results(qtbot: Any, window: MainWindow, people: str = "12") -> None:
    """The Kraków accounting office: 50 e-mails a day, twelve people, personal data, nobody
    in IT, standard answers."""
    click_item(qtbot, window.page(0).choices, "Answering customer e-mails")
    click_next(qtbot, window)
    volume = window.page(1)
    choose(qtbot, volume.people.mode.buttons["assisted"])
    type_into(qtbot, volume.people.seats, people)
    type_into(qtbot, volume.per_day, "50")
    click_next(qtbot, window)
    choose(qtbot, window.page(2).choices.buttons["personal"])
    click_next(qtbot, window)
    choose(qtbot, window.page(3).choices.buttons["none"])
    click_next(qtbot, window)
    choose(qtbot, window.page(4).choices.buttons["standard"])
    window.go_to(QUESTIONS)
    wait_for_results(qtbot, window)


def test_step_two_asks_who_does_the_work_and_how_many_people(
    qtbot: Any, window: MainWindow
) -> None:
    click_item(qtbot, window.page(0).choices, "Answering customer e-mails")
    window.go_to(1)
    people = window.page(1).people
    assert window.document.plan.workload.mode == "assisted"  # the template's
    choose(qtbot, people.mode.buttons["automated"])
    assert window.document.plan.workload.mode == "automated"
    choose(qtbot, people.mode.buttons[""])  # "I don't know": people, with an assistant
    assert window.document.plan.workload.mode == "assisted"
    type_into(qtbot, people.seats, "7")
    assert window.document.plan.workload.seats == 7
    assert not people.unknown_seats.isChecked()
    people.unknown_seats.click()
    assert window.document.plan.workload.seats is None
    assert "50 requests a day" in people.seats_note.text()


def test_the_office_sees_a_subscription_and_peoples_time_in_numbers(
    qtbot: Any, window: MainWindow
) -> None:
    office_to_results(qtbot, window)
    page = window.results
    result = page.result
    assert result is not None and result.recommended is not None
    best = result.recommended
    assert best.kind == "subscription" and best.details["seats"] == 12
    sentence = page.banner.sentence.text()
    split = month_split(best)
    assert rounded_money(split.people, "EUR") in sentence and "people's time" in sentence
    strip = page.people
    assert strip.isVisible()
    assert strip.hours.value() == 1  # assumptions.toml: an hour a month for a subscription
    assert rounded_money(best.people_monthly, "EUR") in strip.text.text()
    card = page.cards.cards[("subscription", "subscription")]
    assert "12 seats" in card.details.text()


def test_the_hours_are_changed_where_the_result_is_shown(qtbot: Any, window: MainWindow) -> None:
    office_to_results(qtbot, window)
    page = window.results
    api_plan = window.document.plan.model_copy(
        update={"workload": window.document.plan.workload.model_copy(update={"mode": "automated"})}
    )
    window.document.update(api_plan)  # a cloud API is recommended now, by its contractor's hours
    qtbot.waitUntil(lambda: page.result is not None and page.result.recommended.kind == "api")
    best = page.result.recommended
    key = upkeep_hours_key(best)
    assert key == "maintenance_hours_api"
    assert page.people.hours.value() == 11.5
    before = best.monthly_cost
    type_into(qtbot, page.people.hours, "6")
    qtbot.waitUntil(lambda: page.result.recommended.monthly_cost < before - 1)
    overrides = window.document.plan.rate_overrides
    assert overrides["assumptions"][key] == {"value": 6.0}
    assert page.result.recommended.people_hours_per_month == 6.0
    type_into(qtbot, page.people.hours, "2")  # below what an outside company bills
    qtbot.waitUntil(lambda: "at least 4 hours" in page.people.text.text())
    assert page.result.recommended.people_hours_per_month == 4.0


def test_every_bar_shows_its_amount_however_small(qtbot: Any, window: MainWindow) -> None:
    office_to_results(qtbot, window)
    page = window.results
    result = page.result
    assert result is not None
    texts = [item.text() for _label, item in page.bars.labels.items]
    for option in result.shown:
        split = month_split(option)
        for part in (split.ai, split.people):
            if part > 0:
                assert any(text.startswith(rounded_money(part, "EUR")) for text in texts)
    api = next(o for o in result.shown if o.kind == "api")
    assert month_split(api).ai < 0.01 * month_split(api).people  # a few cents against hours
    for _label, item in page.bars.labels.items:
        assert item.isVisible() and item.pos().x() > 0


def test_over_time_shows_the_cash_or_the_accounts(qtbot: Any, window: MainWindow) -> None:
    office_to_results(qtbot, window)
    page = window.results
    page.tabs.setCurrentWidget(page.cumulative)
    view = page.cumulative
    owned = next(o for o in page.result.shown if o.ownership == "owned")
    index = [o.id for o in page.result.shown].index(owned.id)

    def last_point() -> float:
        line = view.chart.chart().series()[index]
        return float(line.at(line.count() - 1).y())

    def first_point() -> float:
        line = view.chart.chart().series()[index]
        return float(line.at(0).y())

    assert first_point() == owned.one_off_cost  # the purchase on day one
    assert abs(last_point() - owned.horizon_cost) < 0.01
    view.view.setCurrentIndex(1)  # in the accounts
    assert first_point() == owned.one_off_cost - owned.purchase(0)
    assert abs(last_point() - (owned.horizon_cost - owned.book_value_at_end)) < 0.01
    assert "still on the books" in view.note.text()


def test_rented_servers_are_stopped_outside_hours_only_when_asked(
    qtbot: Any, window: MainWindow
) -> None:
    click_item(qtbot, window.page(0).choices, "Answering customer e-mails")
    window.go_to(5)
    timing = window.page(5)
    assert not timing.switch_off.isChecked()
    assert window.document.plan.levers.switch_off_outside_hours is False
    timing.switch_off.click()
    assert window.document.plan.levers.switch_off_outside_hours is True
    choose(qtbot, timing.availability.buttons["always_on"])
    assert not timing.switch_off.isEnabled()  # a round-the-clock service cannot stop
