"""Rate values are checked where they enter, and the tables are checked together
(issue 8, items 6 and 9): a bundled or ``--rates-dir`` file, a plan's ``rate_overrides``
and the user's own changes are all refused naming the file, the row and the field."""

from __future__ import annotations

import math
from datetime import date, timedelta
from pathlib import Path

import pytest

from planner.cli.main import run
from planner.engine.estimate import estimate
from planner.model.plan import Plan
from planner.model.planfile import PlanError
from planner.rates import RateTableError, load_rates, row_key, with_overrides
from planner.rates.plan_rates import open_plan

ROOT = Path(__file__).parents[3]
DATA = ROOT / "planner" / "data"
TEMPLATE = ROOT / "templates" / "customer_email.json"
RATES = load_rates()

NOT_A_FACTOR = [float("nan"), float("inf"), 1e308, 0, -1]


@pytest.mark.parametrize(
    ("table", "row", "field", "value"),
    [
        # 1e308 and the smallest float were accepted: a budget of inf, or a division by ~0
        ("gpus", "l4", "purchase_usd", 1e308),
        ("gpus", "l4", "bandwidth_gbs", 5e-324),
        ("gpu_cloud_prices", row_key(RATES.gpu_cloud_prices[0]), "hourly_usd", 1e308),
        ("local_machines", "office-mini-pc", "tflops", 5e-324),
        ("electricity", "PL", "price_per_kwh", 1e308),
        ("currencies", "USD", "per_eur", 1e-300),
        ("currencies", "PLN", "per_eur", 1e300),
        ("staff_rates", "PL/ml_engineer", "hourly_rate", 1e308),
        ("languages", "pl", "tokens_per_word", 5e-324),
        ("open_models", "llama-3.1-8b", "params_total_b", 5e-324),
        ("api_models", "openai-gpt-4o", "input_mtok_usd_override", 1001),
        ("api_models", "openai-gpt-4o", "output_mtok_usd_override", 1e308),
        # an assumption or calibration factor took any float at all
        *[("assumptions", "amortisation_months", "value", v) for v in NOT_A_FACTOR],
        *[("assumptions", "pue", "value", v) for v in NOT_A_FACTOR],
        *[("calibration", "gpu_bandwidth_efficiency", "value", v) for v in NOT_A_FACTOR],
        ("calibration", "cpu_prefill_efficiency", "value", 5e-324),
        ("assumptions", "default_routing_share", "value", 1.5),
    ],
)
def test_a_rate_that_cannot_be_real_is_refused_naming_table_row_and_field(
    table: str, row: str, field: str, value: float
) -> None:
    with pytest.raises(RateTableError) as refused:
        with_overrides(RATES, {table: {row: {field: value}}}, "plan rate_overrides")
    message = str(refused.value)
    assert f"plan rate_overrides: {table}, row" in message and repr(field) in message
    assert "\n" not in message


def test_the_largest_sane_rates_still_give_a_finite_budget() -> None:
    """Every bound at its most expensive end: the budget is large, never infinite."""
    overrides = {
        "api_models": {
            row.id: {"input_mtok_usd_override": 1000, "output_mtok_usd_override": 1000}
            for row in RATES.api_models
        },
        "currencies": {"USD": {"per_eur": 1e-6}, "PLN": {"per_eur": 1e6}},
        "gpus": {row.id: {"bandwidth_gbs": 0.001, "purchase_usd": 1e8} for row in RATES.gpus},
        "assumptions": {"amortisation_months": {"value": 1}},
    }
    plan = Plan.model_validate(
        {
            "workload": {
                "requests_per_day": 10_000_000,
                "input_tokens": 2_000_000,
                "growth_pct_per_month": 100,
            },
            "horizon_months": 120,
            "currency": "PLN",
            "rate_overrides": overrides,
        }
    )
    result = estimate(plan, RATES)
    assert all(math.isfinite(o.horizon_cost) for o in result.options)


@pytest.mark.parametrize(
    ("table", "row", "field", "value"),
    [
        ("gpus", "l4", "id", "t4"),  # onto another id: two rows called t4
        ("gpus", "l4", "id", "l4-new"),  # away: the cloud prices of l4 would name nothing
        ("currencies", "PLN", "code", "USD"),
        ("staff_rates", "PL/ml_engineer", "country", "DE"),
    ],
)
def test_an_override_cannot_rename_a_row(table: str, row: str, field: str, value: str) -> None:
    with pytest.raises(RateTableError, match=f"field '{field}': a change cannot rename a row"):
        with_overrides(RATES, {table: {row: {field: value}}}, "your rate changes")
    same_name = with_overrides(RATES, {table: {row: {field: getattr(_row(table, row), field)}}})
    assert same_name.table(table) == RATES.table(table)  # naming a row as it is: no change


def _row(table: str, key: str) -> object:
    return next(row for row in RATES.table(table) if row_key(row) == key)


def rates_dir(tmp_path: Path, name: str, text: str | bytes) -> Path:
    folder = tmp_path / "rates"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return folder


def bundled(name: str) -> str:
    return (DATA / f"{name}.toml").read_text(encoding="utf-8")


def first_row_changed(name: str, old: str, new: str) -> str:
    text = bundled(name)
    assert old in text
    return text.replace(old, new, 1)


def row_added(name: str, row: str) -> str:
    return bundled(name) + "\n[[rows]]\n" + row


FUTURE = (date.today() + timedelta(days=400)).isoformat()
NEXT_MONTH = (date.today() + timedelta(days=30)).isoformat()
SOURCE = 'source = "test row"\nas_of = 2025-01-01\n'

BROKEN_TABLES = {
    "duplicate id": (
        "gpus",
        row_added("gpus", bundled("gpus").split("[[rows]]")[1]),
        ["gpus.toml", "row 15", "'id'", "duplicate id 't4'", "also row 1"],
    ),
    "duplicate currency": (
        "currencies",
        row_added("currencies", f'code = "PLN"\nper_eur = 4.3\n{SOURCE}'),
        ["currencies.toml", "row 10", "'code'", "duplicate code 'PLN'"],
    ),
    "duplicate staff rate": (
        "staff_rates",
        row_added(
            "staff_rates",
            f'country = "PL"\nrole = "ml_engineer"\nhourly_rate = 1\ncurrency = "PLN"\n{SOURCE}',
        ),
        ["staff_rates.toml", "a second row for 'PL/ml_engineer'"],
    ),
    "cloud price of a missing GPU": (
        "gpu_cloud_prices",
        first_row_changed("gpu_cloud_prices", 'gpu = "t4"', 'gpu = "t5"'),
        ["gpu_cloud_prices.toml", "row 1", "'gpu'", "no GPU 't5' in gpus.toml"],
    ),
    "measurement of a missing model": (
        "measurements",
        first_row_changed("measurements", 'model = "llama-3.1-8b"', 'model = "llama-9"'),
        ["measurements.toml", "row 1", "'model'", "no open model 'llama-9' in open_models.toml"],
    ),
    "measurement on missing hardware": (
        "measurements",
        first_row_changed("measurements", 'hardware = "h100-sxm"', 'hardware = "h999"'),
        ["measurements.toml", "'hardware'", "'h999'", "gpus.toml or local_machines.toml"],
    ),
    "staff rate in a missing currency": (
        "staff_rates",
        first_row_changed("staff_rates", 'currency = "USD"', 'currency = "XYZ"'),
        ["staff_rates.toml", "row 1", "'currency'", "no currency 'XYZ' in currencies.toml"],
    ),
    "electricity in a missing currency": (
        "electricity",
        first_row_changed("electricity", 'currency = "EUR"', 'currency = "XYZ"'),
        ["electricity.toml", "'currency'", "'XYZ'"],
    ),
    "no US dollar": (
        "currencies",
        bundled("currencies").replace('code = "USD"', 'code = "USX"'),
        ["currencies.toml", "no row for USD"],
    ),
    "a euro is not a euro": (
        "currencies",
        first_row_changed("currencies", "per_eur = 1.0", "per_eur = 2.0"),
        ["currencies.toml", "row 1 ('EUR')", "'per_eur'"],
    ),
    "as_of far in the future": (
        "gpus",
        first_row_changed("gpus", "as_of = 20", f"as_of = {FUTURE}\n# was 20"),
        ["gpus.toml", "row 1 (id 't4')", "'as_of'", "more than a year from today"],
    ),
    "price_as_of far in the future": (
        "gpus",
        first_row_changed("gpus", "price_as_of = 20", f"price_as_of = {FUTURE}\n# was 20"),
        ["gpus.toml", "row 1", "'price_as_of'"],
    ),
    "not UTF-8": (
        "gpus",
        ("# Caf\xe9 prices\n" + bundled("gpus")).encode("latin-1"),
        ["gpus.toml", "not UTF-8", "line 1"],
    ),
    "nested too deeply": ("gpus", "x = " + "[" * 5000 + "]" * 5000, ["gpus.toml", "nested"]),
    "an integer of 5,000 digits": (
        "gpus",
        first_row_changed("gpus", "memory_gb = 16", "memory_gb = " + "9" * 5000),
        ["gpus.toml", "too many digits"],
    ),
    "a missing assumption": (
        "assumptions",
        bundled("assumptions").replace('id = "pue"', 'id = "pue-old"'),
        ["assumptions.toml", "no row 'pue'"],
    ),
    "zero amortisation": (
        "assumptions",
        bundled("assumptions").replace("value = 36\n", "value = 0\n", 1),
        ["assumptions.toml", "'amortisation_months'", "'value'", "between 1 and 600"],
    ),
    "zero calibration factor": (
        "calibration",
        first_row_changed("calibration", "value = 0.567", "value = 0"),
        ["calibration.toml", "row 1 (id 'gpu_bandwidth_efficiency')", "'value'"],
    ),
    "infinite assumption": (
        "assumptions",
        bundled("assumptions").replace("value = 1.56", "value = inf", 1),
        ["assumptions.toml", "'pue'", "finite"],
    ),
}


@pytest.mark.parametrize("case", list(BROKEN_TABLES))
def test_a_broken_rate_table_is_refused_naming_file_row_and_field(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, text, expected = BROKEN_TABLES[case]
    folder = rates_dir(tmp_path, name, text)
    status = run(["--rates-dir", str(folder), "estimate", str(TEMPLATE), "--json"])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and str(folder / f"{name}.toml") in err, err
    for part in expected:
        assert part in err, err


def test_a_date_within_the_next_year_is_accepted_and_one_beyond_it_refused(
    tmp_path: Path,
) -> None:
    text = first_row_changed("gpus", "as_of = 20", f"as_of = {NEXT_MONTH}\n# was 20")
    assert load_rates(rates_dir(tmp_path, "gpus", text)).gpus[0].as_of.isoformat() == NEXT_MONTH
    text = first_row_changed("gpus", "as_of = 20", f"as_of = {FUTURE}\n# was 20")
    with pytest.raises(RateTableError, match="more than a year from today"):
        load_rates(rates_dir(tmp_path, "gpus", text))


def test_a_missing_rates_folder_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    status = run(["--rates-dir", "/no/such/folder", "rates"])
    assert status == 2 and "/no/such/folder" in capsys.readouterr().err


BAD_PLAN_OVERRIDES = {
    "missing row": ('{"gpus": {"no-such-gpu": {"purchase_usd": 1}}}', "no row 'no-such-gpu'"),
    "negative": ('{"gpus": {"l4": {"purchase_usd": -5}}}', "'purchase_usd'"),
    "zero period": ('{"assumptions": {"amortisation_months": {"value": 0}}}', "'value'"),
    "rename": ('{"gpus": {"l4": {"id": "t4"}}}', "cannot rename"),
    "unknown table": ('{"gpu": {"l4": {"purchase_usd": 1}}}', "unknown table 'gpu'"),
}


@pytest.mark.parametrize("case", list(BAD_PLAN_OVERRIDES))
def test_a_plan_with_bad_rate_overrides_is_refused_on_open_as_the_cli_refuses_it(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    overrides, expected = BAD_PLAN_OVERRIDES[case]
    path = tmp_path / "plan.llmplan"
    path.write_text(f'{{"rate_overrides": {overrides}}}', encoding="utf-8")
    with pytest.raises(PlanError) as refused:
        open_plan(path, RATES)
    message = str(refused.value)
    assert message.startswith(f"{path}: plan rate_overrides: ") and expected in message
    assert run(["estimate", str(path)]) == 2
    assert capsys.readouterr().err == f"error: {message}\n"


def test_a_plan_in_a_currency_without_a_rate_is_refused_on_open(tmp_path: Path) -> None:
    path = tmp_path / "plan.llmplan"
    path.write_text('{"currency": "XYZ"}', encoding="utf-8")
    with pytest.raises(PlanError, match=r"plan.llmplan: currency: unknown currency 'XYZ'"):
        open_plan(path, RATES)
