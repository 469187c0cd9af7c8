"""Turn the inputs and conflicts of a :class:`CheckResult` into rows for the HTML template.

Every value here is plain text or a number, and the template escapes the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from consistency.reporters.formatting import DASH, INLINE_LABELS, consensus_text, number, tally_text
from consistency.result import Conflict


@dataclass(frozen=True)
class InputRow:
    """One input file."""

    file: str
    role: str
    format: str
    rows: str
    judgements: str


@dataclass(frozen=True)
class ConflictRow:
    """One conflicting item with everyone's label."""

    item: str
    field: str
    disagreement: str
    consensus: str
    tie: bool
    gold: str
    annotations: int
    tally: str
    labels: list[tuple[str, str]]
    inline: bool


def input_rows(inputs: Sequence[dict[str, Any]]) -> list[InputRow]:
    """Convert the result's input records, printing a dash for any key a record lacks."""

    def text(record: dict[str, Any], key: str) -> str:
        value = record.get(key)
        return DASH if value is None else str(value)

    return [
        InputRow(
            text(record, "file"),
            text(record, "role"),
            text(record, "format"),
            text(record, "rows"),
            text(record, "judgements"),
        )
        for record in inputs
    ]


def conflict_row(conflict: Conflict) -> ConflictRow:
    """Build one row of the conflict table, annotators in name order."""
    labels = sorted(conflict.labels.items())
    return ConflictRow(
        item=conflict.item,
        field=conflict.field,
        disagreement=number(conflict.disagreement),
        consensus=consensus_text(conflict),
        tie=conflict.tie,
        gold=conflict.gold if conflict.gold is not None else DASH,
        annotations=conflict.annotations,
        tally=tally_text(conflict.labels),
        labels=labels,
        inline=len(labels) <= INLINE_LABELS,
    )
