"""The bundled rates are of the right kind and recent enough (issue 11, rates)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.rates import load_rates

RATES = load_rates()
# The day this was checked; a rate older than 18 months before it counts as stale.
CHECKED_ON = date(2026, 12, 3)
STALE_BEFORE = CHECKED_ON - timedelta(days=548)
EUROSTAT_COUNTRIES = {"EU", "PL", "DE", "NO", "FR", "CZ", "NL"}


@pytest.mark.parametrize("code", ["USD", "PLN", "NOK", "GBP", "CZK", "CHF", "SEK", "UAH"])
def test_exchange_rates_are_recent(code: str) -> None:
    row = next(r for r in RATES.currencies if r.code == code)
    assert row.as_of >= STALE_BEFORE, f"{code} rate of {row.as_of} is older than 18 months"


def test_the_ecb_rates_share_one_date() -> None:
    ecb = [r for r in RATES.currencies if r.code != "UAH"]
    assert len({r.as_of for r in ecb}) == 1
    assert all("European Central Bank" in r.source for r in ecb if r.code != "EUR")


def test_the_hryvnia_rate_is_the_national_banks_and_near_the_ecb_date() -> None:
    # The ECB publishes no UAH rate; the NBU row carries its own date, within half a year.
    uah = next(r for r in RATES.currencies if r.code == "UAH")
    ecb_day = next(r for r in RATES.currencies if r.code == "USD").as_of
    assert "National Bank of Ukraine" in uah.source
    assert timedelta(0) <= ecb_day - uah.as_of <= timedelta(days=183)


def test_the_rates_are_the_ecb_figures_of_8_may_2026() -> None:
    # ECB eurofxref-daily.xml of 2026-05-08.
    expected = {"USD": 1.1761, "PLN": 4.2318, "NOK": 10.8215, "GBP": 0.86410, "CZK": 24.304}
    expected |= {"CHF": 0.9156, "SEK": 10.8420}
    for code, per_eur in expected.items():
        row = next(r for r in RATES.currencies if r.code == code)
        assert (row.per_eur, row.as_of) == (per_eur, date(2026, 5, 8)), code


@pytest.mark.parametrize("role", ["internal_admin", "external_it_service", "ml_engineer"])
def test_polish_staff_rates_exist_and_are_recent(role: str) -> None:
    row = next(r for r in RATES.staff_rates if r.country == "PL" and r.role == role)
    assert row.currency == "PLN"
    assert row.as_of >= STALE_BEFORE


def test_polish_admin_rate_is_the_2025_section_j_wage_with_employer_contributions() -> None:
    # GUS, September 2025, section J: PLN 14,395 gross a month x 1.2048 ZUS / 168 h.
    row = next(r for r in RATES.staff_rates if r.country == "PL" and r.role == "internal_admin")
    assert row.hourly_rate == pytest.approx(14_395 * 1.2048 / 168, abs=0.05)
    assert "2025" in row.source and "GUS" in row.source


def test_polish_ml_engineer_rate_is_the_2025_ai_ml_b2b_average_per_hour() -> None:
    # Polish IT job boards, 2025: AI/ML offers averaged PLN 19,500 a month on B2B contracts.
    row = next(r for r in RATES.staff_rates if r.country == "PL" and r.role == "ml_engineer")
    assert row.hourly_rate == pytest.approx(19_500 / 168, abs=0.05)
    assert "2025" in row.source and row.as_of >= date(2026, 1, 1)


@pytest.mark.parametrize("country", sorted(EUROSTAT_COUNTRIES))
def test_eurostat_electricity_is_the_small_business_band_without_vat(country: str) -> None:
    row = next(r for r in RATES.electricity if r.country == country)
    assert "nrg_pc_205" in row.source
    assert "band IB" in row.source and "band IC (" not in row.source
    assert "excluding VAT" in row.source
    assert row.currency == "EUR"


def test_small_business_band_costs_more_than_the_large_consumer_band_it_replaced() -> None:
    # Eurostat nrg_pc_205, 2024-S2, X_VAT: Poland band IC was EUR 0.2100 per kWh.
    poland = next(r for r in RATES.electricity if r.country == "PL")
    assert poland.price_per_kwh > 0.2100
