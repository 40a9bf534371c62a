"""The one translation layer for the app, the command line and the exports (gettext).

English is the source language; catalogs live in ``assets/locale/<lang>/LC_MESSAGES``.

Stretch mode, for layout tests (as Vorta's ``TRANS_SCALE``): ``set_stretch(1.4)``, or the
environment variable ``LLM_PLANNER_TRANS_SCALE=1.4`` at start, lengthens every translated
string by that factor with extra short words, so a label that only just fits in English
shows up as clipped long before a translation does it.
"""

from __future__ import annotations

import gettext as _gettext
from importlib import resources

DOMAIN = "planner"
LANGUAGES = ("en", "pl", "uk")
_active: _gettext.NullTranslations = _gettext.NullTranslations()
_active_language = "en"
STRETCH_VARIABLE = "LLM_PLANNER_TRANS_SCALE"
_stretch = 1.0


def set_stretch(factor: float) -> None:
    """Lengthen every later translation by ``factor`` (1.0: off)."""
    global _stretch
    _stretch = max(1.0, factor)


def stretch_from_environment(environ: dict[str, str] | None = None) -> None:
    """Stretch mode from ``LLM_PLANNER_TRANS_SCALE`` when it holds a number."""
    import os

    raw = (os.environ if environ is None else environ).get(STRETCH_VARIABLE, "")
    try:
        set_stretch(float(raw))
    except ValueError:
        set_stretch(1.0)


def stretched(text: str, factor: float) -> str:
    """``text`` with short extra words making it ``factor`` times as long."""
    extra = round(len(text) * (factor - 1.0))
    if extra <= 0 or not text.strip():
        return text
    words = [("x" * 5)[: min(5, extra - i)] for i in range(0, extra, 6)]
    return text + " " + " ".join(words)


def set_language(code: str) -> None:
    """Switch every later ``_()`` call to ``code``; unknown codes fall back to English."""
    global _active, _active_language
    locale_dir = resources.files("assets").joinpath("locale")
    with resources.as_file(locale_dir) as path:
        _active = _gettext.translation(DOMAIN, localedir=str(path), languages=[code], fallback=True)
    _active_language = code if code in LANGUAGES else "en"


def language() -> str:
    return _active_language


def N_(message: str) -> str:
    """Mark ``message`` for translation where it is defined (a table of titles); it is
    translated with ``_()`` where it is shown, in the language then in use."""
    return message


def _(message: str) -> str:
    """Translate a source string."""
    text = _active.gettext(message)
    return stretched(text, _stretch) if _stretch > 1.0 else text


def ngettext(singular: str, plural: str, count: int) -> str:
    text = _active.ngettext(singular, plural, count)
    return stretched(text, _stretch) if _stretch > 1.0 else text


def system_language(environ: dict[str, str] | None = None) -> str:
    """The user's language from the usual environment variables, if we have it, else English."""
    import os

    env = os.environ if environ is None else environ
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in env.get(variable, "").split(":"):
            code = part.split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
            if code and code not in ("c", "posix"):
                break
    return "en"
