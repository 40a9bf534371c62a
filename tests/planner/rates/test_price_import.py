"""Reading newer API prices from genai-prices and LiteLLM files, and what would change."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from planner.rates import load_rates, with_overrides
from planner.rates.price_import import (
    CACHE_FIELD,
    INPUT_FIELD,
    OUTPUT_FIELD,
    PriceImportError,
    changes_as_overrides,
    compare_prices,
    current_prices,
    read_price_file,
)

TODAY = date(2026, 11, 22)


def write(folder: Path, data: object, name: str = "prices.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def genai_file(folder: Path) -> Path:
    """The genai-prices data format: a list of providers, each with priced models."""
    return write(
        folder,
        [
            {
                "id": "openai",
                "name": "OpenAI",
                "api_pattern": "https://api.openai.com",
                "models": [
                    {
                        "id": "gpt-4o",
                        "match": {"equals": "gpt-4o"},
                        "prices": {"input_mtok": 2.0, "output_mtok": 8.0, "cache_read_mtok": 1.0},
                    },
                    {
                        "id": "gpt-4o-mini",
                        "match": {"equals": "gpt-4o-mini"},
                        "prices": {"input_mtok": 0.15, "output_mtok": 0.6},
                    },
                ],
            }
        ],
        "data.json",
    )


def test_a_genai_prices_file_is_compared_with_the_prices_in_use(tmp_path: Path) -> None:
    rates = load_rates()
    price_file = read_price_file(genai_file(tmp_path))
    assert price_file.format == "genai-prices"
    comparison = compare_prices(rates, price_file, TODAY)
    changed = {c.api_model_id: c for c in comparison.changes}
    assert changed["openai-gpt-4o"].input_new == 2.0 and changed["openai-gpt-4o"].output_new == 8.0
    assert (
        "openai-gpt-4o-mini" in comparison.unchanged
    )  # $0.15 / $0.60 already (genai-prices 0.2.3)
    assert "mistral-large-4" in comparison.missing


def test_a_litellm_file_is_read_per_token_and_matched_by_provider(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {
            "sample_spec": {"input_cost_per_token": 0.0, "output_cost_per_token": 0.0},
            "gpt-4o": {
                "input_cost_per_token": 2e-6,
                "output_cost_per_token": 8e-6,
                "litellm_provider": "openai",
            },
            "mistral/mistral-large-4": {
                "input_cost_per_token": 4e-7,
                "output_cost_per_token": 1.2e-6,
            },
            "gemini/gemini-2.5-flash": {
                "input_cost_per_token": 1e-7,
                "output_cost_per_token": 9e-7,
            },
            "broken": {"input_cost_per_token": "free", "output_cost_per_token": 1},
        },
    )
    price_file = read_price_file(path)
    assert price_file.format == "litellm"
    changes = {c.api_model_id: c for c in compare_prices(load_rates(), price_file, TODAY).changes}
    assert (changes["mistral-large-4"].input_new, changes["mistral-large-4"].output_new) == (
        0.4,
        1.2,
    )
    assert changes["google-gemini-2.5-flash"].output_new == 0.9


def test_applied_changes_become_api_model_overrides(tmp_path: Path) -> None:
    rates = load_rates()
    comparison = compare_prices(rates, read_price_file(genai_file(tmp_path)), TODAY)
    overrides = changes_as_overrides(comparison.changes)
    # gpt-4o's cache-read price in use now ($1.25 per million) is kept with the new prices.
    assert overrides["api_models"]["openai-gpt-4o"] == {
        INPUT_FIELD: 2.0,
        OUTPUT_FIELD: 8.0,
        CACHE_FIELD: 1.25,
    }
    changed = with_overrides(rates, overrides)
    assert current_prices(changed.api_model("openai-gpt-4o"), TODAY) == (2.0, 8.0)
    assert changes_as_overrides([]) == {}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{ nope", "not valid JSON"),
        ('{"a": 1}', "neither a genai-prices data file nor a LiteLLM"),
        ('[{"id": "x"}]', "not a genai-prices data file"),
        ("", "not valid JSON"),
    ],
)
def test_a_file_that_cannot_be_used_names_itself(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "odd.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PriceImportError, match=message) as error:
        read_price_file(path)
    assert str(path) in str(error.value)


def test_a_missing_file_is_a_price_import_error(tmp_path: Path) -> None:
    with pytest.raises(PriceImportError, match="cannot be read"):
        read_price_file(tmp_path / "absent.json")
