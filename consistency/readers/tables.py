"""Read CSV, TSV, JSON Lines, JSON and Parquet files into frames of exact strings.

Every cell is read as the text written: ``None``, ``NA``, ``null``, ``n/a``
and ``1`` stay strings. Only an empty cell (or a JSON ``null``) is missing,
and missing cells are ``None`` in the returned frame. Each frame carries a
``__line__`` column with the 1-based line (CSV, TSV, JSON Lines) or record
number (JSON, Parquet) of the row, so that findings can point at it.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import warnings
from pathlib import Path
from typing import Any

import pandas as pd

from consistency.errors import InputError

LINE = "__line__"
FORMATS = ("csv", "tsv", "jsonl", "json", "parquet")
_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
             ".json": "json", ".parquet": "parquet", ".pq": "parquet"}


def format_from_name(path: Path) -> str | None:
    """The table format that the file name's suffix names, looking through ``.gz``; ``None`` when unknown."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in _SUFFIXES:
        return _SUFFIXES[suffixes[-1]]
    return None


def detect_format(path: Path) -> str:
    """Guess the format from the file name, looking through a ``.gz`` suffix."""
    found = format_from_name(path)
    if found is not None:
        return found
    raise InputError(
        str(path),
        f"cannot tell the format from the name; set format to one of {', '.join(FORMATS)} "
        "(option --input-format, or format: in labelcheck.yaml)",
    )


def read_bytes(path: Path) -> bytes:
    """Read a file, decompressing it when the name ends in ``.gz``; raise :class:`InputError` on failure."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "file not found") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a folder; give a file or a glob such as folder/*.csv") from None
    except OSError as error:
        raise InputError(str(path), f"cannot read the file: {error.strerror}") from None
    if path.suffix.lower() == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as error:
            raise InputError(str(path), f"not a valid gzip file: {error}") from None
    return raw


def decode_text(raw: bytes, path: Path) -> str:
    """Decode UTF-8 (with or without a byte order mark); raise :class:`InputError` naming the line otherwise."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(
            str(path),
            f"the file is not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start}); "
            "save or convert it as UTF-8, for example with iconv -f latin1 -t utf-8",
            line,
        ) from None


def _delimited(text: str, path: Path, delimiter: str) -> pd.DataFrame:
    if not text.strip():
        raise InputError(str(path), "the file is empty; expected a header row and data rows")
    kind = "TSV" if delimiter == "\t" else "CSV"
    try:
        with warnings.catch_warnings():
            # pandas only warns when a row has more fields than the header and drops the rest.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.StringIO(text),
                sep=delimiter,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=True,
                index_col=False,
                engine="c",
            )
    except pd.errors.ParserWarning:
        raise InputError(
            str(path), f"malformed {kind}: a data row has more fields than the header; quote values that contain the delimiter"
        ) from None
    except pd.errors.ParserError as error:
        if text.lstrip().startswith(("[", "{")):
            raise InputError(
                str(path), f"the file holds JSON, not {kind}; set format: (or --input-format) to json, jsonl "
                "or the tool export it is, or remove format: to detect it"
            ) from None
        raise InputError(str(path), f"malformed {kind}: {error}") from None
    frame.columns = [str(column) for column in frame.columns]
    frame = frame.astype(object).where(frame != "", None)
    frame[LINE] = _row_lines(text, delimiter, len(frame))
    return frame


def _row_lines(text: str, delimiter: str, rows: int) -> Any:
    """Return the first physical line of each data row.

    Without quoted line breaks or blank lines, row ``i`` starts on line
    ``i + 2``; otherwise the csv module walks the text once to find them.
    """
    newlines = text.count("\n") - (1 if text.endswith("\n") else 0)
    if newlines == rows and "\n\n" not in text:
        return pd.RangeIndex(2, rows + 2)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    starts: list[int] = []
    previous_end = 0
    for index, record in enumerate(reader):
        start = previous_end + 1
        previous_end = reader.line_num
        if index == 0 or not record:
            continue
        starts.append(start)
    return starts[:rows] + [0] * (rows - len(starts))


def _cell(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def _records(records: list[tuple[int, Any]], path: Path, unit: str) -> pd.DataFrame:
    rows = []
    for number, record in records:
        if not isinstance(record, dict):
            raise InputError(
                str(path), f"expected a JSON object per {unit}, found {type(record).__name__}", number
            )
        row: dict[str, object] = {str(key): _cell(value) for key, value in record.items()}
        row[LINE] = number
        rows.append(row)
    if not rows:
        raise InputError(str(path), "the file holds no records")
    frame = pd.DataFrame(rows, dtype=object)
    return frame.where(frame.notna(), None)


def _json_lines(text: str, path: Path) -> pd.DataFrame:
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append((number, json.loads(line, parse_int=str, parse_float=str)))
        except json.JSONDecodeError as error:
            raise InputError(
                str(path),
                f"invalid JSON at column {error.colno}: {error.msg}; each line must be one JSON object",
                number,
            ) from None
    return _records(records, path, "line")


def _json_document(text: str, path: Path) -> pd.DataFrame:
    try:
        document = json.loads(text, parse_int=str, parse_float=str)
    except json.JSONDecodeError as error:
        raise InputError(str(path), f"invalid JSON at column {error.colno}: {error.msg}", error.lineno) from None
    if isinstance(document, dict):
        for key in ("records", "data", "annotations"):
            if isinstance(document.get(key), list):
                document = document[key]
                break
    if not isinstance(document, list):
        raise InputError(str(path), "expected a JSON array of objects, one per annotation row")
    return _records(list(enumerate(document, start=1)), path, "array element")


def _parquet(path: Path, raw: bytes) -> pd.DataFrame:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise InputError(
            str(path), "reading Parquet needs pyarrow; install it with pip install 'labelcheck[parquet]'"
        ) from None
    try:
        frame = pd.read_parquet(io.BytesIO(raw))
    except Exception as error:  # noqa: BLE001 - pyarrow raises many unrelated types for a bad file
        raise InputError(str(path), f"not a readable Parquet file: {error}") from None
    converted = pd.DataFrame(
        {str(column): [_cell(None if _is_missing(value) else value) for value in frame[column].tolist()]
         for column in frame.columns},
        dtype=object,
    )
    converted[LINE] = pd.RangeIndex(1, len(frame) + 1)
    return converted


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def read_table(path: str | Path, table_format: str | None = None, delimiter: str | None = None) -> pd.DataFrame:
    """Read one annotation table as exact strings.

    Parameters
    ----------
    path : str or Path
        The file; a ``.gz`` suffix means gzip compression.
    table_format : {'csv', 'tsv', 'jsonl', 'json', 'parquet'}, optional
        Detected from the file name when omitted.
    delimiter : str, optional
        Overrides the delimiter of ``csv`` (``,``) and ``tsv`` (tab).

    Returns
    -------
    pandas.DataFrame
        Shape (rows, columns + 1): object columns of ``str`` or ``None``
        plus the ``__line__`` column.

    Raises
    ------
    InputError
        For a missing, empty, non-UTF-8 or malformed file.
    """
    path = Path(path)
    table_format = table_format or detect_format(path)
    raw = read_bytes(path)
    if table_format == "parquet":
        return _parquet(path, raw)
    text = decode_text(raw, path)
    if table_format in ("csv", "tsv"):
        return _delimited(text, path, delimiter or ("," if table_format == "csv" else "\t"))
    if not text.strip():
        raise InputError(str(path), "the file is empty; expected JSON records")
    if table_format == "jsonl":
        return _json_lines(text, path)
    if table_format == "json":
        return _json_document(text, path)
    raise InputError(str(path), f"unknown format {table_format!r}; use one of {', '.join(FORMATS)}")
