"""Translation catalogs: complete, current, and faithful to the placeholders."""

from __future__ import annotations

import gettext
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from tools.i18n import LANGUAGES, POT, extract, po_path, read

EXTRACTED = extract()


def ids(catalog: Catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_extracted_strings_are_up_to_date() -> None:
    """Run `make translations` when this fails: the code's strings changed."""
    assert ids(read(POT)) == ids(EXTRACTED)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_holds_exactly_the_strings_the_code_uses(language: str) -> None:
    catalog = ids(read(po_path(language), language))
    missing, unused = ids(EXTRACTED) - catalog, catalog - ids(EXTRACTED)
    assert not missing, (
        f"{language}: {len(missing)} strings untranslated, e.g. {sorted(missing)[:3]}"
    )
    assert not unused, (
        f"{language}: {len(unused)} strings no longer used, e.g. {sorted(unused)[:3]}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_with_its_placeholders(language: str) -> None:
    for message in read(po_path(language), language):
        if not message.id:
            continue
        singular = message.id if isinstance(message.id, str) else message.id[0]
        translations = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(translations), f"{language}: not translated: {singular!r}"
        assert not message.fuzzy, f"{language}: fuzzy: {singular!r}"
        for translation in translations:
            assert fields(translation) == fields(singular), (
                f"{language}: placeholders differ in {singular!r}"
            )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalog_matches_the_source(language: str) -> None:
    """Run `make translations` when this fails: the .mo file is older than the .po file."""
    source = read(po_path(language), language)
    with Path(po_path(language).with_suffix(".mo")).open("rb") as stream:
        compiled = gettext.GNUTranslations(stream)
    for message in source:
        if message.id and isinstance(message.id, str) and isinstance(message.string, str):
            assert compiled.gettext(message.id) == message.string
