"""What a month of an option pays for, and what its one-off buys, in plain sentences.

Shared by the app's headline and the report's summary, so both separate the AI's own cost
from people's time in the same words. Amounts are formatted by the caller (the app rounds
them, the report shows cents).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planner.model.result import PEOPLE, Category, Option
from planner.words.formats import number
from planner.words.i18n import _, ngettext

Money = Callable[[float], str]
TOOLS: Category = "monitoring_and_tools"


@dataclass(frozen=True)
class MonthSplit:
    """The first month in three parts: the AI itself (fees, seats, servers, electricity),
    people's time (staff and outside IT), and monitoring tools."""

    ai: float
    people: float
    tools: float
    hours: float


def month_split(option: Option) -> MonthSplit:
    """The option's first month split as ``MonthSplit`` (from its itemised lines)."""
    people = option.monthly_lines.get(PEOPLE, 0.0)
    tools = option.monthly_lines.get(TOOLS, 0.0)
    ai = max(0.0, option.monthly_cost - people - tools)
    return MonthSplit(ai, people, tools, option.people_hours_per_month)


def hours_text(hours: float) -> str:
    """``11.5 hours`` in the current language (to a tenth of an hour)."""
    hours = round(hours, 1)
    shown = number(hours, 1 if hours != int(hours) else 0)
    return ngettext("{hours} hour", "{hours} hours", max(1, round(hours))).format(hours=shown)


def split_sentence(option: Option, money: Money) -> str:
    """ "Of that, 2 zł is AI fees and 2 070 zł people's time (11.5 hours a month)."."""
    split = month_split(option)
    text = _("Of that, {ai} is the AI itself and {people} is people's time ({hours} a month)")
    text = text.format(
        ai=money(split.ai), people=money(split.people), hours=hours_text(split.hours)
    )
    if split.tools:
        text += _(", plus {tools} for monitoring tools").format(tools=money(split.tools))
    return text + "."


def write_off_months(option: Option) -> float:
    """The write-off period the option's accounting view used (its first purchase over the
    first month's write-off, which is that purchase's monthly share)."""
    first = option.write_off(0)
    return round(option.purchase(0) / first, 2) if first else 0.0


def purchase_sentence(option: Option, money: Money) -> str | None:
    """What of the one-off buys hardware, and how the accounts spread it; None when nothing
    is bought."""
    bought = option.one_off_lines.get("hardware_purchase", 0.0)
    if not bought:
        return None
    life_months = write_off_months(option)
    text = _(
        "The one-off includes {bought} to buy the hardware, paid before the start; in the "
        "accounts it is written off over {months} months, {write_off} a month."
    )
    return text.format(
        bought=money(bought),
        months=number(life_months, 1 if life_months != int(life_months) else 0),
        write_off=money(option.write_off(0)),
    )
