"""LC130 conflicting-duplicate: one annotator gave different answers to the same item and field.

All of those answers are left out of agreement, since nothing says which one
is right; remove the wrong row or give the repeats distinct annotator ids.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, concat
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    parts = []
    for prepared in context.fields.values():
        frame = prepared.frame
        rows = frame[frame["duplicate"].eq("conflicting")]
        if rows.empty:
            continue
        answers = rows.groupby(["item", "annotator"], sort=False)["value"].agg(
            lambda values: ", ".join(repr(value) for value in dict.fromkeys(values))
        )
        keys = pd.MultiIndex.from_frame(rows[["item", "annotator"]])
        parts.append(rows.assign(answers=answers.reindex(keys).to_numpy()))
    return concat(parts)


CHECK = Check(
    code="LC130",
    slug="conflicting-duplicate",
    severity=Severity.ERROR,
    description="The same annotator judged the same item and field twice with different answers.",
    template="annotator {annotator} answered field {field} of item {item} more than once with different answers ({answers}); keep one row",
    run=_run,
)
