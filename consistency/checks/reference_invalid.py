"""LC160 reference-invalid: a gold label or model prediction that is not valid for its field.

Invalid reference values are left out of the comparisons with gold and predictions.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, concat
from consistency.findings import Severity

_INVALID = ["unknown", "malformed", "not_number", "out_of_range", "off_step"]


def _run(context: CheckContext) -> pd.DataFrame | None:
    parts = []
    for role, fields in context.references.items():
        for prepared in fields.values():
            frame = prepared.frame
            parts.append(frame[frame["status"].isin(_INVALID)].assign(role=role))
    return concat(parts)


CHECK = Check(
    code="LC160",
    slug="reference-invalid",
    severity=Severity.ERROR,
    description="A gold label or model prediction is not a valid answer for its field.",
    template="{role} value {value!r} for field {field} of item {item} is not valid for the field",
    run=_run,
)
