"""The sets of dimensions a bulk import meets, each cleaned once and numbered when written.

A file repeats a handful of providers, models, projects and users a million times, so the
reader looks each distinct combination of its columns up once (``SetNumbers.raw``) and
cleans it as the careful reader would (spaces, provider aliases, the provider found from
the model, the currency in capitals). A set is numbered when its first fact is written,
so the ledger adds sets in the order a row-by-row import would. Sets differing only by
user share a ``Group``: the daily sums are kept by group, day (or hour), price slot and
tier band, in a ``Spot``. However many users a file has, only ``_SETS_KEPT`` sets are
remembered: the rest are cleaned and numbered again when they come back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

from planner.actuals.formats import generic
from planner.actuals.pricing import Pricer
from planner.actuals.records import UsageRow

_SETS_KEPT = 100_000
_NUMBER = attrgetter("number")
RawKey = tuple[str, ...] | str
"""A row's dimension columns (those the file has) as written; joined by commas where no
field can hold one (a row split at its commas)."""


class Group:
    """Dimensions but the user: what a daily sum is kept by."""

    __slots__ = ("by_hour", "key", "model", "provider", "service_tier")

    def __init__(self, key: tuple[str, ...], by_hour: bool) -> None:
        self.key = key  # provider, model, project, feature, api_key, service tier
        self.provider, self.model, *_, self.service_tier = key
        self.by_hour = by_hour  # time-of-day prices: spots by hour


class DimensionSet:
    """One cleaned set of ``migrations.DIMENSIONS`` values, and its number once written."""

    __slots__ = ("group", "number", "values")

    def __init__(self, values: tuple[Any, ...], group: Group) -> None:
        self.values = values
        self.group = group
        self.number = 0


class Raw:
    """What a row's dimension columns stand for: its set, group and reported currency."""

    __slots__ = ("currency", "group", "set")

    def __init__(self, dimension_set: DimensionSet, currency: str) -> None:
        self.set = dimension_set
        self.group = dimension_set.group
        self.currency = currency


class Spot:
    """A group's price slot on one day (or hour), the slot's tier thresholds, and the
    sums of each band: requests, input, cached, cache-written and output tokens."""

    __slots__ = ("base", "slot", "starts", "sums")

    def __init__(self, slot: int, starts: tuple[int, ...]) -> None:
        self.slot = slot
        self.starts = starts
        self.sums = [[0] * 5 for _ in range(len(starts) + 1)]
        self.base = self.sums[0]


def band_of(tokens_in: int, requests: int, starts: tuple[int, ...]) -> int:
    """How many tier thresholds the average request passes (``pricing.band_of``)."""
    if not starts or not requests:
        return 0
    return sum(1 for start in starts if tokens_in > start * requests)


class SetNumbers:
    """The sets of one file: cleaned, grouped and numbered.

    ``present`` says which of ``FILE_DIMENSIONS`` the file's columns hold (in that order).
    ``dimension_id`` gives a set the ledger's id as its number; without it (a reader in
    another process) sets are numbered from 1, and ``new`` lists them for the ledger.
    """

    FILE_DIMENSIONS = ("provider", "model", "project", "feature", "user", "api_key",
                       "service_tier", "currency")  # fmt: skip

    def __init__(
        self,
        pricer: Pricer,
        present: Sequence[int],
        dimension_id: Callable[[tuple[Any, ...]], int] | None = None,
    ) -> None:
        self._pricer = pricer
        self._dimension_id = dimension_id
        self._present = present
        self._raws: dict[RawKey, Raw | None] = {}
        self._cleaned: dict[tuple[str, ...], Raw] = {}
        self._sets: dict[tuple[Any, ...], DimensionSet] = {}
        self._groups: dict[tuple[str, ...], Group] = {}
        self._numbered = 0
        self.new: list[tuple[Any, ...]] = []  # numbered since the last block
        self.forget_below = 0
        self.hourly = False  # a group has time-of-day prices

    def known(self, keys: list[RawKey]) -> list[Raw | None]:
        """Each key's set if it was met before (None: new, or without a model)."""
        return list(map(self._raws.get, keys))

    def raw(self, key: RawKey) -> Raw | None:
        """The set of a row's dimension columns (None: no model, for the careful reader)."""
        if key in self._raws:
            return self._raws[key]
        values = [""] * len(self.FILE_DIMENSIONS)
        parts = key.split(",") if isinstance(key, str) else key
        for index, value in zip(self._present, parts, strict=True):
            values[index] = value
        self._raws[key] = found = self.clean(tuple(values))
        return found

    def clean(self, values: tuple[str, ...]) -> Raw | None:
        """Dimensions (``FILE_DIMENSIONS``) as the careful reader cleans them; cleaning a
        clean set changes nothing, so careful rows share the sets of quick ones."""
        known = self._cleaned.get(values)
        if known is not None:
            return known
        provider_text, model, *others, currency = (text.strip() for text in values)
        if not model:
            return None
        provider = self._pricer.provider_of(
            UsageRow("", "", generic.provider_name(provider_text), model)
        )
        clean = (provider, model, *others, currency.upper())
        found = self._cleaned.get(clean)
        if found is None:
            found = self._cleaned[clean] = Raw(self._set((provider, model, *others, 0)), clean[-1])
        self._cleaned[values] = found
        return found

    def _set(self, values: tuple[Any, ...]) -> DimensionSet:
        found = self._sets.get(values)
        if found is None:
            if len(self._sets) >= _SETS_KEPT:  # memory stays bounded however many users
                self._raws.clear()
                self._cleaned.clear()
                self._sets.clear()
                self.forget_below = self._numbered + 1
            provider, model, project, feature, _user, api_key, tier, _batch = values
            key = (provider, model, project, feature, api_key, tier)
            group = self._groups.get(key)
            if group is None:
                group = self._groups[key] = Group(key, self._pricer.by_hour(provider, model))
                self.hourly = self.hourly or group.by_hour
            found = self._sets[values] = DimensionSet(values, group)
        return found

    def number(self, dimension_set: DimensionSet) -> int:
        """The set's number, given when its first fact is written."""
        if not dimension_set.number:
            if self._dimension_id is not None:
                dimension_set.number = self._dimension_id(dimension_set.values)
            else:
                self._numbered += 1
                dimension_set.number = self._numbered
                self.new.append((self._numbered, *dimension_set.values))
        return dimension_set.number

    def numbers(self, sets: list[DimensionSet]) -> list[int]:
        """Each set's number, numbering new ones in the order they come."""
        found = list(map(_NUMBER, sets))
        if 0 in found:
            found = [s.number or self.number(s) for s in sets]
        return found
