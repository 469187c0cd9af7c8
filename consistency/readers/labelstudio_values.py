"""Label Studio results: merge the parts of one region and turn results into answers per field.

One annotation holds a list of results, each written by one control tag
(``from_name``). The full JSON export writes each result with its ``type``;
the JSON-MIN and CSV exports drop the type and "prettify" the values (a
single choice becomes a bare string). Both become :class:`Result` objects,
and :func:`add_answers` turns the results of one annotation into one answer
per guideline field.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from consistency.readers.builder import RecordBuilder
from consistency.readers.records import (
    RELATIONS_IGNORED,
    UNREAD,
    Box,
    Span,
    ToolNames,
    boxes_value,
    label_text,
    number,
    offset,
    spans_value,
)
from guidelines import Guideline

_BOX_KEYS = ("x", "y", "width", "height")
_CLASSIFICATION_KEYS = ("choices", "taxonomy", "rating", "number")
_CLASSIFICATION_TYPES = ("choices", "taxonomy", "rating", "number", "textarea")


@dataclass(frozen=True)
class Result:
    """One Label Studio result, with the size of its image in pixels (NaN when not exported)."""

    control: str
    type_name: str
    value: dict[str, Any]
    region: str | None = None
    image_width: float = math.nan
    image_height: float = math.nan
    object_tag: str | None = None
    """The result's ``to_name``; the JSON-MIN and CSV exports drop it."""

    @property
    def shape(self) -> str:
        """``span``, ``box``, ``choices``, ``taxonomy``, ``rating``, ``number``, ``textarea`` or ``other``."""
        value = self.value
        if all(key in value for key in _BOX_KEYS):
            return "box"
        if ("start" in value and "end" in value) or isinstance(value.get("globalOffsets"), dict):
            return "span"
        for key in _CLASSIFICATION_KEYS:
            if key in value:
                return key
        if "text" in value:
            return "textarea"
        return "other"

    def labels(self) -> list[str]:
        """Return the labels of a region: the list under ``labels``, ``rectanglelabels`` or any other ``*labels`` key."""
        for key, entry in self.value.items():
            if key.endswith("labels") and isinstance(entry, list):
                return [text for text in (label_text(label) for label in entry) if text is not None]
        return []


def _result(entry: dict[str, Any], control: str) -> Result:
    value = entry.get("value")
    return Result(
        control=control,
        type_name=str(entry.get("type") or ""),
        value=value if isinstance(value, dict) else {},
        region=label_text(entry.get("id")),
        image_width=number(entry.get("original_width")),
        image_height=number(entry.get("original_height")),
        object_tag=label_text(entry.get("to_name")),
    )


def _is_classification(entry: dict[str, Any]) -> bool:
    value = entry.get("value")
    keys = value.keys() if isinstance(value, dict) else ()
    return str(entry.get("type") or "").lower() in _CLASSIFICATION_TYPES or any(key in keys for key in _CLASSIFICATION_KEYS)


def results_from_full(entries: list[Any], builder: RecordBuilder) -> tuple[list[Result], list[dict[str, Any]]]:
    """Read the ``result`` list of a full-export annotation into results and relations.

    Results sharing one ``id`` describe one region: a geometry result and a
    separate labels result ("split format") are merged into one region;
    classifications attached to a region (``perRegion`` controls) are not
    item answers, so they are counted as ignored.
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    relations: list[dict[str, Any]] = []
    for position, entry in enumerate(entries):
        if not isinstance(entry, dict):
            builder.ignore("result that is not a JSON object")
            continue
        if str(entry.get("type") or "").lower() == "relation":
            relations.append(entry)
            continue
        region = label_text(entry.get("id"))
        groups.setdefault(region if region is not None else f"\0{position}", []).append(entry)

    results: list[Result] = []
    for group in groups.values():
        regions = [entry for entry in group if not _is_classification(entry)]
        if len(group) == 1 or not regions:
            results.extend(_result(entry, str(entry.get("from_name") or "")) for entry in group)
            continue
        labelled = [entry for entry in regions if _result(entry, "").labels()]
        main = labelled[0] if labelled else regions[0]
        merged: dict[str, Any] = {}
        for entry in regions:
            merged.update(entry.get("value") or {})
        merged.update(main.get("value") or {})
        base = _result(main, str(main.get("from_name") or ""))
        sizes = [_result(entry, "") for entry in regions]
        results.append(Result(
            control=base.control,
            type_name=base.type_name,
            value=merged,
            region=base.region,
            image_width=next((size.image_width for size in sizes if math.isfinite(size.image_width)), math.nan),
            image_height=next((size.image_height for size in sizes if math.isfinite(size.image_height)), math.nan),
            object_tag=base.object_tag,
        ))
        per_region = len(group) - len(regions)
        if per_region:
            builder.ignore("per-region classification (answers about one region, not the item)", per_region)
    return results, relations


def results_from_min(control: str, cell: Any) -> list[Result]:
    """Read one control's value from a JSON-MIN record or a decoded CSV cell.

    A bare string is one choice or one TextArea text; ``{"choices": [...]}``
    several choices; a list holds one value object per region or result.
    """
    if cell is None:
        return []
    if isinstance(cell, dict):
        return [Result(control, "", cell)]
    if isinstance(cell, list):
        results = []
        for entry in cell:
            if isinstance(entry, dict):
                results.append(Result(control, "", entry, label_text(entry.get("id")),
                                      number(entry.get("original_width")), number(entry.get("original_height"))))
            else:
                results.append(Result(control, "", {"choices": [entry]}))
        return results
    return [Result(control, "", {"choices": [cell]})]


def _span(result: Result) -> list[Span]:
    value = result.value
    start, end = offset(value.get("start")), offset(value.get("end"))
    whole = value.get("globalOffsets")
    if (start is None or end is None) and isinstance(whole, dict):
        start, end = offset(whole.get("start")), offset(whole.get("end"))
    quoted = value.get("text") if isinstance(value.get("text"), str) else None
    labels = result.labels() or [""]
    return [Span(start, end, label, quoted, result.region) for label in labels]


def _box(result: Result) -> list[Box]:
    value = result.value
    width, height = result.image_width, result.image_height
    x = number(value.get("x")) * width / 100
    y = number(value.get("y")) * height / 100
    w = number(value.get("width")) * width / 100
    h = number(value.get("height")) * height / 100
    rotation = number(value.get("rotation", 0))
    rotation = rotation if math.isfinite(rotation) else 0.0
    labels = result.labels() or [""]
    return [Box(x, y, w, h, label, width, height, rotation, result.region) for label in labels]


def _categorical(result: Result) -> list[str] | None:
    value = result.value
    shape = result.shape
    if shape in ("choices", "textarea"):
        entry = value.get("choices" if shape == "choices" else "text")
        entries = entry if isinstance(entry, list) else [entry]
        return [text for text in (label_text(part) for part in entries) if text is not None]
    if shape == "taxonomy":
        paths = value.get("taxonomy")
        leaves = [path[-1] for path in paths if isinstance(path, list) and path] if isinstance(paths, list) else []
        return [text for text in (label_text(leaf) for leaf in leaves) if text is not None]
    if shape in ("rating", "number"):
        text = label_text(value.get(shape))
        return [text] if text is not None else []
    return None


def _describe(result: Result) -> str:
    return result.type_name.lower() or result.shape


@dataclass(frozen=True)
class Annotation:
    """Where the answers of one annotation (or prediction) go.

    ``also_gold`` copies every answer that the annotation gives into gold
    as well: an annotator's own annotation marked ``ground_truth``.
    """

    line: int
    item: str | None
    annotator: str | None
    role: str = "annotations"
    also_gold: bool = False
    data_key: str | None = None


def _holds(result: Result) -> str:
    """Describe what a result holds: ``spans (labels results)``, ``polygonlabels results``, ..."""
    noun = {"span": "spans", "box": "boxes"}.get(result.shape)
    type_name = result.type_name.lower()
    if noun is None:
        return f"{type_name or result.shape} results"
    return f"{noun} ({type_name} results)" if type_name else noun


def _wrong_kind(builder: RecordBuilder, target: Annotation, result: Result, field_id: str, kind: str) -> None:
    builder.ignore(f"{_describe(result)} results of control {result.control!r} for {kind} field {field_id!r}")
    builder.tally(UNREAD, target.line, target.item,
                  f"Label Studio control {result.control!r} holds {_holds(result)}, but field {field_id!r} is a "
                  f"{kind} field; give the field the kind of the control's answers, or map it to another control",
                  field_id)


def _categorical_answer(builder: RecordBuilder, target: Annotation, found: list[Result], field_id: str,
                        kind: str) -> str | None:
    """Return the canonical answer text of a single, multi, ordinal or rating field, ``None`` when no result fits."""
    values: list[str] = []
    answered = False
    for result in found:
        categorical = _categorical(result)
        if categorical is None:
            _wrong_kind(builder, target, result, field_id, kind)
            continue
        answered = True
        values.extend(categorical)
    if not answered or (kind != "multi" and not values):
        return None
    if kind != "multi" and len(values) == 1:
        return values[0]
    return json.dumps(values, ensure_ascii=False)


def add_answers(builder: RecordBuilder, guideline: Guideline, controls: dict[str, str], results: list[Result],
                target: Annotation, region_fields: set[str]) -> None:
    """Turn the results of one annotation (or prediction) into one answer per field.

    ``controls`` maps control names to field ids. Region fields listed in
    ``region_fields`` get an empty list when the annotation has no region for
    them, because a submitted annotation without regions says "none here";
    that empty list is never copied into gold.
    """
    line, item, annotator, role = target.line, target.item, target.annotator, target.role
    by_field: dict[str, list[Result]] = {}
    for result in results:
        field_id = controls.get(result.control)
        if field_id is None:
            builder.ignore(f"results of control {result.control!r}, which no guideline field reads")
            builder.tally(UNREAD, line, item, f"Label Studio control {result.control!r} matches no guideline field; "
                                              f"map a field to it with columns: {{FIELD: {result.control}}}")
            continue
        builder.control(field_id, ToolNames(result.control, result.object_tag, target.data_key))
        by_field.setdefault(field_id, []).append(result)
    for field_id in region_fields:
        by_field.setdefault(field_id, [])

    for field_id, found in by_field.items():
        kind = guideline.field(field_id).kind
        wanted = {"spans": "span", "boxes": "box"}.get(kind)
        if wanted is None:
            answer = _categorical_answer(builder, target, found, field_id, kind)
            if answer is not None:
                builder.value(line, item, annotator, field_id, answer, role)
                if target.also_gold:
                    builder.value(line, item, annotator, field_id, answer, "gold")
            continue

        fitting = [result for result in found if result.shape == wanted]
        for result in found:
            if result.shape != wanted:
                _wrong_kind(builder, target, result, field_id, kind)
        if wanted == "span":
            spans = [span for result in fitting for span in _span(result)]
            builder.spans(line, item, annotator, field_id, spans, role)
            copied = spans_value(spans)
        else:
            boxes = [box for result in fitting for box in _box(result)]
            builder.boxes(line, item, annotator, field_id, boxes, role)
            copied = boxes_value(boxes)
        if target.also_gold and found:
            builder.value(line, item, annotator, field_id, copied, "gold")


def add_relations(builder: RecordBuilder, relations: list[dict[str, Any]], line: int, item: str | None,
                  annotator: str | None, role: str) -> None:
    """Keep Label Studio relation results (``from_id``, ``to_id``, ``direction``, optional ``labels``).

    They are counted as ignored too, because no check reads them.
    """
    if relations:
        builder.ignore(RELATIONS_IGNORED, len(relations))
    for entry in relations:
        labels = entry.get("labels")
        label = ", ".join(text for text in (label_text(part) for part in labels) if text) if isinstance(labels, list) else None
        builder.relation(line, item, annotator, role, label_text(entry.get("from_id")), label_text(entry.get("to_id")),
                         label or None, label_text(entry.get("direction")))
