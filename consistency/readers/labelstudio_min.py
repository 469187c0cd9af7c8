"""Label Studio's JSON-MIN and CSV exports: one flat record per annotation.

Label Studio writes one record per annotation that was not cancelled. The
record has the task's ``data`` keys, the task ``id`` and one key per
control. ``annotator`` is a user id, or an email when the user was
exported as an object; ``annotation_id``, ``created_at``, ``updated_at``
and ``lead_time`` follow. Values are "prettified": one choice is a bare string,
several are ``{"choices": [...]}``, one TextArea text is a bare string, and
every other control is a list of value objects. The CSV export writes the
same records with non-string values JSON-encoded in their cells, and renames
a data key that collides with a control name to ``_data_<name>``.

Neither export carries cancelled annotations, ``ground_truth`` or
predictions. A task without annotations is written as a record without
``annotation_id``; it is counted as skipped.

Controls that no field reads are reported as the full export reports them.
In JSON-MIN they are the keys between ``id`` and ``annotator``. The CSV
export sorts its columns, so a control cannot be distinguished from a data
key there: a column that no field reads is reported only while some field
has no column.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from consistency.config import SourceConfig
from consistency.errors import InputError
from consistency.readers.builder import RecordBuilder
from consistency.readers.jsonfiles import Loaded, load_text, objects, parse_records
from consistency.readers.labelstudio_values import Annotation, Result, add_answers, results_from_min
from consistency.readers.records import (
    UNREAD,
    ExportRead,
    file_annotator,
    record_item,
)
from consistency.readers.tables import LINE, format_from_name, read_table
from consistency.readers.targets import control_fields
from guidelines import REGION_KINDS, Guideline

ANNOTATOR_HINT = (
    "Label Studio records without annotator; in JSON-MIN and CSV exports that happens when users were exported "
    "as objects without email; export JSON instead, or set annotator_from_file when each file holds one annotator"
)


_METADATA = ("id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time", "agreement", "history")


def _text(record: dict[str, Any], source: SourceConfig, controls: dict[str, str]) -> tuple[str | None, str | None]:
    """Return the item text of a record and the task data key it came from."""
    key = source.columns.get("text")
    if key is None:
        key = "_data_text" if "_data_text" in record else "text"
        if key == "text" and "text" in controls:
            return None, None
    value = record.get(key)
    data_key = key.removeprefix("_data_")
    return (value, data_key) if isinstance(value, str) else (None, None)


def min_controls(record: dict[str, Any]) -> list[str]:
    """Return the control keys of a JSON-MIN record.

    Label Studio writes the task's data keys, then ``id``, then one key per
    control, then ``annotator``, so the controls are the keys between
    ``id`` and ``annotator``. A control named like a data key stays at the
    data key's place and is not found this way.
    """
    keys = list(record)
    if "id" in keys and "annotator" in keys and keys.index("id") < keys.index("annotator"):
        return keys[keys.index("id") + 1:keys.index("annotator")]
    return []


def _csv_candidates(keys: set[str], source: SourceConfig) -> set[str]:
    """Return the CSV columns that may hold a control: not metadata, not a renamed data key, not the text or image."""
    roles = {source.columns.get(role, default) for role, default in (("text", "text"), ("image", "image"), ("item", "id"))}
    return {key for key in keys if key not in _METADATA and key not in roles
            and not key.startswith("_data_") and not key.endswith("_transcript")}


def _check_fields(path: Path, keys: set[str], listed: set[str], source: SourceConfig, guideline: Guideline,
                  controls: dict[str, str]) -> None:
    for field_id in guideline.field_ids():
        name = source.columns.get(field_id)
        if name is not None and name not in keys:
            raise InputError(
                str(path),
                f"no control {name!r} in this file for field {field_id!r}; its controls are "
                f"{', '.join(repr(known) for known in sorted(listed)) or 'none'}. Fix the name in "
                f"columns: {{{field_id}: ...}} (or --column {field_id}=NAME)",
            )
    if not keys & set(controls):
        raise InputError(
            str(path),
            f"none of the guideline's fields ({', '.join(guideline.field_ids())}) is a control in this export; "
            f"the keys are {', '.join(sorted(map(repr, keys)))}. Map a field to its control with columns: {{FIELD: CONTROL}}",
        )


def _unread_columns(builder: RecordBuilder, records: list[tuple[int, dict[str, Any]]], unread: list[str],
                    missing: list[str]) -> None:
    """Report CSV columns that no field reads while some fields have no column: they may be those fields' controls."""
    for column in unread:
        filled = [(line, record) for line, record in records if record.get(column) is not None]
        if not filled:
            continue
        builder.ignore(f"column {column!r}, which no guideline field reads", len(filled))
        for line, _ in filled:
            builder.tally(UNREAD, line, None,
                          f"column {column!r} of this Label Studio CSV export matches no guideline field, and "
                          f"{', '.join(repr(field_id) for field_id in missing)} {'has' if len(missing) == 1 else 'have'} "
                          f"no column; if it holds a field's answers, map it with columns: {{{missing[0]}: {column}}}")


def _read_records(path: Path, records: list[tuple[int, dict[str, Any]]], source: SourceConfig,
                  guideline: Guideline, format_name: str) -> ExportRead:
    controls = control_fields(source, guideline)
    keys = {key for _, record in records for key in record}
    ordered = {name for _, record in records for name in min_controls(record)}
    listed = ordered if format_name == "labelstudio-min" else _csv_candidates(keys, source)
    _check_fields(path, keys, listed or keys - set(_METADATA), source, guideline, controls)
    regions = {field_id for name, field_id in controls.items()
               if name in keys and guideline.field(field_id).kind in REGION_KINDS}
    builder = RecordBuilder(str(path), format_name, file_annotator(path, source.annotator_from_file, False))
    item_key = source.columns.get("item", "id")
    annotator_key = source.columns.get("annotator", "annotator")

    for line, record in records:
        builder.records += 1
        item = record_item(record.get(item_key), item_key, line)
        text, text_key = _text(record, source, controls)
        builder.item(line, item, text, record.get("image") if isinstance(record.get("image"), str) else None)
        results: list[Result] = []
        # Controls that no field reads are passed on too, so that they are reported as the full export reports them.
        for name in dict.fromkeys([*controls, *min_controls(record)]):
            results.extend(results_from_min(name, record.get(name)))
        if record.get("annotation_id") is None and record.get(annotator_key) is None and not results:
            builder.skip("task without annotations")
            continue
        annotator = builder.annotator(record.get(annotator_key))
        builder.vote(line, item, annotator, ANNOTATOR_HINT)
        add_answers(builder, guideline, controls, results, Annotation(line, item, annotator, data_key=text_key), regions)

    missing = [field_id for name, field_id in controls.items() if name not in keys]
    if format_name == "labelstudio-csv" and missing:
        _unread_columns(builder, records, sorted(listed - set(controls)), missing)
    return builder.build(len(records))


def read_labelstudio_min(path: Path, source: SourceConfig, guideline: Guideline,
                         loaded: Loaded | None = None) -> ExportRead:
    """Read a Label Studio JSON-MIN export (``format: labelstudio-min``)."""
    loaded = loaded or load_text(path)
    records = objects(loaded, parse_records(loaded), "array element")
    return _read_records(path, records, source, guideline, "labelstudio-min")


def _cell(value: str | None) -> Any:
    """Decode a CSV cell: JSON objects and arrays are parsed, anything else stays the exact text."""
    if value is None or not value.lstrip().startswith(("{", "[")):
        return value
    try:
        decoded = json.loads(value, parse_float=Decimal)
    except json.JSONDecodeError:
        return value
    return decoded if isinstance(decoded, (dict, list)) else value


def read_labelstudio_csv(path: Path, source: SourceConfig, guideline: Guideline,
                         loaded: Loaded | None = None) -> ExportRead:
    """Read a Label Studio CSV or TSV export (``format: labelstudio-csv``)."""
    table_format = "tsv" if format_from_name(path) == "tsv" else "csv"
    frame = read_table(path, table_format, source.delimiter)
    columns = [column for column in frame.columns if column != LINE]
    records = [
        (int(line), {column: _cell(value) for column, value in zip(columns, values)})
        for line, values in zip(frame[LINE].tolist(), frame[columns].itertuples(index=False, name=None))
    ]
    return _read_records(path, records, source, guideline, "labelstudio-csv")
