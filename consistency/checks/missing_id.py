"""LC150 missing-id: a table row without an item id or without an annotator id.

Such rows cannot be attributed and are left out of everything else. For a
doccano file without ``id`` keys the message names ``item: @row``, which
numbers the records instead.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    rows = context.rows
    missing_item = rows["item"].isna()
    missing_annotator = rows["annotator"].isna() if "annotator" in rows.columns else missing_item & False
    bad = rows[missing_item | missing_annotator]
    if bad.empty:
        return None
    item_gone = missing_item[bad.index].to_numpy()
    annotator_gone = missing_annotator[bad.index].to_numpy()
    missing_parts = np.select(
        [item_gone & annotator_gone, item_gone], ["item id and annotator id", "item id"], "annotator id"
    )
    doccano = {str(entry.get("file")) for entry in context.inputs if entry.get("format") == "doccano"}
    fix = np.where(item_gone & bad["file"].astype(str).isin(doccano).to_numpy(), _DOCCANO_FIX, _FIX)
    return bad.assign(missing=missing_parts, fix=fix)


_FIX = "fill it in or remove the row"
_DOCCANO_FIX = (
    "doccano records without an id can be numbered instead with columns: {item: '@row'} (--item-column @row), "
    "when every file lists the examples in the same order"
)


CHECK = Check(
    code="LC150",
    slug="missing-id",
    severity=Severity.ERROR,
    description="A row has an empty item id or annotator id and cannot be used.",
    template="the row has no {missing}; {fix}",
    run=_run,
)
