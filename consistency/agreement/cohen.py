r"""Cohen's kappa of two annotators, unweighted or with weights over the declared scale.

Observed agreement :math:`p_a = \sum_{kl} w_{kl} n_{kl} / n` runs over the
``n`` items that both annotators rated, with :math:`n_{kl}` of them put in
category ``k`` by the first and ``l`` by the second. Chance agreement is
:math:`p_e = \sum_{kl} w_{kl} p_{1k} p_{2l}`.

Missing annotations follow Gwet (2014, *Handbook of Inter-Rater Reliability*,
4th ed.): :math:`p_{gk}` is the share of category ``k`` among *all* items
annotator ``g`` rated, including items the other annotator skipped, so no
annotation is thrown away. irrCAC 1.0 ``conger.kappa.raw`` computes this for
two raters (Conger's kappa is Cohen's for two), and so does the ``agreement``
package's ``cohens_kappa``. Packages that delete items listwise (R irr
``kappa2``, scikit-learn ``cohen_kappa_score``, statsmodels ``cohens_kappa``)
take both marginals from the paired items only. On complete data the two
conventions agree.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from consistency.agreement.chance_corrected import Weights
from consistency.agreement.ratings import (
    FloatArray,
    category_codes,
    resolve_weights,
    scale_positions,
)
from consistency.agreement.reasons import (
    CHANCE_AGREEMENT_ONE,
    NO_VALUES,
    ONE_ANNOTATOR,
    degenerate_reason,
    two_annotators_needed,
)
from consistency.result import Coefficient

_CHANCE_LIMIT = 1.0 - 1e-12
_LISTED = 5


def cohen_kappa(
    units: npt.ArrayLike,
    annotators: npt.ArrayLike,
    values: npt.ArrayLike,
    categories: Sequence[Hashable],
    positions: npt.ArrayLike | None = None,
    weights: Weights = "identity",
) -> Coefficient:
    """Compute Cohen's kappa from long-format annotations of exactly two annotators.

    Parameters
    ----------
    units, annotators, values : array_like, shape (N,)
        Item, annotator and category of each annotation; missing annotations
        removed beforehand.
    categories : sequence, length Q
        Declared categories in scale order, unused ones included.
    positions : array_like, shape (Q,), optional
        Category positions for linear and quadratic weights; ``0 .. Q-1``
        when omitted.
    weights : {'identity', 'linear', 'quadratic'} or array_like of shape (Q, Q)
        Weighting; ``identity`` gives the unweighted kappa.

    Returns
    -------
    Coefficient
        ``level`` is the weighting name; undefined with a reason unless there
        are exactly two annotators.

    Raises
    ------
    ValueError
        If lengths differ, a value is not a declared category, or an
        annotator rated an item twice.

    Examples
    --------
    Two readers of 110 mammograms (Kundel and Polansky 2003, Table A1), one
    row per item and reader. The vcdExtra documentation of ``Mammograms``
    prints vcd ``Kappa`` as 0.3713 unweighted and 0.5964 with equal-spacing
    (linear) weights:

    >>> joint = np.array([[34, 10, 2, 0], [6, 8, 8, 2], [2, 5, 4, 12], [0, 1, 2, 14]])
    >>> first, second = np.divmod(np.repeat(np.arange(16), joint.ravel()), 4)
    >>> items = np.arange(first.size)
    >>> units, values = np.concatenate([items, items]), np.concatenate([first, second])
    >>> readers = np.repeat(["reader 1", "reader 2"], first.size)
    >>> round(cohen_kappa(units, readers, values, [0, 1, 2, 3]).value, 4)
    0.3713
    >>> round(cohen_kappa(units, readers, values, [0, 1, 2, 3], weights="linear").value, 4)
    0.5964
    """
    category_tuple = tuple(categories)
    codes = category_codes(values, category_tuple)
    unit_array = np.asarray(units, dtype=object)
    annotator_array = np.asarray(annotators, dtype=object)
    if not unit_array.shape == annotator_array.shape == codes.shape:
        raise ValueError(
            "units, annotators and values must have one length, got "
            f"{unit_array.shape}, {annotator_array.shape} and {codes.shape}"
        )
    size = len(category_tuple)
    matrix, level = resolve_weights(scale_positions(positions, size), weights)
    if codes.size == 0:
        return Coefficient(None, level, NO_VALUES)

    rater_codes, rater_labels = pd.factorize(annotator_array, sort=False)
    if len(rater_labels) < 2:
        return Coefficient(None, level, ONE_ANNOTATOR)
    if len(rater_labels) > 2:
        return Coefficient(None, level, two_annotators_needed("Cohen's kappa", len(rater_labels)))

    unit_codes, unit_labels = pd.factorize(unit_array, sort=False)
    _reject_repeats(unit_codes, rater_codes, unit_labels, rater_labels)
    ratings = np.full((2, len(unit_labels)), -1, dtype=np.int64)
    ratings[rater_codes, unit_codes] = codes
    first, second = ratings
    both = (first >= 0) & (second >= 0)
    joint = np.bincount(first[both] * size + second[both], minlength=size * size).reshape(size, size)
    first_counts = np.bincount(first[first >= 0], minlength=size)
    second_counts = np.bincount(second[second >= 0], minlength=size)
    return _kappa(joint, first_counts, second_counts, matrix, level, category_tuple)


def cohen_kappa_from_table(
    joint: npt.ArrayLike,
    positions: npt.ArrayLike | None = None,
    weights: Weights = "identity",
    first_counts: npt.ArrayLike | None = None,
    second_counts: npt.ArrayLike | None = None,
    categories: Sequence[Hashable] | None = None,
) -> Coefficient:
    """Compute Cohen's kappa from a contingency table of the two annotators.

    Parameters
    ----------
    joint : array_like, shape (Q, Q)
        ``joint[k, l]`` counts items put in category ``k`` by the first
        annotator and ``l`` by the second. Declared but unused categories are
        rows and columns of zeros.
    positions : array_like, shape (Q,), optional
        Category positions for linear and quadratic weights; ``0 .. Q-1``
        when omitted.
    weights : {'identity', 'linear', 'quadratic'} or array_like of shape (Q, Q)
        Weighting.
    first_counts, second_counts : array_like, shape (Q,), optional
        Each annotator's category counts over every item they rated, for
        data where some items were rated by one annotator only. By default,
        the row and column sums of ``joint``.
    categories : sequence, length Q, optional
        Category labels, used only in the text of undefined reasons.

    Returns
    -------
    Coefficient
        ``level`` is the weighting name.

    Examples
    --------
    Two abstractors (irrCAC 1.0 ``cont3x3abstractors``); the irrCAC weighting
    vignette prints ``kappa2.table`` with ``quadratic.weights(1:3)`` as
    0.8921569:

    >>> joint = [[13, 0, 0], [0, 20, 7], [0, 4, 56]]
    >>> round(cohen_kappa_from_table(joint, [1, 2, 3], "quadratic").value, 7)
    0.8921569
    """
    table = np.asarray(joint)
    if table.ndim != 2 or table.shape[0] != table.shape[1]:
        raise ValueError(f"the contingency table must be square, got shape {table.shape}")
    if table.size and table.min() < 0:
        raise ValueError("the contingency table must not hold negative counts")
    size = table.shape[0]
    matrix, level = resolve_weights(scale_positions(positions, size), weights)
    first = table.sum(axis=1) if first_counts is None else np.asarray(first_counts)
    second = table.sum(axis=0) if second_counts is None else np.asarray(second_counts)
    if first.shape != (size,) or second.shape != (size,):
        raise ValueError(f"each annotator's counts must have shape ({size},)")
    labels = tuple(range(size)) if categories is None else tuple(categories)
    return _kappa(table, first, second, matrix, level, labels)


def _kappa(
    joint_counts: npt.ArrayLike,
    first_counts: npt.ArrayLike,
    second_counts: npt.ArrayLike,
    matrix: FloatArray,
    level: str,
    categories: tuple[Hashable, ...],
) -> Coefficient:
    joint = np.asarray(joint_counts, dtype=np.float64)
    first = np.asarray(first_counts, dtype=np.float64)
    second = np.asarray(second_counts, dtype=np.float64)
    pairs = float(joint.sum())
    used = np.flatnonzero(joint.sum(axis=0) + joint.sum(axis=1))
    reason = degenerate_reason(
        values=int(first.sum() + second.sum()),
        annotators=2,
        pairable_items=int(pairs),
        used_categories=[str(categories[int(code)]) for code in used[:2]],
    )
    if reason is not None:
        return Coefficient(None, level, reason)

    observed = float((matrix * joint).sum() / pairs)
    first_shares = first / first.sum()
    second_shares = second / second.sum()
    chance = float(first_shares @ matrix @ second_shares)
    if not chance < _CHANCE_LIMIT:
        return Coefficient(None, level, CHANCE_AGREEMENT_ONE)
    return Coefficient(float((observed - chance) / (1.0 - chance)), level)


def _reject_repeats(
    unit_codes: npt.NDArray[np.intp],
    rater_codes: npt.NDArray[np.intp],
    unit_labels: npt.NDArray[Any],
    rater_labels: npt.NDArray[Any],
) -> None:
    keys = unit_codes.astype(np.int64) * 2 + rater_codes
    distinct, counts = np.unique(keys, return_counts=True)
    repeated = distinct[counts > 1]
    if repeated.size:
        examples = ", ".join(
            f"{rater_labels[key % 2]!r} on item {unit_labels[key // 2]!r}" for key in repeated[:_LISTED]
        )
        raise ValueError(
            f"Cohen's kappa needs one annotation per annotator and item, but these repeat: {examples}"
            + (f" and {repeated.size - _LISTED} more" if repeated.size > _LISTED else "")
        )
