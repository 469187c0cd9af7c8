"""COCO object detection files: ``images``, ``categories`` and ``annotations``.

- Boxes are ``bbox = [x, y, width, height]`` in pixels from the image's
  top-left corner; the image's ``width`` and ``height`` come from
  ``images``. Crowd regions (``iscrowd: 1``) are kept as boxes.
- The item is the image's ``file_name`` (or the image key mapped to
  ``item``, such as ``id``), so that separate files for the same images
  share items even when their image ids differ.
- The label is the category's ``name`` (its id when the category is not
  listed).
- COCO has no annotator. It comes from the annotation key mapped to
  ``annotator``, else from an ``annotator`` key (Label Studio writes one when
  ``LABEL_STUDIO_FORCE_ANNOTATOR_EXPORT`` is set), else from the file name:
  one file per annotator. An image listed in such a file without boxes is
  an empty answer.
- Label Studio's COCO export without ``LABEL_STUDIO_FORCE_ANNOTATOR_EXPORT``
  writes one image entry per annotation, all with the image's
  ``file_name``, and no annotator. Several image entries sharing a
  ``file_name`` without an annotator key are reported (LC194), because the
  boxes of several annotators are then one answer.
- An annotation whose ``category_id`` is not in ``categories`` keeps the
  id as its label, and the unknown-label finding says so.

Findings on boxes point at the annotation's position in ``annotations``;
findings on an image's answer at the image's position in ``images``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from consistency.config import SourceConfig
from consistency.errors import InputError
from consistency.readers.jsonfiles import Loaded, load_text, parse_document
from consistency.readers.layout import JUDGEMENT_COLUMNS
from consistency.readers.records import (
    BOX_COLUMNS,
    ITEM_COLUMNS,
    MERGED_ANNOTATORS,
    MISSING_ANNOTATOR,
    NOTICE_COLUMNS,
    ROW_COLUMNS,
    UNKNOWN_CATEGORY,
    UNREAD,
    ExportRead,
    InputSummary,
    empty_frame,
    file_annotator,
    label_text,
    number,
    record_item,
    with_none,
)
from consistency.readers.targets import check_answer_keys, check_columns, pick_field
from guidelines import Guideline

ANNOTATOR_HINT = (
    "COCO annotations without annotator; give each annotator their own file (the file name names them), "
    "or name the annotation key that holds the annotator with columns: {annotator: KEY}"
)
_GEOMETRY = ["x", "y", "width", "height"]
MERGED_HINT = (
    "{count} image entries share a file_name with another entry and the annotations name no annotator: this is "
    "Label Studio's COCO export, which merges the annotations of several annotators into one answer per image. "
    "Export again with the environment variable LABEL_STUDIO_FORCE_ANNOTATOR_EXPORT=1 set on the Label Studio "
    "server (it adds an annotator key to each annotation), or export JSON and read that"
)


def _images(images: list[Any], item_key: str) -> pd.DataFrame:
    rows = []
    for position, image in enumerate(images, start=1):
        if not isinstance(image, dict):
            continue
        item = record_item(image.get(item_key), item_key, position)
        rows.append((position, label_text(image.get("id")), item if item is not None else label_text(image.get("id")),
                     number(image.get("width")), number(image.get("height")),
                     image.get("file_name") if isinstance(image.get("file_name"), str) else None))
    return pd.DataFrame.from_records(rows, columns=["image_line", "image_id", "item", "image_width", "image_height",
                                                    "image"])


def _bbox(value: Any) -> list[float]:
    if isinstance(value, list) and len(value) == 4:
        return [number(part) for part in value]
    return [np.nan] * 4


def _annotations(annotations: list[Any], annotator_key: str | None) -> pd.DataFrame:
    records = [(position, entry) for position, entry in enumerate(annotations, start=1) if isinstance(entry, dict)]
    try:
        geometry = np.asarray([entry.get("bbox") for _, entry in records], dtype=float).reshape(len(records), 4)
    except (TypeError, ValueError):
        # Some box is not four numbers: convert one by one, with NaN where a number is missing.
        geometry = np.array([_bbox(entry.get("bbox")) for _, entry in records], dtype=float).reshape(len(records), 4)
    frame = pd.DataFrame(geometry, columns=_GEOMETRY)
    frame.insert(0, "line", [position for position, _ in records])
    frame["image_id"] = [label_text(entry.get("image_id")) for _, entry in records]
    frame["category"] = [label_text(entry.get("category_id")) for _, entry in records]
    frame["region"] = [label_text(entry.get("id")) for _, entry in records]
    frame["annotator"] = [label_text(entry.get(annotator_key)) if annotator_key else None for _, entry in records]
    return frame


def _values(boxes: pd.DataFrame) -> pd.Series:
    """Canonical answer text per (item, annotator), as :func:`consistency.readers.records.boxes_value` writes it."""
    ordered = boxes.sort_values(["item", "annotator", *_GEOMETRY, "label"], na_position="last", kind="stable")
    parts = []
    for column in _GEOMETRY:
        values = ordered[column].round(2)
        parts.append(pd.Series(np.where(values.isna(), "null", values.astype(str)), index=ordered.index))
    labels = ordered["label"].map({label: json.dumps(label, ensure_ascii=False) for label in ordered["label"].unique()})
    entries = "[" + parts[0] + ", " + parts[1] + ", " + parts[2] + ", " + parts[3] + ", " + labels + "]"
    joined = entries.groupby([ordered["item"], ordered["annotator"]], sort=False).agg(", ".join)
    return "[" + joined + "]"


def read_coco(path: Path, source: SourceConfig, guideline: Guideline, loaded: Loaded | None = None) -> ExportRead:
    """Read a COCO object detection file (``format: coco``).

    Raises
    ------
    InputError
        When the file has no ``images`` and ``annotations`` lists or the
        guideline has no boxes field.
    """
    check_columns(source, guideline)
    check_answer_keys(path, source, guideline, ("bbox",), "COCO")
    loaded = loaded or load_text(path)
    document = parse_document(loaded)
    if not (isinstance(document, dict) and isinstance(document.get("images"), list)
            and isinstance(document.get("annotations"), list)):
        raise InputError(str(path), "expected a COCO object with images and annotations lists")
    field_id = pick_field(source, guideline, "bbox", ("boxes",), "COCO")
    if field_id is None:
        raise InputError(str(path), "COCO boxes need a field of kind boxes in the guideline")
    file = str(path)

    images = _images(document["images"], source.columns.get("item", "file_name"))
    raw_annotations = document["annotations"]
    mapped = source.columns.get("annotator")
    annotator_key = mapped or ("annotator" if any(isinstance(entry, dict) and "annotator" in entry
                                                  for entry in raw_annotations) else None)
    fallback = file_annotator(path, source.annotator_from_file, True)
    frame = _annotations(raw_annotations, annotator_key)
    frame["annotator"] = frame["annotator"].where(frame["annotator"].notna(), fallback)
    categories = {label_text(entry.get("id")): label_text(entry.get("name"))
                  for entry in document.get("categories") or [] if isinstance(entry, dict)}
    frame["label"] = frame["category"].map(categories).fillna(frame["category"]).fillna("")

    known = frame["image_id"].isin(images["image_id"])
    strays = frame[~known]
    frame = frame[known].merge(images.drop(columns="image"), on="image_id", how="left")
    unknown = frame[frame["category"].notna() & ~frame["category"].isin(list(categories))]
    boxes = frame.assign(file=file, field=field_id, role="annotations", rotation=0.0)[BOX_COLUMNS]

    with_annotator = boxes[boxes["annotator"].notna()]
    values = _values(with_annotator) if len(with_annotator) else pd.Series([], dtype=object)
    answered = pd.DataFrame({"item": [key[0] for key in values.index], "annotator": [key[1] for key in values.index],
                             "value": values.to_numpy(dtype=object)})
    if fallback is not None and annotator_key is None:
        listed = images[["item"]].drop_duplicates().assign(annotator=fallback)
        answered = listed.merge(answered, on=["item", "annotator"], how="outer")
        answered["value"] = answered["value"].fillna("[]")
    line_of = images.drop_duplicates("item").set_index("item")["image_line"]
    judgements = answered.assign(file=file, field=field_id, line=answered["item"].map(line_of).astype("int64"))
    judgements = judgements.sort_values(["line", "annotator"], kind="stable")[JUDGEMENT_COLUMNS].reset_index(drop=True)
    orphans = boxes[boxes["annotator"].isna()]
    notices = []
    if len(orphans):
        first = orphans.iloc[0]
        notices.append((file, first["line"], first["item"], None, field_id, MISSING_ANNOTATOR, len(orphans),
                        ANNOTATOR_HINT))
    if len(strays):
        notices.append((file, strays["line"].iloc[0], None, None, field_id, UNREAD, len(strays),
                        f"COCO annotations whose image_id is not in images (first: {strays['image_id'].iloc[0]})"))
    for category, group in unknown.groupby("category", sort=True):
        notices.append((file, group["line"].iloc[0], group["item"].iloc[0], None, field_id, UNKNOWN_CATEGORY,
                        len(group), category))
    shared = images["image"].duplicated(keep=False) & images["image"].notna()
    if annotator_key is None and shared.any():
        first = images[shared].iloc[0]
        notices.append((file, first["image_line"], first["item"], None, field_id, MERGED_ANNOTATORS, int(shared.sum()),
                        MERGED_HINT.format(count=int(shared.sum()))))

    skipped = {"annotation of an image not in images": int((~known).sum())} if (~known).any() else {}
    if len(raw_annotations) > len(known):
        skipped["not a JSON object"] = len(raw_annotations) - len(known)
    return ExportRead(
        judgements=with_none(judgements),
        rows=with_none(judgements[ROW_COLUMNS].copy()),
        summary=InputSummary(file, "coco", "export", "annotations", len(images), len(judgements),
                             records=len(raw_annotations), skipped=dict(sorted(skipped.items())), spans=0,
                             boxes=len(boxes), votes=len(boxes)),
        boxes=with_none(boxes.reset_index(drop=True)),
        items=with_none(images.assign(file=file, line=images["image_line"], text=None)[ITEM_COLUMNS].drop_duplicates("item")),
        notices=pd.DataFrame(notices, columns=NOTICE_COLUMNS) if notices else empty_frame(NOTICE_COLUMNS),
    )
