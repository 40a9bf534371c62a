"""What the command line prints: JSON that any JSON reader accepts."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON, never with bare ``NaN`` or ``Infinity``.

    A non-finite number is a bug upstream (values are validated where they enter), so it
    fails loudly instead of producing output that other programs cannot read.
    """
    print(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False))


def print_error(message: str) -> None:
    """One line on standard error, as every command reports bad input."""
    print(f"error: {message}", file=sys.stderr)


def print_note(message: str) -> None:
    """One line on standard error that is not an error: the command goes on."""
    print(message, file=sys.stderr)
