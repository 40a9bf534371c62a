"""Column titles of the rate tables, in words a reader of the rates editor understands."""

from __future__ import annotations

from planner.words.i18n import N_, _

TITLES = {
    "as_of": N_("As of"),
    "attention_heads": N_("Attention heads"),
    "bandwidth_gbs": N_("Memory bandwidth (GB/s)"),
    "batch_discount_pct": N_("Batch discount (%)"),
    "bf16_tflops": N_("Compute, BF16 (TFLOPS)"),
    "board_power_w": N_("Power at full load (W)"),
    "cache_read_mtok_usd_override": N_("Cached input, USD per million tokens"),
    "code": N_("Code"),
    "company": N_("Company"),
    "context_length": N_("Longest request (tokens)"),
    "count": N_("Count"),
    "country": N_("Country"),
    "currency": N_("Currency"),
    "description": N_("Description"),
    "engine": N_("Serving software"),
    "eu_endpoint": N_("Servers in the EU"),
    "fp8": N_("8-bit support"),
    "gpu": N_("Graphics card"),
    "hardware": N_("Hardware"),
    "head_dim": N_("Head size"),
    "hidden_size": N_("Hidden size"),
    "high": N_("High"),
    "hourly_rate": N_("Hourly rate"),
    "hourly_usd": N_("USD an hour"),
    "id": N_("Identifier"),
    "idle_power_w": N_("Power when idle (W)"),
    "input_mtok_usd_override": N_("Input, USD per million tokens"),
    "input_tokens": N_("Input tokens"),
    "int8_tops": N_("Compute, INT8 (TOPS)"),
    "kind": N_("Kind"),
    "kv_heads": N_("Key/value heads"),
    "label": N_("Name"),
    "layers": N_("Layers"),
    "legacy": N_("Older model"),
    "licence": N_("Licence"),
    "low": N_("Low"),
    "max_per_server": N_("Most per server"),
    "memory_gb": N_("Memory (GB)"),
    "metric": N_("Measured"),
    "model": N_("Model"),
    "notes": N_("Notes"),
    "output_mtok_usd_override": N_("Output, USD per million tokens"),
    "output_tokens": N_("Output tokens"),
    "params_active_b": N_("Active parameters (billions)"),
    "params_total_b": N_("Parameters (billions)"),
    "per_eur": N_("Per euro"),
    "power_w": N_("Power (W)"),
    "price_as_of": N_("Price as of"),
    "price_per_kwh": N_("Price per kWh"),
    "price_source": N_("Price source"),
    "provider": N_("Provider"),
    "purchase_usd": N_("Purchase price (USD)"),
    "quant": N_("Number format"),
    "region": N_("Region"),
    "role": N_("Role"),
    "source": N_("Source"),
    "tflops": N_("Compute (TFLOPS)"),
    "tier": N_("Tier"),
    "tokens_per_word": N_("Tokens per word"),
    "unit": N_("Unit"),
    "value": N_("Value"),
    "words_per_page": N_("Words per page"),
    "plan": N_("Plan"),
    "monthly_billing_per_seat": N_("A seat a month, billed monthly"),
    "annual_billing_per_seat": N_("A seat a month, billed yearly"),
    "min_seats": N_("Fewest seats"),
    "max_seats": N_("Most seats"),
    "data_region": N_("Where the data is kept"),
    "trains_on_data": N_("Trains on your data"),
    "works_in": N_("Where people use it"),
}


def field_title(name: str) -> str:
    """The title of a rate-table field in the language in use; a field not listed reads as
    its name in words."""
    title = TITLES.get(name)
    return _(title) if title else name.replace("_", " ").capitalize()


def table_title(name: str) -> str:
    """A rate table's name in the language in use."""
    titles = {
        "api_models": _("AI services (API models)"),
        "open_models": _("Open models"),
        "gpus": _("Graphics cards (GPUs)"),
        "gpu_cloud_prices": _("GPU rental prices"),
        "local_machines": _("Local computers"),
        "electricity": _("Electricity prices"),
        "currencies": _("Exchange rates"),
        "staff_rates": _("Staff rates"),
        "languages": _("Languages"),
        "assumptions": _("Rules of thumb"),
        "calibration": _("Speed calibration"),
        "measurements": _("Speed measurements"),
        "subscriptions": _("Assistants per seat"),
    }
    return titles.get(name, name)
