"""The data rows of a CSV file in runs of a few hundred, each row with its line number.

Most exports quote nothing. Where a stretch of the file holds no quote, no NUL and no lone
carriage return, every line is one row and splitting it at commas gives exactly the fields
``csv.reader`` would, at about half the cost; from the first stretch that needs it, the
rest of the file goes through ``csv.reader``. Runs stay small because a few hundred rows fit
the processor's cache, and a Python loop over twenty thousand of them does not.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice, repeat
from pathlib import Path
from typing import TextIO

RUN_CHARS = 65_536  # of text split at a time (some six hundred rows of an export)
CSV_RUN = 500  # rows read by csv.reader at a time
SPLIT_BLANK: list[str] = [""]  # a blank line, split
CSV_BLANK: list[str] = []  # a blank line, as csv.reader gives it

Run = tuple[list[list[str]], Sequence[int], list[str]]
"""Rows, their line numbers, and what a blank line (to be skipped) looks like among them."""


@dataclass(frozen=True)
class Stretch:
    """The bytes of a file one reader reads: from ``start`` (the first byte of a line) to
    ``end`` (None: the end of the file), ``after_line`` lines into the file (None: the
    stretch starts with the header)."""

    start: int = 0
    end: int | None = None
    after_line: int | None = None


WHOLE = Stretch()


def data_runs(stream: TextIO, after_line: int | None = None) -> Iterator[Run]:
    """Every data row after the header, in runs; or, for a stream that starts at a line
    of the file, every row, numbered from the one after ``after_line``.

    Raises:
        csv.Error: a row that is not CSV (a quote left open at the end, a NUL).
        UnicodeDecodeError: the file is not UTF-8.
    """
    if after_line is None:
        header = csv.reader(stream)
        next(header, None)
        after_line = header.line_num
    line, carry = after_line, ""
    while text := stream.read(RUN_CHARS):
        text = carry + text
        cut = text.rfind("\n") + 1
        block, carry = text[:cut], text[cut:]
        if _needs_csv(block) or (not block and "\r" in carry):
            yield from _csv_runs(
                chain(io.StringIO(block, newline=""), _joined(carry, stream)), line
            )
            return
        lines = (block.replace("\r\n", "\n") if "\r" in block else block).split("\n")
        lines.pop()  # after the last line break
        if lines:
            yield (
                list(map(str.split, lines, repeat(","))),
                range(line + 1, line + 1 + len(lines)),
                SPLIT_BLANK,
            )
            line += len(lines)
    if carry:  # the last line, without a line break
        yield from _csv_runs(io.StringIO(carry, newline=""), line)


def _needs_csv(text: str) -> bool:
    return '"' in text or "\0" in text or ("\r" in text and text.count("\r") != text.count("\r\n"))


def _joined(carry: str, stream: TextIO) -> Iterator[str]:
    """The rest of the stream as lines, the first of them continuing ``carry`` (which may
    hold whole lines ended by a lone carriage return)."""
    yield from io.StringIO(carry + stream.readline(), newline="")
    yield from stream


def _csv_runs(lines: Iterable[str], before: int) -> Iterator[Run]:
    reader = csv.reader(lines)
    while True:
        start = reader.line_num
        rows = list(islice(reader, CSV_RUN))
        if not rows:
            return
        if reader.line_num - start == len(rows):  # one line a row
            yield rows, range(before + start + 1, before + reader.line_num + 1), CSV_BLANK
        else:
            yield rows, _last_lines(rows, before + start), CSV_BLANK


def _last_lines(rows: list[list[str]], before: int) -> list[int]:
    """Each row's line number as ``csv.reader`` counts it (its last line), where quoted
    fields hold line breaks."""
    found, line = [], before
    for row in rows:
        line += 1 + sum(f.count("\n") + f.count("\r") - f.count("\r\n") for f in row)
        found.append(line)
    return found


def plain_start(path: Path, share: float, piece: int = 4 * 1024 * 1024) -> tuple[int, int]:
    """Where the first ``share`` of a file ends at a line break, and how many lines it
    holds, when every one of them is one row (no quote, NUL or lone carriage return, so
    another reader may start there); ``(0, 0)`` when that stretch is not so plain."""
    wanted = int(path.stat().st_size * share)
    end = lines = read = 0
    carry = b""  # a carriage return whose line feed may start the next piece
    with path.open("rb") as stream:
        while read < wanted and (data := stream.read(min(piece, wanted - read))):
            text = carry + data
            carry = b"\r" if text.endswith(b"\r") else b""
            body = text[: len(text) - len(carry)]
            if b'"' in body or b"\0" in body or body.count(b"\r") != body.count(b"\r\n"):
                return 0, 0
            if breaks := data.count(b"\n"):
                lines += breaks
                end = read + data.rfind(b"\n") + 1
            read += len(data)
    return (end, lines) if lines > 1 else (0, 0)
