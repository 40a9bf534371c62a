"""The plan: what the business wants to do, in numbers; saved as JSON (``.llmplan``)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

Sensitivity = Literal["public", "internal", "personal", "special_category", "on_premises_only"]
ItCapacity = Literal["none", "external_provider", "admin", "ml_team"]
Quality = Literal["basic", "standard", "high", "frontier"]
Availability = Literal["business_hours", "always_on"]
Latency = Literal["interactive", "batch"]
# Who does the work: staff using an assistant themselves, or a system answering on its own.
WorkMode = Literal["assisted", "automated"]

Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
# No rate is NaN or infinite; which values a field takes is checked against its table.
RateValue = Annotated[float, Field(allow_inf_nan=False)] | int | str | bool
TokenCount = Annotated[int, Field(ge=0, le=2_000_000)]

_STRICT = ConfigDict(extra="forbid", validate_assignment=True)
MAX_INPUT_TOKENS = 2_000_000
MAX_OUTPUT_TOKENS = 200_000
LAST_YEAR = 9999  # the last year a Python date holds: every month of a budget must fit
MAX_SEATS = 100_000


class TokenBreakdown(BaseModel):
    """Where a request's tokens come from; a conversation resends its history every turn."""

    model_config = _STRICT

    system_prompt_tokens: TokenCount = 0
    user_tokens: TokenCount = 0
    retrieved_context_tokens: TokenCount = 0
    output_tokens_per_turn: Annotated[int, Field(ge=1, le=200_000)] = 300
    turns: Annotated[int, Field(ge=1, le=50)] = 1

    def input_tokens(self) -> int:
        """Input tokens over all turns: every turn resends the prompt, context and history."""
        turns = self.turns
        fixed = (self.system_prompt_tokens + self.retrieved_context_tokens) * turns
        user = self.user_tokens * turns * (turns + 1) // 2
        history = self.output_tokens_per_turn * turns * (turns - 1) // 2
        return fixed + user + history

    def output_tokens(self) -> int:
        return self.output_tokens_per_turn * self.turns


class Workload(BaseModel):
    """How much work, per request and per day."""

    model_config = _STRICT

    requests_per_day: Annotated[float, Field(gt=0, le=10_000_000, allow_inf_nan=False)] = 100
    days_per_month: Annotated[float, Field(gt=0, le=31, allow_inf_nan=False)] = 22
    # A quarter of an hour at least: the busiest second's share of the day divides by it.
    business_hours_per_day: Annotated[float, Field(ge=0.25, le=24, allow_inf_nan=False)] = 8
    input_tokens: Annotated[int, Field(ge=1, le=MAX_INPUT_TOKENS)] = 1000
    output_tokens: Annotated[int, Field(ge=1, le=MAX_OUTPUT_TOKENS)] = 500
    calls_per_request: Annotated[int, Field(ge=1, le=50)] = 1
    breakdown: TokenBreakdown | None = None
    growth_pct_per_month: Annotated[float, Field(ge=-50, le=100, allow_inf_nan=False)] = 0
    buffer_pct: Annotated[float, Field(ge=0, le=300, allow_inf_nan=False)] = 30
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = "en"
    mode: WorkMode = "automated"
    # People who would use a seat subscription; None: worked out from the volume.
    seats: Annotated[int, Field(ge=1, le=MAX_SEATS)] | None = None

    @model_validator(mode="after")
    def _derive_totals_from_breakdown(self) -> Workload:
        if self.breakdown is not None:
            totals = {
                "input_tokens": max(1, self.breakdown.input_tokens()),
                "output_tokens": self.breakdown.output_tokens(),
                "calls_per_request": self.breakdown.turns,
            }
            if totals["input_tokens"] > MAX_INPUT_TOKENS:
                raise ValueError(
                    f"breakdown: the conversation adds up to {totals['input_tokens']:,} input tokens "
                    f"per request, more than {MAX_INPUT_TOKENS:,}; use fewer turns or shorter texts"
                )
            if totals["output_tokens"] > MAX_OUTPUT_TOKENS:
                raise ValueError(
                    f"breakdown: {totals['output_tokens']:,} output tokens per request, "
                    f"more than {MAX_OUTPUT_TOKENS:,}"
                )
            for key, value in totals.items():
                if getattr(self, key) != value:
                    object.__setattr__(self, key, value)
        return self


class Needs(BaseModel):
    """What the business requires of the answers and of the data's handling."""

    model_config = _STRICT

    data_sensitivity: Sensitivity = "internal"
    it_capacity: ItCapacity = "external_provider"
    quality: Quality = "standard"
    availability: Availability = "business_hours"
    latency: Latency = "interactive"
    fine_tuning: bool = False


class Levers(BaseModel):
    """Optional savings levers; ``None`` means the engine's stated default."""

    model_config = _STRICT

    prompt_cache_share: Share | None = None
    semantic_cache_hit_rate: Share | None = None
    batch_share: Share | None = None
    routing_share: Share | None = None
    # Rented GPUs billed only for the busy hours instead of every hour of the month.
    switch_off_outside_hours: bool = False
    # Batch work run in the API's cheapest hours of the day (prices by the time of day).
    off_peak_batch: bool = False


class Plan(BaseModel):
    """Everything the engine needs from the user; rates come from the bundled tables."""

    model_config = _STRICT

    schema_version: Literal[1] = 1
    name: Annotated[str, Field(max_length=200)] = "Untitled plan"
    company: Annotated[str, Field(max_length=200)] = ""
    advisor: Annotated[str, Field(max_length=200)] = ""
    notes: Annotated[str, Field(max_length=5000)] = ""
    template: str | None = None
    workload: Workload = Field(default_factory=Workload)
    needs: Needs = Field(default_factory=Needs)
    levers: Levers = Field(default_factory=Levers)
    horizon_months: Annotated[int, Field(ge=1, le=120)] = 36
    start_date: date | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "EUR"
    country: Annotated[str, Field(pattern=r"^([A-Z]{2}|EU)$")] = "PL"
    include_legacy: bool = False
    # Rate-table values changed for this plan only: {table: {row key: {field: value}}}.
    rate_overrides: dict[str, dict[str, dict[str, RateValue]]] = Field(default_factory=dict)

    @field_validator("start_date")
    @classmethod
    def _horizon_ends_before_the_calendar_does(
        cls, start: date | None, info: ValidationInfo
    ) -> date | None:
        months = info.data.get("horizon_months")
        if start is None or months is None:
            return start
        last = start.year * 12 + start.month - 1 + months - 1  # the budget's last month
        if last // 12 > LAST_YEAR:
            raise ValueError(
                f"a budget of {months} months from {start.isoformat()} would run past "
                f"the year {LAST_YEAR}; choose an earlier start"
            )
        return start
