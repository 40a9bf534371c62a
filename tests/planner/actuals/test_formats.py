"""Every format: detected from its header or shape, read by header, its quirks handled."""

from __future__ import annotations

import pytest

from planner.actuals.formats import detect
from planner.actuals.sources import Source
from planner.actuals.store import SqliteLedger
from tests.planner.actuals.conftest import FIXTURES, load

# file, detected format, rows read, rows kept (added), rows skipped
DETECTED = [
    ("openai_usage.csv", "openai-usage-csv", 5, 4, 0),  # one empty bucket, kept silently
    ("openai_costs_10.csv", "openai-costs-csv", 5, 4, 0),  # 10 columns, one empty day
    ("openai_costs_17.csv", "openai-costs-csv", 2, 2, 0),  # 17 columns in another order
    ("completions_usage_empty.csv", "openai-usage-csv", 0, 0, 0),  # header-only export
    ("openai_usage_page.json", "openai-usage-json", 2, 2, 0),
    ("openai_costs_page.json", "openai-costs-json", 2, 2, 0),
    ("anthropic_usage.csv", "anthropic-usage-csv", 3, 3, 0),
    ("anthropic_cost.csv", "anthropic-cost-csv", 2, 2, 0),
    ("anthropic_usage_page.json", "anthropic-usage-json", 1, 1, 0),
    ("anthropic_cost_page.json", "anthropic-cost-json", 2, 2, 0),
    ("focus.csv", "focus-csv", 3, 2, 0),  # the storage row is not an AI service
    ("generic.csv", "generic-csv", 5, 4, 1),
    ("generic.jsonl", "generic-jsonl", 2, 1, 1),
    ("litellm.jsonl", "litellm-spendlogs", 1, 1, 0),
    ("langfuse.jsonl", "langfuse-observations", 2, 1, 0),  # the SPAN is not a generation
    ("helicone.csv", "helicone-csv", 1, 1, 0),
    ("otel_span.json", "otel-genai", 1, 1, 0),
    ("bedrock.jsonl", "bedrock-invocation-log", 1, 1, 0),
    ("invoices.csv", "invoice-csv", 3, 2, 1),
    ("labels.json", "labels-json", 2, 2, 0),
]


@pytest.mark.parametrize(("name", "fmt", "read", "added", "skipped"), DETECTED)
def test_each_format_is_detected_and_read(
    ledger: SqliteLedger, name: str, fmt: str, read: int, added: int, skipped: int
) -> None:
    assert detect(Source(FIXTURES / name, name)).id == fmt
    [report] = load(ledger, name)
    assert (report.format, report.rows_read, report.added, report.skipped) == (
        fmt,
        read,
        added,
        skipped,
    )


def test_openai_activity_floats_and_batch_flag(ledger: SqliteLedger) -> None:
    load(ledger, "openai_usage.csv")
    rows = {r.dimension("day"): r for r in ledger.daily_rows("2025-10-01", "2025-10-31")}
    assert rows["2025-10-07"].counts["requests"] == 21  # "21.0"
    assert rows["2025-10-07"].counts["output_tokens"] == 274_770  # "274770.0"
    assert rows["2025-10-12"].dimension("is_batch") == 1  # TRUE
    assert rows["2025-10-12"].counts["cache_read_tokens"] == 30_000
    assert "2025-10-08" not in rows  # the empty bucket


def test_openai_cost_with_thirty_decimals_is_exact(ledger: SqliteLedger) -> None:
    load(ledger, "openai_costs_10.csv")
    amounts = {c.day: c.amount for c in ledger.cost_rows("2025-10-01", "2025-10-31")}
    assert amounts == {"2025-10-07": "0.569788", "2025-10-10": "0.3409", "2025-10-11": "0.072054",
                       "2025-10-12": "0.75"}  # fmt: skip


def test_openai_17_column_cost_keeps_key_and_project(ledger: SqliteLedger) -> None:
    load(ledger, "openai_costs_17.csv")
    rows = ledger.cost_rows("2025-10-07", "2025-10-07")
    assert {(c.project, c.api_key) for c in rows} == {("proj_T1", "key_T1")}
    assert {c.line_item for c in rows} == {
        "gpt-5-mini-2025-08-07, output",
        "gpt-5-mini-2025-08-07, input",
    }


def test_openai_costs_api_value_as_number_or_string(ledger: SqliteLedger) -> None:
    load(ledger, "openai_costs_page.json")
    assert sorted(c.amount for c in ledger.cost_rows("2024-11-01", "2024-11-01")) == ["0.06", "1.5"]


def test_anthropic_cost_report_is_in_cents(ledger: SqliteLedger) -> None:
    load(ledger, "anthropic_cost_page.json")
    amounts = sorted(c.amount for c in ledger.cost_rows("2025-08-01", "2025-08-01"))
    assert amounts == ["0.5", "1.2378912"]  # "123.78912" and "50" cents


def test_anthropic_console_csv_reads_utf8_band_and_cache_writes(ledger: SqliteLedger) -> None:
    load(ledger, "anthropic_usage.csv")
    [day] = [r for r in ledger.daily_rows("2025-08-01", "2025-08-01")]
    assert day.counts["input_tokens"] == 1500 + 200 + 500 + 1000  # all input, genai-prices' way
    assert (day.counts["cache_write_5m_tokens"], day.counts["cache_write_1h_tokens"]) == (500, 1000)
    assert day.counts["cache_write_tokens"] == 1500


def test_focus_prefers_effective_cost_and_keeps_billed(ledger: SqliteLedger) -> None:
    load(ledger, "focus.csv")
    rows = {c.provider: c for c in ledger.cost_rows("2025-10-07", "2025-10-07")}
    assert set(rows) == {"azure", "aws"}  # storage left out
    assert (rows["azure"].amount, rows["azure"].billed_amount) == ("0.569788", "0.6")
    assert rows["aws"].amount == "0.3"  # no EffectiveCost: BilledCost


def test_generic_csv_offset_time_is_utc_and_requests_cover_buckets(ledger: SqliteLedger) -> None:
    load(ledger, "generic.csv")
    rows = ledger.daily_rows("2026-03-02", "2026-03-02")
    assert sum(r.counts["requests"] for r in rows) == 3  # 1 + a bucket of 2
    assert sum(r.counts["cache_read_tokens"] for r in rows) == 1000


def test_presets_attribute_feature_user_and_provider(ledger: SqliteLedger) -> None:
    load(ledger, "litellm.jsonl", "helicone.csv", "bedrock.jsonl", "langfuse.jsonl")
    rows = ledger.daily_rows("2026-03-02", "2026-03-02")
    assert {r.dimension("feature") for r in rows} == {"email-replies"}
    assert {r.dimension("provider") for r in rows} == {"openai", "aws", "anthropic"}
    langfuse = next(r for r in rows if r.dimension("provider") == "anthropic")
    assert langfuse.counts["input_tokens"] == 1500 + 200 + 1500


def test_otel_span_nanoseconds_become_utc_time(ledger: SqliteLedger) -> None:
    load(ledger, "otel_span.json")
    [row] = ledger.daily_rows("2026-03-02", "2026-03-02")
    assert row.dimension("model") == "gpt-4o-mini-2024-07-18"  # the response model wins
    assert row.dimension("project") == "support-bot"
