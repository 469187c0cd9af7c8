"""LC182 unknown-box-label: a box whose label is not a label, alias or special answer of its field.

FAIL: a box labelled ``truck`` (or a COCO category id without a name) in a
field with labels ``car, person``. The message suggests the nearest label.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.checks.regions import region_rows, unknown_labels
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    boxes = region_rows(context, "boxes")
    return unknown_labels(context, boxes) if boxes is not None else None


CHECK = Check(
    code="LC182",
    slug="unknown-box-label",
    severity=Severity.ERROR,
    description="A box's label is not a label of its field.",
    template="unknown label {label!r} on a box of field {field}; {suggestion}",
    run=_run,
)
