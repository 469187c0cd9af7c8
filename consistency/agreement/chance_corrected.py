r"""Percent agreement and the chance-corrected coefficients of Gwet's general framework.

Every coefficient here is :math:`(p_a - p_e) / (1 - p_e)` with the same
observed agreement and its own chance agreement (Gwet 2014, *Handbook of
Inter-Rater Reliability*, 4th ed., chapters 2-4; irrCAC 1.0 ``*.raw``
functions). With :math:`r_{ik}` annotations of item ``i`` in category ``k``,
:math:`r_i = \sum_k r_{ik}`, weights :math:`w_{kl}` and
:math:`r^*_{ik} = \sum_l w_{kl} r_{il}`:

.. math::

    p_a = \frac{1}{n_2} \sum_{i: r_i \ge 2} \sum_k
          \frac{r_{ik} (r^*_{ik} - 1)}{r_i (r_i - 1)}
    \qquad
    \pi_k = \frac{1}{n_1} \sum_{i: r_i \ge 1} \frac{r_{ik}}{r_i}

where :math:`n_2` counts items with two or more annotations and :math:`n_1`
items with at least one. Items rated once therefore add to the category
shares :math:`\pi_k` but not to :math:`p_a`: this is how Gwet handles missing
annotations without listwise deletion.

- Fleiss' kappa: :math:`p_e = \sum_{kl} w_{kl} \pi_k \pi_l`. With the same
  number of annotators on every item it is Fleiss (1971); with varying
  numbers it is Gwet's generalisation (irrCAC ``fleiss.kappa.raw``).
- Scott's pi: the same formula restricted to two annotators. Fleiss (1971)
  built his kappa as Scott's pi for many raters, so for two annotators the
  two coincide exactly.
- Gwet's AC1 (identity weights) and AC2 (other weights):
  :math:`p_e = \frac{T_w}{Q (Q - 1)} \sum_k \pi_k (1 - \pi_k)`, with
  :math:`T_w` the sum of all weights and ``Q`` the declared categories.
- Brennan-Prediger: :math:`p_e = T_w / Q^2`.
- Percent agreement: :math:`p_a` itself.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from consistency.agreement.ratings import FloatArray, RatingTable, WeightKind, resolve_weights
from consistency.agreement.reasons import (
    CHANCE_AGREEMENT_ONE,
    degenerate_reason,
    two_annotators_needed,
)
from consistency.result import Coefficient

Weights = WeightKind | npt.ArrayLike
_CHANCE_LIMIT = 1.0 - 1e-12


def table_reason(table: RatingTable, chance_corrected: bool = True) -> str | None:
    """Return why coefficients are undefined on ``table`` (see ``reasons.degenerate_reason``), or None.

    Examples
    --------
    >>> from consistency.agreement.ratings import rating_table
    >>> table_reason(rating_table([1, 2], ["x", "y"], ["x", "y"], annotators=["A", "A"]))
    'only one annotator: agreement needs at least two'
    """
    rated = table.rated
    pairable = rated >= 2
    used = np.flatnonzero(table.counts[pairable].sum(axis=0))
    return degenerate_reason(
        values=int(rated.sum()),
        annotators=table.annotators,
        pairable_items=int(pairable.sum()),
        used_categories=[str(table.categories[int(code)]) for code in used[:2]],
        chance_corrected=chance_corrected,
    )


def _observed_agreement(counts: npt.NDArray[np.int64], weights: FloatArray) -> float:
    """Compute Gwet's (weighted) percent agreement :math:`p_a` over items with two or more annotations.

    ``counts`` has shape (U, Q), ``weights`` shape (Q, Q); at least one item
    must have two annotations.
    """
    rated = counts.sum(axis=1)
    pairable = rated >= 2
    chosen = counts[pairable].astype(np.float64)
    size = rated[pairable].astype(np.float64)
    weighted = chosen @ weights.T
    per_item = (chosen * (weighted - 1.0)).sum(axis=1) / (size * (size - 1.0))
    return float(per_item.mean())


def _category_shares(counts: npt.NDArray[np.int64]) -> FloatArray:
    r"""Compute :math:`\pi_k`, the mean share of each category within items that have annotations, shape (Q,)."""
    rated = counts.sum(axis=1)
    present = rated >= 1
    shares: FloatArray = (counts[present] / rated[present, None]).mean(axis=0)
    return shares


def _coefficient(observed: float, chance: float, level: str) -> Coefficient:
    if not chance < _CHANCE_LIMIT:
        return Coefficient(None, level, CHANCE_AGREEMENT_ONE)
    return Coefficient(float((observed - chance) / (1.0 - chance)), level)


def percent_agreement(table: RatingTable, weights: Weights = "identity") -> Coefficient:
    """Compute percent agreement, the share of agreeing pairs of annotations within items.

    Parameters
    ----------
    table : RatingTable
        Counts of shape (U, Q).
    weights : {'identity', 'linear', 'quadratic'} or array_like of shape (Q, Q)
        Partial credit for near misses; ``identity`` counts exact matches.

    Returns
    -------
    Coefficient
        ``level`` is the weighting name. Defined whenever one item has two
        annotations, also when every annotation is the same (then 1).

    Examples
    --------
    Gwet (2014) p.120 data, 12 items and 4 raters with missing ratings; the
    irrCAC 1.0 overview vignette prints ``pa.coeff.raw(cac.raw4raters)`` as
    0.8181818:

    >>> from consistency.agreement.ratings import rating_table
    >>> units, values = _raw4raters()
    >>> table = rating_table(units, values, [1, 2, 3, 4, 5], [1, 2, 3, 4, 5])
    >>> round(percent_agreement(table).value, 7)
    0.8181818
    """
    matrix, level = resolve_weights(table.positions, weights)
    reason = table_reason(table, chance_corrected=False)
    if reason is not None:
        return Coefficient(None, level, reason)
    return Coefficient(_observed_agreement(table.counts, matrix), level)


def fleiss_kappa(table: RatingTable, weights: Weights = "identity") -> Coefficient:
    """Compute Fleiss' kappa, in Gwet's generalisation to varying numbers of annotators per item.

    Parameters
    ----------
    table : RatingTable
        Counts of shape (U, Q); items may have different numbers of annotations.
    weights : {'identity', 'linear', 'quadratic'} or array_like of shape (Q, Q)
        Weighting; ``identity`` gives the unweighted kappa.

    Returns
    -------
    Coefficient
        ``level`` is the weighting name.

    Examples
    --------
    The irrCAC 1.0 overview vignette prints ``fleiss.kappa.raw(cac.raw4raters)``
    as 0.76117 (Gwet 2014 p.120 data):

    >>> from consistency.agreement.ratings import rating_table
    >>> units, values = _raw4raters()
    >>> table = rating_table(units, values, [1, 2, 3, 4, 5], [1, 2, 3, 4, 5])
    >>> round(fleiss_kappa(table).value, 5)
    0.76117
    """
    matrix, level = resolve_weights(table.positions, weights)
    return _fleiss(table, matrix, level)


def _fleiss(table: RatingTable, matrix: FloatArray, level: str) -> Coefficient:
    reason = table_reason(table)
    if reason is not None:
        return Coefficient(None, level, reason)
    shares = _category_shares(table.counts)
    return _coefficient(_observed_agreement(table.counts, matrix), float(shares @ matrix @ shares), level)


def scott_pi(table: RatingTable, weights: Weights = "identity") -> Coefficient:
    """Compute Scott's pi of two annotators, which is Fleiss' kappa restricted to two annotators.

    Parameters
    ----------
    table : RatingTable
        Counts of shape (U, Q) with at most two annotations per item. Items
        rated by one annotator add to the category shares only.
    weights : {'identity', 'linear', 'quadratic'} or array_like of shape (Q, Q)
        Weighting.

    Returns
    -------
    Coefficient
        Undefined with a reason when the field has more than two annotators.

    Examples
    --------
    The 3x3 table of two abstractors in irrCAC 1.0 (``cont3x3abstractors``);
    its overview vignette prints ``scott2.table`` as 0.7962397:

    >>> from consistency.agreement.ratings import rating_table
    >>> joint = np.array([[13, 0, 0], [0, 20, 7], [0, 4, 56]])
    >>> first, second = np.divmod(np.repeat(np.arange(9), joint.ravel()), 3)
    >>> items = np.arange(first.size)
    >>> units, values = np.concatenate([items, items]), np.concatenate([first, second])
    >>> table = rating_table(units, values, [0, 1, 2], annotators=np.repeat(["A", "B"], first.size))
    >>> round(scott_pi(table).value, 7)
    0.7962397
    """
    matrix, level = resolve_weights(table.positions, weights)
    rated = table.rated
    if table.annotators is not None and table.annotators > 2:
        return Coefficient(None, level, two_annotators_needed("Scott's pi", table.annotators))
    if rated.size and rated.max() > 2:
        return Coefficient(None, level, two_annotators_needed("Scott's pi", int(rated.max())))
    return _fleiss(table, matrix, level)


def gwet_ac(table: RatingTable, weights: Weights = "identity") -> Coefficient:
    """Compute Gwet's AC1 (identity weights) or AC2 (linear, quadratic or custom weights).

    Parameters
    ----------
    table : RatingTable
        Counts of shape (U, Q); items may have different numbers of annotations.
    weights : {'identity', 'linear', 'quadratic'} or array_like of shape (Q, Q)
        Weighting; ``identity`` gives AC1.

    Returns
    -------
    Coefficient
        ``level`` is the weighting name. Chance agreement uses every declared
        category, so adding an unused category changes the value.

    Examples
    --------
    The irrCAC 1.0 overview vignette prints ``gwet.ac1.raw(cac.raw4raters)``
    as 0.77544 (Gwet 2014 p.120 data):

    >>> from consistency.agreement.ratings import rating_table
    >>> units, values = _raw4raters()
    >>> table = rating_table(units, values, [1, 2, 3, 4, 5], [1, 2, 3, 4, 5])
    >>> round(gwet_ac(table).value, 5)
    0.77544
    """
    matrix, level = resolve_weights(table.positions, weights)
    reason = table_reason(table)
    if reason is not None:
        return Coefficient(None, level, reason)
    shares = _category_shares(table.counts)
    size = matrix.shape[0]
    chance = float(matrix.sum() * np.sum(shares * (1.0 - shares)) / (size * (size - 1)))
    return _coefficient(_observed_agreement(table.counts, matrix), chance, level)


def brennan_prediger(table: RatingTable, weights: Weights = "identity") -> Coefficient:
    """Compute the Brennan-Prediger coefficient, whose chance agreement assumes uniform category use.

    Parameters
    ----------
    table : RatingTable
        Counts of shape (U, Q).
    weights : {'identity', 'linear', 'quadratic'} or array_like of shape (Q, Q)
        Weighting.

    Returns
    -------
    Coefficient
        ``level`` is the weighting name.

    Examples
    --------
    The irrCAC 1.0 overview vignette prints ``bp.coeff.raw(cac.raw4raters)``
    as 0.77273 (Gwet 2014 p.120 data):

    >>> from consistency.agreement.ratings import rating_table
    >>> units, values = _raw4raters()
    >>> table = rating_table(units, values, [1, 2, 3, 4, 5], [1, 2, 3, 4, 5])
    >>> round(brennan_prediger(table).value, 5)
    0.77273
    """
    matrix, level = resolve_weights(table.positions, weights)
    reason = table_reason(table)
    if reason is not None:
        return Coefficient(None, level, reason)
    chance = float(matrix.sum() / matrix.shape[0] ** 2)
    return _coefficient(_observed_agreement(table.counts, matrix), chance, level)


def _raw4raters() -> tuple[list[int], list[int]]:
    """Gwet (2014) p.120 ratings in long form (irrCAC ``cac.raw4raters``), for the examples."""
    rows: list[list[int | None]] = [
        [1, 1, None, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
        [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [None, 5, 5, 5], [None, None, 1, 1], [None, None, 3, None],
    ]
    pairs = [(unit, value) for unit, row in enumerate(rows) for value in row if value is not None]
    return [unit for unit, _ in pairs], [value for _, value in pairs]
