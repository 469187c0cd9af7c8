"""LC178 span-text-missing: spans of items whose text no input carries, so they cannot be checked against it.

Offsets are checked against the item's text (LC170, LC171). A record
without text (doccano records without ``text``, Label Studio tasks whose
text key is not known) leaves its spans unchecked. Given once per file
and field, at the first such span, with the count. PASS: every item with
spans has a text in some input.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.checks.regions import item_texts, region_rows
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    spans = region_rows(context, "spans")
    if spans is None:
        return None
    # Spans without an item id are reported by LC150 already.
    spans = spans[spans["item"].notna()]
    unchecked = spans[item_texts(context, spans).isna()]
    if unchecked.empty:
        return None
    key = ["file", "field"]
    counts = unchecked.groupby(key, sort=False).size().rename("count")
    first = unchecked.drop_duplicates(key, keep="first")
    return first.merge(counts.reset_index(), on=key, how="left")


CHECK = Check(
    code="LC178",
    slug="span-text-missing",
    severity=Severity.WARNING,
    description="Spans of items without a text cannot be checked against the text.",
    template="{count} span(s) of field {field} in this file, the first of them here, belong to items without a "
             "text, so their offsets are not checked; give each record its text (for Label Studio name the data "
             "key with columns: {{text: KEY}})",
    run=_run,
)
