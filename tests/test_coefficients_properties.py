"""Properties every coefficient must have, degenerate input, and input checks."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from consistency.agreement.category_kappa import (
    UNUSED_CATEGORY,
    category_kappas,
    unequal_annotations,
)
from consistency.agreement.chance_corrected import (
    brennan_prediger,
    fleiss_kappa,
    gwet_ac,
    percent_agreement,
    scott_pi,
)
from consistency.agreement.cohen import cohen_kappa, cohen_kappa_from_table
from consistency.agreement.ratings import RatingTable, rating_table, weight_matrix
from consistency.agreement.reasons import (
    CHANCE_AGREEMENT_ONE,
    NO_PAIRS,
    NO_VALUES,
    ONE_ANNOTATOR,
    ONE_ITEM,
    no_variation,
    two_annotators_needed,
)
from consistency.agreement.set_distance import set_alpha
from consistency.result import Coefficient

Long = tuple[list[object], list[object], list[object]]
Measure = Callable[[Long, list[object], str], Coefficient]
TABLE_FUNCTIONS = {
    "percent_agreement": percent_agreement,
    "fleiss_kappa": fleiss_kappa,
    "gwet_ac": gwet_ac,
    "brennan_prediger": brennan_prediger,
    "scott_pi": scott_pi,
}


def measure_all(data: Long, categories: list[object], weights: str = "identity") -> dict[str, Coefficient]:
    """Every coefficient of long data (unit, annotator, value); two-annotator ones only when there are two."""
    units, raters, values = data
    table = rating_table(units, values, categories, annotators=raters)
    result = {name: function(table, weights) for name, function in TABLE_FUNCTIONS.items()}
    result["cohen_kappa"] = cohen_kappa(units, raters, values, categories, weights=weights)
    result["set_alpha_masi"] = set_alpha(units, [{value} for value in values], "masi", annotators=raters)
    result["set_alpha_jaccard"] = set_alpha(units, [{value} for value in values], "jaccard", annotators=raters)
    return result


@st.composite
def long_data(draw: st.DrawFn, raters: tuple[int, int] = (2, 2), missing: bool = True) -> tuple[Long, list[object]]:
    """Long annotations of 2-15 items by a few annotators over 2-5 declared categories."""
    size = draw(st.integers(2, 5))
    count = draw(st.integers(*raters))
    categories: list[object] = [f"c{index}" for index in range(size)]
    cell = st.one_of(st.none(), st.sampled_from(categories)) if missing else st.sampled_from(categories)
    rows = draw(st.lists(st.lists(cell, min_size=count, max_size=count), min_size=2, max_size=15))
    cells = [(unit, f"r{rater}", value) for unit, row in enumerate(rows) for rater, value in enumerate(row)
             if value is not None]
    units = [unit for unit, _, _ in cells]
    annotators = [rater for _, rater, _ in cells]
    values = [value for _, _, value in cells]
    return (units, annotators, values), categories  # type: ignore[return-value]


def same(first: Coefficient, second: Coefficient) -> bool:
    """Equal up to rounding in the last bits, or both undefined for the same reason."""
    if first.value is None or second.value is None:
        return first == second
    return abs(first.value - second.value) < 1e-12 and first.level == second.level


# --- permutation invariance, perfect agreement, bounds ------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(data=long_data(raters=(2, 4)), seed=st.integers(0, 2**32 - 1),
       weights=st.sampled_from(["identity", "linear", "quadratic"]))
def test_permuting_items_and_annotators_changes_nothing(data: tuple[Long, list[object]], seed: int,
                                                        weights: str) -> None:
    """Shuffling the rows, renaming items and swapping annotator names leaves every coefficient as it was."""
    (units, raters, values), categories = data
    before = measure_all((units, raters, values), categories, weights)

    rng = np.random.default_rng(seed)
    order = rng.permutation(len(units))
    item_names = {unit: f"item {name}" for unit, name in zip(sorted(set(units)), rng.permutation(len(units) + 1))}
    distinct = sorted(set(raters))
    rater_names = dict(zip(distinct, rng.permutation(distinct)))
    shuffled: Long = ([item_names[units[i]] for i in order], [rater_names[raters[i]] for i in order],
                      [values[i] for i in order])
    after = measure_all(shuffled, categories, weights)
    for name in before:
        assert same(before[name], after[name]), name


@settings(max_examples=150, deadline=None)
@given(labels=st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=2, max_size=12),
       raters=st.integers(2, 5), weights=st.sampled_from(["identity", "linear", "quadratic"]))
def test_perfect_agreement_gives_one(labels: list[str], raters: int, weights: str) -> None:
    """Every annotator gives each item the same category, and at least two categories occur."""
    assume(len(set(labels)) >= 2)
    units = [unit for unit in range(len(labels)) for _ in range(raters)]
    annotators = [f"r{rater}" for _ in labels for rater in range(raters)]
    values = [label for label in labels for _ in range(raters)]
    result = measure_all((units, annotators, values), ["a", "b", "c", "d"], weights)
    for name, coefficient in result.items():
        if name in ("cohen_kappa", "scott_pi") and raters != 2:
            assert coefficient.value is None
            continue
        assert coefficient.value == pytest.approx(1.0, abs=1e-12), name

    table = rating_table(units, values, ["a", "b", "c", "d"], annotators=annotators)
    for label, kappa in category_kappas(table).items():
        assert kappa.value == (1.0 if label in labels else None)


@settings(max_examples=200, deadline=None)
@given(data=long_data(raters=(2, 5)), weights=st.sampled_from(["identity", "linear", "quadratic"]))
def test_coefficients_at_most_one(data: tuple[Long, list[object]], weights: str) -> None:
    """No coefficient exceeds 1; percent agreement stays within [0, 1]."""
    result = measure_all(*data, weights)
    for name, coefficient in result.items():
        if coefficient.value is not None:
            assert coefficient.value <= 1.0 + 1e-12, name
    percent = result["percent_agreement"].value
    assert percent is None or 0.0 <= percent <= 1.0


@settings(max_examples=200, deadline=None)
@given(data=long_data(raters=(2, 5)))
def test_ac1_and_brennan_prediger_at_least_minus_one(data: tuple[Long, list[object]]) -> None:
    """Unweighted AC1 and Brennan-Prediger: chance agreement is at most 1/Q <= 1/2, so the value is >= -1."""
    result = measure_all(*data)
    for name in ("gwet_ac", "brennan_prediger"):
        coefficient = result[name]
        assert coefficient.value is None or coefficient.value >= -1.0 - 1e-12, name


@settings(max_examples=200, deadline=None)
@given(data=long_data(raters=(2, 5), missing=False))
def test_kappa_lower_bounds_on_complete_data(data: tuple[Long, list[object]]) -> None:
    """Complete data, m annotators: Fleiss' and category kappas >= -1/(m-1); Cohen's kappa and Scott's pi >= -1.

    With missing data there is no such bound: Gwet's shares include items
    rated once, so chance agreement can approach 1 while observed agreement is 0.
    """
    (units, raters, values), categories = data
    result = measure_all((units, raters, values), categories)
    count = len(set(raters))
    fleiss = result["fleiss_kappa"].value
    assert fleiss is None or fleiss >= -1.0 / (count - 1) - 1e-12
    for name in ("cohen_kappa", "scott_pi"):
        coefficient = result[name].value
        assert coefficient is None or coefficient >= -1.0 - 1e-12, name
    table = rating_table(units, values, categories, annotators=raters)
    for kappa in category_kappas(table).values():
        assert kappa.value is None or -1.0 / (count - 1) - 1e-12 <= kappa.value <= 1.0 + 1e-12


# --- degenerate input ---------------------------------------------------------------------------------------

DEGENERATE: list[tuple[str, Long, str, float | None]] = [
    # case, data, reason of the chance-corrected coefficients, value of percent agreement
    ("all values missing", ([], [], []), NO_VALUES, None),
    ("one annotator", ([1, 2, 3], ["A", "A", "A"], ["x", "y", "x"]), ONE_ANNOTATOR, None),
    ("no pairable item", ([1, 2], ["A", "B"], ["x", "y"]), NO_PAIRS, None),
    ("one item", ([1, 1], ["A", "B"], ["x", "y"]), ONE_ITEM, 0.0),
    ("no variation", ([1, 1, 2, 2], ["A", "B", "A", "B"], ["x", "x", "x", "x"]), no_variation("x"), 1.0),
]


@pytest.mark.parametrize(("case", "data", "reason", "percent"), DEGENERATE, ids=[case[0] for case in DEGENERATE])
def test_degenerate_input_explained_alike(case: str, data: Long, reason: str, percent: float | None) -> None:
    """Every coefficient gives no value and the same reason; percent agreement only where it has no meaning."""
    result = measure_all(data, ["x", "y"])
    for name, coefficient in result.items():
        if name == "percent_agreement":
            continue
        assert coefficient.value is None, name
        # Set alpha names the repeated value as a set.
        expected = no_variation("{x}") if name.startswith("set_alpha") and case == "no variation" else reason
        assert coefficient.undefined_reason == expected, name
    assert result["percent_agreement"].value == percent
    if percent is None:
        assert result["percent_agreement"].undefined_reason == reason

    units, raters, values = data
    for kappa in category_kappas(rating_table(units, values, ["x", "y"], annotators=raters)).values():
        assert kappa.value is None
        assert kappa.undefined_reason == reason


def test_set_alpha_no_variation_names_the_set() -> None:
    """The no-variation reason of set alpha shows the one set every annotation equals."""
    result = set_alpha([1, 1, 2, 2], [{"b", "a"}] * 4, "jaccard")
    assert result.undefined_reason == no_variation("{a, b}")


def test_two_annotator_coefficients_reject_three() -> None:
    """Cohen's kappa and Scott's pi with three annotators: undefined, pointing to the many-annotator coefficients."""
    units, raters, values = [1, 1, 1, 2, 2, 2], ["A", "B", "C"] * 2, ["x", "y", "x", "y", "y", "x"]
    cohen = cohen_kappa(units, raters, values, ["x", "y"])
    assert cohen.value is None
    assert cohen.undefined_reason == two_annotators_needed("Cohen's kappa", 3)
    scott = scott_pi(rating_table(units, values, ["x", "y"], annotators=raters))
    assert scott.undefined_reason == two_annotators_needed("Scott's pi", 3)
    unknown_raters = scott_pi(rating_table(units, values, ["x", "y"]))
    assert unknown_raters.undefined_reason == two_annotators_needed("Scott's pi", 3)


def test_chance_agreement_of_one_is_explained() -> None:
    """Weights that give full credit to every pair make chance agreement 1 and the coefficient 0/0."""
    units, raters, values = [1, 1, 2, 2], ["A", "B", "A", "B"], ["x", "y", "y", "y"]
    ones = np.ones((2, 2))
    table = rating_table(units, values, ["x", "y"], annotators=raters)
    for coefficient in (fleiss_kappa(table, ones), brennan_prediger(table, ones),
                        cohen_kappa(units, raters, values, ["x", "y"], weights=ones)):
        assert coefficient.value is None
        assert coefficient.undefined_reason == CHANCE_AGREEMENT_ONE
        assert coefficient.level == "custom"


def test_category_kappas_need_equal_annotations_per_item() -> None:
    """Fleiss (1971) assumes n annotations per item; other data make every category undefined."""
    table = rating_table([1, 1, 2, 2, 2, 3, 3], ["x", "y", "x", "x", "y", "y", "y"], ["x", "y"])
    kappas = category_kappas(table)
    assert {kappa.undefined_reason for kappa in kappas.values()} == {unequal_annotations(2, 3)}


def test_category_kappa_of_unused_category() -> None:
    """A declared category without annotations has no kappa, and the others keep theirs."""
    table = rating_table([1, 1, 2, 2, 3, 3], ["x", "y", "x", "x", "y", "y"], ["x", "y", "z"])
    kappas = category_kappas(table)
    assert kappas["z"].undefined_reason == UNUSED_CATEGORY
    # x: one disagreeing pair on item 1 out of N n (n - 1) p q = 3 * 2 * 1 * 0.25 expected.
    assert kappas["x"].value == pytest.approx(1 - 1 / (3 * 2 * 1 * 0.5 * 0.5))


def test_cohen_from_table_degenerate() -> None:
    """The contingency-table entry point explains empty and one-item tables like the long-form one."""
    assert cohen_kappa_from_table(np.zeros((2, 2))).undefined_reason == NO_VALUES
    assert cohen_kappa_from_table([[0, 1], [0, 0]]).undefined_reason == ONE_ITEM
    only_first = cohen_kappa_from_table(np.zeros((2, 2)), first_counts=[1, 0], second_counts=[0, 0])
    assert only_first.undefined_reason == NO_PAIRS


# --- declared scale, weights and levels ---------------------------------------------------------------------


def test_weight_matrices_follow_gwet() -> None:
    """irrCAC 1.0 weighting vignette prints linear.weights(1:3) with 0.5 off the diagonal."""
    assert weight_matrix([1, 2, 3], "linear").tolist() == [[1.0, 0.5, 0.0], [0.5, 1.0, 0.5], [0.0, 0.5, 1.0]]
    assert weight_matrix([1, 2, 3], "identity").tolist() == np.eye(3).tolist()
    assert weight_matrix([0, 1, 4], "linear")[0, 1] == pytest.approx(0.75)
    assert weight_matrix([7.0], "quadratic").tolist() == [[1.0]]


def test_unused_declared_category_counts() -> None:
    """An unused declared category widens the weighted scale and lowers AC1's and BP's chance agreement."""
    units, raters, values = [1, 1, 2, 2, 3, 3], ["A", "B"] * 3, [1, 2, 2, 2, 3, 3]
    three = rating_table(units, values, [1, 2, 3], [1, 2, 3], annotators=raters)
    four = rating_table(units, values, [1, 2, 3, 4], [1, 2, 3, 4], annotators=raters)
    assert four.counts[:, 3].tolist() == [0, 0, 0]
    for function in (gwet_ac, brennan_prediger):
        assert function(four).value != pytest.approx(function(three).value)
    assert percent_agreement(four, "linear").value != pytest.approx(percent_agreement(three, "linear").value)
    assert fleiss_kappa(four).value == pytest.approx(fleiss_kappa(three).value)


def test_levels_name_the_weighting() -> None:
    """``level`` carries the weighting of the kappas and the distance of set alpha."""
    units, raters, values = [1, 1, 2, 2, 3, 3], ["A", "B"] * 3, ["x", "y", "y", "y", "x", "x"]
    for weights in ("identity", "linear", "quadratic"):
        for coefficient in measure_all((units, raters, values), ["x", "y"], weights).values():
            if not coefficient.level or coefficient.level.startswith(("masi", "jaccard")):
                continue
            assert coefficient.level == weights
    assert set_alpha(units, [{value} for value in values], "masi").level == "masi"


# --- input checks -------------------------------------------------------------------------------------------


def test_values_outside_categories_are_named() -> None:
    with pytest.raises(ValueError, match=r"'maybe'.*\(2 annotations\)"):
        rating_table([1, 1, 2], ["yes", "maybe", "maybe"], ["yes", "no"])


def test_labels_that_look_like_numbers_stay_strings() -> None:
    with pytest.raises(ValueError, match="declared categories: '1'"):
        rating_table([1, 1], ["1", "2"], [1, 2])
    table = rating_table([1, 1], ["None", "NA"], ["None", "NA", "no"])
    assert table.counts.tolist() == [[1, 1, 0]]


def test_repeated_categories_rejected() -> None:
    with pytest.raises(ValueError, match="distinct"):
        rating_table([1], ["a"], ["a", "b", "a"])


def test_bad_positions_rejected() -> None:
    with pytest.raises(ValueError, match="increase strictly"):
        rating_table([1], [1], [1, 2], positions=[2, 1])
    with pytest.raises(ValueError, match="one number per category"):
        rating_table([1], [1], [1, 2], positions=[1, 2, 3])


def test_bad_weights_rejected() -> None:
    table = rating_table([1, 1], ["a", "b"], ["a", "b"])
    with pytest.raises(ValueError, match="unknown weights 'cubic'"):
        fleiss_kappa(table, "cubic")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="ones on its diagonal"):
        fleiss_kappa(table, np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"shape \(2, 2\)"):
        gwet_ac(table, np.eye(3))


def test_cohen_rejects_repeated_annotation() -> None:
    with pytest.raises(ValueError, match="'A' on item 1"):
        cohen_kappa([1, 1, 1], ["A", "A", "B"], ["x", "y", "x"], ["x", "y"])


def test_lengths_must_match() -> None:
    with pytest.raises(ValueError, match="one length"):
        rating_table([1, 2], ["a"], ["a"])
    with pytest.raises(ValueError, match="one length"):
        cohen_kappa([1, 2], ["A"], ["a", "a"], ["a"])
    with pytest.raises(ValueError, match="one length"):
        set_alpha([1, 2], [{"a"}], "masi")


def test_unknown_set_distance_rejected() -> None:
    with pytest.raises(ValueError, match="unknown set distance"):
        set_alpha([1, 1], [{"a"}, {"b"}], "dice")  # type: ignore[arg-type]


def test_rating_table_checks_counts() -> None:
    with pytest.raises(ValueError, match="negative"):
        RatingTable(np.array([[-1, 2]]), ("a", "b"), np.arange(2.0), np.array([1], dtype=object))
    with pytest.raises(ValueError, match="shape"):
        RatingTable(np.array([[1, 2]]), ("a",), np.arange(1.0), np.array([1], dtype=object))


def test_rating_table_keeps_first_appearance_order() -> None:
    table = rating_table(["b", "a", "b"], ["x", "y", "y"], ["x", "y"], annotators=["A", "A", "B"])
    assert table.units.tolist() == ["b", "a"]
    assert table.counts.tolist() == [[1, 1], [0, 1]]
    assert table.annotators == 2
    with pytest.raises(ValueError):
        table.counts[0, 0] = 5
