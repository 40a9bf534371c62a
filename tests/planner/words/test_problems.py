"""A bad field in a plan file, said in plain words: which field, what it should hold, what
the file has (issue 12: not "Input should be a valid number, unable to parse string")."""

from __future__ import annotations

import pytest

from planner.model.planfile import PlanError, parse_plan
from planner.words.i18n import set_language
from planner.words.problems import plain_problem, validation_error_in


def problem_of(text: str) -> str:
    with pytest.raises(PlanError) as raised:
        parse_plan(text)
    invalid = validation_error_in(raised.value)
    assert invalid is not None
    return plain_problem(invalid)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"workload": {"requests_per_day": "lots"}}',
            "The field “workload.requests_per_day” should be a number; the file has “lots”.",
        ),
        (
            '{"horizon_months": 500}',
            "The field “horizon_months” should be at most 120; the file has “500”.",
        ),
        (
            '{"currency": "euro"}',
            "The field “currency” should be a three-letter currency code such as PLN; "
            "the file has “euro”.",
        ),
        ('{"colour": 1}', "The file has a field the planner does not know: “colour”."),
    ],
)
def test_a_bad_field_is_named_with_what_it_should_hold(text: str, expected: str) -> None:
    assert problem_of(text) == expected


def test_the_sentence_is_in_the_readers_language() -> None:
    set_language("pl")
    try:
        sentence = problem_of('{"workload": {"requests_per_day": "lots"}}')
    finally:
        set_language("en")
    assert "workload.requests_per_day" in sentence and "should be" not in sentence
