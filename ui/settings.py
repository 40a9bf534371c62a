"""Where the app keeps its settings and files: QSettings plus the user's standard folders.

Tests build ``AppSettings`` on a temporary folder, so nothing of the user's is touched.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

ORGANISATION = "LLM Cost Planner"
APPLICATION = "LLM Cost Planner"
MAX_RECENT = 8


class AppSettings:
    """Settings, recent files and the paths of the user's own files."""

    def __init__(self, config_dir: Path, data_dir: Path) -> None:
        self.config_dir = config_dir
        self.data_dir = data_dir
        config_dir.mkdir(parents=True, exist_ok=True)
        self._store = QSettings(str(config_dir / "settings.ini"), QSettings.Format.IniFormat)

    @classmethod
    def standard(cls) -> AppSettings:
        """The user's configuration and data folders (after the application name is set)."""
        config = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
        data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        return cls(Path(config), Path(data))

    @property
    def user_rates_path(self) -> Path:
        return self.config_dir / "rate_overrides.json"

    @property
    def autosave_dir(self) -> Path:
        return self.data_dir / "autosave"

    def language(self) -> str | None:
        value = self._store.value("language")
        return str(value) if value else None

    def set_language(self, code: str) -> None:
        self._store.setValue("language", code)

    def larger_text(self) -> bool:
        return _as_bool(self._store.value("larger_text", False))

    def set_larger_text(self, enabled: bool) -> None:
        self._store.setValue("larger_text", enabled)

    def daily_fetch(self) -> bool:
        """Whether usage and costs are fetched once a day while the app is open."""
        return _as_bool(self._store.value("actuals/daily_fetch", False))

    def set_daily_fetch(self, enabled: bool) -> None:
        self._store.setValue("actuals/daily_fetch", enabled)

    def last_fetch_day(self, ledger: Path) -> str | None:
        """The UTC day (ISO) of the last successful fetch into ``ledger``, if any."""
        value = self._store.value(f"actuals/fetched/{_key_of(ledger)}")
        return str(value) if value else None

    def set_last_fetch_day(self, ledger: Path, day: str) -> None:
        self._store.setValue(f"actuals/fetched/{_key_of(ledger)}", day)

    def recent_files(self) -> list[Path]:
        value = self._store.value("recent_files", [])
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [Path(str(item)) for item in items if item]

    def add_recent_file(self, path: Path) -> None:
        resolved = path.resolve()
        files = [resolved] + [p for p in self.recent_files() if p != resolved]
        self._store.setValue("recent_files", [str(p) for p in files[:MAX_RECENT]])

    def remove_recent_file(self, path: Path) -> None:
        files = [p for p in self.recent_files() if p != path]
        self._store.setValue("recent_files", [str(p) for p in files])

    def last_folder(self) -> Path:
        value = self._store.value("last_folder")
        if value and Path(str(value)).is_dir():
            return Path(str(value))
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(documents or Path.home())

    def set_last_folder(self, folder: Path) -> None:
        self._store.setValue("last_folder", str(folder))

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        geometry = self._store.value("window/geometry")
        state = self._store.value("window/state")
        return (
            geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
        )

    def set_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._store.setValue("window/geometry", geometry)
        self._store.setValue("window/state", state)

    def sync(self) -> None:
        self._store.sync()


def _key_of(path: Path) -> str:
    """A settings key for a file: its resolved path hashed (paths hold "/" and ":")."""
    return hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:16]


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)
