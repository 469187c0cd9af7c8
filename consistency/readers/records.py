"""The records that every reader produces, and the builder that export readers fill.

Tabular files and tool exports end up in the same frames. Besides the
judgement frame (one canonical value per item, annotator and field), export
readers keep what one value cannot hold:

``spans``
    One row per labelled character span (:data:`SPAN_COLUMNS`). ``start``
    and ``end`` are 0-based character offsets into the item's text with
    ``end`` exclusive, as Label Studio, doccano and Argilla write them and as
    Prodigy's character ``end`` is; Prodigy's inclusive ``token_end`` is
    not used. ``text`` is the text the tool quoted for the span, or
    ``None``. A span with several labels gives one row per label, sharing
    ``region``. Offsets that are missing or not whole numbers are ``<NA>``.
``boxes``
    One row per labelled box (:data:`BOX_COLUMNS`) in pixels: ``x`` and
    ``y`` are the top-left corner, ``rotation`` is in degrees clockwise
    around that corner (Label Studio's convention; 0 elsewhere). Label
    Studio's percentages are converted with the image size it exports
    (``original_width``, ``original_height``). Unknown numbers are NaN.
``items``
    One row per item and file (:data:`ITEM_COLUMNS`) with the item's text
    and image reference, when the export carries them.
``relations``
    One row per relation between two regions (:data:`RELATION_COLUMNS`),
    kept as read: ``source`` and ``target`` are region ids of the same
    item and annotator.
``notices``
    What a reader saw that a check reports (:data:`NOTICE_COLUMNS`):
    ``kind`` names the check's subject, ``count`` how many records it
    covers from the location given, ``detail`` is text for the message.

In ``spans`` and ``boxes``, ``role`` is ``annotations``, ``gold`` or
``predictions``; for predictions ``annotator`` is the model's name.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from consistency.readers.layout import REFERENCE_COLUMNS, ROW_ITEMS

SPAN_COLUMNS = ["file", "line", "item", "annotator", "field", "role", "region", "start", "end", "label", "text"]
BOX_COLUMNS = ["file", "line", "item", "annotator", "field", "role", "region", "x", "y", "width", "height",
               "rotation", "label", "image_width", "image_height"]
ITEM_COLUMNS = ["file", "line", "item", "text", "image"]
RELATION_COLUMNS = ["file", "line", "item", "annotator", "role", "source", "target", "label", "direction"]
NOTICE_COLUMNS = ["file", "line", "item", "annotator", "field", "kind", "count", "detail"]
ROW_COLUMNS = ["file", "line", "item", "annotator"]
SOURCE_REFERENCE_COLUMNS = [*REFERENCE_COLUMNS, "annotator"]
"""Gold and prediction values read from an export: who gave each one is kept in ``annotator``."""

MISSING_ANNOTATOR = "missing_annotator"
EMPTY_ANSWER = "empty_answer"
NO_STATUS = "no_status"
UNREAD = "unread"
MERGED_ANNOTATORS = "merged_annotators"
UNKNOWN_CATEGORY = "unknown_category"
"""Notice of COCO annotations whose ``category_id`` is not in ``categories``; ``detail`` is the id."""
TOKEN_MISMATCH = "token_mismatch"
RELATIONS_IGNORED = "relation between regions (kept, but no check reads relations)"
"""Reason under ``ignored`` for relations, which the readers keep in the ``relations`` frame."""


@dataclass(frozen=True)
class InputSummary:
    """What one input file contributed to a run.

    ``rows`` counts table rows or top-level records (Label Studio tasks,
    JSON Lines, COCO images). ``records`` counts the annotation records in
    them: Label Studio annotations and drafts, Argilla responses, COCO
    annotations, or the rows again for tables. Of the records of an
    annotation file, ``votes`` were read as an annotator's answers,
    ``skipped`` counts those that are not votes, by reason (cancelled,
    ignored, discarded, draft, ...), and ``gold_records`` those read as gold
    only (Label Studio ground truth of a reviewer), so that ``records =
    votes + sum(skipped) + gold_records``. ``ignored`` counts parts of
    records that were not read, by reason (results of a control no field
    maps to, per-region results, relations, ...). ``judgements``, ``gold``
    and ``predictions`` count the values made, ``spans`` and ``boxes`` the
    regions read.
    """

    file: str
    format: str
    layout: str
    role: str
    rows: int
    judgements: int
    records: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    ignored: dict[str, int] = field(default_factory=dict)
    gold: int = 0
    predictions: int = 0
    spans: int = 0
    boxes: int = 0
    votes: int = 0
    gold_records: int = 0


class Span(NamedTuple):
    """A labelled character span; ``end`` exclusive, offsets ``None`` when unusable."""

    start: int | None
    end: int | None
    label: str
    text: str | None = None
    region: str | None = None


class Box(NamedTuple):
    """A labelled box in pixels; NaN for a number the export does not give."""

    x: float
    y: float
    width: float
    height: float
    label: str
    image_width: float = math.nan
    image_height: float = math.nan
    rotation: float = 0.0
    region: str | None = None


class ToolNames(NamedTuple):
    """The names an export gives one field: the control (``from_name``), its object tag (``to_name``) and data key.

    Label Studio's full JSON export gives all three; JSON-MIN and CSV only
    the control and the data key; ``None`` where the export gives none.
    """

    control: str
    object_tag: str | None = None
    data_key: str | None = None


def empty_frame(columns: list[str]) -> pd.DataFrame:
    """Return a frame with ``columns`` and no rows."""
    return pd.DataFrame({column: pd.Series([], dtype=object) for column in columns})


@dataclass
class ExportRead:
    """Everything one export file holds, in the common frames."""

    judgements: pd.DataFrame
    rows: pd.DataFrame
    summary: InputSummary
    spans: pd.DataFrame = field(default_factory=lambda: empty_frame(SPAN_COLUMNS))
    boxes: pd.DataFrame = field(default_factory=lambda: empty_frame(BOX_COLUMNS))
    items: pd.DataFrame = field(default_factory=lambda: empty_frame(ITEM_COLUMNS))
    relations: pd.DataFrame = field(default_factory=lambda: empty_frame(RELATION_COLUMNS))
    notices: pd.DataFrame = field(default_factory=lambda: empty_frame(NOTICE_COLUMNS))
    gold: pd.DataFrame = field(default_factory=lambda: empty_frame(SOURCE_REFERENCE_COLUMNS))
    predictions: pd.DataFrame = field(default_factory=lambda: empty_frame(SOURCE_REFERENCE_COLUMNS))
    controls: dict[str, ToolNames] = field(default_factory=dict)
    """Field id -> the tool's names for it, as the adjudication queue writes them back."""


def label_text(value: Any) -> str | None:
    """Return the exact text of a label read from JSON: numbers keep their digits, ``None`` stays missing."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def number(value: Any) -> float:
    """Convert a JSON number or numeric text to a float, and anything else to NaN."""
    if isinstance(value, bool) or value is None:
        return math.nan
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return math.nan
    return math.nan


def offset(value: Any) -> int | None:
    """Convert a character offset: a whole JSON number, else ``None``."""
    converted = number(value)
    if math.isfinite(converted) and converted.is_integer():
        return int(converted)
    return None


def record_item(value: Any, key: str | None, line: int) -> str | None:
    """Return the item id of a record: the value read under ``key``, or the record number when ``key`` is ``@row``."""
    if key == ROW_ITEMS:
        return str(line)
    return label_text(value)


def _span_key(span: Span) -> tuple[Any, ...]:
    return (span.start is None, span.start or 0, span.end is None, span.end or 0, span.label)


def spans_value(spans: list[Span]) -> str:
    """Write a list of spans in canonical form: ``[[start, end, label], ...]`` sorted."""
    return json.dumps([[span.start, span.end, span.label] for span in sorted(spans, key=_span_key)],
                      ensure_ascii=False)


def boxes_value(boxes: list[Box]) -> str:
    """Write a list of boxes in canonical form: ``[[x, y, width, height, label], ...]`` sorted, pixels to 2 decimals."""

    def rounded(value: float) -> float | None:
        return round(value, 2) if math.isfinite(value) else None

    entries = sorted(
        [[rounded(box.x), rounded(box.y), rounded(box.width), rounded(box.height), box.label] for box in boxes],
        key=lambda entry: tuple((part is None, part if part is not None else 0) for part in entry[:4]) + (entry[4],),
    )
    return json.dumps(entries, ensure_ascii=False)


def file_annotator(path: Path, enabled: bool | None, default: bool) -> str | None:
    """Return the annotator that a file names (``alex.jsonl.gz`` -> ``alex``) when that is enabled, else ``None``."""
    if not (default if enabled is None else enabled):
        return None
    name = path.name[:-3] if path.name.lower().endswith(".gz") else path.name
    return Path(name).stem or None


def texts_by_item(items: pd.DataFrame) -> dict[str, str]:
    """Map item id -> text from an ``items`` frame; the first file that gives a text wins."""
    known = items.dropna(subset=["item", "text"]).drop_duplicates("item")
    return dict(zip(known["item"].astype(str), known["text"].astype(str)))


def with_none(frame: pd.DataFrame) -> pd.DataFrame:
    """Turn every non-numeric column into ``object`` with ``None`` for missing values, as the table readers do."""
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            values = frame[column].astype(object)
            frame[column] = values.where(values.notna(), None)
    return frame
