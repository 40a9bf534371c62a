"""The quick tests of the bulk reader, a column of a run of rows at a time.

Each test lets a value through only where the careful reader (``generic.usage_row``) would
read it the same way, and adds the position of any other row to ``bad`` (for the careful
reader to read or report). A column is tested by functions written in C (``map``,
``str.join``, ``list.count``) and looked at value by value only when one fails: a Python
loop over a million rows costs more than all of these together.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Callable, Sequence
from datetime import datetime
from itertools import compress, repeat
from operator import add, gt

_ISO = datetime.fromisoformat
_JSON = json.JSONDecoder()
_TWO_POINTS = re.compile(r"\.[^,]*\.")  # two decimal points in one amount


def whole_numbers(texts: Sequence[str], default: int, bad: set[int]) -> list[int]:
    """Counts as ``int`` reads them (as the careful reader does first); empty is ``default``.
    A text ``int`` refuses (``"2000.0"``, ``"lots"``) is a bad row, its value ``default``."""
    if not texts:
        return []
    if texts.count(texts[0]) == len(texts):  # one value throughout (often 1, 0 or nothing)
        try:
            return [int(texts[0]) if texts[0] else default] * len(texts)
        except ValueError:
            bad.update(range(len(texts)))
            return [default] * len(texts)
    try:
        if "" in texts:
            return [int(text) if text else default for text in texts]
        return _digits(texts)
    except ValueError:
        pass
    found = []
    for position, text in enumerate(texts):
        try:
            found.append(int(text) if text else default)
        except ValueError:
            found.append(default)
            bad.add(position)
    return found


def _digits(texts: Sequence[str]) -> list[int]:
    """``list(map(int, texts))``; plain digits are read by the JSON scanner, in C, in half
    the time (a leading zero, which JSON refuses and ``int`` reads, falls back to ``int``)."""
    joined = ",".join(texts)
    if joined.isascii() and joined.replace(",", "").isdigit():
        try:
            values: list[int] = _JSON.raw_decode(f"[{joined}]")[0]
        except ValueError:
            pass
        else:
            return values
    return list(map(int, texts))


def timestamps(stamps: Sequence[str], bad: set[int]) -> None:
    """ISO 8601 in UTC as the careful reader keeps it unchanged: ``YYYY-MM-DDT…Z``."""
    try:
        deque(map(_ISO, stamps), maxlen=0)
    except ValueError:
        _each(stamps, _is_iso, bad)
    size = len(stamps[0]) if stamps else 0
    if size > 10 and list(map(len, stamps)).count(size) == len(stamps):
        joined = "".join(stamps)  # one length: the tenth and last letters of each, by slicing
        if joined[10::size].count("T") == joined[size - 1 :: size].count("Z") == len(stamps):
            return
    _flagged(list(map(str.endswith, stamps, repeat("Z"))), bad)
    _flagged(list(map(str.startswith, stamps, repeat("T"), repeat(10))), bad)


def one_day(stamps: Sequence[str]) -> str | None:
    """The day (``YYYY-MM-DD``) every timestamp starts with, if they share one."""
    day = stamps[0][:10] if stamps else ""
    joined = "\n" + "\n".join(stamps)
    if len(day) == 10 and joined.count("\n") == joined.count("\n" + day) == len(stamps):
        return day
    return None


def _is_iso(text: str) -> bool:
    try:
        _ISO(text)
    except ValueError:
        return False
    return True


def money_as_written(costs: Sequence[str], bad: set[int]) -> None:
    """Amounts the careful reader reads to the same number as written: ASCII digits with at
    most one decimal point (no sign, space or exponent), or nothing."""
    joined = ",".join(costs)  # a comma more than between them: one holds a comma
    digits = joined.replace(",", "").replace(".", "")
    if (
        joined.isascii()
        and (digits.isdigit() or not digits)
        and joined.count(",") == len(costs) - 1
        and "." not in costs
        and _TWO_POINTS.search(joined) is None
    ):
        return
    _each(costs, _plain_amount, bad)


def _plain_amount(text: str) -> bool:
    return not text or (text.replace(".", "", 1).isdigit() and text.isascii())


def not_negative(values: Sequence[int], bad: set[int]) -> None:
    """Counts of zero or more."""
    if values and min(values) < 0:
        bad.update(i for i, value in enumerate(values) if value < 0)


def cached_within_input(
    tokens_in: Sequence[int], cached: Sequence[int], written: Sequence[int], bad: set[int]
) -> None:
    """Cache reads and writes are part of the input tokens, so never more than them."""
    inside = list(map(add, cached, written)) if any(written) else cached
    over = list(map(gt, inside, tokens_in))
    if any(over):
        bad.update(compress(range(len(over)), over))


def _flagged(passed: list[bool], bad: set[int]) -> None:
    if passed.count(True) != len(passed):
        bad.update(i for i, ok in enumerate(passed) if not ok)


def _each(texts: Sequence[str], test: Callable[[str], bool], bad: set[int]) -> None:
    bad.update(i for i, text in enumerate(texts) if not test(text))


def segments(bad: set[int], count: int) -> list[tuple[int, int]]:
    """The stretches of good rows between the bad ones: ``(start, end)``, each bad row at
    an ``end`` (the last stretch ends at ``count``, after every row)."""
    found, start = [], 0
    for position in sorted(bad):
        found.append((start, position))
        start = position + 1
    found.append((start, count))
    return found
