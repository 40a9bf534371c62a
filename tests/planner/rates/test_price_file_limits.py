"""Price files that cannot be right are refused naming the file and the row (issue 8,
items 5 and 9): prices above a sane ceiling (1,000 USD per million tokens, LiteLLM's 0.001
USD per token), and files whose JSON escapes the reader."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from planner.rates import load_rates
from planner.rates.price_import import PriceImportError, compare_prices, read_price_file

TODAY = date(2026, 11, 22)
RATES = load_rates()


def litellm_file(folder: Path, input_cost: object, output_cost: object = 8e-6) -> Path:
    path = folder / "model_prices_and_context_window.json"
    entries = {
        "gpt-4o": {"input_cost_per_token": input_cost, "output_cost_per_token": output_cost},
        "mistral/mistral-large-4": {
            "input_cost_per_token": 4e-7,
            "output_cost_per_token": 1.2e-6,
        },
    }
    path.write_text(json.dumps(entries, allow_nan=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("input_cost", "output_cost"),
    [
        (0.99, 8e-6),  # issue 8: 0.99 USD a token was accepted
        (0.0011, 8e-6),
        (2e-6, 0.5),
        (-2e-6, 8e-6),
        (float("nan"), 8e-6),
        ("1e999", 8e-6),
    ],
)
def test_a_litellm_price_above_the_ceiling_is_refused_naming_the_row(
    tmp_path: Path, input_cost: object, output_cost: object
) -> None:
    path = litellm_file(tmp_path, input_cost, output_cost)
    comparison = compare_prices(RATES, read_price_file(path), TODAY)
    changed = {change.api_model_id for change in comparison.changes}
    assert "openai-gpt-4o" not in changed and "openai-gpt-4o" not in comparison.unchanged
    assert "mistral-large-4" in changed  # the other rows of the file are still read
    [refused] = comparison.refused
    assert str(path) in refused and "'gpt-4o'" in refused and "openai-gpt-4o" in refused
    assert "cost_per_token" in refused


def test_a_litellm_price_at_the_ceiling_is_accepted(tmp_path: Path) -> None:
    comparison = compare_prices(RATES, read_price_file(litellm_file(tmp_path, 0.001)), TODAY)
    change = next(c for c in comparison.changes if c.api_model_id == "openai-gpt-4o")
    assert change.input_new == 1000.0 and comparison.refused == []


def test_a_genai_prices_price_above_the_ceiling_is_refused_naming_the_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "data.json"
    model = {"id": "gpt-4o", "match": {"equals": "gpt-4o"}}
    path.write_text(
        json.dumps(
            [
                {
                    "id": "openai",
                    "name": "OpenAI",
                    "api_pattern": "https://api.openai.com",
                    "models": [{**model, "prices": {"input_mtok": 5000, "output_mtok": 8.0}}],
                }
            ]
        ),
        encoding="utf-8",
    )
    comparison = compare_prices(RATES, read_price_file(path), TODAY)
    [refused] = comparison.refused
    assert str(path) in refused and "openai-gpt-4o" in refused and "'input_mtok'" in refused
    assert all(change.api_model_id != "openai-gpt-4o" for change in comparison.changes)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested more than"),
        (b'{"gpt-4o": {"input_cost_per_token": ' + b"9" * 5_000 + b"}}", "gpt-4o"),
        (b'{"gpt-4o": {"input_cost_per_token": 1e-6, "mode": "\xff"}}', "not UTF-8"),
        (b'{"gpt-4o": {"input_cost_per_token": 1e-6, "mode": "\\udc00"}}', "gpt-4o.mode"),
    ],
)
def test_json_that_escaped_the_reader_names_the_price_file(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "prices.json"
    path.write_bytes(content)
    try:
        price_file = read_price_file(path)
        refused = compare_prices(RATES, price_file, TODAY).refused
    except PriceImportError as error:
        text = str(error)
    else:
        [text] = refused
    assert str(path) in text and message in text and "\n" not in text
