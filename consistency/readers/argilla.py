"""Argilla 2.x records, nested (``records.json`` of ``Dataset.to_disk``) or flattened.

- The item id is the record ``id``; the text is the field named ``text``
  (or mapped with ``columns: {text: FIELD}``).
- Nested records keep responses under ``responses``: question name -> list
  of ``{value, user_id}``. That form drops each response's ``status``, so
  discarded and draft responses look like submitted ones. They count as
  votes, and a warning gives the number of responses without status.
- Flattened records (``records.to_list(flatten=True)``, ``to_datasets()``)
  keep parallel lists ``<question>.responses``, ``.responses.users`` and
  ``.responses.status``; ``discarded`` and ``draft`` responses are not votes.
- Suggestions (``suggestions`` or ``<question>.suggestion``) become model
  predictions named after their ``agent``.
- A field mapped to a question that the file does not name is an error.
  Answers of a kind the field cannot hold (spans for a label field, labels
  for a spans field) are reported as unread.

A response is one user's answer to one record, across its questions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from consistency.config import SourceConfig
from consistency.readers.builder import RecordBuilder
from consistency.readers.jsonfiles import Loaded, load_text, objects, parse_records
from consistency.readers.records import (
    NO_STATUS,
    UNREAD,
    ExportRead,
    Span,
    file_annotator,
    label_text,
    offset,
    record_item,
)
from consistency.readers.targets import check_mapped_controls, control_fields
from guidelines import Guideline

ANNOTATOR_HINT = "Argilla responses without user_id"
STATUS_HINT = (
    "Argilla responses without status: the nested records that Dataset.to_disk and records.to_json write drop it, "
    "so discarded and draft responses count as votes; export with records.to_list(flatten=True) or to_datasets() "
    "to keep the status"
)
_SKIPPED_STATUS = ("discarded", "draft")


def _nested_responses(record: dict[str, Any]) -> list[tuple[str, Any, Any, Any]]:
    found = []
    responses = record.get("responses")
    for question, entries in (responses.items() if isinstance(responses, dict) else []):
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict):
                found.append((str(question), entry.get("user_id"), entry.get("value"), entry.get("status", ...)))
    return found


def _flat_responses(record: dict[str, Any]) -> list[tuple[str, Any, Any, Any]]:
    found = []
    for key, values in record.items():
        if not str(key).endswith(".responses") or not isinstance(values, list):
            continue
        question = str(key)[: -len(".responses")]
        users = record.get(f"{key}.users")
        statuses = record.get(f"{key}.status")
        for position, value in enumerate(values):
            user = users[position] if isinstance(users, list) and position < len(users) else None
            status = statuses[position] if isinstance(statuses, list) and position < len(statuses) else ...
            found.append((question, user, value, status))
    return found


def _suggestions(record: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    nested = record.get("suggestions")
    if isinstance(nested, dict):
        return [(str(question), entry.get("agent"), entry.get("value"))
                for question, entry in nested.items() if isinstance(entry, dict)]
    return [(str(key)[: -len(".suggestion")], record.get(f"{key}.agent"), value)
            for key, value in record.items() if str(key).endswith(".suggestion") and value is not None]


def _questions(records: list[tuple[int, dict[str, Any]]]) -> set[str]:
    """Return the question names that the records' responses and suggestions use."""
    found: set[str] = set()
    for _, record in records:
        for key in record:
            if str(key).endswith((".responses", ".suggestion")):
                found.add(str(key).rsplit(".", 1)[0])
        for nested in ("responses", "suggestions"):
            value = record.get(nested)
            if isinstance(value, dict):
                found.update(str(question) for question in value)
    return found


def _fields(record: dict[str, Any]) -> dict[str, Any]:
    fields = record.get("fields")
    return fields if isinstance(fields, dict) else record


def _text(fields: dict[str, Any], source: SourceConfig) -> str | None:
    key = source.columns.get("text")
    if key is not None:
        value = fields.get(key)
    elif "text" in fields:
        value = fields["text"]
    else:
        strings = [value for name, value in fields.items() if isinstance(value, str) and name not in ("id", "status")
                   and "." not in name and name != "_server_id"]
        value = strings[0] if len(strings) == 1 else None
    return value if isinstance(value, str) else None


def _is_spans(value: Any) -> bool:
    return isinstance(value, list) and any(isinstance(entry, dict) and "start" in entry for entry in value)


def _wrong_kind(builder: RecordBuilder, line: int, item: str | None, question: str, field_id: str, holds: str,
                kind: str) -> None:
    builder.ignore(f"{holds} answers to question {question!r} for {kind} field {field_id!r}")
    builder.tally(UNREAD, line, item, f"Argilla question {question!r} holds {holds}, but field {field_id!r} is a "
                                      f"{kind} field; give the field the kind of the question's answers, or map it "
                                      "to another question", field_id)


def add_value(builder: RecordBuilder, guideline: Guideline, field_id: str, value: Any, line: int,
              item: str | None, annotator: str | None, role: str, question: str = "") -> None:
    """Turn one Argilla answer into an answer of ``field_id`` (span lists for spans fields)."""
    kind = guideline.field(field_id).kind
    if kind == "spans":
        if value is not None and not (isinstance(value, list) and (not value or _is_spans(value))):
            _wrong_kind(builder, line, item, question or field_id, field_id, "labels", kind)
            return
        entries = value if isinstance(value, list) else []
        spans = [Span(offset(entry.get("start")), offset(entry.get("end")), label_text(entry.get("label")) or "")
                 for entry in entries if isinstance(entry, dict)]
        builder.spans(line, item, annotator, field_id, spans, role)
        return
    if kind == "boxes":
        _wrong_kind(builder, line, item, question or field_id, field_id, "answers that are not boxes", kind)
        return
    if value is None:
        return
    if _is_spans(value):
        _wrong_kind(builder, line, item, question or field_id, field_id, "spans", kind)
        return
    if kind == "multi":
        entries = value if isinstance(value, list) else [value]
        labels = [text for text in (label_text(entry) for entry in entries) if text is not None]
        builder.value(line, item, annotator, field_id, json.dumps(labels, ensure_ascii=False), role)
    elif isinstance(value, list):
        builder.value(line, item, annotator, field_id, json.dumps([label_text(entry) for entry in value], ensure_ascii=False), role)
    else:
        builder.value(line, item, annotator, field_id, label_text(value) or "", role)


def read_argilla(path: Path, source: SourceConfig, guideline: Guideline, loaded: Loaded | None = None) -> ExportRead:
    """Read Argilla records, nested or flattened, as JSON or JSON Lines (``format: argilla``)."""
    loaded = loaded or load_text(path)
    records = objects(loaded, parse_records(loaded), "record")
    controls = control_fields(source, guideline)
    check_mapped_controls(path, source, guideline, _questions(records), "question")
    builder = RecordBuilder(str(path), "argilla", file_annotator(path, source.annotator_from_file, False))
    item_key = source.columns.get("item", "id")

    for line, record in records:
        item = record_item(record.get(item_key), item_key, line)
        builder.item(line, item, _text(_fields(record), source))
        responses = _nested_responses(record) if isinstance(record.get("responses"), dict) else _flat_responses(record)

        by_user: dict[str | None, list[tuple[str, Any, Any]]] = {}
        for question, user, value, status in responses:
            by_user.setdefault(label_text(user), []).append((question, value, status))
        for user, answers in by_user.items():
            builder.records += 1
            statuses = [status for _, _, status in answers if status is not ... and status is not None]
            status = statuses[0] if statuses else None
            if status in _SKIPPED_STATUS:
                builder.skip(str(status))
                continue
            annotator = builder.annotator(user)
            if status is None:
                builder.tally(NO_STATUS, line, item, STATUS_HINT)
            builder.vote(line, item, annotator, ANNOTATOR_HINT)
            for question, value, _ in answers:
                field_id = controls.get(question)
                if field_id is None:
                    _unread(builder, line, item, question)
                    continue
                add_value(builder, guideline, field_id, value, line, item, annotator, "annotations", question)

        for question, agent, value in _suggestions(record):
            field_id = controls.get(question)
            if field_id is None:
                _unread(builder, line, item, question)
                continue
            add_value(builder, guideline, field_id, value, line, item, label_text(agent) or "suggestion", "predictions",
                      question)
    return builder.build(len(records))


def _unread(builder: RecordBuilder, line: int, item: str | None, question: str) -> None:
    builder.ignore(f"answers to question {question!r}, which no guideline field reads")
    builder.tally(UNREAD, line, item, f"Argilla question {question!r} matches no guideline field; "
                                      f"map a field to it with columns: {{FIELD: {question}}}")
