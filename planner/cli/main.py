"""The headless command line: ``estimate``, ``capacity``, ``rates`` and ``schema``.

Bad input prints one line naming what is wrong and exits with status 2; nothing here
imports Qt.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn

from planner.cli.actuals import add_actuals_parser, run_actuals
from planner.cli.keys import add_keys_parser, run_keys
from planner.cli.output import print_error
from planner.cli.workshop import add_portfolio_parser, run_portfolio
from planner.rates import RateBook, RateTableError, load_rates

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1
COMMANDS = ("estimate", "capacity", "rates", "schema", "actuals", "keys", "portfolio")


APP_USAGE = """the desktop app:
  llm-cost-planner [PLAN.llmplan] [--lang en|pl|uk]
                        with no command, opens the app (and the plan file, if given);
                        --lang chooses its language for this run (View > Language keeps
                        a choice for the next start)
"""


class UsageError(Exception):
    """Bad command-line input, reported in one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="llm-cost-planner",
        description="Plan what running a language model costs.",
        epilog=APP_USAGE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--rates-dir", type=Path, help="folder of rate tables that replace the bundled ones"
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    est = commands.add_parser("estimate", help="cost every option for a plan file")
    est.add_argument("plan", type=Path, help="plan file (.llmplan or .json)")
    est.add_argument("--json", action="store_true", help="print the result as JSON")
    est.add_argument(
        "--all", action="store_true", help="list every option, not only the best of each kind"
    )
    est.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="PATH=VALUE",
        help="override a plan value, e.g. workload.requests_per_day=500",
    )
    est.add_argument("--lang", help="language of the output: en, pl or uk")
    est.add_argument("--currency", help="currency of the budget, e.g. PLN")
    est.add_argument("--xlsx", type=Path, help="also write the budget as an Excel workbook")
    est.add_argument("--pdf", type=Path, help="also write the budget as a PDF report")

    cap = commands.add_parser("capacity", help="memory fit and speed of a model on hardware")
    cap.add_argument("--model", required=True, help="open model id, e.g. llama-3.1-8b")
    device = cap.add_mutually_exclusive_group(required=True)
    device.add_argument("--gpu", help="GPU id, e.g. h100-sxm")
    device.add_argument("--cpu", help="local machine id, e.g. ddr5-workstation")
    cap.add_argument("--count", type=int, default=1, help="number of GPUs (default 1)")
    cap.add_argument("--quant", default=None, choices=["fp16", "fp8", "int8", "int4"])
    cap.add_argument(
        "--bandwidth-gbs", type=float, help="memory bandwidth of a machine not in the tables"
    )
    cap.add_argument("--tflops", type=float, help="dense compute of a machine not in the tables")
    cap.add_argument(
        "--context", type=int, default=None, help="tokens each request holds (default 4096)"
    )
    cap.add_argument("--input-tokens", type=int, help="prompt tokens of one request")
    cap.add_argument("--output-tokens", type=int, help="answer tokens of one request")
    cap.add_argument("--json", action="store_true")

    rates = commands.add_parser("rates", help="list every rate table with sources and dates")
    rates.add_argument("--json", action="store_true")

    commands.add_parser("schema", help="print the plan's JSON Schema")
    add_actuals_parser(commands)
    add_keys_parser(commands)
    add_portfolio_parser(commands)
    return parser


def run(argv: list[str]) -> int:
    """Run a command; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        if args.command == "actuals":
            return run_actuals(args)  # loads the rates only for the commands that price
        if args.command == "keys":
            return run_keys(args)
        if args.command == "portfolio":
            return run_portfolio(args)  # one rate snapshot for every plan
        rates = load_rates(args.rates_dir) if args.command != "schema" else None
        return _dispatch(args, rates)
    except UsageError as error:
        return _fail(str(error))
    except RateTableError as error:
        return _fail(f"rate table error: {error}")
    except BrokenPipeError:
        return 0  # the reader (e.g. `head`) closed the pipe: nothing to report
    except (ValueError, KeyError, OSError) as error:
        return _fail(_one_line(error))
    except Exception as error:  # a bug: still one line, never a traceback
        print(
            f"error: internal error ({type(error).__name__}: {_one_line(error)}); please report it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _dispatch(args: argparse.Namespace, rates: RateBook | None) -> int:
    if args.command == "schema":
        from planner.model.plan import Plan

        print(json.dumps(Plan.model_json_schema(), indent=2))
        return 0
    assert rates is not None
    if args.command == "rates":
        from planner.cli.rates import print_rates

        print_rates(rates, as_json=args.json)
        return 0
    if args.command == "capacity":
        from planner.cli.capacity import run_capacity

        return run_capacity(args, rates)
    from planner.cli.estimate import run_estimate

    return run_estimate(args, rates)


def _one_line(error: BaseException) -> str:
    text = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
    return " ".join(text.split())


def _fail(message: str) -> int:
    print_error(message)
    return EXIT_BAD_INPUT
