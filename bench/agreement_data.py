"""Seeded inputs of the agreement benchmark, saved once as .npy files that every measured process loads.

The parent process draws each data set and writes it in these layouts:

- wide: float64, shape (K, N), annotators as rows and items as columns, NaN
  where an annotator skipped an item (the ``reliability_data`` layout of the
  krippendorff package);
- long: three 1-D arrays with one entry per annotation, missing ones left
  out, sorted by item and then annotator: ``units`` (item index), ``raters``
  (annotator index) and ``values`` (int64 category codes for nominal data,
  float64 numbers for interval data);
- counts, nominal data only: int64, shape (N, CATEGORIES), how many
  annotators gave each item each category (the table of Fleiss' kappa).

Each tool's process loads the layout it takes, so no process pays for the
other layout. Only numpy and the standard library are imported here, because
the irrCAC measurements run in a separate interpreter.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

CATEGORIES = 4
"""Nominal data uses the category codes 0 .. CATEGORIES - 1."""
COPY_PROBABILITY = 0.7
"""Chance that an annotator gives the item's true category, else the category is drawn uniformly."""
MISSING_SHARE = 0.1
"""Share of (annotator, item) cells left empty in data sets with missing annotations."""
RANK_NOISE = 0.1
"""Spread of the second annotator's interval values around the first's, as a share of the number of items."""
LAYOUT_FILES = ("wide", "units", "raters", "values", "counts")


@dataclass(frozen=True)
class Dataset:
    """One generated data set.

    Attributes
    ----------
    kind : {'nominal', 'interval'}
        Nominal data: CATEGORIES categories. Interval data: two annotators
        and as many distinct continuous values as items.
    annotators, items : int
        K and N.
    missing : bool
        Whether about MISSING_SHARE of the cells are empty (nominal only).
    """

    kind: Literal["nominal", "interval"]
    annotators: int
    items: int
    missing: bool = False

    @property
    def name(self) -> str:
        """File name prefix, unique per data set."""
        return f"{self.kind}-{self.annotators}x{self.items}" + ("-missing" if self.missing else "")

    @property
    def size(self) -> str:
        """Size as printed in the results, annotators x items."""
        return f"{self.annotators} x {self.items:,}"

    def to_json(self) -> dict[str, Any]:
        """Return the fields as a dictionary for the command line of a child process."""
        return asdict(self)


def nominal_ratings(dataset: Dataset, seed: int) -> npt.NDArray[np.float64]:
    """Draw nominal ratings of shape (K, N), with NaN for skipped cells when ``dataset.missing`` is set.

    Every item gets a true category drawn uniformly. Each annotator gives it
    with probability COPY_PROBABILITY and otherwise a uniformly drawn
    category, so alpha comes out near 0.49.
    """
    rng = np.random.default_rng(seed)
    shape = (dataset.annotators, dataset.items)
    truth = rng.integers(CATEGORIES, size=dataset.items)
    copied = rng.random(shape) < COPY_PROBABILITY
    codes = np.where(copied, truth[None, :], rng.integers(CATEGORIES, size=shape)).astype(np.float64)
    if dataset.missing:
        codes[rng.random(shape) < MISSING_SHARE] = np.nan
    return codes


def interval_ratings(dataset: Dataset, seed: int) -> npt.NDArray[np.float64]:
    """Draw continuous ratings of two annotators, shape (2, N), with exactly N distinct values.

    N values are drawn uniformly from [0, 100). The first annotator gives
    each of them to one item. The second gives each item the value whose rank
    is the first annotator's rank plus normal noise of RANK_NOISE x N ranks,
    clipped to the range, so alpha comes out near 0.95.
    """
    if dataset.annotators != 2:
        raise ValueError(f"interval data has two annotators, got {dataset.annotators}")
    rng = np.random.default_rng(seed)
    items = dataset.items
    pool = np.sort(rng.uniform(0.0, 100.0, size=items))
    if np.unique(pool).size != items:
        raise ValueError(f"seed {seed} drew repeated interval values; choose another seed")
    rank = rng.permutation(items)
    noise = np.rint(rng.normal(0.0, RANK_NOISE * items, size=items)).astype(np.int64)
    second = np.clip(rank + noise, 0, items - 1)
    return np.vstack([pool[rank], pool[second]])


def write_dataset(folder: Path, dataset: Dataset, seed: int) -> None:
    """Draw ``dataset`` with ``seed`` and save its layouts into ``folder``."""
    wide = nominal_ratings(dataset, seed) if dataset.kind == "nominal" else interval_ratings(dataset, seed)
    present = ~np.isnan(wide.T)
    units, raters = np.nonzero(present)
    values = wide.T[present]
    arrays = {
        "wide": wide,
        "units": units.astype(np.int64),
        "raters": raters.astype(np.int64),
        "values": values.astype(np.int64) if dataset.kind == "nominal" else values,
    }
    if dataset.kind == "nominal":
        arrays["counts"] = np.stack([np.sum(wide == code, axis=0) for code in range(CATEGORIES)], axis=1).astype(np.int64)
    for layout, array in arrays.items():
        np.save(folder / f"{dataset.name}-{layout}.npy", array)


def load(folder: Path, dataset: Dataset, layout: str) -> npt.NDArray[Any]:
    """Load one layout file of ``dataset``, named in LAYOUT_FILES."""
    if layout not in LAYOUT_FILES:
        raise ValueError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUT_FILES)}")
    array: npt.NDArray[Any] = np.load(folder / f"{dataset.name}-{layout}.npy")
    return array
