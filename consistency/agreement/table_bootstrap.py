"""Bootstrap intervals for the kappa family, resampling items with per-item statistics.

Same scheme as :mod:`consistency.agreement.bootstrap` (items drawn with
replacement, percentile interval): each coefficient here is a function of
sums over items, so a replicate needs only weighted sums of per-item
statistics, not a rebuilt table. The formulas mirror
:mod:`consistency.agreement.chance_corrected` and
:mod:`consistency.agreement.cohen` (Gwet 2014): observed agreement averages
items with two or more annotations, category shares average items with any.
Tests check that weights of one on every item reproduce those modules' values.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from consistency.agreement.bootstrap import Replicator
from consistency.agreement.ratings import RatingTable

FloatArray = npt.NDArray[np.float64]
_CHANCE_LIMIT = 1.0 - 1e-12


def _ratio(numerator: FloatArray, denominator: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return numerator / denominator


def _corrected(observed: FloatArray, chance: FloatArray) -> FloatArray:
    chance = np.where(chance < _CHANCE_LIMIT, chance, np.nan)
    return (observed - chance) / (1.0 - chance)


def table_statistics(table: RatingTable, matrix: FloatArray) -> dict[str, FloatArray]:
    """Per-item statistics of a rating table: pairable flag, weighted agreement, category shares."""
    counts = table.counts.astype(float)
    rated = counts.sum(axis=1)
    pairable = rated >= 2
    weighted = counts @ matrix.T
    with np.errstate(divide="ignore", invalid="ignore"):
        agreement = (counts * (weighted - 1.0)).sum(axis=1) / (rated * (rated - 1.0))
        shares = counts / rated[:, None]
    present = rated >= 1
    return {
        "pairable": pairable.astype(float),
        "agreement": np.where(pairable, agreement, 0.0),
        "present": present.astype(float),
        "shares": np.where(present[:, None], shares, 0.0),
    }


def table_replicates(kind: str, stats: dict[str, FloatArray], matrix: FloatArray, weights: FloatArray) -> FloatArray:
    """Coefficient ``kind`` (``fleiss``, ``gwet`` or ``brennan_prediger``) for each row of item ``weights``."""
    observed = _ratio(weights @ stats["agreement"], weights @ stats["pairable"])
    shares = _ratio(weights @ stats["shares"], (weights @ stats["present"])[:, None])
    size = matrix.shape[0]
    if kind == "fleiss":
        chance = np.einsum("bi,ij,bj->b", shares, matrix, shares)
    elif kind == "gwet":
        chance = matrix.sum() * np.sum(shares * (1.0 - shares), axis=1) / (size * (size - 1))
    elif kind == "brennan_prediger":
        chance = np.full(weights.shape[0], matrix.sum() / size**2)
    else:
        raise ValueError(f"unknown coefficient kind {kind!r}")
    return _corrected(observed, chance)


def table_replicator(kind: str, table: RatingTable, matrix: FloatArray,
                     row_items: npt.NDArray[np.int64] | None = None) -> Replicator:
    """Replicator of a table coefficient (see :func:`table_replicates`).

    ``row_items`` gives the item index of each table row when the weights
    cover items in another order.
    """
    stats = table_statistics(table, matrix)
    leading = row_items is not None and np.array_equal(row_items, np.arange(row_items.size))

    def replicate(weights: FloatArray) -> FloatArray:
        if row_items is None:
            chosen = weights
        elif leading:
            chosen = weights[:, : row_items.size]
        else:
            chosen = weights[:, row_items]
        return table_replicates(kind, stats, matrix, chosen)

    return replicate


def pair_statistics(first: npt.NDArray[np.int64], second: npt.NDArray[np.int64], matrix: FloatArray) -> dict[str, FloatArray]:
    """Per-item statistics of two annotators' category codes (-1 where one did not rate the item)."""
    size = matrix.shape[0]
    both = (first >= 0) & (second >= 0)
    agreement = np.zeros(first.size)
    agreement[both] = matrix[first[both], second[both]]
    first_hot = np.zeros((first.size, size))
    first_hot[np.flatnonzero(first >= 0), first[first >= 0]] = 1.0
    second_hot = np.zeros((second.size, size))
    second_hot[np.flatnonzero(second >= 0), second[second >= 0]] = 1.0
    return {"both": both.astype(float), "agreement": agreement, "first": first_hot, "second": second_hot}


def pair_replicates(stats: dict[str, FloatArray], matrix: FloatArray, weights: FloatArray) -> FloatArray:
    """Cohen's kappa for each row of item ``weights``, with each annotator's shares over the items they rated."""
    observed = _ratio(weights @ stats["agreement"], weights @ stats["both"])
    first = weights @ stats["first"]
    second = weights @ stats["second"]
    first = _ratio(first, first.sum(axis=1, keepdims=True))
    second = _ratio(second, second.sum(axis=1, keepdims=True))
    chance = np.einsum("bi,ij,bj->b", first, matrix, second)
    return _corrected(observed, chance)


def pair_replicator(first: npt.NDArray[np.int64], second: npt.NDArray[np.int64], matrix: FloatArray) -> Replicator:
    """Replicator of Cohen's kappa; ``first`` and ``second`` hold one category code per item (-1 if missing)."""
    stats = pair_statistics(first, second, matrix)
    return lambda weights: pair_replicates(stats, matrix, weights)
