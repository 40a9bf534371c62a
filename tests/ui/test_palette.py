"""One palette for cost categories: a colour means the same in the app's chart and in the
PDF's (issue 12: the two used different colours for the same category)."""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import Rect
from reportlab.lib import colors

from planner.engine.estimate import estimate
from planner.export.report.compare import _bar_chart
from planner.model.templates import template
from planner.rates import load_rates
from planner.words.palette import category_colour
from ui.results.charts import MonthlyBars, month_parts


def test_the_app_and_the_pdf_colour_each_category_alike(qtbot: Any) -> None:
    result = estimate(template("support_agent").plan, load_rates())
    bars = MonthlyBars()
    qtbot.addWidget(bars)
    bars.show_options(result.shown, result.currency)
    in_app = {s.label(): s.color().name() for s in bars.chart().series()[0].barSets()}
    shown_as = {name: category for _key, name, category in month_parts()}
    assert set(in_app) == set(shown_as)
    for name, colour in in_app.items():
        assert colour == category_colour(shown_as[name]), name
    fills = {
        shape.fillColor.hexval()
        for shape in _shapes(_bar_chart(result.shown, result, 400))
        if isinstance(shape, Rect) and shape.fillColor is not None
    }
    # The people's time the app shows is the PDF's staff segment, in the same colour.
    for category in ("staff", "monitoring_and_tools"):
        assert colors.HexColor(category_colour(category)).hexval() in fills, category


def _shapes(group: Any) -> list[Any]:
    found = []
    for shape in getattr(group, "contents", []):
        found.append(shape)
        found += _shapes(shape)
    return found
