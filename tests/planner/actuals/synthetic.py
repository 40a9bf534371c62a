"""Synthetic ledgers: days of usage written as a generic CSV export (one row per day).

gpt-4o at genai-prices' list price: $2.50 per million input tokens, $10 per million output
tokens, $1.25 per million cached input tokens. A usual day here is 1,000 requests of 2,000
input and 300 output tokens: 2M × $2.50 + 0.3M × $10 = $8.00.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

HEADER = "timestamp,provider,model,input_tokens,output_tokens,cached_input_tokens,requests,project,feature"
USUAL_DAY_USD = Decimal("8.00")


@dataclass(frozen=True)
class Day:
    """One day's traffic (per-request sizes) on one model."""

    requests: int = 1000
    input_per_request: int = 2000
    output_per_request: int = 300
    cached_share: float = 0.0  # of input
    model: str = "gpt-4o"
    provider: str = "openai"
    project: str = "support"
    feature: str = "email-replies"
    hour: int = 10

    def row(self, day: date) -> str:
        tokens_in = self.requests * self.input_per_request
        cached = int(tokens_in * self.cached_share)
        return (f"{day.isoformat()}T{self.hour:02d}:00:00Z,{self.provider},{self.model},{tokens_in},"
                f"{self.requests * self.output_per_request},{cached},{self.requests},"
                f"{self.project},{self.feature}")  # fmt: skip


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def write_days(
    path: Path, dates: Iterable[date], traffic: Callable[[date], Day | list[Day]]
) -> Path:
    """A generic CSV with each day's rows (``traffic`` gives a day's one or more rows)."""
    lines = [HEADER]
    for day in dates:
        made = traffic(day)
        for one in made if isinstance(made, list) else [made]:
            if one.requests:
                lines.append(one.row(day))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def usual(_day: date) -> Day:
    return Day()
