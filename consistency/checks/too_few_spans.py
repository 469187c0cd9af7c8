"""LC175 too-few-spans: an answer with fewer spans than the field's ``min_spans``.

An empty answer (no span at all) counts as zero spans.
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
        if isinstance(field, SpansField) and field.min_spans is not None:
            parts.append(frame[frame["count"] < field.min_spans].assign(limit=field.min_spans))
    return concat(parts)


CHECK = Check(
    code="LC175",
    slug="too-few-spans",
    severity=Severity.ERROR,
    description="An answer has fewer spans than the field's min_spans.",
    template="{count} spans for field {field} of item {item}, but at least {limit} are required",
    run=_run,
)
