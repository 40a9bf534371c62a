"""``actuals import|formats|status|compare``: the ledger from the command line.

``add_actuals_parser`` adds the ``actuals`` verb to the CLI's subparsers and
``run_actuals`` runs it, returning the exit status: bad input prints one line naming the
file (and line and field, where there is one) on stderr and returns 2. No Qt here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from planner.actuals import guardjson, jsonout
from planner.actuals.formats import FORMATS
from planner.actuals.formats.columns import MapError, load_column_map
from planner.actuals.guard import evaluate
from planner.actuals.importer import FileReport, import_files
from planner.actuals.records import ImportRefused, RowProblem
from planner.actuals.report import comparison_report, status_report
from planner.actuals.store import LedgerError, open_ledger
from planner.cli.budget import BUDGET_COMMANDS, add_budget_commands, run_budget
from planner.cli.fetch import add_fetch_parser, run_fetch
from planner.model.planfile import PlanError, load_plan
from planner.rates import RateBook, RateTableError, load_rates
from planner.words.i18n import ngettext

EXIT_BAD_INPUT = 2
PROBLEM_WORDS = {
    "not_a_number": "not a number",
    "not_whole": "not a whole number",
    "negative": "negative",
    "missing": "missing",
    "bad_timestamp": "not an ISO 8601 time",
    "bad_date": "not a YYYY-MM-DD date",
    "not_a_flag": "not TRUE or FALSE",
    "more_than_input": "more cached tokens than input tokens",
    "wrong_field_count": "wrong number of fields",
    "bad_json": "not valid JSON",
    "bad_currency": "not a three-letter currency code",
    "unknown_label_source": "not api_key, project or feature",
    "not_an_object": "not a JSON object",
}
REFUSAL_WORDS = {
    "unknown_format": "not a format the app knows (see `actuals formats`)",
    "unknown_format_id": "no such format",
    "truncated": "the file is cut short",
    "no_usable_rows": "no row could be imported",
    "not_utf8": "not UTF-8 text",
    "no_such_file": "no such file",
    "unreadable": "cannot be read",
    "empty_file": "the file is empty",
    "bad_json": "not valid JSON",
    "missing_columns": "required columns are missing",
}


def add_actuals_parser(subparsers: Any) -> None:
    """Add ``actuals`` and its four commands to the CLI's ``add_subparsers()`` object."""
    actuals = subparsers.add_parser(
        "actuals", help="import real usage and bills; compare with the plan"
    )
    commands = actuals.add_subparsers(dest="actuals_command", required=True)
    add = commands.add_parser("import", help="import usage or cost exports into a ledger")
    add.add_argument("files", nargs="+", type=Path, metavar="FILE")
    add.add_argument("--ledger", type=Path, required=True, help="the ledger file (*.llmledger)")
    add.add_argument("--format", choices=[f.id for f in FORMATS], help="skip detection")
    add.add_argument("--map", type=Path, help="JSON column map for the generic format")
    add.add_argument("--dry-run", action="store_true", help="report, change nothing")
    add.add_argument("--json", action="store_true")
    listing = commands.add_parser("formats", help="list the import formats")
    listing.add_argument("--json", action="store_true")
    for name, help_text in (
        ("status", "the month's spend"),
        ("compare", "the month against a plan"),
    ):
        command = commands.add_parser(name, help=help_text)
        if name == "compare":
            command.add_argument("plan", type=Path, help="plan file (.llmplan or .json)")
        command.add_argument("--ledger", type=Path, required=True)
        command.add_argument("--month", help="YYYY-MM (default: the latest month with data)")
        command.add_argument(
            "--currency", help="report currency (default: USD; compare: the plan's)"
        )
        command.add_argument("--json", action="store_true")
    add_fetch_parser(commands)
    add_budget_commands(commands)


def run_actuals(args: argparse.Namespace) -> int:
    """Run ``actuals …``; returns the exit status."""
    try:
        return _dispatch(args)
    except ImportRefused as error:
        return _fail(f"{error.file}: {REFUSAL_WORDS.get(error.code, error.code)}"
                     + (f" ({error.detail})" if error.detail else "") + "; the ledger is unchanged")  # fmt: skip
    except (LedgerError, MapError, PlanError, RateTableError, ValueError) as error:
        return _fail(str(error))
    except KeyError as error:
        return _fail(str(error.args[0]) if error.args else str(error))


def _dispatch(args: argparse.Namespace) -> int:
    command = args.actuals_command
    if command == "formats":
        return _formats(args.json)
    rates = load_rates(getattr(args, "rates_dir", None))
    if command == "import":
        return _import(args, rates)
    if command in BUDGET_COMMANDS:
        return run_budget(args, rates)
    if command == "fetch":
        return run_fetch(args)
    ledger = open_ledger(args.ledger, create=False)
    try:
        if command == "status":
            status = status_report(ledger, rates, args.month, (args.currency or "USD").upper())
            guard = guardjson.guard_json(evaluate(ledger, rates, currency=status.currency))
            _print(jsonout.status_json(status) | guard, args.json, _status_text)
        else:
            _compare(args, ledger, rates)
    finally:
        ledger.close()
    return 0


def _compare(args: argparse.Namespace, ledger: Any, rates: RateBook) -> None:
    plan = load_plan(args.plan)
    currency = args.currency.upper() if args.currency else None
    comparison = comparison_report(ledger, plan, rates, args.month, currency)
    _print(jsonout.compare_json(comparison), args.json, _compare_text)


def _import(args: argparse.Namespace, rates: RateBook) -> int:
    columns = load_column_map(args.map) if args.map else None
    ledger = open_ledger(args.ledger)
    try:
        reports = import_files(ledger, args.files, format_id=args.format, columns=columns,
                               dry_run=args.dry_run)  # fmt: skip
        fired = [] if args.dry_run else evaluate(ledger, rates).fired  # rules run after each import
    finally:
        ledger.close()
    print_problems(reports)
    _print(jsonout.import_json(reports) | guardjson.alerts_json(fired), args.json, _import_text)
    return 0


SKIPPED_SHOWN = 20  # per file on standard error; --json lists every one


def print_problems(reports: Sequence[FileReport]) -> None:
    """The first skipped rows of each file, named by line and field, then how many more."""
    for report in reports:
        for problem in report.problems[:SKIPPED_SHOWN]:
            print(f"skipped: {describe_problem(problem)}", file=sys.stderr)
        more = len(report.problems) - SKIPPED_SHOWN
        if more > 0:
            print("skipped: " + ngettext("{count} more row of {file} (--json lists every one)",
                                         "{count} more rows of {file} (--json lists every one)",
                                         more).format(count=more, file=report.file),
                  file=sys.stderr)  # fmt: skip


def describe_problem(problem: RowProblem) -> str:
    """One skipped row in words: file, line, field and what was wrong."""
    words = PROBLEM_WORDS.get(problem.code, problem.code)
    value = f" ({problem.value!r})" if problem.value else ""
    return f"{problem.file}, line {problem.line}, field {problem.field!r}: {words}{value}"


def _formats(as_json: bool) -> int:
    rows = [{"id": f.id, "kind": f.kind, "detected_by": f.detected_by} for f in FORMATS]
    if as_json:
        print(jsonout.dumps({"formats": rows}))
    else:
        for row in rows:
            print(f"{row['id']:24} {row['kind']:7} {row['detected_by']}")
    return 0


def _print(data: dict[str, Any], as_json: bool, as_text: Any) -> None:
    print(jsonout.dumps(data) if as_json else as_text(data))


def _plain(value: Any) -> str:
    if value is None:
        return "—"
    return str(value).removeprefix(jsonout.MARK)


def _import_text(data: dict[str, Any]) -> str:
    lines = []
    for f in data["files"]:
        lines.append(f"{f['file']}: {f['format']}, {f['rows_read']} rows read, {f['added']} added, "
                     f"{f['updated']} updated, {f['skipped']} skipped")  # fmt: skip
        if f["unpriced_models"]:
            lines.append(
                f"  unpriced (genai-prices does not know): {', '.join(f['unpriced_models'])}"
            )
    return "\n".join(lines)


def _status_text(data: dict[str, Any]) -> str:
    mtd = data["month_to_date"]
    lines = [f"{data['month']} in {data['currency']}: {mtd['requests']} requests, "
             f"priced {_plain(mtd['priced'])}, billed {_plain(mtd['billed'])}", "",
             f"{'date':12}{'requests':>10}{'priced':>18}{'billed':>18}"]  # fmt: skip
    for day in data["days"]:
        lines.append(
            f"{day['date']:12}{day['requests']:>10}{_plain(day['priced']):>18}{_plain(day['billed']):>18}"
        )
    for group in ("provider", "model", "project", "feature"):
        lines.append(f"\nby {group}")
        for row in data[f"by_{group}"][:10]:
            lines.append(f"  {row[group][:40]:42}{row['requests']:>10}{_plain(row['priced']):>18}")
    gaps = [r for r in data["reconciliation"] if r["gap"] is not None]
    if gaps:
        lines.append("\nreconciliation (billed − priced)")
        lines += [f"  {r['date']} {r['provider']:12} {_plain(r['gap'])}" for r in gaps]
    if data["unpriced"]:
        lines.append(
            "\nunpriced: " + ", ".join(f"{u['provider']}/{u['model']}" for u in data["unpriced"])
        )
    return "\n".join(lines)


def _compare_text(data: dict[str, Any]) -> str:
    e, a, v = data["expected"], data["actual"], data["variance"]
    return "\n".join([
        f"{data['month']} in {data['currency']}: plan {data['plan']!r} ({data['option']})",
        f"  expected: {_plain(e['requests'])} requests, {_plain(e['usage_cost'])} for usage",
        f"  actual:   {a['requests']} requests, {_plain(a['monthly_cost'])}",
        f"  variance {_plain(v['total'])} = volume {_plain(v['volume_effect'])}"
        f" + unit cost {_plain(v['unit_cost_effect'])} + mix {_plain(v['mix_effect'])}",
    ])  # fmt: skip


def _fail(message: str) -> int:
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_BAD_INPUT
