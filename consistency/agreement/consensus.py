"""Majority answers per item, with ties reported instead of broken."""

from __future__ import annotations

import pandas as pd


def majority(frame: pd.DataFrame) -> pd.DataFrame:
    """Majority answer per item.

    Parameters
    ----------
    frame : pandas.DataFrame
        Usable annotations with columns ``item`` and ``label``.

    Returns
    -------
    pandas.DataFrame
        Index ``item`` (sorted); columns ``consensus`` (``None`` on a tie),
        ``tie`` (bool) and ``tied`` (the answers sharing the top count, in
        string order, for tied items; an empty list otherwise). Ties are never
        broken at random.

    Examples
    --------
    >>> frame = pd.DataFrame({"item": ["1", "1", "1", "2", "2"], "label": ["a", "b", "b", "a", "b"]})
    >>> majority(frame).to_dict("index")
    {'1': {'consensus': 'b', 'tie': False, 'tied': []}, '2': {'consensus': None, 'tie': True, 'tied': ['a', 'b']}}
    """
    counts = frame.groupby(["item", "label"], sort=True).size().rename("count").reset_index()
    top = counts.groupby("item", sort=False)["count"].transform("max")
    leaders = counts[counts["count"].to_numpy() == top.to_numpy()]
    per_item = leaders.groupby("item", sort=True)["label"]
    leader_count = per_item.size()
    result = pd.DataFrame({"consensus": per_item.first().astype(object), "tie": leader_count > 1})
    result.loc[result["tie"], "consensus"] = None
    tied = leaders[leaders["item"].isin(result.index[result["tie"]])].groupby("item", sort=True)["label"].agg(list)
    result["tied"] = [[] for _ in range(len(result))]
    if len(tied):
        result.loc[tied.index, "tied"] = pd.Series(list(tied), index=tied.index, dtype=object)
    return result
