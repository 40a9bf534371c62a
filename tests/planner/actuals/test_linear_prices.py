"""``Pricer.price`` prices a sum of requests by arithmetic (a fee and a price per unit of
each count, found once per slot and band): it must give exactly, to the last digit of the
``Decimal``, what genai-prices' own ``calc_price`` gives for the requests one by one."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from genai_prices import Usage, calc_price
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.actuals.pricing import Pricer, Slot, band_of, price_context
from planner.actuals.records import UsageRow

# (provider, model, service tier, a moment): tiers by request size, batch and flex prices,
# prices that change with the hour, cache writes of two lengths, audio and web searches.
SLOTS = [
    ("openai", "gpt-4o-mini", "", "2026-03-02T09:15:01Z"),
    ("openai", "gpt-4o-mini", "batch", "2026-03-02T09:15:01Z"),
    ("openai", "gpt-5-mini-2025-08-07", "flex", "2025-10-07T00:00:00Z"),
    ("openai", "gpt-4o-audio-preview", "", "2026-03-02T09:15:01Z"),
    ("anthropic", "claude-sonnet-4-20250514", "", "2025-08-01T00:00:00Z"),
    ("anthropic", "claude-haiku-4-5-20251001", "", "2026-03-02T00:00:00Z"),
    ("google", "gemini-2.5-pro", "", "2026-03-03T00:00:00Z"),
    ("google", "gemini-2.5-flash", "", "2026-03-03T00:00:00Z"),
    ("deepseek", "deepseek-chat", "", "2026-03-04T02:00:00Z"),
    ("deepseek", "deepseek-chat", "", "2026-03-04T12:00:00Z"),
]


@st.composite
def requests(draw: st.DrawFn) -> dict[str, int]:
    """One request genai-prices prices: its parts never more than the totals they are in."""
    tokens_in = draw(st.integers(0, 400_000))
    cached = draw(st.integers(0, tokens_in))
    written = draw(st.integers(0, tokens_in - cached))
    five_minutes = draw(st.integers(0, written))
    # (cached audio is a count of its own, which no import reports: audio only uncached)
    audio_in = draw(st.integers(0, tokens_in - written)) if not cached else 0
    tokens_out = draw(st.integers(0, 60_000))
    counts = {
        "input_tokens": tokens_in, "cache_read_tokens": cached, "cache_write_tokens": written,
        "cache_write_5m_tokens": five_minutes, "cache_write_1h_tokens": written - five_minutes,
        "input_audio_tokens": audio_in, "output_tokens": tokens_out,
        "output_audio_tokens": draw(st.integers(0, tokens_out)),
        "web_searches": draw(st.integers(0, 3)),
    }  # fmt: skip
    return {name: count for name, count in counts.items() if count}


def _slot(provider: str, model: str, tier: str, when: str) -> tuple[Pricer, Slot, tuple[int, ...]]:
    slots: list[Slot] = []
    pricer = Pricer(lambda slot: slots.append(slot) or len(slots))
    _, starts = pricer.slot_of(UsageRow(when, "", provider, model, service_tier=tier))
    return pricer, slots[0], starts


def _oracle(counts: dict[str, int], provider: str, model: str, tier: str, when: str) -> Decimal:
    row = UsageRow(when, "", provider, model, service_tier=tier)
    moment = datetime.fromisoformat(when).astimezone(UTC)
    found = calc_price(Usage(**counts), model, provider_id=provider,
                       genai_request_timestamp=moment, price_context=price_context(row) or None)  # fmt: skip
    return found.total_price


@pytest.mark.parametrize(("provider", "model", "tier", "when"), SLOTS)
@settings(max_examples=40, deadline=None)
@given(batch=st.lists(requests(), min_size=1, max_size=6))
def test_a_sum_of_requests_costs_what_each_costs_in_genai_prices(
    provider: str, model: str, tier: str, when: str, batch: list[dict[str, int]]
) -> None:
    pricer, slot, starts = _slot(provider, model, tier, when)
    bands = [band_of(UsageRow(when, "", provider, model, input_tokens=r.get("input_tokens", 0)), starts)
             for r in batch]  # fmt: skip
    band = bands[0]
    same_band = [r for r, b in zip(batch, bands, strict=True) if b == band]
    total = {"requests": len(same_band)}
    for request in same_band:
        for name, count in request.items():
            total[name] = total.get(name, 0) + count
    expected = sum((_oracle(r, provider, model, tier, when) for r in same_band), Decimal(0))
    assert pricer.price(slot, band, total) == expected


def test_the_sums_are_priced_without_calling_genai_prices_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pricer, slot, _ = _slot("openai", "gpt-4o-mini", "", "2026-03-02T09:15:01Z")
    first = pricer.price(slot, 0, {"requests": 3, "input_tokens": 3000, "output_tokens": 90})
    from genai_prices.types import ModelPrice

    monkeypatch.setattr(ModelPrice, "calc_price", lambda *_a, **_k: pytest.fail("called"))
    again = pricer.price(slot, 0, {"requests": 6, "input_tokens": 6000, "output_tokens": 180})
    assert again == 2 * first
