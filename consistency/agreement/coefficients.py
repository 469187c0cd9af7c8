"""Which coefficient applies to which field, computed with the field's level and weights.

===========================  =============  ==============  ==============  ==============
coefficient                  single         ordinal         rating          multi
===========================  =============  ==============  ==============  ==============
krippendorff_alpha           nominal        ordinal         interval        nominal (sets)
krippendorff_alpha_masi      --             --              --              MASI distance
krippendorff_alpha_jaccard   --             --              --              Jaccard distance
percent_agreement            exact match    exact match     exact match     exact set match
cohen_kappa (2 annotators)   weights        weights         weights [1]_    --
fleiss_kappa                 weights        weights         weights [1]_    --
scott_pi (2 annotators)      weights        weights         weights [1]_    --
gwet_ac1                     identity       identity        identity [1]_   --
gwet_ac2                     identity       weights         weights [1]_    --
brennan_prediger             weights        weights         weights [1]_    --
===========================  =============  ==============  ==============  ==============

"weights" are the field's ``agreement.weights``: by default identity for
nominal fields and quadratic for ordered ones, computed over the declared
scale (label order, or the rating grid ``min, min + step, ..., max``) so
that unused categories count. A "--" coefficient is reported with
``value: null`` and a reason. Every name here may stand in the guideline's
``agreement.coefficient``.

.. [1] Ratings need a ``step``, so that their values form categories.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from consistency.agreement.bootstrap import Replicator
from consistency.agreement.category_kappa import category_kappas
from consistency.agreement.chance_corrected import brennan_prediger, fleiss_kappa, gwet_ac, scott_pi
from consistency.agreement.cohen import cohen_kappa
from consistency.agreement.ratings import RatingTable, category_codes, rating_table, weight_matrix
from consistency.agreement.set_distance import set_alpha, set_alpha_replicator
from consistency.agreement.table_bootstrap import pair_replicator, table_replicator
from consistency.agreement.usable import UsableValues
from consistency.prepare import MULTI_JOIN
from consistency.result import Coefficient
from guidelines import AnyField, CategoricalField, MultiField, RatingField

TABLE_COEFFICIENTS = ("cohen_kappa", "fleiss_kappa", "scott_pi", "gwet_ac1", "gwet_ac2", "brennan_prediger")
SET_COEFFICIENTS = ("krippendorff_alpha_masi", "krippendorff_alpha_jaccard")
MAX_CATEGORIES = 1000
"""Rating grids with more points than this get no kappa: the table would be mostly empty."""


def field_weights(field: AnyField) -> str:
    """Weighting of the kappa family for ``field``: the guideline's choice, else by level."""
    chosen = getattr(field.agreement, "weights", None)
    if chosen:
        return str(chosen)
    return "identity" if field.level == "nominal" else "quadratic"


def field_scale(field: AnyField) -> tuple[tuple[str, ...], np.ndarray] | str:
    """Declared categories and their positions, or the reason the field has none."""
    if isinstance(field, MultiField):
        return "kappa-type coefficients need one label per answer; see the per-label alpha of this multi-label field"
    if isinstance(field, RatingField):
        if field.step is None:
            return "the rating field has no step, so its values do not form categories; set step to compute it"
        points = round((field.max - field.min) / field.step) + 1
        if points > MAX_CATEGORIES:
            return f"the rating scale has {points} points, more than the {MAX_CATEGORIES} a category table allows"
        grid = field.min + field.step * np.arange(points)
        return tuple(f"{value:g}" for value in grid), grid
    if isinstance(field, CategoricalField):
        categories = field.label_ids() + [answer.id for answer in field.special if answer.agreement == "category"]
        return tuple(categories), np.arange(len(categories), dtype=float)
    return f"kind {field.kind!r} has no category scale"


def _table_coefficients(table: RatingTable, usable: UsableValues, categories: tuple[str, ...],
                        positions: np.ndarray, weights: str, ordered: bool
                        ) -> tuple[dict[str, Coefficient], dict[str, Replicator]]:
    matrix = weight_matrix(positions, weights)  # type: ignore[arg-type]
    identity = np.eye(len(categories))
    results = {
        "cohen_kappa": cohen_kappa(usable.frame["item"].to_numpy(), usable.frame["annotator"].to_numpy(),
                                   usable.frame["label"].astype(str).to_numpy(), categories, positions, weights),
        "fleiss_kappa": fleiss_kappa(table, weights),
        "scott_pi": scott_pi(table, weights),
        "gwet_ac1": gwet_ac(table, "identity"),
        # On a nominal field AC2's weights are the identity, so it equals AC1.
        "gwet_ac2": gwet_ac(table, weights),
        "brennan_prediger": brennan_prediger(table, weights),
    }
    item_index = pd.Index(pd.factorize(usable.frame["item"], sort=True)[1])
    row_items = item_index.get_indexer(pd.Index(table.units)).astype(np.int64)
    replicators: dict[str, Replicator] = {}
    for name, kind, weighting in (("fleiss_kappa", "fleiss", matrix), ("scott_pi", "fleiss", matrix),
                                  ("gwet_ac1", "gwet", identity), ("gwet_ac2", "gwet", matrix),
                                  ("brennan_prediger", "brennan_prediger", matrix)):
        if results[name].value is not None:
            replicators[name] = table_replicator(kind, table, weighting, row_items)
    if results["cohen_kappa"].value is not None:
        first, second = _two_annotators(usable, categories)
        replicators["cohen_kappa"] = pair_replicator(first, second, matrix)
    return results, replicators


def _category_table(frame: pd.DataFrame, categories: tuple[str, ...], positions: np.ndarray) -> RatingTable:
    """Count answers per item and category with integer codes (the same table as ``rating_table``, faster).

    Every usable label is one of ``categories`` by construction, so no value needs checking here.
    """
    items, item_labels = pd.factorize(frame["item"], sort=False)
    codes = pd.Categorical(frame["label"].astype(str), categories=list(categories)).codes.astype(np.int64)
    if (codes < 0).any():
        return rating_table(frame["item"].to_numpy(), frame["label"].astype(str).to_numpy(), categories, positions,
                            annotators=frame["annotator"].to_numpy())
    size = len(categories)
    counts = np.bincount(items.astype(np.int64) * size + codes, minlength=len(item_labels) * size)
    return RatingTable(counts.reshape(len(item_labels), size), categories, positions,
                       np.asarray(item_labels, dtype=object), int(frame["annotator"].nunique()))


def _two_annotators(usable: UsableValues, categories: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Category code of each of the two annotators per item, -1 where one did not answer."""
    frame = usable.frame
    items, _ = pd.factorize(frame["item"], sort=True)
    raters, _ = pd.factorize(frame["annotator"], sort=True)
    codes = category_codes(frame["label"].astype(str).to_numpy(), categories)
    grid = np.full((2, int(items.max()) + 1), -1, dtype=np.int64)
    grid[raters, items] = codes
    return grid[0], grid[1]


def _set_coefficients(usable: UsableValues) -> tuple[dict[str, Coefficient], dict[str, Replicator]]:
    frame = usable.frame
    sets = [frozenset(text.split(MULTI_JOIN)) if text else frozenset() for text in frame["label"].astype(str)]
    units = frame["item"].to_numpy()
    annotators = frame["annotator"].to_numpy()
    results: dict[str, Coefficient] = {}
    replicators: dict[str, Replicator] = {}
    for name, distance in (("krippendorff_alpha_masi", "masi"), ("krippendorff_alpha_jaccard", "jaccard")):
        results[name] = set_alpha(units, sets, distance, annotators)  # type: ignore[arg-type]
        built = set_alpha_replicator(units, sets, distance) if results[name].value is not None else None  # type: ignore[arg-type]
        if built is not None:
            replicators[name] = built[0]
    return results, replicators


def extra_coefficients(field: AnyField, usable: UsableValues
                       ) -> tuple[dict[str, Coefficient], dict[str, Coefficient], dict[str, Replicator]]:
    """Compute the kappa family and set alphas of one field.

    Parameters
    ----------
    field : AnyField
    usable : UsableValues
        The field's usable annotations.

    Returns
    -------
    coefficients : dict
        Name -> Coefficient for every name in :data:`TABLE_COEFFICIENTS` and,
        for multi-label fields, :data:`SET_COEFFICIENTS`.
    category_kappa : dict
        Label -> Fleiss (1971) category-wise kappa, for single and ordinal fields.
    replicators : dict
        Name -> bootstrap replicator over the items of ``usable`` in
        sorted item order, for every defined kappa-type coefficient.
    """
    results: dict[str, Coefficient] = {}
    set_replicators: dict[str, Replicator] = {}
    weights = field_weights(field)
    if isinstance(field, MultiField):
        set_results, set_replicators = _set_coefficients(usable)
        results.update(set_results)
    scale = field_scale(field)
    if isinstance(scale, str):
        for name in TABLE_COEFFICIENTS:
            results[name] = Coefficient(None, weights, scale)
        return results, {}, set_replicators

    categories, positions = scale
    frame = usable.frame
    table = _category_table(frame, categories, positions)
    coefficients, replicators = _table_coefficients(table, usable, categories, positions, weights,
                                                    field.level != "nominal")
    results.update(coefficients)
    per_category: dict[str, Coefficient] = {}
    if not isinstance(field, RatingField):
        per_category = {str(label): value for label, value in category_kappas(table).items()}
    return results, per_category, replicators
