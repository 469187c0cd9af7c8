"""Turn a field's coincidence matrix and annotator pairs into heatmaps for the HTML report.

Every value here is plain text or a number, and the template escapes the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from consistency.reporters.formatting import finite, number, percent
from consistency.reporters.heatmap import DIVERGING, CellInput, Heatmap, build_heatmap, sequential
from consistency.result import FieldResult, PairAgreement

MAX_COINCIDENCE_LABELS = 30
"""Maximum labels in the coincidence heatmap, which shows those with the most pairable values."""
MAX_CONFUSED_PAIRS = 5
MAX_PAIRWISE_ANNOTATORS = 40
"""Maximum annotators in the pairwise heatmap, which shows those with the most annotations."""
COLLAPSE_ANNOTATORS = 15
"""Pairwise heatmaps with more annotators than this start collapsed."""


@dataclass(frozen=True)
class ConfusedRow:
    """Two labels often given to the same item by different annotators."""

    first: str
    second: str
    count: str
    share: str


@dataclass(frozen=True)
class CoincidenceView:
    """The coincidence heatmap of a field, its most confused pairs and a note on left-out labels."""

    heatmap: Heatmap
    confused: list[ConfusedRow]
    note: str


@dataclass(frozen=True)
class PairwiseView:
    """The heatmap of alpha for every pair of annotators, with a note on left-out annotators."""

    heatmap: Heatmap
    annotators: int
    note: str
    collapsed: bool


def count_text(value: float) -> str:
    """Format a coincidence count: no decimals for whole counts and from 100 up, else one.

    Counts below 0.1 keep two significant digits, so that no count above 0 prints as 0.

    >>> count_text(3.0), count_text(1.3333), count_text(3095.78), count_text(0.0125)
    ('3', '1.3', '3096', '0.013')
    """
    if abs(value - round(value)) < 1e-6 or abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 0.1:
        return f"{value:.1f}"
    return f"{value:.2g}"


def _labels_to_draw(totals: list[float]) -> list[int]:
    ranked = sorted(range(len(totals)), key=lambda index: (-totals[index], index))
    return sorted(ranked[:MAX_COINCIDENCE_LABELS])


def coincidence_view(field_id: str, field: FieldResult) -> CoincidenceView | None:
    """Build the coincidence heatmap of a categorical field, or return ``None`` without a matrix.

    Cells are shaded by their count relative to the largest drawn cell.
    """
    summary = field.coincidence
    if summary is None or not summary.labels:
        return None
    matrix = [[finite(value) or 0.0 for value in row] for row in summary.matrix]
    totals = [sum(row) for row in matrix]
    drawn = _labels_to_draw(totals)
    names = [summary.labels[index] for index in drawn]
    cells = []
    for row_index in drawn:
        row_name, row_total = summary.labels[row_index], totals[row_index]
        row = []
        for column_index in drawn:
            value = matrix[row_index][column_index]
            share = value / row_total if row_total > 0 else None
            title = (
                f"row {row_name}, column {summary.labels[column_index]}: "
                f"{count_text(value)} coincidences ({percent(share)} of row {row_name})"
            )
            text = count_text(value) if value != 0 else ""
            row.append(CellInput(value, text, title))
        cells.append(row)
    high = max((cell.value or 0.0 for row in cells for cell in row), default=0.0)
    heatmap = build_heatmap(
        f"Coincidence matrix of field {field_id}",
        names,
        cells,
        sequential(high),
        [(0.0, "0"), (high, count_text(high))],
        "",
    )
    left_out = len(summary.labels) - len(drawn)
    note = ""
    if left_out:
        note = (
            f"Showing the {len(drawn)} of {len(summary.labels)} values with the most pairable "
            f"annotations; {left_out} are left out of the heatmap, but the list of confused "
            "pairs covers every value."
        )
    confused = [
        ConfusedRow(pair.first, pair.second, count_text(pair.count), percent(pair.share))
        for pair in summary.confused[:MAX_CONFUSED_PAIRS]
    ]
    return CoincidenceView(heatmap, confused, note)


def _shown_annotators(field: FieldResult) -> tuple[list[str], int]:
    """Annotators of the pairwise heatmap in id order, and how many annotators the pairs have."""
    present = sorted(
        {pair.first for pair in field.pairwise} | {pair.second for pair in field.pairwise}
    )
    annotations = {entry.annotator: entry.annotations for entry in field.per_annotator}
    ranked = sorted(present, key=lambda name: (-annotations.get(name, 0), name))
    return sorted(ranked[:MAX_PAIRWISE_ANNOTATORS]), len(present)


def _pair_cell(pair: PairAgreement | None, first: str, second: str) -> CellInput:
    if first == second or pair is None:
        return CellInput(None, "", "")
    value = finite(pair.alpha.value)
    agreement = percent(pair.percent_agreement)
    if value is None:
        reason = pair.alpha.undefined_reason or "no finite value"
        title = f"{first} and {second}: alpha undefined ({reason}); {pair.shared} shared items"
        return CellInput(None, "", title, marked=True)
    title = (
        f"{first} and {second}: alpha {number(value)} on {pair.shared} shared items, "
        f"percent agreement {agreement}"
    )
    return CellInput(value, number(value, 2), title)


def pairwise_view(field_id: str, field: FieldResult) -> PairwiseView | None:
    """Build the heatmap of alpha per annotator pair, or return ``None`` without pairs.

    Pairs are looked up in both orders; a pair listed twice keeps its first entry.
    """
    if not field.pairwise:
        return None
    names, present = _shown_annotators(field)
    pairs: dict[tuple[str, str], PairAgreement] = {}
    for pair in field.pairwise:
        pairs.setdefault((pair.first, pair.second), pair)
        pairs.setdefault((pair.second, pair.first), pair)
    cells = [
        [_pair_cell(pairs.get((first, second)), first, second) for second in names]
        for first in names
    ]
    heatmap = build_heatmap(
        f"Krippendorff's alpha per annotator pair of field {field_id}",
        names,
        cells,
        DIVERGING,
        [(-1.0, "-1"), (0.0, "0 (chance)"), (1.0, "1")],
        "alpha undefined (hover for the reason)",
    )
    total = max(present, field.annotators)
    note = ""
    if len(names) < total:
        note = (
            f"Showing {len(names)} of the field's {total} annotators: those with the "
            "most annotations among the annotators who share an item with another one. "
            "The JSON result lists every measured pair."
        )
    return PairwiseView(heatmap, len(names), note, len(names) > COLLAPSE_ANNOTATORS)
