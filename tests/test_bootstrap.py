"""Bootstrap intervals of alpha: exact on the full sample, seeded, and covering the estimate."""

from __future__ import annotations

import numpy as np
import pytest

from consistency.agreement.alpha import alpha_from, pairable_values
from consistency.agreement.bootstrap import _alpha_block, _statistics, bootstrap_alpha

LEVELS = ["nominal", "ordinal", "interval", "ratio"]


def sample(seed: int = 3, units: int = 300) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    unit = np.repeat(np.arange(units), 4)
    values = rng.integers(1, 6, units * 4).astype(float)
    values[:400] = np.repeat(values[:400:4], 4)
    keep = rng.random(units * 4) > 0.2
    return unit[keep], values[keep]


@pytest.mark.parametrize("level", LEVELS)
def test_unit_weights_reproduce_alpha(level: str) -> None:
    units, values = sample()
    pairable = pairable_values(units, values, level)  # type: ignore[arg-type]
    numbers = values[pairable.index]
    stats = _statistics(level, pairable, numbers)  # type: ignore[arg-type]
    ones = np.ones((1, stats["size"].size))
    assert _alpha_block(level, pairable, stats, ones, numbers)[0] == pytest.approx(alpha_from(pairable), abs=1e-12)  # type: ignore[arg-type]


@pytest.mark.parametrize("level", LEVELS)
def test_weights_equal_duplicated_items(level: str) -> None:
    units, values = sample()
    pairable = pairable_values(units, values, level)  # type: ignore[arg-type]
    numbers = values[pairable.index]
    stats = _statistics(level, pairable, numbers)  # type: ignore[arg-type]
    weights = np.ones((1, stats["size"].size))
    weights[0, :50] = 2
    weights[0, 50:80] = 0

    twice = np.flatnonzero(pairable.unit < 50)
    kept = np.flatnonzero(pairable.unit >= 80)
    rebuilt_units = np.concatenate([pairable.unit[twice], pairable.unit[kept], pairable.unit[twice] + 10_000])
    rebuilt_values = np.concatenate([numbers[twice], numbers[kept], numbers[twice]])
    expected = alpha_from(pairable_values(rebuilt_units, rebuilt_values, level))  # type: ignore[arg-type]
    assert _alpha_block(level, pairable, stats, weights, numbers)[0] == pytest.approx(expected, abs=1e-12)  # type: ignore[arg-type]


def test_same_seed_same_interval() -> None:
    units, values = sample()
    pairable = pairable_values(units, values, "nominal")
    first = bootstrap_alpha(pairable, "nominal", resamples=300, seed=7)
    second = bootstrap_alpha(pairable, "nominal", resamples=300, seed=7)
    other = bootstrap_alpha(pairable, "nominal", resamples=300, seed=8)
    assert first is not None and second is not None and other is not None
    assert (first.low, first.high) == (second.low, second.high)
    assert (first.low, first.high) != (other.low, other.high)


def test_interval_covers_estimate_and_probability() -> None:
    units, values = sample()
    pairable = pairable_values(units, values, "interval")
    result = bootstrap_alpha(pairable, "interval", values[pairable.index], resamples=500)
    assert result is not None
    estimate = alpha_from(pairable)
    assert result.low < estimate < result.high
    assert result.probability_below(-1.0) == 0.0
    assert result.probability_below(2.0) == 1.0
    assert 0.3 < result.probability_below(estimate) < 0.7


def test_no_pairs_gives_none() -> None:
    pairable = pairable_values(np.array([1, 2]), np.array(["a", "b"]), "nominal")
    assert bootstrap_alpha(pairable, "nominal") is None


def test_invalid_confidence_rejected() -> None:
    units, values = sample()
    with pytest.raises(ValueError, match="between 0 and 1"):
        bootstrap_alpha(pairable_values(units, values, "nominal"), "nominal", confidence=1.5)


def test_set_alpha_replicator_reproduces_alpha() -> None:
    from consistency.agreement.set_distance import set_alpha, set_alpha_replicator

    rng = np.random.default_rng(2)
    units: list[int] = []
    sets: list[set[str]] = []
    for unit in range(50):
        for _ in range(int(rng.integers(1, 4))):
            units.append(unit)
            sets.append(set(rng.choice(["a", "b", "c", "d"], size=int(rng.integers(0, 3)), replace=False)))
    for distance in ("masi", "jaccard"):
        built = set_alpha_replicator(units, sets, distance)  # type: ignore[arg-type]
        assert built is not None
        replicate, items = built
        expected = set_alpha(units, sets, distance).value  # type: ignore[arg-type]
        assert replicate(np.ones((1, items)))[0] == pytest.approx(expected, abs=1e-12)


def test_percent_replicator_reproduces_percent() -> None:
    from consistency.agreement.bootstrap import percent_replicator

    units, values = sample()
    pairable = pairable_values(units, values, "nominal")
    per_unit = np.bincount(pairable.unit, weights=pairable.matches) / np.bincount(pairable.unit)
    replicate = percent_replicator(pairable)
    assert replicate(np.ones((1, pairable.units)))[0] == pytest.approx(per_unit.mean())


def test_interval_independent_of_row_order() -> None:
    from consistency.api import check_frame
    from guidelines import Guideline

    guideline = Guideline.model_validate(
        {"labelcheck": 1, "name": "d", "version": "1.0.0", "fields": {"label": {"kind": "single", "labels": ["a", "b"]}}}
    )
    rows = [("1", "x", "a"), ("1", "y", "a"), ("2", "x", "b"), ("2", "y", "a"), ("3", "x", "b"), ("3", "y", "b"),
            ("4", "x", "a"), ("5", "x", "b"), ("5", "y", "b")]
    import pandas as pd

    forward = pd.DataFrame(rows, columns=["item", "annotator", "label"])
    backward = forward.iloc[::-1].reset_index(drop=True)
    first = check_frame(guideline, forward, resamples=200).fields["label"].agreement
    second = check_frame(guideline, backward, resamples=200).fields["label"].agreement
    for name in ("krippendorff_alpha", "fleiss_kappa", "percent_agreement"):
        assert first[name].ci is not None
        assert second[name].ci == pytest.approx(first[name].ci), name
