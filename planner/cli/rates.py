"""``rates``: every table with its sources and dates."""

from __future__ import annotations

from typing import Any

from planner.rates import RateBook
from planner.rates.loader import TABLE_SCHEMAS
from planner.words.sources import cite


def rates_listing(rates: RateBook) -> dict[str, Any]:
    listing: dict[str, Any] = {}
    for name in TABLE_SCHEMAS:
        rows = [row.model_dump(mode="json") for row in rates.table(name)]
        listing[name] = {"origin": rates.origin.get(name, ""), "rows": rows}
    from planner.rates.api_prices import genai_prices_version

    listing["api_prices"] = {"origin": f"genai-prices {genai_prices_version()}", "rows": []}
    return listing


def _row_name(row: dict[str, Any]) -> str:
    for key in ("id", "code", "country"):
        if key in row:
            suffix = f" {row['role']}" if "role" in row else ""
            return f"{row[key]}{suffix}"
    return "?"


def print_rates(rates: RateBook, as_json: bool) -> None:
    listing = rates_listing(rates)
    if as_json:
        from planner.cli.output import print_json

        print_json(listing)
        return
    for name, table in listing.items():
        print(f"== {name} ({table['origin']}, {len(table['rows'])} rows)")
        for row in table["rows"]:
            print(f"  {_row_name(row):38} as of {row['as_of']}  {cite(row['source'])[:90]}")
