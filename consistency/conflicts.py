"""Conflicts: items whose annotators disagree, ranked from the worst.

Ranking: by ``disagreement`` (the item's mean pairwise difference over the
field's expected difference) from high to low, then by number of
annotations from high to low, then by field order in the guideline, then
by item id: numeric ids by value first, then other ids in string order. No step is random, so the same input always
gives the same queue.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from consistency.agreement.alpha import Pairable
from consistency.agreement.consensus import majority
from consistency.agreement.usable import UsableValues
from consistency.result import Conflict
from guidelines import AnyField, RatingField


def field_conflicts(field: AnyField, usable: UsableValues, pairable: Pairable,
                    gold: pd.Series | None = None) -> pd.DataFrame:
    """Find the items of one field whose usable answers are not all equal.

    Returns
    -------
    pandas.DataFrame
        One row per conflicting item: ``item``, ``field``, ``disagreement``,
        ``annotations``, ``consensus``, ``tie``, ``tied`` and ``gold``,
        unsorted.
    """
    columns = ["item", "field", "disagreement", "annotations", "consensus", "tie", "tied", "gold"]
    if pairable.n == 0:
        return pd.DataFrame(columns=columns)
    frame = usable.frame
    units = pairable.units
    size = np.bincount(pairable.unit, minlength=units)
    disagreement = np.bincount(pairable.unit, weights=pairable.disagreement, minlength=units) / size
    split = np.bincount(pairable.unit, weights=(pairable.same < pairable.size), minlength=units) > 0
    if not split.any():
        return pd.DataFrame(columns=columns)
    first_row = np.zeros(units, dtype=np.int64)
    first_row[pairable.unit[::-1]] = pairable.index[::-1]
    items = frame["item"].to_numpy()
    conflicting = pd.DataFrame(
        {"disagreement": disagreement[split], "size": size[split]},
        index=pd.Index(items[first_row[split]], name="item"),
    )
    expected = pairable.expected if pairable.expected > 0 else 1.0
    chosen = frame.iloc[pairable.index[split[pairable.unit]]]

    votes = majority(chosen)
    method = "majority"
    if isinstance(field, RatingField) and field.level != "nominal":
        # Interval and ratio scales have a mean-like centre; an ordinal scale
        # needs a value on the scale, so it takes the lower median.
        method = "median" if field.level in ("interval", "ratio") else "lower median"
        grouped = chosen.groupby("item")["number"]
        centre = grouped.median() if method == "median" else grouped.quantile(0.5, interpolation="lower")
        votes["consensus"] = centre.reindex(votes.index).map(lambda value: f"{value:g}")
        votes["tie"] = False
        votes["tied"] = [[] for _ in range(len(votes))]
    result = pd.DataFrame(
        {
            "item": conflicting.index.astype(str),
            "field": field.id,
            "disagreement": (conflicting["disagreement"] / expected).to_numpy(),
            "annotations": conflicting["size"].to_numpy(dtype=np.int64),
        }
    )
    result["consensus"] = result["item"].map(votes["consensus"])
    result["tie"] = result["item"].map(votes["tie"]).astype(bool)
    result["tied"] = result["item"].map(votes["tied"])
    result["gold"] = result["item"].map(gold) if gold is not None else None
    result["consensus_method"] = method
    return result[columns + ["consensus_method"]]


def _labels(usable: dict[str, UsableValues], chosen: pd.DataFrame) -> list[dict[str, str]]:
    """Every annotator's answer for each chosen (field, item), annotators in string order."""
    answers: dict[tuple[str, str], dict[str, str]] = {}
    for field_id, items in chosen.groupby("field", sort=False)["item"]:
        frame = usable[str(field_id)].frame
        rows = frame[frame["item"].astype(str).isin(set(items))].sort_values(["item", "annotator"], kind="stable")
        for item, annotator, label in zip(rows["item"].astype(str), rows["annotator"].astype(str), rows["label"].astype(str)):
            answers.setdefault((str(field_id), item), {})[annotator] = label
    return [answers.get((field_id, item), {}) for field_id, item in zip(chosen["field"], chosen["item"])]


def rank_conflicts(frames: list[pd.DataFrame], field_order: list[str], limit: int | None,
                   usable: dict[str, UsableValues]) -> tuple[list[Conflict], int]:
    """Merge per-field conflicts, rank them, and keep the first ``limit`` (all when ``None``).

    ``usable`` maps field id -> its usable annotations, from which the
    answers of the listed conflicts are collected.

    Returns
    -------
    conflicts : list of Conflict
        The listed conflicts, worst first.
    total : int
        How many conflicts there are before the cap.
    """
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return [], 0
    merged = pd.concat(frames, ignore_index=True)
    merged["field_position"] = merged["field"].map({field_id: index for index, field_id in enumerate(field_order)})
    # Numeric item ids sort by value (2 before 10), before any other id in string order.
    merged["item_number"] = pd.to_numeric(merged["item"], errors="coerce")
    merged = merged.sort_values(
        ["disagreement", "annotations", "field_position", "item_number", "item"],
        ascending=[False, False, True, True, True],
        kind="stable",
        na_position="last",
    )
    total = len(merged)
    if limit is not None:
        merged = merged.head(limit)
    labels = _labels(usable, merged)
    conflicts = [
        Conflict(
            item=str(row.item),
            field=str(row.field),
            labels=answers,
            consensus=None if pd.isna(row.consensus) else str(row.consensus),
            tie=bool(row.tie),
            tied=[str(label) for label in row.tied] if bool(row.tie) else [],
            disagreement=round(float(row.disagreement), 6),
            annotations=int(row.annotations),
            gold=None if row.gold is None or pd.isna(row.gold) else str(row.gold),
            consensus_method=str(row.consensus_method),
        )
        for row, answers in zip(merged.itertuples(index=False), labels)
    ]
    return conflicts, total
