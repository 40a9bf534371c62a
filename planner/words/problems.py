"""What is wrong with a plan file, in plain words: which field, what it should hold, and
what the file has instead (pydantic's own wording is for programmers)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from planner.words.formats import number
from planner.words.i18n import _

_UNION_MEMBERS = {"float", "int", "str", "bool", "none"}
_NUMBER_ERRORS = {"float_parsing", "int_parsing", "float_type", "int_type", "int_from_float"}
_LIMITS: dict[str, tuple[str, Callable[[], str]]] = {
    "greater_than_equal": ("ge", lambda: _("at least {limit}")),
    "greater_than": ("gt", lambda: _("more than {limit}")),
    "less_than_equal": ("le", lambda: _("at most {limit}")),
    "less_than": ("lt", lambda: _("less than {limit}")),
}


def validation_error_in(error: BaseException) -> ValidationError | None:
    """The validation error behind ``error`` (followed through ``raise … from``), if any."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ValidationError):
            return seen
        seen = seen.__cause__
    return None


def plain_problem(error: ValidationError) -> str:
    """The first problem as a sentence: "The field “workload.requests_per_day” should be a
    number; the file has “lots”."."""
    first = error.errors()[0]
    field = _field(first["loc"])
    kind = first["type"]
    if kind == "missing":
        return _("The field “{field}” is missing.").format(field=field)
    if kind == "extra_forbidden":
        return _("The file has a field the planner does not know: “{field}”.").format(field=field)
    expected = _expected(first, field)
    value = first.get("input")
    if isinstance(value, (int, float, str, bool)) and len(str(value)) <= 40:
        return _("The field “{field}” should be {expected}; the file has “{value}”.").format(
            field=field, expected=expected, value=value
        )
    return _("The field “{field}” should be {expected}.").format(field=field, expected=expected)


def _field(loc: tuple[int | str, ...]) -> str:
    parts = [str(part) for part in loc]
    while parts and parts[-1] in _UNION_MEMBERS:  # which alternative pydantic tried: noise
        parts.pop()
    return ".".join(parts) or _("plan")


def _expected(first: Any, field: str) -> str:
    kind, context = first["type"], first.get("ctx") or {}
    if kind in _NUMBER_ERRORS:
        return _("a number")
    if kind in _LIMITS:
        key, sentence = _LIMITS[kind]
        limit = context.get(key)
        shown = number(float(limit), 2 if float(limit) % 1 else 0) if limit is not None else "?"
        return sentence().format(limit=shown)
    if kind in ("bool_parsing", "bool_type"):
        return _("true or false")
    if kind.startswith("date"):
        return _("a date such as 2026-01-31")
    if kind == "literal_error":
        return _("one of: {choices}").format(choices=context.get("expected", ""))
    if kind == "string_too_long":
        return _("at most {limit} characters long").format(limit=context.get("max_length", ""))
    if kind == "string_pattern_mismatch" and field.endswith("currency"):
        return _("a three-letter currency code such as PLN")
    if kind == "string_pattern_mismatch" and field.endswith("country"):
        return _("a two-letter country code such as PL")
    if kind in ("string_type", "string_pattern_mismatch"):
        return _("text in the form the planner writes")
    return str(first.get("msg", "")).removeprefix("Value error, ")
