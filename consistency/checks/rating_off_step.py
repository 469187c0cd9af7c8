"""LC112 rating-off-step: a rating that is not ``min`` plus a whole number of ``step``.

FAIL: ``2.5`` on a scale 1 to 5 with step 1. PASS: ``3``.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, concat
from consistency.findings import Severity
from guidelines import RatingField


def _run(context: CheckContext) -> pd.DataFrame | None:
    parts = []
    for prepared in context.fields.values():
        field = prepared.field
        if not isinstance(field, RatingField) or field.step is None:
            continue
        rows = prepared.frame[prepared.frame["status"].eq("off_step")]
        parts.append(rows.assign(low=f"{field.min:g}", step=f"{field.step:g}"))
    return concat(parts)


CHECK = Check(
    code="LC112",
    slug="rating-off-step",
    severity=Severity.ERROR,
    description="A rating is not on the field's grid of min plus whole steps.",
    template="rating {value} for field {field} is off the scale's steps; allowed values are {low} plus multiples of {step}",
    run=_run,
)
