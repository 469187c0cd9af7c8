"""doccano JSON Lines exports.

- The item id is the record ``id``; the item text is ``text``.
- doccano writes no annotator into the records: a project without
  collaborative mode exports one file per member, ``<username>.jsonl``, so
  the annotator is the file name (``annotator_from_file`` is on by
  default). ``all.jsonl`` is the collaborative export, which merges every
  member's labels, so its records have no annotator.
- Text classification: ``label`` (or ``cats``, or ``labels`` as in
  doccano's import files) is a list of labels.
- Sequence labeling: ``label`` is a list of ``[start, end, label]``
  triples, or ``entities`` a list of objects with ``start_offset``,
  ``end_offset`` and ``label`` (or a list of triples). Offsets count
  characters, end exclusive. A record without ``text`` leaves its spans
  unchecked, which is reported (LC178).
- ``relations`` are kept in the relations frame as read, but no check
  reads them, so the input summary counts them under ``ignored``.
- Every example appears in every member's file, with ``label: []`` where
  the member did nothing. Such a record is read as an empty answer and
  reported as "annotated with nothing", because the export cannot tell it
  from an example the member never opened.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from consistency.config import SourceConfig
from consistency.readers.builder import RecordBuilder
from consistency.readers.jsonfiles import Loaded, load_text, objects, parse_lines
from consistency.readers.records import (
    EMPTY_ANSWER,
    RELATIONS_IGNORED,
    UNREAD,
    ExportRead,
    Span,
    file_annotator,
    label_text,
    offset,
    record_item,
)
from consistency.readers.targets import check_answer_keys, check_columns, pick_field
from guidelines import Guideline

ANNOTATOR_HINT = (
    "doccano records without annotator; export a project without collaborative mode, whose zip holds one "
    "<username>.jsonl per member, and keep those file names"
)
COLLABORATIVE_HINT = (
    "doccano's all.jsonl merges the labels of every member (collaborative mode), so it names no annotator; "
    "export without collaborative mode to get one file per member"
)
_CATEGORICAL = ("single", "multi", "ordinal", "rating")
ANSWER_KEYS = ("label", "labels", "entities", "cats")
"""Keys of doccano records that hold answers, and that ``columns:`` may map a field to."""


def _is_triple(entry: Any) -> bool:
    return isinstance(entry, list) and len(entry) == 3


def _label_shape(records: list[tuple[int, dict[str, Any]]], guideline: Guideline) -> str:
    """``spans`` when the file's ``label`` lists hold triples, ``classes`` when they hold labels."""
    for _, record in records:
        for key in ("label", "labels"):
            labels = record.get(key)
            if isinstance(labels, list) and labels:
                return "spans" if _is_triple(labels[0]) else "classes"
    kinds = {field.kind for field in guideline.fields}
    return "spans" if "spans" in kinds and not kinds & set(_CATEGORICAL) else "classes"


def _spans(entries: list[Any], builder: RecordBuilder) -> list[Span]:
    spans = []
    for entry in entries:
        if _is_triple(entry):
            spans.append(Span(offset(entry[0]), offset(entry[1]), label_text(entry[2]) or ""))
        elif isinstance(entry, dict):
            spans.append(Span(offset(entry.get("start_offset")), offset(entry.get("end_offset")),
                              label_text(entry.get("label")) or "", None, label_text(entry.get("id"))))
        else:
            builder.ignore("span that is neither [start, end, label] nor an object")
    return spans


def _classes(entries: list[Any]) -> list[str]:
    return [text for text in (label_text(entry) for entry in entries) if text is not None]


class _Targets:
    def __init__(self, source: SourceConfig, guideline: Guideline) -> None:
        self.source = source
        self.guideline = guideline
        self._found: dict[tuple[str, str], str | None] = {}

    def field(self, key: str, shape: str) -> str | None:
        if (key, shape) not in self._found:
            kinds = ("spans",) if shape == "spans" else _CATEGORICAL
            self._found[(key, shape)] = pick_field(self.source, self.guideline, key, kinds, "doccano")
        return self._found[(key, shape)]


def read_doccano(path: Path, source: SourceConfig, guideline: Guideline, loaded: Loaded | None = None) -> ExportRead:
    """Read a doccano JSON Lines export (``format: doccano``)."""
    check_columns(source, guideline)
    check_answer_keys(path, source, guideline, ANSWER_KEYS, "doccano")
    loaded = loaded or load_text(path)
    records = objects(loaded, parse_lines(loaded), "line")
    collaborative = path.name.lower().split(".")[0] == "all" and source.annotator_from_file is None
    fallback = None if collaborative else file_annotator(path, source.annotator_from_file, True)
    builder = RecordBuilder(str(path), "doccano", fallback)
    hint = COLLABORATIVE_HINT if collaborative else ANNOTATOR_HINT
    targets = _Targets(source, guideline)
    label_shape = _label_shape(records, guideline)
    item_key = source.columns.get("item", "id")
    annotator_key = source.columns.get("annotator")

    for line, record in records:
        builder.records += 1
        item = record_item(record.get(item_key), item_key, line)
        text = record.get(source.columns.get("text", "text"))
        builder.item(line, item, text if isinstance(text, str) else None)
        annotator = builder.annotator(record.get(annotator_key) if annotator_key else None)

        answers = []
        for key in ANSWER_KEYS:
            entries = record.get(key)
            if not isinstance(entries, list):
                continue
            if key in ("label", "labels"):
                shape = label_shape
            else:
                shape = "spans" if key == "entities" else "classes"
            answers.append((key, shape, entries))
        if not answers:
            builder.skip("no label, entities or cats list")
            continue
        builder.vote(line, item, annotator, hint)
        if all(not entries for _, _, entries in answers):
            keys = " and ".join(key for key, _, _ in answers)
            builder.notice(EMPTY_ANSWER, line, item, annotator, None,
                           f"the record's {keys} {'is' if len(answers) == 1 else 'are'} []")

        for key, shape, entries in answers:
            field_id = targets.field(key, shape)
            if field_id is None:
                kind = "spans" if shape == "spans" else "single, multi, ordinal or rating"
                builder.ignore(f"doccano {key!r} without a {kind} field")
                builder.tally(UNREAD, line, item, f"doccano {key!r} holds answers for a {kind} field, "
                                                  "which the guideline does not have")
                continue
            if shape == "spans":
                builder.spans(line, item, annotator, field_id, _spans(entries, builder))
                continue
            labels = _classes(entries)
            if guideline.field(field_id).kind == "multi":
                builder.value(line, item, annotator, field_id, json.dumps(labels, ensure_ascii=False))
            elif len(labels) == 1:
                builder.value(line, item, annotator, field_id, labels[0])
            elif labels:
                builder.value(line, item, annotator, field_id, json.dumps(labels, ensure_ascii=False))

        relations = record.get("relations")
        relations = relations if isinstance(relations, list) else []
        if relations:
            builder.ignore(RELATIONS_IGNORED, len(relations))
        for relation in relations:
            if isinstance(relation, dict):
                builder.relation(line, item, annotator, "annotations", label_text(relation.get("from_id")),
                                 label_text(relation.get("to_id")), label_text(relation.get("type")))
    return builder.build(len(records))
