"""The budget guard's alerts in plain words: what happened and the likely cause.

The rules store codes and numbers; the sentences are made here, when an alert is shown, so
the same alert reads in English, Polish or Ukrainian and money follows the language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Protocol

from babel.dates import format_date

from planner.words.formats import day as day_text
from planner.words.formats import locale_for, money, number, percent, unit_money
from planner.words.i18n import _

PROVIDER_NAMES = {"openai": "OpenAI", "anthropic": "Anthropic", "google": "Google",
                  "mistral": "Mistral", "aws": "AWS Bedrock", "azure": "Azure",
                  "groq": "Groq", "deepseek": "DeepSeek", "x-ai": "xAI"}  # fmt: skip


class AlertLike(Protocol):
    """What a message needs of an alert (``planner.actuals.guard_records.Alert``)."""

    @property
    def rule(self) -> str: ...
    @property
    def level(self) -> str: ...
    @property
    def scope(self) -> str: ...
    @property
    def period(self) -> str: ...
    @property
    def day(self) -> str: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def threshold(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def measure(self) -> str: ...
    @property
    def cause(self) -> str: ...
    @property
    def details(self) -> dict[str, str]: ...


def provider_name(provider: str) -> str:
    return PROVIDER_NAMES.get(provider, provider)


def scope_name(scope: str) -> str:
    """Whose spending: everything, a provider, a project or a feature."""
    kind, _sep, value = scope.partition(":")
    if kind == "provider":
        return _("Spending with {provider}").format(provider=provider_name(value))
    if kind == "project":
        return _("Project “{name}”").format(name=value)
    if kind == "feature":
        return _("Feature “{name}”").format(name=value)
    return _("All spending")


def level_name(level: str) -> str:
    return {"info": _("Note"), "warning": _("Warning"), "critical": _("Critical")}.get(level, level)


def rule_name(rule: str) -> str:
    names = {
        "budget": _("Budget"),
        "budget_forecast": _("Month-end forecast"),
        "daily_limit": _("Day's share of the budget"),
        "plan_variance": _("Against the plan"),
        "anomaly": _("Unusual day"),
        "reconciliation_gap": _("Bill and usage differ"),
        "unpriced_usage": _("Usage without a price"),
        "stale_data": _("Figures out of date"),
    }
    return names.get(rule, rule)


def month_name(month: str) -> str:
    """``2026-03`` as "March 2026" in the current language."""
    year, number_ = (int(part) for part in month.split("-"))
    return str(format_date(date(year, number_, 1), format="LLLL y", locale=locale_for()))


def short_month(month: str) -> str:
    """``2026-03`` as "Mar 26" (a chart's axis) in the current language."""
    year, number_ = (int(part) for part in month.split("-"))
    return str(format_date(date(year, number_, 1), format="LLL yy", locale=locale_for()))


def when(value: str) -> str:
    """A day (``2026-03-02``) in the language's medium date format."""
    return day_text(date.fromisoformat(value[:10]))


def ratio(value: Decimal | str) -> str:
    """``2.5×``: how many times the usual or planned figure."""
    return _("{ratio}×").format(ratio=number(float(value), 1))


def _dec(details: Mapping[str, str], key: str) -> Decimal:
    try:
        return Decimal(details.get(key, "0"))
    except InvalidOperation:
        return Decimal(0)


def _money(value: Decimal | str, currency: str) -> str:
    return money(float(value), currency or "EUR")


def alert_message(alert: AlertLike) -> str:
    """What happened and, where the data shows it, the likely cause."""
    writer = _WRITERS.get(alert.rule)
    text = writer(alert) if writer else f"{alert.rule}: {alert.value}"
    cause = budget_cause(alert.cause, alert.details) if alert.rule.startswith("budget") else ""
    return f"{text} {cause}".strip()


def _budget(alert: AlertLike) -> str:
    spent, budget = (
        _money(alert.value, alert.currency),
        _money(alert.details["budget"], alert.currency),
    )
    kind, scope = alert.details.get("period_kind", "month"), scope_name(alert.scope)
    used = percent(float(_dec(alert.details, "share")))
    if kind == "day":
        where = _("on {day}").format(day=when(alert.period))
        budget_text = _("the daily budget")
    elif kind == "hour":
        where = _("in the hour from {hour}:00 UTC on {day}").format(
            hour=alert.period[11:13], day=when(alert.period)
        )
        budget_text = _("the hourly budget")
    else:
        where = _("so far in {month}").format(month=month_name(alert.period))
        budget_text = _("the monthly budget")
    if alert.level == "critical":
        return _("{scope}: {budget_name} is used up — {spent} of {budget} {when} ({used}).").format(
            scope=scope, budget_name=budget_text, spent=spent, budget=budget, when=where, used=used
        )
    return _("{scope}: {used} of {budget_name} used — {spent} of {budget} {when}.").format(
        scope=scope, used=used, budget_name=budget_text, spent=spent, budget=budget, when=where
    )


def _forecast(alert: AlertLike) -> str:
    currency = alert.currency
    low, high = _money(alert.details["low"], currency), _money(alert.details["high"], currency)
    values = {"scope": scope_name(alert.scope), "month": month_name(alert.period),
              "end": _money(alert.value, currency), "budget": _money(alert.threshold, currency),
              "low": low, "high": high}  # fmt: skip
    if low == high:
        return _("{scope}: at this pace {month} will end at about {end}, above the budget of "
                 "{budget}.").format(**values)  # fmt: skip
    return _(
        "{scope}: at this pace {month} will end at about {end} (likely between {low} and "
        "{high}), above the budget of {budget}."
    ).format(**values)


def _daily(alert: AlertLike) -> str:
    return _("{scope}: {day} cost {cost}, more than the day's share of the monthly budget "
             "({share}).").format(scope=scope_name(alert.scope), day=when(alert.day),
                                  cost=_money(alert.value, alert.currency),
                                  share=_money(alert.threshold, alert.currency))  # fmt: skip


def _plan(alert: AlertLike) -> str:
    details, measure = alert.details, alert.measure
    plan = details.get("plan", "")
    if measure == "requests_per_day":
        text = _("{actual} requests a working day so far, against {planned} in the plan “{plan}”.")
        values = {"actual": number(float(alert.value)), "planned": number(float(alert.threshold))}
    elif measure == "input_tokens_per_request":
        text = _(
            "Each request sends {actual} tokens on average, against {planned} in the plan “{plan}”."
        )
        values = {"actual": number(float(alert.value)), "planned": number(float(alert.threshold))}
    elif measure == "output_tokens_per_request":
        text = _(
            "Each answer has {actual} tokens on average, against {planned} in the plan “{plan}”."
        )
        values = {"actual": number(float(alert.value)), "planned": number(float(alert.threshold))}
    else:
        text = _("Each request costs {actual} on average, against {planned} in the plan “{plan}”.")
        values = {"actual": unit_money(float(alert.value), alert.currency or "EUR"),
                  "planned": unit_money(float(alert.threshold), alert.currency or "EUR")}  # fmt: skip
    return (
        text.format(plan=plan, **values)
        + " "
        + _("That is {ratio} the plan.").format(ratio=ratio(details.get("ratio", "1")))
    )


def _anomaly(alert: AlertLike) -> str:
    details = alert.details
    text = _(
        "{day}: the day cost {cost}, against a usual {usual} for that day of the week, while "
        "requests stayed at {requests} (usually {baseline})."
    ).format(day=when(alert.day), cost=_money(alert.value, alert.currency),
             usual=_money(alert.threshold, alert.currency),
             requests=number(float(_dec(details, "requests"))),
             baseline=number(float(_dec(details, "baseline_requests"))))  # fmt: skip
    return (
        text + " " + _("Likely cause: {cause}.").format(cause=anomaly_cause(alert.cause, details))
    )


def anomaly_cause(cause: str, details: Mapping[str, str]) -> str:
    """The likely cause of an unusual day, from what changed per request."""
    figure = details.get(cause, "0")
    causes: dict[str, Callable[[], str]] = {
        "input_per_request": lambda: _(
            "each request carried {ratio} the usual input — a prompt that grew (longer "
            "history or more documents) or injected text").format(ratio=ratio(figure)),
        "output_per_request": lambda: _(
            "answers were {ratio} as long as usual — runaway generation or a loop"
        ).format(ratio=ratio(figure)),
        "model_mix": lambda: _(
            "requests moved to another model ({model}, now {share} of requests)"
        ).format(model=details.get("model", ""), share=percent(float(figure))),
        "cache_broke": lambda: _(
            "cached input fell to {share} of all input — the prompt cache stopped working"
        ).format(share=percent(float(figure))),
        "unpriced_usage": lambda: _(
            "more usage of a model the planner cannot price, which the bill may include"),
    }  # fmt: skip
    found = causes.get(cause)
    return (
        found() if found else _("the data does not show why; check the bill and any price change")
    )


def budget_cause(cause: str, details: Mapping[str, str]) -> str:
    """Why spending runs above the plan, when a plan is known: the largest effect."""
    causes: dict[str, Callable[[], str]] = {
        "more_requests": lambda: _("Mostly because there are {ratio} as many requests as planned.")
        .format(ratio=ratio(details.get("requests_per_day", "1"))),
        "larger_prompts": lambda: _("Mostly because each request carries {ratio} the planned input.")
        .format(ratio=ratio(details.get("input_tokens_per_request", "1"))),
        "longer_answers": lambda: _("Mostly because answers are {ratio} as long as planned.")
        .format(ratio=ratio(details.get("output_tokens_per_request", "1"))),
        "dearer_requests": lambda: _(
            "Mostly because each request costs more than planned (prices, caching or the bill)."),
        "other_models": lambda: _("Mostly because requests go to other models than the plan assumed."),
    }  # fmt: skip
    found = causes.get(cause)
    return found() if found else ""


def _gap(alert: AlertLike) -> str:
    details = alert.details
    provider = provider_name(alert.scope.partition(":")[2])
    values = {"provider": provider, "day": when(alert.day),
              "billed": _money(details["billed"], alert.currency),
              "priced": _money(details["priced"], alert.currency),
              "gap": _money(abs(alert.value), alert.currency)}  # fmt: skip
    if alert.value > 0:
        return _(
            "{provider}, {day}: the bill is {billed}, but the usage exported is worth "
            "{priced} — {gap} the export does not explain."
        ).format(**values)
    return _(
        "{provider}, {day}: the bill is {billed}, {gap} less than the usage exported is "
        "worth ({priced}) — check for credits or discounts."
    ).format(**values)


def _unpriced(alert: AlertLike) -> str:
    return _(
        "{provider}, model “{model}”: {tokens} tokens in {month} that genai-prices cannot "
        "price. Their cost is missing from the totals, not zero."
    ).format(provider=provider_name(alert.scope.partition(":")[2]), model=alert.measure,
             tokens=number(float(alert.value)), month=month_name(alert.period))  # fmt: skip


def _stale(alert: AlertLike) -> str:
    return _(
        "The last import was {days} days ago ({day}). The planner cannot fetch exports "
        "itself: download fresh ones from your providers and import them."
    ).format(days=number(float(alert.value)), day=when(alert.period))


_WRITERS: dict[str, Callable[[AlertLike], str]] = {
    "budget": _budget,
    "budget_forecast": _forecast,
    "daily_limit": _daily,
    "plan_variance": _plan,
    "anomaly": _anomaly,
    "reconciliation_gap": _gap,
    "unpriced_usage": _unpriced,
    "stale_data": _stale,
}


def enforcement_notes(providers: Iterable[str]) -> list[str]:
    """What can actually stop spending, since the planner cannot: first the plain fact,
    then the limits of the providers in use, then the gateway."""
    notes = [_("The planner reads your exports after the fact: it cannot stop or slow "
               "requests. To cap spending, set a limit where the requests go.")]  # fmt: skip
    known = {
        "openai": _("OpenAI: a project's monthly budget only sends e-mails — requests keep "
                    "being served and billed. Only a gateway, or turning the key off, stops them."),
        "anthropic": _("Anthropic: a workspace spend limit (Console → Settings → Workspaces → "
                       "Limits) stops requests once it is reached."),
        "mistral": _("Mistral: a workspace's monthly spending limit suspends API access when "
                     "it is reached."),
    }  # fmt: skip
    notes += [known[p] for p in dict.fromkeys(providers) if p in known]
    notes.append(
        _(
            "A gateway such as LiteLLM in front of the providers can stop requests at a "
            "budget. The settings below are made from your budgets, in US dollars."
        )
    )
    return notes
