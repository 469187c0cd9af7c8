"""LC190 missing-annotator: records of a tool export that name no annotator.

Such records are still validated, but cannot take part in agreement. The
finding is given once per file, at the first such record, with the count
and what the export format needs to name annotators (for example Prodigy
records with neither ``_annotator_id`` nor ``_session_id``, or doccano's
collaborative ``all.jsonl``).
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.checks.regions import notice_rows
from consistency.findings import Severity
from consistency.readers.records import MISSING_ANNOTATOR


def _run(context: CheckContext) -> pd.DataFrame | None:
    return notice_rows(context, MISSING_ANNOTATOR)


CHECK = Check(
    code="LC190",
    slug="missing-annotator",
    severity=Severity.WARNING,
    description="Records of an export name no annotator, so they take no part in agreement.",
    template="{count} record(s) in this file name no annotator, the first of them here, so they take no part "
             "in agreement: {detail}",
    run=_run,
)
