"""Reason codes in words, through the translation layer."""

from __future__ import annotations

from planner.model.result import Reason
from planner.words.formats import money, number
from planner.words.i18n import _, ngettext
from planner.words.names import latency_name, quality_name, sensitivity_name

MONEY_PARAMS = ("cost", "difference")


def _templates() -> dict[str, str]:
    # Built on each call so that a language switch takes effect at once.
    return {
        "quality_below_need": _("Its answers are of {tier} quality; this work needs {needed}."),
        "data_must_stay_on_premises": _(
            "The data must never leave your premises, and this option sends it outside."
        ),
        "data_must_stay_in_eu": _(
            "Personal data must be processed in the EU; this service does not promise that."
        ),
        "no_eu_rental": _(
            "Personal data must stay in the EU, and no EU offer of this GPU is listed."
        ),
        "legacy_model": _(
            "A legacy model, no longer offered; shown only to compare with older price lists."
        ),
        "hybrid_needs_in_house_it": _(
            "Splitting requests between your own server and an API needs someone in-house to run it."
        ),
        "too_slow_to_start": _(
            "Too slow while a customer waits: the answer starts after {seconds} s (limit {limit} s)."
        ),
        "too_slow_to_read": _(
            "Too slow while a customer waits: {tokens_per_s} tokens/s, slower than reading ({needed} tokens/s)."
        ),
        "volume_too_high_for_local": _(
            "Too much work for local machines: it would take {machines} of them (at most {limit})."
        ),
        "price_unknown": _("No price is known for this model: {detail}"),
        "nothing_feasible": _(
            "No option meets every need; relax the quality, speed or data requirements to see one."
        ),
        "cheapest_over_horizon": _(
            "It is the cheapest option that meets your needs: {cost} over {months} months."
        ),
        "next_best_other_kind": _(
            "The next best different approach, {option}, costs {difference} more."
        ),
        "meets_needs": _(
            "It suits your data ({sensitivity}), the answer quality you need ({quality}) and "
            "answers {latency}."
        ),
        "hardware_utilisation": _("Its hardware would be busy {pct}% of the working time."),
        "no_eligible_api": _("No API is allowed for this data, so there is no break-even point."),
        "no_eligible_self_hosted": _(
            "No self-hosted option meets the needs, so there is no break-even point."
        ),
        "no_break_even": _("Self-hosting does not become cheaper up to {limit} requests a day."),
    }


def describe(reason: Reason, currency: str = "EUR") -> str:
    """The reason as a sentence in the current language, amounts in ``currency``."""
    if reason.code == "excluded_count":
        count = int(reason.params["count"])
        template = ngettext(
            "{count} option was ruled out: {reason}",
            "{count} options were ruled out: {reason}",
            count,
        )
    else:
        template = _templates().get(reason.code, "")
    if not template:
        return reason.code
    params: dict[str, object] = dict(reason.params)
    for key in MONEY_PARAMS:
        if key in params:
            params[key] = money(float(params[key]), currency)  # type: ignore[arg-type]
    if "limit" in params and reason.code == "no_break_even":
        params["limit"] = number(float(params["limit"]))  # type: ignore[arg-type]
    if reason.code == "excluded_count":
        params["reason"] = short_reason(str(params["reason"]))
    if reason.code == "meets_needs":
        params["sensitivity"] = sensitivity_name(str(params["sensitivity"]))
        params["quality"] = quality_name(str(params["quality"]))
        params["latency"] = latency_name(str(params["latency"]))
    if reason.code == "quality_below_need":
        params["tier"] = quality_name(str(params["tier"]))
        params["needed"] = quality_name(str(params["needed"]))
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def short_reason(code: str) -> str:
    """A few words naming a reason code, for summaries."""
    names = {
        "quality_below_need": _("answer quality too low"),
        "data_must_stay_on_premises": _("data must stay on the premises"),
        "data_must_stay_in_eu": _("data must stay in the EU"),
        "no_eu_rental": _("no EU rental offer"),
        "legacy_model": _("legacy model"),
        "hybrid_needs_in_house_it": _("needs in-house IT"),
        "too_slow_to_start": _("too slow to start answering"),
        "too_slow_to_read": _("answers flow too slowly"),
        "volume_too_high_for_local": _("too much work for a local machine"),
        "price_unknown": _("price unknown"),
    }
    return names.get(code, code)
