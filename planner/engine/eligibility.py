"""Why an option cannot serve this plan: data sensitivity, quality, IT capacity, speed, and
who does the work."""

from __future__ import annotations

from planner.engine.inputs import Inputs
from planner.model.result import ParamValue, Reason
from planner.rates.schema import TIER_ORDER, ApiModel, Subscription

NEEDS_EU = ("personal", "special_category")


def quality_reasons(inputs: Inputs, tier: str, tiers_below_allowed: int = 0) -> list[Reason]:
    """Excluded when the model's answers are below the quality the plan needs."""
    if TIER_ORDER[tier] + tiers_below_allowed >= TIER_ORDER[inputs.plan.needs.quality]:
        return []
    return [
        Reason(
            code="quality_below_need", params={"tier": tier, "needed": inputs.plan.needs.quality}
        )
    ]


def api_data_reasons(inputs: Inputs, model: ApiModel) -> list[Reason]:
    """Where the data may go: nowhere outside for on-premises data, the EU for personal data."""
    sensitivity = inputs.plan.needs.data_sensitivity
    if sensitivity == "on_premises_only":
        return [Reason(code="data_must_stay_on_premises", params={})]
    if sensitivity in NEEDS_EU and model.region != "eu" and not model.eu_endpoint:
        return [
            Reason(
                code="data_must_stay_in_eu",
                params={"sensitivity": sensitivity, "region": model.region},
            )
        ]
    return []


def subscription_reasons(inputs: Inputs, row: Subscription, seats: int) -> list[Reason]:
    """A seat subscription serves people doing the work themselves, keeps the data where the
    plan needs it (as an API must), trains on nothing but public texts, is good enough, can
    seat everyone, and cannot be trained on the business's data."""
    reasons: list[Reason] = []
    if inputs.plan.workload.mode == "automated":
        reasons.append(Reason(code="subscription_needs_people"))
    sensitivity = inputs.plan.needs.data_sensitivity
    if sensitivity == "on_premises_only":
        reasons.append(Reason(code="data_must_stay_on_premises"))
    elif sensitivity in NEEDS_EU and row.data_region != "eu":
        where: dict[str, ParamValue] = {"sensitivity": sensitivity, "region": row.data_region}
        reasons.append(Reason(code="data_must_stay_in_eu", params=where))
    if row.trains_on_data and sensitivity != "public":
        reasons.append(Reason(code="trains_on_your_data"))
    reasons += quality_reasons(inputs, row.tier)
    if row.max_seats is not None and seats > row.max_seats:
        seated: dict[str, ParamValue] = {"seats": seats, "limit": row.max_seats}
        reasons.append(Reason(code="too_many_seats", params=seated))
    if inputs.plan.needs.fine_tuning:
        reasons.append(Reason(code="no_fine_tuning_here"))
    return reasons


def needs_eu_surcharge(inputs: Inputs, model: ApiModel) -> bool:
    """Personal data sent to a non-EU default endpoint must use the paid EU endpoint."""
    return (
        inputs.plan.needs.data_sensitivity in NEEDS_EU
        and model.region != "eu"
        and model.eu_endpoint
    )


def rented_data_reasons(inputs: Inputs, region: str | None) -> list[Reason]:
    """Rented servers: never for on-premises data; in the EU for personal data."""
    sensitivity = inputs.plan.needs.data_sensitivity
    if sensitivity == "on_premises_only":
        return [Reason(code="data_must_stay_on_premises", params={})]
    if sensitivity in NEEDS_EU and region != "eu":
        return [Reason(code="no_eu_rental", params={"sensitivity": sensitivity})]
    return []


def context_reasons(inputs: Inputs, context_length: int) -> list[Reason]:
    """A model cannot read a call longer than its context: what it reads and writes."""
    read, written = inputs.call_tokens
    if read + written > context_length:
        return [
            Reason(
                code="request_too_long",
                params={"tokens": read + written, "limit": context_length},
            )
        ]
    return []


def legacy_reasons(inputs: Inputs, model: ApiModel) -> list[Reason]:
    """A model no longer offered is only an option when the plan asks to include legacy ones."""
    if model.legacy and not inputs.plan.include_legacy:
        return [Reason(code="legacy_model", params={})]
    return []


def hybrid_it_reasons(inputs: Inputs) -> list[Reason]:
    """Routing requests between two systems needs someone in-house to run it."""
    if inputs.plan.needs.it_capacity in ("admin", "ml_team"):
        return []
    return [
        Reason(
            code="hybrid_needs_in_house_it", params={"it_capacity": inputs.plan.needs.it_capacity}
        )
    ]


def too_slow(inputs: Inputs, first_token_s: float, stream_tokens_per_s: float) -> bool:
    """The same test as ``speed_reasons``, without building the reasons."""
    if not inputs.interactive:
        return False
    limit, floor = inputs.speed_limits
    return first_token_s > limit or stream_tokens_per_s < floor


def speed_reasons(inputs: Inputs, first_token_s: float, stream_tokens_per_s: float) -> list[Reason]:
    """An interactive user must see the answer start soon and flow faster than they read."""
    if not inputs.interactive:
        return []
    reasons = []
    limit, floor = inputs.speed_limits
    if first_token_s > limit:
        reasons.append(
            Reason(
                code="too_slow_to_start",
                params={"seconds": round(first_token_s, 1), "limit": limit},
            )
        )
    if stream_tokens_per_s < floor:
        reasons.append(
            Reason(
                code="too_slow_to_read",
                params={"tokens_per_s": round(stream_tokens_per_s, 1), "needed": floor},
            )
        )
    return reasons
