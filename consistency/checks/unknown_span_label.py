"""LC173 unknown-span-label: a span whose label is not a label, alias or special answer of its field.

FAIL: a span labelled ``PRODUCT`` in a field with labels ``ORG, PER``.
The message suggests the nearest label.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.checks.regions import region_rows, unknown_labels
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    spans = region_rows(context, "spans")
    return unknown_labels(context, spans) if spans is not None else None


CHECK = Check(
    code="LC173",
    slug="unknown-span-label",
    severity=Severity.ERROR,
    description="A span's label is not a label of its field.",
    template="unknown label {label!r} on span {start}..{end} of field {field}; {suggestion}",
    run=_run,
)
