r"""Distances between label sets, and Krippendorff's alpha of set-valued annotations.

For label sets ``A`` and ``B`` with Jaccard similarity
:math:`J = |A \cap B| / |A \cup B|`:

- Jaccard distance is :math:`1 - J`.
- MASI distance (Passonneau 2006, "Measuring Agreement on Set-valued Items
  (MASI) for Semantic and Pragmatic Annotation", LREC) is :math:`1 - J M`,
  with monotonicity :math:`M` = 1 for equal sets, 2/3 when one set contains
  the other, 1/3 when they overlap otherwise, and 0 when they are disjoint.

An annotation may be the empty set (the annotator chose no label). Two empty
sets are equal, so both distances are 0; an empty and a non-empty set share
nothing, so both distances are 1.

Alpha is Krippendorff's general formula :math:`1 - D_o / D_e` (Krippendorff
2011, "Computing Krippendorff's Alpha-Reliability"), computed over the
``V`` distinct sets among pairable annotations:

.. math::

    D_o = \frac{1}{n} \sum_u \frac{1}{m_u - 1} \sum_{a, b} c_{ua} c_{ub} \delta(a, b)
    \qquad
    D_e = \frac{1}{n (n - 1)} \sum_{a, b} n_a n_b \delta(a, b)

where :math:`c_{ua}` counts annotations of unit ``u`` equal to set ``a``,
:math:`m_u` the annotations of unit ``u``, :math:`n_a` those equal to ``a`` and
``n`` all pairable annotations (units with two or more).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from consistency.agreement.reasons import degenerate_reason
from consistency.result import Coefficient

SetDistance = Literal["jaccard", "masi"]
FloatArray = npt.NDArray[np.float64]
_PAIR_CHUNK = 65536
_SET_CHUNK = 1024


def _distances(inter: FloatArray, size_a: FloatArray, size_b: FloatArray, distance: SetDistance) -> FloatArray:
    """Elementwise set distance from intersection sizes and the two set sizes."""
    union = size_a + size_b - inter
    with np.errstate(divide="ignore", invalid="ignore"):
        similarity = np.where(union == 0, 1.0, inter / union)
    if distance == "jaccard":
        return 1.0 - similarity
    if distance != "masi":
        raise ValueError(f"unknown set distance {distance!r}; expected 'jaccard' or 'masi'")
    equal = (inter == size_a) & (inter == size_b)
    nested = inter == np.minimum(size_a, size_b)
    monotonicity = np.where(equal, 1.0, np.where(nested, 2.0 / 3.0, np.where(inter > 0, 1.0 / 3.0, 0.0)))
    return 1.0 - similarity * monotonicity


def _pair_distance(a: Collection[Hashable], b: Collection[Hashable], distance: SetDistance) -> float:
    first, second = set(a), set(b)
    inter = np.array([float(len(first & second))])
    return float(_distances(inter, np.array([float(len(first))]), np.array([float(len(second))]), distance)[0])


def jaccard_distance(a: Collection[Hashable], b: Collection[Hashable]) -> float:
    """Return the Jaccard distance ``1 - |a & b| / |a | b|`` of two label sets (0 for two empty sets).

    Examples
    --------
    NLTK 3.10 ``jaccard_distance`` (its definition, not a printed example):
    two shared labels out of four in all leave half the union unshared.

    >>> jaccard_distance({1, 2}, {1, 2, 3, 4})
    0.5
    """
    return _pair_distance(a, b, "jaccard")


def masi_distance(a: Collection[Hashable], b: Collection[Hashable]) -> float:
    """Return the MASI distance of two label sets (Passonneau 2006; 0 for two empty sets).

    Examples
    --------
    The doctest of NLTK 3.10 ``masi_distance`` prints 0.6666666666666667 for
    these sets (Jaccard 1/2, one set inside the other, so 1 - 1/2 * 2/3).
    NLTK releases before 3.10 used the rounded weights 0.67 and 0.33 and
    printed 0.665; the paper defines 2/3 and 1/3, as here.

    >>> masi_distance({1, 2}, {1, 2, 3, 4})
    0.6666666666666667
    """
    return _pair_distance(a, b, "masi")


def _frozen(sets: Iterable[Iterable[Hashable]]) -> npt.NDArray[np.object_]:
    frozen = [frozenset(labels) for labels in sets]
    array = np.empty(len(frozen), dtype=object)
    array[:] = frozen
    return array


def _membership(distinct: Sequence[frozenset[Hashable]]) -> FloatArray:
    """Matrix (V, L) of ones where distinct set ``v`` contains label ``l``."""
    labels = pd.Index(sorted({label for labels in distinct for label in labels}, key=repr), dtype=object)
    members = np.zeros((len(distinct), max(len(labels), 1)))
    rows = np.repeat(np.arange(len(distinct)), [len(labels_) for labels_ in distinct])
    columns = labels.get_indexer([label for labels_ in distinct for label in labels_])
    members[rows, columns] = 1.0
    return members


def _set_label(labels: frozenset[Hashable]) -> str:
    return "{" + ", ".join(sorted(str(label) for label in labels)) + "}"


def set_alpha(
    units: npt.ArrayLike,
    sets: Iterable[Iterable[Hashable]],
    distance: SetDistance,
    annotators: npt.ArrayLike | None = None,
) -> Coefficient:
    """Compute Krippendorff's alpha of set-valued annotations with the Jaccard or MASI distance.

    Parameters
    ----------
    units : array_like, shape (N,)
        Unit (item) of each annotation.
    sets : iterable of iterables, length N
        Label set of each annotation; an empty set means "no label". Missing
        annotations must be removed beforehand.
    distance : {'jaccard', 'masi'}
        Set distance; it is also the ``level`` of the result.
    annotators : array_like, shape (N,), optional
        Annotator of each annotation, used only to report a single annotator.

    Returns
    -------
    Coefficient
        Alpha, or None with an undefined reason shared with the other
        coefficients.

    Examples
    --------
    With one label per annotation both distances are 0 or 1, so alpha is
    nominal alpha: Krippendorff (2011, section C) prints 0.743 for this
    reliability data of four observers and 12 units.

    >>> rows = ["1 1 . 1", "2 2 3 2", "3 3 3 3", "3 3 3 3", "2 2 2 2", "1 2 3 4",
    ...         "4 4 4 4", "1 1 2 1", "2 2 2 2", ". 5 5 5", ". . 1 1", ". 3 . ."]
    >>> pairs = [(u, v) for u, row in enumerate(rows) for v in row.split() if v != "."]
    >>> units, sets = [u for u, _ in pairs], [{v} for _, v in pairs]
    >>> round(set_alpha(units, sets, "masi").value, 3)
    0.743
    """
    if distance not in ("jaccard", "masi"):
        raise ValueError(f"unknown set distance {distance!r}; expected 'jaccard' or 'masi'")
    values = _frozen(sets)
    unit_array = np.asarray(units, dtype=object)
    if unit_array.shape != values.shape:
        raise ValueError(f"units and sets must have one length, got {unit_array.shape} and {values.shape}")
    annotator_count = None
    if annotators is not None:
        annotator_count = int(pd.unique(np.asarray(annotators, dtype=object)).size)

    unit_codes = pd.factorize(unit_array, sort=False)[0]
    size = np.bincount(unit_codes)[unit_codes] if unit_codes.size else unit_codes
    pairable = size >= 2
    set_codes, distinct = pd.factorize(values[pairable], sort=False)
    reason = degenerate_reason(
        values=int(values.size),
        annotators=annotator_count,
        pairable_items=int(np.unique(unit_codes[pairable]).size),
        used_categories=[_set_label(labels) for labels in distinct[:2]],
    )
    if reason is not None:
        return Coefficient(None, distance, reason)

    members = _membership(list(distinct))
    observed = _observed(unit_codes[pairable], set_codes, size[pairable], members, distance)
    expected = _expected(np.bincount(set_codes).astype(np.float64), members, distance)
    return Coefficient(float(1.0 - observed / expected), distance)


def _rows_distance(members: FloatArray, first: npt.NDArray[np.intp], second: npt.NDArray[np.intp],
                   distance: SetDistance) -> FloatArray:
    sizes = members.sum(axis=1)
    inter = np.einsum("ij,ij->i", members[first], members[second])
    return _distances(inter, sizes[first], sizes[second], distance)


def _observed(unit: npt.NDArray[np.intp], code: npt.NDArray[np.intp], size: npt.NDArray[np.intp],
              members: FloatArray, distance: SetDistance) -> float:
    """Observed disagreement from the coincidences of distinct sets within each unit."""
    distinct_sets = members.shape[0]
    keys, counts = np.unique(unit.astype(np.int64) * distinct_sets + code, return_counts=True)
    entry_unit = keys // distinct_sets
    entry_set = keys % distinct_sets
    entry_size = np.bincount(unit)[entry_unit].astype(np.float64)

    # Pairs of entries inside each unit: entry i of a unit with e entries is paired with all e.
    per_unit = np.bincount(entry_unit)
    width = per_unit[entry_unit]
    first = np.repeat(np.arange(keys.size), width)
    start = np.cumsum(per_unit) - per_unit
    offset = np.arange(first.size) - np.repeat(np.cumsum(width) - width, width)
    second = start[entry_unit[first]] + offset

    total = 0.0
    for begin in range(0, first.size, _PAIR_CHUNK):
        left, right = first[begin:begin + _PAIR_CHUNK], second[begin:begin + _PAIR_CHUNK]
        delta = _rows_distance(members, entry_set[left], entry_set[right], distance)
        total += float(np.sum(counts[left] * counts[right] * delta / (entry_size[left] - 1.0)))
    return total / float(size.size)


def _expected(marginal: FloatArray, members: FloatArray, distance: SetDistance) -> float:
    """Expected disagreement over all pairs of pairable annotations, in blocks of distinct sets."""
    sizes = members.sum(axis=1)
    total = 0.0
    for begin in range(0, members.shape[0], _SET_CHUNK):
        block = members[begin:begin + _SET_CHUNK]
        inter = block @ members.T
        delta = _distances(inter, sizes[begin:begin + _SET_CHUNK, None], sizes[None, :], distance)
        total += float(marginal[begin:begin + _SET_CHUNK] @ delta @ marginal)
    n = marginal.sum()
    return total / float(n * (n - 1.0))


MAX_BOOTSTRAP_SETS = 2000
"""Above this many distinct sets the set alphas get no interval: the distance matrix would be too large."""


def set_alpha_replicator(units: npt.ArrayLike, sets: Iterable[Iterable[Hashable]], distance: SetDistance,
                         ) -> tuple[Callable[[FloatArray], FloatArray], int] | None:
    """Bootstrap replicator of :func:`set_alpha` over the items of ``units`` in sorted order.

    Returns the replicator and the number of items it expects weights for,
    or ``None`` when nothing can be paired or there are too many distinct sets.
    """
    values = _frozen(sets)
    unit_codes = pd.factorize(np.asarray(units, dtype=object), sort=True)[0].astype(np.int64)
    items = int(unit_codes.max()) + 1 if unit_codes.size else 0
    size = np.bincount(unit_codes)[unit_codes] if unit_codes.size else unit_codes
    pairable = size >= 2
    if not pairable.any():
        return None
    set_codes, distinct = pd.factorize(values[pairable], sort=False)
    if len(distinct) > MAX_BOOTSTRAP_SETS:
        return None
    members = _membership(list(distinct))
    unit = unit_codes[pairable]
    distinct_sets = members.shape[0]
    keys, counts = np.unique(unit * distinct_sets + set_codes, return_counts=True)
    entry_unit = keys // distinct_sets
    entry_set = keys % distinct_sets
    unit_size = np.bincount(unit, minlength=items).astype(np.float64)

    per_unit = np.bincount(entry_unit, minlength=items)
    width = per_unit[entry_unit]
    first = np.repeat(np.arange(keys.size), width)
    start = np.cumsum(per_unit) - per_unit
    offset = np.arange(first.size) - np.repeat(np.cumsum(width) - width, width)
    second = start[entry_unit[first]] + offset
    observed = np.zeros(items)
    for begin in range(0, first.size, _PAIR_CHUNK):
        left, right = first[begin:begin + _PAIR_CHUNK], second[begin:begin + _PAIR_CHUNK]
        delta = _rows_distance(members, entry_set[left], entry_set[right], distance)
        contribution = counts[left] * counts[right] * delta / (unit_size[entry_unit[left]] - 1.0)
        observed += np.bincount(entry_unit[left], weights=contribution, minlength=items)

    sizes = members.sum(axis=1)
    inter = members @ members.T
    distances = _distances(inter, sizes[:, None], sizes[None, :], distance)

    def replicate(weights: FloatArray) -> FloatArray:
        n = weights @ unit_size
        marginal = np.zeros((weights.shape[0], distinct_sets))
        for row in range(weights.shape[0]):
            marginal[row] = np.bincount(entry_set, weights=weights[row, entry_unit] * counts, minlength=distinct_sets)
        with np.errstate(divide="ignore", invalid="ignore"):
            expected = np.einsum("bi,ij,bj->b", marginal, distances, marginal) / (n * (n - 1.0))
            return 1.0 - ((weights @ observed) / n) / expected

    return replicate, items
