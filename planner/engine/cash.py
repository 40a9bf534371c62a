"""Hardware as cash and as accounts: what is paid when it is bought, and what is written off.

The budget is a cash plan: owned hardware is paid for in the month it is bought (the first
month's purchase is a one-off). The accounting view spreads each purchase evenly over the
write-off period from its month, so over the whole period it adds up to what was paid.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate


def write_offs(purchases: Sequence[float], life_months: float) -> tuple[float, ...]:
    """Each month's straight-line write-off of the hardware bought so far.

    Args:
        purchases: What was paid for hardware in each month of the horizon (0 = the first).
        life_months: The write-off period; a fractional period ends with part of a month.

    Returns:
        One write-off per month of ``purchases`` (empty when nothing was bought).
    """
    if not purchases:
        return ()
    whole = int(life_months)
    part = life_months - whole
    if not any(purchases[1:]):  # the usual case: bought once, at the start
        return _one_purchase(purchases[0], len(purchases), whole, part, life_months)
    bought = list(accumulate(purchases))

    def bought_by(month: int) -> float:
        return bought[month] if month >= 0 else 0.0

    offs = []
    for month in range(len(purchases)):
        # Purchases of the last `whole` months are written off in full this month; the one
        # made `whole` months ago has `part` of a month left.
        full = bought_by(month) - bought_by(month - whole)
        rest = part * purchases[month - whole] if part and month >= whole else 0.0
        offs.append((full + rest) / life_months)
    return tuple(offs)


def first_month_write_offs(paid: float, months: int, life_months: float) -> tuple[float, ...]:
    """``write_offs`` of ``paid`` in the first month of ``months`` and nothing after: the same
    figures, without the list of purchases (every owned option with a steady load)."""
    whole = int(life_months)
    return _one_purchase(paid, months, whole, life_months - whole, life_months)


def _one_purchase(
    paid: float, months: int, whole: int, part: float, life_months: float
) -> tuple[float, ...]:
    """``write_offs`` of a single purchase in the first month, without the running sums
    (most owned options; the same figures to the last bit)."""
    full = (paid / life_months,) * min(whole, months)
    rest = (part * paid / life_months,) if part and whole < months else ()
    return full + rest + (0.0,) * (months - len(full) - len(rest))
