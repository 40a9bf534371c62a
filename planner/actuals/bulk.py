"""Reading a big generic CSV fast: rows checked, placed in their price slots and summed by
day a column at a time, without a ledger record per row.

A million per-request rows should import within a few times what the ``csv`` module takes
just to read them. So the plain generic CSV (columns found by header) is read here rather
than through ``generic.usage_row``: each run of a few hundred rows is turned into columns,
and each column passes quick tests (``bulk_columns``) that only let through what the
careful reader accepts, read exactly as it would read it (a money amount kept as written);
any other row goes to the careful reader, which reads it or names the bad field. Rows are
taken in file order, so price slots and sets of dimensions are numbered as row by row.
Each distinct set of dimensions is cleaned once (``bulk_sets``), and rows are placed once
per group of dimensions and day (a *spot*, which also holds the day's sums). Facts come
out in blocks, column by column; the daily sums, bounded by the distinct days and
dimensions, at the end.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Any

from planner.actuals import bulk_columns as check
from planner.actuals.bulk_lines import SPLIT_BLANK, WHOLE, Stretch, data_runs
from planner.actuals.bulk_sets import Group, Raw, SetNumbers, Spot, band_of
from planner.actuals.formats import generic
from planner.actuals.pricing import UNPRICED, Pricer, Slot
from planner.actuals.records import FieldError, ImportRefused, RowProblem, UsageRow
from planner.actuals.sources import Source, csv_header
from planner.actuals.store_requests import REQUEST_FACT, FactColumns

CHUNK = 2_000  # facts a block
_VALUES = ("timestamp", "requests", "input_tokens", "cached_input_tokens",
           "cache_write_tokens", "output_tokens", "request_id", "cost")  # fmt: skip
_SET, _GROUP, _CURRENCY = attrgetter("set"), attrgetter("group"), attrgetter("currency")
_SLOT, _STARTS, _BASE = attrgetter("slot"), attrgetter("starts"), attrgetter("base")
_LINE = attrgetter("line")
_DAY = itemgetter(slice(0, 10))
_ALWAYS_VARYING = "bucket_start"  # a block's facts are told apart by it, so never held once


@dataclass
class FactBlock:
    """Facts of a run of rows, with what they need written first."""

    facts: FactColumns
    dims: list[tuple[Any, ...]]  # newly numbered sets: (number, *migrations.DIMENSIONS)
    slots: list[tuple[int, Slot]] = field(default_factory=list)  # new slots (worker only)
    rows_read: int = 0  # of the file so far
    problems: list[RowProblem] = field(default_factory=list)  # new since the last block
    share: float = 0.0  # of the file read
    forget_below: int = 0  # sets numbered below this are not named after this block


@dataclass(frozen=True)
class BulkSums:
    """What a whole file adds up to, once every block is written."""

    daily: dict[tuple[Any, ...], list[int]]  # store.DailyKey → USAGE_COUNTS
    unpriced: frozenset[tuple[str, str]]


class _Facts:
    """The facts of the block being read, a list per ``REQUEST_FACT`` column."""

    def __init__(self) -> None:
        self.columns: list[list[Any]] = [[] for _ in REQUEST_FACT]

    def __len__(self) -> int:
        return len(self.columns[0])

    def extend(self, *columns: Sequence[Any]) -> None:
        for held, values in zip(self.columns, columns, strict=True):
            held.extend(values)

    def append(self, *values: Any) -> None:
        for held, value in zip(self.columns, values, strict=True):
            held.append(value)

    def take(self) -> FactColumns:
        """The block's facts, each column that holds one value throughout as that value."""
        count = len(self)
        facts = FactColumns(count)
        for name, values in zip(REQUEST_FACT, self.columns, strict=True):
            if (
                name != _ALWAYS_VARYING
                and count
                and values[0] == values[-1]
                and values.count(values[0]) == count
            ):
                facts.same[name] = values[0]
            else:
                facts.varying[name] = values
        self.columns = [[] for _ in REQUEST_FACT]
        return facts


class BulkReader:
    """Reads one plain generic CSV (or a stretch of it) into blocks of facts and daily sums.

    ``layout`` gives each generic field's column; an absent field points one past the last
    column, where each row gets an empty value. ``dimension_id`` numbers sets of
    dimensions with the ledger's ids (``SetNumbers``).
    """

    def __init__(
        self,
        source: Source,
        layout: Mapping[str, int],
        pricer: Pricer,
        *,
        stretch: Stretch = WHOLE,
        dimension_id: Callable[[tuple[Any, ...]], int] | None = None,
    ) -> None:
        self.source = source
        self._stretch = stretch
        self._pricer = pricer
        self._width = width = len(csv_header(source))
        self._pad = any(index == width for index in layout.values())
        self._values = itemgetter(*(layout[name] for name in _VALUES))
        self._all = itemgetter(*(layout[name] for name in generic.LAYOUT_FIELDS))
        dimensions = [layout[name] for name in SetNumbers.FILE_DIMENSIONS]
        self._dim_columns = [index for index in dimensions if index != width]
        present = [i for i, column in enumerate(dimensions) if column != width]
        self._sets = SetNumbers(pricer, present, dimension_id)
        self._forgot = 0  # the last ``forget_below`` sent
        self._spots: dict[tuple[Group, str], Spot] = {}
        self._days: dict[str, dict[Group, Spot]] = {}  # the same spots, by day and group
        self._tiered = False  # a spot with price tiers was made: bands to find
        self._facts = _Facts()
        self._unpriced: set[tuple[str, str]] = set()
        self._sent = 0  # problems already handed out with a block
        self._last: list[str] = []  # the last row that was not blank

    def blocks(self) -> Iterator[FactBlock]:
        """Every block of the file; a truncated or non-UTF-8 file is refused."""
        source, stretch = self.source, self._stretch
        complete = stretch.end is not None or source.ends_with_newline()
        with source.text("", stretch.start, stretch.end) as stream:
            try:
                for rows, lines, blank in data_runs(stream, stretch.after_line):
                    self._take(rows, lines, blank)
                    if len(self._facts) >= CHUNK:
                        yield self._block(source.share_read())
            except UnicodeDecodeError:
                raise ImportRefused(source.label, "not_utf8") from None
            except csv.Error as error:
                raise ImportRefused(source.label, "truncated", str(error)) from None
        if len(self._last) < self._width and not complete:
            raise ImportRefused(source.label, "truncated")
        yield self._block(1.0)

    def _take(self, rows: list[list[str]], lines: Sequence[int], blank: list[str]) -> None:
        """A run of rows: those of the right width as columns, the others noted."""
        problems = self.source.problems
        noted = len(problems)
        read = len(rows) - rows.count(blank)
        if read:
            self.source.rows_read += read
            self._last = next(row for row in reversed(rows) if row != blank)
        widths = list(map(len, rows))
        if widths.count(self._width) != len(rows):
            rows, lines = self._odd_rows(rows, lines, blank, widths)
        if rows:
            self._take_columns(rows, lines, blank is SPLIT_BLANK)
        if len(problems) > noted + 1:  # rows of a wrong width were noted first
            problems[noted:] = sorted(problems[noted:], key=_LINE)

    def _odd_rows(
        self, rows: list[list[str]], lines: Sequence[int], blank: list[str], widths: list[int]
    ) -> tuple[list[list[str]], list[int]]:
        """The rows of the right width; the others (but blank lines) noted."""
        kept, kept_lines = [], []
        for line, row, count in zip(lines, rows, widths):  # noqa: B905 (one line a row)
            if count == self._width:
                kept.append(row)
                kept_lines.append(line)
            elif row != blank:
                self.source.note(line, "(row)", "wrong_field_count", str(count))
        return kept, kept_lines

    def _take_columns(self, rows: list[list[str]], lines: Sequence[int], split: bool) -> None:
        """Rows of the right width: the quick tests a column at a time, then the stretches
        of rows that passed placed together, and each other row read carefully, in order."""
        count = len(rows)
        columns: list[Sequence[str]] = list(zip(*rows, strict=True))
        if self._pad:
            columns.append(("",) * count)
        stamps, requests, tokens_in, cached, written, tokens_out, refs, costs = self._values(
            columns
        )
        bad: set[int] = set()
        counts = [check.whole_numbers(requests, 1, bad)] + [
            check.whole_numbers(texts, 0, bad) for texts in (tokens_in, cached, written, tokens_out)
        ]
        check.timestamps(stamps, bad)
        raws = self._raws([columns[i] for i in self._dim_columns], bad, split)
        check.money_as_written(costs, bad)
        for values in (counts[0], *counts[2:]):
            check.not_negative(values, bad)
        check.cached_within_input(counts[1], counts[2], counts[3], bad)
        if not bad:
            self._place(stamps, refs, counts, costs, raws)  # type: ignore[arg-type]
            return
        for start, end in check.segments(bad, count):
            if end > start:
                part = slice(start, end)
                self._place(stamps[part], refs[part], [c[part] for c in counts], costs[part],
                            raws[part])  # type: ignore[arg-type]  # fmt: skip
            if end < count:
                self._careful(rows[end], lines[end])

    def _raws(self, columns: list[Sequence[str]], bad: set[int], split: bool) -> list[Raw | None]:
        """Each row's set of dimensions; a row without a model is bad. Rows split at their
        commas hold none, so their fields joined by commas are a key that hashes faster."""
        keys: list[Any] = list(map(",".join, zip(*columns)) if split else zip(*columns))  # noqa: B905
        raws = self._sets.known(keys)
        if None in raws:
            for position, raw in enumerate(raws):
                if raw is None and position not in bad:
                    raws[position] = found = self._sets.raw(keys[position])
                    if found is None:
                        bad.add(position)
        return raws

    def _place(
        self,
        stamps: Sequence[str],
        refs: Sequence[str],
        counts: list[list[int]],
        costs: Sequence[str],
        raws: Sequence[Raw],
    ) -> None:
        """Rows that passed every quick test: their facts, and their sums added to their
        spots. This runs for a million rows, so every step is a ``map`` over a column but
        the one loop that adds the sums."""
        requests, tokens_in, cached, written, tokens_out = counts
        numbers = self._sets.numbers(list(map(_SET, raws)))
        groups = list(map(_GROUP, raws))
        if "" in costs:  # no cost, no currency
            currencies = [raw.currency if cost else "" for raw, cost in zip(raws, costs)]  # noqa: B905
        else:
            currencies = list(map(_CURRENCY, raws))
        spots = self._spots_of(stamps, groups)
        if self._tiered and any(map(_STARTS, spots)):
            bands = list(map(band_of, tokens_in, requests, map(_STARTS, spots)))
            totals = [spot.sums[band] for spot, band in zip(spots, bands)]  # noqa: B905
        else:
            bands, totals = [0] * len(spots), list(map(_BASE, spots))
        for total, r, i, c, w, o in zip(totals, requests, tokens_in, cached, written, tokens_out):  # noqa: B905
            total[0] += r
            total[1] += i
            total[2] += c
            total[3] += w
            total[4] += o
        refs = refs if refs.count("") == len(refs) else list(map(str.strip, refs))
        self._facts.extend(stamps, refs, requests, tokens_in, cached, written, tokens_out, costs,
                           currencies, numbers, list(map(_SLOT, spots)), bands)  # fmt: skip

    def _spots_of(self, stamps: Sequence[str], groups: list[Group]) -> list[Spot]:
        """Each row's spot: found by group alone when the rows share a day (as most runs of
        an export do) and no price changes with the hour."""
        day = None if self._sets.hourly else check.one_day(stamps)
        if day is not None:
            spots = list(map(self._days.setdefault(day, {}).get, groups))
            periods = [day] * len(stamps)
        else:
            if self._sets.hourly:
                periods = [s[:13] if g.by_hour else s[:10] for s, g in zip(stamps, groups)]  # noqa: B905
            else:
                periods = list(map(_DAY, stamps))
            spots = list(map(self._spots.get, zip(groups, periods)))  # noqa: B905
        if None in spots:
            return self._new_spots(spots, groups, periods, stamps)
        return spots  # type: ignore[return-value]  # none is None

    def _new_spots(
        self,
        spots: list[Spot | None],
        groups: list[Group],
        periods: list[str],
        stamps: Sequence[str],
    ) -> list[Spot]:
        """Spots made for the first row of their group and period, in row order."""
        for position, spot in enumerate(spots):
            if spot is None:
                key = (groups[position], periods[position])
                spots[position] = self._spots.get(key) or self._spot(key, stamps[position])
        return spots  # type: ignore[return-value]  # none is None now

    def _careful(self, row: list[str], line: int) -> None:
        """A row the quick tests did not pass, read by the careful reader (or noted)."""
        if self._pad:
            row = [*row, ""]
        try:
            usage = generic.usage_row(dict(zip(generic.LAYOUT_FIELDS, self._all(row), strict=True)))
        except FieldError as error:
            self.source.note(line, error.field, error.code, error.value)
            return
        raw = self._sets.clean((usage.provider, usage.model, usage.project, usage.feature,
                                usage.user, usage.api_key, usage.service_tier,
                                usage.reported_currency))  # fmt: skip
        assert raw is not None  # the careful reader refuses a row without a model
        self._add(usage, raw)

    def _add(self, usage: UsageRow, raw: Raw) -> None:
        """One fact and its daily sum: what ``_place`` does, one row at a time."""
        stamp, group = usage.bucket_start, raw.group
        key = (group, stamp[:13] if group.by_hour else stamp[:10])
        spot = self._spots.get(key) or self._spot(key, stamp)
        band = band_of(usage.input_tokens, usage.requests, spot.starts)
        counts = (usage.requests, usage.input_tokens, usage.cache_read_tokens,
                  usage.cache_write_tokens, usage.output_tokens)  # fmt: skip
        self._facts.append(stamp, usage.ref, *counts, usage.reported_cost,
                           usage.reported_currency, self._sets.number(raw.set), spot.slot, band)  # fmt: skip
        sums = spot.sums[band]
        sums[:] = [a + b for a, b in zip(sums, counts, strict=True)]

    def _spot(self, key: tuple[Group, str], stamp: str) -> Spot:
        """A group's slot on the row's day (or hour), as ``Pricer`` gives it for the first
        row there: the same slot, sample time and order of slots as row by row."""
        group = key[0]
        probe = UsageRow(stamp, "", group.provider, group.model, service_tier=group.service_tier)
        slot, starts = self._pricer.slot_of(probe)
        if slot == UNPRICED:
            self._unpriced.add((group.provider, group.model))
        self._tiered = self._tiered or bool(starts)
        spot = self._spots[key] = Spot(slot, starts)
        if len(key[1]) == 10:
            self._days.setdefault(key[1], {})[group] = spot
        return spot

    def _block(self, share: float) -> FactBlock:
        problems = self.source.problems[self._sent :]
        self._sent += len(problems)
        forget = self._sets.forget_below if self._sets.forget_below > self._forgot else 0
        self._forgot = max(self._forgot, forget)
        block = FactBlock(self._facts.take(), self._sets.new, [], self.source.rows_read,
                          problems, share, forget)  # fmt: skip
        self._sets.new = []
        return block

    def sums(self) -> BulkSums:
        """The file's daily sums by ledger key, and the models left unpriced."""
        daily: dict[tuple[Any, ...], list[int]] = {}
        for (group, period), spot in self._spots.items():
            provider, model, project, feature, api_key, tier = group.key
            for band, (requests, tokens_in, cached, written, tokens_out) in enumerate(spot.sums):
                if not (requests or tokens_in or tokens_out):
                    continue  # no row of this band (a row of nothing adds nothing)
                key = (period[:10], provider, model, project, feature, api_key, tier, 0,
                       spot.slot, band)  # fmt: skip
                counts = [requests, tokens_in, cached, written, 0, 0, tokens_out, 0, 0, 0]
                known = daily.get(key)
                daily[key] = (
                    counts if known is None else [a + b for a, b in zip(known, counts, strict=True)]
                )
        return BulkSums(daily, frozenset(self._unpriced))
