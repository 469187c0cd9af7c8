"""LC131 repeated-judgement: the same answer by the same annotator for the same item and field, twice.

The answer counts once in agreement; the finding points at each repeat after the first.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, concat
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    parts = []
    for prepared in context.fields.values():
        frame = prepared.frame
        repeated = frame["duplicate"].eq("identical") & frame.duplicated(["item", "annotator"], keep="first")
        parts.append(frame[repeated])
    return concat(parts)


CHECK = Check(
    code="LC131",
    slug="repeated-judgement",
    severity=Severity.WARNING,
    description="An annotation is repeated with the same answer; it counts once.",
    template="annotator {annotator} gave the same answer {value!r} to field {field} of item {item} again; it counts once",
    run=_run,
)
