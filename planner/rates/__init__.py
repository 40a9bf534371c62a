"""Bundled, sourced and dated rate tables."""

from planner.rates.loader import RateBook, RateTableError, load_rates

__all__ = ["RateBook", "RateTableError", "load_rates"]
