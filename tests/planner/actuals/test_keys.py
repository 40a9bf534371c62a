"""Admin keys: the keyring only (one service per provider), a session-only fallback, redaction.

``MemoryKeyring`` and ``memory_keyring`` are used by the fetch, CLI and dialog tests too.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from contextlib import contextmanager

import keyring
import keyring.backend
import keyring.backends.fail
import pytest

from planner.actuals import keys
from planner.actuals.keys import (
    KeyInputError,
    KeyringUnavailable,
    Secret,
    clean_key,
    delete_key,
    key_place,
    read_key,
    redact,
    store_key,
)

KEY = "sk-admin-TESTKEY0123456789abcdef"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring in a dict, so no test touches the real one."""

    priority = -1  # never chosen by keyring itself: only where a test installs it

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")


@contextmanager
def installed(backend: keyring.backend.KeyringBackend) -> Iterator[None]:
    """Install a backend for one test, then put back the one there was."""
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    keys.forget_session_keys()
    try:
        yield
    finally:
        keys.forget_session_keys()
        keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    with installed(backend):
        yield backend


@pytest.fixture
def no_keyring() -> Iterator[None]:
    with installed(keyring.backends.fail.Keyring()):
        yield


def test_a_key_is_kept_in_the_keyring_under_its_providers_service(
    memory_keyring: MemoryKeyring,
) -> None:
    assert store_key("openai-admin", Secret(KEY)) == "keyring"
    assert store_key("anthropic-admin", Secret("sk-ant-admin01-other")) == "keyring"
    assert memory_keyring.passwords == {
        ("llm-cost-planner/openai-admin", "admin-key"): KEY,
        ("llm-cost-planner/anthropic-admin", "admin-key"): "sk-ant-admin01-other",
    }
    assert read_key("openai-admin") == Secret(KEY)
    assert key_place("openai-admin") == "keyring"


def test_deleting_forgets_the_key_and_says_whether_there_was_one(
    memory_keyring: MemoryKeyring,
) -> None:
    store_key("openai-admin", Secret(KEY))
    assert delete_key("openai-admin") is True
    assert read_key("openai-admin") is None and memory_keyring.passwords == {}
    assert delete_key("openai-admin") is False


def test_without_a_keyring_storing_fails_clearly_and_writes_nothing(no_keyring: None) -> None:
    with pytest.raises(KeyringUnavailable) as raised:
        store_key("openai-admin", Secret(KEY))
    assert raised.value.reason == "none" and "fail" in raised.value.backend
    assert KEY not in str(raised.value)
    with pytest.raises(KeyringUnavailable):
        read_key("openai-admin")


def test_a_session_only_key_is_used_without_any_keyring(no_keyring: None) -> None:
    assert store_key("openai-admin", Secret(KEY), session_only=True) == "session"
    assert read_key("openai-admin") == Secret(KEY)
    assert key_place("openai-admin") == "session"
    assert delete_key("openai-admin") is True
    keys.forget_session_keys()
    with pytest.raises(KeyringUnavailable):
        read_key("openai-admin")


def test_a_keyring_that_does_not_keep_the_key_is_not_trusted(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.set_password = lambda *_args: None  # type: ignore[method-assign]
    with pytest.raises(KeyringUnavailable) as raised:
        store_key("openai-admin", Secret(KEY))
    assert raised.value.reason == "not_kept"


def test_a_failing_backend_is_reported_without_the_key(memory_keyring: MemoryKeyring) -> None:
    def locked(_service: str, _user: str, password: str) -> None:
        raise RuntimeError(f"collection is locked; cannot store {password}")

    memory_keyring.set_password = locked  # type: ignore[method-assign]
    with pytest.raises(KeyringUnavailable) as raised:
        store_key("openai-admin", Secret(KEY))
    assert raised.value.reason == "failed" and "locked" in raised.value.detail
    assert KEY not in raised.value.detail


def test_a_secret_never_shows_itself() -> None:
    secret = Secret(KEY)
    assert KEY not in repr(secret) and KEY not in str(secret) and KEY not in f"{secret}"
    assert KEY not in repr({"key": secret})
    with pytest.raises(TypeError):
        pickle.dumps(secret)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Incorrect API key provided: {KEY}.", "Incorrect API key provided: [key]."),
        ("key sk-ant-admin01-abcdefgh was revoked", "key [key] was revoked"),
        ("no key here, only sk-", "no key here, only sk-"),
    ],
)
def test_redact_takes_out_keys_and_anything_shaped_like_one(text: str, expected: str) -> None:
    assert redact(text, Secret(KEY)) == expected


@pytest.mark.parametrize(
    ("text", "code"), [("", "empty"), ("  \n", "empty"), ("sk-admin-a b", "not_one_line")]
)
def test_what_is_not_a_key_is_refused(text: str, code: str) -> None:
    with pytest.raises(KeyInputError) as raised:
        clean_key(text)
    assert raised.value.code == code


def test_a_pasted_key_loses_surrounding_blanks() -> None:
    assert clean_key(f"  {KEY}\n") == Secret(KEY)
