"""LC140 required-missing: an annotator worked on an item but left a required field empty.

An (item, annotator) pair counts as worked on when any of its table rows
exists in any input; a required field then needs a non-empty value for it.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, concat
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    rows = context.rows
    if "annotator" not in rows.columns:
        return None
    pairs = rows.dropna(subset=["item", "annotator"]).drop_duplicates(["item", "annotator"], keep="first")
    parts = []
    for prepared in context.fields.values():
        if not prepared.field.required:
            continue
        answered = prepared.frame[["item", "annotator"]].drop_duplicates()
        merged = pairs.merge(answered, on=["item", "annotator"], how="left", indicator=True)
        missing = merged[merged["_merge"].eq("left_only")].drop(columns="_merge")
        parts.append(missing.assign(field=prepared.field.id))
    return concat(parts)


CHECK = Check(
    code="LC140",
    slug="required-missing",
    severity=Severity.ERROR,
    description="A required field has no answer from an annotator who worked on the item.",
    template="required field {field} has no answer from annotator {annotator} for item {item}",
    run=_run,
)
