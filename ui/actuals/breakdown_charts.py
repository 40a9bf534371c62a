"""Where the money went: the ten dearest features, cost per request by model, the last
twelve months against the plan, and the variance from plan to actual (a waterfall)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QHorizontalBarSeries,
    QLineSeries,
    QStackedBarSeries,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPen

from planner.actuals.dashboard import Dashboard
from planner.actuals.labels import NO_NAME
from planner.words.alerts import short_month
from planner.words.i18n import _
from ui.actuals.axes import money_axis
from ui.actuals.charts import HEADROOM
from ui.results.charts import Chart
from ui.theme import error_colour, good_colour, muted_colour, series_colours

NAME_LIMIT = 28  # characters of a feature or model name on an axis


def _short(name: str) -> str:
    if name == NO_NAME:
        return _("Not labelled")
    return name if len(name) <= NAME_LIMIT else name[: NAME_LIMIT - 1] + "…"


def _bars(chart: Chart, names: list[str], values: list[float], label: str, currency: str,
          colour: QColor) -> None:  # fmt: skip
    """Horizontal bars, the first name at the top."""
    series = QHorizontalBarSeries()
    bar_set = QBarSet(label)
    bar_set.append(list(reversed(values)))
    bar_set.setColor(colour)
    bar_set.setBorderColor(colour)
    series.append(bar_set)
    chart.chart().addSeries(series)
    axis_names = QBarCategoryAxis()
    axis_names.append([_short(n) for n in reversed(names)])
    amounts = money_axis(max(values, default=0.0) * HEADROOM, currency)
    chart.chart().addAxis(axis_names, Qt.AlignmentFlag.AlignLeft)
    chart.chart().addAxis(amounts, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_names)
    series.attachAxis(amounts)
    chart.chart().legend().hide()
    chart.style_axes()


class FeaturesChart(Chart):
    def __init__(self) -> None:
        super().__init__(_("The ten dearest features this month"))

    def show_month(self, board: Dashboard) -> None:
        self.clear()
        if not board.top_features:
            self.chart().setTitle(self.title + " — " + _("no usage yet"))
            return
        names = [name for name, _cost in board.top_features]
        values = [float(cost) for _name, cost in board.top_features]
        _bars(self, names, values, _("Cost"), board.currency, series_colours()[0])


class PerRequestChart(Chart):
    def __init__(self) -> None:
        super().__init__(_("Cost per request, by model"))

    def show_month(self, board: Dashboard) -> None:
        self.clear()
        if not board.per_request:
            self.chart().setTitle(self.title + " — " + _("no requests counted yet"))
            return
        names = [model for model, _cost in board.per_request]
        values = [float(cost) for _model, cost in board.per_request]
        _bars(self, names, values, _("Cost per request"), board.currency, series_colours()[2])


class MonthsChart(Chart):
    """Each of the last twelve months' cost, with the plan's month as a line."""

    def __init__(self) -> None:
        super().__init__(_("Month by month, against the plan"))
        self.chart().legend().setAlignment(Qt.AlignmentFlag.AlignTop)

    def show_month(self, board: Dashboard) -> None:
        self.clear()
        chart = self.chart()
        first = next(
            (i for i, (_m, cost) in enumerate(board.months) if cost), len(board.months) - 1
        )
        months_shown = board.months[first:]  # from the first month with data
        bars = QBarSeries()
        bar_set = QBarSet(_("Spent"))
        bar_set.append([float(cost) for _month, cost in months_shown])
        bar_set.setColor(series_colours()[0])
        bars.append(bar_set)
        chart.addSeries(bars)
        top = max((float(cost) for _month, cost in months_shown), default=0.0)
        if board.plan_monthly is not None:
            plan = QLineSeries()
            plan.setName(_("Plan"))
            for index in range(len(months_shown)):
                plan.append(QPointF(index, float(board.plan_monthly)))
            pen = QPen(muted_colour())
            pen.setWidthF(2)
            plan.setPen(pen)
            chart.addSeries(plan)
            top = max(top, float(board.plan_monthly))
        months = QBarCategoryAxis()
        months.append([short_month(month) for month, _cost in months_shown])
        amounts = money_axis(top * HEADROOM, board.currency)
        chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(amounts, Qt.AlignmentFlag.AlignLeft)
        for series in chart.series():
            series.attachAxis(months)
            series.attachAxis(amounts)
        self.style_axes()


def step_name(step: str) -> str:
    """Short, so that five fit under a half-width chart; the tooltip says more."""
    return {"plan": _("Plan"), "volume": _("Requests"), "unit_cost": _("Per request"),
            "mix": _("Models"), "actual": _("Actual")}.get(step, step)  # fmt: skip


class VarianceChart(Chart):
    """Plan → volume → unit cost → mix → actual: what made the month differ from the plan."""

    def __init__(self) -> None:
        super().__init__(_("From plan to actual: what made the difference"))
        self.setToolTip(_(
            "The plan for the days so far; then what changed the cost: the number of requests, "
            "the size and price of each request (caching, longer prompts, price changes, bills "
            "above the usage), and the models used; then what was actually spent."))  # fmt: skip
        self.chart().legend().setAlignment(Qt.AlignmentFlag.AlignTop)

    def show_month(self, board: Dashboard) -> None:
        self.clear()
        if not board.waterfall:
            self.chart().setTitle(self.title + " — " + _("needs a plan and a complete day"))
            return
        columns, top = waterfall_columns(board.waterfall)
        names = ("", _("Plan and actual"), _("Raised cost"), _("Lowered cost"))
        colours = (QColor(0, 0, 0, 0), series_colours()[0], error_colour(), good_colour())
        series = QStackedBarSeries()
        for index, (name, colour) in enumerate(zip(names, colours, strict=True)):
            bar_set = QBarSet(name)
            bar_set.append([float(column[index]) for column in columns])
            bar_set.setColor(colour)
            bar_set.setBorderColor(colour)
            series.append(bar_set)
        chart = self.chart()
        chart.addSeries(series)
        chart.legend().markers(series)[0].setVisible(False)  # the invisible base
        steps = QBarCategoryAxis()
        steps.append([step_name(step) for step, _amount in board.waterfall])
        amounts = money_axis(float(top) * HEADROOM, board.currency)
        chart.addAxis(steps, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(amounts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(steps)
        series.attachAxis(amounts)
        self.style_axes()


def waterfall_columns(
    steps: list[tuple[str, Decimal]],
) -> tuple[list[tuple[Decimal, ...]], Decimal]:
    """Each step as (invisible base, total, rise, fall) stacked heights, and the top."""
    zero = Decimal(0)
    level, top = zero, zero
    columns: list[tuple[Decimal, ...]] = []
    for step, amount in steps:
        if step in ("plan", "actual"):
            column = (zero, amount, zero, zero)
            level = amount
        else:
            low = min(level, level + amount)
            column = (max(low, zero), zero, max(amount, zero), max(-amount, zero))
            level += amount
        columns.append(column)
        top = max(top, level, sum(column, zero))
    return columns, top
