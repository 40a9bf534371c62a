"""``capacity --input-tokens --output-tokens``: the figures the costing uses for one replica."""

from __future__ import annotations

import json

import pytest

from planner.cli.main import run as main
from planner.engine.estimate import estimate
from planner.engine.volume import tokens_per_call
from planner.model.templates import template
from planner.rates import load_rates

RATES = load_rates()
PLAN = template("support_agent").plan
RESULT = estimate(PLAN, RATES, analysis=False)
IN_CALL, OUT_CALL = tokens_per_call(PLAN)


def capacity(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    status = main(["capacity", *args, "--json"])
    out = capsys.readouterr().out
    return status, json.loads(out) if status == 0 else {}


def self_hosted(kind: str) -> list[tuple[str, str, str, int, str]]:
    """(model, device flag, hardware, count, quant) of the estimate's feasible options."""
    found = []
    for option in RESULT.options:
        if option.kind == kind and option.feasible and option.ownership == "owned":
            flag = "--gpu" if kind == "gpu" else "--cpu"
            count = int(option.details["devices_per_replica"])
            found.append((str(option.model), flag, str(option.hardware), count, str(option.quant)))
    return found[:4]


@pytest.mark.parametrize("option", self_hosted("gpu") + self_hosted("cpu"))
def test_the_full_load_figure_is_the_costings(
    option: tuple[str, str, str, int, str], capsys: pytest.CaptureFixture[str]
) -> None:
    model, flag, hardware, count, quant = option
    args = ["--model", model, flag, hardware, "--quant", quant]
    args += ["--input-tokens", str(IN_CALL), "--output-tokens", str(OUT_CALL)]
    if flag == "--gpu":
        args += ["--count", str(count)]
    status, data = capacity(capsys, *args)
    assert status == 0
    costed = next(
        o
        for o in RESULT.options
        if o.model == model and o.hardware == hardware and o.quant == quant
    )
    assert data["requests_per_s"] == costed.details["requests_per_s_per_replica"]
    assert data["seconds_per_request_alone"] == costed.details["seconds_per_request"]
    assert data["single_stream_tokens_per_s"] == costed.details["tokens_per_s_alone"]
    per_s = float(costed.details["requests_per_s_per_replica"])
    assert data["max_throughput_tokens_per_s"] == pytest.approx(per_s * OUT_CALL, rel=1e-3)


def test_long_prompts_lower_the_full_load_figure_below_decoding_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # TensorRT-LLM v0.17: Llama 3.1 8B FP8 on one H100 gives 3,557 output tokens/s at
    # 2,048 in / 128 out, a sixth of its 21,109 at 128 in / 2,048 out (measurements.toml).
    base = ["--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--quant", "fp8"]
    _, decode_only = capacity(capsys, *base, "--context", "2176")
    _, shaped = capacity(capsys, *base, "--input-tokens", "2048", "--output-tokens", "128")
    assert float(shaped["max_throughput_tokens_per_s"]) < 0.5 * float(
        decode_only["max_throughput_tokens_per_s"]  # type: ignore[arg-type]
    )
    assert 0.6 * 3556.73 < float(shaped["max_throughput_tokens_per_s"]) < 1.4 * 3556.73  # type: ignore[arg-type]


def test_the_shape_adds_the_request_rate_and_the_time_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = ["--model", "llama-3.1-8b", "--gpu", "l4", "--quant", "fp8"]
    _, plain = capacity(capsys, *base)
    _, shaped = capacity(capsys, *base, "--input-tokens", "1000", "--output-tokens", "200")
    assert set(shaped) == set(plain) | {"requests_per_s", "seconds_per_request_alone"}


def test_without_a_shape_the_text_says_which_context_it_assumed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["capacity", "--model", "llama-3.1-8b", "--gpu", "l4"]) == 0
    assert "4096 tokens held per request" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (["--input-tokens", "100"], "give both"),
        (["--output-tokens", "100"], "give both"),
        (["--input-tokens", "100", "--output-tokens", "10", "--context", "500"], "--context"),
        (["--input-tokens", "100", "--output-tokens", "0"], "--output-tokens"),
    ],
)
def test_a_half_given_or_contradictory_shape_is_refused_in_one_line(
    extra: list[str], named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["capacity", "--model", "llama-3.1-8b", "--gpu", "l4", *extra])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and named in err
