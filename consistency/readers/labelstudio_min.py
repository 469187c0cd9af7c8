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
from consistency.readers.labelstudio_values import Result, add_answers, results_from_min
from consistency.readers.records import (
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


def _text(record: dict[str, Any], source: SourceConfig, controls: dict[str, str]) -> str | None:
    key = source.columns.get("text")
    if key is None:
        key = "_data_text" if "_data_text" in record else "text"
        if key == "text" and "text" in controls:
            return None
    value = record.get(key)
    return value if isinstance(value, str) else None


def _read_records(path: Path, records: list[tuple[int, dict[str, Any]]], source: SourceConfig,
                  guideline: Guideline, format_name: str) -> ExportRead:
    controls = control_fields(source, guideline)
    keys = {key for _, record in records for key in record}
    if not keys & set(controls):
        raise InputError(
            str(path),
            f"none of the guideline's fields ({', '.join(guideline.field_ids())}) is a control in this export; "
            f"the keys are {', '.join(sorted(map(repr, keys)))}. Map a field to its control with columns: {{FIELD: CONTROL}}",
        )
    regions = {field_id for name, field_id in controls.items()
               if name in keys and guideline.field(field_id).kind in REGION_KINDS}
    builder = RecordBuilder(str(path), format_name, file_annotator(path, source.annotator_from_file, False))
    item_key = source.columns.get("item", "id")
    annotator_key = source.columns.get("annotator", "annotator")

    for line, record in records:
        builder.records += 1
        item = record_item(record.get(item_key), item_key, line)
        builder.item(line, item, _text(record, source, controls),
                     record.get("image") if isinstance(record.get("image"), str) else None)
        results: list[Result] = []
        for name in controls:
            results.extend(results_from_min(name, record.get(name)))
        if record.get("annotation_id") is None and record.get(annotator_key) is None and not results:
            builder.skip("task without annotations")
            continue
        annotator = builder.annotator(record.get(annotator_key))
        builder.vote(line, item, annotator, ANNOTATOR_HINT)
        add_answers(builder, guideline, controls, results, line, item, annotator, "annotations", regions)
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
