"""``keys set|status|delete``: keys go into the keyring from standard input, never out."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import keyring.backends.fail
import pytest

from planner.cli.main import run
from tests.planner.actuals.test_keys import MemoryKeyring, installed

KEY = "sk-admin-CLITEST-0a1b2c3d4e5f"
SERVICE = ("llm-cost-planner/openai-admin", "admin-key")


@pytest.fixture
def no_keyring() -> Iterator[None]:
    with installed(keyring.backends.fail.Keyring()):
        yield


def keys(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *argv: str,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = run(["keys", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_set_reads_the_key_from_standard_input_and_never_prints_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, memory: MemoryKeyring
) -> None:
    status, out, err = keys(capsys, monkeypatch, "set", "openai-admin", stdin=f"{KEY}\n")
    assert (status, err) == (0, "")
    assert "openai-admin: stored in the system keyring" in out and KEY not in out
    assert memory.passwords == {SERVICE: KEY}


def test_set_warns_when_the_key_is_not_an_admin_key(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, memory: MemoryKeyring
) -> None:
    status, _, err = keys(capsys, monkeypatch, "set", "openai-admin", stdin="sk-proj-123456789")
    assert status == 0 and "Admin keys start with sk-admin-" in err
    assert "sk-proj-123456789" not in err


def test_set_without_a_key_is_one_line_and_stores_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, memory: MemoryKeyring
) -> None:
    status, _, err = keys(capsys, monkeypatch, "set", "openai-admin", stdin="\n")
    assert status == 2 and err == "error: openai-admin: No key was given.\n"
    assert memory.passwords == {}


def test_set_without_a_keyring_refuses_and_points_to_key_env(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, no_keyring: None
) -> None:
    key = "sk-ant-admin01-CLITEST-99"
    status, out, err = keys(capsys, monkeypatch, "set", "anthropic-admin", stdin=key)
    assert status == 2 and err.count("\n") == 1
    assert "no keyring" in err and "--key-env VAR" in err
    assert key not in out + err


def test_status_says_which_keys_are_stored_never_the_keys(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, memory: MemoryKeyring
) -> None:
    keys(capsys, monkeypatch, "set", "openai-admin", stdin=KEY)
    status, out, _ = keys(capsys, monkeypatch, "status", "--json")
    data = json.loads(out)
    assert status == 0 and KEY not in out
    assert data["keyring"]["available"] is True
    assert {k["name"]: k["stored"] for k in data["keys"]} == {
        "openai-admin": True,
        "anthropic-admin": False,
    }
    _, text, _ = keys(capsys, monkeypatch, "status")
    assert "openai-admin     stored" in text and "anthropic-admin  not stored" in text


def test_status_without_a_keyring_still_answers(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, no_keyring: None
) -> None:
    status, out, _ = keys(capsys, monkeypatch, "status", "--json")
    data = json.loads(out)
    assert status == 0 and data["keyring"] == {"backend": "fail Keyring", "available": False}
    assert not any(k["stored"] for k in data["keys"])


def test_delete_removes_the_key_and_a_second_delete_says_there_was_none(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, memory: MemoryKeyring
) -> None:
    keys(capsys, monkeypatch, "set", "openai-admin", stdin=KEY)
    assert keys(capsys, monkeypatch, "delete", "openai-admin")[:2] == (0, "openai-admin: removed\n")
    assert memory.passwords == {}
    _, out, _ = keys(capsys, monkeypatch, "delete", "openai-admin")
    assert out == "openai-admin: no key was stored\n"


def test_an_unknown_key_name_is_bad_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, memory: MemoryKeyring
) -> None:
    status, _, err = keys(capsys, monkeypatch, "set", "mistral-admin", stdin=KEY)
    assert status == 2 and "invalid choice: 'mistral-admin'" in err and err.count("\n") == 1
