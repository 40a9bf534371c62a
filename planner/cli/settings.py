"""``--set`` on a plan whose request size comes from a per-part breakdown.

A plan with ``workload.breakdown`` derives its totals (input and output tokens, model calls
per request) from the parts, so a total set on its own would be overwritten without a word.
The total the user sets wins instead: the breakdown is dropped for that run, and the output
says so. Setting a total and a part of the breakdown together is refused, naming both.
"""

from __future__ import annotations

from planner.model.plan import Plan
from planner.model.planfile import PlanError

TOTALS = tuple(
    f"workload.{name}" for name in ("input_tokens", "output_tokens", "calls_per_request")
)
BREAKDOWN = "workload.breakdown"


def totals_over_breakdown(plan: Plan, settings: list[str]) -> tuple[str, ...]:
    """The ``--set`` paths that replace totals ``plan`` derives from its breakdown.

    Raises:
        PlanError: a total and a part of the breakdown are both set.
    """
    if plan.workload.breakdown is None:
        return ()
    paths = [
        (path.strip(), value.strip()) for path, _, value in (s.partition("=") for s in settings)
    ]
    totals = tuple(path for path, _value in paths if path in TOTALS)
    parts = [
        path
        for path, value in paths
        if (path == BREAKDOWN and value != "null") or path.startswith(BREAKDOWN + ".")
    ]
    if totals and parts:
        raise PlanError(
            f"--set {totals[0]} and --set {parts[0]}: the plan works out a request's totals "
            "from its breakdown; set the total or the breakdown, not both"
        )
    return totals
