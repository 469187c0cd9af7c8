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
  ``entities`` or ``cats`` list, and no annotator column. Plain tables
  can look the same, so the source's column mapping decides: records with
  the mapped annotator column (``annotator`` by default) are a table, and
  records with the table's item column but no annotator column fit both.
- COCO: one object with ``images`` and ``annotations`` lists.

A file that fits several formats is rejected with a message naming them, so
that ``format:`` settles it. A ``format:`` that names a tool export is
checked against the same signatures: a file that has another tool's
signature is rejected with the format it looks like.
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

from consistency.config import SourceConfig
from consistency.errors import InputError
from consistency.readers.jsonfiles import Loaded, load_text, parse_document
from consistency.readers.layout import ROW_ITEMS
from consistency.readers.tables import FORMATS as TABLE_FORMATS
from consistency.readers.tables import format_from_name

EXPORT_FORMATS = ("labelstudio", "labelstudio-min", "labelstudio-csv", "prodigy", "doccano", "argilla", "coco")
ALL_FORMATS = TABLE_FORMATS + EXPORT_FORMATS
_LABEL_STUDIO_CSV = {"id", "annotator", "annotation_id"}
_SAMPLE = 20
TABLE = "table"
"""Candidate that :func:`record_formats` adds when a doccano-like record also has a plain table's item column."""


@dataclass(frozen=True)
class TableColumns:
    """The item and annotator columns that a plain table read with the same source would have."""

    item: str = "item"
    annotator: str = "annotator"

    @classmethod
    def of(cls, source: SourceConfig | None) -> TableColumns:
        """Return the columns that ``source`` maps, or the defaults."""
        if source is None:
            return cls()
        return cls(source.columns.get("item", "item"), source.columns.get("annotator", "annotator"))


@dataclass
class Detected:
    """The format of a file and, when detection had to read it, its loaded text."""

    format: str
    loaded: Loaded | None = None


def record_formats(record: dict[str, Any], table: TableColumns | None = None) -> list[str]:
    """Return the export formats whose records look like ``record``.

    A doccano-like record that has the plain table's item column but no
    annotator column adds :data:`TABLE`, so that the caller can name both
    readers.
    """
    table = table or TableColumns()
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
    annotated = table.annotator in record or "annotator" in record or "annotation_id" in record
    if answers and ("text" in record or "filename" in record) and not annotated:
        found.append("doccano")
        if table.item not in ("id", ROW_ITEMS) and table.item in record:
            found.append(TABLE)
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


def _document_formats(document: Any, table: TableColumns) -> list[str]:
    if isinstance(document, dict):
        if isinstance(document.get("images"), list) and isinstance(document.get("annotations"), list):
            return ["coco"]
        for key in ("records", "data", "tasks"):
            if isinstance(document.get(key), list):
                return _records_formats(document[key], table)
        return _records_formats([document], table)
    if isinstance(document, list):
        return _records_formats(document, table)
    return []


def _records_formats(records: list[Any], table: TableColumns) -> list[str]:
    found: list[str] = []
    doccano_ids: set[str] = set()
    for record in records[:_SAMPLE]:
        if not isinstance(record, dict):
            continue
        names = record_formats(record, table)
        if "doccano" in names and record.get("id") is not None:
            # A doccano export lists each example once per file, so a repeated id means one row per annotator.
            key = json.dumps(record["id"], default=str)
            if key in doccano_ids:
                names.append(TABLE)
            doccano_ids.add(key)
        for name in names:
            if name not in found:
                found.append(name)
    return found


def content_formats(loaded: Loaded, table: TableColumns | None = None) -> list[str]:
    """Return the export formats that the JSON or JSON Lines content of ``loaded`` fits, plus :data:`TABLE` when in doubt."""
    table = table or TableColumns()
    text = loaded.text.lstrip()
    if text.startswith("{"):
        sample = _sample_lines(loaded.text)
        if sample is not None:
            if len(sample) == 1:
                loaded.document = sample[0]
            return _document_formats(sample[0], table) if len(sample) == 1 else _records_formats(sample, table)
    return _document_formats(parse_document(loaded), table)


def _json_family(loaded: Loaded) -> str:
    return "json" if loaded.text.lstrip().startswith("[") else "jsonl"


def _ambiguous(path: Path, found: list[str], loaded: Loaded, table: TableColumns) -> InputError:
    if TABLE in found:
        family = _json_family(loaded)
        return InputError(
            str(path),
            f"the records fit both doccano (text with a label list, one record per example) and a plain {family} "
            f"table (one row per item and annotator, with the columns {table.item!r} and {table.annotator!r}); "
            f"set format: doccano (--input-format doccano), or name the table's item and annotator columns with "
            "columns: {item: COLUMN, annotator: COLUMN} (--item-column, --annotator-column)",
        )
    return InputError(
        str(path),
        f"the content fits several export formats ({', '.join(found)}); set format: (or --input-format) to the right one",
    )


def detect_format(path: Path, source: SourceConfig | None = None, tables_only: bool = False) -> Detected:
    """Tell the format of ``path`` from its suffix and content.

    Parameters
    ----------
    path : Path
    source : SourceConfig, optional
        The source that reads the file: its ``columns`` name the item and
        annotator columns that make doccano-like records a plain table, and
        ``layout: wide`` means a table.
    tables_only : bool
        Read doccano-like records as a table (gold and prediction files).

    Raises
    ------
    InputError
        When the content fits several formats, or when neither the name
        nor the content tells the format.
    """
    table = TableColumns.of(source)
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

    found = content_formats(loaded, table)
    if tables_only or (source is not None and source.layout == "wide"):
        found = [name for name in found if name not in ("doccano", TABLE)]
    if len(found) > 1:
        raise _ambiguous(path, found, loaded, table)
    if found:
        return Detected(found[0], loaded)
    if by_name is not None:
        return Detected(by_name)
    return Detected(_json_family(loaded))


def confirm_format(path: Path, declared: str) -> Loaded | None:
    """Check that ``path`` has no other tool's signature than the export format ``declared``.

    A file whose content fits no tool format passes, because ``format:``
    is how such files are read (doccano files with an annotator key, for
    example). Returns the loaded text for the reader, or ``None`` for
    CSV.

    Raises
    ------
    InputError
        When the file looks like another format, naming it.
    """
    if declared == "labelstudio-csv":
        # Only a file that starts like JSON is read twice; the CSV reader reads the rest.
        if not _first_line(path).lstrip().startswith(("[", "{")):
            return None
        loaded = load_text(path)
        raise _mismatch(path, declared, content_formats(loaded) or [_json_family(loaded)])
    loaded = load_text(path)
    is_json = loaded.text.lstrip().startswith(("[", "{"))
    if not is_json:
        first_line = loaded.text.lstrip().split("\n", 1)[0]
        by_name = format_from_name(path)
        if _LABEL_STUDIO_CSV <= _header(first_line, ","):
            raise _mismatch(path, declared, ["labelstudio-csv"], "it is not JSON")
        if by_name in ("csv", "tsv"):
            raise _mismatch(path, declared, [by_name], "it is not JSON")
        raise InputError(str(path), f"the file is not {_article(declared)} {declared} export: it is not JSON, it starts "
                                    f"with {first_line[:40]!r}; check that this is the exported file")
    found = [name for name in content_formats(loaded) if name != TABLE]
    if found and declared not in found:
        raise _mismatch(path, declared, found)
    return loaded


def _mismatch(path: Path, declared: str, found: list[str], reason: str | None = None) -> InputError:
    looks = " or ".join(found)
    return InputError(
        str(path),
        f"the file is not {_article(declared)} {declared} export"
        f"{f' ({reason})' if reason else ''}; it looks like {looks}; "
        f"set format: {found[0]} (--input-format {found[0]}) or remove format: to detect it",
    )


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"
