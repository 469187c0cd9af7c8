"""Tell the format of an annotation file from its name and content.

The suffix gives the family (CSV, TSV, JSON, JSON Lines, Parquet, each
optionally ``.gz``); the content tells a tool export from a plain table by
keys that only that tool writes:

- Label Studio JSON: tasks with a ``data`` object and ``annotations`` (or
  ``predictions``) lists; JSON-MIN: records with ``id``, ``annotator`` and
  ``annotation_id``; CSV: a header with those three columns.
- Prodigy: ``_input_hash``, ``_task_hash`` or ``_view_id``.
- Argilla: ``fields`` and ``responses`` objects (nested records) or keys
  ending in ``.responses`` or ``.suggestion`` (flattened records).
- doccano: ``text`` (or ``filename``) with a ``label``, ``labels``,
  ``entities`` or ``cats`` list, and no ``annotator``.
- COCO: one object with ``images`` and ``annotations`` lists.

A file that fits several tool formats is rejected with a message naming
them, so that ``format:`` settles it.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from consistency.errors import InputError
from consistency.readers.jsonfiles import Loaded, load_text, parse_document
from consistency.readers.tables import FORMATS as TABLE_FORMATS
from consistency.readers.tables import format_from_name

EXPORT_FORMATS = ("labelstudio", "labelstudio-min", "labelstudio-csv", "prodigy", "doccano", "argilla", "coco")
ALL_FORMATS = TABLE_FORMATS + EXPORT_FORMATS
_LABEL_STUDIO_CSV = {"id", "annotator", "annotation_id"}
_SAMPLE = 20


@dataclass
class Detected:
    """The format of a file and, when detection had to read it, its loaded text."""

    format: str
    loaded: Loaded | None = None


def record_formats(record: dict[str, Any]) -> list[str]:
    """The export formats whose records look like ``record``."""
    found = []
    if any(key in record for key in ("_input_hash", "_task_hash", "_view_id")):
        found.append("prodigy")
    if isinstance(record.get("data"), dict) and any(
        isinstance(record.get(key), list) for key in ("annotations", "completions", "predictions")
    ):
        found.append("labelstudio")
    if all(key in record for key in ("id", "annotator", "annotation_id")):
        found.append("labelstudio-min")
    nested = isinstance(record.get("responses"), dict) and isinstance(record.get("fields"), dict)
    if nested or any(str(key).endswith((".responses", ".suggestion")) for key in record):
        found.append("argilla")
    answers = any(isinstance(record.get(key), list) for key in ("label", "labels", "entities", "cats"))
    if answers and ("text" in record or "filename" in record) and "annotator" not in record \
            and "annotation_id" not in record:
        found.append("doccano")
    return found


def _first_line(path: Path) -> str:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
            return str(handle.readline())
    except (OSError, UnicodeDecodeError, EOFError):
        return ""


def _header(line: str, delimiter: str) -> set[str]:
    rows = list(csv.reader(io.StringIO(line), delimiter=delimiter))
    return {cell.strip() for cell in rows[0]} if rows else set()


def _sample_lines(text: str) -> list[Any] | None:
    """Parse the first JSON Lines of ``text``; ``None`` when the first line is not a JSON value."""
    values = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            values.append(json.loads(line, parse_float=Decimal))
        except json.JSONDecodeError:
            return None if not values else values
        if len(values) >= _SAMPLE:
            break
    return values


def _document_formats(document: Any) -> list[str]:
    if isinstance(document, dict):
        if isinstance(document.get("images"), list) and isinstance(document.get("annotations"), list):
            return ["coco"]
        for key in ("records", "data", "tasks"):
            if isinstance(document.get(key), list):
                return _records_formats(document[key])
        return _records_formats([document])
    if isinstance(document, list):
        return _records_formats(document)
    return []


def _records_formats(records: list[Any]) -> list[str]:
    found: list[str] = []
    for record in records[:_SAMPLE]:
        if isinstance(record, dict):
            for name in record_formats(record):
                if name not in found:
                    found.append(name)
    return found


def content_formats(loaded: Loaded) -> list[str]:
    """The export formats that the JSON or JSON Lines content of ``loaded`` fits."""
    text = loaded.text.lstrip()
    if text.startswith("{"):
        sample = _sample_lines(loaded.text)
        if sample is not None:
            if len(sample) == 1:
                loaded.document = sample[0]
            return _document_formats(sample[0]) if len(sample) == 1 else _records_formats(sample)
    return _document_formats(parse_document(loaded))


def detect_format(path: Path) -> Detected:
    """Tell the format of ``path`` from its suffix and content.

    Raises
    ------
    InputError
        When the content fits several tool formats, or when neither the
        name nor the content tells the format.
    """
    by_name = format_from_name(path)
    if by_name == "parquet":
        return Detected(by_name)
    if by_name in ("csv", "tsv"):
        header = _header(_first_line(path), "," if by_name == "csv" else "\t")
        return Detected("labelstudio-csv" if _LABEL_STUDIO_CSV <= header else by_name)

    loaded = load_text(path)
    if not loaded.text.lstrip().startswith(("[", "{")):
        if by_name is not None:
            return Detected(by_name)
        if _LABEL_STUDIO_CSV <= _header(loaded.text.split("\n", 1)[0], ","):
            return Detected("labelstudio-csv")
        raise InputError(
            str(path),
            "cannot tell the format from the name or the content; set format: (or --input-format) "
            f"to one of {', '.join(ALL_FORMATS)}",
        )

    found = content_formats(loaded)
    if len(found) > 1:
        raise InputError(
            str(path),
            f"the content fits several export formats ({', '.join(found)}); set format: (or --input-format) to the right one",
        )
    if found:
        return Detected(found[0], loaded)
    if by_name is not None:
        return Detected(by_name)
    return Detected("json" if loaded.text.lstrip().startswith("[") else "jsonl")
