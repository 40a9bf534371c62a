"""The report's vector charts, drawn with reportlab graphics from figures already computed.

The charts are laid out by hand rather than with reportlab's chart widgets: the labels
are long, translated and in the embedded font, and the marks (the plan's volume, the
break-even point) need placing at exact values on a logarithmic axis.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

from planner.export.report.text import FONT, FONT_BOLD, INK, MUTED, RULE, fit, plain

CATEGORY_COLOURS = (
    "#3e7cb1",  # api_tokens
    "#81a4cd",  # compute_rental
    "#7a5195",  # hardware_amortisation
    "#f0a202",  # power
    "#db504a",  # staff
    "#56a3a6",  # monitoring_and_tools
    "#9bc53d",  # setup
    "#a57548",  # fine_tuning
)
LINE_COLOURS = ("#3e7cb1", "#db504a", "#7a5195", "#2a9d8f", "#f0a202", "#555555")
PLAN_COLOUR = "#1f2933"  # the plan's line over actual spending, dark as the screen's
TICK_SIZE = 7.0
LABEL_SIZE = 7.5
LEGEND_ROW = 12.0

Tick = tuple[float, str]  # a value on an axis and its label


@dataclass(frozen=True)
class Bar:
    """One option's bar: a name under it, a total above it, segments bottom up."""

    name: str
    total_label: str
    segments: tuple[float, ...]  # one per legend entry, same order
    highlighted: bool = False


@dataclass(frozen=True)
class Series:
    """One line: points (x, y) in data units; None where the line has a gap."""

    name: str
    points: tuple[tuple[float, float | None], ...]


@dataclass(frozen=True)
class Mark:
    """A labelled vertical line at one x value."""

    x: float
    label: str


def nice_ticks(maximum: float, most: int = 6) -> list[float]:
    """Round tick values from zero to at least ``maximum``."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / (most - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    count = math.ceil(maximum / step - 1e-9)
    return [i * step for i in range(count + 1)]


def wrap(text: str, font: str, size: float, width: float, lines: int = 3) -> list[str]:
    """``text`` broken into at most ``lines`` lines that fit ``width``; the last is cut."""
    words = plain(text).split()
    out: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if pdfmetrics.stringWidth(candidate, font, size) <= width or not current:
            current = candidate
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    if len(out) > lines:
        out = [*out[: lines - 1], " ".join(out[lines - 1 :])]
    return [fit(line, font, size, width) for line in out]


def _drawing(width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    drawing.initialFontName = FONT  # else the page also refers to Helvetica, unused
    return drawing


def _text(x: float, y: float, text: str, size: float = TICK_SIZE, **kw: object) -> String:
    kw.setdefault("fontName", FONT)
    kw.setdefault("fillColor", INK)
    return String(x, y, plain(text), fontSize=size, **kw)


def _legend_layout(
    entries: Sequence[tuple[str, str]], width: float
) -> list[tuple[float, int, str, str]]:
    """(x, row, label, colour) of each swatch, flowing left to right in rows."""
    placed: list[tuple[float, int, str, str]] = []
    x, row = 0.0, 0
    for name, colour in entries:
        label = fit(name, FONT, LABEL_SIZE, width - 14)
        used = 14 + pdfmetrics.stringWidth(label, FONT, LABEL_SIZE) + 12
        if x > 0 and x + used > width:
            x, row = 0.0, row + 1
        placed.append((x, row, label, colour))
        x += used
    return placed


def legend_height(entries: Sequence[tuple[str, str]], width: float) -> float:
    """Height the legend takes, in points."""
    rows = max((row for _x, row, _l, _c in _legend_layout(entries, width)), default=0) + 1
    return rows * LEGEND_ROW


def _legend(drawing: Drawing, entries: Sequence[tuple[str, str]], top: float, width: float) -> None:
    """Colour swatches with names, in rows downwards from ``top``."""
    for x, row, label, colour in _legend_layout(entries, width):
        y = top - row * LEGEND_ROW
        drawing.add(Rect(x, y - 1, 9, 8, fillColor=colors.HexColor(colour), strokeColor=None))
        drawing.add(_text(x + 13, y, label, LABEL_SIZE))


def _gridlines(
    drawing: Drawing,
    ticks: Sequence[Tick],
    to_y: Callable[[float], float],
    left: float,
    right: float,
) -> None:
    """A light horizontal rule and a label at each tick of the value axis."""
    for value, label in ticks:
        y = to_y(value)
        drawing.add(Line(left, y, right, y, strokeColor=RULE, strokeWidth=0.4))
        drawing.add(_text(left - 4, y - 2.5, label, textAnchor="end", fillColor=MUTED))


def _axis_room(ticks: Sequence[Tick]) -> float:
    """Room left of the plot for the widest tick label."""
    return max(float(pdfmetrics.stringWidth(label, FONT, TICK_SIZE)) for _v, label in ticks) + 8


def stacked_bars(
    bars: Sequence[Bar],
    legend: Sequence[str],
    ticks: Sequence[Tick],
    axis_title: str,
    width: float,
    height: float = 205,
    colours: Sequence[str] | None = None,
) -> Drawing:
    """A vertical bar per option, stacked by category, a total above each bar; the value
    axis runs from zero to the last tick. ``colours`` go with ``legend`` (the app's palette)."""
    palette = list(colours) if colours else list(CATEGORY_COLOURS)
    entries = [(name, palette[i % len(palette)]) for i, name in enumerate(legend)]
    legend_space = legend_height(entries, width) + 6
    left = _axis_room(ticks)
    bottom = legend_space + 3 * (LABEL_SIZE + 2) + 4  # room for three lines of names
    plot = _Plot(left, bottom, width - left - 4, height - bottom - 22, ticks[-1][0])
    drawing = _drawing(width, height)
    _gridlines(drawing, ticks, plot.y, left, left + plot.width)
    drawing.add(_text(0, bottom + plot.height + 10, axis_title, LABEL_SIZE, fillColor=MUTED))
    slot = plot.width / max(1, len(bars))
    for index, bar in enumerate(bars):
        centre = left + slot * (index + 0.5)
        bar_top = _stack(
            drawing, bar, [c for _n, c in entries], plot, centre, min(46.0, slot * 0.55)
        )
        _bar_labels(drawing, bar, centre, bar_top, slot, bottom)
    drawing.add(Line(left, bottom, left + plot.width, bottom, strokeColor=INK, strokeWidth=0.6))
    _legend(drawing, entries, legend_space - LEGEND_ROW, width)
    return drawing


@dataclass(frozen=True)
class _Plot:
    """Where a chart's plot sits (points) and the value at its top."""

    left: float
    bottom: float
    width: float
    height: float
    top: float

    def y(self, value: float) -> float:
        return self.bottom + self.height * value / self.top


def _stack(drawing: Drawing, bar: Bar, colours: Sequence[str], plot: _Plot, centre: float,
           bar_w: float) -> float:  # fmt: skip
    """One bar's segments, bottom up; returns the height (y) of its top."""
    y = plot.bottom
    for part, value in enumerate(bar.segments):
        h = plot.height * value / plot.top
        if h > 0:
            drawing.add(Rect(centre - bar_w / 2, y, bar_w, h, strokeColor=colors.white,
                             fillColor=colors.HexColor(colours[part]), strokeWidth=0.3))  # fmt: skip
        y += h
    return y


def _bar_labels(drawing: Drawing, bar: Bar, centre: float, bar_top: float, slot: float,
                bottom: float) -> None:  # fmt: skip
    """A bar's total above it and its name, wrapped, under the axis."""
    font = FONT_BOLD if bar.highlighted else FONT
    total = fit(bar.total_label, font, TICK_SIZE, slot)
    drawing.add(_text(centre, bar_top + 3, total, fontName=font, textAnchor="middle"))
    for row, line in enumerate(wrap(bar.name, font, LABEL_SIZE, slot - 4)):
        y = bottom - 11 - row * (LABEL_SIZE + 2)
        drawing.add(_text(centre, y, line, LABEL_SIZE, fontName=font, textAnchor="middle"))


def bars_and_line(
    values: Sequence[float],
    line: Sequence[float] | None,
    x_labels: Sequence[str],
    names: tuple[str, str],
    ticks: Sequence[Tick],
    axis_title: str,
    width: float,
    height: float = 170,
) -> Drawing:
    """A bar for each value (a day's cost), labelled by ``x_labels`` ("" for none), and
    when given a line through the bars' middles (the plan's); ``names`` label the bars and
    the line in the legend. The value axis runs from zero to the last tick."""
    entries = [(names[0], LINE_COLOURS[0])] + ([(names[1], PLAN_COLOUR)] if line else [])
    legend_space = legend_height(entries, width) + 6
    left, bottom = _axis_room(ticks), legend_space + 16
    plot = _Plot(left, bottom, width - left - 4, height - bottom - 18, ticks[-1][0])
    drawing = _drawing(width, height)
    _gridlines(drawing, ticks, plot.y, left, left + plot.width)
    drawing.add(_text(0, height - 8, axis_title, LABEL_SIZE, fillColor=MUTED))
    slot = plot.width / max(1, len(values))
    for index, (value, label) in enumerate(zip(values, x_labels, strict=True)):
        centre = left + slot * (index + 0.5)
        _stack(drawing, Bar("", "", (value,)), [LINE_COLOURS[0]], plot, centre, slot * 0.7)
        if label:
            drawing.add(_text(centre, bottom - 10, label, textAnchor="middle", fillColor=MUTED))
    if line:
        points = [(left + slot * (i + 0.5), plot.y(v)) for i, v in enumerate(line)]
        flat = [value for point in points for value in point]
        drawing.add(PolyLine(flat, strokeColor=colors.HexColor(PLAN_COLOUR), strokeWidth=1.6))
    drawing.add(Line(left, bottom, left + plot.width, bottom, strokeColor=INK, strokeWidth=0.6))
    _legend(drawing, entries, legend_space - LEGEND_ROW, width)
    return drawing


def log_ticks(lowest: float, highest: float) -> list[float]:
    """Ticks at 1, 2 and 5 times powers of ten, from the last at or below ``lowest`` to the
    first at or above ``highest`` (both positive)."""
    steps = [m * 10.0**e for e in range(-2, 10) for m in (1, 2, 5)]
    low = max((t for t in steps if t <= lowest), default=steps[0])
    high = min((t for t in steps if t >= highest), default=steps[-1])
    return [t for t in steps if low <= t <= high]


def _log_scale(value: float, low: float, high: float, start: float, length: float) -> float:
    share = (math.log10(max(value, low)) - math.log10(low)) / (math.log10(high) - math.log10(low))
    return start + length * min(share, 1.0)


def volume_lines(
    series: Sequence[Series],
    marks: Sequence[Mark],
    x_ticks: Sequence[Tick],
    y_ticks: Sequence[Tick],
    axis_titles: tuple[str, str],
    width: float,
    height: float = 280,
) -> Drawing:
    """Lines on logarithmic axes (the first and last tick of each bound it), with labelled
    vertical marks above the plot."""
    entries = [(s.name, LINE_COLOURS[i % len(LINE_COLOURS)]) for i, s in enumerate(series)]
    legend_space = legend_height(entries, width) + 6
    left = _axis_room(y_ticks)
    bottom = legend_space + 30
    top_space = 14 + 11 * len(marks)
    plot_w, plot_h = width - left - 14, height - bottom - top_space
    x_low, x_high = x_ticks[0][0], x_ticks[-1][0]
    y_low, y_high = y_ticks[0][0], y_ticks[-1][0]

    def place(x: float, y: float) -> tuple[float, float]:
        return (
            _log_scale(x, x_low, x_high, left, plot_w),
            _log_scale(y, y_low, y_high, bottom, plot_h),
        )

    drawing = _drawing(width, height)
    _gridlines(drawing, y_ticks, lambda v: place(x_low, v)[1], left, left + plot_w)
    drawing.add(_text(0, height - 8, axis_titles[1], LABEL_SIZE, fillColor=MUTED))
    for value, label in x_ticks:
        x = place(value, y_low)[0]
        drawing.add(Line(x, bottom, x, bottom - 3, strokeColor=INK, strokeWidth=0.5))
        drawing.add(_text(x, bottom - 11, label, textAnchor="middle", fillColor=MUTED))
    drawing.add(
        _text(
            left + plot_w / 2,
            bottom - 22,
            axis_titles[0],
            LABEL_SIZE,
            textAnchor="middle",
            fillColor=MUTED,
        )
    )
    drawing.add(Line(left, bottom, left + plot_w, bottom, strokeColor=INK, strokeWidth=0.6))
    for (_name, colour), line in zip(entries, series, strict=True):
        _draw_series(
            drawing,
            [place(x, y) if y is not None else None for x, y in line.points],
            colors.HexColor(colour),
        )
    _draw_marks(
        drawing, [(place(m.x, y_low)[0], m.label) for m in marks], (left, bottom, plot_w, plot_h)
    )
    _legend(drawing, entries, legend_space - LEGEND_ROW, width)
    return drawing


def _draw_marks(
    drawing: Drawing, marks: Sequence[tuple[float, str]], box: tuple[float, float, float, float]
) -> None:
    """Dashed vertical lines, each labelled on its own row above the plot; labels sit on a
    white ground so another mark's line never runs through them."""
    left, bottom, plot_w, plot_h = box
    for row, (x, _label) in enumerate(marks):
        drawing.add(
            Line(
                x,
                bottom,
                x,
                bottom + plot_h + 4 + 11 * row,
                strokeColor=MUTED,
                strokeWidth=0.7,
                strokeDashArray=[3, 2],
            )
        )
    for row, (x, label) in enumerate(marks):
        text = fit(label, FONT, LABEL_SIZE, plot_w * 0.6)
        text_w = pdfmetrics.stringWidth(text, FONT, LABEL_SIZE)
        start = x + 3 if x + 3 + text_w <= left + plot_w + 10 else x - 3 - text_w
        y = bottom + plot_h + 6 + 11 * row
        drawing.add(
            Rect(
                start - 1.5,
                y - 2.5,
                text_w + 3,
                LABEL_SIZE + 3,
                fillColor=colors.white,
                strokeColor=None,
            )
        )
        drawing.add(_text(start, y, text, LABEL_SIZE, fillColor=INK))


def _draw_series(
    drawing: Drawing, points: list[tuple[float, float] | None], colour: colors.Color
) -> None:
    """A line through consecutive present points, a dot on each."""
    run: list[tuple[float, float]] = []
    for point in [*points, None]:
        if point is not None:
            run.append(point)
            drawing.add(Circle(point[0], point[1], 1.6, fillColor=colour, strokeColor=None))
            continue
        if len(run) > 1:
            flat = [value for xy in run for value in xy]
            drawing.add(PolyLine(flat, strokeColor=colour, strokeWidth=1.4))
        run = []
