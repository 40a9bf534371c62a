"""Local prices the plan rests on: currency conversion, electricity and staff rates."""

from __future__ import annotations

from dataclasses import dataclass

from planner.model.plan import ItCapacity, Plan
from planner.rates import RateBook
from planner.rates.schema import CurrencyRate, ElectricityPrice, StaffRate

FALLBACK_COUNTRY = "EU"

# Who does the work for each level of IT capacity; nobody in-house means an external
# IT service contract, priced at that role's rate.
STAFF_ROLE: dict[ItCapacity, str] = {
    "none": "external_it_service",
    "external_provider": "external_it_service",
    "admin": "internal_admin",
    "ml_team": "ml_engineer",
}


@dataclass(frozen=True)
class LocalPrices:
    """Rates converted to the plan's currency, with the rows they came from."""

    currency: CurrencyRate
    usd: CurrencyRate
    electricity: ElectricityPrice
    electricity_per_kwh: float
    staff: StaffRate
    staff_hourly: float

    def from_usd(self, amount: float) -> float:
        """Convert US dollars to the plan's currency through the euro reference rates."""
        return amount / self.usd.per_eur * self.currency.per_eur


def convert(amount: float, source: CurrencyRate, target: CurrencyRate) -> float:
    return amount / source.per_eur * target.per_eur


def electricity_row(rates: RateBook, country: str) -> ElectricityPrice:
    """The country's business electricity price, or the EU average when it is not listed."""
    for code in (country, FALLBACK_COUNTRY):
        for row in rates.electricity:
            if row.country == code:
                return row
    return rates.electricity[0]


def staff_row(rates: RateBook, country: str, capacity: ItCapacity) -> StaffRate:
    """The hourly rate of whoever keeps the system running, by country, else the EU figure."""
    role = STAFF_ROLE[capacity]
    for code in (country, FALLBACK_COUNTRY, "US"):
        for row in rates.staff_rates:
            if row.country == code and row.role == role:
                return row
    raise KeyError(f"no staff rate for role {role!r}")


def local_prices(plan: Plan, rates: RateBook) -> LocalPrices:
    """Look up and convert every local price once per estimate."""
    target = rates.currency(plan.currency)
    power = electricity_row(rates, plan.country)
    staff = staff_row(rates, plan.country, plan.needs.it_capacity)
    return LocalPrices(
        currency=target,
        usd=rates.currency("USD"),
        electricity=power,
        electricity_per_kwh=convert(power.price_per_kwh, rates.currency(power.currency), target),
        staff=staff,
        staff_hourly=convert(staff.hourly_rate, rates.currency(staff.currency), target),
    )
