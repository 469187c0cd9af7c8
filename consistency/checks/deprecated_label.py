"""LC104 deprecated-label: a label that the guideline marks as deprecated.

It still counts in agreement; the message names the replacement when the
guideline declares one with ``replaced_by``.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, concat, label_rows
from consistency.findings import Severity
from guidelines import CategoricalField


def _run(context: CheckContext) -> pd.DataFrame | None:
    parts = []
    for prepared in context.fields.values():
        field = prepared.field
        if not isinstance(field, CategoricalField):
            continue
        advice = {
            label.id: f"use {label.replaced_by!r} instead" if label.replaced_by else "choose a current label"
            for label in field.labels
            if label.deprecated
        }
        if not advice:
            continue
        rows = label_rows(prepared, "deprecated")
        parts.append(rows.assign(advice=rows["label"].map(advice)))
    return concat(parts)


CHECK = Check(
    code="LC104",
    slug="deprecated-label",
    severity=Severity.WARNING,
    description="A label marked as deprecated in the guideline was used.",
    template="label {label!r} of field {field} is deprecated; {advice}",
    run=_run,
)
