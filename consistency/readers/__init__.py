"""Readers: annotation files in, one frame of judgements out."""

from __future__ import annotations

import glob
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from consistency.config import ReferenceConfig, SourceConfig
from consistency.errors import InputError
from consistency.readers.layout import (
    JUDGEMENT_COLUMNS,
    REFERENCE_COLUMNS,
    long_judgements,
    reference_values,
    wide_judgements,
)
from consistency.readers.tables import detect_format, read_table
from guidelines import Guideline

__all__ = [
    "JUDGEMENT_COLUMNS",
    "REFERENCE_COLUMNS",
    "Annotations",
    "InputSummary",
    "expand_paths",
    "read_annotations",
    "read_reference",
    "read_table",
]


@dataclass(frozen=True)
class InputSummary:
    """What one input file contributed to a run."""

    file: str
    format: str
    layout: str
    role: str
    rows: int
    judgements: int


@dataclass
class Annotations:
    """Everything read from the annotation sources of one run.

    ``judgements`` has the columns :data:`JUDGEMENT_COLUMNS`; ``rows`` lists
    every table row with its ids (``file, line, item, annotator``).
    """

    judgements: pd.DataFrame
    rows: pd.DataFrame
    inputs: list[InputSummary] = field(default_factory=list)
    separators: dict[str, str] = field(default_factory=dict)
    """File -> separator of ``multi`` cells that are not JSON lists."""


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


def read_annotations(sources: list[SourceConfig], guideline: Guideline) -> Annotations:
    """Read every annotation source into one judgement frame.

    Several files may feed one run, including one file per field that
    share item and annotator ids.
    """
    judgements: list[pd.DataFrame] = []
    rows: list[pd.DataFrame] = []
    inputs: list[InputSummary] = []
    separators: dict[str, str] = {}
    for source in sources:
        for path in expand_paths(source.path):
            table_format = source.format or detect_format(path)
            frame = read_table(path, table_format, source.delimiter)
            reader = wide_judgements if source.layout == "wide" else long_judgements
            found, seen = reader(frame, source, guideline, str(path))
            judgements.append(found)
            rows.append(seen)
            inputs.append(InputSummary(str(path), table_format, source.layout, "annotations", len(frame), len(found)))
            separators[str(path)] = source.separator
    return Annotations(
        judgements=pd.concat(judgements, ignore_index=True),
        rows=pd.concat(rows, ignore_index=True),
        inputs=inputs,
        separators=separators,
    )


def read_reference(source: ReferenceConfig, guideline: Guideline, role: str) -> tuple[pd.DataFrame, list[InputSummary]]:
    """Read gold labels or model predictions (``role`` is ``gold`` or ``predictions``)."""
    frames = []
    inputs = []
    for path in expand_paths(source.path):
        table_format = source.format or detect_format(path)
        frame = read_table(path, table_format, source.delimiter)
        values = reference_values(frame, source, guideline, str(path))
        frames.append(values)
        inputs.append(InputSummary(str(path), table_format, "long", role, len(frame), len(values)))
    return pd.concat(frames, ignore_index=True), inputs
