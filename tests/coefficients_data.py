"""Loaders for the reference data of the coefficient tests (see tests/data/coefficients/SOURCE.md)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from consistency.agreement.ratings import RatingTable, rating_table
from tests.conftest import DATA

COEFFICIENT_DATA = DATA / "coefficients"
FLEISS_DIAGNOSES = ("1. Depression", "2. Personality Disorder", "3. Schizophrenia", "4. Neurosis", "5. Other")


def read(name: str) -> pd.DataFrame:
    """Read one reference CSV file."""
    return pd.read_csv(COEFFICIENT_DATA / name)


def long_from_wide(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Turn a units x raters frame into long arrays (unit, rater, value), dropping missing cells."""
    # pandas 3 keeps missing cells when stacking, so drop them (and blank strings) explicitly.
    stacked = frame.stack().dropna()
    stacked = stacked[stacked.astype(str).str.strip() != ""]
    units = stacked.index.get_level_values(0).to_numpy()
    raters = stacked.index.get_level_values(1).to_numpy()
    return units, raters, stacked.to_numpy()


def table_from_wide(frame: pd.DataFrame, categories: Sequence[object], positions: Sequence[float] | None = None
                    ) -> RatingTable:
    """Count a units x raters frame into a RatingTable."""
    units, raters, values = long_from_wide(frame)
    return rating_table(units, values, list(categories), positions, annotators=raters)


def table_from_counts(counts: np.ndarray, categories: Sequence[object],
                      positions: Sequence[float] | None = None) -> RatingTable:
    """Wrap a units x categories count matrix."""
    return RatingTable(np.asarray(counts), tuple(categories), np.asarray(
        np.arange(len(categories)) if positions is None else positions, dtype=float),
        np.arange(len(counts)).astype(object))


def long_from_joint(joint: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Expand a (Q, Q) contingency table of two raters into long arrays with category codes 0 .. Q-1."""
    joint = np.asarray(joint)
    size = joint.shape[0]
    first, second = np.divmod(np.repeat(np.arange(size * size), joint.ravel()), size)
    items = np.arange(first.size)
    raters = np.repeat(np.array(["first", "second"], dtype=object), first.size)
    return np.concatenate([items, items]), raters, np.concatenate([first, second])


def table_from_joint(joint: np.ndarray, positions: Sequence[float] | None = None) -> RatingTable:
    """Count a (Q, Q) contingency table of two raters into a RatingTable with codes 0 .. Q-1."""
    units, raters, values = long_from_joint(joint)
    size = np.asarray(joint).shape[0]
    return rating_table(units, values, list(range(size)), positions, annotators=raters)


def diagnoses_counts() -> np.ndarray:
    """Counts (30, 5) of the six diagnoses of each patient in Fleiss (1971) Table 1."""
    frame = read("diagnoses.csv")
    return np.stack([(frame == label).sum(axis=1).to_numpy() for label in FLEISS_DIAGNOSES], axis=1)
