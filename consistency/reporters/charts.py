"""Geometry of the inline SVG charts in the HTML report.

A chart has one row per named entry and one or more panels side by side,
each panel showing one series as horizontal bars or as dots. This module
computes every coordinate; the template only draws them. A missing or
non-finite value gets no bar and prints ``undefined``, so every number
written into the SVG is finite.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from consistency.reporters.formatting import finite, number

NAME_WIDTH = 170.0
"""Width of the column of row names, in SVG user units (pixels)."""
PANEL_WIDTH = 240.0
VALUE_WIDTH = 80.0
"""Room right of each panel for the value printed next to its bar."""
ROW_HEIGHT = 18.0
TOP = 24.0
BOTTOM = 20.0
MIN_TICK_GAP = 32.0
NAME_CHARS = 26
"""Row names longer than this are cut and shown whole in a tooltip."""


@dataclass(frozen=True)
class Guide:
    """A vertical reference line in a panel, such as a threshold."""

    value: float
    css: str
    text: str


@dataclass(frozen=True)
class Series:
    """The values one panel shows, one per row, with their printed text and CSS class."""

    title: str
    values: Sequence[float | None]
    texts: Sequence[str]
    classes: Sequence[str]
    low: float
    high: float
    style: str = "bar"
    digits: int = 2
    guides: Sequence[Guide] = field(default_factory=tuple)


@dataclass(frozen=True)
class Tick:
    """An axis label under a panel."""

    x: float
    text: str


@dataclass(frozen=True)
class GuideLine:
    """A guide placed in a panel."""

    x: float
    css: str
    text: str


@dataclass(frozen=True)
class Panel:
    """One series' drawing area: position, baseline, ticks and guides."""

    title: str
    left: float
    width: float
    zero: float
    style: str
    ticks: list[Tick]
    guides: list[GuideLine]


@dataclass(frozen=True)
class Cell:
    """One value drawn in one panel.

    The bar runs from ``x`` over ``width``; ``dot`` is the position of the
    value itself. Both are ``None`` when the value is undefined.
    """

    x: float | None
    width: float | None
    dot: float | None
    text: str
    text_x: float
    css: str


@dataclass(frozen=True)
class Row:
    """One entry of the chart, with its cells in panel order."""

    name: str
    short: str
    y: float
    cells: list[Cell]


@dataclass(frozen=True)
class Chart:
    """A whole chart, ready for the template."""

    label: str
    width: float
    height: float
    axis_y: float
    panels: list[Panel]
    rows: list[Row]


@dataclass(frozen=True)
class _Scale:
    low: float
    high: float
    left: float
    width: float

    def x(self, value: float) -> float:
        clamped = min(max(value, self.low), self.high)
        return round(self.left + (clamped - self.low) / (self.high - self.low) * self.width, 2)


def _scale(series: Series, left: float) -> _Scale:
    present = [value for value in (finite(value) for value in series.values) if value is not None]
    guides = [guide.value for guide in series.guides if finite(guide.value) is not None]
    low = min([finite(series.low) or 0.0, *present, *guides])
    high = max([finite(series.high) or 0.0, *present, *guides])
    if high <= low:
        high = low + 1.0
    return _Scale(low, high, left, PANEL_WIDTH)


def _ticks(scale: _Scale, digits: int) -> list[Tick]:
    # Zero first, then the ends, so that a tick too close to one already
    # placed is the one dropped and labels never overlap.
    candidates = [0.0] if scale.low <= 0.0 <= scale.high else []
    candidates += [scale.high, scale.low]
    ticks: list[Tick] = []
    for value in candidates:
        x = scale.x(value)
        if all(abs(x - tick.x) >= MIN_TICK_GAP for tick in ticks):
            ticks.append(Tick(x, number(value, digits)))
    return sorted(ticks, key=lambda tick: tick.x)


def _shorten(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"


def build_chart(label: str, names: Sequence[str], series: Sequence[Series]) -> Chart:
    """Lay out a chart with one row per name and one panel per series.

    Parameters
    ----------
    label : str
        Accessible name of the chart.
    names : sequence of str, length n
        Row names, top to bottom.
    series : sequence of Series
        Each with n values, texts and classes.

    Raises
    ------
    ValueError
        When a series does not have one value per name.
    """
    panels: list[Panel] = []
    cells_by_row: list[list[Cell]] = [[] for _ in names]
    for index, entry in enumerate(series):
        if not len(entry.values) == len(entry.texts) == len(entry.classes) == len(names):
            raise ValueError(
                f"series {entry.title!r} has {len(entry.values)} values for {len(names)} rows"
            )
        left = NAME_WIDTH + index * (PANEL_WIDTH + VALUE_WIDTH)
        scale = _scale(entry, left)
        zero = scale.x(0.0)
        ticks = _ticks(scale, entry.digits)
        guides = [
            GuideLine(scale.x(guide.value), guide.css, guide.text)
            for guide in entry.guides
            if finite(guide.value) is not None
        ]
        panels.append(Panel(entry.title, left, PANEL_WIDTH, zero, entry.style, ticks, guides))
        for row, (value, text, css) in enumerate(zip(entry.values, entry.texts, entry.classes)):
            checked = finite(value)
            if checked is None:
                cell = Cell(None, None, None, text, left + PANEL_WIDTH + 6, css)
            else:
                dot = scale.x(checked)
                cell = Cell(
                    min(zero, dot),
                    round(abs(dot - zero), 2),
                    dot,
                    text,
                    left + PANEL_WIDTH + 6,
                    css,
                )
            cells_by_row[row].append(cell)

    rows = [
        Row(name, _shorten(name), TOP + index * ROW_HEIGHT, cells)
        for index, (name, cells) in enumerate(zip(names, cells_by_row))
    ]
    axis_y = TOP + len(rows) * ROW_HEIGHT
    width = NAME_WIDTH + len(panels) * (PANEL_WIDTH + VALUE_WIDTH)
    return Chart(label, width, axis_y + BOTTOM, axis_y, panels, rows)
