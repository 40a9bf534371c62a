"""Hybrid: a self-hosted model answers the routine share, an API the rest."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from planner.engine import eligibility
from planner.engine.api_option import ApiCandidate
from planner.engine.costing import (
    Descriptor,
    Lines,
    MonthCost,
    horizon_total,
    monthly_costs,
)
from planner.engine.inputs import Inputs
from planner.engine.selfhost import SelfHostedCandidate
from planner.engine.volume import BASE, Scenario
from planner.rates.schema import TIER_ORDER
from planner.words.i18n import _


@dataclass
class HybridCandidate:
    """A self-hosted part for the routine share and an API part for the rest, costed together."""

    inputs: Inputs
    local: SelfHostedCandidate
    api: ApiCandidate
    descriptor: Descriptor

    @property
    def steady(self) -> bool:
        """Steady when both parts are."""
        return self.local.steady and self.api.steady

    def one_off(self, scenario: Scenario) -> Lines:
        """Both parts' set-up; fine-tuning is paid once for both."""
        return _merge(self.local.one_off(scenario), self.api.one_off(scenario))

    def month(self, month: int, scenario: Scenario, units_before: int) -> MonthCost:
        """Both parts' costs of the month; the hardware figures are the self-hosted part's."""
        local = self.local.month(month, scenario, units_before)
        api = self.api.month(month, scenario, 0)
        lines = _merge(local.lines, api.lines)
        return MonthCost(lines, local.utilisation, local.units, local.purchase)


SHARED = ("monitoring_and_tools", "fine_tuning")


def _merge(local: Lines, api: Lines) -> Lines:
    """Both parts' costs; monitoring tools and fine-tuning serve both, so only the larger
    of the two counts."""
    merged: Lines = dict(local)
    for category, amount in api.items():
        if category in SHARED:
            merged[category] = max(merged.get(category, 0.0), amount)
        else:
            merged[category] = merged.get(category, 0.0) + amount
    return merged


def hybrid_candidate(
    inputs: Inputs, apis: list[ApiCandidate], locals_: list[SelfHostedCandidate]
) -> HybridCandidate | None:
    """The cheapest pairing over the horizon: the eligible API whose part costs least for the
    hard share, and the self-hosted model (one quality tier below the need is allowed for
    routine requests) that keeps up with the routine share and makes the hybrid cheapest.

    Both parts are chosen by the hybrid's cash cost over the horizon, the measure options are
    ranked by. Chosen by another measure (the first month, hardware written off over its
    life), a local machine with a low running cost and a dear purchase won at one volume and,
    once more volume ruled it out, a GPU server cheaper over the horizon took its place: the
    best option got cheaper as volume grew. The shared tools and fine-tuning are the same for
    every API, so the API part can be chosen on its own.
    """
    share = inputs.levers.routing_share
    if not 0 < share < 1:
        return None
    eligible_apis = [c for c in apis if not c.descriptor.exclusions]
    routine_calls = inputs.calls_per_day(BASE)[0] * share
    tiers = _routine_tiers(inputs)
    routine = [
        c for c in locals_ if _good_enough_for_routine(c, tiers) and c.keeps_up_at(routine_calls)
    ]
    if not eligible_apis or not routine:
        return None
    parts = [dataclasses.replace(c, share=1 - share) for c in eligible_apis]
    api = min(parts, key=lambda c: (horizon_total(c, inputs, BASE), c.descriptor.id))
    return _cheapest_with(inputs, api, routine, share)


def _cheapest_with(
    inputs: Inputs, api: ApiCandidate, routine: list[SelfHostedCandidate], share: float
) -> HybridCandidate:
    """The hybrid of ``api`` and the routine candidate that, given ``share`` of the calls,
    costs least with it over the horizon.

    A hybrid costs at least its local part's floor plus what its API part does not share, so
    the parts are tried cheapest floor first and the search stops once a floor passes the
    best hybrid found: only a few hybrids are costed in full.
    """
    unshared = horizon_total(api, inputs, BASE) - _shared_total(api, inputs)
    # Ordered by floor, then id: ids are unique, so the candidates themselves never compare.
    floored = sorted(
        [(c.horizon_floor(BASE, share) + unshared, c.descriptor.id, c) for c in routine]
    )
    best: tuple[float, str, HybridCandidate] | None = None
    for floor, _id, local in floored:
        if best is not None and floor > best[0]:
            break
        hybrid = _paired(inputs, dataclasses.replace(local, share=share), api)
        found = (horizon_total(hybrid, inputs, BASE), hybrid.descriptor.id, hybrid)
        if best is None or found[:2] < best[:2]:
            best = found
    assert best is not None  # ``routine`` is never empty
    return best[2]


def _shared_total(candidate: ApiCandidate, inputs: Inputs) -> float:
    """What the candidate spends over the horizon on the items a hybrid's parts share."""
    lines = [candidate.one_off(BASE), *(m.lines for m in monthly_costs(candidate, inputs, BASE))]
    return sum(amount for month in lines for c, amount in month.items() if c in SHARED)


def _paired(inputs: Inputs, local: SelfHostedCandidate, api: ApiCandidate) -> HybridCandidate:
    """The two parts (each already given its share) as one hybrid candidate."""
    share = local.share
    devices, _busy = local.units_for(local.calls_per_day(0, BASE))
    descriptor = Descriptor(
        id=f"hybrid:{local.descriptor.id}+{api.descriptor.id}",
        kind="hybrid",
        label=_("{local} for {share}% of requests + {api}").format(
            local=local.label_for(devices), share=round(share * 100), api=api.descriptor.label
        ),
        provider=api.model.provider,
        model=api.model.model,
        hardware=local.descriptor.hardware,
        ownership="mixed",
        quant=local.descriptor.quant,
        exclusions=tuple(eligibility.hybrid_it_reasons(inputs)),
        details={
            "routing_share": share,
            "self_hosted_option_id": local.descriptor.id,
            "api_option_id": api.descriptor.id,
        },
    )
    return HybridCandidate(inputs, local, api, descriptor)


# Quality is checked one tier down (``_routine_tiers``); volume is checked for the routine
# share only (``keeps_up_at``), not for the full volume the exclusion was found at.
ROUTINE_ALLOWS = frozenset({"quality_below_need", "volume_too_high_for_local"})


def _routine_tiers(inputs: Inputs) -> frozenset[str]:
    """The quality tiers good enough for routine requests: at most one below the need."""
    return frozenset(
        tier for tier in TIER_ORDER if not eligibility.quality_reasons(inputs, tier, 1)
    )


def _good_enough_for_routine(candidate: SelfHostedCandidate, tiers: frozenset[str]) -> bool:
    """Eligible apart from quality and volume, and of one of the routine ``tiers``."""
    exclusions = candidate.descriptor.exclusions
    if candidate.model.tier not in tiers:
        return False
    return not exclusions or all(r.code in ROUTINE_ALLOWS for r in exclusions)
