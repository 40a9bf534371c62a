"""Numbers, money and dates in the user's language, from CLDR data (Babel)."""

from __future__ import annotations

import decimal
import math
import re
from datetime import date

from babel import Locale
from babel.dates import format_date as _format_date
from babel.numbers import format_currency, format_decimal, format_percent

from planner.words.i18n import language

LOCALES = {"en": "en_US", "pl": "pl_PL", "uk": "uk_UA"}


def locale_for(lang: str | None = None) -> str:
    return LOCALES.get(lang or language(), "en_US")


# Babel rounds in the current decimal context, whose 28 digits an amount of 1e26 with its
# cents already exceeds; a float has at most 309 digits before the point.
_WIDE = decimal.Context(prec=340)
NOT_A_NUMBER = "–"  # shown for a value that is not a finite number (never a crash)


def money(amount: float, currency: str, lang: str | None = None) -> str:
    """``1 234,56 zł``, ``€1,234.56``, ``1 234,56 ₴``."""
    if not math.isfinite(amount):
        return NOT_A_NUMBER
    with decimal.localcontext(_WIDE):
        return str(format_currency(amount, currency, locale=locale_for(lang)))


def unit_money(amount: float, currency: str, lang: str | None = None) -> str:
    """Money of one request, where cents say nothing: up to four decimals (``€0.0043``,
    ``0,0043 zł``), at least the currency's own two (``€1.50``)."""
    if not math.isfinite(amount):
        return NOT_A_NUMBER
    with decimal.localcontext(_WIDE):
        shown = decimal.Decimal(repr(amount)).quantize(decimal.Decimal("0.0001"))
        return str(format_currency(shown, currency, locale=locale_for(lang),
                                   decimal_quantization=False))  # fmt: skip


def whole_money(amount: float, currency: str, lang: str | None = None) -> str:
    """Money without cents, for axis labels and headlines (``€1,235``, ``1 235 zł``)."""
    if not math.isfinite(amount):
        return NOT_A_NUMBER
    locale = Locale.parse(locale_for(lang))
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    pattern = pattern.replace("#,##0.00", "#,##0").replace("#,##0.0#", "#,##0")
    with decimal.localcontext(_WIDE):
        return str(
            format_currency(
                round(amount), currency, format=pattern, locale=locale, currency_digits=False
            )
        )


def rounded_money(amount: float, currency: str, lang: str | None = None) -> str:
    """Money for sentences: whole units from 100 up (``€436``), cents below (``€3.48``)."""
    if math.isfinite(amount) and abs(amount) < 100:
        return money(amount, currency, lang)
    return whole_money(amount, currency, lang)


def about(value: float, lang: str | None = None) -> str:
    """An uncertain count to two significant figures: ``65,000`` for 65,319, ``120`` for
    118; small counts as they are."""
    if not math.isfinite(value):
        return NOT_A_NUMBER
    if abs(value) < 100:
        return number(round(value), lang=lang)
    digits = math.floor(math.log10(abs(value))) - 1
    return number(round(value, -digits), lang=lang)


def number(value: float, decimals: int = 0, lang: str | None = None) -> str:
    """``12,345`` or with ``decimals`` places, grouped as the language groups digits."""
    if not math.isfinite(value):
        return NOT_A_NUMBER
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    with decimal.localcontext(_WIDE):
        return str(format_decimal(value, format=pattern, locale=locale_for(lang)))


def percent(share: float, lang: str | None = None) -> str:
    """``42%`` for 0.42, as the language writes it."""
    if not math.isfinite(share):
        return NOT_A_NUMBER
    with decimal.localcontext(_WIDE):
        return str(format_percent(share, locale=locale_for(lang)))


def day(value: date, lang: str | None = None) -> str:
    return str(_format_date(value, format="medium", locale=locale_for(lang)))


def excel_money_format(currency: str, lang: str | None = None) -> str:
    """An Excel number format showing ``currency`` the way the language writes money
    (``#,##0.00 "zł"``, ``"€"#,##0.00``); Excel applies the reader's separators itself."""
    from babel.core import Locale
    from babel.numbers import get_currency_symbol

    locale = Locale.parse(locale_for(lang))
    symbol = get_currency_symbol(currency, locale=locale)
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    quoted = '"' + symbol.replace('"', "") + '"'
    result = re.sub(r"[#0,.]+", "#,##0.00", pattern.replace("¤", "\x00"), count=1)
    result = result.replace("\xa0", " ").replace("\u202f", " ")
    return result.replace("\x00", quoted)
