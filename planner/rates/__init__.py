"""Bundled, sourced and dated rate tables."""

from planner.rates.loader import (
    RateBook,
    RateOverrides,
    RateTableError,
    load_rates,
    row_key,
    with_overrides,
)

__all__ = ["RateBook", "RateOverrides", "RateTableError", "load_rates", "row_key", "with_overrides"]
