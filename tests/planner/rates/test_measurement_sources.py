"""Measurements and the factors fitted on them cite what a reader can follow (issue 11)."""

from __future__ import annotations

import re

import pytest

from planner.engine.calibration import FITS, Fit, fit_rows
from planner.rates import load_rates
from planner.words.sources import cite, internal_notes

RATES = load_rates()
URL = re.compile(r"https?://\S+")


@pytest.mark.parametrize("fit", FITS, ids=[fit.factor for fit in FITS])
def test_a_fitted_factor_links_every_publication_its_measurements_come_from(fit: Fit) -> None:
    source = RATES.assumption_row(fit.factor).source
    cited = set(URL.findall(source))
    needed = {url for row in fit_rows(RATES, fit) for url in URL.findall(row.source)}
    assert needed and needed <= cited, f"{fit.factor} does not link {sorted(needed - cited)}"
    assert internal_notes(cite(source)) == []


def test_tensorrt_llm_rows_record_the_batch_cap_trtllm_bench_builds_with() -> None:
    # TensorRT-LLM v0.17 perf-overview engines come from `trtllm-bench build --dataset`,
    # which caps max_batch_size at 4,096 (bench/build/tuning.py); 2,048 is trtllm-build's.
    rows = [row for row in RATES.measurements if row.engine.startswith("TensorRT-LLM")]
    assert rows
    assert {row.max_batch for row in rows} == {4096}


def test_a_qwen_mixture_of_experts_model_is_measured_at_its_stated_concurrency() -> None:
    # vLLM pull request #23151: Qwen3-30B-A3B on one H100, at most 10 requests at once.
    row = next(r for r in RATES.measurements if r.model == "qwen3-30b-a3b")
    model = RATES.open_model(row.model)
    assert (model.experts, model.experts_per_token) == (128, 8)
    assert model.params_active_b < model.params_total_b / 5
    assert (row.value, row.max_batch, row.count) == (739.79, 10, 1)
    assert "github.com/vllm-project/vllm/pull/23151" in row.source
