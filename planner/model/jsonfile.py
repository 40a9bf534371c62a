"""Reading JSON that a person or another program wrote: every failure becomes one line.

Python's own reader lets some files escape as something other than a decoding error:
nesting deeper than the interpreter's stack (``RecursionError``), integers longer than
``sys.get_int_max_str_digits()`` (a bare ``ValueError`` naming nothing) and ``\\ud800``
escapes that decode to text no file or terminal can encode later. Here each of those is
a ``JsonFileError`` naming the file, and where it can, the line or the field.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

# Deeper than any plan, price file or rate file is: the reader stops with a line and column
# here rather than exhausting the stack on the next level.
MAX_DEPTH = 200
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_SURROGATES = re.compile("[\ud800-\udfff]")


class JsonFileError(ValueError):
    """A file that is not usable JSON; the message names the file and where it goes wrong."""


def json_error(label: str, error: json.JSONDecodeError) -> str:
    """Where a file stops being JSON, in one line that names the file."""
    return f"{label}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"


def parse_json(text: str, label: str) -> Any:
    """The data in ``text``; raises ``JsonFileError`` naming ``label`` for anything unusable.

    An integer too long for Python to convert is read as infinity, so that the schema
    checking the data refuses it naming its field (no field holds such a number).
    """
    deep = _too_deep_at(text)
    if deep is not None:
        raise JsonFileError(_where(label, text, deep, f"nested more than {MAX_DEPTH} levels deep"))
    try:
        data = json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise JsonFileError(json_error(label, error)) from error
    except RecursionError as error:  # a thread's stack smaller than MAX_DEPTH needs
        raise JsonFileError(f"{label}: not valid JSON (nested too deeply)") from error
    if "\\" in text:  # only an escape can produce a lone surrogate from UTF-8 text
        where = _lone_surrogate_at(data)
        if where is not None:
            raise JsonFileError(f"{label}: {where}: text with a broken \\u escape (lone surrogate)")
    return data


def _integer(digits: str) -> int | float:
    try:
        return int(digits)
    except ValueError:  # more digits than Python converts: larger than any valid value
        return float("-inf") if digits.startswith("-") else float("inf")


def _too_deep_at(text: str) -> int | None:
    """The offset of the first bracket nested deeper than ``MAX_DEPTH``, or None."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    for token in _TOKENS.finditer(text):
        bracket = token.group()
        if bracket in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return token.start()
        elif bracket in "]}":
            depth -= 1
    return None


def _where(label: str, text: str, offset: int, problem: str) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{label}: not valid JSON (line {line}, column {column}: {problem})"


def _lone_surrogate_at(data: Any) -> str | None:
    """The dotted path of the first key or text holding a lone surrogate, or None."""
    pending: list[tuple[str, Any]] = [("", data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str) and _SURROGATES.search(value):
            return path or "(the whole file)"
        if isinstance(value, dict):
            for key, item in value.items():
                inner = f"{path}.{key}" if path else str(key)
                if _SURROGATES.search(key):
                    return inner.encode("utf-8", "backslashreplace").decode("ascii")
                pending.append((inner, item))
        elif isinstance(value, list):
            pending.extend((f"{path}[{index}]", item) for index, item in enumerate(value))
    return None


def read_text_file(path: Path, kind: str, max_bytes: int, error: type[Exception]) -> str:
    """The UTF-8 text of a small file the user chose (a plan, a workshop), or ``error``
    with one line naming the file and what is wrong with it.

    Args:
        path: the file.
        kind: what the file should be, in words ("plan file", "workshop file").
        max_bytes: larger files are refused before they are read.
        error: the exception class the caller reports.
    """
    try:
        if path.stat().st_size > max_bytes:
            raise error(f"{path}: too large to be a {kind}")
        raw = path.read_bytes()
    except FileNotFoundError as cause:
        raise error(f"{path}: no such file") from cause
    except IsADirectoryError as cause:
        raise error(f"{path}: is a folder, not a {kind}") from cause
    except OSError as cause:
        raise error(f"{path}: cannot be read ({cause.strerror})") from cause
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as cause:
        line = raw.count(b"\n", 0, cause.start) + 1
        raise error(f"{path}: not a {kind} (not UTF-8 text, line {line})") from cause
