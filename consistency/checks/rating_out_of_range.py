"""LC111 rating-out-of-range: a rating below ``min`` or above ``max`` of its field."""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, concat
from consistency.findings import Severity
from guidelines import RatingField


def _run(context: CheckContext) -> pd.DataFrame | None:
    parts = []
    for prepared in context.fields.values():
        field = prepared.field
        if not isinstance(field, RatingField):
            continue
        rows = prepared.frame[prepared.frame["status"].eq("out_of_range")]
        parts.append(rows.assign(low=f"{field.min:g}", high=f"{field.max:g}"))
    return concat(parts)


CHECK = Check(
    code="LC111",
    slug="rating-out-of-range",
    severity=Severity.ERROR,
    description="A rating lies outside the field's min to max range.",
    template="rating {value} for field {field} is outside the range {low} to {high}",
    run=_run,
)
