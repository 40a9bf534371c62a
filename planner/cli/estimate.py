"""``estimate``: cost a plan file and print a table or JSON, optionally export it."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from planner.cli.output import print_note
from planner.cli.settings import totals_over_breakdown
from planner.engine.estimate import estimate
from planner.engine.recommend import best_per_group, rank
from planner.model.actuals_summary import PlanActuals
from planner.model.plan import Plan
from planner.model.planfile import PlanError, apply_settings, plan_from_data
from planner.model.result import EstimateResult, Option, Reason, as_dict
from planner.rates import RateBook
from planner.rates.plan_rates import check_plan_rates, open_plan
from planner.words.formats import about, money, percent
from planner.words.headline import purchase_sentence, split_sentence
from planner.words.i18n import LANGUAGES, _, language, set_language, system_language
from planner.words.reasons import describe


def load_with_settings(
    path: Path, settings: list[str], currency: str | None, rates: RateBook
) -> tuple[Plan, tuple[str, ...]]:
    """The plan in ``path`` with ``--set`` and ``--currency`` applied, its rate changes
    checked against ``rates``, and the ``--set`` paths whose totals replaced the plan's
    per-part breakdown for this run; raises ``PlanError`` naming the file and the field."""
    plan = open_plan(path, rates)
    if not settings and not currency:
        return plan, ()
    try:
        dropped = totals_over_breakdown(plan, settings)
    except PlanError as error:
        raise PlanError(f"{path}: {error}") from error
    data = plan.model_dump(mode="json")
    if dropped:
        data["workload"]["breakdown"] = None  # the totals the user sets win
    apply_settings(data, settings)
    if currency:
        data["currency"] = currency.upper()
    try:
        changed = plan_from_data(data)
    except PlanError as error:
        raise PlanError(f"{path}: {error}") from error
    check_plan_rates(changed, rates, str(path))
    return changed, dropped


def result_json(
    result: EstimateResult, breakdown_dropped_by: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The documented JSON shape: money rounded to cents, reasons in words and codes, and the
    ``--set`` paths (if any) that replaced the plan's breakdown for this run."""
    cur = result.currency
    words: dict[tuple[str, str], str] = {}

    def say(reason: Reason) -> str:
        # Hundreds of options share a handful of reasons: word each one once.
        key = (reason.code, repr(sorted(reason.params.items())))
        if key not in words:
            words[key] = describe(reason, cur)
        return words[key]

    return {
        "currency": cur,
        "plan_name": result.plan_name,
        "horizon_months": result.horizon_months,
        "options": [_option_json(o, say) for o in result.options],
        "recommendation": {
            "option_id": result.recommendation.option_id,
            "reasons": [describe(r, cur) for r in result.recommendation.reasons],
            "reason_codes": [as_dict(r) for r in result.recommendation.reasons],
        },
        "break_even": as_dict(result.break_even) if result.break_even else None,
        "sensitivity": [as_dict(row) for row in result.sensitivity],
        "breakdown_dropped_by": list(breakdown_dropped_by),
    }


def _option_json(option: Option, say: Callable[[Reason], str]) -> dict[str, Any]:
    return {
        "id": option.id,
        "kind": option.kind,
        "label": option.label,
        "provider": option.provider,
        "model": option.model,
        "hardware": option.hardware,
        "hardware_count": option.hardware_count,
        "ownership": option.ownership,
        "quant": option.quant,
        "feasible": option.feasible,
        "excluded_reasons": [say(r) for r in option.excluded_reasons],
        "excluded_reason_codes": [r.code for r in option.excluded_reasons],
        "monthly_cost": round(option.monthly_cost, 2),
        "one_off_cost": round(option.one_off_cost, 2),
        "horizon_cost": round(option.horizon_cost, 2),
        "utilisation": None if option.utilisation is None else round(option.utilisation, 4),
        "breakdown": [
            {
                "category": line.category,
                "monthly": round(line.monthly, 2),
                "one_off": round(line.one_off, 2),
            }
            for line in option.breakdown
        ],
        "details": option.details,
        "people_time_share": round(option.people_time_share, 4),
        "people_hours_per_month": round(option.people_hours_per_month, 2),
        **_subscription_json(option),
    }


def _subscription_json(option: Option) -> dict[str, Any]:
    """What only a seat subscription has: the product and how many seats are paid for."""
    if option.kind != "subscription":
        return {}
    return {"plan": option.details.get("plan"), "seats": option.details.get("seats")}


def print_table(result: EstimateResult, show_all: bool) -> None:
    cur = result.currency
    options = rank(result.options) if show_all else best_per_group(result.options)
    recommended = result.recommendation.option_id
    print(
        _("Plan: {name} — costs in {currency}, horizon {months} months").format(
            name=result.plan_name, currency=cur, months=result.horizon_months
        )
    )
    print()
    header = (_("Option"), _("Monthly"), _("One-off"), _("Horizon"), _("Busy"))
    print(f"  {header[0]:60} {header[1]:>14} {header[2]:>14} {header[3]:>16} {header[4]:>6}")
    for option in options:
        mark = "*" if option.id == recommended else " "
        busy = percent(option.utilisation) if option.utilisation is not None else "–"
        print(
            f"{mark} {option.label[:60]:60} {money(option.monthly_cost, cur):>14} "
            f"{money(option.one_off_cost, cur):>14} {money(option.horizon_cost, cur):>16} {busy:>6}"
        )
    print()
    if recommended:
        best = result.option(recommended)
        print(_("Recommended: {label}").format(label=best.label))
        print(f"  {_split_line(best, cur)}")
    for reason in result.recommendation.reasons:
        print(f"  - {describe(reason, cur)}")
    if result.break_even is not None:
        print()
        print(_break_even_line(result))


def _split_line(best: Option, currency: str) -> str:
    """What the recommended option's month pays for, and what its one-off buys."""

    def amount(value: float) -> str:
        return money(value, currency)

    bought = purchase_sentence(best, amount)
    return split_sentence(best, amount) + (f" {bought}" if bought else "")


def _break_even_line(result: EstimateResult) -> str:
    be = result.break_even
    assert be is not None
    if be.requests_per_day is not None:
        return _(
            "Break-even: running a model yourself becomes cheaper than the cheapest cloud AI "
            "service from about {requests} requests a day."
        ).format(requests=about(be.requests_per_day))
    return _("Break-even: ") + (describe(be.reason, result.currency) if be.reason else "–")


def as_example(path: Path, plan: Plan, *, chosen_currency: bool) -> Plan:
    """A template file run as it is (``estimate templates/x.json``) is named and placed as
    the app names a plan made from that example: its title in the language in use, and, in
    Polish or Ukrainian, that country and its money unless the file or the user chose."""
    from planner.model.places import country_for, currency_for

    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return plan  # already read once; a plan, not a template
    if not (isinstance(data, dict) and set(data) == {"id", "title", "description", "plan"}):
        return plan
    update: dict[str, str] = {}
    if plan.name == data["plan"].get("name"):
        update["name"] = _(str(data["title"]))
    own = data["plan"]
    if (
        language() in ("pl", "uk")
        and not chosen_currency
        and not {"country", "currency"} & set(own)
    ):
        country = country_for(language())
        update |= {"country": country, "currency": currency_for(country)}
    return plan.model_copy(update=update)


def _sets_place(settings: list[str]) -> bool:
    return any(s.split("=")[0].strip() in ("currency", "country") for s in settings)


def _ledger_month(
    path: Path, plan: Plan, result: EstimateResult, rates: RateBook
) -> PlanActuals | None:
    """The month of the ledger kept beside the plan file (``NAME.llmledger``) for the
    exports, as the app adds it; None without one, or (with a note) when it cannot be read."""
    from planner.actuals.export_view import plan_actuals_beside
    from planner.actuals.store import LedgerError

    try:
        return plan_actuals_beside(path, plan, result, rates)
    except LedgerError as error:
        print_note(
            _(
                "note: the ledger beside the plan cannot be read ({error}); the exports leave "
                "out actual spending"
            ).format(error=error)
        )
        return None


def run_estimate(args: argparse.Namespace, rates: RateBook) -> int:
    if args.lang and args.lang not in LANGUAGES:
        raise ValueError(f"--lang: unknown language {args.lang!r}; choose en, pl or uk")
    set_language(args.lang or system_language())
    plan, dropped = load_with_settings(args.plan, args.set, args.currency, rates)
    plan = as_example(args.plan, plan, chosen_currency=bool(args.currency) or _sets_place(args.set))
    if dropped:
        print_note(
            _(
                "note: {setting} replaces the request size the plan works out from its "
                "breakdown; the breakdown is not used for this run"
            ).format(setting=", ".join(dropped))
        )
    rates.currency(plan.currency)  # an unknown currency fails here, naming the known ones
    result = estimate(plan, rates)
    if args.xlsx or args.pdf:
        from planner.export.files import export_files

        actuals = _ledger_month(args.plan, plan, result, rates)
        export_files(plan, result, rates, xlsx=args.xlsx, pdf=args.pdf, actuals=actuals)
    if args.json:
        from planner.cli.output import print_json

        print_json(result_json(result, dropped))
    else:
        print_table(result, args.all)
    return 0
