"""Money, numbers and shares are shown for any amount a plan can reach (issue 8, item 7):
Babel rounds in the decimal context's 28 digits, which 1e26 with its cents exceeds."""

from __future__ import annotations

import pytest

from planner.words.formats import NOT_A_NUMBER, money, number, percent, unit_money


@pytest.mark.parametrize("amount", [1e26, 2.0007e31, 1e100, 1.7e308, -1e30])
@pytest.mark.parametrize(("currency", "lang"), [("EUR", "en"), ("PLN", "pl"), ("UAH", "uk")])
def test_a_huge_amount_is_shown_in_full(amount: float, currency: str, lang: str) -> None:
    shown = money(amount, currency, lang)
    digits = sum(character.isdigit() for character in shown)
    assert digits >= len(f"{abs(amount):.0f}") + 2  # every digit, and the cents


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_a_value_that_is_not_a_number_is_shown_as_a_dash(value: float) -> None:
    assert money(value, "EUR") == number(value) == percent(value) == NOT_A_NUMBER


def test_huge_numbers_and_shares_are_shown() -> None:
    assert number(1e30, 2, "pl").endswith(",00")
    assert percent(1e28, "en").endswith("%")


@pytest.mark.parametrize(
    ("amount", "currency", "lang", "shown"),
    [
        (0.00432, "EUR", "en", "€0.0043"),  # a request's cost: cents would say €0.00
        (0.00432, "PLN", "pl", "0,0043\xa0zł"),
        (1.5, "EUR", "en", "€1.50"),  # never fewer than the currency's own decimals
        (12.345678, "UAH", "uk", "12,3457\xa0₴"),
    ],
)
def test_the_cost_of_one_request_keeps_four_decimals(
    amount: float, currency: str, lang: str, shown: str
) -> None:
    assert unit_money(amount, currency, lang) == shown


def test_a_cost_per_request_alert_shows_the_fractions_of_a_cent() -> None:
    from decimal import Decimal
    from types import SimpleNamespace

    from planner.words.alerts import alert_message
    from planner.words.i18n import set_language

    alert = SimpleNamespace(rule="plan_variance", scope="total", measure="cost_per_request",
                            period="2026-03", level="warning", day="2026-03-10", cause="",
                            value=Decimal("0.0121"), threshold=Decimal("0.004"), currency="PLN",
                            details={"plan": "Biuro", "ratio": "3.025"})  # fmt: skip
    set_language("pl")
    text = alert_message(alert)
    assert "0,0121\xa0zł" in text and "0,004\xa0zł" in text
