"""LC176 repeated-span: the same span (offsets and label) twice in one answer.

FAIL: ``[[0, 1, "LOC"], [0, 1, "LOC"]]``, which doccano's own examples hold
and its interface rejects. Overlapping spans with different offsets or
labels are not reported here.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.checks.regions import region_rows
from consistency.findings import Severity

_KEY = ["file", "line", "item", "annotator", "field", "role", "start", "end", "label"]


def _run(context: CheckContext) -> pd.DataFrame | None:
    spans = region_rows(context, "spans")
    if spans is None:
        return None
    keyed = spans[spans["start"].notna() & spans["end"].notna()]
    counts = keyed.groupby(_KEY, dropna=False, sort=False).size()
    repeated = counts[counts > 1].rename("count").reset_index()
    return repeated if len(repeated) else None


CHECK = Check(
    code="LC176",
    slug="repeated-span",
    severity=Severity.WARNING,
    description="One answer holds the same span with the same label more than once.",
    template="span {start}..{end} ({label}) of field {field} appears {count} times in one answer",
    run=_run,
)
