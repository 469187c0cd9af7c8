"""LC150 missing-id: a table row without an item id or without an annotator id.

Such rows cannot be attributed and are left out of everything else.
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
    return bad.assign(missing=missing_parts)


CHECK = Check(
    code="LC150",
    slug="missing-id",
    severity=Severity.ERROR,
    description="A row has an empty item id or annotator id and cannot be used.",
    template="the row has no {missing}; fill it in or remove the row",
    run=_run,
)
