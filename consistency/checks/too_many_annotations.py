"""LC142 too-many-annotations: an item has more annotators than ``annotations_per_item.max``."""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, concat
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    parts = []
    for prepared in context.fields.values():
        wanted = prepared.field.annotations_per_item
        if wanted is None or wanted.max is None:
            continue
        frame = prepared.frame.dropna(subset=["item", "annotator"])
        counts = frame.groupby("item", sort=False)["annotator"].nunique()
        extra = counts[counts > wanted.max]
        if extra.empty:
            continue
        first = frame.drop_duplicates("item", keep="first").set_index("item")
        found = pd.DataFrame({"item": extra.index, "count": extra.to_numpy()})
        found = found.assign(
            file=found["item"].map(first["file"]), line=found["item"].map(first["line"]),
            field=prepared.field.id, maximum=wanted.max,
        )
        parts.append(found)
    return concat(parts)


CHECK = Check(
    code="LC142",
    slug="too-many-annotations",
    severity=Severity.WARNING,
    description="An item has more annotators than the field's annotations_per_item max.",
    template="item {item} has {count} annotations for field {field}, more than the {maximum} planned",
    run=_run,
)
