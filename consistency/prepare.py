"""Interpret the raw value of every judgement against its field's definition.

The result adds to each judgement a ``status`` (what the raw value is), the
canonical ``label`` (label id, set of label ids, or number as text) and, for
ratings, the ``number``. Checks report on ``status``; agreement uses the
rows whose ``usable`` flag is set.

Statuses: ``label``, ``alias``, ``deprecated`` (a known label marked
deprecated), ``special`` (a special answer), ``unknown``, ``malformed``
(a ``multi`` cell that is not a list), ``too_many`` and ``too_few`` (a
``multi`` answer outside ``min_labels`` .. ``max_labels``), ``not_number``, ``out_of_range``,
``off_step``, ``number`` and ``regions`` (a list of spans or boxes, whose
regions are checked from the readers' span and box frames; such answers
take no part in label agreement).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

from guidelines import (
    AnyField,
    BoxesField,
    CategoricalField,
    MultiField,
    OrdinalField,
    RatingField,
    SingleField,
    SpansField,
)

MULTI_JOIN = "|"
"""Separator of label ids in the canonical text of a ``multi`` answer."""

_STEP_TOLERANCE = 1e-9


@dataclass
class PreparedField:
    """The judgements of one field with their interpretation.

    ``frame`` has the judgement columns plus ``status``, ``label``,
    ``number`` (float, ratings only), ``usable`` and, for ``multi`` fields,
    ``size`` (labels in the set). ``elements`` lists, for ``multi`` fields,
    one row per label inside a cell: ``row`` (index into ``frame``),
    ``element`` (raw text) and ``status`` and ``label`` as above.
    """

    field: AnyField
    frame: pd.DataFrame
    elements: pd.DataFrame | None = None


def _classify_categorical(raw: pd.Series, field: CategoricalField) -> tuple[pd.Series, pd.Series]:
    spellings = field.spellings()
    ids = set(field.label_ids())
    deprecated = {label.id for label in field.labels if label.deprecated}
    special = field.special_ids()

    label = raw.map(spellings)
    special_id = raw.map({spelling: answer.id for spelling, answer in special.items()})
    status = pd.Series("unknown", index=raw.index, dtype=object)
    status[label.notna()] = "alias"
    status[raw.isin(ids)] = "label"
    status[label.isin(deprecated) & label.notna()] = "deprecated"
    status[special_id.notna()] = "special"
    label = label.where(label.notna(), special_id)
    return status, label.astype(object).where(label.notna(), None)


def _usable_categorical(status: pd.Series, label: pd.Series, field: AnyField) -> pd.Series:
    category_specials = {answer.id for answer in field.special if answer.agreement == "category"}
    return status.isin(["label", "alias", "deprecated"]) | (status.eq("special") & label.isin(category_specials))


def _prepare_single(frame: pd.DataFrame, field: SingleField | OrdinalField) -> PreparedField:
    status, label = _classify_categorical(frame["value"], field)
    frame = frame.assign(status=status, label=label)
    frame["usable"] = _usable_categorical(frame["status"], frame["label"], field)
    return PreparedField(field, frame)


def _split_cells(values: pd.Series, separator: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Split ``multi`` cells into lists; return (lists, malformed flag)."""
    lists = pd.Series([None] * len(values), index=values.index, dtype=object)
    malformed = pd.Series(False, index=values.index)
    is_json = values.str.lstrip().str.startswith("[")
    for index in values.index[is_json]:
        try:
            parsed = json.loads(values[index])
        except json.JSONDecodeError:
            malformed[index] = True
            continue
        if isinstance(parsed, list) and all(isinstance(item, (str, int, float)) for item in parsed):
            lists[index] = [str(item) for item in parsed]
        else:
            malformed[index] = True
    plain = values.index[~is_json]
    for sep in separator[plain].unique():
        rows = plain[separator[plain].to_numpy() == sep]
        parts = values[rows].str.split(sep, regex=False)
        lists[rows] = parts.map(lambda items: [item.strip() for item in items])
    return lists, malformed


def _prepare_multi(frame: pd.DataFrame, field: MultiField, separators: pd.Series) -> PreparedField:
    special = field.special_ids()
    whole_special = frame["value"].isin(list(special))
    lists, malformed = _split_cells(frame["value"], separators)
    lists[whole_special | malformed] = None

    exploded = lists.explode().dropna()
    elements = pd.DataFrame({"row": exploded.index.to_numpy(), "element": exploded.to_numpy(dtype=object)})
    element_status, element_label = _classify_categorical(elements["element"], field)
    element_status[element_status.eq("special")] = "unknown"
    elements = elements.assign(status=element_status.to_numpy(), label=element_label.to_numpy())

    order = {label_id: position for position, label_id in enumerate(field.label_ids())}
    known = elements[elements["label"].notna() & elements["status"].ne("unknown")]
    known = known.assign(position=known["label"].map(order)).sort_values(["row", "position"], kind="stable")
    known = known.drop_duplicates(["row", "label"])
    canonical = known.groupby("row", sort=False)["label"].agg(MULTI_JOIN.join)
    size = known.groupby("row", sort=False).size()
    bad_rows = set(elements.loc[elements["status"].eq("unknown"), "row"])

    status = pd.Series("label", index=frame.index, dtype=object)
    rows_with_alias = set(elements.loc[elements["status"].eq("alias"), "row"])
    rows_with_deprecated = set(elements.loc[elements["status"].eq("deprecated"), "row"])
    status[frame.index.isin(list(rows_with_alias))] = "alias"
    status[frame.index.isin(list(rows_with_deprecated))] = "deprecated"
    status[frame.index.isin(list(bad_rows))] = "unknown"
    status[malformed] = "malformed"
    status[whole_special] = "special"

    label = canonical.reindex(frame.index)
    empty_set = lists.map(lambda items: isinstance(items, list) and all(not item for item in items))
    label[empty_set & label.isna()] = ""
    label[whole_special] = frame["value"][whole_special].map({k: v.id for k, v in special.items()})
    frame = frame.assign(
        status=status,
        label=label.astype(object).where(label.notna(), None),
        size=size.reindex(frame.index).fillna(0).astype(int),
    )
    # An answer outside min_labels..max_labels breaks the guideline, so like
    # any invalid answer it is reported and left out of agreement.
    countable = frame["status"].isin(["label", "alias", "deprecated"])
    if field.max_labels is not None:
        frame.loc[countable & (frame["size"] > field.max_labels), "status"] = "too_many"
    if field.min_labels is not None:
        frame.loc[countable & (frame["size"] < field.min_labels), "status"] = "too_few"
    frame["usable"] = _usable_categorical(frame["status"], frame["label"], field)
    elements = elements[elements["element"].astype(str).str.len() > 0].reset_index(drop=True)
    return PreparedField(field, frame, elements)


def _prepare_rating(frame: pd.DataFrame, field: RatingField) -> PreparedField:
    special = field.special_ids()
    raw = frame["value"]
    number = pd.to_numeric(raw.str.strip(), errors="coerce").astype(float)
    status = pd.Series("number", index=frame.index, dtype=object)
    status[number.isna() | ~np.isfinite(number)] = "not_number"
    out = (number < field.min) | (number > field.max)
    status[out & status.eq("number")] = "out_of_range"
    if field.step is not None:
        steps = (number - field.min) / field.step
        off = (steps - steps.round()).abs() > _STEP_TOLERANCE * np.maximum(1.0, steps.abs())
        status[off & status.eq("number")] = "off_step"
    is_special = raw.isin(list(special))
    status[is_special] = "special"
    label = number.map(lambda value: f"{value:g}" if np.isfinite(value) else None)
    label[is_special] = raw[is_special].map({k: v.id for k, v in special.items()})
    frame = frame.assign(status=status, label=label.astype(object).where(label.notna(), None), number=number)
    frame["usable"] = status.eq("number")
    return PreparedField(field, frame)


def _prepare_regions(frame: pd.DataFrame, field: AnyField) -> PreparedField:
    frame = frame.assign(status="regions", label=frame["value"])
    frame["usable"] = False
    return PreparedField(field, frame)


def prepare_field(judgements: pd.DataFrame, field: AnyField, separators: dict[str, str] | None = None) -> PreparedField:
    """Interpret the judgements of ``field`` and mark repeated judgements.

    Parameters
    ----------
    judgements : pandas.DataFrame
        Rows of one field with the judgement columns.
    field : AnyField
        Its definition.
    separators : dict, optional
        File name -> separator of ``multi`` cells that are not JSON lists;
        ``|`` for files not listed.
    """
    frame = judgements.reset_index(drop=True)
    if isinstance(field, (SpansField, BoxesField)):
        prepared = _prepare_regions(frame, field)
    elif isinstance(field, RatingField):
        prepared = _prepare_rating(frame, field)
    elif isinstance(field, MultiField):
        lookup = separators or {}
        per_row = pd.Series([lookup.get(name, MULTI_JOIN) for name in frame["file"].unique()],
                            index=frame["file"].unique(), dtype=object)
        per_row = frame["file"].map(per_row) if len(frame) else pd.Series([], dtype=object)
        prepared = _prepare_multi(frame, field, per_row)
    else:
        prepared = _prepare_single(frame, field)
    _mark_duplicates(prepared.frame)
    return prepared


def _mark_duplicates(frame: pd.DataFrame) -> None:
    """Add ``duplicate``: None, ``identical`` or ``conflicting``; keep one of identical repeats usable.

    Repeats are compared by canonical label, so ``bill`` and its label
    ``billing`` count as the same answer. Conflicting repeats are all
    removed from agreement because no rule says which one is right.
    """
    frame["duplicate"] = None
    keyed = frame["item"].notna() & frame["annotator"].notna()
    key = ["item", "annotator"]
    repeated = keyed & frame.duplicated(key, keep=False)
    if not repeated.any():
        return
    answer = frame["label"].where(frame["label"].notna(), "\x00raw:" + frame["value"].astype(str))
    distinct = answer[repeated].groupby([frame.loc[repeated, "item"], frame.loc[repeated, "annotator"]]).transform("nunique")
    frame.loc[distinct.index, "duplicate"] = np.where(distinct.to_numpy() > 1, "conflicting", "identical")
    later_copy = repeated & frame.duplicated(key, keep="first")
    frame.loc[frame["duplicate"].eq("conflicting") | (later_copy & frame["duplicate"].eq("identical")), "usable"] = False
