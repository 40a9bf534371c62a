"""What a card says a month pays for: seats counted in the plural their number needs, and
the exact cloud offer a hover away (issue 12)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from planner.engine.estimate import estimate
from planner.model.plan import Plan
from planner.model.result import EstimateResult
from ui.results.summary import OptionCard, card_parts

TEMPLATE = Path(__file__).parents[3] / "templates" / "customer_email.json"


@pytest.fixture(scope="module")
def result() -> EstimateResult:
    plan = Plan.model_validate(json.loads(TEMPLATE.read_text(encoding="utf-8"))["plan"])
    return estimate(plan, analysis=False)


@pytest.mark.parametrize(("seats", "words"), [(1, "1 seat × "), (5, "5 seats × ")])
def test_seats_take_the_plural_form_of_their_number(
    result: EstimateResult, seats: int, words: str
) -> None:
    option = next(o for o in result.options if o.kind == "subscription")
    option = replace(option, details={**option.details, "seats": seats, "price_per_seat": 18.0})
    assert card_parts(option, "EUR")[0] == words + "€18.00"


def test_a_rented_card_names_the_exact_offer_in_its_tooltip(
    qtbot: Any, result: EstimateResult
) -> None:
    rented = next(o for o in result.options if o.ownership == "rented")
    offer = str(rented.details["cloud_provider"])
    card = OptionCard(("gpu", "rented"))
    qtbot.addWidget(card)
    plain = replace(rented, label=rented.label.replace(offer, "Amazon Web Services, in the EU"))
    card.show_option(plain, "EUR", 36, recommended=False)
    assert f"Rented offer: {offer}" in card.toolTip()
    assert offer not in card.label.text()
    card.show_option(rented, "EUR", 36, recommended=False)  # the name still has the offer
    assert card.toolTip().count(offer) == 1
