"""An option as a block of Budget columns, each a formula template filled in per month.

An option becomes helper columns (replicas, utilisation, GPUs or machines) and one column
per cost category, one row per month. Formulas are templates over workbook names (rows of
the Assumptions sheet) and these placeholders, filled in per row by the writer:

- ``{calls}``: the month's model calls a day, ``{requests}``: its requests a day,
  ``{m}``: the month's number (1 = first);
- ``{col:KEY}``: this block's column KEY in the same row, ``{prev:KEY}`` in the row above,
  ``{range:KEY}``: the whole column KEY, first month to last (for ``INDEX``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from planner.model.result import Category, Option

ColumnKind = Literal["money", "count", "share"]


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    formula: str
    first_formula: str | None = None  # the first month's, where it differs (no row above)
    category: Category | None = None
    kind: ColumnKind = "money"
    first_name: str | None = None  # a workbook name for the first month's cell


@dataclass
class OptionBlock:
    option: Option
    prefix: str
    columns: list[Column] = field(default_factory=list)
    one_off: dict[Category, str] = field(default_factory=dict)

    @property
    def category_columns(self) -> list[Column]:
        return [c for c in self.columns if c.category is not None]
