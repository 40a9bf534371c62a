"""Small formatting helpers for tables (money and dates come from ``planner.words.formats``)."""

from __future__ import annotations

from babel.numbers import format_compact_decimal, format_decimal

from planner.words.formats import locale_for, percent, rounded_money, whole_money
from planner.words.i18n import _


def plain_number(value: float) -> str:
    """A number with as many decimals as it needs (up to six): ``0.15``, ``1,200``, ``1.3``."""
    return str(format_decimal(value, format="#,##0.######", locale=locale_for()))


def share(value: float) -> str:
    """A share as a percentage; a small non-zero share reads "under 1%" rather than "0%"."""
    if 0 < value < 0.005:
        return _("under {share}").format(share=percent(0.01))
    return percent(value)


def compact_number(value: float) -> str:
    """Axis labels: ``10``, ``1,000``, ``1M``."""
    if value >= 1_000_000:
        return str(format_compact_decimal(value, locale=locale_for(), fraction_digits=1))
    return plain_number(round(value))


__all__ = ["compact_number", "plain_number", "rounded_money", "share", "whole_money"]
