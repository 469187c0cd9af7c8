"""LC192 response-without-status: Argilla responses exported without their status.

The nested record form drops each response's status, so discarded and
draft responses look submitted and count as votes. Given once per file,
with the count.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.checks.regions import notice_rows
from consistency.findings import Severity
from consistency.readers.records import NO_STATUS


def _run(context: CheckContext) -> pd.DataFrame | None:
    return notice_rows(context, NO_STATUS)


CHECK = Check(
    code="LC192",
    slug="response-without-status",
    severity=Severity.WARNING,
    description="Argilla responses have no status, so discarded ones cannot be left out.",
    template="{count} {detail}",
    run=_run,
)
