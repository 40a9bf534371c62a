"""LLM Cost Planner: starts the desktop app, or the command line when given a command."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from planner.cli import COMMANDS

    if args and (args[0] in COMMANDS or args[0].startswith("--rates-dir") or args[0] in ("-h", "--help")):
        from planner.cli import run

        return run(args)
    from ui.app import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
