"""Export timing: workbook and PDF together for the largest template."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.harness import Measured, median_time
from planner.engine.estimate import estimate
from planner.export.files import export_files
from planner.model.templates import template
from planner.rates import load_rates

LARGEST = "support_agent"


def run() -> list[Measured]:
    rates = load_rates()
    plan = template(LARGEST).plan
    result = estimate(plan, rates)
    with tempfile.TemporaryDirectory() as folder:
        xlsx, pdf = Path(folder) / "budget.xlsx", Path(folder) / "budget.pdf"
        both = median_time(lambda: export_files(plan, result, rates, xlsx=xlsx, pdf=pdf), repeats=5)
        workbook = median_time(lambda: export_files(plan, result, rates, xlsx=xlsx), repeats=5)
    return [
        Measured(f"export workbook + PDF, {LARGEST}", both, 1.5),
        Measured(f"export workbook only, {LARGEST}", workbook, None),
    ]
