"""The offers that compete with each purchasable item of the recommended option.

For an AI service, the other API models (or seat subscriptions) the engine costed for the
plan; for a rented server, the same GPU's other cloud offers and then other rented GPUs;
for hardware to buy, other machines of the same kind. Those that meet every need of the
plan come first, the cheapest for this item first, and each offer once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.engine.eligibility import NEEDS_EU
from planner.export.portfolio.annex import (
    ALTERNATIVES,
    AnnexItem,
    Offer,
    PriceUnit,
    is_stale,
    readable_source,
)
from planner.export.shown import hybrid_parts, option_rows
from planner.model.plan import Plan
from planner.model.result import Category, EstimateResult, Option
from planner.rates import RateBook
from planner.rates.price_import import current_prices
from planner.rates.schema import GpuCloudPrice

# What is bought, by the category it is paid under; the order the annex lists them in.
OFFER_CATEGORIES: tuple[Category, ...] = (
    "api_tokens",
    "subscription_seats",
    "compute_rental",
    "hardware_purchase",
)


@dataclass(frozen=True)
class Price:
    """A price as a table lists it, with its source and date."""

    amounts: tuple[float | None, float | None]
    currency: str
    unit: PriceUnit
    source: str
    as_of: date
    label: str | None = None  # what is bought, where it is not the option (a machine)


def parts_of(option: Option, result: EstimateResult) -> tuple[Option, ...]:
    """A hybrid's two parts, or the option itself."""
    return hybrid_parts(option, result) if option.kind == "hybrid" else (option,)


class Offers:
    """Offers for one plan, from its result and its rate book (its own overrides applied)."""

    def __init__(self, plan: Plan, result: EstimateResult, rates: RateBook, day: date) -> None:
        self.plan, self.result, self.rates, self.day = plan, result, rates, day

    def items(self, parts: tuple[Option, ...]) -> list[AnnexItem]:
        """Each purchasable item of the parts, with its offers, in the order bought."""
        found = []
        for part in parts:
            for category in OFFER_CATEGORIES:
                line = part.line(category)
                if line.monthly > 0 or line.one_off > 0:
                    found.append(AnnexItem(category, tuple(self._offers(part, category))))
        return found

    def _offers(self, chosen: Option, category: Category) -> list[Offer]:
        if category == "compute_rental":
            return self._rental(chosen)
        priced = {
            "api_tokens": self._api_price,
            "subscription_seats": self._seat_price,
            "hardware_purchase": self._hardware_price,
        }[category]
        offers = [self._offer(chosen.label, priced(chosen), chosen, category, chosen=True)]
        seen = {self._what(chosen, category)}
        for option in self._ranked(chosen, category):
            what = self._what(option, category)
            if what not in seen and len(offers) <= ALTERNATIVES:
                seen.add(what)  # another model on the same machine: the same offer
                offers.append(self._offer(option.label, priced(option), option, category))
        return offers

    @staticmethod
    def _what(option: Option, category: Category) -> str | None:
        """What is bought: the machine for hardware, else the option itself."""
        return option.hardware if category == "hardware_purchase" else option.id

    def _ranked(self, chosen: Option, category: Category) -> list[Option]:
        """The other options of the chosen one's kind: those that meet the needs first,
        then the cheapest for this item."""
        group = (chosen.kind, chosen.ownership)
        others = [
            o for o in self.result.options if (o.kind, o.ownership) == group and o.id != chosen.id
        ]
        return sorted(others, key=lambda o: (not o.feasible, _amount(o, category), o.id))

    def _api_price(self, option: Option) -> Price:
        row = option_rows(option, self.rates).api
        assert row is not None
        return Price(current_prices(row, self.day), "USD", "per_mtok", row.source, row.as_of)

    def _seat_price(self, option: Option) -> Price:
        row = self.rates.subscription(option.id.removeprefix("sub:"))
        seat = row.monthly_billing_per_seat or row.annual_billing_per_seat
        return Price((seat, None), row.currency, "per_seat_month", row.source, row.as_of)

    def _hardware_price(self, option: Option) -> Price:
        rows = option_rows(option, self.rates)
        if rows.gpu is not None:
            gpu = rows.gpu
            return Price(
                (gpu.purchase_usd, None), "USD", "purchase", gpu.price_source, gpu.price_as_of
            )
        machine = rows.machine
        assert machine is not None
        return Price(
            (machine.purchase_usd, None),
            "USD",
            "purchase",
            machine.source,
            machine.as_of,
            machine.label,
        )

    def _rental(self, chosen: Option) -> list[Offer]:
        cloud = option_rows(chosen, self.rates).cloud
        assert cloud is not None
        category: Category = "compute_rental"
        offers = [self._offer(chosen.label, _cloud_price(cloud), chosen, category, chosen=True)]
        offers += [
            self._offer(self._cloud_label(row), _cloud_price(row), None, category)
            for row in self._other_clouds(cloud)
        ]
        seen = {(cloud.gpu, cloud.provider, cloud.region)}
        for option in self._ranked(chosen, category):
            row = option_rows(option, self.rates).cloud
            if row is not None and (row.gpu, row.provider, row.region) not in seen:
                seen.add((row.gpu, row.provider, row.region))
                offers.append(self._offer(option.label, _cloud_price(row), option, category))
        return offers[: ALTERNATIVES + 1]

    def _other_clouds(self, cloud: GpuCloudPrice) -> list[GpuCloudPrice]:
        """The same GPU's other hourly offers (EU ones only where the data must stay in the EU)."""
        eu_only = self.plan.needs.data_sensitivity in NEEDS_EU
        rows = [
            row
            for row in self.rates.gpu_cloud_prices
            if row.gpu == cloud.gpu
            and (row.provider, row.region) != (cloud.provider, cloud.region)
            and (row.region == "eu" or not eu_only)
        ]
        return sorted(rows, key=lambda row: (row.hourly_usd, row.provider))

    def _cloud_label(self, row: GpuCloudPrice) -> str:
        """``RunPod secure cloud H100 80GB PCIe, US data centres: NVIDIA H100 PCIe 80GB``."""
        return f"{row.provider}: {self.rates.gpu(row.gpu).label}"

    def _offer(
        self,
        label: str,
        price: Price,
        option: Option | None,
        category: Category,
        *,
        chosen: bool = False,
    ) -> Offer:
        """An offer; its amount is the engine's for ``option``, if it costed one."""
        return Offer(
            label=price.label or label,
            price=price.amounts[0],
            second_price=price.amounts[1],
            currency=price.currency,
            unit=price.unit,
            amount=_amount(option, category) if option is not None else None,
            once=category == "hardware_purchase",
            source=readable_source(price.source),
            as_of=price.as_of,
            chosen=chosen,
            meets_needs=option.feasible if option is not None else True,
            stale=is_stale(price.as_of, self.day),
        )


def _amount(option: Option, category: Category) -> float:
    """What the engine costed an item at: a month's, or once for hardware to buy."""
    line = option.line(category)
    return line.one_off if category == "hardware_purchase" else line.monthly


def _cloud_price(row: GpuCloudPrice) -> Price:
    return Price((row.hourly_usd, None), "USD", "per_gpu_hour", row.source, row.as_of)
