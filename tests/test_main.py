"""Which arguments start the app and which run the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from main import wants_cli


@pytest.mark.parametrize(
    ("args", "headless"),
    [
        ([], False),
        (["--lang", "pl"], False),
        (["Bakery.llmplan"], False),
        (["a.llmplan", "b.LLMPLAN"], False),  # a file manager's "Open with" on two plans
        (["Hub day.llmworkshop"], False),
        (["templates/support_agent.json"], False),
        (["estimate", "plan.llmplan"], True),
        (["--help"], True),
        (["--rates-dir=/tmp/rates", "estimate"], True),
    ],
)
def test_files_and_app_options_open_the_app_and_commands_run_headless(
    args: list[str], headless: bool
) -> None:
    assert wants_cli(args) is headless


def test_the_app_takes_several_files_and_its_own_options() -> None:
    from ui.app import parse_args

    options = parse_args(["--lang", "pl", "a.llmplan", "day.llmworkshop"])
    assert options.lang == "pl"
    assert options.plans == [Path("a.llmplan"), Path("day.llmworkshop")]
    assert parse_args([]).plans == []
