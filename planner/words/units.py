"""A figure with its unit, with the plural form the language uses for that count
("1 zapytanie", "50 zapytań", "2 zapytania"; "1 000 tokenów"), for the units that count."""

from __future__ import annotations

from collections.abc import Callable

from planner.words.formats import number
from planner.words.i18n import _, ngettext


def _forms(count: int) -> dict[str, Callable[[], str]]:
    return {
        "requests": lambda: ngettext("{count} request", "{count} requests", count),
        "tokens": lambda: ngettext("{count} token", "{count} tokens", count),
        "calls": lambda: ngettext("{count} call", "{count} calls", count),
        "hours": lambda: ngettext("{count} hour", "{count} hours", count),
        "months": lambda: ngettext("{count} month", "{count} months", count),
        "days": lambda: ngettext("{count} day", "{count} days", count),
        "seconds": lambda: ngettext("{count} second", "{count} seconds", count),
        "machines": lambda: ngettext("{count} machine", "{count} machines", count),
        "sequences": lambda: ngettext("{count} request at once", "{count} requests at once", count),
        "words": lambda: ngettext("{count} word", "{count} words", count),
    }


def with_unit(value: float, unit: str, decimals: int = 0) -> str:
    """``value`` and its unit (given in English or as translated); a counting unit takes the
    plural form for the number, any other unit follows the number as it is."""
    text = number(value, decimals)
    # A fraction reads like "a few" in Polish and Ukrainian ("1,5 godziny"); 2 picks it.
    count = int(value) if float(value).is_integer() else 2
    for english, form in _forms(count).items():
        if unit in (english, _(english)):
            return form().format(count=text)
    return f"{text} {unit}".strip()
