r"""Krippendorff's alpha from per-value disagreements, without a values-by-values matrix.

Notation (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"):
``u`` is a unit (item), ``m_u`` the number of pairable values in it, ``n`` the
total number of pairable values and :math:`\delta(c, k)` the difference
function of the level of measurement. Alpha is :math:`1 - D_o / D_e` with

.. math::

    D_o = \frac{1}{n} \sum_u \frac{1}{m_u - 1} \sum_{i \ne j \in u} \delta(v_i, v_j)
    \qquad
    D_e = \frac{1}{n (n - 1)} \sum_{i \ne j} \delta(v_i, v_j)

which is the coincidence-matrix formula written per value. This module
computes, for each pairable value ``r`` in unit ``u``, its disagreement with
the other values of its unit, :math:`d_r = \sum_{j \in u, j \ne r}
\delta(v_r, v_j) / (m_u - 1)`, so that :math:`D_o` is the mean of ``d_r``;
per-annotator agreement is then the same mean over one annotator's values.

For nominal data :math:`d_r = (m_u - n_{uc}) / (m_u - 1)`. Interval
differences expand as :math:`\sum_j (x_r - x_j)^2 = m_u x_r^2 - 2 x_r S_u +
Q_u` with unit sums :math:`S_u = \sum x_j, Q_u = \sum x_j^2`. The ordinal
difference :math:`(\sum_{g=c}^{k} n_g - (n_c + n_k)/2)^2` equals the squared
difference of the mid-ranks :math:`M_c = \sum_{g<c} n_g + n_c / 2`, so it is
an interval difference on mid-ranks. Memory is therefore linear in the number
of values for these three levels; ratio data need the pairs within each unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

Level = Literal["nominal", "ordinal", "interval", "ratio"]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

NO_VALUES = "no usable annotations"
ONE_ANNOTATOR = "only one annotator: agreement needs at least two"
NO_PAIRS = "no item has two or more usable annotations, so no pair of annotations can be compared"
ONE_ITEM = (
    "only one item has two or more usable annotations, so agreement expected by chance "
    "cannot be estimated apart from the agreement observed on it"
)
_CHUNK = 2048


def no_variation(value: str) -> str:
    """Reason text for data in which every pairable value is ``value``."""
    return (
        f"no variation: every pairable annotation is {value!r}, so the data cannot show "
        "agreement beyond chance"
    )


@dataclass(frozen=True)
class Pairable:
    """Pairable values of one field and their disagreements.

    Arrays have shape (n,), one entry per pairable value, in input order.

    Attributes
    ----------
    index : ndarray of int
        Position of each pairable value in the input arrays.
    unit : ndarray of int
        Dense unit code, 0 .. units - 1.
    code : ndarray of int
        Dense code of the value, 0 .. distinct values - 1 (for ordinal data,
        the position on the scale).
    size : ndarray of int
        ``m_u`` of the value's unit.
    same : ndarray of int
        How many values of the unit (this one included) equal this value.
    disagreement : ndarray of float
        ``d_r``, the mean difference to the other values of the unit.
    expected : float
        ``D_e``.
    """

    index: IntArray
    unit: IntArray
    code: IntArray
    size: IntArray
    same: IntArray
    disagreement: FloatArray
    expected: float

    @property
    def n(self) -> int:
        """Number of pairable values."""
        return int(self.index.size)

    @property
    def units(self) -> int:
        """Number of units with two or more values."""
        return int(np.unique(self.unit).size) if self.n else 0

    @property
    def matches(self) -> FloatArray:
        """Per value, the share of the other values of its unit that are equal to it."""
        return (self.same - 1) / (self.size - 1)


_LOOKUP_LIMIT = 1 << 24
"""Largest range of integer values that is coded with a lookup table instead of sorting or hashing."""


def _dense(values: npt.NDArray[np.generic], ordered: bool = True) -> tuple[npt.NDArray[np.generic], IntArray]:
    """Map values to codes 0 .. k-1; ``ordered`` keeps the codes in sorted value order."""
    if values.dtype.kind in "iu" and values.size:
        low, high = int(values.min()), int(values.max())
        if high - low < max(_LOOKUP_LIMIT, 4 * values.size):
            # Small integer ranges (item codes, scale positions) need no sort: a
            # table of the values present gives sorted codes in linear time.
            shifted = values.astype(np.int64) - low
            present = np.bincount(shifted, minlength=high - low + 1) > 0
            lookup = np.cumsum(present) - 1
            distinct = np.flatnonzero(present) + low
            return distinct.astype(values.dtype), lookup[shifted]
    if not ordered or values.dtype.kind in "OUS":
        # Hashing is much faster than sorting strings; order only matters for numbers.
        # pandas is imported here, not at the top, so that krippendorff_alpha on
        # integer codes runs without loading it.
        import pandas as pd

        inverse, distinct = pd.factorize(np.asarray(values, dtype=object), sort=False)
        return np.asarray(distinct), inverse.astype(np.int64)
    distinct, inverse = np.unique(values, return_inverse=True)
    return distinct, inverse.astype(np.int64).ravel()


def _squared_differences(unit: IntArray, size: IntArray, x: FloatArray, units: int) -> FloatArray:
    x = x - x.mean()
    sums = np.bincount(unit, weights=x, minlength=units)
    squares = np.bincount(unit, weights=x * x, minlength=units)
    total = size * x * x - 2.0 * x * sums[unit] + squares[unit]
    return np.maximum(total, 0.0) / (size - 1)


def _expected_squared(x: FloatArray) -> float:
    n = x.size
    centred = x - x.mean()
    return float(2.0 * n * np.sum(centred * centred) / (n * (n - 1)))


def _ratio_delta(a: FloatArray, b: FloatArray) -> FloatArray:
    total = a[:, None] + b[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = ((a[:, None] - b[None, :]) / total) ** 2
    return np.where(total == 0, 0.0, delta)


def _ratio(unit: IntArray, code: IntArray, size: IntArray, distinct: FloatArray, units: int) -> tuple[FloatArray, float]:
    values = distinct.size
    key = unit * values + code
    keys, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    entry_unit = keys // values
    entry_code = keys % values
    starts = np.searchsorted(entry_unit, np.arange(units))
    ends = np.searchsorted(entry_unit, np.arange(units), side="right")
    per_entry = np.zeros(keys.size)
    # Pairs of distinct values inside each unit; units are small in practice.
    for first, last in zip(starts, ends):
        if last - first < 2:
            continue
        codes = entry_code[first:last]
        delta = _ratio_delta(distinct[codes], distinct[codes])
        per_entry[first:last] = delta @ counts[first:last]
    disagreement = per_entry[inverse.ravel()] / (size - 1)

    marginal = np.bincount(code, minlength=values).astype(float)
    total = 0.0
    for start in range(0, values, _CHUNK):
        block = _ratio_delta(distinct[start:start + _CHUNK], distinct)
        total += float(marginal[start:start + _CHUNK] @ block @ marginal)
    n = code.size
    return disagreement, total / (n * (n - 1))


def pairable_values(
    units: npt.ArrayLike,
    values: npt.ArrayLike,
    level: Level,
) -> Pairable:
    """Compute the disagreement of every pairable value.

    Parameters
    ----------
    units : array_like, shape (N,)
        Unit (item) of each value; any hashable type numpy can sort.
    values : array_like, shape (N,)
        The values. Numbers for ``interval`` and ``ratio``; for ``ordinal``,
        integer positions on the scale (0 = lowest); anything sortable for
        ``nominal``. Missing values must be removed beforehand.
    level : {'nominal', 'ordinal', 'interval', 'ratio'}
        Level of measurement.

    Returns
    -------
    Pairable
        Only values whose unit has two or more values take part.
    """
    units = np.asarray(units)
    values = np.asarray(values)
    if units.shape != values.shape or units.ndim != 1:
        raise ValueError(f"units and values must be 1-D arrays of one length, got {units.shape} and {values.shape}")

    _, unit_all = _dense(units, ordered=False)
    size_all = np.bincount(unit_all)[unit_all]
    index = np.flatnonzero(size_all >= 2)
    _, unit = _dense(unit_all[index], ordered=False)
    size = size_all[index]
    distinct, code = _dense(values[index])
    units_count = int(unit.max()) + 1 if unit.size else 0

    if index.size == 0:
        empty = np.zeros(0)
        return Pairable(index, unit, code, size, code.copy(), empty, float("nan"))

    values_count = distinct.size
    pair_key = unit * values_count + code
    if units_count * values_count <= max(_LOOKUP_LIMIT, 4 * pair_key.size):
        same = np.bincount(pair_key, minlength=units_count * values_count)[pair_key]
    else:
        _, pair_inverse, pair_counts = np.unique(pair_key, return_inverse=True, return_counts=True)
        same = pair_counts[pair_inverse.ravel()]
    n = index.size

    if level == "nominal":
        disagreement = (size - same) / (size - 1)
        marginal = np.bincount(code).astype(float)
        expected = float((n * n - np.sum(marginal * marginal)) / (n * (n - 1)))
    elif level == "ordinal":
        marginal = np.bincount(code, minlength=values_count).astype(float)
        midrank = np.cumsum(marginal) - marginal / 2.0
        x = midrank[code]
        disagreement = _squared_differences(unit, size, x, units_count)
        expected = _expected_squared(x)
    elif level == "interval":
        x = np.asarray(values[index], dtype=float)
        disagreement = _squared_differences(unit, size, x, units_count)
        expected = _expected_squared(x)
    elif level == "ratio":
        numbers = np.asarray(distinct, dtype=float)
        if np.any(numbers < 0):
            raise ValueError("the ratio level needs values of zero or more")
        disagreement, expected = _ratio(unit, code, size, numbers, units_count)
    else:
        raise ValueError(f"unknown level {level!r}; expected nominal, ordinal, interval or ratio")

    return Pairable(index, unit, code, size, same, disagreement, expected)


def alpha_from(pairable: Pairable, mask: npt.NDArray[np.bool_] | None = None) -> float:
    """Alpha of all pairable values, or of those selected by ``mask`` against the expected disagreement."""
    disagreement = pairable.disagreement if mask is None else pairable.disagreement[mask]
    return float(1.0 - disagreement.mean() / pairable.expected)


_DIRECT_CODES = 4096
"""Integer values below this are used as category codes without recoding."""


@dataclass(frozen=True)
class AlphaValue:
    """Alpha computed without per-annotation results: the value, or why there is none.

    ``pairable`` is the number of pairable values and ``units`` the number of
    units with two or more values.
    """

    value: float | None
    undefined_reason: str | None
    pairable: int
    units: int


def _unit_codes(units: npt.NDArray[np.generic]) -> tuple[npt.NDArray[np.generic], int]:
    if units.dtype.kind in "iu" and units.size and int(units.min()) >= 0 and int(units.max()) < 4 * units.size:
        return units, int(units.max()) + 1
    _, codes = _dense(units, ordered=False)
    return codes, int(codes.max()) + 1 if codes.size else 0


def krippendorff_alpha(units: npt.ArrayLike, values: npt.ArrayLike, level: Level = "nominal") -> AlphaValue:
    """Compute Krippendorff's alpha from per-unit sums, keeping no per-annotation arrays.

    For large inputs that need only the coefficient: memory is a few arrays
    of one entry per unit (and per unit and category for the nominal and
    ordinal levels, one category at a time), so it stays close to the input
    size. The engine uses :func:`pairable_values`, which also gives the
    per-annotation disagreements its breakdowns need; both compute the same
    alpha.

    Parameters
    ----------
    units : array_like, shape (N,)
        Unit of each value; non-negative integer codes are used as given.
    values : array_like, shape (N,)
        Integer category codes for ``nominal`` and ``ordinal`` (for ordinal,
        codes in scale order), numbers for ``interval``. Missing values
        must be removed beforehand.
    level : {'nominal', 'ordinal', 'interval'}

    Returns
    -------
    AlphaValue

    Examples
    --------
    Krippendorff (2011), section C data: 0.743 nominal, 0.815 ordinal, 0.849 interval.

    >>> units = [0,0,0, 1,1,1,1, 2,2,2,2, 3,3,3,3, 4,4,4,4, 5,5,5,5, 6,6,6,6, 7,7,7,7, 8,8,8,8, 9,9,9, 10,10, 11]
    >>> values = [1,1,1, 2,2,3,2, 3,3,3,3, 3,3,3,3, 2,2,2,2, 1,2,3,4, 4,4,4,4, 1,1,2,1, 2,2,2,2, 5,5,5, 1,1, 3]
    >>> [round(krippendorff_alpha(units, values, level).value, 3) for level in ("nominal", "ordinal", "interval")]
    [0.743, 0.815, 0.849]
    """
    unit_array = np.asarray(units)
    value_array = np.asarray(values)
    if unit_array.shape != value_array.shape or unit_array.ndim != 1:
        raise ValueError(f"units and values must be 1-D arrays of one length, got {unit_array.shape} and {value_array.shape}")
    if level not in ("nominal", "ordinal", "interval"):
        raise ValueError(f"level {level!r} is not supported here; use pairable_values for the ratio level")
    if value_array.size == 0:
        return AlphaValue(None, NO_VALUES, 0, 0)

    unit_codes, unit_count = _unit_codes(unit_array)
    sizes = np.bincount(unit_codes, minlength=unit_count).astype(np.float64)
    paired = sizes >= 2
    pairable_units = int(paired.sum())
    n = float(sizes[paired].sum())
    if pairable_units == 0:
        return AlphaValue(None, NO_PAIRS, 0, 0)
    if pairable_units == 1:
        return AlphaValue(None, ONE_ITEM, int(n), 1)
    scale = np.where(paired, 1.0 / np.maximum(sizes - 1.0, 1.0), 0.0)

    if level == "interval":
        numbers = value_array.astype(np.float64)
        centre = float(numbers.mean())
        total = np.bincount(unit_codes, weights=numbers - centre, minlength=unit_count)
        squares = np.bincount(unit_codes, weights=(numbers - centre) ** 2, minlength=unit_count)
        observed = float(np.sum(2.0 * (sizes * squares - total * total) * scale))
        pooled_total = float(total[paired].sum())
        spread = float(squares[paired].sum()) - pooled_total * pooled_total / n
        expected = 2.0 * n * spread / (n * (n - 1.0))
    else:
        if value_array.dtype.kind in "iu" and int(value_array.min()) >= 0 and int(value_array.max()) < _DIRECT_CODES:
            # Small non-negative codes serve as they are: categories nobody used
            # count zero and change neither the nominal nor the ordinal result.
            codes = value_array
        else:
            _, codes = _dense(value_array)
        categories = int(codes.max()) + 1
        # One category at a time, so memory holds a few per-unit arrays, not units x categories.
        marginal = np.zeros(categories)
        agreeing = np.zeros(unit_count)
        for category in range(categories):
            counts = np.bincount(unit_codes[codes == category], minlength=unit_count).astype(np.float64)
            marginal[category] = counts[paired].sum()
            agreeing += counts * counts
        midrank = np.cumsum(marginal) - marginal / 2.0
        first = np.zeros(unit_count)
        second = np.zeros(unit_count)
        for category in range(categories if level == "ordinal" else 0):
            counts = np.bincount(unit_codes[codes == category], minlength=unit_count).astype(np.float64)
            first += counts * midrank[category]
            second += counts * midrank[category] ** 2
        if level == "nominal":
            observed = float(np.sum((sizes * sizes - agreeing) * scale))
            expected = (n * n - float(np.sum(marginal * marginal))) / (n * (n - 1.0))
        else:
            observed = float(np.sum(2.0 * (sizes * second - first * first) * scale))
            mean = float(np.sum(marginal * midrank)) / n
            expected = 2.0 * n * (float(np.sum(marginal * midrank * midrank)) - n * mean * mean) / (n * (n - 1.0))

    if not expected > 0:
        return AlphaValue(None, "no variation: every pairable annotation has the same value, so the data cannot "
                          "show agreement beyond chance", int(n), pairable_units)
    return AlphaValue(1.0 - (observed / n) / expected, None, int(n), pairable_units)
