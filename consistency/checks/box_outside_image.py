"""LC180 box-outside-image: a box that reaches outside its image.

FAIL: ``x + width`` above the image width, or a negative ``y``. Rotated
Label Studio boxes are checked by their four corners, rotated clockwise
around the top-left corner. PASS: every corner within 0 .. width and
0 .. height, give or take 0.01 pixel of rounding. Boxes of images whose
size the export does not give are not checked.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.checks.regions import region_rows
from consistency.findings import Severity

TOLERANCE = 0.01
"""Pixels a corner may pass the image border by, for floating-point rounding of percentages."""


def corners(boxes: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Compute the x and y of the four corners of each box, shape (boxes, 4), in pixels."""
    angle = np.radians(boxes["rotation"].fillna(0.0).to_numpy(dtype=float))
    cos, sin = np.cos(angle), np.sin(angle)
    x, y = boxes["x"].to_numpy(dtype=float), boxes["y"].to_numpy(dtype=float)
    w, h = boxes["width"].to_numpy(dtype=float), boxes["height"].to_numpy(dtype=float)
    xs = np.stack([x, x + w * cos, x + w * cos - h * sin, x - h * sin], axis=1)
    ys = np.stack([y, y + w * sin, y + w * sin + h * cos, y + h * cos], axis=1)
    return xs, ys


def _run(context: CheckContext) -> pd.DataFrame | None:
    boxes = region_rows(context, "boxes")
    if boxes is None:
        return None
    geometry = boxes[["x", "y", "width", "height", "image_width", "image_height"]].to_numpy(dtype=float)
    boxes = boxes[np.isfinite(geometry).all(axis=1)]
    if boxes.empty:
        return None
    xs, ys = corners(boxes)
    width, height = boxes["image_width"].to_numpy(dtype=float), boxes["image_height"].to_numpy(dtype=float)
    outside = ((xs.min(axis=1) < -TOLERANCE) | (ys.min(axis=1) < -TOLERANCE)
               | (xs.max(axis=1) > width + TOLERANCE) | (ys.max(axis=1) > height + TOLERANCE))
    bad = boxes[outside]
    if bad.empty:
        return None
    text = bad[["x", "y", "width", "height", "image_width", "image_height"]].round(2).map("{:g}".format)
    return bad.assign(geometry="x " + text["x"] + ", y " + text["y"] + ", width " + text["width"] + ", height "
                      + text["height"], size=text["image_width"] + " x " + text["image_height"])


CHECK = Check(
    code="LC180",
    slug="box-outside-image",
    severity=Severity.ERROR,
    description="A box reaches outside its image.",
    template="box ({label}) of field {field} at {geometry} pixels reaches outside the {size} image of item {item}",
    run=_run,
)
