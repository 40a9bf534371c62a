"""Pydantic models of the bundled rate tables.

Every row of every table carries ``source`` (a URL or a document name) and
``as_of`` (the date the figure was read or published). The loader validates each
file once, on first use, and names the file, the row and the field of any error.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$")]
Tier = Literal["basic", "standard", "high", "frontier"]
Region = Literal["eu", "us", "global"]
CurrencyCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
CountryCode = Annotated[str, StringConstraints(pattern=r"^([A-Z]{2}|EU)$")]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]

TIER_ORDER: dict[str, int] = {"basic": 0, "standard": 1, "high": 2, "frontier": 3}


class SourcedRow(BaseModel):
    """A row with the provenance every figure must carry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source: Annotated[str, StringConstraints(min_length=3)]
    as_of: date


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
    input_mtok_usd_override: NonNegative | None = None
    output_mtok_usd_override: NonNegative | None = None
    cache_read_mtok_usd_override: NonNegative | None = None
    notes: str = ""


class OpenModel(SourcedRow):
    """An open-weights model that can be self-hosted."""

    id: Slug
    label: str
    params_total_b: Positive
    params_active_b: Positive
    layers: Annotated[int, Field(gt=0)]
    hidden_size: Annotated[int, Field(gt=0)]
    attention_heads: Annotated[int, Field(gt=0)]
    kv_heads: Annotated[int, Field(gt=0)]
    head_dim: Annotated[int, Field(gt=0)]
    context_length: Annotated[int, Field(gt=0)]
    licence: str
    tier: Tier


class Gpu(SourcedRow):
    """A GPU's datasheet figures (dense, not sparse) and its purchase price."""

    id: Slug
    label: str
    memory_gb: Positive
    bandwidth_gbs: Positive
    bf16_tflops: Positive  # dense tensor throughput
    int8_tops: Positive  # dense FP8 where supported, else INT8
    fp8: bool  # native FP8 tensor cores
    board_power_w: Positive
    purchase_usd: Positive
    max_per_server: Annotated[int, Field(gt=0)] = 8
    price_source: Annotated[str, StringConstraints(min_length=3)]
    price_as_of: date


class GpuCloudPrice(SourcedRow):
    """An on-demand hourly price for one GPU at one cloud provider."""

    gpu: Slug
    provider: str
    region: Region
    hourly_usd: Positive  # per GPU


class LocalMachine(SourcedRow):
    """A CPU or unified-memory machine an SME could buy and run a quantised model on."""

    id: Slug
    label: str
    kind: Literal["mini_pc", "workstation", "server", "unified"]
    memory_gb: Positive  # memory usable for the model (RAM or unified memory)
    bandwidth_gbs: Positive
    tflops: Positive  # dense FP16/INT8 compute usable for prompt processing
    power_w: Positive  # under load
    idle_power_w: NonNegative
    purchase_usd: Positive


class ElectricityPrice(SourcedRow):
    """Electricity price for non-household consumers, taxes included where the source says so."""

    country: CountryCode
    price_per_kwh: Positive
    currency: CurrencyCode


class CurrencyRate(SourcedRow):
    """How many units of ``code`` one euro buys (ECB reference-rate convention)."""

    code: CurrencyCode
    per_eur: Positive


class StaffRate(SourcedRow):
    """An hourly rate for one role in one country."""

    country: CountryCode
    role: Literal["internal_admin", "external_it_service", "ml_engineer"]
    hourly_rate: Positive
    currency: CurrencyCode


class LanguageFactor(SourcedRow):
    """Tokens per word of running text in a language (tokeniser of current frontier models)."""

    code: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
    tokens_per_word: Positive
    words_per_page: Positive = 500.0


class Assumption(SourcedRow):
    """A named figure the engine rests on (effort hours, buffer, savings ranges, PUE...)."""

    id: Slug
    value: float
    low: float | None = None
    high: float | None = None
    unit: str
    description: str


class Measurement(SourcedRow):
    """A published throughput measurement used to calibrate and test the throughput model."""

    id: Slug
    model: Slug  # open model id
    hardware: Slug  # gpu or local machine id
    count: Annotated[int, Field(gt=0)] = 1
    quant: Literal["fp16", "fp8", "int8", "int4"]
    engine: str
    metric: Literal[
        "single_stream_tokens_per_s", "max_throughput_tokens_per_s", "prefill_tokens_per_s"
    ]
    value: Positive
    input_tokens: int | None = None
    output_tokens: int | None = None
    notes: str = ""
