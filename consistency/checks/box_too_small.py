"""LC183 box-too-small: a box narrower or lower than the field's ``min_size`` pixels.

Boxes with no area at all are reported by LC181 instead.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.checks.regions import region_rows
from consistency.findings import Severity
from guidelines import BoxesField


def _run(context: CheckContext) -> pd.DataFrame | None:
    boxes = region_rows(context, "boxes")
    if boxes is None:
        return None
    limits = {field.id: field.min_size for field in context.guideline.fields
              if isinstance(field, BoxesField) and field.min_size is not None}
    if not limits:
        return None
    limit = boxes["field"].map(limits).astype(float)
    positive = (boxes["width"] > 0) & (boxes["height"] > 0)
    small = limit.notna() & positive & ((boxes["width"] < limit) | (boxes["height"] < limit))
    bad = boxes[small]
    if bad.empty:
        return None
    text = bad[["width", "height"]].round(2).map("{:g}".format)
    return bad.assign(size=text["width"] + " x " + text["height"], limit=limit[small].map(lambda value: f"{value:g}"))


CHECK = Check(
    code="LC183",
    slug="box-too-small",
    severity=Severity.ERROR,
    description="A box is narrower or lower than the field's min_size.",
    template="box ({label}) of field {field} on item {item} is {size} pixels, below the minimum of {limit} pixels",
    run=_run,
)
