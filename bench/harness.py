"""Timing helpers shared by the benchmark modules."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Measured:
    name: str
    median_s: float
    target_s: float | None = None
    note: str = ""

    @property
    def ok(self) -> bool | None:
        return None if self.target_s is None else self.median_s <= self.target_s

    def line(self) -> str:
        target = f"target ≤ {self.target_s * 1000:.0f} ms" if self.target_s is not None else ""
        verdict = {True: "ok", False: "OVER", None: ""}[self.ok]
        return f"{self.name:58} {self.median_s * 1000:9.1f} ms  {target:18} {verdict:4} {self.note}"


def median_time(action: Callable[[], object], repeats: int = 7, warmup: int = 1) -> float:
    """Median wall time of ``action`` over ``repeats`` runs, after ``warmup`` runs."""
    for _ in range(warmup):
        action()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
