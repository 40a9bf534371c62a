"""Each calibration factor is the value its published measurements imply (calibration.py).

The factors in data/calibration.toml are refitted here from data/measurements.toml: a
factor whose value drifted from its measurements, or a measurement row added without
refitting, fails with the value the rows now imply.
"""

from __future__ import annotations

import pytest

from planner.engine.calibration import FITS, Fit, fit_all, fit_rows, median_ratio
from planner.rates import load_rates, with_overrides

RATES = load_rates()
FITTED = fit_all(RATES, passes=1)
TOLERANCE = 0.02  # the fit rounds to three significant figures

# Measurements each factor rests on, at least: the families and counts the issue names.
LEAST_ROWS = {
    "gpu_moe_efficiency": 8,  # gpt-oss on vLLM and Mixtral on TensorRT-LLM
    "parallel_nvlink_2": 5,
    "parallel_nvlink_4": 5,
    "parallel_nvlink_8": 4,
    "apple_prefill_efficiency": 4,
    "geforce_prefill_efficiency": 4,
}


@pytest.mark.parametrize("factor", [fit.factor for fit in FITS])
def test_the_bundled_factor_is_the_value_its_measurements_imply(factor: str) -> None:
    bundled = RATES.assumption(factor)
    assert bundled == pytest.approx(FITTED[factor], rel=TOLERANCE), (
        f"{factor}: measurements imply {FITTED[factor]}, calibration.toml has {bundled}"
    )


@pytest.mark.parametrize("fit", FITS, ids=[fit.factor for fit in FITS])
def test_every_factor_is_fitted_on_published_rows(fit: Fit) -> None:
    rows = fit_rows(RATES, fit)
    assert len(rows) >= LEAST_ROWS.get(fit.factor, 1)
    assert all("https://" in row.source for row in rows)


@pytest.mark.parametrize("fit", FITS, ids=[fit.factor for fit in FITS])
def test_at_the_fitted_value_the_median_prediction_meets_the_measurements(fit: Fit) -> None:
    rows = fit_rows(RATES, fit)
    ratio = median_ratio(RATES, rows)
    at_the_top = RATES.assumption(fit.factor) == 1.0
    assert 0.97 <= ratio <= 1.03 or (at_the_top and ratio < 1.0)


def test_a_factor_set_away_from_its_fit_is_noticed() -> None:
    moved = with_overrides(RATES, {"calibration": {"gpu_moe_efficiency": {"value": 0.9}}})
    moe = next(fit for fit in FITS if fit.factor == "gpu_moe_efficiency")
    assert median_ratio(moved, fit_rows(moved, moe)) > 1.3
