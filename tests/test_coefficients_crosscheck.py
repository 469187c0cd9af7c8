"""Agreement coefficients against independent implementations, and where those disagree, which one is right.

Independent implementations: scikit-learn ``cohen_kappa_score``, statsmodels
``cohens_kappa`` and ``fleiss_kappa``, NLTK ``AnnotationTask`` and its set
distances, and the ``agreement`` package (a numpy port of Gwet's formulas).
"""

from __future__ import annotations

import warnings

import krippendorff
import numpy as np
import pytest
from agreement.metrics import cohens_kappa as agreement_cohen
from agreement.metrics import gwets_gamma, observed_agreement, s_score, scotts_pi
from agreement.utils.kernels import identity_kernel, linear_kernel, quadratic_kernel
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from nltk.metrics import jaccard_distance as nltk_jaccard
from nltk.metrics import masi_distance as nltk_masi
from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import cohens_kappa as statsmodels_cohen
from statsmodels.stats.inter_rater import fleiss_kappa as statsmodels_fleiss

from consistency.agreement.alpha import alpha_from, pairable_values
from consistency.agreement.category_kappa import category_kappas
from consistency.agreement.chance_corrected import (
    brennan_prediger,
    fleiss_kappa,
    gwet_ac,
    percent_agreement,
    scott_pi,
)
from consistency.agreement.cohen import cohen_kappa, cohen_kappa_from_table
from consistency.agreement.ratings import RatingTable, rating_table
from consistency.agreement.set_distance import jaccard_distance, masi_distance, set_alpha
from consistency.result import Coefficient
from tests.coefficients_data import (
    FLEISS_DIAGNOSES,
    diagnoses_counts,
    read,
    table_from_counts,
    table_from_wide,
)

KERNELS = {"identity": identity_kernel, "linear": linear_kernel, "quadratic": quadratic_kernel}
CLOSE = 1e-9

Grid = list[list[int | None]]


@st.composite
def grids(draw: st.DrawFn, raters: tuple[int, int] = (2, 5), missing: bool = True) -> tuple[Grid, int]:
    """Items x raters category codes (None = missing) and the number Q of declared categories."""
    size = draw(st.integers(min_value=2, max_value=5))
    count = draw(st.integers(min_value=raters[0], max_value=raters[1]))
    cell = st.one_of(st.none(), st.integers(0, size - 1)) if missing else st.integers(0, size - 1)
    rows = draw(st.lists(st.lists(cell, min_size=count, max_size=count), min_size=2, max_size=25))
    return rows, size


def long_form(rows: Grid) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Long arrays (unit, rater, code) of a grid, without missing cells."""
    cells = [(unit, rater, code) for unit, row in enumerate(rows) for rater, code in enumerate(row) if code is not None]
    if not cells:
        return np.array([], dtype=int), np.array([], dtype=int), np.array([], dtype=int)
    units, raters, codes = (np.array(column) for column in zip(*cells))
    return units, raters, codes


def grid_table(rows: Grid, size: int) -> RatingTable:
    """RatingTable of a grid with categories 0 .. Q-1 at positions 0 .. Q-1."""
    units, raters, codes = long_form(rows)
    return rating_table(units, codes, list(range(size)), annotators=raters)


def defined(coefficient: Coefficient) -> float:
    """Skip the example unless the coefficient has a value, then return it."""
    assume(coefficient.value is not None)
    assert coefficient.value is not None
    return coefficient.value


# --- Cohen's kappa ------------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(grid=grids(raters=(2, 2), missing=False), weights=st.sampled_from(["identity", "linear", "quadratic"]))
def test_cohen_matches_sklearn_and_statsmodels(grid: tuple[Grid, int], weights: str) -> None:
    """Complete data, declared categories 0 .. Q-1 (some possibly unused), three weightings."""
    rows, size = grid
    units, raters, codes = long_form(rows)
    ours = defined(cohen_kappa(units, raters, codes, list(range(size)), weights=weights))
    first, second = codes[raters == 0], codes[raters == 1]
    sklearn_weights = None if weights == "identity" else weights
    labels = list(range(size))
    assert ours == pytest.approx(cohen_kappa_score(first, second, labels=labels, weights=sklearn_weights), abs=CLOSE)
    joint = np.zeros((size, size))
    np.add.at(joint, (first, second), 1)
    statsmodels_wt = None if weights == "identity" else weights
    assert ours == pytest.approx(statsmodels_cohen(joint, wt=statsmodels_wt, return_results=False), abs=CLOSE)


@settings(max_examples=150, deadline=None)
@given(grid=grids(raters=(2, 2)), weights=st.sampled_from(["identity", "linear", "quadratic"]))
def test_cohen_missing_matches_agreement_package(grid: tuple[Grid, int], weights: str) -> None:
    """With missing annotations, Gwet's convention as the agreement package implements it (Conger's kappa)."""
    rows, size = grid
    units, raters, codes = long_form(rows)
    ours = defined(cohen_kappa(units, raters, codes, list(range(size)), weights=weights))
    table = grid_table(rows, size).counts.astype(float)
    users = np.stack([np.bincount(codes[raters == rater], minlength=size) for rater in (0, 1)]).astype(float)
    with np.errstate(all="ignore"):
        theirs = agreement_cohen(table[table.sum(axis=1) > 0], users, KERNELS[weights])
    assert ours == pytest.approx(theirs, abs=CLOSE)


def test_cohen_missing_ben_gerry_uses_every_rating() -> None:
    """Gwet's Ben and Gerry data: Gerry skipped unit 10, which Ben rated ``d``.

    Gwet (2014) and irrCAC 1.0 (``conger.kappa.raw``, which for two raters is
    Cohen's kappa) take each rater's category shares over all units that rater
    rated, so Ben's unpaired ``d`` still counts. irrCAC 1.0 returns
    0.6571428571 here (run outside this suite, because its pinned pandas < 3
    conflicts with this project), and so does the agreement package.
    Listwise deletion, as in scikit-learn, drops unit 10 entirely and gives
    0.65625. This module follows Gwet, so that no annotation is thrown away.
    On complete data the two conventions agree.
    """
    frame = read("cac.ben.gerry.csv").set_index("Units")[["Ben", "Gerry"]]
    table = table_from_wide(frame, list("abcde"))
    stacked = frame.stack().dropna()
    units = stacked.index.get_level_values(0).to_numpy()
    raters = stacked.index.get_level_values(1).to_numpy()
    ours = cohen_kappa(units, raters, stacked.to_numpy(), list("abcde"))
    assert ours.value == pytest.approx(0.6571428571, abs=1e-10)

    users = np.stack([[np.sum(frame[name] == label) for label in "abcde"] for name in ("Ben", "Gerry")])
    assert ours.value == pytest.approx(agreement_cohen(table.counts.astype(float), users.astype(float)), abs=CLOSE)

    paired = frame.dropna()
    listwise = cohen_kappa_score(paired["Ben"], paired["Gerry"], labels=list("abcde"))
    assert listwise == pytest.approx(0.65625, abs=CLOSE)
    assert round(ours.value, 5) != round(listwise, 5)


def test_cohen_declared_scale_differs_from_irr() -> None:
    """R irr ``kappa2`` drops unused levels; weights here follow the declared scale 1 .. 6.

    Raters 2 and 3 of irr's ``anxiety`` data never use 5. irr then treats 4
    and 6 as neighbours (0.1459075 with "equal" weights, see the published
    tests). On the declared six-point scale, 4 and 6 are two steps apart, as
    scikit-learn computes when given the full label list. This module reports
    that value, because the guideline's scale, not the annotators' choices,
    defines how far apart two ratings are.
    """
    frame = read("anxiety.csv")[["rater2", "rater3"]]
    scale = [1, 2, 3, 4, 5, 6]
    for weights in ("linear", "quadratic"):
        ours = cohen_kappa(np.r_[frame.index, frame.index], np.repeat([2, 3], len(frame)),
                           np.r_[frame["rater2"], frame["rater3"]], scale, scale, weights)
        sklearn = cohen_kappa_score(frame["rater2"], frame["rater3"], labels=scale, weights=weights)
        assert ours.value == pytest.approx(sklearn, abs=CLOSE)
        assert abs(ours.value - {"linear": 0.1459075, "quadratic": 0.2520325}[weights]) > 0.005


# --- Fleiss' kappa, Scott's pi and category-wise kappa ------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(grid=grids(missing=False))
def test_fleiss_complete_matches_statsmodels(grid: tuple[Grid, int]) -> None:
    """Same number of raters on every item: Fleiss (1971), as statsmodels ``fleiss_kappa`` computes it."""
    rows, size = grid
    table = grid_table(rows, size)
    ours = defined(fleiss_kappa(table))
    assert ours == pytest.approx(statsmodels_fleiss(table.counts), abs=CLOSE)


@settings(max_examples=150, deadline=None)
@given(grid=grids(raters=(2, 2), missing=False))
def test_scott_pi_matches_two_rater_fleiss_and_nltk(grid: tuple[Grid, int]) -> None:
    """Scott's pi of two raters equals statsmodels' Fleiss kappa and NLTK ``AnnotationTask.pi``."""
    rows, size = grid
    table = grid_table(rows, size)
    ours = defined(scott_pi(table))
    assert ours == pytest.approx(statsmodels_fleiss(table.counts), abs=CLOSE)
    task = AnnotationTask([(rater, unit, code) for unit, row in enumerate(rows) for rater, code in enumerate(row)])
    assert ours == pytest.approx(task.pi(), abs=CLOSE)


def test_fleiss_single_rated_units_count_in_shares() -> None:
    """Which items enter the category shares when some item has a single rating.

    In irrCAC's ``cac.raw4raters`` unit 12 has one rating. Gwet's
    ``fleiss.kappa.raw`` averages the shares over every rated unit and its
    vignette prints 0.76117; the agreement package's ``scotts_pi`` keeps only
    units with two or more ratings and gives 0.76248. Gwet's printed value
    decides: this module matches it, and matches the agreement package once
    unit 12 is removed.
    """
    frame = read("cac.raw4raters.csv").set_index("Units")
    table = table_from_wide(frame, [1, 2, 3, 4, 5], [1, 2, 3, 4, 5])
    ours = fleiss_kappa(table).value
    assert ours is not None and round(ours, 5) == 0.76117
    theirs = scotts_pi(table.counts.astype(float))
    assert round(theirs, 5) == 0.76248

    without = RatingTable(table.counts[:11], table.categories, table.positions, table.units[:11])
    assert fleiss_kappa(without).value == pytest.approx(theirs, abs=CLOSE)


@settings(max_examples=150, deadline=None)
@given(grid=grids(), weights=st.sampled_from(["identity", "linear", "quadratic"]))
def test_fleiss_weighted_matches_agreement_package_without_single_ratings(grid: tuple[Grid, int],
                                                                          weights: str) -> None:
    """Weighted Fleiss kappa with missing data, on tables where every rated item has two ratings or more."""
    rows, size = grid
    full = grid_table(rows, size)
    keep = full.rated >= 2
    table = RatingTable(full.counts[keep], full.categories, full.positions, full.units[keep], full.annotators)
    ours = defined(fleiss_kappa(table, weights))
    assert ours == pytest.approx(scotts_pi(table.counts.astype(float), KERNELS[weights]), abs=CLOSE)


def test_category_kappa_is_fleiss_kappa_of_collapsed_categories() -> None:
    """Each category-wise kappa of Fleiss (1971) equals Fleiss' kappa of "this category" against the rest."""
    counts = diagnoses_counts()
    kappas = category_kappas(table_from_counts(counts, FLEISS_DIAGNOSES))
    for index, label in enumerate(FLEISS_DIAGNOSES):
        collapsed = np.stack([counts[:, index], counts.sum(axis=1) - counts[:, index]], axis=1)
        assert kappas[label].value == pytest.approx(statsmodels_fleiss(collapsed), abs=CLOSE)


# --- Gwet's AC1/AC2, Brennan-Prediger, percent agreement ----------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(grid=grids(), weights=st.sampled_from(["identity", "linear", "quadratic"]))
def test_gwet_brennan_percent_match_agreement_package(grid: tuple[Grid, int], weights: str) -> None:
    """AC1/AC2, Brennan-Prediger and percent agreement with missing data and unused declared categories."""
    rows, size = grid
    table = grid_table(rows, size)
    counts = table.counts.astype(float)
    kernel = KERNELS[weights]
    ours_ac = defined(gwet_ac(table, weights))
    assert ours_ac == pytest.approx(gwets_gamma(counts, kernel), abs=CLOSE)
    assert brennan_prediger(table, weights).value == pytest.approx(s_score(counts, kernel), abs=CLOSE)
    assert percent_agreement(table, weights).value == pytest.approx(observed_agreement(counts, kernel), abs=CLOSE)


@settings(max_examples=100, deadline=None)
@given(grid=grids(missing=False))
def test_percent_and_brennan_match_nltk(grid: tuple[Grid, int]) -> None:
    """Complete data: NLTK ``avg_Ao`` is percent agreement; ``S`` is Brennan-Prediger when all categories are used."""
    rows, size = grid
    table = grid_table(rows, size)
    task = AnnotationTask([(rater, unit, code) for unit, row in enumerate(rows) for rater, code in enumerate(row)])
    assert percent_agreement(table).value == pytest.approx(task.avg_Ao(), abs=CLOSE)
    ours = defined(brennan_prediger(table))
    if np.all(table.counts.sum(axis=0) > 0):
        assert ours == pytest.approx(task.S(), abs=CLOSE)


def test_brennan_prediger_counts_declared_categories() -> None:
    """NLTK's ``S`` divides by the labels that occur; Brennan and Prediger (1981) by the categories offered.

    irrCAC's ``bp.coeff.raw`` with ``categ.labels`` does the latter, which is
    what this module computes from the declared scale: declaring a fourth,
    unused category lowers chance agreement from 1/3 to 1/4.
    """
    rows: Grid = [[0, 0], [1, 1], [2, 1], [2, 2]]
    task = AnnotationTask([(rater, unit, code) for unit, row in enumerate(rows) for rater, code in enumerate(row)])
    three = brennan_prediger(grid_table(rows, 3)).value
    four = brennan_prediger(grid_table(rows, 4)).value
    assert three == pytest.approx(task.S(), abs=CLOSE)
    assert three == pytest.approx((0.75 - 1 / 3) / (1 - 1 / 3), abs=CLOSE)
    assert four == pytest.approx((0.75 - 1 / 4) / (1 - 1 / 4), abs=CLOSE)


# --- set distances and alpha with a set distance ------------------------------------------------------------

label_sets = st.frozensets(st.sampled_from("abcde"), max_size=4)


@settings(max_examples=300, deadline=None)
@given(first=label_sets.filter(bool), second=label_sets.filter(bool))
def test_set_distances_match_nltk(first: frozenset[str], second: frozenset[str]) -> None:
    """NLTK 3.10 ``masi_distance`` and ``jaccard_distance`` on non-empty sets."""
    assert masi_distance(first, second) == pytest.approx(nltk_masi(set(first), set(second)), abs=1e-15)
    assert jaccard_distance(first, second) == pytest.approx(nltk_jaccard(set(first), set(second)), abs=1e-15)


def test_set_distances_of_empty_sets() -> None:
    """NLTK divides by zero for two empty sets; here they are equal (distance 0), and empty vs non-empty is 1."""
    with pytest.raises(ZeroDivisionError):
        nltk_masi(set(), set())
    assert masi_distance(set(), set()) == 0.0
    assert jaccard_distance(set(), set()) == 0.0
    assert masi_distance(set(), {"a"}) == 1.0
    assert jaccard_distance({"a"}, set()) == 1.0


@st.composite
def set_annotations(draw: st.DrawFn) -> list[tuple[int, int, frozenset[str]]]:
    """(annotator, unit, label set) triples; some cells missing."""
    units = draw(st.integers(2, 12))
    annotators = draw(st.integers(2, 4))
    cells = draw(st.lists(st.one_of(st.none(), label_sets), min_size=units * annotators,
                          max_size=units * annotators))
    return [(index % annotators, index // annotators, cell) for index, cell in enumerate(cells) if cell is not None]


@settings(max_examples=200, deadline=None)
@given(data=set_annotations(), distance=st.sampled_from(["masi", "jaccard"]))
def test_set_alpha_matches_nltk(data: list[tuple[int, int, frozenset[str]]], distance: str) -> None:
    """Alpha with a set distance equals NLTK ``AnnotationTask(distance=...).alpha()``.

    NLTK returns 1 when every pairable annotation is the same set. This
    module reports that case as undefined (no variation), so those examples
    are skipped here and covered by the degenerate-input tests.
    """
    annotators, units, sets = zip(*data) if data else ((), (), ())
    ours = defined(set_alpha(list(units), list(sets), distance, annotators=list(annotators)))  # type: ignore[arg-type]
    task = AnnotationTask(distance=_nltk_masi_with_empty if distance == "masi" else _nltk_jaccard_with_empty)
    task.load_array(data)
    assert ours == pytest.approx(task.alpha(), abs=1e-9)


def _nltk_masi_with_empty(first: frozenset[str], second: frozenset[str]) -> float:
    """NLTK's MASI distance, with 0 for two empty sets (NLTK divides by zero there)."""
    return 0.0 if not first and not second else float(nltk_masi(set(first), set(second)))


def _nltk_jaccard_with_empty(first: frozenset[str], second: frozenset[str]) -> float:
    """NLTK's Jaccard distance, with 0 for two empty sets (NLTK divides by zero there)."""
    return 0.0 if not first and not second else float(nltk_jaccard(set(first), set(second)))


@settings(max_examples=100, deadline=None)
@given(grid=grids())
def test_set_alpha_of_single_labels_is_nominal_alpha(grid: tuple[Grid, int]) -> None:
    """With one label per annotation, set alpha equals nominal alpha (this package and ``krippendorff``)."""
    rows, _size = grid
    units, raters, codes = long_form(rows)
    ours = defined(set_alpha(units, [{code} for code in codes], "masi", annotators=raters))
    assert ours == pytest.approx(alpha_from(pairable_values(units, codes, "nominal")), abs=CLOSE)
    reliability = np.array([[np.nan if code is None else code for code in row] for row in rows], dtype=float).T
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        reference = krippendorff.alpha(reliability_data=reliability, level_of_measurement="nominal")
    assert ours == pytest.approx(reference, abs=CLOSE)


def test_cohen_table_and_long_form_agree() -> None:
    """The contingency-table entry point and the long-form one give the same kappa on the same data."""
    joint = np.array([[13, 0, 0], [0, 20, 7], [0, 4, 56]])
    first, second = np.divmod(np.repeat(np.arange(9), joint.ravel()), 3)
    items = np.arange(first.size)
    long = cohen_kappa(np.r_[items, items], np.repeat(["a", "b"], first.size), np.r_[first, second], [0, 1, 2],
                       weights="quadratic")
    assert long.value == pytest.approx(cohen_kappa_from_table(joint, weights="quadratic").value, abs=CLOSE)
