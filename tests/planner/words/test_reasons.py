"""Reasons in words: counts take their plural form (Polish has three: 1 osoba, 2 osoby,
5 osób), and every sentence follows the language in use (issue 12)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from planner.model.result import Reason
from planner.words.i18n import set_language
from planner.words.reasons import TEMPLATES, describe, short_reason, template_for

SEATS_EN = (
    "It takes at most {limit} person; you need {seats}.",
    "It takes at most {limit} people; you need {seats}.",
)
# The shipped Polish catalog's three forms (one, few, many).
SEATS_PL = (
    "Obejmuje najwyżej {limit} osobę; potrzebne stanowiska: {seats}.",
    "Obejmuje najwyżej {limit} osoby; potrzebne stanowiska: {seats}.",
    "Obejmuje najwyżej {limit} osób; potrzebne stanowiska: {seats}.",
)


@pytest.mark.parametrize(
    ("limit", "seats", "expected"),
    [
        (1, 3, "It takes at most 1 person; you need 3."),
        (5, 12, "It takes at most 5 people; you need 12."),
        (1500, 2000, "It takes at most 1,500 people; you need 2,000."),
    ],
)
def test_a_seat_limit_counts_people_in_the_plural_its_limit_needs(
    limit: int, seats: int, expected: str
) -> None:
    reason = Reason("too_many_seats", {"limit": limit, "seats": seats})
    assert describe(reason) == expected


@pytest.mark.parametrize(
    ("limit", "expected"),
    [(1, SEATS_PL[0]), (3, SEATS_PL[1]), (22, SEATS_PL[1]), (5, SEATS_PL[2]), (12, SEATS_PL[2])],
)
def test_polish_takes_each_of_its_three_forms(limit: int, expected: str) -> None:
    set_language("pl")
    reason = Reason("too_many_seats", {"limit": limit, "seats": 40})
    assert describe(reason) == expected.format(limit=limit, seats=40)


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 option was ruled out: an older model, no longer offered"),
        (1000, "1,000 options were ruled out: an older model, no longer offered"),
    ],
)
def test_options_ruled_out_are_counted(count: int, expected: str) -> None:
    reason = Reason("excluded_count", {"count": count, "reason": "legacy_model"})
    assert describe(reason) == expected


def test_tokens_and_requests_take_their_plural_forms() -> None:
    long = Reason("request_too_long", {"tokens": 20500, "limit": 4096})
    assert describe(long) == (
        "Each request (20,500 tokens) is longer than this model can read at once (4,096 tokens)."
    )
    never = Reason("no_break_even", {"limit": 1_000_000})
    assert describe(never) == (
        "Running a model yourself does not become cheaper up to 1,000,000 requests a day."
    )


def test_polish_counts_tokens_in_the_sentence(polish_with: Callable[..., None]) -> None:
    # A test translation of a shipped sentence: the count's plural comes from the catalog.
    polish_with({TEMPLATES["request_too_long"]: "Zapytanie ({tokens}) przekracza limit ({limit})."})
    long = Reason("request_too_long", {"tokens": 22, "limit": 4096})
    assert describe(long) == "Zapytanie (22 tokeny) przekracza limit (4\u00a0096 tokenów)."


def test_every_reason_that_rules_out_has_a_sentence() -> None:
    for code in ("too_many_seats", *TEMPLATES):
        assert describe(Reason(code, {})) != code
    ruling_out = [code for code in TEMPLATES if short_reason(code) != code]
    assert ruling_out and all(template_for(code) for code in ruling_out)


def test_sentences_follow_a_language_switch_at_once() -> None:
    english = template_for("cheapest_over_horizon")
    assert "{cost}" in english and "{months}" in english  # the workbook's formula needs both
    set_language("pl")
    try:
        polish = template_for("cheapest_over_horizon")
    finally:
        set_language("en")
    assert polish != english and "{cost}" in polish
    assert template_for("cheapest_over_horizon") == english
    assert template_for("no_such_code") == ""
