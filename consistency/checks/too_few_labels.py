"""LC121 too-few-labels: a ``multi`` answer with fewer labels than ``min_labels``.

An empty list (``[]``) is an answer with no label; it fails ``min_labels: 1``.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, concat
from consistency.findings import Severity
from guidelines import MultiField


def _run(context: CheckContext) -> pd.DataFrame | None:
    parts = []
    for prepared in context.fields.values():
        field = prepared.field
        if not isinstance(field, MultiField) or field.min_labels is None:
            continue
        frame = prepared.frame
        rows = frame[frame["status"].eq("too_few")]
        parts.append(rows.assign(limit=field.min_labels))
    return concat(parts)


CHECK = Check(
    code="LC121",
    slug="too-few-labels",
    severity=Severity.ERROR,
    description="A multi-label answer has fewer labels than the field's min_labels.",
    template="{size} label(s) for field {field}; the field requires at least {limit}: {value!r}",
    run=_run,
)
