"""Tools → Provider keys: add, test and remove the admin keys that fetch usage and costs.

A key is typed into a masked field and goes straight to the system keyring (or, where
there is none and the user agrees, into memory for this session); the field is cleared and
the key is never shown again. "Test" makes one small authenticated request off the GUI
thread. Nothing here writes a key to the settings or anywhere else.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from planner.actuals.fetch.errors import FetchError
from planner.actuals.fetch.providers import PROVIDERS, Provider
from planner.actuals.fetch.words import (
    fetch_error_text,
    key_input_error_text,
    key_prefix_warning,
    keyring_error_text,
)
from planner.actuals.keys import (
    KeyInputError,
    KeyringUnavailable,
    Secret,
    Where,
    clean_key,
    delete_key,
    key_place,
    keyring_available,
    looks_like,
    read_key,
    redact,
    store_key,
)
from planner.words.i18n import _
from ui import dialogs
from ui.theme import set_role
from ui.worker import run_in_background


def _titles() -> dict[str, tuple[str, str]]:
    return {
        "openai": (
            _("OpenAI admin key"),
            _("An organisation owner creates it at platform.openai.com → Settings → Admin keys. "
              "It starts with sk-admin-."),
        ),
        "anthropic": (
            _("Anthropic admin key"),
            _("An organisation admin creates it at console.anthropic.com → Settings → Admin keys "
              "(individual accounts have none). It starts with sk-ant-admin."),
        ),
    }  # fmt: skip


class KeyBox(QGroupBox):
    """One provider's key: where it is kept, a masked field to add or replace it, test, remove."""

    def __init__(self, provider: Provider, base_url: str | None, parent: QWidget | None) -> None:
        title, help_text = _titles()[provider.id]
        super().__init__(title, parent)
        self.provider = provider
        self.base_url = base_url
        self.place = QLabel()
        self.help = QLabel(help_text)
        self.help.setWordWrap(True)
        set_role(self.help, "muted")
        self.entry = QLineEdit()
        self.entry.setEchoMode(QLineEdit.EchoMode.Password)
        self.entry.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.entry.setPlaceholderText(_("Paste a new key here"))
        self.save = QPushButton(_("Save key"))
        self.test = QPushButton(_("Test key"))
        self.remove = QPushButton(_("Remove key"))
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.where: Where | None = None
        self.testing = False
        self._layout()
        self.entry.textChanged.connect(self._update_buttons)
        self.entry.returnPressed.connect(self.save_key)
        self.save.clicked.connect(self.save_key)
        self.test.clicked.connect(self.test_key)
        self.remove.clicked.connect(self.remove_key)
        self.refresh()

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.place)
        layout.addWidget(self.help)
        row = QHBoxLayout()
        row.addWidget(self.entry, 1)
        for button in (self.save, self.test, self.remove):
            row.addWidget(button)
        layout.addLayout(row)
        layout.addWidget(self.outcome)

    def refresh(self) -> None:
        """Show where the key is kept (never the key) and which actions make sense."""
        try:
            where = key_place(self.provider.key_name)
        except KeyringUnavailable:
            where = None
        self.where = where
        self.place.setText({
            "keyring": _("Kept in this computer's keyring."),
            "session": _("Kept for this session only: forgotten when you close the planner."),
            None: _("No key yet."),
        }[where])  # fmt: skip
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.save.setEnabled(bool(self.entry.text().strip()))
        self.test.setEnabled(self.where is not None and not self.testing)
        self.remove.setEnabled(self.where is not None)

    def _say(self, text: str, role: str = "") -> None:
        self.outcome.setText(text)
        set_role(self.outcome, role)

    def save_key(self) -> None:
        """Store what was typed, clear the field, and say where it went."""
        try:
            secret = clean_key(self.entry.text())
        except KeyInputError as error:
            self._say(key_input_error_text(error), "error")
            return
        self.entry.clear()  # the key is never shown again
        try:
            store_key(self.provider.key_name, secret)
        except KeyringUnavailable as error:
            if not self._ask_session_only(error):
                self._say(_("The key was not kept."), "error")
                self.refresh()
                return
            store_key(self.provider.key_name, secret, session_only=True)
        warning = "" if looks_like(self.provider.key_name, secret) else key_prefix_warning(self.provider.key_name)  # fmt: skip
        self._say(
            warning or _("Saved. Use “Test key” to check that it works."),
            "error" if warning else "",
        )
        self.refresh()

    def _ask_session_only(self, error: KeyringUnavailable) -> bool:
        return dialogs.ask_yes_no(
            self,
            _("No keyring"),
            keyring_error_text(error) + "\n\n" + _(
                "Use this key for this session only? It is kept in memory, never written to a "
                "file, and forgotten when you close the planner."),
        )  # fmt: skip

    def test_key(self) -> None:
        """One small authenticated request, off the GUI thread."""
        try:
            secret = read_key(self.provider.key_name)
        except KeyringUnavailable as error:
            self._say(keyring_error_text(error), "error")
            return
        if secret is None:
            return
        self.testing = True
        self.test.setEnabled(False)
        self._say(_("Testing…"), "muted")
        provider_id, base_url = self.provider.id, self.base_url
        run_in_background(
            lambda: _check(provider_id, secret, base_url),
            lambda _none: self._tested(_("The key works: {provider} answered.").format(
                provider=self.provider.name), "good"),
            lambda error: self._tested(_failure_text(error, secret), "error"),
        )  # fmt: skip

    def _tested(self, text: str, role: str) -> None:
        if not isValid(self):  # the dialog was closed while the request ran
            return
        self.testing = False
        self._say(text, role)
        self._update_buttons()

    def remove_key(self) -> None:
        """Forget the key, after asking."""
        question = _("Remove the {provider} admin key from this computer?").format(
            provider=self.provider.name
        )
        if not dialogs.ask_yes_no(self, _("Remove key"), question):
            return
        try:
            delete_key(self.provider.key_name)
        except KeyringUnavailable as error:
            self._say(keyring_error_text(error), "error")
            return
        self._say(_("The key was removed."))
        self.refresh()


def _check(provider_id: str, secret: Secret, base_url: str | None) -> None:
    from planner.actuals.fetch.run import check_key  # httpx, only when a key is tested

    check_key(provider_id, secret, base_url)


def _failure_text(error: BaseException, secret: Secret) -> str:
    if isinstance(error, FetchError):
        return fetch_error_text(error)
    return redact(f"{type(error).__name__}: {error}", secret)


class KeysDialog(QDialog):
    """The admin keys of every provider, and whether this computer has a keyring."""

    def __init__(
        self, parent: QWidget | None = None, base_urls: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Provider keys"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        intro = QLabel(_(
            "Admin keys let the planner fetch your usage and costs from the providers. They are "
            "kept only in this computer's keyring and are never shown again. The planner works "
            "fully without them: you can import the providers' export files instead."))  # fmt: skip
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.banner = self._no_keyring_banner()
        layout.addWidget(self.banner)
        urls = base_urls or {}
        self.boxes = {p: KeyBox(provider, urls.get(p), self) for p, provider in PROVIDERS.items()}
        for box in self.boxes.values():
            layout.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _no_keyring_banner(self) -> QFrame:
        banner = QFrame()
        set_role(banner, "banner")
        text = QLabel(_(
            "This computer has no keyring (such as the Windows Credential Locker, the macOS "
            "Keychain or the Secret Service), so a key can only be used until you close the "
            "planner. It is never written to a file."))  # fmt: skip
        text.setWordWrap(True)
        QVBoxLayout(banner).addWidget(text)
        banner.setVisible(not keyring_available())
        return banner


def open_keys_dialog(parent: QWidget | None) -> None:
    """Show the dialog until the user closes it."""
    KeysDialog(parent).exec()
