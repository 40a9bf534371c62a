"""From business units (words, pages, e-mails) to tokens, by content language."""

from __future__ import annotations

from planner.rates import RateBook
from planner.rates.schema import LanguageFactor


def language_factor(rates: RateBook, language: str) -> LanguageFactor:
    """The language's tokens-per-word row, or English when the language is not listed."""
    for code in (language, "en"):
        for row in rates.languages:
            if row.code == code:
                return row
    return rates.languages[0]


def tokens_from_words(rates: RateBook, words: float, language: str) -> int:
    """Tokens a text of ``words`` words becomes (Polish and Ukrainian need more per word)."""
    return round(words * language_factor(rates, language).tokens_per_word)


def words_from_pages(rates: RateBook, pages: float, language: str) -> float:
    return pages * language_factor(rates, language).words_per_page


def tokens_from_pages(rates: RateBook, pages: float, language: str) -> int:
    return tokens_from_words(rates, words_from_pages(rates, pages, language), language)
