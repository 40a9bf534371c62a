"""A month of made-up usage for screenshots of the Actual spend screen: a generic CSV of
weekday-heavy e-mail drafting on two providers, with one day whose cost jumps while the
traffic stays flat (what the anomaly rule is for)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HEADER = "timestamp,provider,model,input_tokens,output_tokens,requests,project,feature"


def _rows(day: date, jump: bool) -> list[str]:
    weekday = day.weekday() < 5
    drafts = 900 if weekday else 150
    per_request_in = 6_000 if jump else 1_800  # a prompt that suddenly carries much more
    stamp = f"{day.isoformat()}T10:00:00Z"
    return [
        f"{stamp},openai,gpt-4o-mini,{drafts * per_request_in},{drafts * 350},{drafts},"
        "customer-service,email-replies",
        f"{stamp},anthropic,claude-sonnet-4-20250514,{drafts // 6 * 4_000},{drafts // 6 * 600},"
        f"{drafts // 6},sales,offers",
    ]


def write_sample_usage(path: Path, days: int = 35) -> Path:
    """``days`` days up to yesterday (UTC); the fourth day from the end is the jump."""
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    lines = [HEADER]
    for back in range(days - 1, -1, -1):
        lines.extend(_rows(yesterday - timedelta(days=back), jump=back == 3))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
