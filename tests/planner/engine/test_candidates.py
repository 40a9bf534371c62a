"""Every way of doing the work the tables allow: the quantisations tried, the rental offer
chosen, the quantisation kept, and the same option rebuilt for other request sizes."""

from __future__ import annotations

from datetime import date

import pytest

from planner.engine.api_option import ApiCandidate
from planner.engine.candidates import (
    all_candidates,
    cloud_offer,
    gpu_candidates,
    rebuild,
)
from planner.engine.estimate import estimate
from planner.engine.hybrid import HybridCandidate
from planner.engine.inputs import Inputs
from planner.engine.selfhost import SelfHostedCandidate
from planner.engine.sizing import gpu_quants
from planner.engine.subscription import SubscriptionCandidate
from planner.model.figures import set_at_path
from planner.model.plan import Plan
from planner.rates import load_rates

RATES = load_rates()


def inputs_with(**changes: object) -> Inputs:
    """A plan of 1,000 requests a day (1,000 in / 500 out) with changes."""
    data = Plan(start_date=date(2026, 12, 1)).model_dump()
    data["workload"].update(requests_per_day=1000, input_tokens=1000, output_tokens=500)
    for dotted, value in changes.items():  # workload__input_tokens=…
        set_at_path(data, dotted.replace("__", "."), value)
    return Inputs(Plan.model_validate(data), RATES)


@pytest.mark.parametrize(
    ("gpu_id", "quants"),
    [
        ("h100-sxm", ("fp16", "fp8", "int4")),  # FP8 tensor cores
        ("a100-80gb", ("fp16", "int8", "int4")),  # none: 8-bit weights as INT8
    ],
)
def test_the_quantisations_tried_on_a_gpu(gpu_id: str, quants: tuple[str, ...]) -> None:
    assert gpu_quants(RATES.gpu(gpu_id)) == quants


@pytest.mark.parametrize(
    ("sensitivity", "gpu_id", "provider", "region"),
    [
        # gpu_cloud_prices.toml: the cheapest offer anywhere is Lambda's, in the US ...
        ("internal", "a100-40gb", "Lambda Cloud, one A100 40GB SXM4", "us"),
        # ... but personal data takes the cheapest EU offer, AWS Frankfurt.
        (
            "personal",
            "a100-40gb",
            "AWS p4d.24xlarge (8x A100 40GB SXM4), eu-central-1 Frankfurt",
            "eu",
        ),
        # With no EU offer listed, the offer stays (and the option is ruled out as no_eu_rental).
        ("personal", "rtx-a6000", "Lambda Cloud, one RTX A6000", "us"),
    ],
)
def test_the_cheapest_rental_offer_in_the_eu_when_the_data_must_stay_there(
    sensitivity: str, gpu_id: str, provider: str, region: str
) -> None:
    offer = cloud_offer(inputs_with(needs__data_sensitivity=sensitivity), RATES.gpu(gpu_id))
    assert offer is not None
    assert (offer.provider, offer.region) == (provider, region)


def test_a_gpu_without_a_rental_offer_is_only_offered_to_buy() -> None:
    found = gpu_candidates(inputs_with(), RATES.open_model("llama-3.1-8b"))
    rtx_3090 = [c.descriptor.id for c in found if c.descriptor.hardware == "rtx-3090"]
    assert rtx_3090 == ["gpu-owned:llama-3.1-8b:rtx-3090:fp16"]


@pytest.mark.parametrize(
    ("model_id", "gpu_id", "requests", "quant", "devices"),
    [
        # Llama 3.1 8B in 16 bits (16 GB) needs two 16 GB T4s; INT8 fits on one.
        ("llama-3.1-8b", "t4", 1000, "int8", 1),
        # It fits one H100 in every form: on a tie the most precise is kept.
        ("llama-3.1-8b", "h100-sxm", 1000, "fp16", 1),
        # Llama 3.1 70B on 24 GB RTX 4090s: FP8 fits 4 cards, INT4 2 but with room for few
        # requests at once. At 100 a day one INT4 replica keeps up: 2 cards instead of 4 ...
        ("llama-3.1-70b", "rtx-4090", 100, "int4", 2),
        # ... at 2,000 a day it takes two INT4 replicas, 4 cards: a tie, so FP8 (its 8-bit
        # cache holds more requests on the 4 cards).
        ("llama-3.1-70b", "rtx-4090", 2000, "fp8", 4),
    ],
)
def test_the_quantisation_kept_is_the_one_that_needs_fewest_gpus(
    model_id: str, gpu_id: str, requests: float, quant: str, devices: int
) -> None:
    inputs = inputs_with(workload__requests_per_day=requests)
    found = gpu_candidates(inputs, RATES.open_model(model_id))
    chosen = next(c for c in found if c.descriptor.hardware == gpu_id)
    assert (chosen.descriptor.quant, chosen.sizing.devices_per_replica) == (quant, devices)


def test_all_candidates_are_the_apis_the_subscriptions_the_self_hosted_then_the_hybrid() -> None:
    inputs = inputs_with(needs__it_capacity="admin")
    apis, local, everything = all_candidates(inputs)
    seats = len(RATES.subscriptions)
    assert everything[: len(apis)] == apis
    subscriptions = everything[len(apis) : len(apis) + seats]
    assert [type(c) for c in subscriptions] == [SubscriptionCandidate] * seats
    assert everything[len(apis) + seats : len(apis) + seats + len(local)] == local
    assert [type(c) for c in everything[len(apis) + seats + len(local) :]] == [HybridCandidate]
    assert all(isinstance(c, ApiCandidate) for c in apis)
    assert all(isinstance(c, SelfHostedCandidate) for c in local)
    ids = [c.descriptor.id for c in everything]
    assert len(ids) == len(set(ids))


def test_no_hybrid_candidate_without_routing() -> None:
    apis, local, everything = all_candidates(inputs_with(levers__routing_share=0.0))
    assert len(everything) == len(apis) + len(RATES.subscriptions) + len(local)


@pytest.mark.parametrize(
    "option_id",
    [
        "api:mistral-large-4",
        "gpu-rented:llama-3.1-8b:l4:fp16",
        "gpu-owned:llama-3.1-70b:h100-sxm:fp8",  # fits one H100 with its FP8 cache
        "cpu:llama-3.1-8b:mac-studio-m3-ultra:int4",
    ],
)
def test_rebuilding_for_longer_requests_keeps_the_option(option_id: str) -> None:
    before = inputs_with()
    after = inputs_with(workload__input_tokens=1500, workload__output_tokens=750)
    candidate = next(c for c in all_candidates(before)[2] if c.descriptor.id == option_id)
    again = rebuild(candidate, after)
    assert again is not None
    assert again.descriptor.id == option_id
    assert again.inputs is after


@pytest.mark.parametrize(
    ("option_id", "input_tokens", "rebuilt_id"),
    [
        # Llama 3.1 8B in 16 bits on L4s still fits 20,000-token requests (on more cards), so
        # it is kept, though a fresh estimate would now pick FP8 for them.
        ("gpu-owned:llama-3.1-8b:l4:fp16", 20_000, "gpu-owned:llama-3.1-8b:l4:fp16"),
        # Llama 3.1 70B in FP8 on four RTX 4090s: its 8-bit cache holds a 50,000-token
        # request (about 99,000 tokens fit) but not a 120,000-token one; INT4 does.
        ("gpu-owned:llama-3.1-70b:rtx-4090:fp8", 50_000, "gpu-owned:llama-3.1-70b:rtx-4090:fp8"),
        ("gpu-owned:llama-3.1-70b:rtx-4090:fp8", 120_000, "gpu-owned:llama-3.1-70b:rtx-4090:int4"),
        # At 200,000 tokens nothing fits a 4-card server: the option no longer exists.
        ("gpu-owned:llama-3.1-70b:rtx-4090:fp8", 200_000, None),
    ],
)
def test_a_rebuilt_gpu_option_keeps_its_quantisation_while_it_fits(
    option_id: str, input_tokens: int, rebuilt_id: str | None
) -> None:
    # 2,000 a day: enough that the 70B model on RTX 4090s is kept in FP8 (see above).
    short = inputs_with(needs__quality="basic", workload__requests_per_day=2000)
    candidate = next(c for c in all_candidates(short)[1] if c.descriptor.id == option_id)
    again = rebuild(candidate, inputs_with(workload__input_tokens=input_tokens))
    assert (again.descriptor.id if again else None) == rebuilt_id


def test_a_rebuilt_hybrid_keeps_its_parts_and_shares() -> None:
    inputs = inputs_with(needs__it_capacity="admin", levers__routing_share=0.3)
    hybrid = all_candidates(inputs)[2][-1]
    assert isinstance(hybrid, HybridCandidate)
    again = rebuild(hybrid, inputs_with(workload__input_tokens=500, levers__routing_share=0.3))
    assert isinstance(again, HybridCandidate)
    assert again.descriptor.id == hybrid.descriptor.id
    assert again.local.share == pytest.approx(0.3)
    assert again.api.share == pytest.approx(0.7)
    assert again.local.descriptor.id == hybrid.local.descriptor.id
    assert again.api.model == hybrid.api.model


def test_a_card_that_is_not_sold_is_only_ever_rented() -> None:
    """The A10G exists only in AWS's servers: no plan may offer to buy one."""
    from planner.model.templates import load_templates

    assert RATES.gpu("a10g").for_sale is False
    for template in load_templates():
        options = estimate(template.plan, RATES, analysis=False).options
        a10g = {o.ownership for o in options if o.hardware == "a10g"}
        assert "owned" not in a10g, template.id
    assert any(
        o.hardware == "a10g" and o.ownership == "rented"
        for o in estimate(load_templates()[0].plan, RATES, analysis=False).options
    )
