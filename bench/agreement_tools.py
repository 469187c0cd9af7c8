"""The measured calls of the agreement benchmark, one per tool and coefficient.

Each function in PREPARERS runs in the measured child process. It loads the
input in the layout its tool takes and converts it outside the timed region.
It then returns the call to time. The call returns the coefficient, the
interval for bootstraps, or None when there is nothing to compare.

Third-party packages are imported inside the functions. A child then imports
only the tool it measures, and the irrCAC children, which run in another
interpreter, need neither labelcheck, statsmodels nor NLTK.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from agreement_data import CATEGORIES, Dataset, load

Value = float | tuple[float, float] | None


@dataclass(frozen=True)
class Settings:
    """Options of the run that some calls need."""

    seed: int
    resamples: int
    peer_resamples: int


@dataclass(frozen=True)
class Prepared:
    """The call to time, and the factor that scales its time to the full task.

    ``time_scale`` is 1 except for bootstraps that run only some of the
    replicates, where it is replicates wanted / replicates run.
    """

    run: Callable[[], Value]
    time_scale: float = 1.0


Preparer = Callable[[Path, Dataset, Settings], Prepared]


def _number(coefficient: Any) -> float:
    """Return a labelcheck ``Coefficient``'s value, raising when it is undefined."""
    if coefficient.value is None:
        raise ValueError(f"labelcheck returned no value: {coefficient.undefined_reason}")
    return float(coefficient.value)


def _long(folder: Path, dataset: Dataset) -> tuple[Any, Any]:
    return load(folder, dataset, "units"), load(folder, dataset, "values")


def labelcheck_alpha(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare labelcheck's alpha with per-annotation results: ``pairable_values``, then ``alpha_from``."""
    from consistency.agreement.alpha import alpha_from, pairable_values

    units, values = _long(folder, dataset)
    return Prepared(lambda: alpha_from(pairable_values(units, values, dataset.kind)))


def labelcheck_alpha_lean(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare labelcheck's ``krippendorff_alpha``: the coefficient alone, without per-annotation arrays."""
    from consistency.agreement.alpha import krippendorff_alpha as alpha_only

    units, values = _long(folder, dataset)

    def run() -> float:
        result = alpha_only(units, values, dataset.kind)
        if result.value is None:
            raise ValueError(f"labelcheck returned no value: {result.undefined_reason}")
        return float(result.value)

    return Prepared(run)


def krippendorff_alpha(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare ``krippendorff.alpha`` on the wide (annotators x items) matrix, letting it find the value domain."""
    import krippendorff

    wide = load(folder, dataset, "wide")
    return Prepared(lambda: float(krippendorff.alpha(reliability_data=wide, level_of_measurement=dataset.kind)))


def krippendorff_alpha_domain(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare ``krippendorff.alpha`` with the category codes passed as ``value_domain``."""
    import krippendorff

    wide = load(folder, dataset, "wide")
    domain = np.arange(CATEGORIES, dtype=np.float64)
    return Prepared(lambda: float(krippendorff.alpha(reliability_data=wide, value_domain=domain,
                                                     level_of_measurement=dataset.kind)))


def nltk_alpha(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare NLTK's ``AnnotationTask(data).alpha()``. Building the task from (coder, item, label) triples is timed."""
    from nltk.metrics.agreement import AnnotationTask
    from nltk.metrics.distance import binary_distance, interval_distance

    units, values = _long(folder, dataset)
    raters = load(folder, dataset, "raters")
    triples = list(zip(raters.tolist(), units.tolist(), values.tolist()))
    distance = binary_distance if dataset.kind == "nominal" else interval_distance
    return Prepared(lambda: float(AnnotationTask(data=triples, distance=distance).alpha()))


def _irrcac(folder: Path, dataset: Dataset, method: str, weights: str = "identity") -> Prepared:
    """Prepare irrCAC's ``CAC(ratings).<method>()``. The ``CAC`` constructor is timed, building the data frame is not."""
    import pandas as pd
    from irrCAC.raw import CAC

    frame = pd.DataFrame(load(folder, dataset, "wide").T)

    def run() -> float:
        # digits=15 keeps irrCAC from rounding the coefficient to its default 5 digits.
        result = getattr(CAC(frame, weights=weights, digits=15), method)()
        return float(result["est"]["coefficient_value"])

    return Prepared(run)


def irrcac_alpha(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare irrCAC's Krippendorff alpha, with quadratic weights for the interval level."""
    return _irrcac(folder, dataset, "krippendorff", "identity" if dataset.kind == "nominal" else "quadratic")


def irrcac_fleiss(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare irrCAC's Fleiss kappa, which always computes a standard error and interval as well."""
    return _irrcac(folder, dataset, "fleiss")


def irrcac_gwet(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare irrCAC's Gwet AC1."""
    return _irrcac(folder, dataset, "gwet")


def irrcac_bp(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare irrCAC's Brennan-Prediger coefficient."""
    return _irrcac(folder, dataset, "bp")


def irrcac_conger(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare irrCAC's Conger kappa, which is Cohen's kappa for two annotators."""
    return _irrcac(folder, dataset, "conger")


def _labelcheck_table(folder: Path, dataset: Dataset, coefficient: str) -> Prepared:
    """Prepare a labelcheck coefficient of ``chance_corrected`` from long-layout arrays, timing ``rating_table``."""
    from consistency.agreement import chance_corrected
    from consistency.agreement.ratings import rating_table

    function = getattr(chance_corrected, coefficient)
    units, values = _long(folder, dataset)
    categories = tuple(range(CATEGORIES))
    return Prepared(lambda: _number(function(rating_table(units, values, categories))))


def labelcheck_fleiss_table(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare labelcheck's ``fleiss_kappa`` on a ``RatingTable`` made from the saved items x categories counts."""
    from consistency.agreement.chance_corrected import fleiss_kappa
    from consistency.agreement.ratings import RatingTable, scale_positions

    counts = load(folder, dataset, "counts")
    items = np.arange(counts.shape[0]).astype(object)
    table = RatingTable(counts, tuple(range(CATEGORIES)), scale_positions(None, CATEGORIES), items)
    return Prepared(lambda: _number(fleiss_kappa(table)))


def labelcheck_fleiss(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare labelcheck's ``rating_table`` and ``fleiss_kappa`` on long-layout arrays."""
    return _labelcheck_table(folder, dataset, "fleiss_kappa")


def labelcheck_gwet(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare labelcheck's ``rating_table`` and ``gwet_ac`` (AC1) on long-layout arrays."""
    return _labelcheck_table(folder, dataset, "gwet_ac")


def labelcheck_bp(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare labelcheck's ``rating_table`` and ``brennan_prediger`` on long-layout arrays."""
    return _labelcheck_table(folder, dataset, "brennan_prediger")


def _statsmodels_counts(folder: Path, dataset: Dataset) -> Any:
    """Load the items x annotators integer codes that ``aggregate_raters`` takes, rejecting missing cells."""
    wide = load(folder, dataset, "wide")
    if np.isnan(wide).any():
        raise ValueError("statsmodels' fleiss_kappa needs every item rated by every annotator")
    return wide.T.astype(np.int64)


def statsmodels_fleiss_table(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare statsmodels' ``fleiss_kappa`` on the saved items x categories counts."""
    from statsmodels.stats.inter_rater import fleiss_kappa

    counts = load(folder, dataset, "counts")
    return Prepared(lambda: float(fleiss_kappa(counts)))


def statsmodels_fleiss(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare statsmodels' ``aggregate_raters`` and ``fleiss_kappa`` on the items x annotators codes."""
    from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

    codes = _statsmodels_counts(folder, dataset)
    return Prepared(lambda: float(fleiss_kappa(aggregate_raters(codes)[0])))


def statsmodels_bp(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare statsmodels' ``aggregate_raters`` and ``fleiss_kappa(method="randolph")``, which is Brennan-Prediger."""
    from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

    codes = _statsmodels_counts(folder, dataset)
    return Prepared(lambda: float(fleiss_kappa(aggregate_raters(codes)[0], method="randolph")))


def labelcheck_cohen(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare labelcheck's ``cohen_kappa`` on long-layout units, annotators and values."""
    from consistency.agreement.cohen import cohen_kappa

    units, values = _long(folder, dataset)
    raters = load(folder, dataset, "raters")
    categories = list(range(CATEGORIES))
    return Prepared(lambda: _number(cohen_kappa(units, raters, values, categories)))


def statsmodels_cohen(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare statsmodels' ``cohens_kappa``. The contingency table, one ``np.bincount``, is built in the timed region."""
    from statsmodels.stats.inter_rater import cohens_kappa

    first, second = _statsmodels_counts(folder, dataset).T

    def run() -> float:
        joint = np.bincount(first * CATEGORIES + second, minlength=CATEGORIES**2).reshape(CATEGORIES, CATEGORIES)
        return float(cohens_kappa(joint, return_results=False))

    return Prepared(run)


def labelcheck_bootstrap(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare labelcheck's ``pairable_values`` and ``bootstrap_alpha`` with ``settings.resamples`` replicates."""
    from consistency.agreement.alpha import pairable_values
    from consistency.agreement.bootstrap import bootstrap_alpha

    units, values = _long(folder, dataset)

    def run() -> tuple[float, float]:
        pairable = pairable_values(units, values, dataset.kind)
        numbers = values[pairable.index] if dataset.kind == "interval" else None
        result = bootstrap_alpha(pairable, dataset.kind, numbers, settings.resamples, settings.seed)
        if result is None:
            raise ValueError("the bootstrap returned no interval")
        return result.low, result.high

    return Prepared(run)


def krippendorff_bootstrap(folder: Path, dataset: Dataset, settings: Settings) -> Prepared:
    """Prepare ``krippendorff.alpha`` on ``settings.peer_resamples`` item resamples, scaling the time to ``resamples``."""
    import krippendorff

    wide = load(folder, dataset, "wide")
    rng = np.random.default_rng(settings.seed)

    def run() -> None:
        for _ in range(settings.peer_resamples):
            drawn = rng.integers(0, dataset.items, size=dataset.items)
            krippendorff.alpha(reliability_data=wide[:, drawn], level_of_measurement=dataset.kind)

    return Prepared(run, settings.resamples / settings.peer_resamples)


PREPARERS: dict[str, Preparer] = {
    "labelcheck-alpha": labelcheck_alpha,
    "labelcheck-alpha-lean": labelcheck_alpha_lean,
    "krippendorff-alpha": krippendorff_alpha,
    "krippendorff-alpha-domain": krippendorff_alpha_domain,
    "nltk-alpha": nltk_alpha,
    "irrcac-alpha": irrcac_alpha,
    "labelcheck-fleiss-table": labelcheck_fleiss_table,
    "statsmodels-fleiss-table": statsmodels_fleiss_table,
    "labelcheck-fleiss": labelcheck_fleiss,
    "statsmodels-fleiss": statsmodels_fleiss,
    "irrcac-fleiss": irrcac_fleiss,
    "labelcheck-gwet": labelcheck_gwet,
    "irrcac-gwet": irrcac_gwet,
    "labelcheck-bp": labelcheck_bp,
    "statsmodels-bp": statsmodels_bp,
    "irrcac-bp": irrcac_bp,
    "labelcheck-cohen": labelcheck_cohen,
    "statsmodels-cohen": statsmodels_cohen,
    "irrcac-cohen": irrcac_conger,
    "labelcheck-bootstrap": labelcheck_bootstrap,
    "krippendorff-bootstrap": krippendorff_bootstrap,
}
"""Child measurements by id. The first word of an id names the measured package."""
