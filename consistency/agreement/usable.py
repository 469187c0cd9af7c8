"""Select the annotations that take part in agreement, and count the ones left out with a reason."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from consistency.prepare import PreparedField
from guidelines import CategoricalField, RatingField

EXCLUSION_REASONS = {
    "missing_id": "item or annotator id is empty",
    "invalid": "value is not valid for the field",
    "special_missing": "special answer treated as missing",
    "conflicting_duplicate": "annotator gave different answers to the same item",
    "repeated": "identical repeat of an annotation already counted",
    "single_annotation": "item has only one usable annotation",
}
"""Reason keys of ``FieldResult.excluded`` and their meaning."""


@dataclass(frozen=True)
class UsableValues:
    """Usable annotations of one field in the arrays agreement needs.

    ``frame`` holds the usable rows (columns ``item``, ``annotator``,
    ``label`` and, for ratings, ``number``); ``values`` is what the
    coefficient compares: label positions for ordinal fields, numbers for
    ratings and label text otherwise. ``excluded`` counts left-out rows by
    reason key of :data:`EXCLUSION_REASONS`.
    """

    frame: pd.DataFrame
    values: np.ndarray
    excluded: dict[str, int]


def usable_values(prepared: PreparedField) -> UsableValues:
    """Pick the rows of ``prepared`` that agreement uses, with exclusion counts."""
    frame = prepared.frame
    field = prepared.field
    has_ids = frame["item"].notna() & frame["annotator"].notna()
    status_ok = frame["status"].isin(["label", "alias", "deprecated", "number"])

    excluded = {
        "missing_id": int((~has_ids).sum()),
        "invalid": int((has_ids & ~status_ok & frame["status"].ne("special")).sum()),
        "special_missing": int((has_ids & frame["status"].eq("special") & ~frame["usable"]).sum()),
        "conflicting_duplicate": int((has_ids & frame["duplicate"].eq("conflicting") & (status_ok | frame["status"].eq("special"))).sum()),
    }
    repeated = has_ids & frame["duplicate"].eq("identical") & ~frame["usable"] & (status_ok | frame["status"].eq("special"))
    excluded["repeated"] = int(repeated.sum())

    chosen = frame[frame["usable"] & has_ids]
    per_item = chosen.groupby("item", sort=False)["item"].transform("size")
    excluded["single_annotation"] = int((per_item < 2).sum())

    if isinstance(field, RatingField):
        values = chosen["number"].to_numpy(dtype=float)
    elif isinstance(field, CategoricalField) and field.level == "ordinal":
        order = {label_id: position for position, label_id in enumerate(field.label_ids())}
        values = chosen["label"].map(order).to_numpy(dtype=np.int64)
    else:
        values = chosen["label"].astype(str).to_numpy()
    return UsableValues(chosen.reset_index(drop=True), values, excluded)
