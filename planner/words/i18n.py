"""The one translation layer for the app, the command line and the exports (gettext).

English is the source language; catalogs live in ``assets/locale/<lang>/LC_MESSAGES``.
"""

from __future__ import annotations

import gettext as _gettext
from importlib import resources

DOMAIN = "planner"
LANGUAGES = ("en", "pl", "uk")
_active: _gettext.NullTranslations = _gettext.NullTranslations()
_active_language = "en"


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
    return _active.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _active.ngettext(singular, plural, count)


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
