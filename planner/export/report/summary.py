"""The report's cover and its one-page summary: what to do, what it costs, why, and what
would change the answer."""

from __future__ import annotations

from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from planner.export.report.text import (
    FONT_BOLD,
    HIGHLIGHT,
    bold_then,
    bullet,
    column_widths,
    header_row,
    markup,
    para,
    styles,
    table_style,
)
from planner.export.report.words import (
    VARIANTS,
    group_title,
    month_label,
    months_text,
    over_months,
    variant_name,
)
from planner.export.shown import shown_options
from planner.model.plan import Plan
from planner.model.result import EstimateResult, Option
from planner.words.formats import about, day, money, number
from planner.words.headline import purchase_sentence, split_sentence
from planner.words.i18n import _, ngettext
from planner.words.names import localised_label
from planner.words.reasons import describe

LONG_TITLE = 80  # characters; a longer plan name is set smaller on the cover


def start_month(plan: Plan, today: date) -> date:
    """The budget's first month: the plan's start, or this month."""
    first = plan.start_date or today
    return first.replace(day=1)


def cover(plan: Plan, result: EstimateResult, today: date, width: float) -> list[Flowable]:
    """Title, plan and company, advisor, date, the plan's notes."""
    facts = [
        (_("Prepared for"), plan.company or "–"),
        (_("Prepared by"), plan.advisor or "–"),
        (_("Date"), day(today)),
        (_("Budget starts"), month_label(start_month(plan, today))),
        (_("Horizon"), months_text(plan.horizon_months)),
        (_("Currency"), result.currency),
    ]
    rows = [[para(label, "small"), para(value, "lead")] for label, value in facts]
    table = Table(rows, colWidths=[38 * mm, width - 38 * mm])
    table.setStyle(
        table_style(
            [("BACKGROUND", (0, 0), (-1, 0), colors.white), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        )
    )
    flow: list[Flowable] = [
        Spacer(1, 40 * mm),
        para(_("What running a language model will cost"), "subtitle"),
        para(plan.name, "title" if len(plan.name) <= LONG_TITLE else "title_long"),
        Spacer(1, 8 * mm),
        table,
    ]
    if plan.notes.strip():
        flow += [Spacer(1, 8 * mm), para(_("Notes"), "h2"), para(plan.notes)]
    flow += [
        Spacer(1, 12 * mm),
        para(
            _(
                "Prepared with LLM Cost Planner from its bundled price tables; every figure "
                "is an estimate, and the last pages list what it rests on."
            ),
            "small",
        ),
    ]
    return flow


def summary(plan: Plan, result: EstimateResult, width: float) -> list[Flowable]:
    """The one-page summary, recommendation first."""
    flow: list[Flowable] = [para(_("Summary"), "h1")]
    best = result.recommended
    if best is None:
        flow += [
            para(describe(reason, result.currency), "lead")
            for reason in result.recommendation.reasons
        ]
    else:
        flow += _recommendation(best, result, width)
    flow += [para(_("What would change the answer"), "h2"), *_what_would_change(plan, result)]
    if shown_options(result):
        flow += [para(_("The options side by side"), "h2"), _overview(result, width)]
    return flow + disclaimer()


def _recommendation(best: Option, result: EstimateResult, width: float) -> list[Flowable]:
    currency = result.currency
    figures = [
        (_("A month"), money(best.monthly_cost, currency), _("in the first month")),
        (_("One-off"), money(best.one_off_cost, currency), _("to set it up")),
        (
            _("In total"),
            money(best.horizon_cost, currency),
            ngettext("over {months} month", "over {months} months", result.horizon_months).format(
                months=result.horizon_months
            ),
        ),
    ]
    style = styles()
    cells = [
        [Paragraph(markup(label), style["small"]) for label, _v, _n in figures],
        [Paragraph(f"<b>{markup(value)}</b>", style["subtitle"]) for _l, value, _n in figures],
        [Paragraph(markup(note), style["small"]) for _l, _v, note in figures],
    ]
    box = Table(cells, colWidths=[width / 3] * 3)
    box.setStyle(
        table_style(
            [
                ("BACKGROUND", (0, 0), (-1, -1), HIGHLIGHT),
                ("LINEBELOW", (0, 0), (-1, -1), 0, HIGHLIGHT),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    why = [r for r in result.recommendation.reasons if r.code != "excluded_count"]
    ruled_out = sum(
        int(r.params.get("count", 0))
        for r in result.recommendation.reasons
        if r.code == "excluded_count"
    )
    flow: list[Flowable] = [
        bold_then(
            _("We recommend:"), f"{group_title(best)} — {localised_label(best.label)}", "lead"
        ),
        Spacer(1, 2 * mm),
        box,
        Spacer(1, 1.5 * mm),
        *_what_the_money_buys(best, currency),
        para(_("Why"), "h2"),
        *[bullet(describe(reason, currency)) for reason in why],
    ]
    if ruled_out:
        flow.append(
            bullet(
                ngettext(
                    "{count} other option was ruled out by your needs; the section “Options "
                    "ruled out” says which and why.",
                    "{count} other options were ruled out by your needs; the section “Options "
                    "ruled out” says which and why.",
                    ruled_out,
                ).format(count=number(ruled_out))
            )
        )
    return flow


def _what_the_money_buys(best: Option, currency: str) -> list[Flowable]:
    """The month split into the AI itself and people's time; what the one-off buys."""

    def amount(value: float) -> str:
        return money(value, currency)

    sentences = [split_sentence(best, amount), purchase_sentence(best, amount)]
    return [para(text) for text in sentences if text]


def _what_would_change(plan: Plan, result: EstimateResult) -> list[Flowable]:
    flow: list[Flowable] = []
    sentence = break_even_sentence(plan, result)
    if sentence:
        flow.append(bullet(sentence))
    flow += [bullet(text) for text in _sensitivity_sentences(result)]
    return flow


def break_even_sentence(plan: Plan, result: EstimateResult) -> str | None:
    """The break-even volume in words, or why there is none."""
    point = result.break_even
    if point is None:
        return None
    if point.requests_per_day is None:
        return describe(point.reason, result.currency) if point.reason else None
    text = _(
        "Running a model yourself becomes cheaper than the cheapest cloud AI service from "
        "about {requests} requests a day; you plan {volume}."
    ).format(requests=about(point.requests_per_day), volume=number(plan.workload.requests_per_day))
    local = _find(result, point.self_hosted_option_id)
    if local is not None:
        text += " " + _("At that volume the cheapest is {option}.").format(
            option=localised_label(local.label)
        )
    return text


def _find(result: EstimateResult, option_id: str | None) -> Option | None:
    return next((o for o in result.options if o.id == option_id), None) if option_id else None


def _sensitivity_sentences(result: EstimateResult) -> list[str]:
    """For each tested change that makes another shown option the cheapest, one sentence."""
    best = result.recommended
    rows = {row.option_id: row for row in result.sensitivity}
    if best is None or best.id not in rows:
        return []
    sentences = []
    for variant in VARIANTS:
        costs = {
            oid: row.horizon_cost[variant]
            for oid, row in rows.items()
            if variant in row.horizon_cost
        }
        if not costs or variant not in rows[best.id].horizon_cost:
            continue
        winner = min(costs, key=lambda oid: (costs[oid], oid))
        if winner == best.id or costs[winner] >= costs[best.id]:
            continue
        sentences.append(
            ngettext(
                "{change}: {option} would cost least, {cost} over {months} month against "
                "{best_cost}.",
                "{change}: {option} would cost least, {cost} over {months} months against "
                "{best_cost}.",
                result.horizon_months,
            ).format(
                change=variant_name(variant),
                option=group_title(result.option(winner)),
                cost=money(costs[winner], result.currency),
                months=result.horizon_months,
                best_cost=money(costs[best.id], result.currency),
            )
        )
    if not sentences:
        sentences.append(
            _(
                "None of the changes tested — half to a hundred times the requests, shorter or "
                "longer requests, prices half or one and a half times as high — makes another "
                "kind of option cheaper."
            )
        )
    return sentences


def _overview(result: EstimateResult, width: float) -> Table:
    """Each shown option's kind, monthly and total cost; the recommended one shaded."""
    currency = result.currency
    header = [
        _("Kind"),
        _("A month"),
        _("One-off"),
        over_months(result.horizon_months),
    ]
    rows: list[list[object]] = [
        [
            para(group_title(option), "cell"),
            money(option.monthly_cost, currency),
            money(option.one_off_cost, currency),
            money(option.horizon_cost, currency),
        ]
        for option in shown_options(result)
    ]
    widths = column_widths(header, rows, width, {0: 1})
    table = Table([header_row(header), *rows], colWidths=widths, repeatRows=1)
    extra: list[tuple[object, ...]] = [("ALIGN", (1, 1), (-1, -1), "RIGHT")]
    if result.recommended is not None:
        extra += [
            ("BACKGROUND", (0, 1), (-1, 1), HIGHLIGHT),
            ("FONTNAME", (1, 1), (-1, 1), FONT_BOLD),
        ]
    table.setStyle(table_style(extra))
    return table


def disclaimer() -> list[Flowable]:
    """A short note that these are estimates and what they rest on."""
    return [
        KeepTogether(
            [
                para(_("About these figures"), "h2"),
                para(
                    _(
                        "These are estimates, not quotes. They come from published prices, exchange rates, "
                        "wages and measurements, each with its source and date in this report, and from "
                        "your own description of the work. Prices change, real use differs from the plan, "
                        "and speeds depend on the software and its settings. Check the main figures with "
                        "suppliers before you commit money, and repeat the estimate when your volume or "
                        "the prices change."
                    ),
                    "small",
                ),
            ]
        )
    ]
