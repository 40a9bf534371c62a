"""The JSON the command line prints: exact amounts as numbers, never rounded to cents."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from planner.actuals.compare import Comparison
from planner.actuals.importer import FileReport
from planner.actuals.money import REPORT_PLACES, per
from planner.actuals.status import Status, Totals

MARK = "\u0000dec:"
_MARKED = re.compile(r'"\\u0000dec:(-?[0-9.]+)"')


def number(value: Decimal | None) -> Any:
    """An exact amount, kept exact through ``dumps``."""
    if value is None:
        return None
    text = format(value.quantize(REPORT_PLACES).normalize(), "f")
    return MARK + ("0" if text in ("-0", "") else text)


def dumps(data: Any) -> str:
    """JSON text in which marked amounts are bare numbers with every digit."""
    return _MARKED.sub(r"\1", json.dumps(data, indent=2, ensure_ascii=False))


def import_json(reports: list[FileReport]) -> dict[str, Any]:
    return {
        "files": [
            {
                "file": r.file,
                "format": r.format,
                "rows_read": r.rows_read,
                "added": r.added,
                "updated": r.updated,
                "skipped": r.skipped,
                "unpriced_models": list(r.unpriced_models),
                "problems": [
                    {"line": p.line, "field": p.field, "code": p.code, "value": p.value}
                    for p in r.problems
                ],
            }
            for r in reports
        ]
    }


def _group(key: str, name: str, totals: Totals) -> dict[str, Any]:
    return {
        key: name,
        "requests": totals.requests,
        "priced": number(totals.priced),
        "billed": number(totals.billed),
        "cost_per_request": number(totals.cost_per_request),
    }


def status_json(status: Status) -> dict[str, Any]:
    mtd = status.month_to_date
    data: dict[str, Any] = {
        "currency": status.currency,
        "month": status.month,
        "month_to_date": {
            "requests": mtd.requests,
            "priced": number(mtd.priced),
            "billed": number(mtd.billed),
        },
        "days": [
            {
                "date": day,
                "requests": t.requests,
                "input_tokens": t.input_tokens,
                "output_tokens": t.output_tokens,
                "priced": number(t.priced),
                "billed": number(t.billed),
            }
            for day, t in sorted(status.days.items())
        ],
    }
    for group, rows in status.groups.items():
        ordered = sorted(rows.items(), key=lambda item: (-item[1].priced, item[0]))
        data[f"by_{group}"] = [_group(group, name, totals) for name, totals in ordered]
    data["reconciliation"] = [
        {"provider": r.provider, "date": r.date, "billed": number(r.billed),
         "priced": number(r.priced), "gap": number(r.gap)}
        for r in status.reconciliation
    ]  # fmt: skip
    data["unpriced"] = [
        {"provider": u.provider, "model": u.model, "requests": u.requests,
         "input_tokens": u.input_tokens, "output_tokens": u.output_tokens}
        for u in status.unpriced
    ]  # fmt: skip
    data["exchange_rates_as_of"] = status.exchange_rates_as_of
    return data


def compare_json(comparison: Comparison) -> dict[str, Any]:
    expected, actual, v = comparison.expected, comparison.actual.month_to_date, comparison.variance
    tokens_in = actual.input_tokens / actual.requests if actual.requests else None
    tokens_out = actual.output_tokens / actual.requests if actual.requests else None
    return {
        "plan": expected.plan,
        "option": expected.option,
        "currency": comparison.currency,
        "month": comparison.month,
        "expected": {
            "requests": number(expected.requests),
            "input_tokens_per_request": expected.input_tokens_per_request,
            "output_tokens_per_request": expected.output_tokens_per_request,
            "cost_per_request": number(expected.cost_per_request),
            "monthly_cost": number(expected.monthly_cost),
            "usage_cost": number(expected.usage_cost),
        },
        "actual": {
            "requests": actual.requests,
            "input_tokens_per_request": tokens_in,
            "output_tokens_per_request": tokens_out,
            "cost_per_request": number(per(v.total + expected.usage_cost, actual.requests)),
            "monthly_cost": number(v.total + expected.usage_cost),
            "priced": number(actual.priced),
            "billed": number(actual.billed),
        },
        "variance": {
            "total": number(v.total),
            "volume_effect": number(v.volume_effect),
            "unit_cost_effect": number(v.unit_cost_effect),
            "mix_effect": number(v.mix_effect),
            "unexplained_gap": number(v.unexplained_gap),
        },
        "by_model": [
            {
                "provider": m.provider,
                "model": m.model,
                "requests": m.requests,
                "cost": number(m.cost),
                "plan_sized_cost_per_request": number(m.plan_sized_cost),
            }
            for m in comparison.models
        ],
        "notes": list(comparison.notes),
    }
