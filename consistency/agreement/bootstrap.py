"""Bootstrap confidence intervals for Krippendorff's alpha, resampling items.

Scheme: the nonparametric bootstrap over units (Efron & Tibshirani 1993, *An
Introduction to the Bootstrap*, ch. 13 percentile intervals). Each replicate
draws as many items as there are pairable items, uniformly with replacement,
and recomputes alpha from the drawn items' statistics: observed disagreement
from the items' own pairs, expected disagreement from the replicate's pooled
values. Zapf et al. (2016, BMC Medical Research Methodology 16:93) recommend
this item bootstrap for agreement coefficients. It differs from the bootstrap
of Hayes & Krippendorff (2007), which resamples pairs of values, so its
intervals are not meant to reproduce that procedure's numbers.

A replicate needs only weighted sums of per-item statistics, so one
replicate costs O(items) for nominal and interval data and O(items x
categories) for ordinal data. Replicates in which every drawn value is the
same have no expected disagreement; they are dropped and counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from consistency.agreement.alpha import FloatArray, Level, Pairable

DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 0
DEFAULT_CONFIDENCE = 0.95
_BLOCK = 64


@dataclass(frozen=True)
class BootstrapResult:
    """Outcome of a bootstrap.

    ``replicates`` contains the value of every usable replicate, in draw order;
    ``dropped`` counts replicates without variation.
    """

    low: float
    high: float
    replicates: FloatArray
    dropped: int
    resamples: int
    seed: int
    confidence: float

    def probability_below(self, threshold: float) -> float:
        """Share of replicates whose alpha is below ``threshold``."""
        return float(np.mean(self.replicates < threshold)) if self.replicates.size else float("nan")


def _unit_sums(pairable: Pairable, weights: FloatArray, units: int) -> FloatArray:
    return np.bincount(pairable.unit, weights=weights, minlength=units).astype(np.float64)


def _replicate_weights(rng: np.random.Generator, units: int, count: int) -> FloatArray:
    """Draw ``count`` replicates and count how often each unit is drawn, shape (count, units)."""
    dtype = np.int32 if units < 2**31 else np.int64
    draws = rng.integers(0, units, size=(count, units), dtype=dtype)
    weights = np.empty((count, units))
    for row in range(count):
        weights[row] = np.bincount(draws[row], minlength=units)
    return weights


def _category_counts(pairable: Pairable, units: int) -> FloatArray:
    categories = int(pairable.code.max()) + 1
    counts = np.zeros((units, categories))
    np.add.at(counts, (pairable.unit, pairable.code), 1.0)
    return counts


def _alpha_block(level: Level, pairable: Pairable, stats: dict[str, npt.NDArray[np.float64]],
                 weights: FloatArray, values: FloatArray | None) -> FloatArray:
    # Replicates that draw no pairable item divide by zero; they become NaN and are dropped.
    with np.errstate(divide="ignore", invalid="ignore"):
        return _alpha_values(level, stats, weights)


def _alpha_values(level: Level, stats: dict[str, npt.NDArray[np.float64]], weights: FloatArray) -> FloatArray:
    sizes = weights @ stats["size"]
    if level == "nominal":
        observed = weights @ stats["observed"]
        marginal = weights @ stats["counts"]
        expected = (sizes * sizes - np.sum(marginal * marginal, axis=1)) / (sizes * (sizes - 1))
    elif level == "interval":
        observed = weights @ stats["observed"]
        total = weights @ stats["sum"]
        squares = weights @ stats["squares"]
        expected = 2.0 * (sizes * squares - total * total) / (sizes * (sizes - 1))
    elif level == "ordinal":
        counts = stats["counts"]
        marginal = weights @ counts
        midrank = np.cumsum(marginal, axis=1) - marginal / 2.0
        first = counts @ midrank.T
        second = counts @ (midrank * midrank).T
        per_unit = (2.0 * stats["size"][:, None] * second - 2.0 * first * first) / (stats["size"][:, None] - 1)
        observed = np.sum(weights * per_unit.T, axis=1)
        mean = np.sum(marginal * midrank, axis=1) / sizes
        spread = np.sum(marginal * midrank * midrank, axis=1) - sizes * mean * mean
        expected = 2.0 * sizes * spread / (sizes * (sizes - 1))
    else:
        observed = weights @ stats["observed"]
        marginal = weights @ stats["counts"]
        delta = stats["delta"]
        expected = np.einsum("bi,ij,bj->b", marginal, delta, marginal) / (sizes * (sizes - 1))
    return 1.0 - (observed / sizes) / expected


def _statistics(level: Level, pairable: Pairable, values: FloatArray | None) -> dict[str, npt.NDArray[np.float64]]:
    units = int(pairable.unit.max()) + 1
    first_of_unit = np.zeros(units, dtype=np.int64)
    first_of_unit[pairable.unit[::-1]] = np.arange(pairable.n)[::-1]
    stats = {"size": pairable.size[first_of_unit].astype(float)}
    if level != "ordinal":
        stats["observed"] = _unit_sums(pairable, pairable.disagreement, units)
    if level == "interval":
        assert values is not None
        centred = values - values.mean()
        stats["sum"] = _unit_sums(pairable, centred, units)
        stats["squares"] = _unit_sums(pairable, centred * centred, units)
    else:
        stats["counts"] = _category_counts(pairable, units)
    if level == "ratio":
        assert values is not None
        distinct = np.zeros(stats["counts"].shape[1])
        distinct[pairable.code] = values
        total = distinct[:, None] + distinct[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            delta = ((distinct[:, None] - distinct[None, :]) / total) ** 2
        stats["delta"] = np.where(total == 0, 0.0, delta)
    return stats


Replicator = Callable[[FloatArray], FloatArray]
"""Function from item weights, shape (B, I), to one coefficient value per replicate, shape (B,)."""


def _interval(replicates: FloatArray, resamples: int, seed: int, confidence: float) -> BootstrapResult | None:
    usable = replicates[np.isfinite(replicates)]
    if usable.size == 0:
        return None
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(usable, [tail, 1.0 - tail])
    return BootstrapResult(float(low), float(high), usable, int(replicates.size - usable.size), resamples, seed, confidence)


def resample(items: int, replicators: dict[str, Replicator], resamples: int = DEFAULT_RESAMPLES,
             seed: int = DEFAULT_SEED, confidence: float = DEFAULT_CONFIDENCE) -> dict[str, BootstrapResult]:
    """Run every replicator on the same bootstrap replicates of ``items`` items.

    All coefficients of a field share one set of drawn items, so their
    intervals describe the same replicates and the draws are made once.

    Returns
    -------
    dict
        Name -> result, for the replicators with at least one finite replicate.
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie between 0 and 1, got {confidence}")
    if items == 0 or resamples <= 0 or not replicators:
        return {}
    rng = np.random.default_rng(seed)
    parts: dict[str, list[FloatArray]] = {name: [] for name in replicators}
    for start in range(0, resamples, _BLOCK):
        weights = _replicate_weights(rng, items, min(_BLOCK, resamples - start))
        for name, replicator in replicators.items():
            parts[name].append(replicator(weights))
    results = {}
    for name, blocks in parts.items():
        interval = _interval(np.concatenate(blocks), resamples, seed, confidence)
        if interval is not None:
            results[name] = interval
    return results


def alpha_replicator(pairable: Pairable, level: Level, values: npt.ArrayLike | None = None,
                     unit_items: npt.NDArray[np.int64] | None = None) -> Replicator:
    """Replicator of alpha.

    Parameters
    ----------
    pairable : Pairable
    level : {'nominal', 'ordinal', 'interval', 'ratio'}
    values : array_like, shape (n,), optional
        The numeric pairable values in the order of ``pairable``; required
        for the interval and ratio levels.
    unit_items : ndarray of int, shape (units,), optional
        Item index of each pairable unit, when the weights cover more items
        than the pairable units (items with one annotation included).
    """
    numbers = None if values is None else np.asarray(values, dtype=float)
    if level in ("interval", "ratio") and numbers is None:
        raise ValueError(f"the {level} level needs the numeric values")
    stats = _statistics(level, pairable, numbers)
    leading = unit_items is not None and np.array_equal(unit_items, np.arange(unit_items.size))

    def replicate(weights: FloatArray) -> FloatArray:
        if unit_items is None:
            chosen = weights
        elif leading:
            # The pairable units are the first items, so a slice avoids copying by index.
            chosen = weights[:, : unit_items.size]
        else:
            chosen = weights[:, unit_items]
        return _alpha_block(level, pairable, stats, chosen, numbers)

    return replicate


def percent_replicator(pairable: Pairable, unit_items: npt.NDArray[np.int64] | None = None) -> Replicator:
    """Replicator of percent agreement: the mean over drawn pairable items of their share of agreeing pairs."""
    units = int(pairable.unit.max()) + 1
    per_unit = np.bincount(pairable.unit, weights=pairable.matches, minlength=units) / np.bincount(
        pairable.unit, minlength=units
    )
    leading = unit_items is not None and np.array_equal(unit_items, np.arange(unit_items.size))

    def replicate(weights: FloatArray) -> FloatArray:
        if unit_items is None:
            chosen = weights
        elif leading:
            chosen = weights[:, :units]
        else:
            chosen = weights[:, unit_items]
        with np.errstate(divide="ignore", invalid="ignore"):
            return (chosen @ per_unit) / chosen.sum(axis=1)

    return replicate


def bootstrap_alpha(
    pairable: Pairable,
    level: Level,
    values: npt.ArrayLike | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    confidence: float = DEFAULT_CONFIDENCE,
) -> BootstrapResult | None:
    """Compute a percentile bootstrap interval of alpha by resampling pairable items.

    Parameters
    ----------
    pairable : Pairable
        From :func:`consistency.agreement.alpha.pairable_values`.
    level : {'nominal', 'ordinal', 'interval', 'ratio'}
        The level ``pairable`` was computed at.
    values : array_like, shape (n,), optional
        The numeric pairable values, in the order of ``pairable``; required
        for the interval and ratio levels.
    resamples : int
        Number of replicates.
    seed : int
        Seed of numpy's default generator; the same seed gives the same interval.
    confidence : float
        Coverage of the two-sided interval, between 0 and 1.

    Returns
    -------
    BootstrapResult or None
        ``None`` when there is no pairable item or no usable replicate.

    Examples
    --------
    Krippendorff (2011), section C data at the nominal level (alpha 0.743):

    >>> from consistency.agreement.alpha import pairable_values
    >>> units = [0,0,0, 1,1,1,1, 2,2,2,2, 3,3,3,3, 4,4,4,4, 5,5,5,5, 6,6,6,6, 7,7,7,7, 8,8,8,8, 9,9,9, 10,10]
    >>> values = [1,1,1, 2,2,3,2, 3,3,3,3, 3,3,3,3, 2,2,2,2, 1,2,3,4, 4,4,4,4, 1,1,2,1, 2,2,2,2, 5,5,5, 1,1]
    >>> result = bootstrap_alpha(pairable_values(units, values, "nominal"), "nominal", resamples=200, seed=1)
    >>> result.low < 0.743 < result.high
    True
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie between 0 and 1, got {confidence}")
    if pairable.n == 0 or resamples <= 0:
        return None
    replicator = alpha_replicator(pairable, level, values)
    units = int(pairable.unit.max()) + 1
    return resample(units, {"alpha": replicator}, resamples, seed, confidence).get("alpha")
