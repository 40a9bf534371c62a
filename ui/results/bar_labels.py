"""Values written at the end of chart bars, in the user's money format.

QtCharts labels a bar only with its raw number; these are text items on the chart, placed
at each bar's end and moved whenever the plot area changes (a resize, a new font).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCharts import QAbstractBarSeries, QChart
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem


@dataclass(frozen=True)
class BarLabel:
    """A text at the end of bar ``bar_set`` of category ``category``."""

    category: int
    bar_set: int
    value: float  # where the bar ends, in the value axis's units
    text: str


class BarLabels:
    """The labels of one horizontal grouped bar series on ``chart``."""

    def __init__(self, chart: QChart) -> None:
        self.chart = chart
        self.items: list[tuple[BarLabel, QGraphicsSimpleTextItem]] = []
        self.series: QAbstractBarSeries | None = None
        chart.plotAreaChanged.connect(lambda _area: self.place())

    def show(self, series: QAbstractBarSeries, labels: list[BarLabel]) -> None:
        self.clear()
        self.series = series
        font = QFont(QApplication.font())
        colour = self.chart.titleBrush()
        for label in labels:
            item = QGraphicsSimpleTextItem(label.text, self.chart)
            item.setFont(font)
            item.setBrush(colour)
            self.items.append((label, item))
        self.place()

    def clear(self) -> None:
        for _label, item in self.items:
            scene = item.scene()
            if scene is not None:
                scene.removeItem(item)  # and so freed with the Python object
        self.items = []
        self.series = None

    def place(self) -> None:
        """Each text just past its bar's end, centred on the bar."""
        series = self.series
        if series is None or not self.items:
            return
        sets = max(1, series.count())
        width = series.barWidth()
        for label, item in self.items:
            # Qt lays a category's bars out from its lower edge upwards, set by set.
            centre = label.category - width / 2 + (label.bar_set + 0.5) * width / sets
            end = self.chart.mapToPosition(QPointF(label.value, centre), series)
            box = item.boundingRect()
            item.setPos(end.x() + 4, end.y() - box.height() / 2)
