"""Majority answers per item, with ties reported instead of broken."""

from __future__ import annotations

import numpy as np
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
    # Work on integer codes: grouping millions of strings is slow. Label codes
    # follow the sorted label text, so ties list their labels in string order.
    item_codes, items = pd.factorize(frame["item"], sort=True)
    label_codes, labels = pd.factorize(frame["label"].astype(str), sort=True)
    width = max(len(labels), 1)
    keys, counts = np.unique(item_codes.astype(np.int64) * width + label_codes, return_counts=True)
    key_items, key_labels = np.divmod(keys, width)
    top = np.zeros(len(items), dtype=np.int64)
    np.maximum.at(top, key_items, counts)
    leading = counts == top[key_items]
    leader_items = key_items[leading]
    leader_labels = key_labels[leading]
    leaders_per_item = np.bincount(leader_items, minlength=len(items))
    tie = leaders_per_item > 1

    consensus = np.empty(len(items), dtype=object)
    consensus[leader_items] = np.asarray(labels, dtype=object)[leader_labels]
    consensus[tie] = None
    tied: list[list[str]] = [[] for _ in range(len(items))]
    for item, label in zip(leader_items[tie[leader_items]], leader_labels[tie[leader_items]]):
        tied[int(item)].append(str(labels[label]))
    index = pd.Index(items, name="item")
    return pd.DataFrame(
        {
            "consensus": pd.Series(consensus, index=index, dtype=object),
            "tie": pd.Series(tie, index=index),
            "tied": pd.Series(tied, index=index, dtype=object),
        }
    )
