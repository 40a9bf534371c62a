"""The workbook's formulas are a second implementation of the engine: recalculated, every
``monthly_cost_*`` and ``horizon_cost_*`` name equals the engine's figure to the cent.

Every template and a variant for each thing the formulas restate (caches, batch work,
fine-tuning, always-on service, growth, other currencies, price tiers, price changes) is
exported once, all the workbooks are recalculated together (recalc.py), and each case is
compared on its own. Each case first checks that it really exercises what it is there for,
so a change of rates that made a variant moot fails rather than passing quietly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from planner.engine.candidates import all_candidates
from planner.engine.capacity import (
    Quant,
    decode_step_seconds,
    gpu_device,
    machine_device,
    speed_share,
)
from planner.engine.estimate import estimate
from planner.engine.inputs import Inputs
from planner.engine.selfhost import SelfHostedCandidate
from planner.engine.volume import BASE, tokens_per_call
from planner.export.files import export_files
from planner.export.shown import hybrid_parts, option_rows
from planner.export.workbook.common_rows import UPKEEP_KINDS
from planner.export.workbook.writer import option_name
from planner.model.plan import Plan
from planner.model.result import EstimateResult, Option
from planner.model.templates import load_templates, template
from planner.rates import load_rates, with_overrides
from planner.rates.api_prices import PricePeriod, price_periods

from .recalc import recalculated_names, recalculator

RATES = load_rates()
# Before the price changes genai-prices schedules from August 2026 to January 2027, so a
# budget starting here meets them inside its horizon.
START = date(2026, 7, 1)
CENT = 0.005
VARIANT_MONTHS = 12

Premise = Callable[[Plan, EstimateResult], bool]


@dataclass(frozen=True)
class Case:
    plan: Plan
    premise: Premise  # what the case is there to exercise holds for it
    widen: Callable[[EstimateResult], tuple[str, ...]] | None = None  # show these instead


def plan_of(
    template_id: str,
    *,
    workload: dict[str, object] | None = None,
    needs: dict[str, object] | None = None,
    levers: dict[str, object] | None = None,
    **top: object,
) -> Plan:
    """A template's plan starting at START, with changes to its parts."""
    plan = template(template_id).plan
    changes: dict[str, object] = {"start_date": START, **top}
    for part, update in (("workload", workload), ("needs", needs), ("levers", levers)):
        if update:
            changes[part] = getattr(plan, part).model_copy(update=update)
    return plan.model_copy(update=changes)


def variant(template_id: str, **changes: Any) -> Plan:
    """``plan_of`` over a year unless told otherwise: long enough for every price change
    genai-prices schedules after START, and a shorter workbook to recalculate."""
    return plan_of(template_id, **{"horizon_months": VARIANT_MONTHS, **changes})


# --- what a case must exercise ------------------------------------------------------------


def api_parts(result: EstimateResult) -> list[Option]:
    """Every API shown on its own or as a hybrid's part."""
    parts = []
    for option in result.shown:
        if option.kind == "hybrid":
            parts.append(hybrid_parts(option, result)[1])
        elif option.kind == "api":
            parts.append(option)
    return parts


def periods_of(plan: Plan, option: Option) -> list[PricePeriod]:
    inputs = Inputs(plan, with_overrides(RATES, plan.rate_overrides))
    model = option_rows(option, inputs.rates).api
    assert model is not None
    return price_periods(model, [inputs.month_start(m) for m in range(plan.horizon_months)])


def shows(test: Callable[[Option], bool]) -> Premise:
    return lambda plan, result: any(test(option) for option in result.shown)


def price_changes_inside(plan: Plan, result: EstimateResult) -> bool:
    return any(len(periods_of(plan, option)) > 1 for option in api_parts(result))


def tier_applies(plan: Plan, result: EstimateResult) -> bool:
    in_call, _ = tokens_per_call(plan)
    return any(
        any(start < in_call for start, _price in period.input[1])
        for option in api_parts(result)
        for period in periods_of(plan, option)
    )


def cached_tie_priced(plan: Plan, result: EstimateResult) -> bool:
    """The cached tokens of a call are a .5 tie, and a shown API reads cache cheaper."""
    in_call, _ = tokens_per_call(plan)
    share = Inputs(plan, RATES).levers.prompt_cache_share
    tie = (in_call * share) % 1 == 0.5
    cheaper = any(
        period.cache_read[0] < period.input[0]
        for option in api_parts(result)
        for period in periods_of(plan, option)
    )
    return tie and cheaper


def owned_hardware_grows(plan: Plan, result: EstimateResult) -> bool:
    owned = [o for o in result.shown if o.ownership == "owned"]
    return any(o.monthly_series[-1] > o.monthly_series[0] for o in owned)


def owned_hardware_kept(plan: Plan, result: EstimateResult) -> bool:
    """The load falls so far that an owned option needs fewer devices than it has bought."""
    inputs = Inputs(plan, RATES)
    calls = inputs.calls_per_day(BASE)
    owned = {o.id for o in result.shown if o.ownership == "owned" and o.kind != "hybrid"}
    return any(
        candidate.units_for(calls[-1])[0] < candidate.units_for(calls[0])[0]
        for candidate in all_candidates(inputs)[2]
        if candidate.descriptor.id in owned and isinstance(candidate, SelfHostedCandidate)
    )


def outside_minimum_applies(plan: Plan, result: EstimateResult) -> bool:
    """An outside company bills more hours than some kind of option needs."""
    inputs = Inputs(plan, with_overrides(RATES, plan.rate_overrides))
    least = min(inputs.value(f"maintenance_hours_{kind}") for kind in UPKEEP_KINDS)
    external = plan.needs.it_capacity in ("none", "external_provider")
    return external and inputs.value("external_it_min_hours_month") > least


def decoding_compute_bound(plan: Plan, result: EstimateResult) -> bool:
    """Some GPU and some machine shown decode at their compute bound, not their memory's."""
    inputs = Inputs(plan, with_overrides(RATES, plan.rate_overrides))
    in_call, out_call = tokens_per_call(plan)
    bound = set()
    for option in result.shown:
        if option.kind not in ("gpu", "cpu"):
            continue
        rows = option_rows(option, inputs.rates)
        assert rows.open_model is not None and option.quant is not None
        quant: Quant = option.quant  # type: ignore[assignment]
        count = int(option.details["devices_per_replica"])
        if rows.gpu is not None:
            device = gpu_device(rows.gpu, count)
        else:
            assert rows.machine is not None
            device = machine_device(rows.machine, count)
        eff = inputs.efficiency(device)
        batch = int(option.details["max_batch"])
        context = in_call + out_call // 2
        step = decode_step_seconds(rows.open_model, quant, device, eff, batch, context)
        flops = 2 * rows.open_model.params_active_b * 1e9 * batch
        share = speed_share(rows.open_model, device, eff)
        if step == flops / (device.compute_tflops(quant) * 1e12 * eff.decode_compute * share):
            bound.add(option.kind)
    return bound >= {"gpu", "cpu"}


def fine_tuned_hybrid(plan: Plan, result: EstimateResult) -> bool:
    tuned = all(o.one_off_lines.get("fine_tuning", 0) > 0 for o in result.shown)
    return tuned and any(o.kind == "hybrid" for o in result.shown)


def deepseek_priced(plan: Plan, result: EstimateResult) -> bool:
    """A model whose price changes with the time of day is among the options."""
    return any(o.kind == "api" and "deepseek" in o.id for o in result.options)


def off_peak_moves_deepseek(plan: Plan, result: EstimateResult) -> bool:
    """The lever really changes what DeepSeek costs (not only that it is on)."""
    on_peak = plan.model_copy(
        update={"levers": plan.levers.model_copy(update={"off_peak_batch": False})}
    )
    before = {o.id: o.monthly_cost for o in estimate(on_peak, RATES, analysis=False).options}
    moved = [o for o in result.options if o.kind == "api" and "deepseek" in o.id]
    return bool(moved) and all(o.monthly_cost < before[o.id] for o in moved)


def always(plan: Plan, result: EstimateResult) -> bool:
    return bool(result.shown)


def rented_gpu_hybrid(plan: Plan, result: EstimateResult) -> bool:
    hybrids = [o for o in result.shown if o.kind == "hybrid"]
    return any(hybrid_parts(o, result)[0].ownership == "rented" for o in hybrids)


# --- options shown instead of the best of each kind ---------------------------------------


def every_api(result: EstimateResult) -> tuple[str, ...]:
    return tuple(o.id for o in result.options if o.kind == "api")


def one_per_hardware(result: EstimateResult) -> tuple[str, ...]:
    """The first option of every kind, ownership and hardware row (every GPU and machine)."""
    first: dict[tuple[str, str, str | None], str] = {}
    for option in result.options:
        first.setdefault((option.kind, option.ownership, option.hardware), option.id)
    return tuple(first.values())


def _through_the_new_throughput_steps(result: EstimateResult) -> dict[str, list[str]]:
    """Options that exercise each part of the roofline issue 11 added, first ones first."""
    rates = RATES
    groups: dict[str, list[str]] = {"moe_fp8_4": [], "nvlink": [], "apple": [], "unified": []}
    for option in result.options:
        if option.kind not in ("gpu", "cpu"):
            continue
        rows = option_rows(option, rates)
        assert rows.open_model is not None
        devices = int(option.details["devices_per_replica"])
        if rows.open_model.experts and option.quant == "fp8" and devices >= 4:
            groups["moe_fp8_4"].append(option.id)
        if rows.gpu is not None and rows.gpu.interconnect == "nvlink" and devices >= 2:
            groups["nvlink"].append(option.id)
        if rows.machine is not None and rows.machine.family in ("apple", "unified"):
            groups[rows.machine.family].append(option.id)
    return groups


def new_throughput_steps(result: EstimateResult) -> tuple[str, ...]:
    """Two options of each group: a mixture-of-experts model on 4 GPUs with an FP8 cache, a
    replica of NVLink GPUs, an Apple machine and another unified-memory machine."""
    groups = _through_the_new_throughput_steps(result)
    return tuple(option_id for ids in groups.values() for option_id in ids[:2])


def exercises_new_throughput_steps(plan: Plan, result: EstimateResult) -> bool:
    return all(_through_the_new_throughput_steps(result).values())


def cases() -> dict[str, Case]:
    found = {f"template-{t.id}": Case(plan_of(t.id), always) for t in load_templates()}
    found |= {
        "prompt-cache-tie": Case(
            variant(
                "customer_email",
                workload={"input_tokens": 1001},
                levers={"prompt_cache_share": 0.5},
            ),
            cached_tie_priced,
        ),
        "semantic-cache": Case(
            variant("support_agent", levers={"semantic_cache_hit_rate": 0.35}), always
        ),
        "batch-business-hours": Case(
            variant(
                "document_analysis",
                workload={"requests_per_day": 20000},
                needs={"latency": "batch"},
            ),
            shows(lambda o: o.ownership == "rented"),
        ),
        "batch-always-on": Case(
            variant("support_agent", needs={"latency": "batch"}),
            shows(lambda o: o.kind == "hybrid"),
        ),
        "fine-tuning": Case(
            variant("knowledge_assistant", needs={"fine_tuning": True}), fine_tuned_hybrid
        ),
        "always-on": Case(
            variant("voice_agent", needs={"availability": "always_on"}),
            shows(lambda o: o.kind == "cpu"),
        ),
        "growth": Case(
            variant("support_agent", horizon_months=24, workload={"growth_pct_per_month": 8.0}),
            owned_hardware_grows,
        ),
        "decline": Case(
            variant(
                "support_agent",
                horizon_months=18,
                workload={"requests_per_day": 300_000, "growth_pct_per_month": -15.0},
            ),
            owned_hardware_kept,
        ),
        "outside-it-minimum": Case(
            variant(
                "customer_email",
                rate_overrides={"assumptions": {"external_it_min_hours_month": {"value": 24.0}}},
            ),
            outside_minimum_applies,
        ),
        "currency-pln": Case(variant("customer_email", currency="PLN"), price_changes_inside),
        "currency-usd-us": Case(variant("document_analysis", currency="USD", country="US"), always),
        "hybrid-routing": Case(
            variant("support_agent", levers={"routing_share": 0.7}),
            shows(lambda o: o.kind == "hybrid"),
        ),
        # Rented GPUs switched off outside working hours, so renting stays cheapest.
        "hybrid-rented-gpu": Case(
            variant(
                "document_analysis",
                workload={"requests_per_day": 200000},
                needs={"it_capacity": "ml_team"},
                levers={"switch_off_outside_hours": True},
            ),
            rented_gpu_hybrid,
        ),
        # Every API model, calls above every tier's start (200k, 272k), prices changing.
        "every-api-long-calls": Case(
            variant(
                "document_analysis",
                horizon_months=8,
                include_legacy=True,
                workload={"input_tokens": 280_000, "output_tokens": 2000},
                levers={"prompt_cache_share": 0.3, "batch_share": 0.4},
            ),
            lambda plan, result: tier_applies(plan, result) and price_changes_inside(plan, result),
            widen=every_api,
        ),
        # Prices by the time of day (DeepSeek), batch work moved to the cheapest hours; and a
        # round-the-clock service on New York's clock.
        "off-peak-batch": Case(
            variant("document_analysis", levers={"batch_share": 0.3, "off_peak_batch": True}),
            off_peak_moves_deepseek,
            widen=every_api,
        ),
        "always-on-new-york": Case(
            variant(
                "support_agent", currency="USD", country="US", needs={"availability": "always_on"}
            ),
            deepseek_priced,
            widen=every_api,
        ),
        # Mixture of experts on 4 GeForce cards with an FP8 cache, NVLink replicas, and the
        # prompt factors of Apple and other unified-memory machines.
        "moe-multi-gpu-fp8-cache": Case(
            variant("support_agent", workload={"requests_per_day": 20000}),
            exercises_new_throughput_steps,
            widen=new_throughput_steps,
        ),
        # Every GPU (rented and owned) and machine under growing load, decoding slowed to
        # its compute bound (calibration overridden), where GPUs and machines use different
        # factors.
        "every-hardware": Case(
            variant(
                "document_analysis",
                horizon_months=3,
                workload={"growth_pct_per_month": 20.0},
                rate_overrides={
                    "calibration": {
                        "gpu_decode_compute_efficiency": {"value": 0.02},
                        "cpu_prefill_efficiency": {"value": 0.01},
                    }
                },
            ),
            decoding_compute_bound,
            widen=one_per_hardware,
        ),
        **seat_and_cash_cases(),
    }
    return found


# --- seat subscriptions, rented hours, and hardware as cash (issue 10) --------------------


def seats_follow_the_volume(plan: Plan, result: EstimateResult) -> bool:
    """A subscription is shown whose seats come from the volume and grow with it."""
    subscriptions = [o for o in result.shown if o.kind == "subscription"]
    growing = [o for o in subscriptions if o.monthly_series[-1] > o.monthly_series[0]]
    return plan.workload.seats is None and bool(growing)


def rented_only_working_hours(plan: Plan, result: EstimateResult) -> bool:
    return plan.levers.switch_off_outside_hours and any(
        o.ownership == "rented" for o in result.shown
    )


def consumer_cards_change_machine(plan: Plan, result: EstimateResult) -> bool:
    """An owned option of consumer cards goes from a tower (two cards at most) to a
    workstation as the load grows, and buys more after the first month."""
    for option in result.shown:
        if option.kind != "gpu" or option.ownership != "owned" or option.hardware is None:
            continue
        small = RATES.gpu(option.hardware).max_per_server <= 4 and (option.hardware_count or 0) <= 2
        if small and any(option.purchase_series[1:]):
            return True
    return False


def every_subscription(result: EstimateResult) -> tuple[str, ...]:
    return tuple(o.id for o in result.options if o.kind == "subscription")


def seat_and_cash_cases() -> dict[str, Case]:
    return {
        "seats-from-the-volume": Case(
            variant("customer_email", currency="PLN", workload={"growth_pct_per_month": 15.0}),
            seats_follow_the_volume,
        ),
        "seats-given": Case(
            variant("knowledge_assistant", workload={"mode": "assisted", "seats": 7}),
            shows(lambda o: o.kind == "subscription"),
        ),
        # Every subscription, two people where some sell five seats at least.
        "seats-below-the-minimum": Case(
            variant("knowledge_assistant", workload={"mode": "assisted", "seats": 2}),
            lambda plan, result: any(
                o.kind == "subscription" and int(o.details["seats"]) > 2 for o in result.shown
            ),
            widen=every_subscription,
        ),
        "rented-switched-off": Case(
            variant(
                "document_analysis",
                workload={"requests_per_day": 20000},
                levers={"switch_off_outside_hours": True},
            ),
            rented_only_working_hours,
        ),
        # Consumer cards from one machine class to the next as the load grows, and a write-off
        # period that ends inside the horizon on part of a month.
        "tower-to-workstation": Case(
            variant(
                "document_analysis",
                horizon_months=12,
                workload={"requests_per_day": 2000, "growth_pct_per_month": 25.0},
                rate_overrides={"assumptions": {"amortisation_months": {"value": 7.5}}},
            ),
            consumer_cards_change_machine,
            widen=one_per_hardware,
        ),
    }


CASES = cases()


def engine_result(case: Case) -> EstimateResult:
    """The engine's result for the case, showing the options the case asks for."""
    result = estimate(case.plan, RATES, analysis=False)
    if case.widen is None:
        return result
    return dataclasses.replace(result, shown_ids=case.widen(result))


def within_a_cent(value: object, figure: float) -> bool:
    """A recalculated number (not an error such as #VALUE!) within half a cent of ``figure``."""
    return isinstance(value, int | float) and abs(value - figure) < CENT


COSTS = ("monthly_cost_", "horizon_cost_")
ACCOUNTS = ("written_off_", "hardware_bought_")  # the accounting view of owned hardware


@pytest.fixture(scope="module")
def recalculated(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[EstimateResult, dict[str, object]]]:
    """Every case estimated, exported and recalculated once; by case id."""
    folder = tmp_path_factory.mktemp("workbooks")
    results = {case_id: engine_result(case) for case_id, case in CASES.items()}
    paths = {case_id: folder / f"{case_id}.xlsx" for case_id in CASES}
    for case_id, case in CASES.items():
        export_files(case.plan, results[case_id], RATES, xlsx=paths[case_id])
    values = recalculated_names(list(paths.values()), (*COSTS, *ACCOUNTS))
    return {case_id: (results[case_id], values[paths[case_id]]) for case_id in CASES}


@pytest.mark.parametrize("case_id", CASES)
def test_every_cost_name_recalculates_to_the_engines_figure(
    case_id: str, recalculated: dict[str, tuple[EstimateResult, dict[str, object]]]
) -> None:
    case = CASES[case_id]
    result, values = recalculated[case_id]
    assert case.premise(case.plan, result), f"{case_id} no longer exercises what it is for"
    values = {name: value for name, value in values.items() if name.startswith(COSTS)}
    expected: dict[str, float] = {}
    for option in result.shown:
        key = option_name(option.id)
        expected[f"monthly_cost_{key}"] = option.monthly_cost
        expected[f"horizon_cost_{key}"] = option.horizon_cost
    assert set(values) == set(expected)
    wrong = {
        name: (values[name], figure)
        for name, figure in expected.items()
        if not within_a_cent(values[name], figure)
    }
    assert not wrong, f"{recalculator()} disagrees with the engine (workbook, engine): {wrong}"


OWNING = ("growth", "decline", "tower-to-workstation", "every-hardware", "template-support_agent")


@pytest.mark.parametrize("case_id", OWNING)
def test_the_accounting_view_writes_off_what_the_engine_does(
    case_id: str, recalculated: dict[str, tuple[EstimateResult, dict[str, object]]]
) -> None:
    result, values = recalculated[case_id]
    expected: dict[str, float] = {}
    for option in result.shown:
        if option.purchase_series:  # bought hardware: on its own or as a hybrid's part
            key = option_name(option.id)
            expected[f"written_off_{key}"] = sum(option.amortisation_series)
            expected[f"hardware_bought_{key}"] = option.hardware_bought
    assert expected, f"{case_id} shows no owned hardware"
    wrong = {
        name: (values.get(name), figure)
        for name, figure in expected.items()
        if not within_a_cent(values.get(name), figure)
    }
    assert not wrong, f"{recalculator()} disagrees with the engine (workbook, engine): {wrong}"
