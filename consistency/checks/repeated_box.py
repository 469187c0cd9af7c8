"""LC184 repeated-box: the same box (coordinates and label) twice in one answer.

Boxes count as the same when their pixel coordinates agree to 2 decimals.
Files reported by LC194 (several annotators' boxes merged into one answer)
are left out, because there alike boxes of different annotators repeat.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.checks.regions import notice_rows, region_rows
from consistency.findings import Severity
from consistency.readers.records import MERGED_ANNOTATORS

_GEOMETRY = ["x", "y", "width", "height"]
_KEY = ["file", "item", "annotator", "field", "role", "label"]


def _run(context: CheckContext) -> pd.DataFrame | None:
    boxes = region_rows(context, "boxes")
    if boxes is None:
        return None
    merged = notice_rows(context, MERGED_ANNOTATORS)
    if merged is not None:
        boxes = boxes[~boxes["file"].isin(merged["file"])]
    rounded = boxes.assign(**{column: boxes[column].round(2) for column in _GEOMETRY})
    rounded = rounded.dropna(subset=_GEOMETRY)
    key = _KEY + _GEOMETRY
    counts = rounded.groupby(key, dropna=False, sort=False)["line"].agg(["size", "min"])
    repeated = counts[counts["size"] > 1].rename(columns={"size": "count", "min": "line"}).reset_index()
    return repeated if len(repeated) else None


CHECK = Check(
    code="LC184",
    slug="repeated-box",
    severity=Severity.WARNING,
    description="One answer holds the same box with the same label more than once.",
    template="a box ({label}) of field {field} at x {x}, y {y}, width {width}, height {height} appears "
             "{count} times in one answer",
    run=_run,
)
