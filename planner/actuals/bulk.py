"""Reading a big generic CSV fast: each row checked, placed in its price slot and summed by
day in one pass, without a ledger record per row.

A million per-request rows should import within a few times what the ``csv`` module takes
just to read them. So the plain generic CSV (columns found by header) is read here rather
than through ``generic.usage_row``: a row passes a few cheap tests that only let through
what the careful reader accepts, read exactly as it would read it (a money amount kept as
written); any other row goes to the careful reader, which reads it or names the bad field.
Dimensions repeat, so each distinct set is cleaned once and numbered (the ledger expands the
number when it writes the facts), and rows are placed once per set and day (a *spot*, which
also holds the day's sums). Facts come out in blocks, in file order; the daily sums,
bounded by the distinct days and dimensions, at the end.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from operator import itemgetter
from typing import Any, NamedTuple

from planner.actuals.bulk_lines import data_runs
from planner.actuals.formats import generic
from planner.actuals.pricing import UNPRICED, Pricer, Slot
from planner.actuals.records import FieldError, ImportRefused, RowProblem, UsageRow
from planner.actuals.sources import Source, csv_header
from planner.actuals.store_requests import FACT_WIDTH

CHUNK = 2_000  # facts a block (a small block stays in the processor's cache)
_VALUES = ("timestamp", "requests", "input_tokens", "cached_input_tokens",
           "cache_write_tokens", "output_tokens", "request_id", "cost")  # fmt: skip
_DIMS = ("provider", "model", "project", "feature", "user", "api_key", "service_tier", "currency")
_SETS_KEPT = 100_000  # distinct sets remembered (users may be many); forgotten ones get new numbers


Spot = tuple[int, tuple[int, ...], list[list[int]]]
"""A set's slot on one day (or hour), the slot's tier thresholds, and the sums of each band:
requests, input, cached, cache-written and output tokens."""


class _Dims(NamedTuple):
    """One distinct set of a row's dimensions, cleaned, with its numbers and spots."""

    with_cost: int  # the set's number when the row has a cost (its currency kept)
    without_cost: int  # and when it has none (no currency)
    by_hour: bool  # time-of-day prices: spots by hour
    spots: dict[str, Spot]  # of the set's daily group (no user), by day or hour
    provider: str  # as genai-prices names it, found from the model when the file did not say
    model: str
    service_tier: str


@dataclass
class FactBlock:
    """Facts of a run of rows, with what they need written first."""

    facts: list[Any]  # FACT_WIDTH values a fact, one after another
    dims: list[tuple[Any, ...]]  # new sets: (number, *store.REQUEST_DIMS)
    slots: list[tuple[int, Slot]] = field(default_factory=list)  # new slots (worker only)
    rows_read: int = 0  # of the file so far
    problems: list[RowProblem] = field(default_factory=list)  # new since the last block
    share: float = 0.0  # of the file read


@dataclass(frozen=True)
class BulkSums:
    """What a whole file adds up to, once every block is written."""

    daily: dict[tuple[Any, ...], list[int]]  # store.DailyKey → USAGE_COUNTS
    unpriced: frozenset[tuple[str, str]]


class BulkReader:
    """Reads one plain generic CSV into blocks of facts and the file's daily sums.

    ``layout`` gives each generic field's column; an absent field points one past the last
    column, where each row gets an empty value.
    """

    def __init__(self, source: Source, layout: Mapping[str, int], pricer: Pricer) -> None:
        self.source = source
        self._pricer = pricer
        self._width = width = len(csv_header(source))
        self._pad = any(index == width for index in layout.values())
        self._values = itemgetter(*(layout[name] for name in _VALUES))
        self._all = itemgetter(*(layout[name] for name in generic.LAYOUT_FIELDS))
        # A set's key is made of the columns the file has (the model's is always there).
        self._present = [i for i, name in enumerate(_DIMS) if layout[name] != width]
        one = (width,) if len(self._present) == 1 else ()  # a key of one column is a tuple too
        self._dim_values = itemgetter(*(layout[_DIMS[i]] for i in self._present), *one)
        self._dims: dict[tuple[str, ...], _Dims | None] = {}
        self._clean_dims: dict[tuple[str, ...], _Dims] = {}
        self._dim_ids: dict[tuple[str, ...], int] = {}
        self._numbered = 0
        self._new_dims: list[tuple[Any, ...]] = []
        self._groups: dict[tuple[str, ...], dict[str, Spot]] = {}  # daily keys without day
        self._facts: list[Any] = []
        self._unpriced: set[tuple[str, str]] = set()
        self._sent = 0  # problems already handed out with a block
        self._last: list[str] = []  # the last row that was not blank

    def blocks(self) -> Iterator[FactBlock]:
        """Every block of the file; a truncated or non-UTF-8 file is refused."""
        source = self.source
        complete = source.ends_with_newline()
        with source.text(newline="") as stream:
            try:
                for rows, lines, blank in data_runs(stream):
                    self._take(rows, lines, blank)
                    if len(self._facts) >= CHUNK * FACT_WIDTH:
                        yield self._block(source.share_read())
            except UnicodeDecodeError:
                raise ImportRefused(source.label, "not_utf8") from None
            except csv.Error as error:
                raise ImportRefused(source.label, "truncated", str(error)) from None
        if len(self._last) < self._width and not complete:
            raise ImportRefused(source.label, "truncated")
        yield self._block(1.0)

    def _take(self, rows: list[list[str]], lines: Iterable[int], blank: list[str]) -> None:
        """A run of rows. This loop runs a million times, so it is one function of local
        names; each test in it only passes a row the careful reader would read the same way."""
        width, pad, values, dim_values = self._width, self._pad, self._values, self._dim_values
        dims, facts, iso = self._dims, self._facts, datetime.fromisoformat
        read, last = 0, self._last
        for line, row in zip(lines, rows):  # noqa: B905 (one line number a row)
            if len(row) != width:
                if row != blank:
                    read, last = read + 1, row
                    self.source.note(line, "(row)", "wrong_field_count", str(len(row)))
                continue
            read, last = read + 1, row
            if pad:
                row.append("")
            stamp, requests, tokens_in, cached, written, tokens_out, ref, cost = values(row)
            try:
                requests = int(requests) if requests else 1
                tokens_in = int(tokens_in) if tokens_in else 0
                cached = int(cached) if cached else 0
                written = int(written) if written else 0
                tokens_out = int(tokens_out) if tokens_out else 0
                iso(stamp)
            except ValueError:
                self._careful(row, line)
                continue
            dim = dims.get(key := dim_values(row)) or self._dims_of(key)
            if (
                dim is None
                or requests < 0 or cached < 0 or written < 0 or tokens_out < 0
                or tokens_in < cached + written
                or stamp[-1] != "Z" or stamp[10:11] != "T"
                or (cost and not (cost.replace(".", "", 1).isdigit() and cost.isascii()))
            ):  # fmt: skip
                self._careful(row, line)
                continue
            with_cost, without_cost, by_hour, day_spots, _provider, _model, _tier = dim
            spot = day_spots.get(stamp[:13] if by_hour else stamp[:10])
            slot, starts, sums = spot or self._spot(dim, stamp)
            band = 0
            if starts and requests:
                for start in starts:
                    band += tokens_in > start * requests
            facts += (stamp, ref.strip(), requests, tokens_in, cached, written, tokens_out, cost,
                      with_cost if cost else without_cost, slot, band)  # fmt: skip
            total = sums[band]
            total[0] += requests
            total[1] += tokens_in
            total[2] += cached
            total[3] += written
            total[4] += tokens_out
        self.source.rows_read += read
        self._last = last

    def _careful(self, row: list[str], line: int) -> None:
        """A row the quick tests did not pass, read by the careful reader (or noted)."""
        try:
            usage = generic.usage_row(dict(zip(generic.LAYOUT_FIELDS, self._all(row), strict=True)))
        except FieldError as error:
            self.source.note(line, error.field, error.code, error.value)
            return
        key = (usage.provider, usage.model, usage.project, usage.feature, usage.user,
               usage.api_key, usage.service_tier, usage.reported_currency)  # fmt: skip
        dim = self._clean_dims.get(key) or self._clean(key)
        assert dim is not None  # the careful reader refuses a row without a model
        self._add(usage, dim)

    def _add(self, usage: UsageRow, dim: _Dims) -> None:
        """One fact and its daily sum: what the loop in ``_take`` does, one row at a time."""
        stamp, requests, tokens_in = usage.bucket_start, usage.requests, usage.input_tokens
        spot = dim.spots.get(stamp[:13] if dim.by_hour else stamp[:10])
        slot, starts, sums = spot or self._spot(dim, stamp)
        band = sum(1 for start in starts if tokens_in > start * requests) if requests else 0
        counts = (requests, tokens_in, usage.cache_read_tokens, usage.cache_write_tokens,
                  usage.output_tokens)  # fmt: skip
        cost = usage.reported_cost
        self._facts += (stamp, usage.ref, *counts, cost,
                        dim.with_cost if cost else dim.without_cost, slot, band)  # fmt: skip
        sums[band][:] = [a + b for a, b in zip(sums[band], counts, strict=True)]

    def _dims_of(self, key: tuple[str, ...]) -> _Dims | None:
        """A set of the file's dimension columns, cleaned (None: no model, for the careful
        reader to refuse)."""
        if key in self._dims:
            return self._dims[key]
        values = [""] * len(_DIMS)
        for index, value in zip(self._present, key, strict=False):
            values[index] = value
        self._dims[key] = found = self._clean_dims.get(tuple(values)) or self._clean(tuple(values))
        return found

    def _clean(self, values: tuple[str, ...]) -> _Dims | None:
        """Dimensions as the careful reader cleans them; cleaning a clean set changes
        nothing, so its rows share the numbers (and spots) of the quick ones."""
        provider_text, model, *others, currency = (text.strip() for text in values)
        if not model:
            return None
        provider = self._pricer.provider_of(
            UsageRow("", "", generic.provider_name(provider_text), model)
        )
        clean = (provider, model, *others)
        found = self._clean_dims.get(clean_key := (*clean, currency.upper()))
        if found is None:
            project, feature, _user, api_key, tier = others
            group = (provider, model, project, feature, api_key, tier)
            found = self._clean_dims[clean_key] = _Dims(
                self._dims_number(clean_key),
                self._dims_number((*clean, "")),
                self._pricer.by_hour(provider, model),
                self._groups.setdefault(group, {}),
                provider,
                model,
                tier,
            )
        self._clean_dims[values] = found
        return found

    def _dims_number(self, values: tuple[str, ...]) -> int:
        number = self._dim_ids.get(values)
        if number is None:
            if len(self._dim_ids) >= _SETS_KEPT:  # memory stays bounded however many users
                self._dims.clear()
                self._clean_dims.clear()
                self._dim_ids.clear()
            self._numbered += 1
            number = self._dim_ids[values] = self._numbered
            self._new_dims.append((number, *values))
        return number

    def _spot(self, dim: _Dims, stamp: str) -> Spot:
        """A set's slot on the row's day (or hour), as ``Pricer`` gives it for the first row
        there: the same slot, sample time and order of slots as row by row."""
        probe = UsageRow(stamp, "", dim.provider, dim.model, service_tier=dim.service_tier)
        slot, starts = self._pricer.slot_of(probe)
        if slot == UNPRICED:
            self._unpriced.add((dim.provider, dim.model))
        spot = dim.spots[stamp[:13] if dim.by_hour else stamp[:10]] = (
            slot,
            starts,
            [[0] * 5 for _ in range(len(starts) + 1)],
        )
        return spot

    def _block(self, share: float) -> FactBlock:
        problems = self.source.problems[self._sent :]
        self._sent += len(problems)
        block = FactBlock(self._facts, self._new_dims, [], self.source.rows_read, problems, share)
        self._facts, self._new_dims = [], []
        return block

    def sums(self) -> BulkSums:
        """The file's daily sums by ledger key, and the models left unpriced."""
        daily: dict[tuple[Any, ...], list[int]] = {}
        for (provider, model, project, feature, api_key, tier), spots in self._groups.items():
            for period, (slot, _starts, bands) in spots.items():
                for band, (requests, tokens_in, cached, written, tokens_out) in enumerate(bands):
                    if not (requests or tokens_in or tokens_out):
                        continue  # no row of this band (a row of nothing adds nothing)
                    key = (period[:10], provider, model, project, feature, api_key, tier, 0,
                           slot, band)  # fmt: skip
                    counts = [requests, tokens_in, cached, written, 0, 0, tokens_out, 0, 0, 0]
                    known = daily.get(key)
                    daily[key] = (
                        counts
                        if known is None
                        else [a + b for a, b in zip(known, counts, strict=True)]
                    )
        return BulkSums(daily, frozenset(self._unpriced))
