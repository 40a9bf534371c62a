"""Words the portfolio's workbook and PDF share: facts, prices, service types, the snapshot.

Translated when called, so they follow the language in use.
"""

from __future__ import annotations

from planner.export.portfolio.annex import Offer, RestingRate
from planner.model.portfolio import Portfolio, RateSnapshot
from planner.model.result import BreakEven
from planner.scenarios.portfolio import ComparisonRow
from planner.words.formats import day, money, number, percent
from planner.words.i18n import _, ngettext
from planner.words.names import category_name, group_title, it_name, sensitivity_name

NO_FIGURE = "–"


def service_type_name(code: str) -> str:
    """What kind of service the hub gave, as its records name it."""
    names = {
        "ai_suitability_assessment": _("AI suitability assessment"),
        "test_before_invest": _("Test before invest"),
        "feasibility_study": _("Feasibility study"),
        "other": _("Other service"),
    }
    return names.get(code, code)


def snapshot_sentence(snapshot: RateSnapshot) -> str:
    """``Rates of 3 Dec 2026: tables dated up to 22 Nov 2026, genai-prices 0.2.3, 2 changes
    by the advisor.``"""
    changes = sum(len(fields) for rows in snapshot.overrides.values() for fields in rows.values())
    text = _(
        "Rates of {taken}: rate tables dated up to {tables}, API prices from genai-prices "
        "{version}."
    ).format(
        taken=day(snapshot.taken), tables=day(snapshot.tables_as_of), version=snapshot.genai_prices
    )
    if changes:
        text += " " + ngettext(
            "{count} rate changed by the advisor.", "{count} rates changed by the advisor.", changes
        ).format(count=changes)
    return text


def workshop_title(portfolio: Portfolio) -> str:
    """The workshop's title, or a plain one when it has none."""
    return portfolio.title.strip() or _("AI costs workshop")


def recommended_text(row: ComparisonRow) -> str:
    """The recommended option's name, or that none meets every need."""
    best = row.recommended
    if best is None:
        return _("No option meets every need")
    return best.label


def kind_text(row: ComparisonRow) -> str:
    """The kind of the recommended option in plain words."""
    best = row.recommended
    return group_title((best.kind, best.ownership)) if best is not None else NO_FIGURE


def share_text(share: float | None) -> str:
    """A share as a percentage, or a dash."""
    return NO_FIGURE if share is None else percent(share)


def people_text(row: ComparisonRow) -> str:
    """People's time in the first month: ``14 h, 83%`` (hours, and their share of the cost)."""
    if row.people_time_share is None or row.people_hours is None:
        return NO_FIGURE
    hours = number(row.people_hours, 0 if row.people_hours >= 10 else 1)
    return _("{hours} h, {share}").format(hours=hours, share=percent(row.people_time_share))


def break_even_text(point: BreakEven | None) -> str:
    """``about 12,000 requests a day``, or why there is no such volume, in a few words."""
    if point is None:
        return NO_FIGURE
    if point.requests_per_day is not None:
        return _("about {requests} requests a day").format(requests=number(point.requests_per_day))
    code = point.reason.code if point.reason is not None else ""
    if code == "no_break_even":
        return _("none up to {limit} requests a day").format(limit=number(point.searched_up_to))
    if code == "no_eligible_api":
        return _("none: no cloud service may take this data")
    if code == "no_eligible_self_hosted":
        return _("none: no server of your own meets the needs")
    return _("none")


def sensitivity_text(code: str) -> str:
    """The data a plan handles, in plain words."""
    return sensitivity_name(code)


def it_text(code: str) -> str:
    """Who runs the IT, in plain words."""
    return it_name(code)


def money_or_dash(amount: float | None, currency: str) -> str:
    """An amount of money, or a dash where there is none."""
    return NO_FIGURE if amount is None else money(amount, currency)


def price_text(offer: Offer) -> str:
    """An offer's price in its unit: per million tokens, per seat, per GPU-hour, or to buy."""
    if offer.price is None:
        return NO_FIGURE
    price = money(offer.price, offer.currency)
    if offer.unit == "per_mtok":
        output = money(offer.second_price or 0.0, offer.currency)
        return _("{input} in / {output} out per million tokens").format(input=price, output=output)
    if offer.unit == "per_seat_month":
        return _("{price} per seat a month").format(price=price)
    if offer.unit == "per_gpu_hour":
        return _("{price} per GPU-hour").format(price=price)
    return _("{price} to buy").format(price=price)


def amount_text(offer: Offer, currency: str) -> str:
    """What the engine costed the offer at for this plan: ``€105.84 a month``, ``€3,650.00
    once``, or a dash where it did not cost it."""
    if offer.amount is None:
        return NO_FIGURE
    if offer.once:
        return _("{cost} once").format(cost=money(offer.amount, currency))
    return _("{cost} a month").format(cost=money(offer.amount, currency))


def offer_note(offer: Offer) -> str:
    """Chosen, ruled out by the plan's needs, and older than six months, as they apply."""
    notes = []
    if offer.chosen:
        notes.append(_("chosen"))
    if not offer.meets_needs:
        notes.append(_("does not meet every need"))
    if offer.stale:
        notes.append(stale_text())
    return "; ".join(notes)


def stale_text() -> str:
    """The note beside a price too old for a grant application."""
    return _("price more than six months old: ask for a new offer")


def cost_name(rate: RestingRate) -> str:
    """``Staff time (a month)`` or ``Setting up (once)``."""
    if rate.monthly > 0:
        return _("{cost} (a month)").format(cost=category_name(rate.category))
    return _("{cost} (once)").format(cost=category_name(rate.category))


def resting_rate_text(rate: RestingRate) -> str:
    """What a cost rests on, e.g. ``Hourly rate: an external IT company``."""
    roles = {
        "external_it_service": _("an external IT company"),
        "internal_admin": _("an in-house administrator"),
        "ml_engineer": _("a machine-learning engineer"),
    }
    labels = {
        "hourly_rate": _("Hourly rate: {detail}"),
        "upkeep_hours": _("Hours of upkeep: {detail}"),
        "setup_hours": _("Hours to set it up: {detail}"),
        "electricity": _("Electricity price: {detail}"),
        "monitoring": _("Monitoring tools: {detail}"),
        "fine_tuning": _("Training on your data: {detail}"),
    }
    if rate.value is not None:
        detail = f"{number(rate.value, 0 if rate.value == int(rate.value) else 1)} {_(rate.unit)}"
    else:
        detail = roles.get(rate.detail, rate.detail)
    return labels[rate.what].format(detail=detail)
