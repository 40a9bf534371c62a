"""Look and feel: the system's light or dark palette, text size, a few roles for labels.

Colours are derived from the palette in use, so the app follows the system's light or dark
scheme; the larger-text setting scales the application font for projectors.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

LARGER_TEXT_FACTOR = 1.35
_base_point_size: float | None = None


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def error_colour() -> QColor:
    return QColor("#ff8a80") if is_dark() else QColor("#b3261e")


def good_colour() -> QColor:
    return QColor("#81c995") if is_dark() else QColor("#1e7e34")


def muted_colour() -> QColor:
    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)
    return _mix(text, window, 0.68)


def _mix(a: QColor, b: QColor, share_of_a: float) -> QColor:
    def channel(x: int, y: int) -> int:
        return round(x * share_of_a + y * (1 - share_of_a))

    return QColor(
        channel(a.red(), b.red()), channel(a.green(), b.green()), channel(a.blue(), b.blue())
    )


def series_colours() -> list[QColor]:
    """Distinct colours for chart series, readable on light and dark backgrounds."""
    light = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"]
    dark = ["#6baed6", "#ff6b6b", "#74c476", "#b39ddb", "#fdae6b", "#4dd0e1", "#bcaaa4", "#f48fb1"]
    return [QColor(code) for code in (dark if is_dark() else light)]


def stylesheet(point_size: float) -> str:
    palette = QGuiApplication.palette()
    highlight = palette.color(QPalette.ColorRole.Highlight).name()
    highlighted_text = palette.color(QPalette.ColorRole.HighlightedText).name()
    mid = palette.color(QPalette.ColorRole.Mid).name()
    base = palette.color(QPalette.ColorRole.Base).name()
    banner = _mix(
        palette.color(QPalette.ColorRole.Highlight), palette.color(QPalette.ColorRole.Base), 0.12
    )
    return f"""
QLabel[role="title"] {{ font-size: {point_size * 1.6:.1f}pt; font-weight: 600; }}
QLabel[role="subtitle"] {{ font-size: {point_size * 1.15:.1f}pt; font-weight: 600; }}
QLabel[role="big"] {{ font-size: {point_size * 1.3:.1f}pt; }}
QLabel[role="money"] {{ font-size: {point_size * 1.25:.1f}pt; font-weight: 600; }}
QLabel[role="muted"] {{ color: {muted_colour().name()}; }}
QLabel[role="error"] {{ color: {error_colour().name()}; }}
QLabel[role="good"] {{ color: {good_colour().name()}; }}
QLabel[role="badge"] {{ background: {highlight}; color: {highlighted_text};
    border-radius: 4px; padding: 2px 8px; font-weight: 600; }}
QFrame[role="card"] {{ border: 1px solid {mid}; border-radius: 8px; background: {base}; }}
QFrame[role="card"][recommended="true"] {{ border: 2px solid {highlight}; }}
QFrame[role="card"] QLabel {{ border: none; background: transparent; }}
QFrame[role="card"] QLabel[role="badge"] {{ background: {highlight}; color: {highlighted_text}; }}
QFrame[role="banner"] {{ border: 1px solid {highlight}; border-radius: 8px;
    background: {banner.name()}; }}
QFrame[role="banner"] QLabel {{ background: transparent; }}
{focus_ring(highlight, mid)}
QLineEdit[invalid="true"] {{ border: 2px solid {error_colour().name()}; border-radius: 3px; }}
QListWidget#steps {{ font-size: {point_size * 1.05:.1f}pt; }}
QListWidget#steps::item {{ padding: 8px 6px; }}
QListWidget#rateTables::item {{ padding: 5px 4px; }}
QListWidget#templates {{ font-size: {point_size * 1.1:.1f}pt; }}
QListWidget#templates::item {{ padding: 7px 6px; }}
"""


def focus_ring(highlight: str, mid: str) -> str:
    """A clearly visible ring around whatever has the keyboard focus: buttons, choices, lists
    and fields (the same place kept transparent without focus, so nothing moves)."""
    return f"""
QPushButton {{ border: 1px solid {mid}; border-radius: 4px; padding: 4px 12px;
    background: palette(button); }}
QPushButton:hover {{ background: palette(midlight); }}
QPushButton:pressed {{ background: palette(mid); }}
QPushButton:disabled {{ color: palette(mid); }}
QPushButton:focus {{ border: 2px solid {highlight}; padding: 3px 11px; }}
QRadioButton, QCheckBox {{ border: 2px solid transparent; border-radius: 4px; padding: 1px; }}
QRadioButton:focus, QCheckBox:focus {{ border: 2px solid {highlight}; }}
QLineEdit:focus, QComboBox:focus, QAbstractSpinBox:focus {{ border: 2px solid {highlight};
    border-radius: 3px; }}
QListWidget:focus, QTableView:focus, QTreeView:focus {{ border: 2px solid {highlight}; }}
QToolButton:focus {{ border: 2px solid {highlight}; border-radius: 4px; }}
"""


def apply_look(app: QApplication, larger_text: bool) -> None:
    """Set the application font size and the stylesheet for the current palette."""
    global _base_point_size
    font = QFont(app.font())
    if _base_point_size is None:
        _base_point_size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    size = _base_point_size * (LARGER_TEXT_FACTOR if larger_text else 1.0)
    font.setPointSizeF(size)
    app.setFont(font)
    app.setStyleSheet(stylesheet(size))


def set_role(widget: QWidget, role: str) -> None:
    widget.setProperty("role", role)


def set_flag(widget: QWidget, name: str, value: bool) -> None:
    """Change a property the stylesheet selects on, and restyle the widget."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
