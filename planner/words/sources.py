"""Where a figure comes from, in the form a reader cites it.

Every screen, page and sheet that shows a figure's source goes through :func:`cite`: the
bundled tables name their sources as publisher, title, date and link, and this module turns
the two markers the exports use for the plan's own figures into words, and keeps anything
meant for the people who maintain the tables (a file in this program, a table's internal
name) out of what a reader sees.
"""

from __future__ import annotations

import re
from datetime import date

from planner.words.formats import day
from planner.words.i18n import _

PLAN_SOURCE = "plan"  # a figure typed into the plan rather than read from a table
DERIVED_SOURCE = "derived"  # a figure worked out from other figures

_URL = re.compile(r"https?://\S+")
# A file of this program named in a source: "(shared/seeds/003_….txt)", "data/measurements.toml".
_INTERNAL_FILE = re.compile(
    r"\s*\(?\b(?:(?:[\w.-]+/)*[\w.-]+\.(?:toml|txt|py|json)|REFERENCES\.md|STYLE\.md)\b\)?(?![\w/])",
    re.IGNORECASE,
)
_SEED = re.compile(r"\bseeds?\b", re.IGNORECASE)
# A name joined with underscores (``setup_hours_api``) outside a link: an internal name.
_SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
# Public codes that contain underscores and that a reader can look up where they are cited.
PUBLIC_CODES = frozenset(
    {"nrg_pc_205", "lc_lci_lev", "o200k_base", "cl100k_base", "inference_geo", "ik_llama"}
)


def cite(source: str) -> str:
    """``source`` as a reader cites it (publisher, title, date, link), in the current language
    for the plan's own and worked-out figures."""
    if source == PLAN_SOURCE:
        return _("Your plan")
    if source == DERIVED_SOURCE:
        return _("Worked out from the figures above")
    return _tidy(_without_internal_files(source))


def cite_dated(source: str, as_of: date | None) -> str:
    """The citation followed by the date its figure was read or published, when known."""
    text = cite(source)
    if as_of is None or source in (PLAN_SOURCE, DERIVED_SOURCE):
        return text
    return _("{source} (as of {date})").format(source=text, date=day(as_of))


def internal_notes(text: str) -> list[str]:
    """What in ``text`` is meant for maintainers, not readers: this program's files, the word
    "seed", and internal names joined with underscores (links and public codes aside)."""
    plain = _URL.sub(" ", text)
    found = [match.group().strip(" ()") for match in _INTERNAL_FILE.finditer(plain)]
    found += [match.group() for match in _SEED.finditer(plain)]
    found += [name for name in _SNAKE.findall(plain) if name not in PUBLIC_CODES]
    return found


def _without_internal_files(source: str) -> str:
    """Links stay whole; file names of this program between them are dropped."""
    pieces: list[str] = []
    last = 0
    for match in _URL.finditer(source):
        pieces.append(_INTERNAL_FILE.sub("", source[last : match.start()]))
        pieces.append(match.group())
        last = match.end()
    pieces.append(_INTERNAL_FILE.sub("", source[last:]))
    return "".join(pieces)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+([.,;:])", r"\1", text)
    text = re.sub(r"\(\s*\)", "", text)
    return re.sub(r"\s{2,}", " ", text).strip()
