"""What goes into the app folder and what is left out: read by llm-cost-planner.spec.

Plain Python with no PyInstaller import, so tests/test_packaging.py can check the policy
without building. PyInstaller's hooks collect every plugin, translation and locale of the
packages the app imports; the filters below keep the ones the app loads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path, PurePosixPath

NAME = "llm-cost-planner"
LANGUAGES = ("pl", "uk")  # English is the source language: it has no catalog

# Babel loads a locale together with its parents (pl_PL → pl → root).
BABEL_LOCALES = frozenset({"root", "en", "en_US", "pl", "pl_PL", "uk", "uk_UA"})
# ui/app.py installs Qt's own dialog texts from qtbase_<lang>.qm.
QT_TRANSLATIONS = frozenset(f"qtbase_{code}.qm" for code in LANGUAGES)

# The app imports QtCore, QtGui, QtWidgets and QtCharts (QtCharts needs OpenGL and
# OpenGLWidgets as libraries, not as Python modules).
UNUSED_QT = (
    "3D",
    "Bluetooth",
    "CanvasPainter",
    "Concurrent",
    "DataVisualization",
    "Designer",
    "Egl",  # the eglfs platform's device support
    "Graphs",
    "Help",
    "HttpServer",
    "Labs",
    "Location",
    "Lottie",
    "Multimedia",
    "Network",
    "Nfc",
    "Pdf",
    "Positioning",
    "Qml",
    "Quick",
    "RemoteObjects",
    "Scxml",
    "Sensors",
    "SerialBus",
    "SerialPort",
    "ShaderTools",
    "SpatialAudio",
    "Sql",
    "StateMachine",
    "Test",
    "TextToSpeech",
    "UiTools",
    "VirtualKeyboard",
    "WebChannel",
    "WebEngine",
    "WebSockets",
    "WebView",
    "Xml",
)
EXCLUDED_MODULES = [
    "tkinter",
    "numpy",  # openpyxl and others use it when it is there; the app does not need it
    "PIL.ImageQt",
    "PIL.ImageTk",
    "PIL.AvifImagePlugin",  # 5 MB of AVIF codec; reportlab imports Pillow, the app reads no image
    "PIL._avif",
    # QtCharts needs these as libraries only; their Python modules are 10 MB.
    "PySide6.QtDBus",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    *(f"PySide6.Qt{name}" for name in UNUSED_QT if name not in ("Egl", "Labs", "Lottie")),
]

# Qt plugin folders the app uses, and within them the plugins it can do without.
QT_PLUGIN_FOLDERS = frozenset(
    {
        "platforms",
        "platformthemes",
        "platforminputcontexts",
        "imageformats",
        "iconengines",
        "styles",
        "xcbglintegrations",
        "wayland-decoration-client",
        "wayland-graphics-integration-client",
        "wayland-shell-integration",
    }
)
UNUSED_PLUGINS = re.compile(
    # qgtk3 would load the bundle's own cairo and pango into the user's GTK: the portal
    # theme (xdgdesktopportal) gives GNOME's file dialogs without that risk.
    r"(eglfs|linuxfb|minimalegl|vnc|vkkhrdisplay|virtualkeyboard|qpdf|qtuiotouch|qgtk3)",
    re.IGNORECASE,
)
_QT_LIBRARY = re.compile(r"^(lib)?Qt6?(?P<module>[A-Za-z0-9]+?)(_debug)?\.(so|dll|dylib|framework)")
# A module of its own, or the QML side of a used one (ChartsQml).
_UNUSED_LIBRARY = re.compile(rf"^({'|'.join(UNUSED_QT)})|Qml|Quick")


def app_data(root: Path) -> list[tuple[str, str]]:
    """(source, folder in the bundle) for the rate tables, templates, fonts, the compiled
    translations, the icons and the user guide; the loaders find them through importlib.resources."""
    files = [
        *sorted((root / "planner" / "data").glob("*.toml")),
        *sorted((root / "templates").glob("*.json")),
        *sorted((root / "assets" / "fonts").iterdir()),
        *sorted((root / "assets" / "locale").glob("*/LC_MESSAGES/*.mo")),
        *sorted((root / "assets" / "icons").glob("*.png")),
        *sorted((root / "assets" / "guide").glob("*.md")),  # Help → Guide
    ]
    return [(str(path), path.parent.relative_to(root).as_posix()) for path in files]


def keep_binary(destination: str) -> bool:
    """Whether a library or plugin at ``destination`` (inside the bundle) is kept."""
    parts = PurePosixPath(destination.replace("\\", "/")).parts
    if "PySide6" in parts and "plugins" in parts:
        folder = (
            parts[parts.index("plugins") + 1] if len(parts) > parts.index("plugins") + 2 else ""
        )
        return folder in QT_PLUGIN_FOLDERS and not UNUSED_PLUGINS.search(parts[-1])
    if any(part.endswith(".framework") for part in parts):  # macOS: QtQuick.framework/...
        framework = next(part for part in parts if part.endswith(".framework"))
        return not _unused_qt_library(framework)
    return not _unused_qt_library(parts[-1])


def _unused_qt_library(file_name: str) -> bool:
    if file_name.startswith("Qt") and (".abi3." in file_name or file_name.endswith(".pyd")):
        return _UNUSED_LIBRARY.search(file_name.removeprefix("Qt").split(".")[0]) is not None
    found = _QT_LIBRARY.match(file_name)
    return found is not None and _UNUSED_LIBRARY.search(found["module"]) is not None


def needed_binaries(
    binaries: list[tuple[str, str, str]], imports_of: Callable[[str], set[str]]
) -> list[tuple[str, str, str]]:
    """The collected binaries that a Python extension module, a Qt plugin or libpython
    needs, directly or through another collected library; ``imports_of(source)`` names the
    libraries a file links to.

    PyInstaller collects the libraries of every plugin before the filters above drop
    plugins, so without this the libraries of plugins left out stay behind (GTK's cairo
    and pango, for the qgtk3 theme).
    """
    by_name = {_base_name(entry[0]): entry for entry in binaries}
    todo = [entry for entry in binaries if _is_root(entry)]
    kept: set[str] = set()
    while todo:
        destination, source, _kind = todo.pop()
        if destination in kept:
            continue
        kept.add(destination)
        todo.extend(by_name[name] for name in imports_of(source) if name in by_name)
    return [entry for entry in binaries if entry[0] in kept]


def _is_root(entry: tuple[str, str, str]) -> bool:
    destination, _source, kind = entry
    parts = PurePosixPath(destination.replace("\\", "/")).parts
    return kind == "EXTENSION" or "plugins" in parts or parts[-1].startswith("libpython")


def _base_name(destination: str) -> str:
    return PurePosixPath(destination.replace("\\", "/")).name


def keep_data(destination: str) -> bool:
    """Whether a data file at ``destination`` is kept: only our languages' Babel locales
    and Qt translations, no Qt translations or QML of modules the app does not use."""
    path = PurePosixPath(destination.replace("\\", "/"))
    if _unused_qt_library(path.name):  # the links to libraries left out (libQt6Quick.so.6)
        return False
    if "locale-data" in path.parts and path.suffix == ".dat":
        return path.stem in BABEL_LOCALES
    if path.suffix == ".qm":
        return path.name in QT_TRANSLATIONS
    return "qml" not in path.parts


def icon_for(root: Path, platform: str) -> str | None:
    """The executable's icon: .ico on Windows, .icns on macOS; Linux takes none."""
    suffix = {"win32": ".ico", "darwin": ".icns"}.get(platform)
    return str(root / "assets" / "icons" / f"{NAME}{suffix}") if suffix else None
