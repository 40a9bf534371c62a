"""Money in reports: exact sums, converted with the planner's dated exchange rates."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planner.rates import RateBook

REPORT_PLACES = Decimal("1e-12")  # far below a micro-unit; JSON keeps every digit that matters


@dataclass(frozen=True)
class Converter:
    """Converts amounts to one currency through the euro reference rates (one date)."""

    rates: RateBook
    target: str

    def __post_init__(self) -> None:
        self.rates.currency(self.target)  # an unknown currency fails here, naming the known ones

    def __call__(self, amount: Decimal, currency: str) -> Decimal:
        code = currency.upper()
        if code == self.target:
            return amount
        source = Decimal(repr(self.rates.currency(code).per_eur))
        target = Decimal(repr(self.rates.currency(self.target).per_eur))
        return amount / source * target  # 28 significant digits; shown to 12 places

    @property
    def as_of(self) -> str:
        """The date of the exchange rates used."""
        return max(row.as_of for row in self.rates.currencies).isoformat()


def per(amount: Decimal, count: int) -> Decimal | None:
    """An amount per unit (a request), or None when there were none."""
    if count <= 0:
        return None
    return (amount / count).quantize(REPORT_PLACES).normalize()
