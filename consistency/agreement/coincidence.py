"""Coincidence matrix of a categorical field and its most confused label pairs.

The coincidence matrix (Krippendorff 2011, section A) counts, for every pair
of values ``(c, k)`` that two different annotators gave to one item, how
often it occurs; each item contributes ``n_uc * n_uk / (m_u - 1)`` off the
diagonal and ``n_uc * (n_uc - 1) / (m_u - 1)`` on it, so row ``c`` sums to the
number of pairable values ``c``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from consistency.agreement.alpha import Pairable
from consistency.result import CoincidenceSummary, ConfusedPair

MAX_CATEGORIES = 200
"""Above this many distinct values the matrix is not computed (it would not be readable)."""


def coincidence_matrix(pairable: Pairable) -> npt.NDArray[np.float64]:
    """Coincidence matrix over the dense value codes of ``pairable``.

    Returns
    -------
    ndarray, shape (V, V)
        ``V`` = number of distinct pairable values; symmetric.

    Examples
    --------
    Krippendorff (2011) section C data, nominal: the matrix sums to the 40
    pairable values.

    >>> from consistency.agreement.alpha import pairable_values
    >>> units = [0,0,0, 1,1,1,1, 2,2,2,2, 3,3,3,3, 4,4,4,4, 5,5,5,5, 6,6,6,6, 7,7,7,7, 8,8,8,8, 9,9,9, 10,10]
    >>> values = [1,1,1, 2,2,3,2, 3,3,3,3, 3,3,3,3, 2,2,2,2, 1,2,3,4, 4,4,4,4, 1,1,2,1, 2,2,2,2, 5,5,5, 1,1]
    >>> matrix = coincidence_matrix(pairable_values(units, values, "nominal"))
    >>> float(matrix.sum()), [round(float(x), 3) for x in matrix[0]]
    (40.0, [7.0, 1.333, 0.333, 0.333, 0.0])
    """
    if pairable.n == 0:
        return np.zeros((0, 0))
    units = int(pairable.unit.max()) + 1
    categories = int(pairable.code.max()) + 1
    counts = np.zeros((units, categories))
    np.add.at(counts, (pairable.unit, pairable.code), 1.0)
    size = counts.sum(axis=1)
    scaled = counts / (size - 1)[:, None]
    matrix = scaled.T @ counts
    matrix[np.diag_indices(categories)] -= scaled.sum(axis=0)
    return matrix


def coincidence_summary(pairable: Pairable, labels: list[str], order: list[str] | None = None,
                        top: int = 10) -> CoincidenceSummary | None:
    """Coincidence matrix with label names and the ``top`` most confused pairs.

    Parameters
    ----------
    pairable : Pairable
    labels : list of str
        Label of each dense value code of ``pairable``.
    order : list of str, optional
        Order of rows and columns (the guideline's label order); labels not
        in it follow in code order.
    top : int
        Number of confused pairs listed.

    Returns
    -------
    CoincidenceSummary or None
        ``None`` without pairable values or above :data:`MAX_CATEGORIES` values.
    """
    if pairable.n == 0 or len(labels) > MAX_CATEGORIES:
        return None
    matrix = coincidence_matrix(pairable)
    position = {label: index for index, label in enumerate(order or [])}
    permutation = sorted(range(len(labels)), key=lambda code: (position.get(labels[code], len(position)), code))
    matrix = matrix[np.ix_(permutation, permutation)]
    names = [labels[code] for code in permutation]

    upper = np.triu_indices(len(names), k=1)
    mass = matrix[upper] + matrix.T[upper]
    total_off = float(mass.sum())
    ranked = np.argsort(-mass, kind="stable")[:top]
    pairs = [
        ConfusedPair(names[upper[0][i]], names[upper[1][i]], round(float(mass[i]), 6),
                     round(float(mass[i]) / total_off, 6) if total_off else 0.0)
        for i in ranked
        if mass[i] > 0
    ]
    return CoincidenceSummary(names, [[round(float(value), 6) for value in row] for row in matrix], pairs)
