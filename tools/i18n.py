"""Translation catalogs: extract the source strings, update the .po files, compile .mo files.

``python -m tools.i18n extract`` rewrites assets/locale/planner.pot from the code (every
``_("...")`` in planner/ and ui/) and the data shown to users (template titles and
descriptions, assumption descriptions and units); ``update`` merges it into each language's
.po file; ``compile`` writes the .mo files the app loads. tests/test_translations.py fails
when any of these is out of date.
"""

from __future__ import annotations

import io
import json
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).parents[1]
LOCALE = ROOT / "assets" / "locale"
POT = LOCALE / "planner.pot"
LANGUAGES = ("pl", "uk")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def data_messages() -> Iterator[tuple[str, str]]:
    """(message, where) for user-facing text kept in data files."""
    for path in sorted((ROOT / "templates").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for key in ("title", "description"):
            yield data[key], f"templates/{path.name}"
    for name in ("assumptions", "calibration"):
        path = ROOT / "planner" / "data" / f"{name}.toml"
        for row in tomllib.loads(path.read_text(encoding="utf-8"))["rows"]:
            yield row["description"], f"planner/data/{path.name}"
            yield row["unit"], f"planner/data/{path.name}"


def extract() -> Catalog:
    catalog = Catalog(project="LLM Cost Planner", fuzzy=False)
    for folder in ("planner", "ui"):
        found = extract_from_dir(
            ROOT / folder,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            strip_comment_tags=True,
        )
        for filename, lineno, message, comments, context in found:
            location = (f"{folder}/{filename}", lineno)
            catalog.add(message, locations=[location], auto_comments=comments, context=context)
    for message, where in data_messages():
        if message:
            catalog.add(message, locations=[(where, 0)])
    return catalog


def catalog_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, omit_header=False, sort_output=True, width=100, no_location=True)
    return buffer.getvalue()


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "planner.po"


def read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=language)


def update() -> None:
    template = extract()
    for language in LANGUAGES:
        path = po_path(language)
        if path.exists():
            catalog = read(path, language)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=language, project="LLM Cost Planner")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path.write_bytes(catalog_bytes(catalog))


def compile_all() -> None:
    for language in LANGUAGES:
        catalog = read(po_path(language), language)
        with (po_path(language).with_suffix(".mo")).open("wb") as stream:
            write_mo(stream, catalog, use_fuzzy=False)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "all"
    if command in ("extract", "all"):
        POT.parent.mkdir(parents=True, exist_ok=True)
        POT.write_bytes(catalog_bytes(extract()))
    if command in ("update", "all"):
        update()
    if command in ("compile", "all"):
        compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
