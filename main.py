"""LLM Cost Planner: starts the desktop app, or the command line when given a command."""

from __future__ import annotations

import multiprocessing
import sys

CLI_FLAGS = ("-h", "--help", "--rates-dir")
PLAN_SUFFIXES = (".llmplan", ".json", ".llmworkshop")


def wants_cli(args: list[str]) -> bool:
    """A command word runs headless; no arguments, app options, or plan and workshop files
    (one or several, as a file manager passes them) open the app."""
    if not args:
        return False
    first = args[0]
    if first.split("=")[0] in CLI_FLAGS:
        return True
    return not (first.startswith("-") or first.lower().endswith(PLAN_SUFFIXES))


def main(argv: list[str] | None = None) -> int:
    # In the bundled app a worker process (the import's reader) starts this same executable:
    # it must become the worker here, before the arguments are read as a command.
    multiprocessing.freeze_support()
    args = sys.argv[1:] if argv is None else argv
    if wants_cli(args):
        from planner.cli.main import run

        return run(args)
    from ui.app import run_app

    status: int = run_app(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
