"""Hybrid: a self-hosted model answers the routine share, an API the rest."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from planner.engine import eligibility
from planner.engine.api_option import ApiCandidate
from planner.engine.costing import Descriptor, Lines, MonthCost, first_month_total
from planner.engine.inputs import Inputs
from planner.engine.selfhost import SelfHostedCandidate
from planner.engine.volume import BASE, Scenario
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
    """The cheapest pairing: best eligible API for the hard share, and the cheapest
    self-hosted model (one quality tier below the need is allowed for routine requests)."""
    share = inputs.levers.routing_share
    if not 0 < share < 1:
        return None
    eligible_apis = [c for c in apis if not c.descriptor.exclusions]
    routine = [c for c in locals_ if _good_enough_for_routine(inputs, c)]
    if not eligible_apis or not routine:
        return None
    api = min(eligible_apis, key=lambda c: first_month_total(c, BASE))
    api_part = dataclasses.replace(api, share=1 - share)
    routine_calls = inputs.calls_per_day(BASE)[0] * share
    costs = [(c.total_at(routine_calls), c) for c in routine if c.keeps_up_at(routine_calls)]
    if not costs:
        return None
    local = dataclasses.replace(min(costs, key=lambda pair: pair[0])[1], share=share)
    devices, _busy = local.units_for(routine_calls)
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
        exclusions=eligibility.hybrid_it_reasons(inputs),
        details={
            "routing_share": share,
            "self_hosted_option_id": local.descriptor.id,
            "api_option_id": api.descriptor.id,
        },
    )
    return HybridCandidate(inputs, local, api_part, descriptor)


def _good_enough_for_routine(inputs: Inputs, candidate: SelfHostedCandidate) -> bool:
    """Eligible apart from quality, and at most one tier below what the plan needs."""
    # Quality is checked one tier down below; volume is checked for the routine share only
    # (``keeps_up_at``), not for the full volume the exclusion was found at.
    quality_codes = {"quality_below_need", "volume_too_high_for_local"}
    others = [r for r in candidate.descriptor.exclusions if r.code not in quality_codes]
    return not others and not eligibility.quality_reasons(inputs, candidate.model.tier, 1)
