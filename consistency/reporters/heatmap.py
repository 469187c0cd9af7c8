"""Geometry and colours of the inline SVG heatmaps in the HTML report.

A heatmap is a square matrix with the same names on both axes: row names
on the left, column names slanted above the columns. This module computes
every coordinate and fill colour; the template only draws them. Every
number written into the SVG is finite. A cell without a finite value is
either struck through or, to keep large sparse matrices small, not drawn
at all, which leaves the white matrix background.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from consistency.reporters.formatting import finite

CELL_HEIGHT = 22.0
"""Height of a cell, in SVG user units (pixels)."""
MIN_CELL_WIDTH = 30.0
CHAR_WIDTH = 6.2
"""Estimated width of one character of the 10 px axis names, used to size margins."""
CELL_CHAR_WIDTH = 5.4
"""Estimated width of one character of the 9 px cell text, used to size cells."""
NAME_CHARS = 20
"""Axis names longer than this are cut; the whole name is in a tooltip."""
SLANT = math.sqrt(0.5)
"""Vertical share of a column name slanted at 45 degrees."""
LEGEND_STEPS = 9
LEGEND_STEP_WIDTH = 18.0
LEGEND_HEIGHT = 46.0
"""Room under the matrix for the colour legend and its labels."""
INK_DARK = "dark"
INK_LIGHT = "light"
"""Text colour classes (``ink-dark``, ``ink-light``) of the stylesheet, for light and dark fills."""
MARKED_FILL = "#d0d7de"


@dataclass(frozen=True)
class ColorScale:
    """A linear colour scale through ``stops``: (value, RGB) pairs in increasing value order.

    Values outside the first and last stop get the colour of the nearer end.
    """

    stops: tuple[tuple[float, tuple[int, int, int]], ...]

    @property
    def low(self) -> float:
        """Value of the first stop."""
        return self.stops[0][0]

    @property
    def high(self) -> float:
        """Value of the last stop."""
        return self.stops[-1][0]

    def rgb(self, value: float) -> tuple[int, int, int]:
        """Interpolate the colour of ``value`` between the two stops around it."""
        clamped = min(max(value, self.low), self.high)
        for (left, left_rgb), (right, right_rgb) in zip(self.stops, self.stops[1:]):
            if clamped <= right:
                share = 0.0 if right <= left else (clamped - left) / (right - left)
                mixed = [round(a + (b - a) * share) for a, b in zip(left_rgb, right_rgb)]
                return mixed[0], mixed[1], mixed[2]
        return self.stops[-1][1]

    def fill(self, value: float) -> str:
        """Return the colour of ``value`` as ``#rrggbb``.

        >>> sequential(10.0).fill(0.0), sequential(10.0).fill(10.0)
        ('#f6f8fa', '#0a3069')
        """
        return "#{:02x}{:02x}{:02x}".format(*self.rgb(value))

    def ink(self, value: float) -> str:
        """Return ``dark`` or ``light``: the text colour class readable on the fill of ``value``."""
        red, green, blue = self.rgb(value)
        luminance = (0.299 * red + 0.587 * green + 0.114 * blue) / 255
        return INK_DARK if luminance > 0.55 else INK_LIGHT


PALE = (246, 248, 250)
BLUE = (10, 48, 105)
RED = (130, 7, 30)


def sequential(high: float) -> ColorScale:
    """Scale from pale grey at 0 to dark blue at ``high``, or at 1 when ``high`` is not above 0."""
    checked = finite(high)
    top = checked if checked is not None and checked > 0 else 1.0
    return ColorScale(((0.0, PALE), (top, BLUE)))


DIVERGING = ColorScale(((-1.0, RED), (0.0, PALE), (1.0, BLUE)))
"""Scale for agreement coefficients: red at -1, pale at 0 (chance), blue at 1 (perfect)."""


@dataclass(frozen=True)
class CellInput:
    """What one cell shows, before layout.

    ``value`` is shaded with the scale. A cell whose value is ``None`` is
    drawn grey and struck through when ``marked`` (a value that could not
    be computed, with the reason in ``title``), and not drawn otherwise.
    """

    value: float | None
    text: str
    title: str
    marked: bool = False


@dataclass(frozen=True)
class Cell:
    """One laid-out cell: its box from (x, y) to (right, bottom), fill, printed text and tooltip."""

    x: float
    y: float
    right: float
    bottom: float
    text_x: float
    text_y: float
    fill: str
    ink: str
    text: str
    title: str
    kind: str
    """``value`` or ``marked``, the CSS class suffix of the cell."""


@dataclass(frozen=True)
class AxisName:
    """A row or column name: its anchor point, the whole name and the shown part."""

    x: float
    y: float
    name: str
    short: str


@dataclass(frozen=True)
class LegendStep:
    """One swatch of the colour legend."""

    x: float
    fill: str


@dataclass(frozen=True)
class LegendTick:
    """A value printed under the colour legend, centred on ``x``."""

    x: float
    text: str


@dataclass(frozen=True)
class Heatmap:
    """A whole heatmap, ready for the template."""

    label: str
    width: float
    height: float
    left: float
    top: float
    cell_width: float
    cell_height: float
    matrix_width: float
    matrix_height: float
    rows: list[AxisName]
    columns: list[AxisName]
    cells: list[Cell]
    legend: list[LegendStep]
    legend_y: float
    legend_bottom: float
    legend_text_y: float
    legend_step: float
    legend_ticks: list[LegendTick]
    legend_marked: str
    """Legend text of a marked cell; empty when no cell is marked."""
    marked_x: float
    """Left edge of the marked-cell sample, right of the colour legend."""
    marked_right: float
    marked_text_x: float


def _shorten(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"


def _legend(scale: ColorScale, left: float) -> list[LegendStep]:
    steps = []
    for index in range(LEGEND_STEPS):
        value = scale.low + (scale.high - scale.low) * index / (LEGEND_STEPS - 1)
        steps.append(LegendStep(round(left + index * LEGEND_STEP_WIDTH, 2), scale.fill(value)))
    return steps


def _legend_ticks(
    scale: ColorScale, left: float, ticks: Sequence[tuple[float, str]]
) -> list[LegendTick]:
    span = (LEGEND_STEPS - 1) * LEGEND_STEP_WIDTH
    placed = []
    for value, text in ticks:
        checked = finite(value)
        if checked is None or scale.high <= scale.low:
            continue
        share = (min(max(checked, scale.low), scale.high) - scale.low) / (scale.high - scale.low)
        placed.append(LegendTick(round(left + LEGEND_STEP_WIDTH / 2 + share * span, 2), text))
    return placed


def build_heatmap(
    label: str,
    names: Sequence[str],
    cells: Sequence[Sequence[CellInput]],
    scale: ColorScale,
    ticks: Sequence[tuple[float, str]],
    marked_text: str,
) -> Heatmap:
    """Lay out a square heatmap with ``names`` on both axes.

    Parameters
    ----------
    label : str
        Accessible name of the heatmap.
    names : sequence of str, length n
        Row names top to bottom, which are also the column names left to right.
    cells : sequence of n sequences of n CellInput
        ``cells[i][j]`` is the cell of row ``i`` and column ``j``.
    scale : ColorScale
    ticks : sequence of (float, str)
        Values printed under the colour legend, with their text.
    marked_text : str
        Legend text of a marked cell, shown when a cell is marked.

    Raises
    ------
    ValueError
        When ``cells`` is not n by n.
    """
    count = len(names)
    if len(cells) != count or any(len(row) != count for row in cells):
        raise ValueError(f"a heatmap of {count} names needs {count} rows of {count} cells")
    shorts = [_shorten(name) for name in names]
    longest_name = max((len(short) for short in shorts), default=0)
    longest_text = max((len(cell.text) for row in cells for cell in row), default=0)
    cell_width = max(MIN_CELL_WIDTH, round(longest_text * CELL_CHAR_WIDTH + 6, 2))
    left = round(longest_name * CHAR_WIDTH + 12, 2)
    top = round(longest_name * CHAR_WIDTH * SLANT + 14, 2)

    rows = [
        AxisName(left - 6, round(top + index * CELL_HEIGHT + 15, 2), name, short)
        for index, (name, short) in enumerate(zip(names, shorts))
    ]
    columns = [
        AxisName(round(left + (index + 0.5) * cell_width, 2), top - 6, name, short)
        for index, (name, short) in enumerate(zip(names, shorts))
    ]
    laid_out = []
    for row_index, row in enumerate(cells):
        for column_index, cell in enumerate(row):
            value = finite(cell.value)
            if value is not None:
                kind, fill, ink = "value", scale.fill(value), scale.ink(value)
            elif cell.marked:
                kind, fill, ink = "marked", MARKED_FILL, INK_DARK
            else:
                continue
            x = left + column_index * cell_width
            y = top + row_index * CELL_HEIGHT
            laid_out.append(
                Cell(
                    round(x, 2),
                    round(y, 2),
                    round(x + cell_width, 2),
                    round(y + CELL_HEIGHT, 2),
                    round(x + cell_width / 2, 2),
                    round(y + 15, 2),
                    fill,
                    ink,
                    cell.text,
                    cell.title,
                    kind,
                )
            )

    bottom = top + count * CELL_HEIGHT
    matrix_right = left + count * cell_width
    legend_left = left
    marked_x = legend_left + LEGEND_STEPS * LEGEND_STEP_WIDTH + 24
    marked = any(cell.kind == "marked" for cell in laid_out)
    legend_right = marked_x + (24 + len(marked_text) * CHAR_WIDTH if marked else 0)
    width = max(matrix_right + longest_name * CHAR_WIDTH * SLANT + 8, legend_right)
    return Heatmap(
        label=label,
        width=round(width, 2),
        height=round(bottom + LEGEND_HEIGHT, 2),
        left=left,
        top=top,
        cell_width=cell_width,
        cell_height=CELL_HEIGHT,
        matrix_width=round(count * cell_width, 2),
        matrix_height=round(count * CELL_HEIGHT, 2),
        rows=rows,
        columns=columns,
        cells=laid_out,
        legend=_legend(scale, legend_left),
        legend_y=round(bottom + 12, 2),
        legend_bottom=round(bottom + 24, 2),
        legend_text_y=round(bottom + 36, 2),
        legend_step=LEGEND_STEP_WIDTH,
        legend_ticks=_legend_ticks(scale, legend_left, ticks),
        legend_marked=marked_text if marked else "",
        marked_x=round(marked_x, 2),
        marked_right=round(marked_x + LEGEND_STEP_WIDTH, 2),
        marked_text_x=round(marked_x + LEGEND_STEP_WIDTH + 6, 2),
    )
