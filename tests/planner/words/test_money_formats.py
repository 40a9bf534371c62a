"""Money, numbers and shares are shown for any amount a plan can reach (issue 8, item 7):
Babel rounds in the decimal context's 28 digits, which 1e26 with its cents exceeds."""

from __future__ import annotations

import pytest

from planner.words.formats import NOT_A_NUMBER, money, number, percent


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
