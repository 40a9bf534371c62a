"""Plain names for the engine's codes as the report prints them (translated when called).

Group and category names come from ``planner.words.names``, shared with the app.
"""

from __future__ import annotations

import decimal
import math
from datetime import date

from babel import Locale
from babel.dates import format_skeleton
from babel.numbers import format_currency

from planner.engine.analysis import VARIANTS as VARIANTS
from planner.engine.recommend import group_of
from planner.model.result import Option
from planner.words import names as words
from planner.words.formats import locale_for
from planner.words.i18n import _, ngettext


def group_title(option: Option) -> str:
    """What kind of option this is, for someone who does not know what a GPU is."""
    return group_title_of(group_of(option))


def group_title_of(group: tuple[str, str]) -> str:
    """A group of options (kind, ownership) in plain words."""
    return words.group_title(group)


def category_name(category: str) -> str:
    """A cost category in plain words."""
    return words.category_name(category)


def variant_name(code: str) -> str:
    """A sensitivity variant in words."""
    names = {
        "volume_x0.5": _("Half as many requests"),
        "volume_x1.5": _("50% more requests"),
        "volume_x10": _("Ten times as many requests"),
        "volume_x100": _("A hundred times as many requests"),
        "tokens_x0.5": _("Requests half as long"),
        "tokens_x1.5": _("Requests 50% longer"),
        "api_price_x0.5": _("AI service prices halved"),
        "api_price_x1.5": _("AI service prices 50% higher"),
        "gpu_price_x0.5": _("Server prices halved (bought or rented)"),
        "gpu_price_x1.5": _("Server prices 50% higher (bought or rented)"),
    }
    return names.get(code, code)


def add_months(start: date, months: int) -> date:
    """The first day of the month ``months`` after ``start``'s month."""
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_label(value: date) -> str:
    """``Jan 2026``, ``sty 2026``, ``січ. 2026 р.`` in the current language."""
    return str(format_skeleton("yMMM", value, locale=locale_for()))


def months_text(months: int) -> str:
    """``36 months``."""
    return ngettext("{months} month", "{months} months", months).format(months=months)


def over_months(months: int) -> str:
    """A column heading: ``Over 36 months``."""
    return ngettext("Over {months} month", "Over {months} months", months).format(months=months)


def fine_money(amount: float, currency: str) -> str:
    """Money to four decimals, for what one request costs (``€0.0016``, ``0,0016 zł``)."""
    if not math.isfinite(amount):
        return "–"
    locale = Locale.parse(locale_for())
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    pattern = pattern.replace("#,##0.00", "#,##0.0000")
    with decimal.localcontext(decimal.Context(prec=60)):
        return str(
            format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False)
        )
