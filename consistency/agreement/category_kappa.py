r"""Kappa of each category against all others, as defined by Fleiss (1971).

With ``N`` items, the same number ``n`` of annotations on every item,
:math:`x_{ij}` annotations of item ``i`` in category ``j`` and
:math:`p_j = \sum_i x_{ij} / (N n)`, Fleiss (1971, "Measuring nominal scale
agreement among many raters", Psychological Bulletin 76) defines

.. math::

    \kappa_j = 1 - \frac{\sum_i x_{ij} (n - x_{ij})}{N n (n - 1) p_j (1 - p_j)}

which equals Fleiss' kappa of the two-category data "j" against "not j".
Fleiss gives no version for varying numbers of annotations, so items must
all have the same number; otherwise every category is undefined.
"""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np

from consistency.agreement.chance_corrected import table_reason
from consistency.agreement.ratings import RatingTable
from consistency.agreement.reasons import no_variation
from consistency.result import Coefficient

UNUSED_CATEGORY = "no annotation uses this category, so its kappa is 0/0"


def unequal_annotations(low: int, high: int) -> str:
    """Reason text for items with different numbers of annotations."""
    return (
        "category-wise kappa (Fleiss 1971) needs the same number of annotations on every item, "
        f"and items here have {low} to {high}"
    )


def category_kappas(table: RatingTable) -> dict[Hashable, Coefficient]:
    """Compute the kappa of each declared category against all others (Fleiss 1971).

    Parameters
    ----------
    table : RatingTable
        Counts of shape (U, Q); every item with annotations must have the same
        number of them. Items without annotations are ignored.

    Returns
    -------
    dict
        Category label -> Coefficient (``level`` ``"identity"``), in scale
        order. A declared category without annotations is undefined, and so
        is one that every annotation uses.

    Examples
    --------
    Fleiss (1971) Table 1, 30 patients with 6 diagnoses each, as counts per
    diagnosis (depression, personality disorder, schizophrenia, neurosis,
    other). R irr 0.84.1 ``kappam.fleiss(diagnoses, detail=TRUE)`` prints
    0.245, 0.245, 0.520, 0.471 and 0.566:

    >>> text = (
    ...     "00060 03003 01401 00006 03030 20400 00402 20310 20040 00006 10050 11040 03300 10050 02031 "
    ...     "00501 30012 51000 02040 10203 00006 01050 02013 20040 10041 05010 40002 02040 10500 00006"
    ... )
    >>> counts = np.array([[int(digit) for digit in row] for row in text.split()])
    >>> table = RatingTable(counts, tuple("DPSNO"), np.arange(5.0), np.arange(30).astype(object))
    >>> [round(kappa.value, 3) for kappa in category_kappas(table).values()]
    [0.245, 0.245, 0.52, 0.471, 0.566]
    """
    level = "identity"
    reason = table_reason(table)
    rated = table.rated
    present = rated > 0
    if reason is None and np.unique(rated[present]).size > 1:
        reason = unequal_annotations(int(rated[present].min()), int(rated[present].max()))
    if reason is not None:
        return {category: Coefficient(None, level, reason) for category in table.categories}

    counts = table.counts[present].astype(np.float64)
    items, size = counts.shape[0], float(rated[present][0])
    share = counts.sum(axis=0) / (items * size)
    disagreement = (counts * (size - counts)).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa = 1.0 - disagreement / (items * size * (size - 1.0) * share * (1.0 - share))

    result: dict[Hashable, Coefficient] = {}
    for index, category in enumerate(table.categories):
        if share[index] == 0.0:
            result[category] = Coefficient(None, level, UNUSED_CATEGORY)
        elif share[index] == 1.0:
            result[category] = Coefficient(None, level, no_variation(str(category)))
        else:
            result[category] = Coefficient(float(kappa[index]), level)
    return result
