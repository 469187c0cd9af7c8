"""LC123 repeated-label: one label written twice in the same multi-label answer.

FAIL: ``sports|sports`` or ``["sports", "sport"]`` where ``sport`` is an
alias of ``sports``. The label counts once; the finding points at exports
that duplicate entries.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, concat
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    parts = []
    for prepared in context.fields.values():
        elements = prepared.elements
        if elements is None or elements.empty:
            continue
        known = elements[elements["label"].notna()]
        repeated = known[known.duplicated(["row", "label"], keep="first")].drop_duplicates(["row", "label"])
        parts.append(prepared.frame.loc[repeated["row"].to_numpy()].assign(label=repeated["label"].to_numpy()))
    return concat(parts)


CHECK = Check(
    code="LC123",
    slug="repeated-label",
    severity=Severity.WARNING,
    description="A multi-label answer lists the same label more than once.",
    template="label {label!r} appears more than once in the answer {value!r} for field {field}; it counts once",
    run=_run,
)
