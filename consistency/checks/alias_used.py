"""LC102 alias-used: a label written with one of its declared aliases.

Aliases are accepted and count as their label in agreement; the finding is
informational, so that exports can be normalized to label ids.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, concat, label_rows
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    return concat([label_rows(prepared, "alias") for prepared in context.fields.values()])


CHECK = Check(
    code="LC102",
    slug="alias-used",
    severity=Severity.INFO,
    description="A label is written with one of its aliases instead of its id.",
    template="{value!r} is an alias of label {label!r} in field {field}; it counts as {label!r}",
    run=_run,
)
