"""LC174 too-many-spans: an answer with more spans than the field's ``max_spans``.

A span with two labels counts twice.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, concat
from consistency.checks.regions import region_counts
from consistency.findings import Severity
from guidelines import SpansField


def _run(context: CheckContext) -> pd.DataFrame | None:
    parts = []
    for field, frame in region_counts(context, "spans"):
        if isinstance(field, SpansField) and field.max_spans is not None:
            parts.append(frame[frame["count"] > field.max_spans].assign(limit=field.max_spans))
    return concat(parts)


CHECK = Check(
    code="LC174",
    slug="too-many-spans",
    severity=Severity.ERROR,
    description="An answer has more spans than the field's max_spans.",
    template="{count} spans for field {field} of item {item}, but at most {limit} are allowed",
    run=_run,
)
