"""``actuals fetch openai|anthropic``: usage and costs from a provider's admin API.

The key comes from the system keyring (``keys set``) or, with ``--key-env VAR``, from an
environment variable (scheduled tasks, tests). Every page is downloaded before the ledger
is opened, so a failed fetch leaves it as it was; ``--json`` reports like ``import --json``
plus the provider, the period and the requests made.
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.actuals import jsonout
from planner.actuals.fetch.errors import FetchError
from planner.actuals.fetch.providers import PROVIDERS
from planner.actuals.fetch.words import fetch_error_text, keyring_error_text
from planner.actuals.keys import KEY_OF_PROVIDER, KeyringUnavailable, Secret, read_key
from planner.actuals.records import ImportRefused
from planner.actuals.store import open_ledger
from planner.cli.output import print_error
from planner.words.i18n import _

if TYPE_CHECKING:
    from planner.actuals.fetch.run import FetchReport

EXIT_BAD_INPUT = 2


class KeyMissing(Exception):
    """No key to fetch with; the message says where one would come from."""


def add_fetch_parser(commands: Any) -> None:
    """Add ``fetch`` to the ``actuals`` subcommands."""
    fetch = commands.add_parser("fetch", help="fetch usage and costs with an admin key")
    fetch.add_argument("provider", choices=sorted(PROVIDERS))
    fetch.add_argument("--ledger", type=Path, required=True, help="the ledger file (*.llmledger)")
    fetch.add_argument("--since", type=_day, required=True, metavar="YYYY-MM-DD")
    fetch.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="last day (default: today)")
    fetch.add_argument("--base-url", help="the API's address (default: the provider's)")
    fetch.add_argument("--key-env", metavar="VAR", help="read the key from this variable")
    fetch.add_argument("--json", action="store_true")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from None


def run_fetch(args: argparse.Namespace) -> int:
    """Run ``actuals fetch``; returns the exit status (2 with one line on stderr if it fails)."""
    from planner.actuals.fetch.run import FetchRequest, download, import_download  # httpx
    from planner.cli.actuals import REFUSAL_WORDS  # the same words as ``actuals import``

    request = FetchRequest(args.provider, args.since, args.until, args.base_url)
    try:
        downloaded = download(request, _key(args))
        ledger = open_ledger(args.ledger)
        try:
            report = import_download(ledger, downloaded)
            fired = _alerts_after(ledger, args)  # the rules run after a fetch as after an import
        finally:
            ledger.close()
    except (KeyMissing, FetchError, KeyringUnavailable) as error:
        return _fail(_describe(error))
    except ImportRefused as error:
        words = REFUSAL_WORDS.get(error.code, error.code)
        return _fail(_("{file}: {problem}; the ledger is unchanged").format(
            file=error.file, problem=words))  # fmt: skip
    _print(report, args.json, fired)
    return 0


def _alerts_after(ledger: Any, args: argparse.Namespace) -> list[Any]:
    from planner.actuals.guard import evaluate
    from planner.rates import load_rates

    return list(evaluate(ledger, load_rates(getattr(args, "rates_dir", None))).fired)


def _key(args: argparse.Namespace) -> Secret:
    if args.key_env:
        value = os.environ.get(args.key_env, "").strip()
        if not value:
            raise KeyMissing(_("The environment variable {name} is not set or empty.").format(
                name=args.key_env))  # fmt: skip
        return Secret(value)
    name = KEY_OF_PROVIDER[args.provider]
    try:
        key = read_key(name)
    except KeyringUnavailable as error:
        raise KeyMissing(keyring_error_text(error) + " " + _(
            "Pass the key with --key-env VAR.")) from None  # fmt: skip
    if key is None:
        raise KeyMissing(_("No {name} key is stored: run `keys set {name}`, or pass the key "
                           "with --key-env VAR.").format(name=name))  # fmt: skip
    return key


def _describe(error: Exception) -> str:
    if isinstance(error, FetchError):
        return fetch_error_text(error)
    if isinstance(error, KeyringUnavailable):
        return keyring_error_text(error)
    return str(error)


def fetch_json(report: FetchReport) -> dict[str, Any]:
    """``import --json``'s ``files``, with the provider, the period and the traffic."""
    return {
        "provider": report.provider,
        "since": report.since,
        "until": report.until,
        **jsonout.import_json(report.files),
        "pages": report.pages,
        "requests": report.requests,
        "retries": report.retries,
    }


def _print(report: FetchReport, as_json: bool, fired: list[Any]) -> None:
    from planner.cli.actuals import print_problems

    print_problems(report.files)
    from planner.actuals import guardjson

    data = fetch_json(report) | guardjson.alerts_json(fired)
    if as_json:
        print(jsonout.dumps(data))
        return
    period = f"{report.since} – {report.until or _('today')}"
    print(_("{provider}, {period}: {pages} pages in {requests} requests").format(
        provider=report.provider, period=period, pages=sum(report.pages.values()),
        requests=report.requests))  # fmt: skip
    for file in report.files:
        print(_("{file}: {added} added, {updated} updated, {skipped} skipped").format(
            file=file.file, added=file.added, updated=file.updated, skipped=file.skipped))  # fmt: skip
        if file.unpriced_models:
            print("  " + _("unpriced (genai-prices does not know): {models}").format(
                models=", ".join(file.unpriced_models)))  # fmt: skip
    if not report.files:
        print(_("no usage or cost in this period"))


def _fail(message: str) -> int:
    print_error(" ".join(message.split()))
    return EXIT_BAD_INPUT
