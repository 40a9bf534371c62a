"""Polish by default for Poland (issue 12): the currency follows the country, and an example
run in Polish or Ukrainian is named and priced in that language's country and money."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner.cli.main import run
from planner.model.places import currency_for, local_plan, with_country

TEMPLATE = Path(__file__).parents[3] / "templates" / "customer_email.json"


@pytest.mark.parametrize(
    ("country", "currency"),
    [("PL", "PLN"), ("UA", "UAH"), ("NO", "NOK"), ("DE", "EUR"), ("EU", "EUR"), ("BR", "USD")],
)
def test_the_currency_follows_the_country(country: str, currency: str) -> None:
    assert currency_for(country) == currency


def test_a_new_plan_is_local_and_a_chosen_currency_stays() -> None:
    polish = local_plan("Plan", "pl")
    assert (polish.country, polish.currency) == ("PL", "PLN")
    assert (local_plan("Plan", "en").country, local_plan("Plan", "en").currency) == ("EU", "EUR")
    assert with_country(polish, "NO").currency == "NOK"  # it followed Poland: it follows on
    chosen = polish.model_copy(update={"currency": "USD"})
    assert with_country(chosen, "NO").currency == "USD"  # chosen by the user: kept


@pytest.mark.parametrize(
    ("language", "currency", "name"),
    [
        ("pl", "PLN", "Odpowiadanie na e-maile klientów"),
        ("en", "EUR", "Answering customer e-mails"),
    ],
)
def test_an_example_run_in_a_language_is_named_and_priced_there(
    language: str, currency: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["estimate", str(TEMPLATE), "--lang", language, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["currency"] == currency
    assert run(["estimate", str(TEMPLATE), "--lang", language]) == 0
    assert name in capsys.readouterr().out


def test_a_currency_asked_for_wins(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["estimate", str(TEMPLATE), "--lang", "pl", "--currency", "EUR", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["currency"] == "EUR"
