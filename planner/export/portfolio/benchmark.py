"""The anonymised benchmark CSV a hub reports from: no company, no file, no plan name.

One row per company: the use case (the template its plan started from, or ``custom``),
its volume, the first month's cost per request, the currency and the kind of option
recommended. Rows are sorted by use case and volume, so their order does not give away
the order in which companies were seen. Headers and codes are fixed English identifiers,
for the hub's own tools to read whatever the language of the app.
"""

from __future__ import annotations

import csv
import io

from planner.scenarios.portfolio import ComparisonRow, PricedPortfolio, comparison_rows

COLUMNS = ("use_case", "requests_per_day", "cost_per_request", "currency", "recommended_kind")
CUSTOM = "custom"


def benchmark_rows(priced: PricedPortfolio) -> list[dict[str, str]]:
    """The CSV's rows as text, sorted by use case and volume."""
    rows = [_row(row) for row in comparison_rows(priced)]
    return sorted(
        rows, key=lambda r: (r["use_case"], float(r["requests_per_day"]), r["cost_per_request"])
    )


def _row(row: ComparisonRow) -> dict[str, str]:
    best = row.recommended
    cost = "" if row.cost_per_request is None else f"{row.cost_per_request:.6f}"
    return {
        "use_case": row.use_case or CUSTOM,
        "requests_per_day": f"{row.requests_per_day:.10g}",
        "cost_per_request": cost,
        "currency": row.currency,
        "recommended_kind": best.kind if best is not None else "",
    }


def benchmark_csv(priced: PricedPortfolio) -> bytes:
    """The whole CSV file: UTF-8, a header line, one line per company."""
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(benchmark_rows(priced))
    return text.getvalue().encode("utf-8")
