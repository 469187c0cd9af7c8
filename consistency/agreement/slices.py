"""Agreement per slice: one value of a slice column (a batch, a date, a source file).

Each slice is measured on its own annotations only, so an item annotated in
two batches counts in each with the annotations of that batch. Slices are
listed in the string order of their values.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from consistency.agreement.alpha import Level, pairable_values
from consistency.agreement.field_agreement import alpha_coefficient, percent_coefficient
from consistency.agreement.usable import UsableValues
from consistency.result import SliceAgreement

MAX_SLICES = 500
"""Slices beyond this many (in value order) are not measured; a date column with a value per row would flood the report."""


def slice_agreement(usable: UsableValues, level: Level) -> list[SliceAgreement]:
    """Measure alpha and percent agreement within each slice of ``usable``.

    Returns an empty list when the annotations carry no ``slice`` column.
    """
    frame = usable.frame
    if "slice" not in frame.columns or frame.empty:
        return []
    results = []
    labels = frame["slice"].astype(str)
    for value in sorted(labels.unique())[:MAX_SLICES]:
        mask = (labels == value).to_numpy()
        part = UsableValues(frame[mask].reset_index(drop=True), np.asarray(usable.values)[mask], {})
        pairable = pairable_values(pd.factorize(part.frame["item"])[0], part.values, level)
        results.append(
            SliceAgreement(
                slice=value,
                items=int(part.frame["item"].nunique()),
                annotations=int(mask.sum()),
                annotators=int(part.frame["annotator"].nunique()),
                alpha=alpha_coefficient(part, pairable, level),
                percent_agreement=percent_coefficient(part, pairable),
            )
        )
    return results
