"""Sentences of the Summary sheet written as formulas over the option table, so that a
recalculated workbook never says one amount while its cells show another.

A translated sentence with ``{placeholders}`` becomes an Excel string formula: its words
as text literals, each placeholder an expression over the table (which option is cheapest
over the horizon, what it costs a month, the next best option of another kind).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planner.words.formats import whole_money

PLACEHOLDER = re.compile(r"\{(\w+)\}")
NONE_OTHER = "10^15"  # stands for "no option of another kind" inside MIN


def literal(text: str) -> str:
    """``text`` as an Excel string literal."""
    return '"' + text.replace('"', '""') + '"'


def sentence_formula(template: str, parts: dict[str, str]) -> str:
    """``template``'s words as literals joined with each placeholder's expression (``=`` not
    included)."""
    pieces: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(template):
        if match.start() > position:
            pieces.append(literal(template[position : match.start()]))
        pieces.append(f"({parts[match.group(1)]})")
        position = match.end()
    if position < len(template):
        pieces.append(literal(template[position:]))
    return "&".join(pieces) or '""'


def money_text(expression: str, currency: str) -> str:
    """An amount as the sentences on screen write it: whole units from 100 up, cents below,
    with the currency sign where the language puts it (digits grouped the reader's way)."""
    prefix, _zero, suffix = whole_money(0, currency).partition("0")
    digits = f"FIXED({expression},IF(ABS({expression})<100,2,0))"
    return "&".join(part for part in (literal(prefix) if prefix else "", digits) if part) + (
        "&" + literal(suffix) if suffix else ""
    )


@dataclass(frozen=True)
class OptionTable:
    """Where the Summary sheet's option rows sit: names in A, monthly cost in C, one-off in
    D, the horizon's total in E, and (hidden) the kind in G and its phrase in H."""

    first: int
    last: int

    def column(self, letter: str) -> str:
        return f"${letter}${self.first}:${letter}${self.last}"

    def cheapest_row(self) -> str:
        """The position, within the table, of the option cheapest over the horizon."""
        return f"MATCH(MIN({self.column('E')}),{self.column('E')},0)"

    def of_cheapest(self, letter: str) -> str:
        return f"INDEX({self.column(letter)},{self.cheapest_row()})"

    def cheapest_total(self) -> str:
        return f"MIN({self.column('E')})"

    def other_kind_total(self) -> str:
        """The lowest horizon total among options of another kind than the cheapest (a
        plain MIN over each row, so it needs no array formula)."""
        kind = self.of_cheapest("G")
        terms = [
            f"IF($G${row}<>{kind},$E${row},{NONE_OTHER})"
            for row in range(self.first, self.last + 1)
        ]
        return f"MIN({','.join(terms)})"

    def other_kind(self, letter: str) -> str:
        return f"INDEX({self.column(letter)},MATCH({self.other_kind_total()},{self.column('E')},0))"
