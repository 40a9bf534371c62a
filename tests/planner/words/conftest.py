"""A Polish catalog with a few test translations added, for sentences whose translation the
shipped catalog does not have yet: the plural rule (three forms) is the real one."""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from planner.words import i18n

POLISH_PO = Path(__file__).parents[3] / "assets" / "locale" / "pl" / "LC_MESSAGES" / "planner.po"
Added = dict[str | tuple[str, str], str | tuple[str, ...]]


@pytest.fixture
def polish_with(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Added], None]]:
    """Switch to Polish, the shipped catalog plus ``added`` (msgid, or (singular, plural),
    to the translation, or to its plural forms)."""

    def install(added: Added) -> None:
        with POLISH_PO.open("rb") as po:
            catalog = read_po(po, locale="pl")
        for message, translation in added.items():
            catalog.delete(message)  # a shipped translation gives way to the test's
            catalog.add(message, translation)
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        compiled.seek(0)
        monkeypatch.setattr(i18n, "_active", gettext.GNUTranslations(compiled))
        monkeypatch.setattr(i18n, "_active_language", "pl")

    yield install
    i18n.set_language("en")
