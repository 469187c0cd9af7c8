"""LC103 special-answer: an annotator gave a special answer such as "can't tell".

Informational: the message says whether agreement treats the answer as
missing or as a category of its own, as the guideline declares.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, concat
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    parts = []
    for prepared in context.fields.values():
        rows = prepared.frame[prepared.frame["status"].eq("special")]
        if rows.empty:
            continue
        treatment = {answer.id: answer.agreement for answer in prepared.field.special}
        parts.append(rows.assign(treatment=rows["label"].map(treatment)))
    return concat(parts)


CHECK = Check(
    code="LC103",
    slug="special-answer",
    severity=Severity.INFO,
    description="A special answer (such as can't tell) was given.",
    template="special answer {value!r} in field {field}; agreement treats it as {treatment}",
    run=_run,
)
