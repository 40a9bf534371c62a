"""Where a business is and the money it counts in: the currency that goes with a country,
and the country a language suggests when nothing else is known."""

from __future__ import annotations

from planner.model.plan import Plan

# Countries whose money is the euro (the EU average counts in euros too).
EURO_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "HR",
        "CY",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PT",
        "SK",
        "SI",
        "ES",
        "EU",
    ]
)
NATIONAL_CURRENCIES = {
    "PL": "PLN",
    "UA": "UAH",
    "NO": "NOK",
    "CZ": "CZK",
    "SE": "SEK",
    "CH": "CHF",
    "GB": "GBP",
    "US": "USD",
}
LANGUAGE_COUNTRIES = {"pl": "PL", "uk": "UA"}


def currency_for(country: str) -> str:
    """The currency a business in ``country`` counts in: PLN in Poland, UAH in Ukraine, NOK in
    Norway, EUR in the euro countries, else USD."""
    if country in EURO_COUNTRIES:
        return "EUR"
    return NATIONAL_CURRENCIES.get(country, "USD")


def country_for(language: str) -> str:
    """The country a language suggests: Poland for Polish, Ukraine for Ukrainian, the EU
    average for any other."""
    return LANGUAGE_COUNTRIES.get(language, "EU")


def local_plan(name: str, language: str) -> Plan:
    """A new plan for someone working in ``language``: its country and that country's money."""
    country = country_for(language)
    return Plan(name=name, country=country, currency=currency_for(country))


def with_country(plan: Plan, country: str) -> Plan:
    """``plan`` in another country; its currency follows unless the user chose another one
    (a currency other than the old country's)."""
    update: dict[str, str] = {"country": country}
    if plan.currency == currency_for(plan.country):
        update["currency"] = currency_for(country)
    return plan.model_copy(update=update)
