"""Helpers of the checks on spans, boxes and reader notices."""

from __future__ import annotations

import json

import pandas as pd

from consistency.checks.base import CheckContext
from consistency.checks.suggest import suggest
from guidelines import CategoricalField


def region_rows(context: CheckContext, name: str) -> pd.DataFrame | None:
    """Return the readers' ``spans`` or ``boxes`` frame, or ``None`` when it is empty."""
    if context.annotations is None:
        return None
    frame: pd.DataFrame = getattr(context.annotations, name)
    return frame if len(frame) else None


def notice_rows(context: CheckContext, kind: str) -> pd.DataFrame | None:
    """Return the reader notices of ``kind``, or ``None`` when there are none."""
    if context.annotations is None:
        return None
    notices = context.annotations.notices
    found = notices[notices["kind"].eq(kind)]
    return found if len(found) else None


def item_texts(context: CheckContext, rows: pd.DataFrame) -> pd.Series:
    """Look up the text of each row's item (index of ``rows``), from the same file when it has one, else from any file."""
    if context.annotations is None or context.annotations.items.empty:
        return pd.Series(None, index=rows.index, dtype=object)
    items = context.annotations.items.dropna(subset=["item", "text"])
    by_file = items.drop_duplicates(["file", "item"]).set_index(["file", "item"])["text"]
    keys = pd.MultiIndex.from_frame(rows[["file", "item"]].astype(object))
    texts = pd.Series(by_file.reindex(keys).to_numpy(dtype=object), index=rows.index)
    any_file = items.drop_duplicates("item").set_index("item")["text"]
    return texts.where(texts.notna(), rows["item"].map(any_file))


def unknown_labels(context: CheckContext, rows: pd.DataFrame) -> pd.DataFrame | None:
    """Select the rows of a spans or boxes frame whose label is not a label, alias or special answer of its field."""
    parts = []
    for field_id, group in rows.groupby("field", sort=False):
        field = context.guideline.field(str(field_id))
        if not isinstance(field, CategoricalField):
            continue
        spellings = field.spellings()
        spellings.update({spelling: answer.id for spelling, answer in field.special_ids().items()})
        bad = group[~group["label"].isin(list(spellings))]
        if bad.empty:
            continue
        hints = {value: suggest(str(value), field.spellings()) for value in bad["label"].unique()}
        parts.append(bad.assign(suggestion=bad["label"].map(hints)))
    return pd.concat(parts, ignore_index=True) if parts else None


def region_counts(context: CheckContext, kind: str) -> list[tuple[CategoricalField, pd.DataFrame]]:
    """Count the regions of each answer, per field of ``kind``, into a ``count`` column."""
    found: list[tuple[CategoricalField, pd.DataFrame]] = []
    for prepared in context.fields.values():
        field = prepared.field
        if field.kind != kind or not isinstance(field, CategoricalField):
            continue
        frame = prepared.frame
        counts = frame["value"].map(_length)
        found.append((field, frame.assign(count=counts)))
    return found


def _length(value: object) -> int:
    try:
        parsed = json.loads(str(value))
    except json.JSONDecodeError:
        return 0
    return len(parsed) if isinstance(parsed, list) else 0
