"""Load the JSON and JSON Lines files of tool exports, with located errors.

Numbers with a fraction or an exponent are read as :class:`decimal.Decimal`,
so that a label written ``1.50`` keeps its text; whole numbers are ``int``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from consistency.errors import InputError
from consistency.readers.tables import decode_text, read_bytes


@dataclass
class Loaded:
    """A file's text and, once parsed, its JSON content.

    ``records`` lists (line or record number, value) pairs: the lines of a
    JSON Lines file, or the elements of a JSON array; ``document`` is the
    whole parsed document of a JSON file (``None`` for JSON Lines).
    """

    path: Path
    text: str
    records: list[tuple[int, Any]] | None = None
    document: Any = None


def load_text(path: Path) -> Loaded:
    """Read a file (``.gz`` decompressed) as UTF-8 text."""
    text = decode_text(read_bytes(path), path)
    if not text.strip():
        raise InputError(str(path), "the file is empty; expected JSON records")
    return Loaded(path, text)


def parse_document(loaded: Loaded) -> Any:
    """Parse the whole text as one JSON document."""
    if loaded.document is None:
        try:
            loaded.document = json.loads(loaded.text, parse_float=Decimal)
        except json.JSONDecodeError as error:
            raise InputError(str(loaded.path), f"invalid JSON at column {error.colno}: {error.msg}",
                             error.lineno) from None
    return loaded.document


def parse_lines(loaded: Loaded) -> list[tuple[int, Any]]:
    """Parse JSON Lines; a file that holds one JSON document instead is read as that document.

    Some exports named ``.jsonl`` are one pretty-printed object or an array
    (doccano's own examples are). Such a file is read as its object, or as
    the elements of its array, numbered from 1.
    """
    if loaded.records is not None:
        return loaded.records
    records: list[tuple[int, Any]] = []
    for number, line in enumerate(loaded.text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append((number, json.loads(line, parse_float=Decimal)))
        except json.JSONDecodeError as error:
            whole = _whole_document(loaded)
            if whole is not None:
                loaded.records = whole
                return whole
            raise InputError(
                str(loaded.path),
                f"invalid JSON at column {error.colno}: {error.msg}; each line must be one JSON object",
                number,
            ) from None
    loaded.records = records
    return records


def _whole_document(loaded: Loaded) -> list[tuple[int, Any]] | None:
    try:
        document = json.loads(loaded.text, parse_float=Decimal)
    except json.JSONDecodeError:
        return None
    loaded.document = document
    if isinstance(document, list):
        return list(enumerate(document, start=1))
    return [(1, document)]


def parse_records(loaded: Loaded) -> list[tuple[int, Any]]:
    """Parse a JSON array (or an object wrapping one) or JSON Lines into numbered records.

    A document that is an object with a ``records`` or ``data`` list is
    read as that list; any other object is one record.
    """
    if loaded.records is not None:
        return loaded.records
    if loaded.text.lstrip().startswith("["):
        document = parse_document(loaded)
        loaded.records = list(enumerate(document, start=1))
        return loaded.records
    records = parse_lines(loaded)
    if len(records) == 1 and isinstance(records[0][1], dict):
        for key in ("records", "data"):
            inner = records[0][1].get(key)
            if isinstance(inner, list) and all(isinstance(entry, dict) for entry in inner):
                loaded.records = list(enumerate(inner, start=1))
                return loaded.records
    return records


def objects(loaded: Loaded, records: list[tuple[int, Any]], unit: str) -> list[tuple[int, dict[str, Any]]]:
    """Check that every record is a JSON object; raise a located error otherwise."""
    for number, record in records:
        if not isinstance(record, dict):
            raise InputError(str(loaded.path), f"expected a JSON object per {unit}, found {_kind(record)}", number)
    if not records:
        raise InputError(str(loaded.path), "the file holds no records")
    return records


def _kind(value: Any) -> str:
    names = {list: "an array", str: "a string", int: "a number", Decimal: "a number", bool: "true or false"}
    return names.get(type(value), "null" if value is None else type(value).__name__)
