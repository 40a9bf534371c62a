"""The app folder's first window against the source install's, measured the same way in the
same run (``make bundle`` first; skipped with a message when there is no app folder)."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

from bench.harness import Measured
from bench.ui import LAUNCHES, time_to_shown

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = ROOT / "dist" / "llm-cost-planner" / "llm-cost-planner"
BUNDLE_FACTOR = 1.5


def launch_environment(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "LLM_COST_PLANNER_QUIT_WHEN_SHOWN": "1",
    }


def interleaved_launches(commands: list[list[str]], env: dict[str, str]) -> list[float]:
    """The median launch of each command, started in turns so that both meet the same
    load on a shared machine (after one launch each to warm the file cache)."""
    for command in commands:
        time_to_shown(command, env)
    times: list[list[float]] = [[] for _ in commands]
    for _round in range(LAUNCHES):
        for command, taken in zip(commands, times, strict=True):
            taken.append(time_to_shown(command, env))
    return [statistics.median(taken) for taken in times]


def run() -> list[Measured]:
    if not os.access(PROGRAM, os.X_OK):
        print(f"skipped: no app folder at {PROGRAM.relative_to(ROOT)} (run make bundle)")
        return []
    with tempfile.TemporaryDirectory(prefix="llm-planner-bench-") as home:
        env = launch_environment(Path(home))
        source, bundle = interleaved_launches([[sys.executable, "main.py"], [str(PROGRAM)]], env)
    ratio = bundle / source
    return [
        Measured("bundle: source install, launch to first window", source, None, "offscreen"),
        Measured(
            f"bundle: app folder within {BUNDLE_FACTOR}x the source install",
            bundle,
            source * BUNDLE_FACTOR,
            f"ratio {ratio:.2f}x",
        ),
    ]


if __name__ == "__main__":
    for measured in run():
        print(measured.line())
