"""Every way of doing the work that the tables allow, before costing."""

from __future__ import annotations

import dataclasses
from typing import cast

from planner.engine.api_option import ApiCandidate, api_candidate, api_candidates
from planner.engine.capacity import Quant
from planner.engine.costing import Candidate
from planner.engine.eligibility import NEEDS_EU, too_slow
from planner.engine.hybrid import HybridCandidate, hybrid_candidate
from planner.engine.inputs import Inputs
from planner.engine.selfhost import (
    Ownership,
    SelfHostedCandidate,
    common_reasons,
    cpu_candidate,
    gpu_candidate,
    volume_reasons,
)
from planner.engine.sizing import Sizing, gpu_sizing, gpu_sizings, replicas_for
from planner.engine.subscription import (
    SubscriptionCandidate,
    subscription_candidate,
    subscription_candidates,
)
from planner.engine.volume import BASE
from planner.rates.schema import Gpu, GpuCloudPrice, OpenModel


def cloud_offer(inputs: Inputs, gpu: Gpu) -> GpuCloudPrice | None:
    """The cheapest hourly offer for the GPU; only EU offers when the data must stay in the EU."""
    return inputs.memo(("cloud_offer", gpu.id), lambda: _cloud_offer(inputs, gpu))


def _cloud_offer(inputs: Inputs, gpu: Gpu) -> GpuCloudPrice | None:
    offers = [row for row in inputs.rates.gpu_cloud_prices if row.gpu == gpu.id]
    if inputs.plan.needs.data_sensitivity in NEEDS_EU:
        offers = [row for row in offers if row.region == "eu"] or offers
    return min(offers, key=lambda row: row.hourly_usd, default=None)


def preferred_quant(
    inputs: Inputs, sizings: list[tuple[Quant, Sizing]]
) -> tuple[Quant, Sizing] | None:
    """Of one model on one kind of GPU: the quantisation fast enough for the plan that needs the
    fewest GPUs; on a tie the more precise one (listed first)."""
    calls = inputs.calls_per_day(BASE)[0]  # the GPUs needed: the first month's busiest hour
    best: tuple[Quant, Sizing] | None = None
    best_rank: tuple[bool, int, int] | None = None
    for order, item in enumerate(sizings):  # a loop, not min(key=): every model, every GPU
        sizing = item[1]
        profile = sizing.profile
        slow = too_slow(inputs, profile.first_token_seconds, profile.stream_tokens_per_s_alone)
        devices = replicas_for(inputs, sizing, calls) * sizing.devices_per_replica
        rank = (slow, devices, order)
        if best_rank is None or rank < best_rank:
            best, best_rank = item, rank
    return best


def gpu_candidates(inputs: Inputs, model: OpenModel) -> list[SelfHostedCandidate]:
    """The model on each kind of GPU it fits, at its preferred quantisation: owned where the
    card is sold, and rented where an hourly offer is listed."""
    found = []
    for gpu in inputs.rates.gpus:
        chosen = preferred_quant(inputs, list(gpu_sizings(inputs, model, gpu)))
        if chosen is None:
            continue
        offer = cloud_offer(inputs, gpu)
        quant, sizing = chosen
        ownerships: tuple[Ownership, ...] = (*(("rented",) if offer else ()),
                                             *(("owned",) if gpu.for_sale else ()))  # fmt: skip
        common = common_reasons(inputs, model, sizing.profile)
        found += [
            gpu_candidate(inputs, model, gpu, quant, sizing, o, offer, common) for o in ownerships
        ]
    return found


def cpu_candidates(inputs: Inputs, model: OpenModel) -> list[SelfHostedCandidate]:
    """The model on each local machine it fits, excluded where a few machines cannot keep up
    with the plan's volume."""
    found = []
    for machine in inputs.rates.local_machines:
        candidate = cpu_candidate(inputs, model, machine)
        if candidate is not None:
            candidate.descriptor.exclusions += tuple(volume_reasons(candidate, BASE))
            found.append(candidate)
    return found


def self_hosted_candidates(inputs: Inputs) -> list[SelfHostedCandidate]:
    """Every open model on every GPU and local machine it fits."""
    found: list[SelfHostedCandidate] = []
    for model in inputs.rates.open_models:
        found += gpu_candidates(inputs, model)
        found += cpu_candidates(inputs, model)
    return found


def all_candidates(
    inputs: Inputs,
) -> tuple[list[ApiCandidate], list[SelfHostedCandidate], list[Candidate]]:
    """API, self-hosted, and the full list with the seat subscriptions and the hybrid (where
    there is one) added."""
    apis = api_candidates(inputs)
    local = self_hosted_candidates(inputs)
    everything: list[Candidate] = [*apis, *subscription_candidates(inputs), *local]
    hybrid = hybrid_candidate(inputs, apis, local)
    if hybrid is not None:
        everything.append(hybrid)
    return apis, local, everything


def rebuild(candidate: Candidate, inputs: Inputs) -> Candidate | None:
    """The same option for other inputs (e.g. other request sizes), or None when it no longer
    exists (the model stops fitting the hardware). The quantisation is kept when it still fits."""
    if isinstance(candidate, ApiCandidate):
        return api_candidate(inputs, candidate.model)
    if isinstance(candidate, SubscriptionCandidate):
        return subscription_candidate(inputs, candidate.row)
    if isinstance(candidate, SelfHostedCandidate):
        return _rebuild_self_hosted(candidate, inputs)
    if isinstance(candidate, HybridCandidate):
        local = _rebuild_self_hosted(candidate.local, inputs)
        if local is None:
            return None
        api = api_candidate(inputs, candidate.api.model)
        return HybridCandidate(
            inputs,
            dataclasses.replace(local, share=candidate.local.share),
            dataclasses.replace(api, share=candidate.api.share),
            candidate.descriptor,
        )
    return None


def _rebuild_self_hosted(
    candidate: SelfHostedCandidate, inputs: Inputs
) -> SelfHostedCandidate | None:
    described = candidate.descriptor
    model = candidate.model
    if candidate.kind == "cpu":
        machine = inputs.rates.local_machine(str(described.hardware))
        return cpu_candidate(inputs, model, machine, cast(Quant, described.quant))
    gpu = inputs.rates.gpu(str(described.hardware))
    sizing = gpu_sizing(inputs, model, gpu, cast(Quant, described.quant))
    quant = cast(Quant, described.quant)
    if sizing is None:
        chosen = preferred_quant(inputs, list(gpu_sizings(inputs, model, gpu)))
        if chosen is None:
            return None
        quant, sizing = chosen
    return gpu_candidate(
        inputs, model, gpu, quant, sizing, candidate.ownership, cloud_offer(inputs, gpu)
    )
