"""Pydantic models of the bundled rate tables.

Every row of every table carries ``source`` (a URL or a document name) and
``as_of`` (the date the figure was read or published). The loader validates each
file once, on first use, and names the file, the row and the field of any error.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from planner.rates.limits import ANY_FINITE, ASSUMPTION_RANGES, MAX_USD_PER_MTOK, latest_as_of

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$")]
Tier = Literal["basic", "standard", "high", "frontier"]
Region = Literal["eu", "us", "global"]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
CountryCode = Annotated[str, StringConstraints(pattern=r"^([A-Z]{2}|EU)$")]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
# Upper bounds far beyond any real figure: they refuse typos and 1e308, not real hardware.
PricePerMtok = Annotated[float, Field(ge=0, le=MAX_USD_PER_MTOK, allow_inf_nan=False)]
PurchaseUsd = Annotated[float, Field(gt=0, le=1e8, allow_inf_nan=False)]
Gigabytes = Annotated[float, Field(ge=0.1, le=1e6, allow_inf_nan=False)]
Throughput = Annotated[float, Field(ge=0.001, le=1e7, allow_inf_nan=False)]  # GB/s, TFLOPS
Watts = Annotated[float, Field(ge=0.1, le=1e6, allow_inf_nan=False)]
LocalPrice = Annotated[float, Field(gt=0, le=1e7, allow_inf_nan=False)]  # in any currency
Count = Annotated[int, Field(gt=0, le=10_000_000)]
SeatPrice = Annotated[float, Field(gt=0, le=100_000, allow_inf_nan=False)]  # a seat a month

TIER_ORDER: dict[str, int] = {"basic": 0, "standard": 1, "high": 2, "frontier": 3}


class SourcedRow(BaseModel):
    """A row with the provenance every figure must carry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: Annotated[str, StringConstraints(min_length=3)]
    as_of: date

    @field_validator("as_of", "price_as_of", check_fields=False)
    @classmethod
    def _not_far_in_the_future(cls, day: date) -> date:
        if day > latest_as_of():
            raise ValueError(f"{day.isoformat()} is more than a year from today")
        return day


class ApiModel(SourcedRow):
    """A commercial API model on the curated shortlist; prices come from genai-prices."""

    id: Slug
    label: str
    provider: str  # genai-prices provider id
    model: str  # genai-prices model id
    tier: Tier
    region: Region  # where the provider processes the data by default
    batch_discount_pct: Percent = 0.0
    eu_endpoint: bool = (
        False  # EU data processing can be bought (at a surcharge) when region is not eu
    )
    legacy: bool = False
    # When set, used instead of genai-prices: for a model genai-prices does not list (Claude
    # Instant), or a price a user overrides for a plan or in the rates editor.
    input_mtok_usd_override: PricePerMtok | None = None
    output_mtok_usd_override: PricePerMtok | None = None
    cache_read_mtok_usd_override: PricePerMtok | None = None
    notes: str = ""


class OpenModel(SourcedRow):
    """An open-weights model that can be self-hosted."""

    id: Slug
    label: str
    params_total_b: Annotated[float, Field(ge=0.001, le=100_000, allow_inf_nan=False)]
    params_active_b: Annotated[float, Field(ge=0.001, le=100_000, allow_inf_nan=False)]
    layers: Count
    hidden_size: Count
    attention_heads: Count
    kv_heads: Count
    head_dim: Count
    context_length: Annotated[int, Field(gt=0, le=1_000_000_000)]
    licence: str
    tier: Tier
    # Mixture of experts: experts per layer and how many of them each token passes through
    # (config.json num_local_experts / num_experts_per_tok); None for a dense model.
    experts: Count | None = None
    experts_per_token: Count | None = Field(default=None, validate_default=True)

    @field_validator("params_active_b")
    @classmethod
    def _active_within_total(cls, active: float, info: ValidationInfo) -> float:
        total = info.data.get("params_total_b")
        if total is not None and active > total:
            raise ValueError(f"more than the model's {total:g} billion parameters in all")
        return active

    @field_validator("experts_per_token")
    @classmethod
    def _routed_within_experts(cls, routed: int | None, info: ValidationInfo) -> int | None:
        experts = info.data.get("experts")
        if (routed is None) != (experts is None):
            raise ValueError("give both experts and experts_per_token, or neither")
        if routed is not None and experts is not None and routed > experts:
            raise ValueError(f"more than the model's {experts} experts")
        return routed


class Gpu(SourcedRow):
    """A GPU's datasheet figures (dense, not sparse) and its purchase price."""

    id: Slug
    label: str
    memory_gb: Gigabytes
    bandwidth_gbs: Throughput
    bf16_tflops: Throughput  # dense tensor throughput
    int8_tops: Throughput  # dense FP8 where supported, else INT8
    fp8: bool  # native FP8 tensor cores
    # Prompt processing reaches a different share of the datasheet compute on GeForce cards
    # (their FP16 figure is with FP32 accumulation, which llama.cpp does not need).
    family: Literal["datacenter", "geforce"] = "datacenter"
    interconnect: Literal["nvlink", "pcie"] = "pcie"  # between the GPUs of one server
    board_power_w: Watts
    purchase_usd: PurchaseUsd
    # False for a card a business cannot buy (the A10G exists only in AWS's servers): it is
    # then only ever rented.
    for_sale: bool = True
    max_per_server: Annotated[int, Field(gt=0, le=1024)] = 8
    price_source: Annotated[str, StringConstraints(min_length=3)]
    price_as_of: date


class GpuCloudPrice(SourcedRow):
    """An on-demand hourly price for one GPU at one cloud provider."""

    gpu: Slug
    provider: str  # the exact offer (instance type, location), for advisors
    # Who rents it out, as an owner knows the name ("Amazon Web Services"): what the option's
    # name shows, with the region. Empty in a row that does not say (the offer is shown).
    company: str = ""
    region: Region
    hourly_usd: Annotated[float, Field(gt=0, le=10_000, allow_inf_nan=False)]  # per GPU


class LocalMachine(SourcedRow):
    """A CPU or unified-memory machine an SME could buy and run a quantised model on."""

    id: Slug
    label: str
    kind: Literal["mini_pc", "workstation", "server", "unified"]
    memory_gb: Gigabytes  # memory usable for the model (RAM or unified memory)
    bandwidth_gbs: Throughput
    tflops: Throughput  # dense FP16/INT8 compute usable for prompt processing
    # What processes prompts: the CPU cores, an Apple GPU through Metal, or another
    # integrated GPU (Vulkan, CUDA) sharing the memory.
    family: Literal["cpu", "apple", "unified"] = "cpu"
    power_w: Watts  # under load
    idle_power_w: Annotated[float, Field(ge=0, le=1e6, allow_inf_nan=False)]
    purchase_usd: PurchaseUsd


class ElectricityPrice(SourcedRow):
    """Electricity price for non-household consumers, taxes included where the source says so."""

    country: CountryCode
    price_per_kwh: LocalPrice
    currency: CurrencyCode


class CurrencyRate(SourcedRow):
    """How many units of ``code`` one euro buys (ECB reference-rate convention)."""

    code: CurrencyCode
    per_eur: Annotated[float, Field(ge=1e-6, le=1e6, allow_inf_nan=False)]


class StaffRate(SourcedRow):
    """An hourly rate for one role in one country."""

    country: CountryCode
    role: Literal["internal_admin", "external_it_service", "ml_engineer"]
    hourly_rate: LocalPrice
    currency: CurrencyCode


class LanguageFactor(SourcedRow):
    """Tokens per word of running text in a language (tokeniser of current frontier models)."""

    code: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
    tokens_per_word: Annotated[float, Field(ge=0.1, le=100, allow_inf_nan=False)]
    words_per_page: Annotated[float, Field(ge=1, le=100_000, allow_inf_nan=False)] = 500.0


class Assumption(SourcedRow):
    """A named figure the engine rests on (effort hours, buffer, savings ranges, PUE...)."""

    id: Slug
    value: float
    low: Annotated[float, Field(allow_inf_nan=False)] | None = None
    high: Annotated[float, Field(allow_inf_nan=False)] | None = None
    unit: str
    description: str

    @field_validator("value")
    @classmethod
    def _within_the_engines_range(cls, value: float, info: ValidationInfo) -> float:
        allowed = ASSUMPTION_RANGES.get(str(info.data.get("id")), ANY_FINITE)
        problem = allowed.problem(value)
        if problem:
            raise ValueError(problem)
        return value


class Subscription(SourcedRow):
    """An assistant people use themselves, bought per seat (ChatGPT Business, Copilot...).

    It suits assisted work only (staff drafting and reading, not a system answering on its
    own). Prices are per seat per month, without VAT, in ``currency``; a plan billed only
    yearly has no monthly-billing price.
    """

    id: Slug
    label: str
    provider: str
    plan: str  # the product, as the provider names it
    monthly_billing_per_seat: SeatPrice | None = None  # month to month, cancel any month
    # A month's share of a year's commitment; checked even when left out (one price is needed).
    annual_billing_per_seat: SeatPrice | None = Field(default=None, validate_default=True)
    currency: CurrencyCode
    min_seats: Annotated[int, Field(ge=1, le=100_000)] = 1
    max_seats: Annotated[int, Field(ge=1, le=10_000_000)] | None = None
    data_region: Region  # where the provider stores and processes customer content
    trains_on_data: bool  # whether conversations improve the provider's models by default
    tier: Tier
    works_in: str = ""  # where people use it: apps and web pages, by their names
    notes: str = ""

    @field_validator("annual_billing_per_seat")
    @classmethod
    def _some_price(cls, annual: float | None, info: ValidationInfo) -> float | None:
        if annual is None and info.data.get("monthly_billing_per_seat") is None:
            raise ValueError("a monthly or an annual price per seat is needed")
        return annual

    @field_validator("max_seats")
    @classmethod
    def _at_least_the_minimum(cls, most: int | None, info: ValidationInfo) -> int | None:
        least = info.data.get("min_seats")
        if most is not None and least is not None and most < least:
            raise ValueError(f"fewer than the minimum of {least} seats")
        return most


class Measurement(SourcedRow):
    """A published throughput measurement used to calibrate and test the throughput model."""

    id: Slug
    model: Slug  # open model id
    hardware: Slug  # gpu or local machine id
    count: Annotated[int, Field(gt=0, le=1024)] = 1
    quant: Literal["fp16", "fp8", "int8", "int4"]
    engine: str
    metric: Literal[
        "single_stream_tokens_per_s", "max_throughput_tokens_per_s", "prefill_tokens_per_s"
    ]
    value: Annotated[float, Field(gt=0, le=1e9, allow_inf_nan=False)]
    input_tokens: Annotated[int, Field(ge=0, le=10_000_000)] | None = None
    output_tokens: Annotated[int, Field(ge=0, le=10_000_000)] | None = None
    # The most requests the run's engine decoded at once, where it differs from the serving
    # configuration the planner assumes (max_batch_sequences); None: that configuration.
    max_batch: Annotated[int, Field(gt=0, le=1_000_000)] | None = None
    notes: str = ""
