"""Turning one record into ledger rows, with a bad field noted instead of failing the file."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from planner.actuals.records import FieldError, Item
from planner.actuals.sources import Source

Record = TypeVar("Record")
Build = Callable[[Record], Item | None]


def convert_each(
    source: Source, records: Iterable[tuple[int, Record]], build: Callable[[Record], Item | None]
) -> Iterator[Item]:
    """``build`` applied to every record; ``None`` (an empty bucket) yields nothing."""
    for line, record in records:
        try:
            item = build(record)
        except FieldError as error:
            source.note(line, error.field, error.code, error.value)
            continue
        if item is not None:
            yield item


def page_results(
    source: Source, document: Any, field: str = "results"
) -> Iterator[tuple[int, Any]]:
    """``(ordinal, (bucket, result))`` for every result of every bucket of one or more pages."""
    pages = document if isinstance(document, list) else [document]
    ordinal = 0
    for page in pages:
        buckets = page.get("data") if isinstance(page, dict) else None
        for bucket in buckets if isinstance(buckets, list) else []:
            results = bucket.get(field) if isinstance(bucket, dict) else None
            for result in results if isinstance(results, list) else []:
                ordinal += 1
                source.rows_read += 1
                yield ordinal, (bucket, result if isinstance(result, dict) else {})


def pick(record: dict[str, Any], *names: str) -> Any:
    """The first of ``names`` present and not empty in ``record``."""
    for name in names:
        value = record.get(name)
        if value not in (None, ""):
            return value
    return None
