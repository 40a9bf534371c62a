"""The ledger's import in plain words, for the app: why a file was refused, which rows were
skipped, and what an import read and added (translated when called)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from planner.words.formats import number
from planner.words.i18n import _, ngettext


class ProblemLike(Protocol):
    """A skipped row (``planner.actuals.records.RowProblem``)."""

    @property
    def file(self) -> str: ...
    @property
    def line(self) -> int: ...
    @property
    def field(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def value(self) -> str: ...


def refusal_text(code: str) -> str:
    """Why a whole file was refused (``ImportRefused.code``)."""
    words: dict[str, Callable[[], str]] = {
        "unknown_format": lambda: _("not an export the planner knows"),
        "unknown_format_id": lambda: _("no such format"),
        "truncated": lambda: _("the file is cut short"),
        "no_usable_rows": lambda: _("no row could be imported"),
        "not_utf8": lambda: _("not UTF-8 text"),
        "no_such_file": lambda: _("no such file"),
        "unreadable": lambda: _("the file cannot be read"),
        "empty_file": lambda: _("the file is empty"),
        "bad_json": lambda: _("not valid JSON"),
        "missing_columns": lambda: _("required columns are missing"),
    }
    found = words.get(code)
    return found() if found else code


def problem_text(code: str) -> str:
    """What was wrong with one field of a skipped row (``RowProblem.code``)."""
    words: dict[str, Callable[[], str]] = {
        "not_a_number": lambda: _("not a number"),
        "not_whole": lambda: _("not a whole number"),
        "negative": lambda: _("negative"),
        "missing": lambda: _("missing"),
        "bad_timestamp": lambda: _("not a date and time"),
        "bad_date": lambda: _("not a date (YYYY-MM-DD)"),
        "not_a_flag": lambda: _("not TRUE or FALSE"),
        "more_than_input": lambda: _("more cached tokens than input tokens"),
        "wrong_field_count": lambda: _("wrong number of fields"),
        "bad_json": lambda: _("not valid JSON"),
        "bad_currency": lambda: _("not a three-letter currency code"),
        "unknown_label_source": lambda: _("not api_key, project or feature"),
        "not_an_object": lambda: _("not a JSON object"),
    }
    found = words.get(code)
    return found() if found else code


def describe_problem(problem: ProblemLike) -> str:
    """One skipped row: file, line, field and what was wrong."""
    text = _("{file}, line {line}, field “{field}”: {problem}").format(
        file=problem.file,
        line=problem.line,
        field=problem.field,
        problem=problem_text(problem.code),
    )
    return f"{text} ({problem.value})" if problem.value else text


def refused(file: str, code: str, detail: str = "") -> str:
    """A refused file, and the reassurance that nothing of it was kept."""
    reason = refusal_text(code) + (f" ({detail})" if detail else "")
    return _("{file}: {reason}. Nothing was imported; the ledger is as it was.").format(
        file=file, reason=reason
    )


def import_summary(rows_read: int, added: int, updated: int, skipped: int, unpriced: int) -> str:
    """What one import did, in a sentence."""
    parts = [
        ngettext("{count} row read", "{count} rows read", rows_read).format(
            count=number(rows_read)
        ),
        ngettext("{count} added", "{count} added", added).format(count=number(added)),
        ngettext("{count} updated", "{count} updated", updated).format(count=number(updated)),
        ngettext("{count} skipped", "{count} skipped", skipped).format(count=number(skipped)),
    ]
    if unpriced:
        parts.append(
            ngettext("{count} model without a price", "{count} models without a price", unpriced)
            .format(count=number(unpriced))
        )  # fmt: skip
    return ", ".join(parts)
