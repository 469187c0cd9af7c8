"""LC172 bad-span-offsets: a span without usable offsets, or one that is empty or inverted.

FAIL: ``end`` at or before ``start`` (an empty span, or start and end
swapped), or offsets that are missing or not whole numbers (for example
Label Studio HyperText spans, whose offsets are XPaths). PASS: whole
numbers with ``start < end``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.checks.regions import region_rows
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    spans = region_rows(context, "spans")
    if spans is None:
        return None
    missing = spans["start"].isna() | spans["end"].isna()
    inverted = (~missing & (spans["end"] <= spans["start"])).fillna(False)
    bad = spans[missing | inverted]
    if bad.empty:
        return None
    problem = np.where(missing[bad.index], "no usable offsets (they must be whole numbers of characters)",
                       "its end at or before its start, so it covers no text (end is exclusive)")
    return bad.assign(problem=problem, start=bad["start"].astype(object).where(bad["start"].notna(), "missing"),
                      end=bad["end"].astype(object).where(bad["end"].notna(), "missing"))


CHECK = Check(
    code="LC172",
    slug="bad-span-offsets",
    severity=Severity.ERROR,
    description="A span has missing offsets, or its end is not after its start.",
    template="span {start}..{end} ({label}) of field {field} has {problem}",
    run=_run,
)
