"""A ready-made budget for a LiteLLM gateway, generated from the ledger's budgets.

The planner reads exports after the fact and cannot stop a request; a gateway in front of
the providers can. LiteLLM keeps budgets in US dollars: ``max_budget`` and
``budget_duration`` for the whole proxy and per virtual key (with ``soft_budget`` as the
early warning), and ``provider_budget_config`` with ``budget_limit`` and ``time_period``
per provider (LiteLLM docs, "Budgets, Rate Limits", https://docs.litellm.ai/docs/proxy/users,
and "Budget Routing", https://docs.litellm.ai/docs/proxy/provider_budget_routing).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from planner.actuals.guard_records import Budget, scope_parts
from planner.actuals.money import Converter

_DURATION = {"month": "30d", "day": "1d", "hour": "1h"}
_PROVIDER_PERIOD = {"month": "1mo", "day": "1d"}  # the periods provider budgets take
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class GatewayBudget:
    """``config`` for LiteLLM's config.yaml, and one ``/key/generate`` body per project or
    feature budget (a key per project is how a gateway tells them apart)."""

    config: str
    keys: tuple[str, ...]
    skipped: tuple[str, ...]  # budgets a gateway cannot hold (scope:period)


def _usd(amount: Decimal, currency: str, to_usd: Converter) -> str:
    # Rounded down, so that the gateway's limit is never above the agreed budget.
    return format(to_usd(amount, currency).quantize(_CENT, rounding=ROUND_DOWN), "f")


def litellm_budget(budgets: list[Budget], to_usd: Converter) -> GatewayBudget:
    """LiteLLM settings that hold the gateway to ``budgets`` (``to_usd`` targets USD)."""
    general: list[str] = []
    providers: list[str] = []
    keys: list[str] = []
    skipped: list[str] = []
    for budget in budgets:
        kind, value = scope_parts(budget.scope)
        limit = _usd(budget.amount, budget.currency, to_usd)
        soft = _usd(budget.warn_amount, budget.currency, to_usd)
        if kind == "total" and not general:
            general += ["litellm_settings:", f"  max_budget: {limit}",
                        f"  budget_duration: {_DURATION[budget.period]}"]  # fmt: skip
        elif kind == "provider" and budget.period in _PROVIDER_PERIOD:
            providers += [f"    {json.dumps(value)}:", f"      budget_limit: {limit}",
                          f"      time_period: {_PROVIDER_PERIOD[budget.period]}"]  # fmt: skip
        elif kind in ("project", "feature"):
            body = {"key_alias": f"{kind}-{value}", "max_budget": float(limit),
                    "soft_budget": float(soft), "budget_duration": _DURATION[budget.period],
                    "metadata": {kind: value}}  # fmt: skip
            keys.append(json.dumps(body, ensure_ascii=False))
        else:
            skipped.append(f"{budget.scope}:{budget.period}")
    if providers:
        general += ["router_settings:", "  provider_budget_config:", *providers]
    return GatewayBudget("\n".join(general) + ("\n" if general else ""), tuple(keys),
                         tuple(skipped))  # fmt: skip
