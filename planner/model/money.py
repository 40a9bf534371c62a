"""Rounding in one place: half away from zero, as spreadsheets' ROUND does.

The engine works in floats for planned costs; every figure it rounds goes through here so
that an exported workbook recomputes exactly what the engine computed, and a .5 tie is
never rounded to even in one place and up in another.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

CENT = Decimal("0.01")


def half_up(value: float) -> int:
    """Round a positive count (tokens, requests) to a whole number, .5 upwards."""
    return math.floor(value + 0.5)


def round_money(value: float, places: int = 2) -> float:
    """Round an amount half away from zero to ``places`` decimals (cents by default).

    Goes through the shortest decimal that reads back as ``value`` so 2.675 becomes 2.68,
    as a person (and Excel) expects, not 2.67 as binary floating point gives.
    """
    with localcontext() as context:
        context.prec = 400  # any finite float, to the cent (the default 28 digits stop at 1e26)
        exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return float(exact)


def cents(value: Decimal) -> Decimal:
    """An exact amount of money rounded half-up to cents, for showing it."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
