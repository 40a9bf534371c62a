"""The stated default for "I don't know" about volume and length, from the rate tables."""

from __future__ import annotations

from planner.model.plan import TokenBreakdown, Workload
from planner.rates.loader import RateBook
from planner.rates.units import tokens_from_words

# Which part of a request each "typical" assumption sizes (words; tokens depend on language).
TYPICAL_WORDS = {
    "user_tokens": "typical_message_words",
    "system_prompt_tokens": "typical_instruction_words",
    "output_tokens_per_turn": "typical_answer_words",
}


def typical_workload(rates: RateBook, language: str) -> Workload:
    """A small office's assistant, in the content language's tokens: what the questions
    assume when the owner answers "I don't know"."""
    tokens = {
        part: tokens_from_words(rates, rates.assumption(key), language)
        for part, key in TYPICAL_WORDS.items()
    }
    return Workload(
        requests_per_day=rates.assumption("typical_requests_per_day"),
        language=language,
        breakdown=TokenBreakdown(**tokens, retrieved_context_tokens=0, turns=1),
    )
