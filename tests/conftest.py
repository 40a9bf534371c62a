"""Test-wide settings: English unless a test asks for another language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from planner.words.i18n import set_language
from tests.planner.actuals.test_keys import MemoryKeyring, installed


@pytest.fixture(autouse=True)
def english_by_default(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def memory() -> Iterator[MemoryKeyring]:
    """A keyring in memory for one test, so no test touches the real one."""
    backend = MemoryKeyring()
    with installed(backend):
        yield backend
