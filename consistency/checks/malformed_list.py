"""LC122 malformed-list: a ``multi`` cell that starts like a JSON list but is not one.

A ``multi`` cell is either a JSON list of strings (``["a", "b"]``) or labels
joined by the source's separator (``a|b`` by default).
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, rows_with_status
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    return rows_with_status(context, "malformed", ("multi",))


CHECK = Check(
    code="LC122",
    slug="malformed-list",
    severity=Severity.ERROR,
    description="A multi-label cell is not a valid JSON list of labels.",
    template="cannot read {value!r} for field {field} as a list; write a JSON list such as [\"a\", \"b\"] or join labels with the separator",
    run=_run,
)
