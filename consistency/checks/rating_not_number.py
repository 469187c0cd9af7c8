"""LC110 rating-not-number: a rating field holds text that is not a number.

FAIL: ``high`` or ``4 stars`` in a rating field. PASS: ``4``, ``4.5``, ``-2``.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, rows_with_status
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    return rows_with_status(context, "not_number", ("rating",))


CHECK = Check(
    code="LC110",
    slug="rating-not-number",
    severity=Severity.ERROR,
    description="A rating field holds a value that is not a finite number.",
    template="rating {value!r} for field {field} is not a number; write a number such as 3 or 2.5",
    run=_run,
)
