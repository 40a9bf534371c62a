"""Charts of a result (QtCharts, imported only when the results page is first shown).

Log scales are drawn as log10 of the value on a linear axis with labelled tick positions,
so the labels can be real numbers and money in the user's language.
"""

from __future__ import annotations

import math
from itertools import accumulate

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QApplication

from planner.engine.recommend import GROUPS, group_of
from planner.model.result import BreakEven, Option
from planner.scenarios.volume_curve import CurvePoint
from planner.words.formats import about, number
from planner.words.headline import hours_text, month_split
from planner.words.i18n import _
from planner.words.names import group_title
from planner.words.palette import category_colour
from ui.results.bar_labels import BarLabel, BarLabels
from ui.text import compact_number, rounded_money, whole_money
from ui.theme import error_colour, is_dark, series_colours


class Chart(QChartView):
    """A chart view that follows the palette and the application font."""

    def __init__(self, title: str) -> None:
        chart = QChart()
        chart.setTitle(title)
        self.title = title
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        super().__init__(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)

    def restyle(self) -> None:
        """Theme, background and fonts; called before series are added, since a change of
        theme recolours every series."""
        chart = self.chart()
        theme = QChart.ChartTheme.ChartThemeDark if is_dark() else QChart.ChartTheme.ChartThemeLight
        if chart.theme() != theme:
            chart.setTheme(theme)
        chart.setBackgroundBrush(self.palette().base())
        font = QFont(QApplication.font())
        chart.legend().setFont(font)
        chart.legend().setLabelColor(self.palette().text().color())
        title = QFont(font)
        title.setBold(True)
        title.setPointSizeF(font.pointSizeF() * 1.1)
        chart.setTitleFont(title)
        chart.setTitleBrush(self.palette().text())

    def show_nothing(self) -> None:
        """An empty chart says why it is empty."""
        self.chart().setTitle(self.title + " — " + _("No option meets every need you gave."))

    def style_axes(self) -> None:
        font = QFont(QApplication.font())
        for axis in self.chart().axes():
            axis.setLabelsFont(font)
            axis.setTitleFont(font)
            axis.setLabelsColor(self.palette().text().color())
            axis.setTitleBrush(self.palette().text())

    def clear(self) -> None:
        chart = self.chart()
        self.restyle()
        chart.setTitle(self.title)
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()  # the chart hands ownership back; nothing else frees it


def month_parts() -> tuple[tuple[str, str, str], ...]:
    """What a month pays for, as the bars show it: (key, name, colour's category)."""
    return (
        ("tools", _("Monitoring and tools"), "monitoring_and_tools"),
        ("people", _("People's time"), "staff"),
        ("ai", _("The AI itself (fees, seats, servers, electricity)"), "api_tokens"),
    )


def bar_values(option: Option) -> dict[str, float]:
    """The first month of an option in the parts the bars show."""
    split = month_split(option)
    return {"ai": split.ai, "people": split.people, "tools": split.tools}


def bar_text(key: str, option: Option, value: float, currency: str) -> str:
    """A bar's label: the amount, and for people's time the hours it pays for."""
    text = rounded_money(value, currency)
    if key == "people" and option.people_hours_per_month:
        text += " · " + hours_text(option.people_hours_per_month)
    return text


class MonthlyBars(Chart):
    """The first month of each shown option in three bars, each with its amount: the AI
    itself, people's time (with its hours), and monitoring tools; so a fee of a few złoty
    next to a contractor's 2,000 is seen, not lost in a stacked bar."""

    VISIBLE = 0.006  # the shortest bar drawn, as a share of the longest: a sliver, not nothing

    def __init__(self) -> None:
        super().__init__(_("The first month, by what it pays for"))
        # Under the title, so what the colours mean is in view above the fold.
        self.chart().legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        self.labels = BarLabels(self.chart())

    def clear(self) -> None:
        self.labels.clear()
        super().clear()

    def show_options(self, options: list[Option], currency: str) -> None:
        self.clear()
        if not options:
            self.show_nothing()
            return
        chart = self.chart()
        ordered = list(reversed(options))  # the first option at the top
        values = [bar_values(option) for option in ordered]
        top = max((max(v.values()) for v in values), default=1.0) or 1.0
        series = QHorizontalBarSeries()
        series.setBarWidth(0.8)
        labels: list[BarLabel] = []
        for index, (key, name, colour_of) in enumerate(month_parts()):
            bars = QBarSet(name)
            shown = [max(v[key], top * self.VISIBLE) if v[key] > 0 else 0.0 for v in values]
            bars.append(shown)
            colour = QColor(category_colour(colour_of, is_dark()))
            bars.setColor(colour)
            bars.setBorderColor(colour)
            series.append(bars)
            labels += [
                BarLabel(row, index, end, bar_text(key, option, v[key], currency))
                for row, (option, v, end) in enumerate(zip(ordered, values, shown, strict=True))
                if v[key] > 0
            ]
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([group_title(group_of(option)) for option in ordered])
        amounts = _money_axis(top * 1.3, currency)  # room for the amounts past the bars
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(amounts, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(amounts)
        self.style_axes()
        self.labels.show(series, labels)


def running_totals(option: Option, accounts: bool) -> list[float]:
    """What an option has cost by the end of each month, from month 0 (the one-off): money
    paid out, or with ``accounts`` its hardware written off instead of bought."""
    if not accounts:
        return list(accumulate(option.monthly_series, initial=option.one_off_cost))
    one_off = option.one_off_cost - option.purchase(0)
    return list(accumulate(option.accounting_series, initial=one_off))


class CumulativeCost(Chart):
    """What each shown option has cost by each month of the horizon, one-off costs included:
    the money paid out, or (the accounting view) with owned hardware written off over its life."""

    def __init__(self) -> None:
        super().__init__(_("Total cost over time"))
        self.accounts = False

    def show_options(self, options: list[Option], currency: str, recommended: str | None) -> None:
        self.clear()
        if not options:
            self.show_nothing()
            return
        chart = self.chart()
        months = max((len(option.monthly_series) for option in options), default=1)
        top = 0.0
        colours = series_colours()
        for option in options:
            line = QLineSeries()
            line.setName(group_title(group_of(option)))
            totals = running_totals(option, self.accounts)
            for month, total in enumerate(totals):
                line.append(QPointF(month, total))
            top = max(top, totals[-1])
            pen = QPen(colours[GROUPS.index(group_of(option)) % len(colours)])
            pen.setWidthF(4 if option.id == recommended else 2)
            line.setPen(pen)
            chart.addSeries(line)
        axis_x = QValueAxis()
        axis_x.setRange(0, months)
        axis_x.setLabelFormat("%d")
        axis_x.setTickCount(min(months, 12) + 1 if months <= 12 else 7)
        axis_x.setTitleText(_("Months from the start"))
        axis_y = _money_axis(top, currency)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for series in chart.series():
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
        self.style_axes()


class VolumeCurve(Chart):
    """Monthly cost of the cheapest option of each kind against requests a day (log scales)."""

    def __init__(self) -> None:
        super().__init__(_("Monthly cost at other volumes"))

    def show_curve(
        self, points: list[CurvePoint], currency: str, current: float, break_even: BreakEven | None
    ) -> None:
        self.clear()
        chart = self.chart()
        costs = [cost for point in points for cost in point.monthly_cost.values() if cost > 0]
        if not costs:
            self.show_nothing()
            return
        low, high = math.floor(math.log10(min(costs))), math.ceil(math.log10(max(costs)))
        high = max(high, low + 1)
        colours = series_colours()
        for index, group in enumerate(GROUPS):
            line = QLineSeries()
            line.setName(group_title(group))
            for point in points:
                cost = point.monthly_cost.get(group)
                if cost:
                    line.append(QPointF(math.log10(point.requests_per_day), math.log10(cost)))
            if line.count():
                pen = QPen(colours[index % len(colours)])
                pen.setWidthF(2.5)
                line.setPen(pen)
                chart.addSeries(line)
        self._marker(
            _("You: {count} a day").format(count=number(current)),
            current,
            low,
            high,
            Qt.PenStyle.DotLine,
        )
        if break_even is not None and break_even.requests_per_day:
            self._marker(
                _("Break-even: {count} a day").format(count=about(break_even.requests_per_day)),
                break_even.requests_per_day,
                low,
                high,
                Qt.PenStyle.DashLine,
                error_colour(),
            )
        first, last = points[0].requests_per_day, points[-1].requests_per_day
        axis_x = _log_axis(first, last, compact_number)
        axis_x.setTitleText(_("Requests a day"))
        axis_y = _log_axis(10.0**low, 10.0**high, lambda v: whole_money(v, currency))
        axis_y.setTitleText(_("{currency} a month").format(currency=currency))
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for series in chart.series():
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
        self.style_axes()

    def _marker(
        self,
        name: str,
        requests: float,
        low: int,
        high: int,
        style: Qt.PenStyle,
        colour: QColor | None = None,
    ) -> None:
        if requests <= 0:
            return
        line = QLineSeries()
        line.setName(name)
        x = math.log10(requests)
        line.append(QPointF(x, low))
        line.append(QPointF(x, high))
        pen = QPen(colour or self.palette().windowText().color())
        pen.setStyle(style)
        pen.setWidthF(1.5)
        line.setPen(pen)
        self.chart().addSeries(line)


def _log_axis(first: float, last: float, label: object) -> QCategoryAxis:
    """A linear axis over log10 values, labelled at each power of ten."""
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    low, high = math.log10(first), math.log10(last)
    axis.setRange(low, high)
    for power in range(math.ceil(low), math.floor(high) + 1):
        axis.append(label(10.0**power), power)  # type: ignore[operator]
    return axis


def _money_axis(high: float, currency: str, ticks: int = 5) -> QCategoryAxis:
    """An axis from zero with round amounts as labels (whole units, so at least 1 a step)."""
    step = max(1.0, _nice_ceiling(high / ticks))
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    count = math.ceil(high / step)
    axis.setRange(0, step * count)
    for index in range(count + 1):
        axis.append(whole_money(step * index, currency), step * index)
    return axis


def _nice_ceiling(value: float) -> float:
    """The next round number above ``value`` (1, 2 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)
