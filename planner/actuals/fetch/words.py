"""Sentences for what went wrong with a key or a fetch, for the command line and the app."""

from __future__ import annotations

from planner.actuals.fetch.errors import FetchError
from planner.actuals.fetch.providers import PROVIDERS
from planner.actuals.keys import PREFIXES, KeyInputError, KeyringUnavailable
from planner.words.i18n import _


def provider_name(provider_id: str) -> str:
    """The provider as people write it (``OpenAI``), for messages."""
    found = PROVIDERS.get(provider_id)
    return found.name if found else provider_id


def fetch_error_text(error: FetchError) -> str:
    """One line saying what failed and what to do about it."""
    name = provider_name(error.provider)
    provider = PROVIDERS.get(error.provider)
    prefix = PREFIXES[provider.key_name] if provider else ""
    texts = {
        "unauthorised": _("{provider} refused the key (HTTP 401): it is wrong, revoked or not "
                          "an admin key. Admin keys start with {prefix}."),
        "forbidden": _("{provider} does not let this key read usage and costs (HTTP 403): use "
                       "an admin key created by an organisation owner."),
        "rate_limited": _("{provider} still asked to slow down (HTTP 429) after {attempts} "
                          "attempts; try again later."),
        "server_error": _("{provider} had a server error (HTTP {status}) on all {attempts} "
                          "attempts; try again later."),
        "timeout": _("{provider} did not answer in time on any of {attempts} attempts ({url})."),
        "connection": _("Cannot reach {url}; check the internet connection."),
        "rejected": _("{provider} refused the request (HTTP {status}) to {url}."),
        "bad_response": _("{url} did not answer with a usage or cost page."),
        "too_many_pages": _("{url} kept sending more pages; fetch a shorter period."),
        "insecure_url": _("{url}: keys are sent over https only (plain http only to this computer)."),
        "bad_url": _("{url} is not a web address the planner can use."),
        "bad_period": _("The period is wrong: it must start no later than today and end no "
                        "earlier than it starts."),
    }  # fmt: skip
    text = texts.get(error.code, error.code).format(
        provider=name, prefix=prefix, attempts=error.attempts, status=error.status, url=error.url
    )
    if error.detail and error.code not in ("bad_period", "timeout"):
        text += f" ({error.detail})"
    return text


def keyring_error_text(error: KeyringUnavailable) -> str:
    """Why no key could be kept or read in the keyring."""
    if error.reason == "none":
        return _("This computer has no keyring to keep keys in ({backend}).").format(
            backend=error.backend
        )
    if error.reason == "not_kept":
        return _("The keyring ({backend}) did not keep the key.").format(backend=error.backend)
    return _("The keyring ({backend}) failed: {detail}").format(
        backend=error.backend, detail=error.detail
    )


def key_input_error_text(error: KeyInputError) -> str:
    """Why what was pasted is not a key."""
    if error.code == "empty":
        return _("No key was given.")
    return _("A key is one word without spaces or line breaks.")


def key_prefix_warning(key_name: str) -> str:
    """A key that does not start as the provider's admin keys do."""
    return _("Admin keys start with {prefix}; this one does not, so the provider may refuse "
             "it.").format(prefix=PREFIXES[key_name])  # fmt: skip
