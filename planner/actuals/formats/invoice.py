"""Invoice lines for anything without an export: Mistral, GPU rental, electricity.

A CSV ``date,provider,description,amount,currency``, one line per invoice item, dated
with the day the cost belongs to (a monthly invoice on its first or last day).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from planner.actuals import fields as f
from planner.actuals.formats.convert import convert_each
from planner.actuals.records import CostRow, FieldError, Item
from planner.actuals.sources import Source, csv_records

HEADER = ("date", "provider", "description", "amount", "currency")


def invoice_line(
    day: str, provider: str, description: str, amount: Decimal | str, currency: str
) -> CostRow:
    """One typed-in invoice line, checked as an imported one is."""
    name = f.text(provider).lower()
    if not name:
        raise FieldError("provider", "missing")
    code = f.text(currency).upper()
    if len(code) != 3 or not code.isalpha():
        raise FieldError("currency", "bad_currency", code)
    return CostRow(
        day=f.day(day, "date"),
        provider=name,
        kind="invoice",
        line_item=f.text(description),
        amount=f.money(amount, "amount"),
        currency=code,
    )


def _line(record: dict[str, str]) -> CostRow:
    return invoice_line(
        record["date"], record["provider"], record["description"], record["amount"],
        record["currency"],
    )  # fmt: skip


def parse_invoice_csv(source: Source) -> Iterator[Item]:
    """An invoice-lines CSV."""
    return convert_each(source, csv_records(source), _line)
