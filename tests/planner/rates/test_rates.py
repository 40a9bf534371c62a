"""The bundled rate tables: complete, sourced, dated and validated with useful errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from planner.rates import RateTableError, load_rates
from planner.rates.api_prices import _model_info
from planner.rates.loader import TABLE_SCHEMAS, parse_table

RATES = load_rates()


@pytest.mark.parametrize("table", list(TABLE_SCHEMAS))
def test_every_row_has_a_source_and_a_date(table: str) -> None:
    rows = RATES.table(table)
    assert rows
    for row in rows:
        assert len(row.source) >= 3  # type: ignore[attr-defined]
        assert date(2000, 1, 1) <= row.as_of <= date(2027, 12, 31)  # type: ignore[attr-defined]


def test_the_api_shortlist_covers_the_vendors_an_sme_considers() -> None:
    current = [m for m in RATES.api_models if not m.legacy]
    assert len(current) >= 25
    assert {"openai", "anthropic", "google", "mistral", "deepseek", "ovhcloud"} <= {
        m.provider for m in current
    }
    assert any(m.region == "eu" for m in current)


def test_the_seed_articles_legacy_models_are_there_and_flagged() -> None:
    legacy = {m.model for m in RATES.api_models if m.legacy}
    assert {"gpt-3.5-turbo", "gpt-4", "claude-instant-1.2", "claude-2"} <= legacy


@pytest.mark.parametrize(
    "model", [m for m in RATES.api_models if m.input_mtok_usd_override is None], ids=lambda m: m.id
)
def test_every_api_model_is_priced_by_genai_prices(model) -> None:  # type: ignore[no-untyped-def]
    provider, info = _model_info(model.provider, model.model)
    assert provider.id == model.provider
    assert info is not None


def test_required_hardware_and_models_are_present() -> None:
    gpus = {g.id for g in RATES.gpus}
    assert {
        "t4",
        "l4",
        "a10g",
        "l40s",
        "a100-40gb",
        "a100-80gb",
        "h100-sxm",
        "h100-pcie",
        "h200",
        "rtx-4090",
        "rtx-5090",
    } <= gpus
    models = {m.id for m in RATES.open_models}
    assert {
        "mistral-7b",
        "llama-2-7b",
        "llama-2-13b",
        "llama-2-70b",
        "llama-3.1-8b",
        "llama-3.1-70b",
        "qwen-2.5-7b",
        "qwen-2.5-14b",
        "qwen-2.5-32b",
        "qwen-2.5-72b",
        "mixtral-8x7b",
        "gemma-2-9b",
        "phi-4",
        "gpt-oss-20b",
        "gpt-oss-120b",
    } <= models
    kinds = {m.kind for m in RATES.local_machines}
    assert {"mini_pc", "workstation", "server", "unified"} <= kinds


def test_every_cloud_price_and_measurement_names_known_hardware() -> None:
    gpus = {g.id for g in RATES.gpus}
    machines = {m.id for m in RATES.local_machines}
    assert {row.gpu for row in RATES.gpu_cloud_prices} <= gpus
    assert {row.hardware for row in RATES.measurements} <= gpus | machines
    assert {row.model for row in RATES.measurements} <= {m.id for m in RATES.open_models}


def test_context_tables_cover_the_first_markets() -> None:
    assert {"PL", "DE", "NO", "UA", "EU", "US"} <= {r.country for r in RATES.electricity}
    assert {"USD", "EUR", "PLN", "UAH", "NOK", "GBP"} <= {r.code for r in RATES.currencies}
    roles = {(r.country, r.role) for r in RATES.staff_rates}
    for role in ("internal_admin", "external_it_service", "ml_engineer"):
        assert ("PL", role) in roles and ("EU", role) in roles


def test_gpu_figures_are_dense_not_sparse() -> None:
    # The H100 SXM datasheet says 1,979 TFLOPS BF16 *with sparsity*; dense is half of that.
    assert RATES.gpu("h100-sxm").bf16_tflops == pytest.approx(989, rel=0.02)


def test_a_broken_row_names_the_file_the_row_and_the_field(tmp_path: Path) -> None:
    text = (Path(__file__).parents[3] / "planner/data/gpus.toml").read_text(encoding="utf-8")
    broken = text.replace("memory_gb = 24\n", "memory_gb = -24\n", 1)
    (tmp_path / "gpus.toml").write_text(broken, encoding="utf-8")
    with pytest.raises(RateTableError) as error:
        load_rates(tmp_path)
    message = str(error.value)
    assert "gpus.toml" in message and "row " in message and "'memory_gb'" in message


def test_a_file_that_is_not_toml_is_reported() -> None:
    with pytest.raises(RateTableError, match="not valid TOML"):
        parse_table("gpus", "[[rows]\nid =", "gpus.toml")


def test_duplicate_ids_are_rejected() -> None:
    row = 'id = "x"\nlabel = "X"\nmodel = "m"\nhardware = "h"\nquant = "fp16"\nengine = "e"\n'
    row += 'metric = "prefill_tokens_per_s"\nvalue = 1\nsource = "somewhere"\nas_of = 2025-01-01\n'
    text = f"[[rows]]\n{row}\n[[rows]]\n{row}"
    with pytest.raises(RateTableError, match="duplicate id"):
        parse_table("measurements", text.replace('label = "X"\n', ""), "measurements.toml")
