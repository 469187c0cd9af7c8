"""LC181 bad-box: a box without usable coordinates, or with no width or height.

FAIL: a width or height of zero or less (a degenerate box), or a coordinate
that is missing or not a number (for example a Label Studio box without
``original_width``, whose percentages cannot be turned into pixels).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.checks.regions import region_rows
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    boxes = region_rows(context, "boxes")
    if boxes is None:
        return None
    geometry = boxes[["x", "y", "width", "height"]].to_numpy(dtype=float)
    missing = ~np.isfinite(geometry).all(axis=1)
    flat = ~missing & ((geometry[:, 2] <= 0) | (geometry[:, 3] <= 0))
    bad = boxes[missing | flat]
    if bad.empty:
        return None
    problem = np.where(
        missing[missing | flat],
        "coordinates that are missing or not numbers (Label Studio boxes need original_width and original_height)",
        "no area: its width or height is zero or less",
    )
    text = bad[["width", "height"]].round(2).map("{:g}".format)
    size = (text["width"] + " x " + text["height"] + " pixels").where(~missing[missing | flat], "size unknown")
    return bad.assign(problem=problem, size=size)


CHECK = Check(
    code="LC181",
    slug="bad-box",
    severity=Severity.ERROR,
    description="A box has missing coordinates, or no width or height.",
    template="box ({label}) of field {field} on item {item} ({size}) has {problem}",
    run=_run,
)
