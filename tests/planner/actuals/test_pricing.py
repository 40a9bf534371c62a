"""Re-priced usage equals genai-prices' calc_price, bucket by bucket, to the last digit."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from genai_prices import Usage, calc_price

from planner.actuals.store import SqliteLedger
from tests.planner.actuals.conftest import FIXTURES, load


def priced(ledger: SqliteLedger, first: str, last: str) -> Decimal:
    return sum((r.priced or Decimal(0) for r in ledger.daily_rows(first, last)), Decimal(0))


def oracle(usage: Usage, model: str, provider: str, when: str, **context: str) -> Decimal:
    moment = datetime.fromisoformat(when).replace(tzinfo=UTC)
    found = calc_price(usage, model, provider_id=provider, genai_request_timestamp=moment,
                       price_context=context or None)  # fmt: skip
    return found.total_price


# The OpenAI dashboard days whose re-priced activity equals the cost export (FORMATS.md §1.11).
@pytest.mark.parametrize(
    ("day", "tokens_in", "tokens_out", "billed"),
    [
        ("2025-10-07", 80_992, 274_770, Decimal("0.569788")),
        ("2025-10-10", 124_784, 154_852, Decimal("0.340900")),
        ("2025-10-11", 22_688, 33_191, Decimal("0.072054")),
    ],
)
def test_openai_activity_reprices_to_the_cost_export(
    ledger: SqliteLedger, day: str, tokens_in: int, tokens_out: int, billed: Decimal
) -> None:
    load(ledger, "openai_usage.csv")
    usage = Usage(input_tokens=tokens_in, output_tokens=tokens_out)
    expected = oracle(usage, "gpt-5-mini-2025-08-07", "openai", day)
    assert priced(ledger, day, day) == expected == billed


def test_batch_bucket_is_priced_with_its_cache_reads(ledger: SqliteLedger) -> None:
    load(ledger, "openai_usage.csv")
    usage = Usage(input_tokens=100_000, output_tokens=20_000, cache_read_tokens=30_000)
    # genai-prices 0.2.3 has no batch variant for this model, so batch prices as listed.
    batch = oracle(usage, "gpt-4o-mini-2024-07-18", "openai", "2025-10-12", processing="batch")
    uncached = oracle(Usage(input_tokens=100_000, output_tokens=20_000), "gpt-4o-mini-2024-07-18",
                      "openai", "2025-10-12")  # fmt: skip
    assert priced(ledger, "2025-10-12", "2025-10-12") == batch < uncached


def test_anthropic_api_usage_with_cache_writes_and_web_search(ledger: SqliteLedger) -> None:
    load(ledger, "anthropic_usage_page.json")
    assert priced(ledger, "2025-08-01", "2025-08-01") == Decimal("0.119935")  # FORMATS.md §1.11


def test_anthropic_size_band_above_200k_uses_the_long_context_price(ledger: SqliteLedger) -> None:
    load(ledger, "anthropic_usage.csv")
    long = Usage(input_tokens=300_000, output_tokens=1_000)
    expected = oracle(long, "claude-sonnet-4-20250514", "anthropic", "2025-08-02")
    haiku = oracle(Usage(input_tokens=50_000, output_tokens=2_000), "claude-haiku-4-5-20251001",
                   "anthropic", "2025-08-02")  # fmt: skip
    assert priced(ledger, "2025-08-02", "2025-08-02") == expected + haiku


def test_generic_rows_sum_to_calc_price_of_each_row(ledger: SqliteLedger) -> None:
    load(ledger, "generic.csv")
    expected = (
        oracle(Usage(input_tokens=1000, output_tokens=100), "gpt-4o-mini", "openai", "2026-03-02T09:15:01")
        + oracle(Usage(input_tokens=2000, output_tokens=200, cache_read_tokens=1000), "gpt-4o-mini",
                 "openai", "2026-03-02T08:16:00")
        + oracle(Usage(input_tokens=3200, output_tokens=500, cache_read_tokens=200, cache_write_tokens=1500),
                 "claude-sonnet-4-20250514", "anthropic", "2026-03-03T08:00:00")
    )  # fmt: skip
    assert priced(ledger, "2026-03-01", "2026-03-31") == expected


def test_tier_follows_the_average_request_not_the_bucket(
    tmp_path: object, ledger: SqliteLedger
) -> None:
    path = FIXTURES.parent / "fixtures" / "generic.csv"
    assert path.exists()
    bucket = tmp_path / "bucket.csv"  # type: ignore[operator]
    # 10 requests of 150k input each: the bucket is 1.5M tokens, each request below 200k.
    bucket.write_text(
        "timestamp,provider,model,input_tokens,output_tokens,requests\n"
        "2025-10-07T00:00:00Z,google,gemini-2.5-pro,1500000,10000,10\n"
        "2025-10-07T01:00:00Z,google,gemini-2.5-pro,250000,1000,1\n",
        encoding="utf-8",
    )
    from planner.actuals.importer import import_files

    import_files(ledger, [bucket])
    small = oracle(
        Usage(input_tokens=150_000, output_tokens=1_000), "gemini-2.5-pro", "google", "2025-10-07"
    )
    large = oracle(
        Usage(input_tokens=250_000, output_tokens=1_000), "gemini-2.5-pro", "google", "2025-10-07"
    )
    assert priced(ledger, "2025-10-07", "2025-10-07") == small * 10 + large


def test_unknown_model_is_kept_unpriced_never_zero(ledger: SqliteLedger) -> None:
    [report] = load(ledger, "generic.csv")
    assert report.unpriced_models == ("mistral/unknown-model-xyz",)
    rows = [
        r
        for r in ledger.daily_rows("2026-03-03", "2026-03-03")
        if r.dimension("model") == "unknown-model-xyz"
    ]
    assert [r.priced for r in rows] == [None]
