"""FOCUS 1.x cost exports (AWS, Azure, Google Cloud, and gateways that write FOCUS).

Only AI services are kept. ``EffectiveCost`` (after discounts and commitments) is the
amount used; ``BilledCost`` and ``ListCost`` are kept beside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from planner.actuals import fields as f
from planner.actuals.formats.convert import convert_each, pick
from planner.actuals.records import CostRow, Item
from planner.actuals.sources import Source, csv_records

AI_CATEGORY = "ai and machine learning"
AI_SERVICE = re.compile(
    r"openai|bedrock|vertex|gemini|generative|cognitive|foundry|llm|anthropic|claude|mistral",
    re.IGNORECASE,
)
# FOCUS ProviderName → genai-prices provider id, where they differ.
PROVIDERS = {
    "amazon web services": "aws",
    "aws": "aws",
    "microsoft": "azure",
    "microsoft azure": "azure",
    "azure": "azure",
    "google cloud": "google",
    "google": "google",
    "openai": "openai",
    "anthropic": "anthropic",
}


def is_ai_service(record: dict[str, str]) -> bool:
    """A row of an AI service, by its category or its service name."""
    if record.get("ServiceCategory", "").strip().lower() == AI_CATEGORY:
        return True
    names = (record.get(name, "") for name in ("ServiceName", "ServiceSubcategory"))
    return any(AI_SERVICE.search(name) for name in names)


def provider_id(name: str) -> str:
    """The provider as the rest of the ledger names it."""
    plain = name.strip().lower()
    return PROVIDERS.get(plain, re.sub(r"[^a-z0-9]+", "-", plain).strip("-"))


def _cost(record: dict[str, str]) -> CostRow | None:
    if not is_ai_service(record):
        return None
    effective = pick(record, "EffectiveCost")
    billed = f.optional_money(record.get("BilledCost"), "BilledCost")
    amount = f.money(effective, "EffectiveCost") if effective is not None else billed
    if not amount:
        return None
    return CostRow(
        day=f.day(record.get("ChargePeriodStart"), "ChargePeriodStart"),
        provider=provider_id(pick(record, "ProviderName", "PublisherName") or ""),
        kind="bill",
        line_item=f.text(pick(record, "ChargeDescription", "SkuId", "ServiceName")),
        amount=amount,
        currency=f.text(pick(record, "BillingCurrency")).upper() or "USD",
        project=f.text(pick(record, "SubAccountId", "SubAccountName")),
        model=f.text(pick(record, "ResourceId", "ResourceName")),
        token_type=f.text(pick(record, "ConsumedUnit", "PricingUnit")),
        billed_amount=billed,
        list_amount=f.optional_money(record.get("ListCost"), "ListCost"),
    )


def parse_focus_csv(source: Source) -> Iterator[Item]:
    """AI-service rows of a FOCUS cost and usage export."""
    return convert_each(source, csv_records(source), _cost)
