"""LC120 too-many-labels: a ``multi`` answer with more labels than ``max_labels``."""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, concat
from consistency.findings import Severity
from guidelines import MultiField


def _run(context: CheckContext) -> pd.DataFrame | None:
    parts = []
    for prepared in context.fields.values():
        field = prepared.field
        if not isinstance(field, MultiField) or field.max_labels is None:
            continue
        frame = prepared.frame
        rows = frame[frame["status"].eq("too_many")]
        parts.append(rows.assign(limit=field.max_labels))
    return concat(parts)


CHECK = Check(
    code="LC120",
    slug="too-many-labels",
    severity=Severity.ERROR,
    description="A multi-label answer has more labels than the field's max_labels.",
    template="{size} label(s) for field {field}; the field allows at most {limit}: {value!r}",
    run=_run,
)
