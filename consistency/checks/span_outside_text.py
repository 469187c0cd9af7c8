"""LC170 span-outside-text: a span whose offsets reach outside its item's text.

FAIL: a span 10..20 on the text "Acme hires Ann." (15 characters), or a
negative start. PASS: 0 <= start and end <= length of the text. Spans of
items whose text the export does not carry are checked for a negative start
only.
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
    spans = spans[spans["start"].notna() & spans["end"].notna()]
    texts = item_texts(context, spans)
    length = texts.map(lambda text: len(text) if isinstance(text, str) else None).astype("Int64")
    negative = spans["start"] < 0
    too_far = (length.notna() & (spans["end"] > length)).fillna(False)
    bad = spans[negative | too_far]
    if bad.empty:
        return None
    sizes = length[bad.index]
    return bad.assign(length=sizes.map(lambda size: "unknown" if pd.isna(size) else str(size)))


CHECK = Check(
    code="LC170",
    slug="span-outside-text",
    severity=Severity.ERROR,
    description="A span starts before or ends after its item's text.",
    template="span {start}..{end} ({label}) of field {field} lies outside the text of item {item}, "
             "which has {length} characters; offsets count characters from 0, end exclusive",
    run=_run,
)
