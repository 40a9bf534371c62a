"""Words for the "How much?" step: units of work, and how lengths become tokens."""

from __future__ import annotations

from babel import Locale

from planner.model.plan import Plan, TokenBreakdown
from planner.rates import RateBook
from planner.rates.units import language_factor
from planner.words.formats import day, locale_for, number
from planner.words.i18n import _

TEMPLATE_UNITS = {
    "customer_email": "emails",
    "insurance_emails": "emails",
    "document_analysis": "documents",
    "knowledge_assistant": "chats",
    "support_agent": "chats",
    "voice_agent": "calls",
}


def count_units(*, per_day: bool = False, incoming: bool = False) -> list[tuple[str, str]]:
    """The units of work a business counts, as (key, label) in the wording asked for."""
    if per_day:
        return [
            ("emails", _("E-mails a day")),
            ("documents", _("Documents a day")),
            ("chats", _("Chats a day")),
            ("calls", _("Phone calls a day")),
            ("requests", _("Requests a day")),
        ]
    if incoming:
        return [
            ("emails", _("Each e-mail")),
            ("documents", _("Each document")),
            ("chats", _("Each customer message")),
            ("calls", _("Each thing a caller says")),
            ("requests", _("Each request")),
        ]
    return [
        ("emails", _("e-mails")),
        ("documents", _("documents")),
        ("chats", _("chat conversations")),
        ("calls", _("phone calls")),
        ("requests", _("requests of any kind")),
    ]


def unit_for_template(template_id: str | None) -> str:
    return TEMPLATE_UNITS.get(template_id or "", "requests")


def token_explanation(rates: RateBook, plan: Plan, parts: TokenBreakdown) -> str:
    """How the lengths became tokens, in a few sentences, so a wrong figure can be spotted."""
    work = plan.workload
    factor = language_factor(rates, work.language)
    language = Locale.parse(locale_for()).languages.get(factor.code, factor.code)
    lines = [
        _(
            "In {language}, a word is about {tokens} tokens and a page about {words} words "
            "(language table, {date})."
        ).format(
            language=language,
            tokens=number(factor.tokens_per_word, 1),
            words=number(factor.words_per_page),
            date=day(factor.as_of),
        ),
        _(
            "Each message: {read} tokens read ({text} text, {instructions} instructions, "
            "{reference} reference) and {written} tokens written."
        ).format(
            read=number(
                parts.user_tokens + parts.system_prompt_tokens + parts.retrieved_context_tokens
            ),
            text=number(parts.user_tokens),
            instructions=number(parts.system_prompt_tokens),
            reference=number(parts.retrieved_context_tokens),
            written=number(parts.output_tokens_per_turn),
        ),
    ]
    if parts.turns > 1:
        lines.append(
            _(
                "A conversation of {turns} messages re-sends what was said before each time, "
                "so it reads more than {turns} times one message."
            ).format(turns=parts.turns)
        )
    lines.append(
        _("In all: about {input} tokens in and {output} tokens out per request.").format(
            input=number(work.input_tokens), output=number(work.output_tokens)
        )
    )
    return "\n".join(lines)
