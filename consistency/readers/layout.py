"""Turn tables in long or wide layout into judgements: one row per (item, annotator, field) value."""

from __future__ import annotations

import pandas as pd

from consistency.config import SourceConfig
from consistency.errors import ConfigError, InputError
from consistency.readers.tables import LINE
from guidelines import Guideline

JUDGEMENT_COLUMNS = ["file", "line", "item", "annotator", "field", "value"]
"""Columns of the judgement frame; every column holds ``str`` except ``line`` (int)."""

REFERENCE_COLUMNS = ["file", "line", "item", "field", "value"]


def _require_column(frame: pd.DataFrame, column: str, role: str, file: str, option: str) -> None:
    if column not in frame.columns:
        available = ", ".join(repr(name) for name in frame.columns if name != LINE)
        raise InputError(
            file,
            f"no column {column!r} for the {role}; the columns are {available}. "
            f"Name the right one with {option}",
        )


def _check_mapping(source: SourceConfig, guideline: Guideline, allowed_roles: tuple[str, ...]) -> None:
    fields = set(guideline.field_ids())
    for key in source.columns:
        if key not in fields and key not in allowed_roles:
            raise ConfigError(
                f"the column mapping names {key!r}, which is neither {' nor '.join(allowed_roles)} "
                f"nor a field of the guideline ({', '.join(guideline.field_ids())})"
            )


def _field_columns(frame: pd.DataFrame, source: SourceConfig, guideline: Guideline, file: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for field_id in guideline.field_ids():
        column = source.columns.get(field_id, field_id)
        if column in frame.columns:
            found[field_id] = column
        elif field_id in source.columns:
            _require_column(frame, column, f"field {field_id!r}", file, f"--column {field_id}=COLUMN")
    if not found:
        available = ", ".join(repr(name) for name in frame.columns if name != LINE)
        raise InputError(
            file,
            f"none of the guideline's fields ({', '.join(guideline.field_ids())}) has a column; "
            f"the columns are {available}. Map a field to its column with --column FIELD=COLUMN "
            "or columns: in labelcheck.yaml",
        )
    return found


FILE_SLICE = "@file"
"""Slice column name that slices by input file instead of by a column."""


def _with_slice(judgements: pd.DataFrame, frame: pd.DataFrame, source: SourceConfig, file: str) -> pd.DataFrame:
    """Add the ``slice`` column when ``columns`` maps one; ``@file`` uses the file name."""
    column = source.columns.get("slice")
    if column is None:
        return judgements
    if column == FILE_SLICE:
        return judgements.assign(slice=file)
    _require_column(frame, column, "slice", file, "--by COLUMN or columns: {slice: ...}")
    by_line = pd.Series(frame[column].to_numpy(), index=frame[LINE].to_numpy())
    return judgements.assign(slice=judgements["line"].map(by_line).fillna("(empty)").astype(str).to_numpy())


ROW_ITEMS = "@row"
"""Item column name that numbers the rows (1, 2, ...) for tables without an item id, one item per row."""


def _item_ids(frame: pd.DataFrame, column: str, file: str, option: str) -> pd.Series:
    if column == ROW_ITEMS:
        return pd.Series(pd.RangeIndex(1, len(frame) + 1).astype(str), index=frame.index, dtype=object)
    if column not in frame.columns:
        available = ", ".join(repr(name) for name in frame.columns if name != LINE)
        raise InputError(
            file,
            f"no column {column!r} for the item id; the columns are {available}. Name the right one with "
            f"{option}, or use {ROW_ITEMS} (--item-column {ROW_ITEMS}) when each row is one item without an id",
        )
    return _ids(frame, column)


def _ids(frame: pd.DataFrame, column: str) -> pd.Series:
    values = frame[column]
    return values.where(values.notna() & (values.astype(str).str.strip() != ""), None)


def long_judgements(frame: pd.DataFrame, source: SourceConfig, guideline: Guideline, file: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read judgements from a table with one row per item and annotator.

    Returns
    -------
    judgements : pandas.DataFrame
        Columns :data:`JUDGEMENT_COLUMNS`, one row per non-empty field cell.
    rows : pandas.DataFrame
        Columns ``file, line, item, annotator``: every table row, including
        rows whose ids are empty (``None``), for the checks on missing ids
        and missing required fields.
    """
    _check_mapping(source, guideline, ("item", "annotator", "slice"))
    item_column = source.columns.get("item", "item")
    annotator_column = source.columns.get("annotator", "annotator")
    items = _item_ids(frame, item_column, file, "--item-column or columns: {item: ...}")
    _require_column(frame, annotator_column, "annotator id", file, "--annotator-column or columns: {annotator: ...}")
    fields = _field_columns(frame, source, guideline, file)

    rows = pd.DataFrame(
        {
            "file": file,
            "line": frame[LINE].to_numpy(),
            "item": items.to_numpy(),
            "annotator": _ids(frame, annotator_column).to_numpy(),
        }
    )
    parts = []
    for field_id, column in fields.items():
        part = rows.assign(field=field_id, value=frame[column].to_numpy())
        parts.append(part[part["value"].notna()])
    judgements = pd.concat(parts, ignore_index=True)[JUDGEMENT_COLUMNS]
    return _with_slice(judgements, frame, source, file), rows


def wide_judgements(frame: pd.DataFrame, source: SourceConfig, guideline: Guideline, file: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read judgements from a table with one column per annotator for one field.

    The field is ``source.field``, or the guideline's only field. Annotator
    columns are ``source.annotators``, or every column except the item column.
    """
    _check_mapping(source, guideline, ("item", "slice"))
    field_id = source.field
    if field_id is None:
        if len(guideline.fields) != 1:
            raise ConfigError(
                f"{file}: the wide layout holds one field, but the guideline has several "
                f"({', '.join(guideline.field_ids())}); name it with field: or --field"
            )
        field_id = guideline.fields[0].id
    elif field_id not in guideline.field_ids():
        raise ConfigError(f"{file}: field {field_id!r} is not in the guideline ({', '.join(guideline.field_ids())})")

    item_column = source.columns.get("item", "item")
    items = _item_ids(frame, item_column, file, "--item-column or columns: {item: ...}")
    excluded = {item_column, LINE, source.columns.get("slice")}
    annotators = source.annotators or [name for name in frame.columns if name not in excluded]
    for name in annotators:
        _require_column(frame, name, f"annotator {name!r}", file, "annotators: in labelcheck.yaml")
    if not annotators:
        raise InputError(file, "the wide layout needs at least one annotator column besides the item column")

    item_ids = items.to_numpy()
    rows = pd.DataFrame({"file": file, "line": frame[LINE].to_numpy(), "item": item_ids})
    melted = pd.DataFrame(
        {
            "file": file,
            "line": pd.concat([frame[LINE]] * len(annotators), ignore_index=True),
            "item": pd.concat([pd.Series(item_ids, dtype=object)] * len(annotators), ignore_index=True),
            "annotator": pd.Series(annotators, dtype=object).repeat(len(frame)).to_numpy(),
            "field": field_id,
            "value": pd.concat([frame[name] for name in annotators], ignore_index=True),
        }
    )
    seen = melted[melted["value"].notna()]
    rows = seen[["file", "line", "item", "annotator"]]
    judgements = _with_slice(seen[JUDGEMENT_COLUMNS].reset_index(drop=True), frame, source, file)
    return judgements, rows.reset_index(drop=True)


def reference_values(frame: pd.DataFrame, source: SourceConfig, guideline: Guideline, file: str) -> pd.DataFrame:
    """Read gold labels or predictions: one value per item and field, without annotators.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`REFERENCE_COLUMNS`; rows with an empty item id are dropped.
    """
    _check_mapping(source, guideline, ("item",))
    item_column = source.columns.get("item", "item")
    items = _item_ids(frame, item_column, file, "columns: {item: ...}")
    fields = _field_columns(frame, source, guideline, file)
    parts = []
    for field_id, column in fields.items():
        part = pd.DataFrame(
            {"file": file, "line": frame[LINE].to_numpy(), "item": items.to_numpy(), "field": field_id,
             "value": frame[column].to_numpy()}
        )
        parts.append(part[part["value"].notna() & part["item"].notna()])
    return pd.concat(parts, ignore_index=True)[REFERENCE_COLUMNS]
