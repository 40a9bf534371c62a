"""Newer API prices from a file on disk, compared with the prices in use before applying.

Two formats are read: a genai-prices data file (``data.json``, a list of providers) and
LiteLLM's ``model_prices_and_context_window.json`` (an object of models, prices per token).
Applying the changes stores them as rate overrides of ``api_models`` (prices per million
tokens in USD), so they can be reviewed and reset like any other override.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from planner.model.jsonfile import JsonFileError, parse_json
from planner.rates import RateBook, RateOverrides
from planner.rates.api_prices import UnknownApiModel, list_prices_per_mtok
from planner.rates.limits import MAX_USD_PER_MTOK
from planner.rates.schema import ApiModel

Format = Literal["genai-prices", "litellm"]
PriceLookup = Callable[[ApiModel], "tuple[float, float] | None"]
INPUT_FIELD = "input_mtok_usd_override"
OUTPUT_FIELD = "output_mtok_usd_override"
CACHE_FIELD = "cache_read_mtok_usd_override"
# LiteLLM names some providers differently from genai-prices.
LITELLM_PROVIDERS: dict[str, tuple[str, ...]] = {
    "google": ("gemini", "vertex_ai"),
    "mistral": ("mistral",),
    "openai": ("openai",),
    "anthropic": ("anthropic",),
    "deepseek": ("deepseek",),
    "ovhcloud": ("ovhcloud",),
}
MAX_FILE_BYTES = 64 * 1024 * 1024


class PriceImportError(ValueError):
    """A price file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class PriceFile:
    path: Path
    format: Format
    lookup: PriceLookup  # (input, output) USD per million tokens for a row, or None


@dataclass(frozen=True)
class PriceChange:
    """A model whose price in the file differs from the price in use now."""

    api_model_id: str
    label: str
    input_now: float | None
    input_new: float
    output_now: float | None
    output_new: float
    cache_kept: float | None = None  # the cache-read price in use now, kept with the new prices


@dataclass(frozen=True)
class PriceComparison:
    changes: list[PriceChange]
    unchanged: list[str]  # api model ids with the same price
    missing: list[str]  # api model ids the file does not price
    # one line per api model whose price in the file cannot be right (naming file, entry,
    # field and the model it was for); those models keep their price in use
    refused: list[str] = field(default_factory=list)


def read_price_file(path: Path) -> PriceFile:
    """Read and recognise a price file; any failure names the file."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise PriceImportError(f"{path}: too large for a price file")
        text = path.read_text(encoding="utf-8-sig")
    except PriceImportError:
        raise
    except UnicodeDecodeError as error:
        raise PriceImportError(f"{path}: not a price file (not UTF-8 text)") from error
    except OSError as error:
        raise PriceImportError(f"{path}: cannot be read ({error.strerror or error})") from error
    try:
        data = parse_json(text, str(path))
    except JsonFileError as error:
        raise PriceImportError(str(error)) from error
    if isinstance(data, list):
        return PriceFile(path, "genai-prices", _genai_lookup(path, data))
    if isinstance(data, dict) and _looks_like_litellm(data):
        return PriceFile(path, "litellm", _litellm_lookup(path, data))
    raise PriceImportError(
        f"{path}: neither a genai-prices data file nor a LiteLLM model price file"
    )


def _genai_lookup(path: Path, data: list[Any]) -> PriceLookup:
    from genai_prices.types import _providers_from_raw

    try:
        providers = _providers_from_raw(data)
    except Exception as error:  # pydantic's ValidationError and anything the format brings
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise PriceImportError(f"{path}: not a genai-prices data file ({first_line})") from error
    by_id = {provider.id: provider for provider in providers}
    moment = datetime.now(tz=UTC)

    def lookup(row: ApiModel) -> tuple[float, float] | None:
        provider = by_id.get(row.provider)
        if provider is None:
            return None
        model = provider.find_model(row.model, all_providers=providers)
        if model is None:
            return None
        price = model.get_prices(moment)
        where = f"{path}, {row.provider}/{model.id} (for {row.id})"
        prices = (
            _checked(_base(getattr(price, "input_mtok", None)), f"{where}, field 'input_mtok'"),
            _checked(_base(getattr(price, "output_mtok", None)), f"{where}, field 'output_mtok'"),
        )
        if prices[0] is None or prices[1] is None:
            return None
        return prices[0], prices[1]

    return lookup


def _base(value: Any) -> float | None:
    if value is None:
        return None
    return float(getattr(value, "base", value))


def _looks_like_litellm(data: dict[str, Any]) -> bool:
    return any(
        isinstance(entry, dict) and "input_cost_per_token" in entry for entry in data.values()
    )


def _checked(per_mtok: float | None, where: str) -> float | None:
    """A price per million tokens, refused naming ``where`` when no real price is like it."""
    if per_mtok is not None and not (0 <= per_mtok <= MAX_USD_PER_MTOK):
        shown = "not a number" if math.isnan(per_mtok) else f"{per_mtok:g} USD"
        raise PriceImportError(
            f"{where}: {shown} per million tokens; a real price is between 0 and "
            f"{MAX_USD_PER_MTOK:,.0f}"
        )
    return per_mtok


def _litellm_lookup(path: Path, data: dict[str, Any]) -> PriceLookup:
    entries = {str(key).lower(): value for key, value in data.items() if isinstance(value, dict)}

    def lookup(row: ApiModel) -> tuple[float, float] | None:
        model = row.model.lower()
        names = [model, f"{row.provider}/{model}"]
        names += [f"{alias}/{model}" for alias in LITELLM_PROVIDERS.get(row.provider, ())]
        for name in names:
            entry = entries.get(name)
            if entry is None:
                continue
            where = f"{path}, {name!r} (for {row.id})"
            prices = (
                _per_million(entry.get("input_cost_per_token"), f"{where}, input_cost_per_token"),
                _per_million(entry.get("output_cost_per_token"), f"{where}, output_cost_per_token"),
            )
            if prices[0] is not None and prices[1] is not None:
                return prices[0], prices[1]
        return None

    return lookup


def _per_million(value: Any, where: str) -> float | None:
    """A LiteLLM price per token as USD per million tokens; None when it gives none."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        per_token = float(value)
    except ValueError:
        return None
    if not 0 <= per_token <= MAX_USD_PER_MTOK / 1e6:  # also NaN: a broken file, not a price
        raise PriceImportError(
            f"{where}: {value!r} USD a token; a real price is between 0 and "
            f"{MAX_USD_PER_MTOK / 1e6:g} (USD {MAX_USD_PER_MTOK:,.0f} per million tokens)"
        )
    return round(per_token * 1_000_000, 6)


def current_prices(row: ApiModel, day: date) -> tuple[float | None, float | None]:
    """The input and output price per million tokens the engine uses now for ``row``."""
    if row.input_mtok_usd_override is not None:
        return row.input_mtok_usd_override, row.output_mtok_usd_override or 0.0
    try:
        listed = list_prices_per_mtok(row.provider, row.model, day)
    except UnknownApiModel:
        return None, None
    return listed.get("input_mtok"), listed.get("output_mtok")


def compare_prices(
    rates: RateBook, price_file: PriceFile, day: date | None = None
) -> PriceComparison:
    """Every API model of the shortlist: changed, unchanged, or not in the file."""
    today = day or date.today()
    changes: list[PriceChange] = []
    unchanged: list[str] = []
    missing: list[str] = []
    refused: list[str] = []
    for row in rates.api_models:
        try:
            found = price_file.lookup(row)
        except PriceImportError as error:
            refused.append(str(error))
            continue
        if found is None:
            missing.append(row.id)
            continue
        input_now, output_now = current_prices(row, today)
        if _same(input_now, found[0]) and _same(output_now, found[1]):
            unchanged.append(row.id)
            continue
        changes.append(
            PriceChange(
                row.id, row.label, input_now, found[0], output_now, found[1], _cache_now(row, today)
            )
        )
    return PriceComparison(changes, unchanged, missing, refused)


def _cache_now(row: ApiModel, day: date) -> float | None:
    """The cache-read price in use now, so an imported price keeps the caching discount."""
    if row.input_mtok_usd_override is not None:
        return row.cache_read_mtok_usd_override
    try:
        return list_prices_per_mtok(row.provider, row.model, day).get("cache_read_mtok")
    except UnknownApiModel:
        return None


def _same(now: float | None, new: float) -> bool:
    return now is not None and abs(now - new) <= 1e-9 * max(1.0, abs(new))


def changes_as_overrides(changes: list[PriceChange]) -> RateOverrides:
    """The chosen changes as ``api_models`` overrides."""
    rows: dict[str, dict[str, float | int | str | bool]] = {}
    for change in changes:
        row: dict[str, float | int | str | bool] = {
            INPUT_FIELD: change.input_new,
            OUTPUT_FIELD: change.output_new,
        }
        if change.cache_kept is not None:
            row[CACHE_FIELD] = change.cache_kept
        rows[change.api_model_id] = row
    return {"api_models": rows} if rows else {}
