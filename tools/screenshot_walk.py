"""The walk ``tools.screenshots`` takes through the app, saving a PNG at each stop."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from planner.rates.price_import import current_prices
from tools.screenshots import sample_price_file, wait
from ui.app import create_application, use_language
from ui.main_window import QUESTIONS, MainWindow
from ui.settings import AppSettings
from ui.theme import apply_look

STEP_FILES = ("01-task", "02-volume", "03-sensitivity", "04-it", "05-quality", "06-timing")
RESULT_TABS = (
    "07-results",
    "08-over-time",
    "09-volumes",
    "10-what-if",
    "11-all-options",
    "12-assumptions",
)


def dark_palette() -> QPalette:
    """What a desktop in dark mode hands to Qt (Fusion's colours for a dark scheme)."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#3d7ac7",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8a8a8a",
        QPalette.ColorRole.Mid: "#555555",
        QPalette.ColorRole.Dark: "#202020",
        QPalette.ColorRole.Light: "#505050",
        QPalette.ColorRole.Midlight: "#404040",
    }
    for role, code in colours.items():
        palette.setColor(role, QColor(code))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#777777"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#777777"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#777777"))
    return palette


class Walk:
    def __init__(
        self,
        scratch: Path,
        out: Path,
        lang: str,
        larger_text: bool,
        size: tuple[int, int],
        dark: bool = False,
    ) -> None:
        self.scratch = scratch
        self.out = out
        self.size = size
        self.written: list[Path] = []
        self.app = create_application()
        if dark:
            self.app.setStyle("Fusion")
            self.app.setPalette(dark_palette())
        use_language(self.app, lang)
        apply_look(self.app, larger_text)
        self.settings = AppSettings(scratch / "config", scratch / "data")
        self.window = MainWindow(self.settings)
        self.window.resize(*size)
        self.window.show()
        wait(0.3)

    def run(self, template_id: str) -> list[Path]:
        self.out.mkdir(parents=True, exist_ok=True)
        window = self.window
        task = window.page(0)
        choices = task.choices  # type: ignore[attr-defined]
        for row in range(choices.count()):
            if choices.item(row).data(Qt.ItemDataRole.UserRole) == template_id:
                choices.setCurrentRow(row)
                choices.itemActivated.emit(choices.item(row))  # Enter: use the example
        task.company.setText("Kowalski Sp. z o.o.")  # type: ignore[attr-defined]
        task.company.textEdited.emit("Kowalski Sp. z o.o.")  # type: ignore[attr-defined]
        for index, name in enumerate(STEP_FILES):
            window.go_to(index)
            wait(0.2)
            self.save(window, name)
            if index == 1:
                self.bad_input()
        window.go_to(QUESTIONS)
        self.settle()
        for tab, name in enumerate(RESULT_TABS):
            window.results.tabs.setCurrentIndex(tab)
            if name == "10-what-if":
                window.results.what_if.set_factor(3.0)
                self.settle()
            if name == "12-assumptions":
                window.results.assumptions.table.selectRow(5)
            wait(0.3)
            self.save(window, name)
            if name == "10-what-if":
                window.results.what_if.reset()
                self.settle()
        self.rates_editor()
        self.actual_spend()
        window.document.replace(window.document.plan)  # nothing unsaved: no prompt on close
        window.close()
        return self.written

    def bad_input(self) -> None:
        """What a typing mistake looks like: the message beside the field, the plan kept."""
        field = self.window.page(1).per_day  # type: ignore[attr-defined]
        before = field.edit.text()
        field.edit.setFocus()
        field.edit.setText("about 200")
        field.edit.textEdited.emit("about 200")
        wait(0.2)
        self.save(self.window, "02b-volume-bad-input")
        field.edit.setText(before)
        field.edit.textEdited.emit(before)

    def rates_editor(self) -> None:
        from ui.rates.editor import RatesEditor

        editor = RatesEditor(self.window.rates, self.window)
        editor.resize(self.size[0] - 100, self.size[1] - 100)
        editor.show()
        wait(0.3)
        self.save(editor, "13-rates-editor")
        book = self.window.rates.book()
        rows: list[tuple[str, float, float]] = []
        for row in book.api_models[:40]:
            price_in, price_out = current_prices(row, __import__("datetime").date.today())
            if price_in and price_out and row.provider == "openai" and len(rows) < 4:
                rows.append((row.model, round(price_in * 0.8, 4), round(price_out * 0.9, 4)))
        preview = editor.preview(sample_price_file(self.scratch, rows))
        if preview is not None:
            preview.show()
            wait(0.3)
            self.save(preview, "14-price-import")
            preview.close()
        editor.close()

    def actual_spend(self) -> None:
        """The Actual spend screen with five weeks of made-up usage and the plan as the
        budget: one PNG per tab."""
        from tools.sample_usage import write_sample_usage
        from ui.main_window import ACTUALS

        window = self.window
        window.document.save(self.scratch / "Kowalski.llmplan")
        window.go_to(ACTUALS)
        page = window.page(ACTUALS)
        self.until_idle(page)
        page.import_paths([write_sample_usage(self.scratch / "usage.csv")])  # type: ignore[attr-defined]
        self.until_idle(page)
        page.budget_from_plan()  # type: ignore[attr-defined]
        self.until_idle(page)
        tabs = page.tabs  # type: ignore[attr-defined]
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            wait(0.3)
            self.save(window, f"{15 + index}-actual-spend-{index + 1}")

    @staticmethod
    def until_idle(page: QWidget, limit: float = 60.0) -> None:
        end = time.monotonic() + limit
        wait(0.2)
        while page.jobs.running and time.monotonic() < end:  # type: ignore[attr-defined]
            wait(0.05)
        wait(0.3)

    def settle(self, limit: float = 30.0) -> None:
        """Wait until the results page has its analysis, volume curve and savings."""
        end = time.monotonic() + limit
        wait(0.5)
        while self.window.results.busy() and time.monotonic() < end:
            wait(0.05)
        wait(0.3)

    def save(self, widget: QWidget, name: str) -> None:
        path = self.out / f"{name}.png"
        self.grab(widget).save(str(path))
        self.written.append(path)

    @staticmethod
    def grab(widget: QWidget) -> QPixmap:
        """From the screen under X11 (what a user sees); rendered by the widget offscreen."""
        QApplication.processEvents()
        if QGuiApplication.platformName() == "xcb":
            screen = widget.screen()
            pixmap = screen.grabWindow(widget.winId())
            if not pixmap.isNull() and pixmap.width() > 1:
                return pixmap
        return widget.grab()
