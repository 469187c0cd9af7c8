"""Readers: annotation files in, one frame of judgements out."""

from __future__ import annotations

import glob
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from consistency.config import ReferenceConfig, SourceConfig
from consistency.errors import ConfigError, InputError
from consistency.readers.argilla import read_argilla
from consistency.readers.coco import read_coco
from consistency.readers.detect import (
    ALL_FORMATS,
    EXPORT_FORMATS,
    Detected,
    confirm_format,
    detect_format,
)
from consistency.readers.doccano import read_doccano
from consistency.readers.jsonfiles import Loaded
from consistency.readers.labelstudio import read_labelstudio
from consistency.readers.labelstudio_min import read_labelstudio_csv, read_labelstudio_min
from consistency.readers.layout import (
    FILE_SLICE,
    JUDGEMENT_COLUMNS,
    REFERENCE_COLUMNS,
    long_judgements,
    reference_values,
    wide_judgements,
)
from consistency.readers.prodigy import read_prodigy
from consistency.readers.records import (
    BOX_COLUMNS,
    ITEM_COLUMNS,
    NOTICE_COLUMNS,
    RELATION_COLUMNS,
    ROW_COLUMNS,
    SOURCE_REFERENCE_COLUMNS,
    SPAN_COLUMNS,
    UNREAD,
    ExportRead,
    InputSummary,
    ToolNames,
    empty_frame,
)
from consistency.readers.tables import read_table
from guidelines import Guideline

__all__ = [
    "ALL_FORMATS",
    "BOX_COLUMNS",
    "EXPORT_FORMATS",
    "EXPORT_READERS",
    "ITEM_COLUMNS",
    "JUDGEMENT_COLUMNS",
    "NOTICE_COLUMNS",
    "REFERENCE_COLUMNS",
    "RELATION_COLUMNS",
    "SPAN_COLUMNS",
    "Annotations",
    "ExportRead",
    "InputSummary",
    "expand_paths",
    "read_annotations",
    "read_export",
    "read_reference",
    "read_table",
]


@dataclass
class Annotations:
    """Everything read from the annotation sources of one run.

    ``judgements`` has the columns :data:`JUDGEMENT_COLUMNS`; ``rows`` lists
    every table row or vote record with its ids (``file, line, item,
    annotator``). ``spans``, ``boxes``, ``items``, ``relations`` and
    ``notices`` are described in :mod:`consistency.readers.records`; tables
    leave them empty. ``gold`` and ``predictions`` hold reference values
    that exports carry (Label Studio ``ground_truth`` annotations and
    ``predictions``, Argilla suggestions), ``None`` when there are none.
    """

    judgements: pd.DataFrame
    rows: pd.DataFrame
    inputs: list[InputSummary] = field(default_factory=list)
    separators: dict[str, str] = field(default_factory=dict)
    """File -> separator of ``multi`` cells that are not JSON lists."""
    spans: pd.DataFrame = field(default_factory=lambda: empty_frame(SPAN_COLUMNS))
    boxes: pd.DataFrame = field(default_factory=lambda: empty_frame(BOX_COLUMNS))
    items: pd.DataFrame = field(default_factory=lambda: empty_frame(ITEM_COLUMNS))
    relations: pd.DataFrame = field(default_factory=lambda: empty_frame(RELATION_COLUMNS))
    notices: pd.DataFrame = field(default_factory=lambda: empty_frame(NOTICE_COLUMNS))
    gold: pd.DataFrame | None = None
    predictions: pd.DataFrame | None = None
    predictions_name: str = "model"
    controls: dict[str, ToolNames] = field(default_factory=dict)
    """Field id -> the names a Label Studio export gives it, for the adjudication queue; empty for other inputs."""


def expand_paths(pattern: str) -> list[Path]:
    """Expand a glob into sorted paths; a plain path is returned as is.

    Raises
    ------
    InputError
        When a glob matches no file.
    """
    if glob.has_magic(pattern):
        matches = sorted(Path(match) for match in glob.glob(pattern, recursive=True) if Path(match).is_file())
        if not matches:
            raise InputError(
                pattern,
                "no file matches this pattern; check the path (paths in labelcheck.yaml are relative to its "
                "folder, paths on the command line to the current folder)",
            )
        return matches
    return [Path(pattern)]


EXPORT_READERS: dict[str, Callable[[Path, SourceConfig, Guideline, Loaded | None], ExportRead]] = {
    "labelstudio": read_labelstudio,
    "labelstudio-min": read_labelstudio_min,
    "labelstudio-csv": read_labelstudio_csv,
    "prodigy": read_prodigy,
    "doccano": read_doccano,
    "argilla": read_argilla,
    "coco": read_coco,
}
"""Reader of each tool export format, by the name that ``format:`` takes."""


def _joined(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    """Concatenate the non-empty frames (pandas warns about empty ones), or return an empty frame."""
    present = [frame for frame in frames if len(frame)]
    return pd.concat(present, ignore_index=True) if present else empty_frame(columns)


def _unread_details(read: ExportRead) -> list[str]:
    notices = read.notices
    return sorted(set(notices.loc[notices["kind"].eq(UNREAD), "detail"]))


def _detected(path: Path, source: SourceConfig) -> Detected:
    """Detect the format of ``path``, or check the export format that ``format:`` names against the content."""
    if source.format is None:
        return detect_format(path, source)
    if source.format in EXPORT_FORMATS:
        return Detected(source.format, confirm_format(path, source.format))
    return Detected(source.format)


def read_export(path: Path, export_format: str, source: SourceConfig, guideline: Guideline,
                loaded: Loaded | None = None) -> ExportRead:
    """Read one tool export into the common frames.

    Raises
    ------
    InputError
        When the file holds answers but none of them reaches a guideline
        field, so that a wrong mapping stops the run with its reason.
    """
    slice_key = source.columns.get("slice")
    if slice_key is not None and slice_key != FILE_SLICE:
        raise ConfigError(f"tool exports are sliced by file only (slice: {FILE_SLICE}); {slice_key!r} is not supported")
    read = EXPORT_READERS[export_format](path, source, guideline, loaded)
    if slice_key == FILE_SLICE:
        read.judgements = read.judgements.assign(slice=str(path))
    unread = _unread_details(read)
    if read.judgements.empty and read.gold.empty and read.predictions.empty and unread:
        raise InputError(str(path), "no answer reaches a guideline field: " + "; ".join(unread))
    return read


def read_annotations(sources: list[SourceConfig], guideline: Guideline) -> Annotations:
    """Read every annotation source into one judgement frame.

    Several files may feed one run, including one file per field that
    share item and annotator ids, and tables mixed with tool exports.
    """
    parts: dict[str, list[pd.DataFrame]] = {name: [] for name in (
        "judgements", "rows", "spans", "boxes", "items", "relations", "notices", "gold", "predictions")}
    inputs: list[InputSummary] = []
    separators: dict[str, str] = {}
    controls: dict[str, ToolNames] = {}
    for source in sources:
        for path in expand_paths(source.path):
            detected = _detected(path, source)
            separators[str(path)] = source.separator
            if detected.format in EXPORT_READERS:
                read = read_export(path, detected.format, source, guideline, detected.loaded)
                for name, frames in parts.items():
                    frames.append(getattr(read, name))
                inputs.append(read.summary)
                for field_id, names in read.controls.items():
                    if field_id not in controls or (controls[field_id].object_tag is None and names.object_tag):
                        controls[field_id] = names
                continue
            frame = read_table(path, detected.format, source.delimiter)
            reader = wide_judgements if source.layout == "wide" else long_judgements
            found, seen = reader(frame, source, guideline, str(path))
            parts["judgements"].append(found)
            parts["rows"].append(seen)
            inputs.append(InputSummary(str(path), detected.format, source.layout, "annotations", len(frame),
                                       len(found), records=len(frame), votes=len(frame)))
    gold = _joined(parts["gold"], SOURCE_REFERENCE_COLUMNS)
    predictions = _joined(parts["predictions"], SOURCE_REFERENCE_COLUMNS)
    models = sorted(set(predictions["annotator"].dropna().astype(str)))
    return Annotations(
        judgements=_joined(parts["judgements"], JUDGEMENT_COLUMNS),
        rows=_joined(parts["rows"], ROW_COLUMNS),
        inputs=inputs,
        separators=separators,
        spans=_joined(parts["spans"], SPAN_COLUMNS),
        boxes=_joined(parts["boxes"], BOX_COLUMNS),
        items=_joined(parts["items"], ITEM_COLUMNS),
        relations=_joined(parts["relations"], RELATION_COLUMNS),
        notices=_joined(parts["notices"], NOTICE_COLUMNS),
        gold=gold if len(gold) else None,
        predictions=predictions if len(predictions) else None,
        predictions_name=", ".join(models) if models else "model",
        controls=controls,
    )


def read_reference(source: ReferenceConfig, guideline: Guideline, role: str) -> tuple[pd.DataFrame, list[InputSummary]]:
    """Read gold labels or model predictions (``role`` is ``gold`` or ``predictions``) from tables.

    Raises
    ------
    ConfigError
        When ``format`` names a tool export: exports carry their gold and
        predictions inside, and those are read with the annotations.
    """
    frames = []
    inputs = []
    for path in expand_paths(source.path):
        table_format = source.format or detect_format(path, source, tables_only=True).format
        if table_format in EXPORT_FORMATS:
            raise ConfigError(
                f"{role}: reads tables (csv, tsv, jsonl, json, parquet), but {path} is a {table_format} export; "
                "gold annotations and predictions inside an export are read with the annotations"
            )
        frame = read_table(path, table_format, source.delimiter)
        values = reference_values(frame, source, guideline, str(path))
        frames.append(values)
        inputs.append(InputSummary(str(path), table_format, "long", role, len(frame), len(values), records=len(frame)))
    return pd.concat(frames, ignore_index=True), inputs
