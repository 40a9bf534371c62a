"""Reason codes in words, through the translation layer."""

from __future__ import annotations

from planner.model.result import Reason
from planner.words.formats import number, rounded_money
from planner.words.headline import hours_text
from planner.words.i18n import N_, _, ngettext
from planner.words.names import group_phrase, latency_name, quality_name, sensitivity_name
from planner.words.units import with_unit

SPEED_CODES = ("too_slow_to_start", "too_slow_to_read", "volume_too_high_for_local")
MONEY_PARAMS = ("cost", "difference", "hourly")


# A sentence for each reason code, marked for extraction here and translated where it is
# read (``_()`` at each call), so that a language switch takes effect at once. Reasons that
# count something are in ``_counted``: their sentence takes the plural form for the count.
TEMPLATES: dict[str, str] = {
    # Why an option was ruled out.
    "quality_below_need": N_("Its answers are of {tier} quality; this work needs {needed}."),
    "data_must_stay_on_premises": N_(
        "The data must never leave your premises, and this option sends it outside."
    ),
    "data_must_stay_in_eu": N_(
        "Personal data must be processed in the EU; this service does not promise that."
    ),
    "no_eu_rental": N_("Personal data must stay in the EU, and no EU offer of this GPU is listed."),
    "legacy_model": N_(
        "A legacy model, no longer offered; shown only to compare with older price lists."
    ),
    "request_too_long": N_(
        "Each request ({tokens}) is longer than this model can read at once ({limit})."
    ),
    "hybrid_needs_in_house_it": N_(
        "Splitting requests between your own server and an API needs someone in-house to run it."
    ),
    "too_slow_to_start": N_(
        "Too slow while a customer waits: the answer starts after {seconds} s (limit {limit} s)."
    ),
    "too_slow_to_read": N_(
        "Too slow while a customer waits: {tokens_per_s} tokens/s, slower than reading ({needed} tokens/s)."
    ),
    "volume_too_high_for_local": N_(
        "Too much work for local machines: it would take {machines} of them (at most {limit})."
    ),
    "price_unknown": N_("No price is known for this model: {detail}"),
    "subscription_needs_people": N_(
        "A per-seat assistant is for people who do the work themselves; here a system "
        "works on its own."
    ),
    "trains_on_your_data": N_(
        "This plan uses your conversations to train its models unless every user opts out."
    ),
    "no_fine_tuning_here": N_("A subscription cannot be trained on your own data."),
    # Why the recommendation is what it is.
    "nothing_feasible": N_(
        "No option meets every need; relax the quality, speed or data requirements to see one."
    ),
    "cheapest_over_horizon": N_(
        "It is the cheapest option that meets your needs: {cost} over {months} months."
    ),
    "next_best_other_kind": N_(
        "The next best different approach, {kind}, would cost {difference} more over "
        "{months} months."
    ),
    "meets_needs": N_(
        "It suits your data ({sensitivity}), the answer quality you need ({quality}) and "
        "answers {latency}."
    ),
    "hardware_utilisation": N_("Its hardware would be busy {pct}% of the working time."),
    # Why there is no break-even point.
    "no_eligible_api": N_("No API is allowed for this data, so there is no break-even point."),
    "no_eligible_self_hosted": N_(
        "No self-hosted option meets the needs, so there is no break-even point."
    ),
    "no_break_even": N_("Running a model yourself does not become cheaper up to {limit} a day."),
}


def _counted(reason: Reason) -> str:
    """The sentence of a reason that counts something, in the plural form for its count
    (Polish has three: 1 osoba, 2 osoby, 5 osób); empty for other codes."""
    if reason.code == "too_many_seats":
        return ngettext(
            "It takes at most {limit} person; you need {seats}.",
            "It takes at most {limit} people; you need {seats}.",
            _count(reason.params.get("limit")),
        )
    if reason.code == "excluded_count":
        return ngettext(
            "{count} option was ruled out: {reason}",
            "{count} options were ruled out: {reason}",
            _count(reason.params.get("count")),
        )
    return ""


def _count(value: object) -> int:
    """A count from a reason's params (0 when it is not a number)."""
    return int(_figure(value))


def _figure(value: object) -> float:
    """A number from a reason's params (0 when it is not one)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return 0.0
    try:
        return float(value)
    except ValueError:
        return 0.0


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
    (the workbook turns it into a formula); empty for a code without one, or whose sentence
    counts something (see ``_counted``)."""
    template = TEMPLATES.get(code)
    return _(template) if template else ""


def describe(reason: Reason, currency: str = "EUR") -> str:
    """The reason as a sentence in the current language, amounts in ``currency``."""
    if reason.code == "mostly_people_time":
        template = _people_time(str(reason.params.get("role", "")))
    else:
        template = _counted(reason) or template_for(reason.code)
    if not template:
        return reason.code
    try:
        return template.format(**_params(reason, currency))
    except (KeyError, IndexError):
        return template


def _params(reason: Reason, currency: str) -> dict[str, object]:
    """The reason's params as its sentence shows them: amounts rounded, hours and counts
    with their plural forms, codes in words."""
    params: dict[str, object] = dict(reason.params)
    for key in MONEY_PARAMS:
        if key in params:  # sentences round: the tables give the cents
            params[key] = rounded_money(_figure(params[key]), currency)
    if "hours" in params:
        params["hours"] = hours_text(_figure(params["hours"]))
    if reason.code in SPEED_CODES:  # "5,8 tokena/s" in Polish, not "5.8"
        for key in ("seconds", "limit", "tokens_per_s", "needed", "machines"):
            value = params.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                params[key] = number(float(value), 0 if float(value).is_integer() else 1)
    params.update(_worded(reason.code, params))
    return params


def _worded(code: str, params: dict[str, object]) -> dict[str, object]:
    """The params of one reason code that are codes or counts, in words."""
    get = params.get
    if code == "next_best_other_kind":
        kind = (str(get("kind", "")), str(get("ownership", "")))
        return {"kind": group_phrase(_group(kind)), "months": get("months", "")}
    if code == "request_too_long":  # "1 000 tokenów", "2 tokeny"
        return {
            "tokens": with_unit(_figure(get("tokens")), "tokens"),
            "limit": with_unit(_figure(get("limit")), "tokens"),
        }
    if code == "no_break_even":
        return {"limit": with_unit(_figure(get("limit")), "requests")}
    if code == "too_many_seats":
        return {"limit": number(_figure(get("limit"))), "seats": number(_figure(get("seats")))}
    if code == "excluded_count":
        return {"count": number(_figure(get("count"))), "reason": short_reason(str(get("reason")))}
    if code == "meets_needs":
        return {
            "sensitivity": sensitivity_name(str(get("sensitivity"))),
            "quality": quality_name(str(get("quality"))),
            "latency": latency_name(str(get("latency"))),
        }
    if code == "quality_below_need":
        return {"tier": quality_name(str(get("tier"))), "needed": quality_name(str(get("needed")))}
    return {}


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
