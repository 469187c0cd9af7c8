"""LC193 unread-answers: answers in an export that no guideline field reads.

For example Label Studio results of a control whose name matches no field,
Prodigy binary answers when the guideline has no ``multi`` field, or COCO
annotations of an image that ``images`` does not list. Answers of a kind
that their field cannot hold are reported too, naming what the control or
question holds and the field's kind: spans of a Label Studio ``Labels``
control mapped to a ``multi`` field, polygons for a ``boxes`` field. Given
once per file and reason, with the count; the input summary counts them
under ``ignored``.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.checks.regions import notice_rows
from consistency.findings import Severity
from consistency.readers.records import UNREAD


def _run(context: CheckContext) -> pd.DataFrame | None:
    return notice_rows(context, UNREAD)


CHECK = Check(
    code="LC193",
    slug="unread-answers",
    severity=Severity.WARNING,
    description="An export contains answers that no guideline field reads, or answers of a kind its field "
                "cannot hold.",
    template="{count} answer(s) in this file were not read, the first of them here: {detail}",
    run=_run,
)
