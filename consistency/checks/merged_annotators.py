"""LC194 merged-annotators: a COCO file that merges the annotations of several annotators.

Label Studio's COCO export, unless its server runs with
``LABEL_STUDIO_FORCE_ANNOTATOR_EXPORT`` set, writes one image entry per
annotation, all with the image's ``file_name``, and names no annotator.
The boxes of every annotator of an image then form one answer, and boxes
that several annotators drew alike look repeated (which is why LC184 is
not reported for such a file). FAIL: two image entries with the same
``file_name`` and annotations without an annotator key. PASS: one entry
per image, or an ``annotator`` key on each annotation.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.checks.regions import notice_rows
from consistency.findings import Severity
from consistency.readers.records import MERGED_ANNOTATORS


def _run(context: CheckContext) -> pd.DataFrame | None:
    return notice_rows(context, MERGED_ANNOTATORS)


CHECK = Check(
    code="LC194",
    slug="merged-annotators",
    severity=Severity.WARNING,
    description="A COCO file merges the boxes of several annotators into one answer per image.",
    template="{detail}",
    run=_run,
)
