"""The user's own rate values: stored as JSON outside the bundled tables, validated on use."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.rates import RateTableError, load_rates
from planner.rates.user_rates import (
    UserRatesError,
    apply_user_overrides,
    clear_override,
    load_user_overrides,
    merge_overrides,
    save_user_overrides,
    set_override,
    usable_overrides,
)


def test_overrides_round_trip_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "rate_overrides.json"
    assert load_user_overrides(path) == {}
    overrides = set_override({}, "electricity", "PL", "price_per_kwh", 0.3)
    save_user_overrides(path, overrides)
    assert load_user_overrides(path) == overrides
    assert apply_user_overrides(load_rates(), overrides).electricity[1].price_per_kwh == 0.3


def test_set_merge_and_clear_do_not_change_their_input() -> None:
    one = set_override({}, "gpus", "l4", "purchase_usd", 2500)
    two = merge_overrides(one, {"gpus": {"t4": {"purchase_usd": 900}}})
    assert one == {"gpus": {"l4": {"purchase_usd": 2500}}}
    assert clear_override(two, "gpus", "l4", "purchase_usd") == {
        "gpus": {"t4": {"purchase_usd": 900}}
    }
    assert clear_override(two, "gpus", "t4") == one
    assert clear_override(two, "gpus") == {}
    assert clear_override(two) == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{ broken", "not valid JSON"),
        ("[]", "expected an object of tables"),
        ('{"gpus": {"l4": {"purchase_usd": [1]}}}', "expected a number"),
    ],
)
def test_a_damaged_file_is_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "rate_overrides.json"
    path.write_text(text)
    with pytest.raises(UserRatesError, match=message):
        load_user_overrides(path)


def test_values_that_no_longer_apply_are_dropped_with_a_reason() -> None:
    stored = {
        "electricity": {"PL": {"price_per_kwh": 0.3}, "XX": {"price_per_kwh": 0.1}},
        "gpus": {"l4": {"purchase_usd": -5}},
    }
    kept, problems = usable_overrides(load_rates(), stored)
    assert kept == {"electricity": {"PL": {"price_per_kwh": 0.3}}}
    assert len(problems) == 2 and any("'XX'" in p for p in problems)
    with pytest.raises(RateTableError):
        apply_user_overrides(load_rates(), stored)
