"""Reason codes in words, through the translation layer."""

from __future__ import annotations

from planner.model.result import Reason
from planner.words.formats import number, rounded_money
from planner.words.headline import hours_text
from planner.words.i18n import _, ngettext
from planner.words.names import group_phrase, latency_name, quality_name, sensitivity_name

SPEED_CODES = ("too_slow_to_start", "too_slow_to_read", "volume_too_high_for_local")
MONEY_PARAMS = ("cost", "difference", "hourly")


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
        "request_too_long": _(
            "Each request ({tokens} tokens) is longer than this model can read at once "
            "({limit} tokens)."
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
        "subscription_needs_people": _(
            "A per-seat assistant is for people who do the work themselves; here a system "
            "works on its own."
        ),
        "trains_on_your_data": _(
            "This plan uses your conversations to train its models unless every user opts out."
        ),
        "too_many_seats": _("It takes at most {limit} people; you need {seats}."),
        "no_fine_tuning_here": _("A subscription cannot be trained on your own data."),
        "nothing_feasible": _(
            "No option meets every need; relax the quality, speed or data requirements to see one."
        ),
        "cheapest_over_horizon": _(
            "It is the cheapest option that meets your needs: {cost} over {months} months."
        ),
        "next_best_other_kind": _(
            "The next best different approach, {kind}, would cost {difference} more over "
            "{months} months."
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
        "no_break_even": _(
            "Running a model yourself does not become cheaper up to {limit} requests a day."
        ),
    }


def _people_time(role: str) -> str:
    """Whose time most of a month is, and what to do about the figure."""
    sentences = {
        "external_it_service": _(
            "Most of this is an IT contractor's time: {hours} a month at {hourly}. "
            "Check this figure with your supplier."
        ),
        "internal_admin": _(
            "Most of this is your administrator's time: {hours} a month at {hourly}. "
            "Check this figure with them."
        ),
        "ml_engineer": _(
            "Most of this is your engineers' time: {hours} a month at {hourly}. "
            "Check this figure with them."
        ),
    }
    return sentences.get(role, sentences["external_it_service"])


def template_for(code: str) -> str:
    """The sentence of a reason code with its ``{placeholders}``, in the current language
    (the workbook turns it into a formula)."""
    return _templates().get(code, "")


def describe(reason: Reason, currency: str = "EUR") -> str:
    """The reason as a sentence in the current language, amounts in ``currency``."""
    if reason.code == "mostly_people_time":
        template = _people_time(str(reason.params.get("role", "")))
    elif reason.code == "excluded_count":
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
        if key in params:  # sentences round: the tables give the cents
            params[key] = rounded_money(float(params[key]), currency)  # type: ignore[arg-type]
    if reason.code == "next_best_other_kind":
        kind = (str(params.get("kind", "")), str(params.get("ownership", "")))
        params["kind"] = group_phrase(_group(kind))
        params.setdefault("months", "")
    if "hours" in params:
        params["hours"] = hours_text(float(params["hours"]))  # type: ignore[arg-type]
    if reason.code in SPEED_CODES:  # "5,8 tokena/s" in Polish, not "5.8"
        for key in ("seconds", "limit", "tokens_per_s", "needed", "machines"):
            value = params.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                params[key] = number(float(value), 0 if float(value).is_integer() else 1)
    if "limit" in params and reason.code in ("no_break_even", "request_too_long"):
        params["limit"] = number(float(params["limit"]))  # type: ignore[arg-type]
    if reason.code == "request_too_long":
        params["tokens"] = number(float(params["tokens"]))  # type: ignore[arg-type]
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
        "quality_below_need": _("answers not good enough for this work"),
        "data_must_stay_on_premises": _("the data would leave your premises"),
        "data_must_stay_in_eu": _("the data could leave the EU"),
        "no_eu_rental": _("no rental offer in the EU"),
        "legacy_model": _("an older model, no longer offered"),
        "request_too_long": _("requests longer than the model can read"),
        "hybrid_needs_in_house_it": _("needs someone in-house to run it"),
        "too_slow_to_start": _("too slow to start answering"),
        "too_slow_to_read": _("writes more slowly than people read"),
        "volume_too_high_for_local": _("too much work for a computer in the office"),
        "price_unknown": _("no known price"),
        "subscription_needs_people": _("the work is done without people"),
        "trains_on_your_data": _("trains on your data"),
        "too_many_seats": _("too many people for the plan"),
        "no_fine_tuning_here": _("cannot be trained on your data"),
    }
    return names.get(code, code)


def ruled_out(reason: Reason) -> str:
    """How many options one need ruled out, with plural forms: "213 options: answers not
    good enough for this work"."""
    count = int(reason.params.get("count", 0))
    return ngettext("{count} option: {reason}", "{count} options: {reason}", count).format(
        count=number(count), reason=short_reason(str(reason.params.get("reason", "")))
    )


def _group(kind: tuple[str, str]) -> tuple[str, str]:
    """The (kind, ownership) group of an option from its reason's params."""
    fixed = {"api": ("api", "api"), "hybrid": ("hybrid", "mixed"), "cpu": ("cpu", "owned")}
    fixed["subscription"] = ("subscription", "subscription")
    if kind[0] in fixed:
        return fixed[kind[0]]
    return kind if kind[1] else (kind[0], "rented")
