"""``keys set|status|delete``: the providers' admin keys, in the system keyring only.

``set`` reads the key from standard input (for scripts) or from a prompt that does not
echo it; nothing here ever prints a key. Where there is no keyring the key is not kept at
all, and the message points to ``actuals fetch --key-env VAR`` instead.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from planner.actuals.fetch.words import key_input_error_text, key_prefix_warning, keyring_error_text
from planner.actuals.keys import (
    KEY_NAMES,
    PROVIDER_OF_KEY,
    KeyInputError,
    KeyringUnavailable,
    backend_name,
    clean_key,
    delete_key,
    key_place,
    looks_like,
    store_key,
)
from planner.cli.output import print_error
from planner.words.i18n import _

EXIT_BAD_INPUT = 2


def add_keys_parser(subparsers: Any) -> None:
    """Add ``keys`` and its three commands to the CLI's ``add_subparsers()`` object."""
    keys = subparsers.add_parser("keys", help="admin keys for fetching usage (system keyring)")
    commands = keys.add_subparsers(dest="keys_command", required=True)
    put = commands.add_parser("set", help="store a key (from standard input or a hidden prompt)")
    put.add_argument("name", choices=KEY_NAMES)
    status = commands.add_parser("status", help="which keys are stored (never the keys)")
    status.add_argument("--json", action="store_true")
    remove = commands.add_parser("delete", help="remove a key from the keyring")
    remove.add_argument("name", choices=KEY_NAMES)


def run_keys(args: argparse.Namespace) -> int:
    """Run ``keys …``; returns the exit status."""
    try:
        if args.keys_command == "set":
            return _set(args.name)
        if args.keys_command == "delete":
            return _delete(args.name)
        return _status(args.json)
    except KeyInputError as error:
        return _fail(f"{args.name}: {key_input_error_text(error)}")
    except KeyringUnavailable as error:
        if args.keys_command != "set":
            return _fail(keyring_error_text(error))
        hint = _("The key was not stored; pass it to `actuals fetch` with --key-env VAR instead.")
        return _fail(f"{keyring_error_text(error)} {hint}")


def _set(name: str) -> int:
    secret = clean_key(_read_key(name))
    if not looks_like(name, secret):
        print(f"warning: {name}: {key_prefix_warning(name)}", file=sys.stderr)
    store_key(name, secret)
    print(_("{name}: stored in the system keyring ({backend})").format(
        name=name, backend=backend_name()))  # fmt: skip
    return 0


def _read_key(name: str) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(_("{name} key (not shown): ").format(name=name))
    return sys.stdin.read() if sys.stdin is not None else ""


def _delete(name: str) -> int:
    if delete_key(name):
        print(_("{name}: removed").format(name=name))
    else:
        print(_("{name}: no key was stored").format(name=name))
    return 0


def _status(as_json: bool) -> int:
    backend = backend_name()
    try:
        places = {name: key_place(name) for name in KEY_NAMES}
        available = True
    except KeyringUnavailable:
        places = dict.fromkeys(KEY_NAMES)
        available = False
    keys = [{"name": name, "provider": PROVIDER_OF_KEY[name], "stored": places[name] is not None}
            for name in KEY_NAMES]  # fmt: skip
    if as_json:
        data = {"keyring": {"backend": backend, "available": available}, "keys": keys}
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    if available:
        print(_("keyring: {backend}").format(backend=backend))
    else:
        print(_("keyring: none on this computer ({backend}); use --key-env VAR with "
                "`actuals fetch`").format(backend=backend))  # fmt: skip
    for key in keys:
        state = _("stored") if key["stored"] else _("not stored")
        print(f"{key['name']:17}{state}")
    return 0


def _fail(message: str) -> int:
    print_error(" ".join(message.split()))
    return EXIT_BAD_INPUT
