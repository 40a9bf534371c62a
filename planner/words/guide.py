"""The user guide shipped with the app (``assets/guide/<language>.md``), read offline."""

from __future__ import annotations

from importlib import resources

from planner.words.i18n import language

GUIDES = ("en", "pl", "uk")


def guide_text(code: str | None = None) -> str:
    """The guide in ``code`` (the language in use by default), Markdown; English when there
    is none in that language."""
    wanted = code or language()
    name = f"{wanted if wanted in GUIDES else 'en'}.md"
    return resources.files("assets").joinpath("guide", name).read_text(encoding="utf-8")
