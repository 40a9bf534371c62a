"""Rounding in one place: half away from zero, as a person and a spreadsheet's ROUND do."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.model.money import cents, half_up, round_money


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2.675, 2.68),  # binary floating point alone gives 2.67
        (0.125, 0.13),  # Python's round() gives 0.12 (ties to even)
        (1.005, 1.01),
        (22750.905, 22750.91),
        (-0.125, -0.13),
        (1e27, 1e27),  # beyond Decimal's default 28 digits
    ],
)
def test_money_is_rounded_half_up_to_cents(value: float, expected: float) -> None:
    assert round_money(value) == expected


def test_counts_round_half_up() -> None:
    assert [half_up(x) for x in (0.5, 1.5, 2.5, 2.4999)] == [1, 2, 3, 2]


def test_exact_amounts_are_shown_to_the_cent_half_up() -> None:
    assert cents(Decimal("1.005")) == Decimal("1.01")
    assert cents(Decimal("0.0049999")) == Decimal("0.00")
