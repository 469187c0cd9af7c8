"""Pairwise annotator agreement: every pair of annotators on the items both answered.

For two annotators, Krippendorff's alpha reduces to ``1 - D_o / D_e`` with
``D_o`` the mean difference between their two answers per shared item and
``D_e`` the mean difference over all pairs of the ``2n`` values they gave.
Pairs are built item by item, so the work grows with the sum of squared
annotations per item, not with the square of the number of annotators.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from consistency.agreement.alpha import Level
from consistency.result import Coefficient, PairAgreement

MIN_SHARED = 5
"""Pairs sharing fewer items get no value: too few items for a meaningful figure."""

MAX_ANNOTATORS = 60
"""Only the annotators with the most annotations enter the matrix, to keep it readable."""


def _pairs(items: npt.NDArray[np.int64], annotators: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Row indices (i, j), i < j by annotator code, of every two annotations of one item."""
    order = np.lexsort((annotators, items))
    sorted_items = items[order]
    starts = np.flatnonzero(np.r_[True, sorted_items[1:] != sorted_items[:-1]])
    sizes = np.diff(np.r_[starts, sorted_items.size])
    first: list[npt.NDArray[np.int64]] = []
    second: list[npt.NDArray[np.int64]] = []
    for size in np.unique(sizes[sizes >= 2]):
        group_starts = starts[sizes == size]
        left, right = np.triu_indices(int(size), k=1)
        first.append(order[(group_starts[:, None] + left[None, :]).ravel()])
        second.append(order[(group_starts[:, None] + right[None, :]).ravel()])
    if not first:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(first), np.concatenate(second)


def _expected(pair: npt.NDArray[np.int64], x: npt.NDArray[np.float64], level: Level, code: npt.NDArray[np.int64],
              pairs_count: int) -> npt.NDArray[np.float64]:
    """Expected disagreement per annotator pair from the pooled values of both annotators."""
    size = np.bincount(pair, minlength=pairs_count).astype(float)
    if level == "nominal":
        codes = int(code.max()) + 1
        counts = np.bincount(pair * codes + code, minlength=pairs_count * codes).reshape(pairs_count, codes).astype(float)
        return (size * size - np.sum(counts * counts, axis=1)) / (size * (size - 1))
    total = np.bincount(pair, weights=x, minlength=pairs_count)
    squares = np.bincount(pair, weights=x * x, minlength=pairs_count)
    return 2.0 * (size * squares - total * total) / (size * (size - 1))


def _midranks(pair: npt.NDArray[np.int64], code: npt.NDArray[np.int64], pairs_count: int) -> npt.NDArray[np.float64]:
    """Mid-rank of each value within its pair's pooled values (ordinal differences)."""
    codes = int(code.max()) + 1
    counts = np.bincount(pair * codes + code, minlength=pairs_count * codes).reshape(pairs_count, codes).astype(float)
    midrank = np.cumsum(counts, axis=1) - counts / 2.0
    return np.asarray(midrank[pair, code], dtype=np.float64)


def pairwise_agreement(frame: pd.DataFrame, values: npt.ArrayLike, level: Level,
                       min_shared: int = MIN_SHARED, max_annotators: int = MAX_ANNOTATORS) -> list[PairAgreement]:
    """Agreement of every pair among the ``max_annotators`` most active annotators.

    Parameters
    ----------
    frame : pandas.DataFrame
        Usable annotations with columns ``item`` and ``annotator``, one row
        per annotation, aligned with ``values``.
    values : array_like, shape (N,)
        What alpha compares: numbers for interval and ratio, label positions
        for ordinal, labels for nominal. Ratio is measured as interval here.
    level : {'nominal', 'ordinal', 'interval', 'ratio'}
    min_shared : int
        Pairs sharing fewer items get ``alpha.value = None``.
    max_annotators : int
        Cap on the annotators considered, chosen by number of annotations
        (ties by id).

    Returns
    -------
    list of PairAgreement
        Pairs that share at least one item, sorted by annotator ids.
    """
    values = np.asarray(values)
    counts = frame.groupby("annotator", sort=True).size()
    ranked = counts.reset_index(name="count").sort_values(["count", "annotator"], ascending=[False, True], kind="stable")
    chosen = set(ranked["annotator"].head(max_annotators))
    keep = frame["annotator"].isin(chosen).to_numpy()
    names = np.array(sorted(chosen), dtype=object)
    annotator_code = pd.Categorical(frame["annotator"][keep], categories=names).codes.astype(np.int64)
    item_code = pd.factorize(frame["item"][keep])[0].astype(np.int64)
    kept_values = values[keep]

    left, right = _pairs(item_code, annotator_code)
    if left.size == 0:
        return []
    a, b = annotator_code[left], annotator_code[right]
    swap = a > b
    left, right = np.where(swap, right, left), np.where(swap, left, right)
    a, b = annotator_code[left], annotator_code[right]
    # At most MAX_ANNOTATORS squared keys, so counting beats sorting millions of pairs.
    pair_key = a * names.size + b
    key_counts = np.bincount(pair_key, minlength=names.size * names.size)
    pair_ids = np.flatnonzero(key_counts)
    dense = np.zeros(key_counts.size, dtype=np.int64)
    dense[pair_ids] = np.arange(pair_ids.size)
    pair = dense[pair_key]
    pairs_count = pair_ids.size
    shared = key_counts[pair_ids]

    equal = (kept_values[left] == kept_values[right]).astype(float)
    percent = np.bincount(pair, weights=equal, minlength=pairs_count) / shared
    pooled_pair = np.r_[pair, pair]
    if level == "nominal":
        value_code = pd.factorize(kept_values)[0].astype(np.int64)
        pooled_code = np.r_[value_code[left], value_code[right]]
        observed = 1.0 - percent
        expected = _expected(pooled_pair, np.zeros(0), level, pooled_code, pairs_count)
    else:
        if level == "ordinal":
            value_code = np.unique(kept_values, return_inverse=True)[1].ravel().astype(np.int64)
            pooled_code = np.r_[value_code[left], value_code[right]]
            pooled = _midranks(pooled_pair, pooled_code, pairs_count)
        else:
            pooled = np.r_[kept_values[left], kept_values[right]].astype(float)
        half = left.size
        difference = (pooled[:half] - pooled[half:]) ** 2
        observed = np.bincount(pair, weights=difference, minlength=pairs_count) / shared
        expected = _expected(pooled_pair, pooled, level, np.zeros(0, dtype=np.int64), pairs_count)

    results = []
    for index, key in enumerate(pair_ids):
        first, second = names[key // names.size], names[key % names.size]
        count = int(shared[index])
        if count < min_shared:
            alpha = Coefficient(None, level, f"only {count} shared item(s), fewer than the {min_shared} required for a pair")
        elif not expected[index] > 0:
            alpha = Coefficient(None, level, "no variation: both annotators gave one and the same value throughout")
        else:
            alpha = Coefficient(float(1.0 - observed[index] / expected[index]), level)
        results.append(PairAgreement(str(first), str(second), count, float(percent[index]), alpha))
    return results
