r"""Counts of annotations per item and category, and the weights of Gwet's weighted coefficients.

Notation (Gwet 2014, *Handbook of Inter-Rater Reliability*, 4th ed., chapters
2 and 3): ``U`` items (units), ``Q`` categories of the declared scale, and
:math:`r_{ik}` the number of annotators who put item ``i`` in category ``k``.
Every chance-corrected coefficient of this package starts from that (U, Q)
table. Declared categories without annotations are columns of zeros, so they
still change Gwet's AC1, Brennan-Prediger and the weighted kappas.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Literal, cast, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
WeightKind = Literal["identity", "linear", "quadratic"]
WEIGHT_KINDS: tuple[str, ...] = get_args(WeightKind)
_LISTED = 5


@dataclass(frozen=True, eq=False)
class RatingTable:
    """Annotations of one field counted per item and category.

    Attributes
    ----------
    counts : ndarray of int, shape (U, Q)
        ``counts[u, q]`` is the number of annotators who gave category ``q``
        to item ``u``. Rows may sum to different totals (missing annotations).
    categories : tuple, length Q
        Category labels in scale order, declared but unused ones included.
    positions : ndarray of float, shape (Q,)
        Position of each category on the scale, strictly increasing: 0 .. Q-1
        for ordered labels, the numbers themselves for ratings. Only the
        linear and quadratic weights read them.
    units : ndarray, shape (U,)
        Item label of each row.
    annotators : int or None
        Number of distinct annotators, when known; coefficients use it to say
        "only one annotator" instead of "no pairable item".
    """

    counts: IntArray
    categories: tuple[Hashable, ...]
    positions: FloatArray
    units: npt.NDArray[np.object_]
    annotators: int | None = None

    def __post_init__(self) -> None:
        counts = np.asarray(self.counts)
        if counts.ndim != 2 or counts.shape[1] != len(self.categories):
            raise ValueError(
                f"counts must have shape (items, {len(self.categories)} categories), got {counts.shape}"
            )
        if counts.size and counts.min() < 0:
            raise ValueError("counts must not be negative")
        if len(self.units) != counts.shape[0]:
            raise ValueError(f"got {len(self.units)} item labels for {counts.shape[0]} rows of counts")
        counts = counts.astype(np.int64)
        counts.setflags(write=False)
        object.__setattr__(self, "counts", counts)
        object.__setattr__(self, "positions", scale_positions(self.positions, len(self.categories)))

    @property
    def rated(self) -> IntArray:
        """Number of annotations of each item, shape (U,)."""
        return self.counts.sum(axis=1)


def scale_positions(positions: npt.ArrayLike | None, size: int) -> FloatArray:
    """Return validated, read-only category positions of shape (size,); ``0 .. size-1`` when None.

    Examples
    --------
    >>> scale_positions(None, 3).tolist()
    [0.0, 1.0, 2.0]
    """
    if positions is None:
        array = np.arange(size, dtype=np.float64)
    else:
        array = np.asarray(positions, dtype=np.float64).copy()
    if array.shape != (size,):
        raise ValueError(f"positions must have one number per category ({size}), got shape {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError("positions must be finite numbers")
    if np.any(np.diff(array) <= 0):
        raise ValueError("positions must increase strictly in the order of the categories (scale order)")
    array.setflags(write=False)
    return array


def _listed(values: npt.NDArray[np.generic]) -> str:
    # Compare by repr so that several NaN values count as one.
    distinct = list(dict.fromkeys(repr(value) for value in values.tolist()))
    examples = ", ".join(distinct[:_LISTED])
    more = len(distinct) - _LISTED
    return examples + (f" and {more} more" if more > 0 else "")


def category_codes(values: npt.ArrayLike, categories: tuple[Hashable, ...]) -> IntArray:
    """Map each value to the index of its category, rejecting values outside the scale.

    Parameters
    ----------
    values : array_like, shape (N,)
        Annotations; missing ones must have been removed.
    categories : tuple, length Q
        The declared categories. Labels compare by equality, so the string
        ``"1"`` is not the number ``1``.

    Returns
    -------
    ndarray of int, shape (N,)
        Codes 0 .. Q-1.

    Raises
    ------
    ValueError
        If categories repeat or a value is not a declared category; the
        message names the first offending values.

    Examples
    --------
    >>> category_codes(["no", "yes", "no"], ("yes", "no")).tolist()
    [1, 0, 1]
    """
    index = pd.Index(list(categories), dtype=object)
    if not index.is_unique:
        raise ValueError(f"categories must be distinct, got {_listed(index[index.duplicated()].to_numpy())}")
    array = np.asarray(values, dtype=object)
    if array.ndim != 1:
        raise ValueError(f"values must be a 1-D array, got shape {array.shape}")
    codes = index.get_indexer(array)
    unknown = codes < 0
    if unknown.any():
        raise ValueError(
            f"values not among the declared categories: {_listed(array[unknown])} "
            f"({int(unknown.sum())} annotations). Declare them in the guideline or remove them first"
        )
    return codes.astype(np.int64)


def rating_table(
    units: npt.ArrayLike,
    values: npt.ArrayLike,
    categories: tuple[Hashable, ...] | list[Hashable],
    positions: npt.ArrayLike | None = None,
    annotators: npt.ArrayLike | None = None,
) -> RatingTable:
    """Count long-format annotations per item and category.

    Parameters
    ----------
    units : array_like, shape (N,)
        Item of each annotation; any hashable labels.
    values : array_like, shape (N,)
        Category of each annotation. Missing annotations must be removed
        beforehand.
    categories : sequence, length Q
        Declared categories in scale order, unused ones included.
    positions : array_like, shape (Q,), optional
        Numeric position of each category; ``0 .. Q-1`` when omitted.
    annotators : array_like, shape (N,), optional
        Annotator of each annotation, used only to count distinct annotators.

    Returns
    -------
    RatingTable
        Rows in order of first appearance of each item.

    Raises
    ------
    ValueError
        If lengths differ or a value is not a declared category.

    Examples
    --------
    Two items, two annotators, and a declared category without annotations:

    >>> table = rating_table(["a", "a", "b", "b"], ["low", "high", "low", "low"], ["low", "mid", "high"])
    >>> table.counts.tolist()
    [[1, 0, 1], [2, 0, 0]]
    """
    unit_array = np.asarray(units, dtype=object)
    category_tuple = tuple(categories)
    codes = category_codes(values, category_tuple)
    if unit_array.shape != codes.shape:
        raise ValueError(f"units and values must have one length, got {unit_array.shape} and {codes.shape}")

    annotator_count = None
    if annotators is not None:
        annotator_array = np.asarray(annotators, dtype=object)
        if annotator_array.shape != codes.shape:
            raise ValueError(f"annotators must have one entry per value, got {annotator_array.shape}")
        annotator_count = int(pd.unique(annotator_array).size)

    unit_codes, unit_labels = pd.factorize(unit_array, sort=False)
    size = len(category_tuple)
    flat = np.bincount(unit_codes * size + codes, minlength=len(unit_labels) * size)
    counts = flat.reshape(len(unit_labels), size)
    return RatingTable(counts, category_tuple, scale_positions(positions, size),
                       np.asarray(unit_labels, dtype=object), annotator_count)


def weight_matrix(positions: npt.ArrayLike, kind: WeightKind) -> FloatArray:
    """Build Gwet's agreement weights between categories at the given positions.

    With :math:`x_k` the position of category ``k`` and ``span`` the distance
    between the first and the last declared category, linear weights are
    :math:`1 - |x_k - x_l| / span` and quadratic weights
    :math:`1 - (x_k - x_l)^2 / span^2` (Gwet 2014, section 3.1; irrCAC
    ``linear.weights`` and ``quadratic.weights``). The span is that of the
    declared scale, not of the values that happen to be used.

    Parameters
    ----------
    positions : array_like, shape (Q,)
        Positions of the categories.
    kind : {'identity', 'linear', 'quadratic'}
        Weighting.

    Returns
    -------
    ndarray of float, shape (Q, Q)
        Symmetric, ones on the diagonal, values in [0, 1].

    Examples
    --------
    The quadratic weights of a three-point scale, as irrCAC 1.0 prints
    ``quadratic.weights(1:3)`` in its weighting vignette:

    >>> weight_matrix([1, 2, 3], "quadratic").tolist()
    [[1.0, 0.75, 0.0], [0.75, 1.0, 0.75], [0.0, 0.75, 1.0]]
    """
    x = np.asarray(positions, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"positions must be a 1-D array, got shape {x.shape}")
    if kind == "identity":
        return np.eye(x.size)
    if kind not in WEIGHT_KINDS:
        raise ValueError(f"unknown weights {kind!r}; expected one of {', '.join(WEIGHT_KINDS)}")
    span = float(x.max() - x.min()) if x.size else 0.0
    if span == 0.0:
        return np.ones((x.size, x.size))
    distance = np.abs(x[:, None] - x[None, :]) / span
    return 1.0 - distance if kind == "linear" else 1.0 - distance**2


def resolve_weights(positions: FloatArray, weights: WeightKind | npt.ArrayLike) -> tuple[FloatArray, str]:
    """Return the (Q, Q) weight matrix and its name for a weighting kind or a custom matrix.

    A custom matrix must be square of size Q, with ones on the diagonal and
    values in [0, 1], and its name is ``"custom"``.

    Examples
    --------
    >>> matrix, name = resolve_weights(scale_positions(None, 3), "linear")
    >>> name, matrix[0].tolist()
    ('linear', [1.0, 0.5, 0.0])
    """
    if isinstance(weights, str):
        if weights not in WEIGHT_KINDS:
            raise ValueError(f"unknown weights {weights!r}; expected one of {', '.join(WEIGHT_KINDS)} or a matrix")
        return weight_matrix(positions, cast(WeightKind, weights)), weights
    matrix = np.asarray(weights, dtype=np.float64)
    size = positions.size
    if matrix.shape != (size, size):
        raise ValueError(f"the weight matrix must have shape ({size}, {size}), got {matrix.shape}")
    if not np.allclose(np.diag(matrix), 1.0) or matrix.min() < 0 or matrix.max() > 1:
        raise ValueError("the weight matrix needs ones on its diagonal and values between 0 and 1")
    return matrix, "custom"
