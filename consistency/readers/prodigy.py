"""Prodigy JSON Lines, as ``prodigy db-out DATASET`` writes them.

- Items are keyed by ``_input_hash``: the same text asked with different
  labels is one item.
- The annotator is ``_annotator_id``, else ``_session_id``; records with
  neither are reported once per file.
- ``answer: ignore`` is not a vote. Binary classification (a ``label``)
  fills a ``multi`` field: ``accept`` means the label applies, ``reject``
  that it does not, and the answers of one annotator to one item are
  joined into one set. Choice tasks (``options``) take the ids in
  ``accept`` into a single, ordinal or rating field, or into a multi field
  when their ``config`` has ``choice_style: multiple``; manual span tasks take ``spans`` with character ``start`` and
  exclusive ``end`` (from the tokens when only ``token_start`` and the
  inclusive ``token_end`` are given; character offsets that disagree with
  the tokens are reported). In choice and span tasks ``reject`` marks an
  unusable example, so it is not a vote either.
- The merged set of an annotator's binary answers points at the first
  record that accepted a label (the first record when none did).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from consistency.config import SourceConfig
from consistency.readers.builder import RecordBuilder
from consistency.readers.jsonfiles import Loaded, load_text, objects, parse_lines
from consistency.readers.records import (
    TOKEN_MISMATCH,
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
    "Prodigy records with neither _annotator_id nor _session_id; start named sessions (?session=NAME), "
    "or set annotator_from_file: true (--annotator-from-file) when each file holds one annotator's answers"
)
_SPAN_VIEWS = ("ner_manual", "spans_manual", "ner", "span_manual")
ANSWER_KEYS = ("label", "accept", "spans")
"""Keys of Prodigy tasks that ``columns:`` may map a field to: binary labels, chosen options and spans."""


def task_kind(record: dict[str, Any]) -> str:
    """``choice``, ``spans``, ``binary`` or ``other``, from the keys of a Prodigy task."""
    if isinstance(record.get("options"), list):
        return "choice"
    if "spans" in record or record.get("_view_id") in _SPAN_VIEWS:
        return "spans"
    if isinstance(record.get("label"), (str, int)):
        return "binary"
    return "other"


def _token_offsets(record: dict[str, Any], span: dict[str, Any]) -> tuple[int | None, int | None]:
    tokens = record.get("tokens")
    first, last = offset(span.get("token_start")), offset(span.get("token_end"))
    if not isinstance(tokens, list) or first is None or last is None or not (0 <= first <= last < len(tokens)):
        return None, None
    start_token, end_token = tokens[first], tokens[last]
    if not isinstance(start_token, dict) or not isinstance(end_token, dict):
        return None, None
    # token_end is inclusive, so the span ends where its last token ends.
    return offset(start_token.get("start")), offset(end_token.get("end"))


def _token_check(record: dict[str, Any], entry: dict[str, Any], start: int | None, end: int | None) -> str | None:
    """Describe how a span's character offsets disagree with its tokens, or return ``None`` when they agree."""
    token_start, token_end = _token_offsets(record, entry)
    if start is None or end is None or token_start is None or token_end is None:
        return None
    if (start, end) == (token_start, token_end):
        return None
    return (f"span {start}..{end} ({label_text(entry.get('label')) or ''}) disagrees with its tokens "
            f"{entry.get('token_start')}..{entry.get('token_end')}, which cover characters {token_start}..{token_end}; "
            "fix start and end, or token_start and token_end (inclusive)")


def task_spans(record: dict[str, Any], builder: RecordBuilder, line: int, item: str | None,
               annotator: str | None) -> list[Span]:
    """The spans of a manual span task; spans answered ``reject`` on their own are left out and counted."""
    spans = []
    entries = record.get("spans")
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            builder.ignore("span that is not a JSON object")
            continue
        if entry.get("answer") in ("reject", "ignore"):
            builder.ignore(f"span answered {entry.get('answer')}")
            continue
        start, end = offset(entry.get("start")), offset(entry.get("end"))
        if start is None and end is None:
            start, end = _token_offsets(record, entry)
        mismatch = _token_check(record, entry, start, end)
        if mismatch is not None:
            builder.notice(TOKEN_MISMATCH, line, item, annotator, None, mismatch)
        quoted = entry.get("text") if isinstance(entry.get("text"), str) else None
        spans.append(Span(start, end, label_text(entry.get("label")) or "", quoted, label_text(entry.get("id"))))
    return spans


class _Targets:
    """The fields that each kind of Prodigy task fills, resolved when the first such task appears."""

    def __init__(self, source: SourceConfig, guideline: Guideline) -> None:
        self.source = source
        self.guideline = guideline
        self._found: dict[str, str | None] = {}

    def field(self, kind: str) -> str | None:
        if kind not in self._found:
            key, kinds = {"spans": ("spans", ("spans",)), "binary": ("label", ("multi",)),
                          "choice": ("accept", ("single", "ordinal", "rating")),
                          "choice-multiple": ("accept", ("multi",))}[kind]
            self._found[kind] = pick_field(self.source, self.guideline, key, kinds, "Prodigy")
        return self._found[kind]


def _add_binary(builder: RecordBuilder, field_id: str, answers: dict[tuple[str | None, str | None], list[tuple[int, str, str]]]) -> None:
    """Join binary answers per item and annotator into one set of accepted labels.

    When one annotator both accepted and rejected a label on one item, each
    answer stays a separate judgement, so the conflict is reported.
    """
    for (item, annotator), entries in answers.items():
        verdicts: dict[str, set[str]] = {}
        for _, label, answer in entries:
            verdicts.setdefault(label, set()).add(answer)
        contradictory = any(len(seen) > 1 for seen in verdicts.values())
        if annotator is None or contradictory:
            for line, label, answer in entries:
                builder.value(line, item, annotator, field_id, json.dumps([label] if answer == "accept" else []))
            continue
        accepted = [label for label, seen in verdicts.items() if "accept" in seen]
        line = next((line for line, _, answer in entries if answer == "accept"), entries[0][0])
        builder.value(line, item, annotator, field_id, json.dumps(accepted, ensure_ascii=False))


def read_prodigy(path: Path, source: SourceConfig, guideline: Guideline, loaded: Loaded | None = None) -> ExportRead:
    """Read a Prodigy JSON Lines export (``format: prodigy``)."""
    check_columns(source, guideline)
    check_answer_keys(path, source, guideline, ANSWER_KEYS, "Prodigy")
    loaded = loaded or load_text(path)
    records = objects(loaded, parse_lines(loaded), "line")
    builder = RecordBuilder(str(path), "prodigy", file_annotator(path, source.annotator_from_file, False))
    targets = _Targets(source, guideline)
    item_key = source.columns.get("item", "_input_hash")
    annotator_key = source.columns.get("annotator")
    binary: dict[tuple[str | None, str | None], list[tuple[int, str, str]]] = {}

    for line, record in records:
        builder.records += 1
        item = record_item(record.get(item_key), item_key, line)
        text = record.get("text")
        image = record.get("image")
        builder.item(line, item, text if isinstance(text, str) else None, image if isinstance(image, str) else None)
        answer = record.get("answer")
        if answer == "ignore":
            builder.skip("ignored")
            continue
        if answer not in ("accept", "reject"):
            builder.skip("no answer")
            continue
        kind = task_kind(record)
        if kind in ("choice", "spans") and answer == "reject":
            builder.skip("rejected")
            continue
        target = kind
        if kind == "choice" and isinstance(record.get("config"), dict) and record["config"].get("choice_style") == "multiple":
            target = "choice-multiple"
        field_id = targets.field(target) if kind != "other" else None
        if field_id is None:
            builder.skip("unsupported task" if kind == "other" else f"{kind} task without a guideline field")
            builder.tally(UNREAD, line, item, _unread_detail(kind))
            continue

        raw = record.get(annotator_key) if annotator_key else (record.get("_annotator_id") or record.get("_session_id"))
        annotator = builder.annotator(raw)
        builder.vote(line, item, annotator, ANNOTATOR_HINT)
        if kind == "spans":
            builder.spans(line, item, annotator, field_id, task_spans(record, builder, line, item, annotator))
        elif kind == "binary":
            binary.setdefault((item, annotator), []).append((line, label_text(record.get("label")) or "", answer))
        else:
            chosen = record.get("accept")
            ids = [text for text in (label_text(entry) for entry in chosen) if text is not None] if isinstance(chosen, list) else []
            if guideline.field(field_id).kind == "multi":
                builder.value(line, item, annotator, field_id, json.dumps(ids, ensure_ascii=False))
            elif len(ids) == 1:
                builder.value(line, item, annotator, field_id, ids[0])
            elif ids:
                builder.value(line, item, annotator, field_id, json.dumps(ids, ensure_ascii=False))

    if binary:
        field_id = targets.field("binary")
        if field_id is not None:
            _add_binary(builder, field_id, binary)
    return builder.build(len(records))


def _unread_detail(kind: str) -> str:
    if kind == "binary":
        return "Prodigy binary answers (label with accept or reject) need a multi field that lists the labels"
    if kind == "spans":
        return "Prodigy span tasks need a spans field in the guideline"
    if kind == "choice":
        return "Prodigy choice tasks need a single, ordinal or rating field (a multi field for choice_style: multiple)"
    return "Prodigy tasks with neither options, spans nor label, so their interface is not one labelcheck reads"
