"""Admin keys for the providers' usage APIs: kept in the operating system's keyring only.

``keyring`` stores each key under its own service name (one per provider) in the Windows
Credential Locker, the macOS Keychain or the Secret Service on Linux. Where there is no
keyring (a headless Linux without Secret Service, where ``keyring`` raises
``NoKeyringError``), ``store_key`` raises ``KeyringUnavailable`` and the caller may keep the
key for this session only, in memory. There is no other fallback: a key is never written
to a file by this app.

A key travels as a ``Secret``, whose ``repr`` and ``str`` never show it, so it cannot slip
into a log line, a message or a crash report by being formatted; ``redact`` takes it (and
anything that looks like a provider key) out of text that came from elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import ModuleType
from typing import Literal, NoReturn, TypeVar

KEY_NAMES = ("openai-admin", "anthropic-admin")
PROVIDER_OF_KEY = {"openai-admin": "openai", "anthropic-admin": "anthropic"}
KEY_OF_PROVIDER = {provider: name for name, provider in PROVIDER_OF_KEY.items()}
SERVICES = {name: f"llm-cost-planner/{name}" for name in KEY_NAMES}
ACCOUNT = "admin-key"  # one key per provider: the service name tells them apart
PREFIXES = {"openai-admin": "sk-admin-", "anthropic-admin": "sk-ant-admin"}
REDACTED = "[key]"
_KEY_LIKE = re.compile(r"\bsk-[A-Za-z0-9_\-]{6,}")

Where = Literal["keyring", "session"]
T = TypeVar("T")


class Secret:
    """A key that never shows itself when printed, formatted or pickled."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The key itself, for the one place that needs it: a request header."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('…')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self) -> NoReturn:
        raise TypeError("a Secret is never pickled")


_session: dict[str, Secret] = {}  # keys the user chose to keep for this session only


class KeyringUnavailable(Exception):
    """No usable keyring on this computer, or it refused; never carries the key.

    ``reason`` is ``"none"`` (no backend, ``NoKeyringError``), ``"not_kept"`` (the backend
    accepted the key but does not return it, such as the ``null`` backend) or
    ``"failed"`` (the backend raised; ``detail`` says what, redacted).
    """

    def __init__(self, backend: str, reason: str, detail: str = "") -> None:
        super().__init__(f"{backend}: {reason}" + (f" ({detail})" if detail else ""))
        self.backend = backend
        self.reason = reason
        self.detail = detail


class KeyInputError(ValueError):
    """What was typed or piped in is not a key (``code``: ``"empty"`` or ``"not_one_line"``)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def clean_key(text: str) -> Secret:
    """A pasted key without surrounding blanks; refused when empty or not one word."""
    value = text.strip()
    if not value:
        raise KeyInputError("empty")
    if any(character.isspace() or not character.isprintable() for character in value):
        raise KeyInputError("not_one_line")
    return Secret(value)


def looks_like(name: str, secret: Secret) -> bool:
    """Whether the key starts as the provider's admin keys do (``sk-admin-…``)."""
    return secret.reveal().startswith(PREFIXES[name])


def backend_name() -> str:
    """The keyring the system offers, for display (``SecretService Keyring``)."""
    import keyring  # on first use: the command line starts without it

    return str(keyring.get_keyring().name)


def keyring_available() -> bool:
    """Whether the system keyring can be asked at all (session keys aside)."""
    try:
        _call(lambda k: k.get_password(SERVICES[KEY_NAMES[0]], ACCOUNT))
    except KeyringUnavailable:
        return False
    return True


def store_key(name: str, secret: Secret, *, session_only: bool = False) -> Where:
    """Keep a key in the keyring, or for this session only; where it went.

    Raises:
        KeyringUnavailable: there is no keyring, or it did not keep the key.
    """
    if session_only:
        _session[name] = secret
        return "session"
    _call(lambda k: k.set_password(SERVICES[name], ACCOUNT, secret.reveal()), secret)
    if _call(lambda k: k.get_password(SERVICES[name], ACCOUNT), secret) != secret.reveal():
        raise KeyringUnavailable(backend_name(), "not_kept")
    _session.pop(name, None)  # the keyring's copy is the one to use from now on
    return "keyring"


def read_key(name: str) -> Secret | None:
    """The key kept for this session, else the keyring's, else ``None``.

    Raises:
        KeyringUnavailable: no key for this session and no keyring to look in.
    """
    if name in _session:
        return _session[name]
    value: str | None = _call(lambda k: k.get_password(SERVICES[name], ACCOUNT))
    return None if value is None else Secret(value)


def key_place(name: str) -> Where | None:
    """Where a key is kept, without handing it out; ``None`` when there is none."""
    if name in _session:
        return "session"
    return "keyring" if read_key(name) is not None else None


def delete_key(name: str) -> bool:
    """Forget a key everywhere; whether there was one.

    Raises:
        KeyringUnavailable: the keyring could not be asked (a session key is still forgotten).
    """
    had_session = _session.pop(name, None) is not None
    try:
        return _call(lambda k: _delete(k, name)) or had_session
    except KeyringUnavailable:
        if had_session:
            return True
        raise


def _delete(keyring: ModuleType, name: str) -> bool:
    try:
        keyring.delete_password(SERVICES[name], ACCOUNT)
    except keyring.errors.PasswordDeleteError:
        return False  # there was none
    return True


def forget_session_keys() -> None:
    """Drop every key kept for this session only."""
    _session.clear()


def redact(text: str, *secrets: Secret | None) -> str:
    """``text`` with the given keys, and anything shaped like a provider key, taken out."""
    for secret in secrets:
        if secret is not None and secret.reveal():
            text = text.replace(secret.reveal(), REDACTED)
    return _KEY_LIKE.sub(REDACTED, text)


def _call(action: Callable[[ModuleType], T], secret: Secret | None = None) -> T:
    """Run one keyring call; every way a backend fails becomes ``KeyringUnavailable``."""
    import keyring
    import keyring.errors

    try:
        return action(keyring)
    except keyring.errors.NoKeyringError:
        raise KeyringUnavailable(backend_name(), "none") from None
    except Exception as error:  # Secret Service, D-Bus and Keychain errors are many kinds
        detail = redact(" ".join(str(error).split())[:200], secret)
        raise KeyringUnavailable(backend_name(), "failed", detail or type(error).__name__) from None
