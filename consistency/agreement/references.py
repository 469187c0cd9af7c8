"""Gold labels and model predictions as pseudo-annotators, compared with people and with each other.

They never enter the human-only coefficients: every comparison here is a
separate two-rater measurement on the items both sides answered.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from consistency.agreement.alpha import alpha_from, pairable_values
from consistency.agreement.coefficients import field_scale, field_weights
from consistency.agreement.cohen import cohen_kappa
from consistency.agreement.consensus import majority
from consistency.agreement.reasons import NO_PAIRS, ONE_ITEM, no_variation
from consistency.agreement.usable import UsableValues
from consistency.result import AnnotatorAgreement, Coefficient, ReferenceAgreement
from guidelines import AnyField, CategoricalField, RatingField

CONSENSUS = "consensus"
GOLD = "gold"


def _numeric(field: AnyField, labels: pd.Series) -> np.ndarray:
    """Convert labels to what alpha compares: numbers, scale positions or the label text."""
    if isinstance(field, RatingField):
        return pd.to_numeric(labels, errors="coerce").to_numpy(dtype=float)
    if isinstance(field, CategoricalField) and field.level == "ordinal":
        order = {label_id: position for position, label_id in enumerate(field.label_ids())}
        return labels.map(order).to_numpy(dtype=float)
    return labels.astype(str).to_numpy()


def _alpha(field: AnyField, first: pd.Series, second: pd.Series) -> Coefficient:
    level = field.level
    items = np.arange(len(first))
    units = np.concatenate([items, items])
    values = np.concatenate([_numeric(field, first), _numeric(field, second)])
    if values.dtype.kind == "f":
        keep = ~np.isnan(values)
        units, values = units[keep], values[keep]
    pairable = pairable_values(units, values, level)
    if pairable.n == 0:
        return Coefficient(None, level, NO_PAIRS)
    if pairable.units == 1:
        return Coefficient(None, level, ONE_ITEM)
    if not pairable.expected > 0:
        return Coefficient(None, level, no_variation(str(first.iloc[0])))
    return Coefficient(alpha_from(pairable), level)


def compare(field: AnyField, first: pd.Series, second: pd.Series, first_name: str, second_name: str) -> ReferenceAgreement:
    """Compare two answer series (index = item id) on the items both answered.

    Returns percent agreement, Cohen's kappa with the field's weights (when
    the field has a category scale) and Krippendorff's alpha at the field's level.
    """
    first = first.dropna().astype(str)
    second = second.dropna().astype(str)
    shared = first.index.intersection(second.index)
    first, second = first.loc[shared], second.loc[shared]
    weights = field_weights(field)
    if len(shared) == 0:
        undefined = Coefficient(None, weights, NO_PAIRS)
        return ReferenceAgreement(first_name, second_name, 0, None, undefined, replace(undefined, level=field.level))

    percent = float((first.to_numpy() == second.to_numpy()).mean())
    scale = field_scale(field)
    if isinstance(scale, str):
        kappa = Coefficient(None, weights, scale)
    else:
        categories, positions = scale
        known = first.isin(categories) & second.isin(categories)
        items = np.arange(int(known.sum()))
        kappa = cohen_kappa(
            np.concatenate([items, items]),
            np.repeat([first_name, second_name], items.size),
            np.concatenate([first[known].to_numpy(), second[known].to_numpy()]),
            categories, positions, weights,
        )
    return ReferenceAgreement(first_name, second_name, len(shared), percent, kappa, _alpha(field, first, second))


def consensus_series(field: AnyField, usable: UsableValues) -> pd.Series:
    """The human consensus per item: the majority answer (items with a tie left out), the median for ratings."""
    frame = usable.frame
    if frame.empty:
        return pd.Series(dtype=object)
    if isinstance(field, RatingField) and field.level in ("interval", "ratio"):
        return frame.groupby("item")["number"].median().map(lambda value: f"{value:g}")
    votes = majority(frame)
    return votes.loc[~votes["tie"], "consensus"].astype(str)


def reference_comparisons(field: AnyField, usable: UsableValues, gold: pd.Series | None,
                          predictions: pd.Series | None, model: str) -> list[ReferenceAgreement]:
    """Consensus against gold, the model against gold, and the model against the consensus."""
    results = []
    consensus = consensus_series(field, usable)
    if gold is not None and len(gold):
        results.append(compare(field, consensus, gold, CONSENSUS, GOLD))
    if predictions is not None and len(predictions):
        if gold is not None and len(gold):
            results.append(compare(field, predictions, gold, model, GOLD))
        results.append(compare(field, predictions, consensus, model, CONSENSUS))
    return results


def annotators_against_gold(field: AnyField, usable: UsableValues, gold: pd.Series,
                            annotators: list[AnnotatorAgreement]) -> list[AnnotatorAgreement]:
    """Add each annotator's Cohen's kappa against gold, on the items both answered."""
    frame = usable.frame
    answered = frame[frame["item"].isin(gold.index)]
    kappas = {}
    for name, rows in answered.groupby("annotator", sort=True):
        own = pd.Series(rows["label"].astype(str).to_numpy(), index=rows["item"].to_numpy())
        own = own[~own.index.duplicated()]
        kappas[str(name)] = compare(field, own, gold, str(name), GOLD).kappa
    return [replace(entry, gold_kappa=kappas.get(entry.annotator)) for entry in annotators]
