"""Opening an export file: its first bytes for detection, CSV rows by header, JSON and JSONL.

A row with the wrong number of fields is skipped and noted; a file whose last row is cut
short (no final newline) is refused as truncated, as is JSON that stops mid-document.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from planner.actuals.records import ImportRefused, RowProblem

HEAD_BYTES = 65_536
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # request bodies in gateway exports


@dataclass
class Source:
    """One file being imported, and what reading it has found so far."""

    path: Path
    label: str
    rows_read: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    _raw: BinaryIO | None = field(default=None, repr=False)  # the stream being read, if any

    @contextmanager
    def text(
        self, newline: str | None = None, start: int = 0, end: int | None = None
    ) -> Iterator[TextIO]:
        """The file as UTF-8 text (a byte-order mark dropped), its position kept for
        ``share_read``; or only its bytes from ``start`` (a line's first) to ``end``."""
        with self.path.open("rb") as raw:
            raw.seek(start)
            part = raw if end is None else io.BufferedReader(_Prefix(raw, end - start))
            encoding = "utf-8-sig" if start == 0 else "utf-8"
            with io.TextIOWrapper(part, encoding=encoding, newline=newline) as stream:
                self._raw = raw
                try:
                    yield stream
                finally:
                    self._raw = None

    def share_read(self) -> float:
        """How much of the file has been read (0 to 1), for a progress bar."""
        if self._raw is None or self._raw.closed:
            return 0.0
        size = os.fstat(self._raw.fileno()).st_size
        return min(self._raw.tell() / size, 1.0) if size else 1.0

    def head(self) -> str:
        """The start of the file as text (UTF-8, a byte-order mark dropped)."""
        data = self._read_head()
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            if error.start < len(data) - 4:  # not just a character cut at HEAD_BYTES
                raise ImportRefused(self.label, "not_utf8") from None
            return data[: error.start].decode("utf-8-sig")

    def _read_head(self) -> bytes:
        try:
            with self.path.open("rb") as stream:
                return stream.read(HEAD_BYTES)
        except FileNotFoundError:
            raise ImportRefused(self.label, "no_such_file") from None
        except OSError as error:
            raise ImportRefused(self.label, "unreadable", error.strerror or "") from None

    def ends_with_newline(self) -> bool:
        with self.path.open("rb") as stream:
            stream.seek(0, 2)
            if stream.tell() == 0:
                return False
            stream.seek(-1, 2)
            return stream.read(1) in (b"\n", b"\r")

    def sha256(self) -> str:
        with self.path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()

    def note(self, line: int, field_name: str, code: str, value: str = "") -> None:
        self.problems.append(RowProblem(self.label, line, field_name, code, value[:80]))


class _Prefix(io.RawIOBase):
    """The next ``size`` bytes of a stream, as a stream of their own."""

    def __init__(self, raw: io.BufferedIOBase, size: int) -> None:
        super().__init__()
        self._stream = raw
        self._left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        wanted = min(len(buffer), self._left)
        if wanted <= 0:
            return 0
        got = self._stream.readinto(memoryview(buffer)[:wanted])
        self._left -= got
        return got


def csv_header(source: Source) -> list[str]:
    """The header row, names stripped (exports pad some with spaces)."""
    head = source.head()
    first = next(csv.reader(head.splitlines()[:1]), [])
    return [name.strip() for name in first]


def csv_rows(source: Source) -> Iterator[tuple[int, list[str]]]:
    """Data rows with their line numbers; rows of the wrong width are noted and skipped."""
    complete = source.ends_with_newline()
    with source.text(newline="") as stream:
        reader = csv.reader(stream)
        width = len(next(reader, []))
        short_at_end = False
        try:
            for row in reader:
                if not row:
                    continue
                source.rows_read += 1
                short_at_end = len(row) < width
                if len(row) != width:
                    source.note(reader.line_num, "(row)", "wrong_field_count", str(len(row)))
                    continue
                yield reader.line_num, row
        except UnicodeDecodeError:
            raise ImportRefused(source.label, "not_utf8") from None
        except csv.Error as error:
            raise ImportRefused(source.label, "truncated", str(error)) from None
    if short_at_end and not complete:
        raise ImportRefused(source.label, "truncated")


def json_document(source: Source) -> Any:
    """A whole JSON file; a document that stops early is refused as truncated."""
    try:
        text = source.path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(source.label, "not_utf8") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        code = "truncated" if error.pos >= len(text.rstrip()) else "bad_json"
        raise ImportRefused(source.label, code, f"line {error.lineno}") from None


def json_lines(source: Source) -> Iterator[tuple[int, Any]]:
    """Objects of a JSON Lines file with their line numbers; a bad line is noted and skipped."""
    complete = source.ends_with_newline()
    bad_last = False
    with source.text() as stream:
        try:
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                source.rows_read += 1
                try:
                    value = json.loads(line)
                except json.JSONDecodeError:
                    source.note(number, "(line)", "bad_json")
                    bad_last = True
                    continue
                bad_last = False
                yield number, value
        except UnicodeDecodeError:
            raise ImportRefused(source.label, "not_utf8") from None
    if bad_last and not complete:
        raise ImportRefused(source.label, "truncated")


def csv_records(source: Source) -> Iterator[tuple[int, dict[str, str]]]:
    """Data rows as ``{column: value}`` by the header's names (never by position)."""
    header = csv_header(source)
    for line, row in csv_rows(source):
        yield line, dict(zip(header, row, strict=True))
