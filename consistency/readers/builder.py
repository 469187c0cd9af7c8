"""The builder that export readers fill record by record, and that turns the records into frames."""

from __future__ import annotations

from typing import Any

import pandas as pd

from consistency.readers.layout import JUDGEMENT_COLUMNS
from consistency.readers.records import (
    BOX_COLUMNS,
    ITEM_COLUMNS,
    MISSING_ANNOTATOR,
    NOTICE_COLUMNS,
    RELATION_COLUMNS,
    ROW_COLUMNS,
    SOURCE_REFERENCE_COLUMNS,
    SPAN_COLUMNS,
    Box,
    ExportRead,
    InputSummary,
    Span,
    ToolNames,
    boxes_value,
    empty_frame,
    label_text,
    spans_value,
    with_none,
)


class RecordBuilder:
    """Collect the records of one export file and turn them into an :class:`ExportRead`.

    Parameters
    ----------
    file : str
        The file, as findings name it.
    format_name : str
        The export format, for the input summary.
    fallback_annotator : str, optional
        Annotator of the records that name none (for example the user a
        doccano file is named after).
    """

    def __init__(self, file: str, format_name: str, fallback_annotator: str | None = None) -> None:
        self.file = file
        self.format_name = format_name
        self.fallback_annotator = fallback_annotator
        self.records = 0
        self.votes = 0
        self.gold_records = 0
        self.controls: dict[str, ToolNames] = {}
        self.skipped: dict[str, int] = {}
        self.ignored: dict[str, int] = {}
        self._judgements: list[tuple[Any, ...]] = []
        self._rows: list[tuple[Any, ...]] = []
        self._references: dict[str, list[tuple[Any, ...]]] = {"gold": [], "predictions": []}
        self._spans: list[tuple[Any, ...]] = []
        self._boxes: list[tuple[Any, ...]] = []
        self._items: dict[str, tuple[Any, ...]] = {}
        self._relations: list[tuple[Any, ...]] = []
        self._notices: list[tuple[Any, ...]] = []
        self._tallies: dict[tuple[str, str, str | None], list[Any]] = {}

    def skip(self, reason: str, count: int = 1) -> None:
        """Count ``count`` records that are not votes, for ``reason``."""
        self.skipped[reason] = self.skipped.get(reason, 0) + count

    def ignore(self, reason: str, count: int = 1) -> None:
        """Count ``count`` parts of records that were not read, for ``reason``."""
        self.ignored[reason] = self.ignored.get(reason, 0) + count

    def item(self, line: int, item: str | None, text: str | None, image: str | None = None) -> None:
        """Keep the text and image of ``item``; the first record that gives them wins."""
        if item is None:
            return
        known = self._items.get(item)
        if known is None or (known[3] is None and text is not None):
            self._items[item] = (self.file, line, item, text, image)

    def annotator(self, raw: Any) -> str | None:
        """Return the annotator id of a record: its own, else the fallback, else ``None``."""
        text = label_text(raw)
        if text is None or not text.strip():
            return self.fallback_annotator
        return text

    def vote(self, line: int, item: str | None, annotator: str | None, hint: str) -> None:
        """Record that ``annotator`` worked on ``item``; tally it when the annotator is unknown.

        ``hint`` tells the finding which keys were looked at and how to
        name annotators. Records without annotator are not rows, so that
        they are reported once per file rather than as one missing id each.
        """
        self.votes += 1
        if annotator is None:
            self.tally(MISSING_ANNOTATOR, line, item, hint)
            if item is None:
                self._rows.append((self.file, line, None, None))
            return
        self._rows.append((self.file, line, item, annotator))

    def value(self, line: int, item: str | None, annotator: str | None, field_id: str, value: str,
              role: str = "annotations") -> None:
        """Add one answer: a judgement, or a gold or prediction value when ``role`` says so."""
        if role == "annotations":
            self._judgements.append((self.file, line, item, annotator, field_id, value))
        else:
            self._references[role].append((self.file, line, item, field_id, value, annotator))

    def spans(self, line: int, item: str | None, annotator: str | None, field_id: str, spans: list[Span],
              role: str = "annotations") -> None:
        """Add a list of spans as one answer, and each span as a row of the spans frame."""
        for span in spans:
            self._spans.append((self.file, line, item, annotator, field_id, role, span.region, span.start,
                                span.end, span.label, span.text))
        self.value(line, item, annotator, field_id, spans_value(spans), role)

    def boxes(self, line: int, item: str | None, annotator: str | None, field_id: str, boxes: list[Box],
              role: str = "annotations") -> None:
        """Add a list of boxes as one answer, and each box as a row of the boxes frame."""
        for box in boxes:
            self._boxes.append((self.file, line, item, annotator, field_id, role, box.region, box.x, box.y,
                                box.width, box.height, box.rotation, box.label, box.image_width, box.image_height))
        self.value(line, item, annotator, field_id, boxes_value(boxes), role)

    def relation(self, line: int, item: str | None, annotator: str | None, role: str, source: str | None,
                 target: str | None, label: str | None, direction: str | None = None) -> None:
        """Keep one relation between two regions."""
        self._relations.append((self.file, line, item, annotator, role, source, target, label, direction))

    def control(self, field_id: str, names: ToolNames) -> None:
        """Keep the tool's names for ``field_id``; names that give the object tag win over those that do not."""
        known = self.controls.get(field_id)
        if known is None or (known.object_tag is None and names.object_tag is not None):
            self.controls[field_id] = names

    def notice(self, kind: str, line: int, item: str | None, annotator: str | None, field_id: str | None,
               detail: str) -> None:
        """Add a notice about one record."""
        self._notices.append((self.file, line, item, annotator, field_id, kind, 1, detail))

    def tally(self, kind: str, line: int, item: str | None, detail: str, field_id: str | None = None) -> None:
        """Count a notice that is reported once per file and ``detail``, at its first record."""
        key = (kind, detail, field_id)
        entry = self._tallies.get(key)
        if entry is None:
            self._tallies[key] = [line, item, 1]
        else:
            entry[2] += 1

    def build(self, rows_read: int) -> ExportRead:
        """Turn what was collected into frames and the input summary."""
        notices = self._notices + [
            (self.file, line, item, None, field_id, kind, count, detail)
            for (kind, detail, field_id), (line, item, count) in self._tallies.items()
        ]
        spans = _frame(self._spans, SPAN_COLUMNS)
        spans["start"] = spans["start"].astype("Int64")
        spans["end"] = spans["end"].astype("Int64")
        boxes = _frame(self._boxes, BOX_COLUMNS)
        for column in ("x", "y", "width", "height", "rotation", "image_width", "image_height"):
            boxes[column] = boxes[column].astype(float)
        read = ExportRead(
            judgements=_frame(self._judgements, JUDGEMENT_COLUMNS),
            rows=_frame(self._rows, ROW_COLUMNS),
            summary=InputSummary(
                file=self.file,
                format=self.format_name,
                layout="export",
                role="annotations",
                rows=rows_read,
                judgements=len(self._judgements),
                records=self.records,
                skipped=dict(sorted(self.skipped.items())),
                ignored=dict(sorted(self.ignored.items())),
                gold=len(self._references["gold"]),
                predictions=len(self._references["predictions"]),
                spans=len(self._spans),
                boxes=len(self._boxes),
                votes=self.votes,
                gold_records=self.gold_records,
            ),
            spans=spans,
            boxes=boxes,
            items=_frame(list(self._items.values()), ITEM_COLUMNS),
            relations=_frame(self._relations, RELATION_COLUMNS),
            notices=_frame(notices, NOTICE_COLUMNS),
            gold=_frame(self._references["gold"], SOURCE_REFERENCE_COLUMNS),
            predictions=_frame(self._references["predictions"], SOURCE_REFERENCE_COLUMNS),
            controls=dict(self.controls),
        )
        read.judgements["line"] = read.judgements["line"].astype("int64")
        return read


def _frame(rows: list[tuple[Any, ...]], columns: list[str]) -> pd.DataFrame:
    if not rows:
        return empty_frame(columns)
    return with_none(pd.DataFrame.from_records(rows, columns=columns))
