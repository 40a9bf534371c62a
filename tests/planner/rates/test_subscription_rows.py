"""The seat-subscription table (subscriptions.toml): the plans an EU office would weigh,
each sourced and dated, and a broken row refused naming the file, row and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.rates import RateTableError, load_rates
from planner.rates.loader import parse_table

RATES = load_rates()
ROW = """
[[rows]]
id = "team-x"
label = "Team X"
provider = "X"
plan = "Team"
currency = "USD"
data_region = "eu"
trains_on_data = false
tier = "high"
source = "https://example.com/pricing"
as_of = 2026-05-01
"""


def test_the_plans_an_office_in_the_eu_would_meet_are_listed() -> None:
    providers = {row.provider for row in RATES.subscriptions}
    assert {"OpenAI", "Microsoft", "Google", "Anthropic", "Mistral AI"} <= providers
    assert any(row.data_region == "eu" for row in RATES.subscriptions)
    for row in RATES.subscriptions:
        assert row.monthly_billing_per_seat or row.annual_billing_per_seat, row.id
        assert row.source.startswith(("OpenAI", "Microsoft", "Google", "Anthropic", "Mistral"))
        assert "https://" in row.source, row.id  # a reader can follow it


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ("", "annual_billing_per_seat", "a monthly or an annual price per seat is needed"),
        ("monthly_billing_per_seat = 0\n", "monthly_billing_per_seat", "greater than 0"),
        (
            "monthly_billing_per_seat = 20\nmin_seats = 5\nmax_seats = 2\n",
            "max_seats",
            "fewer than the minimum of 5 seats",
        ),
        ("monthly_billing_per_seat = 20\ndata_region = 'mars'\n", "data_region", "'eu'"),
    ],
)
def test_a_broken_subscription_row_is_named(extra: str, field: str, message: str) -> None:
    text = ROW.replace('tier = "high"\n', f'tier = "high"\n{extra}')
    if "data_region = 'mars'" in extra:
        text = text.replace('data_region = "eu"\n', "")
    with pytest.raises(RateTableError) as error:
        parse_table("subscriptions", text, "subscriptions.toml")
    assert f"subscriptions.toml, row 1 (id 'team-x'), field '{field}'" in str(error.value)
    assert message in str(error.value)


def test_a_subscription_in_a_currency_without_a_rate_is_refused(tmp_path: Path) -> None:
    folder = tmp_path
    text = ROW.replace('currency = "USD"', 'currency = "XYZ"').replace(
        'tier = "high"\n', 'tier = "high"\nmonthly_billing_per_seat = 20\n'
    )
    (folder / "subscriptions.toml").write_text(text, encoding="utf-8")
    with pytest.raises(RateTableError) as error:
        load_rates(folder)
    assert "field 'currency'" in str(error.value) and "XYZ" in str(error.value)
