"""LC182 unknown-box-label: a box whose label is not a label, alias or special answer of its field.

FAIL: a box labelled ``truck`` in a field with labels ``car, person``.
The message suggests the nearest label; for a COCO ``category_id`` that
the file's ``categories`` do not list, it says so instead.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.checks.regions import notice_rows, region_rows, unknown_labels
from consistency.findings import Severity
from consistency.readers.records import UNKNOWN_CATEGORY


def _run(context: CheckContext) -> pd.DataFrame | None:
    boxes = region_rows(context, "boxes")
    found = unknown_labels(context, boxes) if boxes is not None else None
    categories = notice_rows(context, UNKNOWN_CATEGORY)
    if found is None or categories is None:
        return found
    unlisted = pd.MultiIndex.from_frame(categories[["file", "detail"]].astype(str))
    keys = pd.MultiIndex.from_frame(found[["file", "label"]].astype(str))
    hint = ("category id " + found["label"].astype(str)
            + " is not in the file's categories; fix the category_id or add the category")
    return found.assign(suggestion=found["suggestion"].where(~keys.isin(unlisted), hint))


CHECK = Check(
    code="LC182",
    slug="unknown-box-label",
    severity=Severity.ERROR,
    description="A box's label is not a label of its field.",
    template="unknown label {label!r} on a box of field {field}; {suggestion}",
    run=_run,
)
