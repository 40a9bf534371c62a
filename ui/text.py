"""Small formatting helpers for tables (money and dates come from ``planner.words.formats``)."""

from __future__ import annotations

from babel import Locale
from babel.numbers import format_compact_decimal, format_currency, format_decimal

from planner.words.formats import locale_for, money, percent
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


def rounded_money(amount: float, currency: str) -> str:
    """Money for headlines: whole units from 100 up (``€436``), cents below (``€3.48``)."""
    return money(amount, currency) if abs(amount) < 100 else whole_money(amount, currency)


def whole_money(amount: float, currency: str) -> str:
    """Money without cents, for axis labels and headlines."""
    locale = Locale.parse(locale_for())
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    pattern = pattern.replace("#,##0.00", "#,##0").replace("#,##0.0#", "#,##0")
    return str(
        format_currency(
            round(amount), currency, format=pattern, locale=locale, currency_digits=False
        )
    )
