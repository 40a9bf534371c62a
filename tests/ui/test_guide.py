"""Help → Guide opens the short user guide in the app's language, offline (issue 12)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from planner.words.guide import GUIDES, guide_text
from planner.words.i18n import set_language
from ui.guide import GuideWindow
from ui.main_window import MainWindow


def headings(text: str) -> list[str]:
    return re.findall(r"^#+ .*$", text, flags=re.MULTILINE)


@pytest.mark.parametrize("code", GUIDES)
def test_each_guide_has_every_section_and_the_glossary(code: str) -> None:
    text = guide_text(code)
    assert len(headings(text)) == len(headings(guide_text("en")))
    assert len(re.findall(r"^\d\. \*\*", text, flags=re.MULTILINE)) == 6  # the six questions
    for term in ("API", "self-hosting", "PUE", "KV cache" if code != "en" else "key/value cache"):
        assert term.lower() in text.lower(), (code, term)


def test_the_english_glossary_names_the_terms_an_owner_meets() -> None:
    glossary = guide_text("en").split("## Glossary", 1)[1]
    for term in ("Token", "API", "Self-hosting", "Amortisation", "Data residency"):
        assert f"**{term}**" in glossary


def test_help_guide_opens_in_the_apps_language(qtbot: Any, window: MainWindow) -> None:
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    guide = next(a for a in help_menu.actions() if a.text() == "&Guide")
    guide.trigger()
    shown = window.findChild(GuideWindow)
    assert shown is not None and shown.isVisible()
    assert "Glossary" in shown.text.toPlainText()
    guide.trigger()
    assert len(window.findChildren(GuideWindow)) == 1  # brought to the front, not doubled
    shown.close()
    set_language("pl")
    try:
        polish = GuideWindow(window)
        assert "Słowniczek" in polish.text.toPlainText()
        assert polish.windowTitle() != "Guide to LLM Cost Planner"
    finally:
        set_language("en")
