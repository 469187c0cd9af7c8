"""Breakdowns added to a field result: coincidences, annotator pairs, slices, agreement with the consensus."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import numpy.typing as npt
import pandas as pd

from consistency.agreement.alpha import Pairable
from consistency.agreement.coincidence import coincidence_summary
from consistency.agreement.pairwise import pairwise_agreement
from consistency.agreement.slices import slice_agreement
from consistency.agreement.usable import UsableValues
from consistency.result import FieldResult
from guidelines import AnyField, CategoricalField


def value_labels(field: AnyField, usable: UsableValues, pairable: Pairable) -> list[str]:
    """Label text of each dense value code of ``pairable``."""
    if pairable.n == 0:
        return []
    values = np.asarray(usable.values)[pairable.index]
    labels = np.empty(int(pairable.code.max()) + 1, dtype=object)
    labels[pairable.code] = values
    if isinstance(field, CategoricalField) and field.level == "ordinal":
        scale = field.label_ids()
        return [scale[int(position)] for position in labels]
    if labels.dtype.kind == "O" and all(isinstance(value, str) for value in labels):
        return [str(value) for value in labels]
    return [f"{float(value):g}" for value in labels]


def consensus_agreement(pairable: Pairable) -> npt.NDArray[np.float64]:
    """Per pairable value: 1 if it equals the majority of the item's other answers, 0 if not, NaN on a tie.

    The majority is taken without the value itself (leave-one-out), so an
    annotator is never compared with a consensus they helped to make.
    """
    if pairable.n == 0:
        return np.zeros(0)
    categories = int(pairable.code.max()) + 1
    keys, inverse, counts = np.unique(pairable.unit * categories + pairable.code, return_inverse=True, return_counts=True)
    entry_unit = keys // categories
    entry_code = keys % categories
    order = np.lexsort((-counts, entry_unit))
    sorted_unit = entry_unit[order]
    first = np.flatnonzero(np.r_[True, sorted_unit[1:] != sorted_unit[:-1]])
    units = int(pairable.unit.max()) + 1
    top_count = np.zeros(units)
    top_code = np.full(units, -1)
    second_count = np.zeros(units)
    top_count[sorted_unit[first]] = counts[order][first]
    top_code[sorted_unit[first]] = entry_code[order][first]
    has_second = first + 1 < order.size
    has_second[has_second] &= sorted_unit[(first + 1)[has_second]] == sorted_unit[first[has_second]]
    second_count[sorted_unit[first[has_second]]] = counts[order][first[has_second] + 1]
    del inverse

    own = pairable.same - 1.0
    competitor = np.where(top_code[pairable.unit] == pairable.code, second_count[pairable.unit], top_count[pairable.unit])
    result = np.where(own > competitor, 1.0, 0.0)
    result[own == competitor] = np.nan
    return result


def add_breakdowns(result: FieldResult, field: AnyField, usable: UsableValues, pairable: Pairable) -> FieldResult:
    """Return ``result`` with coincidences, pairwise agreement, slices and consensus agreement filled in."""
    level = result.level
    if level in ("nominal", "ordinal"):
        order = field.label_ids() if isinstance(field, CategoricalField) else None
        result.coincidence = coincidence_summary(pairable, value_labels(field, usable, pairable), order)
    result.pairwise = pairwise_agreement(usable.frame, usable.values, level)  # type: ignore[arg-type]
    result.slices = slice_agreement(usable, level)  # type: ignore[arg-type]

    if pairable.n and level in ("nominal", "ordinal"):
        scores = consensus_agreement(pairable)
        annotators = usable.frame["annotator"].to_numpy()[pairable.index]
        decided = ~np.isnan(scores)
        means = pd.Series(scores[decided]).groupby(annotators[decided], sort=False).mean()
        share = {str(name): float(value) for name, value in means.items()}
        result.per_annotator = [
            replace(entry, consensus_agreement=share.get(entry.annotator)) for entry in result.per_annotator
        ]
    return result
