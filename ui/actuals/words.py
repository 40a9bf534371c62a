"""What the screen says after a job: what an import read, or why it failed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from planner.actuals.importer import FileReport, ImportCancelled
from planner.actuals.records import ImportRefused
from planner.actuals.store import LedgerError
from planner.words import formats
from planner.words.i18n import _
from planner.words.ledger import describe_problem, import_summary, refused

MAX_PROBLEMS = 5  # skipped rows named on screen; the rest are counted


def import_report(reports: Sequence[FileReport]) -> str:
    """Each file: read, added, updated, skipped and unpriced; the first skipped rows named."""
    lines = []
    for report in reports:
        name = Path(report.file).name
        lines.append(f"{name}: " + import_summary(report.rows_read, report.added, report.updated,
                                                  report.skipped, len(report.unpriced_models)))  # fmt: skip
        if report.unpriced_models:
            lines.append("  " + _("Without a price (genai-prices does not know them): {models}")
                         .format(models=", ".join(report.unpriced_models)))  # fmt: skip
        for problem in report.problems[:MAX_PROBLEMS]:
            lines.append("  " + _("Skipped: {row}").format(row=describe_problem(problem)))
    return "\n".join(lines)


def fetch_report(fetched: Sequence[str], reports: Sequence[FileReport], since: date) -> str:
    """What a fetch brought: from which providers since when, then each report's import."""
    from planner.actuals.fetch.words import provider_name

    names = ", ".join(provider_name(provider) for provider in fetched)
    day = formats.day(since)
    if not reports:
        return _("Nothing new from {providers} since {day}.").format(providers=names, day=day)
    head = _("Fetched from {providers} since {day}:").format(providers=names, day=day)
    return head + "\n" + import_report(reports)


def failure_text(error: BaseException) -> str:
    """A failed job in one plain sentence; the ledger is unchanged whatever failed."""
    from planner.actuals.fetch.errors import FetchError
    from planner.actuals.fetch.words import fetch_error_text

    if isinstance(error, FetchError):
        return fetch_error_text(error)
    if isinstance(error, ImportCancelled):
        return _("Import cancelled. Nothing was imported; the ledger is as it was.")
    if isinstance(error, ImportRefused):
        return refused(Path(error.file).name, error.code, error.detail)
    if isinstance(error, LedgerError):
        return _("The ledger cannot be used: {problem}").format(problem=error)
    if isinstance(error, OSError):
        return _("A file could not be read or written: {problem}").format(problem=error)
    text = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
    return _("That did not work: {problem}").format(problem=text)


def month_failure_text(error: BaseException) -> str:
    """The month could not be shown, though the ledger holds what was imported."""
    return _("The figures are kept, but the month cannot be shown: {problem}").format(
        problem=f"{type(error).__name__}: {error}" if not isinstance(error, ValueError) else error
    )
