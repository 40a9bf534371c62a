"""Engine timings: an estimate per template, break-even plus sensitivity, the CLI process."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from bench.harness import Measured, median_time
from planner.engine.estimate import estimate
from planner.model.templates import load_templates
from planner.rates import load_rates

ROOT = Path(__file__).parents[1]


def _reference_work() -> None:
    """A fixed piece of plain Python, timed in the same run as a yardstick of machine speed."""
    sum(i * i for i in range(100_000))


def _estimates() -> list[Measured]:
    rates = load_rates()
    reference = median_time(_reference_work, repeats=21, warmup=3)
    found = [Measured("reference: plain Python yardstick (same run)", reference, None)]
    for template in load_templates():
        plan = template.plan
        seconds = median_time(
            lambda p=plan: estimate(p, rates, analysis=False), repeats=21, warmup=3
        )
        ratio = f"{seconds / reference:.1f}x the yardstick"
        found.append(Measured(f"estimate, {template.id}", seconds, 0.020, ratio))
    for template in load_templates():
        plan = template.plan
        # The whole estimate with the analysis bounds the analysis' own time from above.
        full = median_time(lambda p=plan: estimate(p, rates), repeats=9)
        found.append(
            Measured(
                f"estimate + break-even + sensitivity, {template.id}",
                full,
                0.200,
                "bounds break-even + sensitivity from above",
            )
        )
    return found


def _process() -> Measured:
    plan = ROOT / "templates" / "support_agent.json"
    command = [sys.executable, "main.py", "estimate", str(plan), "--json"]

    def once() -> None:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(done.stderr.decode())

    return Measured("estimate --json process, support_agent", median_time(once, repeats=5), 0.8)


def run() -> list[Measured]:
    started = time.perf_counter()
    results = [*_estimates(), _process()]
    print(f"(engine benchmarks took {time.perf_counter() - started:.0f} s)")
    return results
