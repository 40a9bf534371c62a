"""Seat subscriptions: an assistant staff use themselves, paid per person per month.

No integration is built and nothing runs on the business's side, so a subscription costs
its seats, a day of setting up and an hour a month of user administration. It suits
assisted work only (people drafting and reading), and obeys the plan's data sensitivity as
an API does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from planner.engine import eligibility
from planner.engine.costing import Descriptor, Lines, MonthCost, common_one_off
from planner.engine.inputs import Inputs
from planner.engine.volume import BASE, Scenario
from planner.rates.local_prices import convert
from planner.rates.schema import Subscription


def people_needed(inputs: Inputs, month: int, scenario: Scenario) -> int:
    """People the month's requests take when staff handle them with an assistant, at
    ``assisted_requests_per_person_day`` each (growth applied, no buffer: people do not
    retry)."""
    work = inputs.plan.workload
    daily = scenario.base_requests_per_day(inputs.plan)
    daily *= (1 + work.growth_pct_per_month / 100) ** month
    per_person = inputs.value("assisted_requests_per_person_day")
    return max(1, math.ceil(daily / per_person - 1e-9))


@dataclass
class SubscriptionCandidate:
    """A per-seat subscription for the people the plan names (or the volume needs)."""

    inputs: Inputs
    row: Subscription
    descriptor: Descriptor

    @property
    def steady(self) -> bool:
        """A month's cost depends on nothing but the people using it."""
        return True

    def seats(self, month: int, scenario: Scenario) -> int:
        """Seats paid for: the plan's people (or those the volume needs), at least the
        plan's minimum."""
        wanted = self.inputs.plan.workload.seats
        if wanted is None:
            wanted = people_needed(self.inputs, month, scenario)
        return max(wanted, self.row.min_seats)

    @cached_property
    def price_per_seat(self) -> float:
        """A seat a month in the plan's currency: month to month where the plan is sold so,
        else a month's share of the yearly commitment."""
        row = self.row
        listed = row.monthly_billing_per_seat or row.annual_billing_per_seat
        assert listed is not None  # the schema requires one of them
        rates = self.inputs.rates
        return convert(listed, rates.currency(row.currency), self.inputs.prices.currency)

    @property
    def billing(self) -> str:
        """``monthly`` or ``annual``: how the priced seat is billed."""
        return "monthly" if self.row.monthly_billing_per_seat is not None else "annual"

    def one_off(self, scenario: Scenario) -> Lines:
        """Starting the workspace and introducing it to the staff, paid once."""
        return common_one_off(self.inputs, "setup_hours_subscription")

    def month(self, month: int, scenario: Scenario, units_before: int) -> MonthCost:
        """The month's seats and an hour or so of user administration (no outside company's
        minimum: there is nothing to run)."""
        seats = self.seats(month, scenario) * self.price_per_seat * scenario.api_price_factor
        hours = self.inputs.value("maintenance_hours_subscription")
        return MonthCost(
            {"subscription_seats": seats, "staff": hours * self.inputs.prices.staff_hourly}
        )


def subscription_candidate(inputs: Inputs, row: Subscription) -> SubscriptionCandidate:
    """A subscription with the reasons, if any, it cannot serve this plan."""
    descriptor = Descriptor(
        id=f"sub:{row.id}",
        kind="subscription",
        label=row.label,
        provider=row.provider,
        ownership="subscription",
        details={"tier": row.tier, "plan": row.plan, "region": row.data_region},
    )
    candidate = SubscriptionCandidate(inputs, row, descriptor)
    seats = candidate.seats(0, BASE)
    descriptor.exclusions += tuple(eligibility.subscription_reasons(inputs, row, seats))
    descriptor.details.update(
        seats=seats,
        price_per_seat=round(candidate.price_per_seat, 2),
        billing=candidate.billing,
    )
    return candidate


def subscription_candidates(inputs: Inputs) -> list[SubscriptionCandidate]:
    """Every seat subscription in the tables."""
    return [subscription_candidate(inputs, row) for row in inputs.rates.subscriptions]
