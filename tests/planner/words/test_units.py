"""Counts with their unit in the plural form the language uses (issue 12: the PDF said
"50 zapytania", "1 000 tokeny", "1 wywołania")."""

from __future__ import annotations

import pytest

from planner.words.i18n import _, set_language
from planner.words.units import with_unit


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (1, "calls", "1 wywołanie"),
        (2, "requests", "2 zapytania"),
        (50, "requests", "50 zapytań"),
        (1000, "tokens", "1\u00a0000 tokenów"),
        (22, "days", "22 dni"),
        (11.5, "hours", "11,5 godziny"),
    ],
)
def test_polish_counts_take_their_plural_form(value: float, unit: str, expected: str) -> None:
    set_language("pl")
    try:
        assert with_unit(value, _(unit), 1 if value % 1 else 0) == expected
    finally:
        set_language("en")


def test_english_and_other_units() -> None:
    assert with_unit(1, "requests") == "1 request"
    assert with_unit(2.5, "hours", 1) == "2.5 hours"
    assert with_unit(0.9, "share", 1) == "0.9 share"
