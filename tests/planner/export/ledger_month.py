"""A plan's ledger with a month of actual spend, made through the real importer and guard.

March 2026 to the 20th (today is the 21st): a budget taken from the plan, then twice the
plan's requests a day on two models (each of the plan's size), OpenAI's bill on three days
above the usage re-priced, and the budget guard run as after an import, so the
alerts are stored. Each piece differs from the plan, so the variance has all three effects.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from planner.actuals.budgets import plan_budget
from planner.actuals.guard import evaluate
from planner.actuals.importer import import_files
from planner.actuals.store import SqliteLedger, open_ledger
from planner.model.plan import Plan
from planner.rates import RateBook
from tests.planner.actuals.synthetic import Day, days, write_days

TODAY = date(2026, 3, 21)
MARCH = days(date(2026, 3, 1), date(2026, 3, 20))
BILLED_DAYS = {date(2026, 3, 2): Decimal("1.04"), date(2026, 3, 3): Decimal("1.02"),
               date(2026, 3, 10): Decimal("1.20")}  # the bill over the usage re-priced  # fmt: skip
COSTS_HEADER = (
    "start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,line_item,"
    "project_id,organization_id,organization_name"
)


def _traffic(plan_requests: int, tokens_in: int, tokens_out: int) -> list[Day]:
    # Twice the plan's requests: most on gpt-4o-mini, a share on a dearer model, and the
    # answers half as long again as planned (so unit cost moves too).
    return [
        Day(requests=plan_requests * 3 // 2, input_per_request=tokens_in,
            output_per_request=tokens_out * 3 // 2, model="gpt-4o-mini"),
        Day(requests=plan_requests // 2, input_per_request=tokens_in,
            output_per_request=tokens_out, model="gpt-4.1-mini", project="sales",
            feature="drafts", hour=15),
    ]  # fmt: skip


def _costs_csv(path: Path, store: SqliteLedger) -> Path:
    """OpenAI's cost export for the billed days, each its share above the usage re-priced."""
    lines = [COSTS_HEADER]
    for day, share in BILLED_DAYS.items():
        rows = store.daily_rows(day.isoformat(), day.isoformat())
        amount = (sum((row.priced or Decimal(0) for row in rows), Decimal(0)) * share).quantize(
            Decimal("0.000001")
        )
        first = int(datetime.combine(day, time(), tzinfo=UTC).timestamp())
        end = first + 86_400
        iso = f"{day.isoformat()}T00:00:00+00:00"
        iso_end = f"{(day + timedelta(days=1)).isoformat()}T00:00:00+00:00"
        lines.append(f"{first},{end},{iso},{iso_end},{amount},usd,,,org-T,Test")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_ledger(folder: Path, plan: Plan, rates: RateBook, name: str = "shop") -> Path:
    """``NAME.llmledger`` in ``folder`` for ``plan``, with the month described above."""
    path = folder / f"{name}.llmledger"
    store = open_ledger(path)
    try:
        budget = plan_budget(plan, rates, "2026-03")
        snapshot = budget.snapshot
        assert snapshot is not None
        with store.transaction():
            store.save_budget(budget)
        traffic = _traffic(int(snapshot.requests_per_day), snapshot.input_tokens_per_request,
                           snapshot.output_tokens_per_request)  # fmt: skip
        usage = write_days(folder / "usage.csv", MARCH, lambda _d: traffic)
        import_files(store, [usage])
        import_files(store, [_costs_csv(folder / "costs.csv", store)])
        evaluate(store, rates, today=TODAY)
    finally:
        store.close()
    return path
