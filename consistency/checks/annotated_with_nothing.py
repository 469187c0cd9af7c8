"""LC191 annotated-with-nothing: a record whose answer lists are all empty.

doccano writes ``label: []`` both for an example its user left without
labels on purpose and for one the user never opened. labelcheck reads the
record as an empty answer and reports it here, so that the two are not
silently taken as one.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.checks.regions import notice_rows
from consistency.findings import Severity
from consistency.readers.records import EMPTY_ANSWER


def _run(context: CheckContext) -> pd.DataFrame | None:
    return notice_rows(context, EMPTY_ANSWER)


CHECK = Check(
    code="LC191",
    slug="annotated-with-nothing",
    severity=Severity.INFO,
    description="A record's answers are all empty lists, read as annotated with nothing.",
    template="{detail}, which is read as annotated with nothing (an empty answer); the export writes the same "
             "for an example that was never annotated",
    run=_run,
)
