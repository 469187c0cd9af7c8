"""Agreement coefficients against values printed in papers, books and package documentation.

Each test names its source and asserts at the decimals that source prints.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from consistency.agreement.category_kappa import category_kappas
from consistency.agreement.chance_corrected import (
    brennan_prediger,
    fleiss_kappa,
    gwet_ac,
    percent_agreement,
    scott_pi,
)
from consistency.agreement.cohen import cohen_kappa, cohen_kappa_from_table
from consistency.agreement.ratings import rating_table
from consistency.agreement.set_distance import masi_distance
from consistency.result import Coefficient
from tests.coefficients_data import (
    FLEISS_DIAGNOSES,
    diagnoses_counts,
    long_from_wide,
    read,
    table_from_counts,
    table_from_joint,
    table_from_wide,
)

TableCoefficient = Callable[..., Coefficient]


def value(coefficient: Coefficient) -> float:
    """The value of a coefficient that must be defined."""
    assert coefficient.undefined_reason is None
    assert coefficient.value is not None
    return coefficient.value


# --- Fleiss (1971): 30 patients, 6 psychiatrists each, 5 diagnoses -------------------------------------------


def test_fleiss_1971_overall_kappa() -> None:
    """Fleiss (1971) reports kappa = .430 for Table 1.

    R irr 0.84.1 ``kappam.fleiss(diagnoses)`` returns 0.4302445, the value
    statsmodels records in ``statsmodels/stats/tests/test_inter_rater.py``.
    """
    table = table_from_counts(diagnoses_counts(), FLEISS_DIAGNOSES)
    kappa = value(fleiss_kappa(table))
    assert round(kappa, 3) == 0.430
    assert round(kappa, 7) == 0.4302445


def test_fleiss_1971_from_the_raw_rows() -> None:
    """The same 0.430 from the 30 x 6 rows of irr's ``diagnoses`` data, counted by ``rating_table``."""
    table = table_from_wide(read("diagnoses.csv"), FLEISS_DIAGNOSES)
    assert table.counts.tolist() == diagnoses_counts().tolist()
    assert round(value(fleiss_kappa(table)), 3) == 0.430


def test_fleiss_1971_category_kappas() -> None:
    """Category-wise kappas of Table 1 as R irr 0.84.1 ``kappam.fleiss(diagnoses, detail=TRUE)`` prints them.

    irr rounds the table to three decimals. NOTE: the category table of the
    1971 paper was not checked against the paper itself. A third-party test
    suite quotes it as .248/.248/.517/.470/.565, which no rounding of the
    shares reproduces (Depression gives .243 with three-decimal shares). The
    exact formula matches the irr output, so irr is the reference here.
    """
    table = table_from_counts(diagnoses_counts(), FLEISS_DIAGNOSES)
    kappas = category_kappas(table)
    printed = {"1. Depression": 0.245, "2. Personality Disorder": 0.245, "3. Schizophrenia": 0.520,
               "4. Neurosis": 0.471, "5. Other": 0.566}
    assert list(kappas) == list(FLEISS_DIAGNOSES)
    for label, expected in printed.items():
        assert round(value(kappas[label]), 3) == expected, label


def test_fleiss_kappa_wikipedia_example() -> None:
    """Wikipedia "Fleiss' kappa" worked example: 10 subjects, 14 raters, 5 categories, kappa 0.210.

    The count table and the value are those of ``test_fleiss_kappa`` in
    statsmodels ``stats/tests/test_inter_rater.py``, which cites the page.
    """
    counts = np.array([[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
                       [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]])
    assert round(value(fleiss_kappa(table_from_counts(counts, "12345"))), 3) == 0.210


# --- irrCAC 1.0 vignettes (Gwet 2014 data) ------------------------------------------------------------------

RAW4RATERS = [  # overview and weighting vignettes, ``*.raw(cac.raw4raters)``; Gwet (2014) p. 120 data
    (percent_agreement, "identity", 0.8181818, 7),
    (gwet_ac, "identity", 0.77544, 5),
    (fleiss_kappa, "identity", 0.76117, 5),
    (brennan_prediger, "identity", 0.77273, 5),
    (percent_agreement, "quadratic", 0.9753788, 7),
    (gwet_ac, "quadratic", 0.914, 5),
    (fleiss_kappa, "quadratic", 0.86494, 5),
    (brennan_prediger, "quadratic", 0.90152, 5),
]


@pytest.mark.parametrize(("function", "weights", "expected", "decimals"), RAW4RATERS)
def test_irrcac_raw4raters(function: TableCoefficient, weights: str, expected: float, decimals: int) -> None:
    """irrCAC 1.0 on ``cac.raw4raters``: 12 units, 4 raters, ratings missing in 7 cells, unit 12 rated once."""
    frame = read("cac.raw4raters.csv").set_index("Units")
    table = table_from_wide(frame, [1, 2, 3, 4, 5], [1, 2, 3, 4, 5])
    coefficient = function(table, weights)
    assert coefficient.level == weights
    assert round(value(coefficient), decimals) == expected


CONTINGENCY_3X3 = [  # ``*.table(cont3x3abstractors)``, with ``quadratic.weights(1:3)`` for the weighted rows
    (scott_pi, "identity", 0.7962397, 7),
    (gwet_ac, "identity", 0.8493305, 7),
    (brennan_prediger, "identity", 0.835, 7),
    (percent_agreement, "identity", 0.89, 7),
    (scott_pi, "quadratic", 0.8921093, 7),
    (gwet_ac, "quadratic", 0.9402369, 7),
    (brennan_prediger, "quadratic", 0.9175, 7),
    (percent_agreement, "quadratic", 0.9725, 7),
]
ABSTRACTORS = np.array([[13, 0, 0], [0, 20, 7], [0, 4, 56]])


@pytest.mark.parametrize(("function", "weights", "expected", "decimals"), CONTINGENCY_3X3)
def test_irrcac_abstractors(function: TableCoefficient, weights: str, expected: float, decimals: int) -> None:
    """irrCAC 1.0 overview and weighting vignettes on ``cont3x3abstractors`` (two abstractors, 100 cases)."""
    table = table_from_joint(ABSTRACTORS, [1, 2, 3])
    assert round(value(function(table, weights)), decimals) == expected


@pytest.mark.parametrize(("weights", "expected"), [("identity", 0.7964094), ("quadratic", 0.8921569)])
def test_irrcac_abstractors_cohen(weights: str, expected: float) -> None:
    """irrCAC 1.0 ``kappa2.table(cont3x3abstractors)``: 0.7964094, and 0.8921569 with quadratic weights."""
    joint = read("cont3x3abstractors.csv").set_index("Type").to_numpy()
    assert joint.tolist() == ABSTRACTORS.tolist()
    assert round(value(cohen_kappa_from_table(joint, [1, 2, 3], weights)), 7) == expected


DISTRIBUTION_6RATERS = [  # ``*.dist(distrib.6raters)``, weighted rows with ``quadratic.weights(1:5)``
    (percent_agreement, "identity", 0.5511111),
    (gwet_ac, "identity", 0.4448007),
    (fleiss_kappa, "identity", 0.4139265),
    (brennan_prediger, "identity", 0.4388889),
    (percent_agreement, "quadratic", 0.8544444),
    (gwet_ac, "quadratic", 0.4837438),
    (fleiss_kappa, "quadratic", 0.2511909),
    (brennan_prediger, "quadratic", 0.4177778),
]


@pytest.mark.parametrize(("function", "weights", "expected"), DISTRIBUTION_6RATERS)
def test_irrcac_distribution_6raters(function: TableCoefficient, weights: str, expected: float) -> None:
    """irrCAC 1.0 vignettes on ``distrib.6raters``, the first 15 subjects of Fleiss (1971), to 7 decimals."""
    frame = read("distrib.6raters.csv").set_index("Subject")
    table = table_from_counts(frame.to_numpy(), list(frame.columns), [1, 2, 3, 4, 5])
    assert round(value(function(table, weights)), 7) == expected


def test_irrcac_dist4cat_ac1() -> None:
    """irrCAC 1.0 overview vignette: ``gwet.ac1.dist(cac.dist4cat[,2:4])`` is 0.3518903."""
    frame = read("cac.dist4cat.csv")
    table = table_from_counts(frame[["a", "b", "c"]].to_numpy(), ["a", "b", "c"])
    assert round(value(gwet_ac(table)), 7) == 0.3518903


# --- Cohen's kappa ------------------------------------------------------------------------------------------

MAMMOGRAMS = np.array([[34, 10, 2, 0], [6, 8, 8, 2], [2, 5, 4, 12], [0, 1, 2, 14]])


@pytest.mark.parametrize(("weights", "expected"), [("identity", 0.3713), ("linear", 0.5964)])
def test_cohen_mammograms(weights: str, expected: float) -> None:
    """Kundel and Polansky (2003) Table A1, 110 mammograms read twice (absent, minimal, moderate, severe).

    The vcdExtra reference page of ``Mammograms`` prints vcd ``Kappa`` as
    0.3713 unweighted and 0.5964 weighted; vcd's default "Equal-Spacing"
    weights are the linear weights ``1 - |i - j| / (r - 1)``. That page shows
    the table only up to its tenth cell; the rest is the paper's table, and
    both printed values are reproduced from it.
    """
    assert MAMMOGRAMS.sum() == 110
    assert round(value(cohen_kappa_from_table(MAMMOGRAMS, weights=weights)), 4) == expected


ANXIETY_IRR = [  # R irr ``kappa2(anxiety[,2:3], weight)``, as recorded in statsmodels' test_inter_rater.py
    ("identity", -0.006289308, 9),
    ("linear", 0.1459075, 7),
    ("quadratic", 0.2520325, 7),
]


@pytest.mark.parametrize(("weights", "expected", "decimals"), ANXIETY_IRR)
def test_cohen_irr_anxiety_on_used_levels(weights: str, expected: float, decimals: int) -> None:
    """irr ``kappa2`` builds its scale from the levels the two raters used.

    Raters 2 and 3 of irr's ``anxiety`` data never use rating 5, so irr's
    "equal" and "squared" weights treat 4 and 6 as neighbours. Declaring only
    the used levels, equally spaced, reproduces irr's printed values.
    """
    frame = read("anxiety.csv")[["rater2", "rater3"]]
    units, raters, values = long_from_wide(frame)
    used = [1, 2, 3, 4, 6]
    coefficient = cohen_kappa(units, raters, values, used, positions=None, weights=weights)
    assert round(value(coefficient), decimals) == expected


# --- Scott's pi and set distances ---------------------------------------------------------------------------


def test_scott_pi_recal_mailbag() -> None:
    """D. Freelon, "From the mailbag, 12/14/09" (ReCal documentation blog): percent agreement .97, pi -.015.

    Two coders, 99 items, only the second coder ever codes 1 and the coders
    never agree on a 1, with three mismatches ("3 out of 99").
    """
    units = np.concatenate([np.arange(99), np.arange(99)])
    values = np.concatenate([np.zeros(99, int), np.r_[np.zeros(96, int), np.ones(3, int)]])
    raters = np.repeat(["coder 1", "coder 2"], 99)
    table = rating_table(units, values, [0, 1], annotators=raters)
    assert round(value(percent_agreement(table)), 2) == 0.97
    assert round(value(scott_pi(table)), 3) == -0.015


def test_masi_nltk_doctest() -> None:
    """NLTK 3.10 ``masi_distance`` doctest: {1, 2} against {1, 2, 3, 4} prints 0.6666666666666667.

    Older NLTK releases printed 0.665, because they used the rounded weights
    0.67 and 0.33; NLTK pull request 3695 changed them to 2/3 and 1/3, the
    weights Passonneau (2006) defines. This module follows the paper.
    """
    assert masi_distance({1, 2}, {1, 2, 3, 4}) == pytest.approx(2 / 3, abs=1e-15)
    assert round(masi_distance({1, 2}, {1, 2, 3, 4}), 16) == 0.6666666666666667

