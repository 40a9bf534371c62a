"""Tools → Provider keys: a key typed in goes to the keyring, is tested, removed, never shown."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from planner.actuals import keys
from tests.planner.actuals.test_fetch import OPENAI_COSTS, Answer, LocalApi, cost_bucket
from tests.planner.actuals.test_keys import MemoryKeyring, installed
from tests.ui.conftest import Dialogs
from ui.keys_dialog import KeysDialog
from ui.main_window import MainWindow

KEY = "sk-admin-DIALOGTEST-8c7b6a5f4e"
SERVICE = ("llm-cost-planner/openai-admin", "admin-key")


@pytest.fixture
def api() -> Iterator[LocalApi]:
    local = LocalApi()
    local.serve(OPENAI_COSTS, [cost_bucket(0, "1")])
    thread = threading.Thread(target=local.server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield local
    local.server.shutdown()
    local.server.server_close()


def open_dialog(
    qtbot: Any, api: LocalApi | None = None, parent: QWidget | None = None
) -> KeysDialog:
    dialog = KeysDialog(parent, {"openai": api.url} if api else None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_key(qtbot: Any, dialog: KeysDialog, key: str = KEY) -> None:
    box = dialog.boxes["openai"]
    qtbot.keyClicks(box.entry, key)
    qtbot.mouseClick(box.save, Qt.MouseButton.LeftButton)


def shown_text(widget: QWidget) -> str:
    labels = [label.text() for label in widget.findChildren(QLabel)]
    fields = [field.text() + field.displayText() for field in widget.findChildren(QLineEdit)]
    return "\n".join([widget.windowTitle(), *labels, *fields])


def test_a_saved_key_goes_to_the_keyring_and_is_never_shown_again(
    qtbot: Any, memory: MemoryKeyring, answers: Dialogs
) -> None:
    dialog = open_dialog(qtbot)
    box = dialog.boxes["openai"]
    assert box.entry.echoMode() == QLineEdit.EchoMode.Password
    assert not box.test.isEnabled() and box.place.text() == "No key yet."
    qtbot.keyClicks(box.entry, KEY)
    assert KEY not in box.entry.displayText()  # masked while typed
    qtbot.mouseClick(box.save, Qt.MouseButton.LeftButton)
    assert memory.passwords == {SERVICE: KEY}
    assert box.entry.text() == "" and box.place.text() == "Kept in this computer's keyring."
    assert box.test.isEnabled() and box.remove.isEnabled()
    assert KEY not in shown_text(dialog)
    assert KEY not in shown_text(open_dialog(qtbot))  # nor when the dialog opens again


def test_the_key_is_in_no_settings_file(
    qtbot: Any, memory: MemoryKeyring, window: MainWindow, tmp_path: Path
) -> None:
    tools = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Tools")
    assert "Provider &keys…" in [action.text() for action in tools.actions()]
    type_key(qtbot, open_dialog(qtbot, parent=window))
    window.settings.set_larger_text(False)  # something is written to the settings
    window.close()
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written and [p for p in written if KEY.encode() in p.read_bytes()] == []


def test_test_says_when_the_key_works(
    qtbot: Any, memory: MemoryKeyring, answers: Dialogs, api: LocalApi
) -> None:
    dialog = open_dialog(qtbot, api)
    type_key(qtbot, dialog)
    box = dialog.boxes["openai"]
    qtbot.mouseClick(box.test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "works" in box.outcome.text(), timeout=10_000)
    assert box.outcome.text() == "The key works: OpenAI answered."
    [seen] = api.seen
    assert seen.path == OPENAI_COSTS and seen.headers["Authorization"] == f"Bearer {KEY}"
    assert box.test.isEnabled()


def test_a_refused_key_is_explained_without_showing_it(
    qtbot: Any, memory: MemoryKeyring, answers: Dialogs, api: LocalApi
) -> None:
    api.fail(OPENAI_COSTS, Answer(401, {"error": {"message": f"Incorrect API key: {KEY}"}}))
    dialog = open_dialog(qtbot, api)
    type_key(qtbot, dialog)
    box = dialog.boxes["openai"]
    qtbot.mouseClick(box.test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "HTTP 401" in box.outcome.text(), timeout=10_000)
    assert "refused the key" in box.outcome.text() and KEY not in shown_text(dialog)


def test_remove_asks_first_and_then_forgets_the_key(
    qtbot: Any, memory: MemoryKeyring, answers: Dialogs
) -> None:
    dialog = open_dialog(qtbot)
    type_key(qtbot, dialog)
    box = dialog.boxes["openai"]
    answers.yes = False
    qtbot.mouseClick(box.remove, Qt.MouseButton.LeftButton)
    assert memory.passwords == {SERVICE: KEY}
    answers.yes = True
    qtbot.mouseClick(box.remove, Qt.MouseButton.LeftButton)
    assert memory.passwords == {} and box.place.text() == "No key yet."
    assert not box.remove.isEnabled() and not box.test.isEnabled()


def test_a_key_that_is_not_an_admin_key_is_kept_with_a_warning(
    qtbot: Any, memory: MemoryKeyring, answers: Dialogs
) -> None:
    dialog = open_dialog(qtbot)
    type_key(qtbot, dialog, "sk-proj-abcdefghijkl")
    box = dialog.boxes["openai"]
    assert "Admin keys start with sk-admin-" in box.outcome.text()
    assert memory.passwords == {SERVICE: "sk-proj-abcdefghijkl"}


@pytest.mark.parametrize("agree", [True, False])
def test_without_a_keyring_a_key_is_kept_for_this_session_only_if_the_user_agrees(
    qtbot: Any, answers: Dialogs, agree: bool
) -> None:
    answers.yes = agree
    with installed(keyring.backends.fail.Keyring()):
        dialog = open_dialog(qtbot)
        assert not dialog.banner.isHidden()
        type_key(qtbot, dialog)
        box = dialog.boxes["openai"]
        if agree:
            assert box.place.text().startswith("Kept for this session only")
            assert keys.read_key("openai-admin") == keys.Secret(KEY)
            assert box.test.isEnabled()
        else:
            assert box.outcome.text() == "The key was not kept."
            assert box.place.text() == "No key yet."
            with pytest.raises(keys.KeyringUnavailable):
                keys.read_key("openai-admin")
        assert box.entry.text() == "" and KEY not in shown_text(dialog)


def test_with_a_keyring_there_is_no_banner(qtbot: Any, memory: MemoryKeyring) -> None:
    assert open_dialog(qtbot).banner.isHidden()
