"""What would change the answer: the break-even volume and each option's sensitivity."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from planner.engine.costing import Candidate, first_month_total, horizon_total
from planner.engine.inputs import Inputs
from planner.engine.selfhost import SelfHostedCandidate, volume_reasons
from planner.engine.volume import Scenario
from planner.model.money import round_money
from planner.model.result import BreakEven, Reason, SensitivityRow

BREAK_EVEN_LIMIT = 1_000_000.0
GRID_POINTS_PER_DECADE = 8


def keeps_up(candidate: Candidate, scenario: Scenario) -> bool:
    """A local box may stop keeping up as volume grows; everything else scales."""
    return not (isinstance(candidate, SelfHostedCandidate) and volume_reasons(candidate, scenario))


# Found at the plan's own volume; the search asks again at each volume (``keeps_up``), so
# the break-even point does not depend on the volume the plan happens to hold.
VOLUME_CODES = frozenset({"volume_too_high_for_local"})


def eligible_apart_from_volume(candidate: Candidate) -> bool:
    """Eligible for every reason except the volume the plan happens to hold."""
    return all(r.code in VOLUME_CODES for r in candidate.descriptor.exclusions)


def _usable(candidate: Candidate, scenario: Scenario) -> bool:
    """Eligible at this volume."""
    return eligible_apart_from_volume(candidate) and keeps_up(candidate, scenario)


FLOOR_SCENARIO = Scenario(requests_per_day=1e-9)


def by_floor(candidates: Sequence[Candidate]) -> list[tuple[float, Candidate]]:
    """Candidates with the least they can cost a month (at no volume), lowest first.

    No option gets cheaper as volume grows (a property the tests check), so once a
    candidate's floor is above the best cost found, no later candidate can beat it."""
    floored = [(first_month_total(c, FLOOR_SCENARIO), c) for c in candidates]
    return sorted(floored, key=lambda pair: pair[0])


def cheapest(
    floored: Sequence[tuple[float, Candidate]],
    scenario: Scenario,
    usable: Callable[[Candidate, Scenario], bool] = _usable,
) -> tuple[Candidate | None, float]:
    """The usable candidate that costs least in the first month of ``scenario``."""
    best: Candidate | None = None
    best_cost = math.inf
    for floor, candidate in floored:
        if floor >= best_cost:
            break
        if not usable(candidate, scenario):
            continue
        cost = first_month_total(candidate, scenario)
        if cost < best_cost:
            best, best_cost = candidate, cost
    return best, best_cost


def break_even(apis: Sequence[Candidate], self_hosted: Sequence[Candidate]) -> BreakEven:
    """Smallest requests a day at which the cheapest eligible self-hosted option costs less a
    month than the cheapest eligible API, searched on a log grid up to a million a day and
    refined by bisection."""
    apis = [c for c in apis if not c.descriptor.exclusions]
    self_hosted = [c for c in self_hosted if eligible_apart_from_volume(c)]
    floored_apis = by_floor(apis)
    floored_local = by_floor(self_hosted)

    def gap(requests: float) -> tuple[float, Candidate | None, Candidate | None]:
        scenario = Scenario(requests_per_day=requests)
        api, api_cost = cheapest(floored_apis, scenario)
        local, local_cost = cheapest(floored_local, scenario)
        return local_cost - api_cost, local, api

    if not apis:
        return BreakEven(
            requests_per_day=None,
            searched_up_to=BREAK_EVEN_LIMIT,
            reason=Reason(code="no_eligible_api", params={}),
        )
    if not self_hosted:
        return BreakEven(
            requests_per_day=None,
            searched_up_to=BREAK_EVEN_LIMIT,
            reason=Reason(code="no_eligible_self_hosted", params={}),
        )
    previous = 0.0
    decades = round(math.log10(BREAK_EVEN_LIMIT))
    for step in range(decades * GRID_POINTS_PER_DECADE + 1):
        requests = 10 ** (step / GRID_POINTS_PER_DECADE)
        difference, _, _ = gap(requests)
        if difference < 0:
            found = _bisect(lambda r: gap(r)[0], previous, requests)
            _, local, api = gap(found)
            return BreakEven(
                requests_per_day=round(found, 1),
                searched_up_to=BREAK_EVEN_LIMIT,
                self_hosted_option_id=local.descriptor.id if local else None,
                api_option_id=api.descriptor.id if api else None,
            )
        previous = requests
    return BreakEven(
        requests_per_day=None,
        searched_up_to=BREAK_EVEN_LIMIT,
        reason=Reason(code="no_break_even", params={"limit": BREAK_EVEN_LIMIT}),
    )


def _bisect(difference: Callable[[float], float], low: float, high: float) -> float:
    """The lowest volume in (low, high] where self-hosting is cheaper, to 0.5%."""
    while high - low > max(0.5, high * 0.005):
        middle = (low + high) / 2
        if difference(middle) < 0:
            high = middle
        else:
            low = middle
    return high


VOLUME_VARIANTS = {"volume_x0.5": 0.5, "volume_x1.5": 1.5, "volume_x10": 10.0, "volume_x100": 100.0}
PRICE_VARIANTS = {
    "api_price_x0.5": Scenario(api_price_factor=0.5),
    "api_price_x1.5": Scenario(api_price_factor=1.5),
    "gpu_price_x0.5": Scenario(gpu_price_factor=0.5),
    "gpu_price_x1.5": Scenario(gpu_price_factor=1.5),
}
TOKEN_VARIANTS = {"tokens_x0.5": 0.5, "tokens_x1.5": 1.5}
VARIANTS: tuple[str, ...] = (*VOLUME_VARIANTS, *TOKEN_VARIANTS, *PRICE_VARIANTS)
"""Every sensitivity variant, in the order reports list them."""


def sensitivity(
    inputs: Inputs,
    shown: dict[str, Candidate],
    token_variants: dict[str, dict[str, Candidate]],
) -> list[SensitivityRow]:
    """Horizon cost of each shown option under each variant.

    ``token_variants`` maps a variant name to the same options rebuilt for a plan with
    scaled tokens per request (sizing depends on request size, so they are rebuilt)."""
    rows = []
    for option_id, candidate in shown.items():
        costs = {
            name: horizon_total(candidate, inputs, Scenario(volume_factor=factor))
            for name, factor in VOLUME_VARIANTS.items()
        }
        costs |= {name: horizon_total(candidate, inputs, s) for name, s in PRICE_VARIANTS.items()}
        for name, rebuilt in token_variants.items():
            other = rebuilt.get(option_id)
            if other is not None:
                costs[name] = horizon_total(other, other.inputs, Scenario())
        rows.append(
            SensitivityRow(
                option_id=option_id,
                base_horizon_cost=round_money(horizon_total(candidate, inputs, Scenario())),
                horizon_cost={k: round_money(v) for k, v in costs.items()},
            )
        )
    return rows
