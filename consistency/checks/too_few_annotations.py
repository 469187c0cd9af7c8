"""LC141 too-few-annotations: an item has fewer annotators than ``annotations_per_item.min``.

Counted per field over distinct annotators with any answer, valid or not,
so that a missing judgement is reported here and an invalid one by its own check.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, concat
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    parts = []
    for prepared in context.fields.values():
        wanted = prepared.field.annotations_per_item
        if wanted is None or wanted.min is None:
            continue
        frame = prepared.frame.dropna(subset=["item", "annotator"])
        counts = frame.groupby("item", sort=False)["annotator"].nunique()
        short = counts[counts < wanted.min]
        if short.empty:
            continue
        first = frame.drop_duplicates("item", keep="first").set_index("item")
        found = pd.DataFrame({"item": short.index, "count": short.to_numpy()})
        found = found.assign(
            file=found["item"].map(first["file"]), line=found["item"].map(first["line"]),
            field=prepared.field.id, minimum=wanted.min,
        )
        parts.append(found)
    return concat(parts)


CHECK = Check(
    code="LC141",
    slug="too-few-annotations",
    severity=Severity.ERROR,
    description="An item has fewer annotators than the field's annotations_per_item min.",
    template="item {item} has {count} annotation(s) for field {field}, fewer than the {minimum} required",
    run=_run,
)
