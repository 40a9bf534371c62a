"""The command line: documented output shapes, and one-line errors with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli.main import run

ROOT = Path(__file__).parents[3]
TEMPLATE = ROOT / "templates" / "customer_email.json"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = run([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_estimate_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "estimate", TEMPLATE, "--json")
    assert status == 0
    data = json.loads(out)
    assert {"currency", "options", "recommendation", "break_even", "sensitivity"} <= set(data)
    option = data["options"][0]
    for key in (
        "id",
        "kind",
        "label",
        "provider",
        "model",
        "hardware",
        "quant",
        "feasible",
        "excluded_reasons",
        "monthly_cost",
        "one_off_cost",
        "horizon_cost",
        "utilisation",
        "breakdown",
    ):
        assert key in option
    assert {"category", "monthly", "one_off"} == set(option["breakdown"][0])
    api = next(o for o in data["options"] if o["kind"] == "api" and o["model"] == "gpt-4o-mini")
    assert api["provider"] == "openai"
    assert data["recommendation"]["option_id"] in {o["id"] for o in data["options"]}
    assert all(isinstance(r, str) for r in data["recommendation"]["reasons"])


def test_estimate_prints_a_readable_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "estimate", TEMPLATE)
    assert status == 0
    assert "Recommended:" in out and "Horizon" in out and "*" in out


def test_set_overrides_a_plan_value(capsys: pytest.CaptureFixture[str]) -> None:
    _, base, _ = cli(capsys, "estimate", TEMPLATE, "--json")
    _, more, _ = cli(
        capsys, "estimate", TEMPLATE, "--json", "--set", "workload.requests_per_day=1000"
    )
    cost = lambda text: json.loads(text)["options"][0]["monthly_cost"]  # noqa: E731
    assert cost(more) > cost(base)


def test_currency_option_changes_the_budget_currency(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = cli(capsys, "estimate", TEMPLATE, "--json", "--currency", "PLN")
    assert json.loads(out)["currency"] == "PLN"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.llmplan"
    path.write_text(text, encoding="utf-8")
    return path


BAD_PLANS = {
    "negative": ('{"workload": {"requests_per_day": -5}}', "workload.requests_per_day"),
    "zero": ('{"workload": {"requests_per_day": 0}}', "workload.requests_per_day"),
    "absurd": ('{"workload": {"requests_per_day": 1e12}}', "workload.requests_per_day"),
    "nan": ('{"workload": {"input_tokens": NaN}}', "workload.input_tokens"),
    "letters": ('{"workload": {"output_tokens": "many"}}', "workload.output_tokens"),
    "unknown_field": ('{"workload": {"requests_per_week": 5}}', "workload.requests_per_week"),
    "unknown_choice": ('{"needs": {"quality": "excellent"}}', "needs.quality"),
    "malformed": ('{"workload": {', "not valid JSON"),
    "not_an_object": ("[1, 2, 3]", "JSON object"),
}


@pytest.mark.parametrize("case", list(BAD_PLANS))
def test_a_bad_plan_gives_one_line_naming_the_field(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, expected = BAD_PLANS[case]
    status, out, err = cli(capsys, "estimate", write(tmp_path, text))
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and expected in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["estimate", "no-such-file.llmplan"], "no such file"),
        (["estimate", str(TEMPLATE), "--set", "needs.quality=excellent"], "needs.quality"),
        (["estimate", str(TEMPLATE), "--set", "nonsense"], "--set"),
        (["estimate", str(TEMPLATE), "--currency", "XYZ"], "XYZ"),
        (["estimate", str(TEMPLATE), "--lang", "fr"], "--lang"),
        (["capacity", "--model", "no-such-model", "--gpu", "h100-sxm"], "no-such-model"),
        (["capacity", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--count", "0"], "--count"),
        (
            [
                "capacity",
                "--model",
                "llama-3.1-8b",
                "--cpu",
                "office-mini-pc",
                "--bandwidth-gbs",
                "-1",
            ],
            "--bandwidth-gbs",
        ),
        (["capacity", "--model", "llama-3.1-8b"], "--gpu"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_arguments_give_one_line(
    args: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = cli(capsys, *args)
    assert status == 2
    assert err.count("\n") == 1 and expected in err


def test_a_broken_rate_file_is_reported_and_nothing_is_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundled = (ROOT / "planner/data/electricity.toml").read_text(encoding="utf-8")
    broken = bundled.replace("price_per_kwh = ", "price_per_kwh = -", 1)
    (tmp_path / "electricity.toml").write_text(broken, encoding="utf-8")
    plan = write(tmp_path, TEMPLATE.read_text(encoding="utf-8"))
    before = {p: p.read_bytes() for p in tmp_path.iterdir()}
    status, _, err = cli(capsys, "--rates-dir", tmp_path, "estimate", plan)
    assert status == 2
    assert "electricity.toml" in err and "row 1" in err and "price_per_kwh" in err
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert (ROOT / "planner/data/electricity.toml").read_text(encoding="utf-8") == bundled


def test_capacity_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(
        capsys, "capacity", "--model", "llama-3.1-8b", "--gpu", "l4", "--quant", "fp8", "--json"
    )
    assert status == 0
    data = json.loads(out)
    assert set(data) == {
        "fits",
        "weights_gb",
        "kv_cache_gb_per_1k_tokens",
        "max_concurrent_requests",
        "single_stream_tokens_per_s",
        "max_throughput_tokens_per_s",
        "prefill_tokens_per_s",
    }
    assert data["fits"] is True
    # Llama 3.1 8B: 32 layers x 8 KV heads x 128 x 2 (K,V) = 65,536 values a token, one
    # byte each: serving FP8 on an FP8 GPU keeps the cache in FP8 (calibration fp8_kv_cache).
    assert data["kv_cache_gb_per_1k_tokens"] == pytest.approx(0.0655, abs=1e-4)


def test_capacity_overrides_describe_a_machine_not_in_the_tables(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["capacity", "--model", "llama-3.1-8b", "--cpu", "office-mini-pc", "--json"]
    _, base, _ = cli(capsys, *args)
    _, faster, _ = cli(capsys, *args, "--bandwidth-gbs", "400", "--tflops", "40")
    assert (
        json.loads(faster)["single_stream_tokens_per_s"]
        > 3 * json.loads(base)["single_stream_tokens_per_s"]
    )
    assert json.loads(faster)["prefill_tokens_per_s"] > json.loads(base)["prefill_tokens_per_s"]


def test_a_model_too_big_for_the_gpu_does_not_fit(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = cli(capsys, "capacity", "--model", "llama-3.1-70b", "--gpu", "rtx-4090", "--json")
    assert json.loads(out)["fits"] is False


def test_rates_lists_every_table_with_sources(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "rates", "--json")
    data = json.loads(out)
    assert status == 0
    assert {"api_models", "gpus", "electricity", "currencies", "staff_rates", "assumptions"} <= set(
        data
    )
    assert all("source" in row and "as_of" in row for row in data["gpus"]["rows"])


def test_schema_is_the_plans_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "schema")
    schema = json.loads(out)
    assert status == 0 and schema["title"] == "Plan"
    assert "workload" in schema["properties"]


def test_the_estimate_process_never_imports_qt() -> None:
    code = (
        "import sys; from planner.cli.main import run; "
        f"status = run(['estimate', {str(TEMPLATE)!r}, '--json']); "
        "assert status == 0; assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "pl_PL.UTF-8"}, "pl"),
        ({"LANGUAGE": "uk:en"}, "uk"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_default_language_is_the_systems(environ: dict[str, str], expected: str) -> None:
    from planner.words.i18n import system_language

    assert system_language(environ) == expected


def test_a_breakdown_that_adds_up_to_too_many_tokens_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = '{"workload": {"breakdown": {"system_prompt_tokens": 200000, "turns": 30}}}'
    status, _, err = cli(capsys, "estimate", write(tmp_path, plan))
    assert status == 2 and "breakdown" in err and err.count("\n") == 1
