"""The month's charts: daily cost stacked by provider or project, and the burn-up.

Numbers come from the ``Dashboard`` as they are (Decimal, shown as float); the charts only
place them. The plan's and the budget's lines are drawn over the bars; an unusual day
carries a marker.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCharts import (
    QAreaSeries,
    QBarSet,
    QCategoryAxis,
    QLineSeries,
    QScatterSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPen

from planner.actuals.dashboard import NOT_ITEMISED, Dashboard
from planner.actuals.labels import NO_NAME
from planner.words.alerts import provider_name
from planner.words.i18n import _
from ui.actuals.axes import money_axis
from ui.results.charts import Chart
from ui.theme import error_colour, good_colour, muted_colour, series_colours

HEADROOM = 1.08  # the highest value stays clear of the chart's top edge


def group_label(name: str, by: str) -> str:
    """A stack's name in the legend: a provider's proper name, or the company's words."""
    if name == NO_NAME:
        return _("Not labelled")
    if name == NOT_ITEMISED:
        return _("Billed, not split by project")
    if name == "(invoices)":
        return _("Invoices")
    return provider_name(name) if by == "provider" else name


def _f(value: Decimal) -> float:
    return float(value)


def _pen(colour: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour)
    pen.setWidthF(width)
    pen.setStyle(style)
    return pen


class DailyChart(Chart):
    """Each day's cost, stacked; the plan's and the daily budget's lines; unusual days."""

    def __init__(self) -> None:
        super().__init__(_("Cost each day"))
        self.chart().legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        self.by = "provider"

    def show_month(self, board: Dashboard, by: str) -> None:
        self.clear()
        self.by = by
        chart = self.chart()
        last = board.days.index(board.last_day) + 1 if board.last_day in board.days else 0
        stacks = board.by_provider if by == "provider" else board.by_project
        bars = QStackedBarSeries()
        colours = series_colours()
        for index, (name, values) in enumerate(stacks.items()):
            shown = [_f(v) for v in values[:last]] + [0.0] * (len(board.days) - last)
            if not any(shown):
                continue
            bar_set = QBarSet(group_label(name, by))
            bar_set.append(shown)
            bar_set.setColor(colours[index % len(colours)])
            bar_set.setBorderColor(colours[index % len(colours)])
            bars.append(bar_set)
        bars.setBarWidth(0.8)
        chart.addSeries(bars)
        top = max((sum(_f(s[i]) for s in stacks.values()) for i in range(last)), default=0.0)
        lines: list[tuple[list[Decimal] | None, str, QColor, Qt.PenStyle]] = [
                 (board.plan_daily, _("Plan"), muted_colour(), Qt.PenStyle.SolidLine),
                 (board.budget_daily, _("Budget a day"),
                  self.palette().windowText().color(), Qt.PenStyle.DashLine)]  # fmt: skip
        for line, name, colour, style in lines:
            if line:
                top = max(top, max(_f(v) for v in line))
                self._line(line, name, _pen(colour, 2, style))
        self._markers(board, stacks, last)
        days = _day_axis(len(board.days))
        amounts = money_axis(top * HEADROOM, board.currency)
        chart.addAxis(days, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(amounts, Qt.AlignmentFlag.AlignLeft)
        for series in chart.series():
            series.attachAxis(days)
            series.attachAxis(amounts)
        self.style_axes()

    def _line(self, values: list[Decimal], name: str, pen: QPen) -> None:
        line = QLineSeries()
        line.setName(name)
        for index, value in enumerate(values):
            line.append(QPointF(index, _f(value)))
        line.setPen(pen)
        self.chart().addSeries(line)

    def _markers(self, board: Dashboard, stacks: dict[str, list[Decimal]], last: int) -> None:
        if not board.anomalies:
            return
        marks = QScatterSeries()
        marks.setName(_("Unusual day"))
        marks.setMarkerSize(11)
        marks.setColor(error_colour())
        for day in board.anomalies:
            if day in board.days and board.days.index(day) < last:
                at = board.days.index(day)
                marks.append(QPointF(at, sum(_f(s[at]) for s in stacks.values())))
        if marks.count():
            self.chart().addSeries(marks)

    def stacked_values(self) -> dict[str, list[float]]:
        """What the bars hold, by legend name (for tests and screen readers)."""
        found: dict[str, list[float]] = {}
        for series in self.chart().series():
            if isinstance(series, QStackedBarSeries):
                for bar_set in series.barSets():
                    found[bar_set.label()] = [bar_set.at(i) for i in range(bar_set.count())]
        return found


def _day_axis(count: int) -> QCategoryAxis:
    """Days of the month under the bars (bar ``i`` stands at ``i``), every fifth labelled:
    thirty labels do not fit half a window."""
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    axis.setRange(-0.5, count - 0.5)
    for day in (1, *range(5, count + 1, 5)):
        axis.append(str(day), day - 1)
    axis.setGridLineVisible(False)
    return axis


class BurnUpChart(Chart):
    """The month's cost so far against the plan and the budget, and where it is heading."""

    def __init__(self) -> None:
        super().__init__(_("The month so far, and where it is heading"))
        self.chart().legend().setAlignment(Qt.AlignmentFlag.AlignTop)

    def show_month(self, board: Dashboard) -> None:
        self.clear()
        count = len(board.days)
        top = _f(board.month_to_date)
        actual = self._line([(i + 1, _f(v)) for i, v in enumerate(board.cumulative)],
                            _("Spent"), _pen(series_colours()[0], 3))  # fmt: skip
        if board.plan_cumulative:
            self._line([(i + 1, _f(v)) for i, v in enumerate(board.plan_cumulative)],
                       _("Plan"), _pen(muted_colour(), 2))  # fmt: skip
            top = max(top, _f(board.plan_cumulative[-1]))
        if board.budget_total is not None:
            budget = _f(board.budget_total)
            self._line([(1, budget), (count, budget)], _("Budget"),
                       _pen(self.palette().windowText().color(), 2, Qt.PenStyle.DashLine))  # fmt: skip
            top = max(top, budget)
        top = max(top, self._cone(board))
        axis_x = QValueAxis()
        axis_x.setRange(1, count)
        axis_x.setLabelFormat("%d")
        axis_x.setTickCount(min(count, 7))
        axis_x.setTitleText(_("Day of the month"))
        axis_y = money_axis(top * HEADROOM, board.currency)
        chart = self.chart()
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for series in chart.series():
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
        self.actual = actual
        self.style_axes()

    def _line(self, points: list[tuple[float, float]], name: str, pen: QPen) -> QLineSeries:
        line = QLineSeries()
        line.setName(name)
        for x, y in points:
            line.append(QPointF(x, y))
        line.setPen(pen)
        self.chart().addSeries(line)
        return line

    def _cone(self, board: Dashboard) -> float:
        """The forecast from the last complete day to the month's end, with its band."""
        cone = board.forecast.cone()
        through = board.forecast.through
        if not cone or through is None or through not in board.days:
            return 0.0
        start = board.days.index(through) + 1
        base = _f(board.forecast.month_to_date)
        points = [(start, base, base, base)] + [
            (board.days.index(day) + 1, _f(mid), _f(low), _f(high)) for day, mid, low, high in cone
        ]
        upper, lower = QLineSeries(), QLineSeries()
        for x, _mid, low, high in points:
            upper.append(QPointF(x, high))
            lower.append(QPointF(x, low))
        self._band_edges = (upper, lower)  # the area series does not own its edges
        band = QAreaSeries(upper, lower)
        band.setName(_("Likely range"))
        colour = QColor(good_colour())
        colour.setAlpha(60)
        band.setColor(colour)
        band.setBorderColor(colour)
        self.chart().addSeries(band)
        self._line([(x, mid) for x, mid, _low, _high in points], _("Forecast"),
                   _pen(good_colour(), 2, Qt.PenStyle.DashLine))  # fmt: skip
        return max(high for *_rest, high in points)
