"""Starting the desktop app: language, look, the main window, recovery of a crashed session."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# The app uses no pydantic plugins; looking for them reads the metadata of every installed
# package, a noticeable part of start-up. Set before any model class is created.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from planner.words.i18n import LANGUAGES, set_language, stretch_from_environment
from ui.settings import APPLICATION, ORGANISATION, AppSettings
from ui.theme import apply_look
from ui.worker import GuiThreadCollector

# Set by ``bench/ui.py``: report when the first window is up, then quit.
BENCH_VARIABLE = "LLM_COST_PLANNER_QUIT_WHEN_SHOWN"
_translators: list[QTranslator] = []


def parse_args(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="llm-cost-planner", description="Open the planner.")
    parser.add_argument(
        "plans",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="a plan (.llmplan) to open; several plans or a workshop (.llmworkshop) open "
        "side by side in the workshop window",
    )
    parser.add_argument("--lang", choices=LANGUAGES, help="language of the app for this run")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window offscreen, show a template's results, write nothing, exit",
    )
    return parser.parse_args(args)


def create_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName(APPLICATION)
    GuiThreadCollector(app)
    return app


def use_language(app: QApplication, code: str) -> None:
    """Our texts through gettext, Qt's own (dialog buttons, file dialogs) through Qt."""
    set_language(code)
    QLocale.setDefault(QLocale(code))
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if code != "en" and translator.load(f"qtbase_{code}", folder):
        app.installTranslator(translator)
        _translators.append(translator)


def system_language() -> str:
    code = QLocale.system().name().split("_")[0]
    return code if code in LANGUAGES else "en"


def run_app(args: list[str]) -> int:
    options = parse_args(args)
    if options.smoke_test:
        from ui.smoke import prepare_platform, run_smoke_test

        prepare_platform()
        app = create_application()
        use_language(app, options.lang or "en")
        return run_smoke_test(app)
    app = create_application()
    settings = AppSettings.standard()
    use_language(app, options.lang or settings.language() or system_language())
    stretch_from_environment()  # LLM_PLANNER_TRANS_SCALE=1.4: every text longer, for layouts
    apply_look(app, settings.larger_text())
    app.styleHints().colorSchemeChanged.connect(
        lambda _scheme: apply_look(app, settings.larger_text())
    )
    from ui.main_window import MainWindow

    window = MainWindow(settings)
    window.show()
    if os.environ.get(BENCH_VARIABLE):
        QTimer.singleShot(0, lambda: _report_shown(app))
    else:
        QTimer.singleShot(0, lambda: window.open_at_start(*options.plans))
    return app.exec()


def _report_shown(app: QApplication) -> None:
    print("shown", flush=True)
    app.quit()
