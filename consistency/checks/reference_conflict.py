"""LC161 reference-conflict: two different gold labels (or predictions) for one item and field.

Both are left out, so that no item is scored against an arbitrary choice.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, concat
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    parts = []
    for role, fields in context.references.items():
        for prepared in fields.values():
            frame = prepared.frame
            parts.append(frame[frame["duplicate"].eq("conflicting")].assign(role=role).drop(columns="annotator"))
    return concat(parts)


CHECK = Check(
    code="LC161",
    slug="reference-conflict",
    severity=Severity.ERROR,
    description="An item has two different gold labels or predictions for one field.",
    template="{role} has different values for field {field} of item {item}; keep one",
    run=_run,
)
