"""Krippendorff's alpha against published values and against the krippendorff package."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consistency.agreement.alpha import alpha_from, pairable_values

NAN = np.nan

# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg
# School for Communication, University of Pennsylvania, section C ("Nominal data,
# any number of observers, missing data"): observers A-D (rows) x units 1-12
# (columns), NaN where an observer did not code the unit.
KRIPPENDORFF_2011 = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
        [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
    ]
)

# The values printed in that paper, to three decimals: 0.743 (nominal, section C),
# 0.815 (ordinal), 0.849 (interval) and 0.797 (ratio) for the same data.
PUBLISHED = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}


def _long(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    observers, units = np.nonzero(~np.isnan(matrix))
    return units, matrix[observers, units]


@pytest.mark.parametrize("level", list(PUBLISHED))
def test_krippendorff_2011_published_values(level: str) -> None:
    units, values = _long(KRIPPENDORFF_2011)
    if level == "ordinal":
        values = values.astype(np.int64) - 1
    alpha = alpha_from(pairable_values(units, values, level))  # type: ignore[arg-type]
    assert round(alpha, 3) == PUBLISHED[level]


@pytest.mark.parametrize("level", list(PUBLISHED))
def test_krippendorff_2011_equals_package(level: str) -> None:
    units, values = _long(KRIPPENDORFF_2011)
    expected = krippendorff.alpha(reliability_data=KRIPPENDORFF_2011, level_of_measurement=level)
    alpha = alpha_from(pairable_values(units, values, level))  # type: ignore[arg-type]
    assert alpha == pytest.approx(expected, abs=1e-12)


def test_unit_with_one_value_is_not_pairable() -> None:
    units, values = _long(KRIPPENDORFF_2011)
    pairable = pairable_values(units, values, "nominal")
    # Unit 12 has a single value (observer B's 3), so 40 of the 41 values pair.
    assert values.size == 41
    assert pairable.n == 40
    assert pairable.units == 11


def test_no_pairable_unit_gives_empty_result() -> None:
    pairable = pairable_values(np.array([1, 2, 3]), np.array(["a", "b", "a"]), "nominal")
    assert pairable.n == 0


def test_ratio_rejects_negative_values() -> None:
    with pytest.raises(ValueError, match="zero or more"):
        pairable_values(np.array([1, 1]), np.array([-1.0, 2.0]), "ratio")


def test_mismatched_shapes_rejected() -> None:
    with pytest.raises(ValueError, match="1-D arrays of one length"):
        pairable_values(np.array([1, 2]), np.array([1.0]), "interval")


matrices = st.integers(min_value=2, max_value=6).flatmap(
    lambda observers: st.integers(min_value=2, max_value=25).flatmap(
        lambda units: st.lists(
            st.one_of(st.none(), st.integers(min_value=0, max_value=4)),
            min_size=observers * units,
            max_size=observers * units,
        ).map(lambda cells: np.array([NAN if cell is None else cell for cell in cells], dtype=float).reshape(observers, units))
    )
)


@settings(max_examples=150, deadline=None)
@given(matrix=matrices, level=st.sampled_from(["nominal", "ordinal", "interval", "ratio"]))
def test_random_data_equals_package(matrix: np.ndarray, level: str) -> None:
    units, values = _long(matrix)
    pairable = pairable_values(units, values, level)  # type: ignore[arg-type]
    if pairable.n == 0 or not pairable.expected > 0:
        return
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement=level)
    assert alpha_from(pairable) == pytest.approx(expected, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(matrix=matrices, seed=st.integers(min_value=0, max_value=2**16))
def test_permuting_units_changes_nothing(matrix: np.ndarray, seed: int) -> None:
    units, values = _long(matrix)
    pairable = pairable_values(units, values, "nominal")
    if pairable.n == 0 or not pairable.expected > 0:
        return
    order = np.random.default_rng(seed).permutation(units.size)
    shuffled = pairable_values(units[order] * 7 + 3, values[order], "nominal")
    assert alpha_from(shuffled) == pytest.approx(alpha_from(pairable), abs=1e-12)


def test_perfect_agreement_gives_one() -> None:
    units = np.repeat(np.arange(5), 3)
    values = np.repeat(np.array([1.0, 2.0, 3.0, 1.0, 2.0]), 3)
    for level in ("nominal", "ordinal", "interval", "ratio"):
        assert alpha_from(pairable_values(units, values, level)) == pytest.approx(1.0)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(matrix=matrices, level=st.sampled_from(["nominal", "ordinal", "interval"]))
def test_lean_alpha_equals_pairable_alpha(matrix: np.ndarray, level: str) -> None:
    from consistency.agreement.alpha import krippendorff_alpha

    units, values = _long(matrix)
    lean = krippendorff_alpha(units, values.astype(np.int64), level)  # type: ignore[arg-type]
    pairable = pairable_values(units, values, level)  # type: ignore[arg-type]
    if pairable.n == 0 or pairable.units < 2 or not pairable.expected > 0:
        assert lean.value is None
        assert lean.undefined_reason is not None
        return
    assert lean.value == pytest.approx(alpha_from(pairable), abs=1e-9)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval"])
def test_lean_alpha_krippendorff_2011(level: str) -> None:
    from consistency.agreement.alpha import krippendorff_alpha

    units, values = _long(KRIPPENDORFF_2011)
    result = krippendorff_alpha(units, values.astype(np.int64), level)  # type: ignore[arg-type]
    assert result.value is not None
    assert round(result.value, 3) == PUBLISHED[level]
