"""The check definition and the context data that every check reads."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

from consistency.findings import FindingBatch, Severity
from consistency.prepare import PreparedField
from consistency.readers import Annotations
from consistency.result import FieldResult
from guidelines import AnyField, Guideline


@dataclass
class CheckContext:
    """Inputs of the checks of one run.

    ``fields`` maps field id -> its prepared judgements; ``rows`` lists
    every annotation table row (``file, line, item, annotator``);
    ``references`` maps ``gold`` / ``predictions`` to prepared fields of
    reference values (annotator column set to the reference name);
    ``results`` is filled once agreement has run, for threshold checks.
    """

    guideline: Guideline
    fields: dict[str, PreparedField]
    rows: pd.DataFrame
    references: dict[str, dict[str, PreparedField]] = field(default_factory=dict)
    results: dict[str, FieldResult] = field(default_factory=dict)
    inputs: list[dict[str, object]] = field(default_factory=list)
    """Per input file: ``file``, ``role``, ``rows`` and ``judgements`` (see ``InputSummary``)."""
    annotations: Annotations | None = None
    """What the readers produced, for the checks on spans, boxes and reader notices."""

    def field_frames(self, kinds: tuple[str, ...] | None = None) -> Iterable[tuple[AnyField, pd.DataFrame]]:
        """Yield (field, prepared frame) for the fields of the given kinds (all when ``None``)."""
        for prepared in self.fields.values():
            if kinds is None or prepared.field.kind in kinds:
                yield prepared.field, prepared.frame


@dataclass(frozen=True)
class Check:
    """A validation check: stable code, slug, default severity, description and its function.

    ``run`` returns the rows that violate the check, with the columns the
    ``template`` needs; the registry wraps them in a :class:`FindingBatch`.
    ``stage`` is ``validation`` for checks on annotations and ``agreement``
    for checks on agreement results.
    """

    code: str
    slug: str
    severity: Severity
    description: str
    template: str
    run: Callable[[CheckContext], pd.DataFrame | None]
    stage: str = "validation"

    def batch(self, context: CheckContext) -> FindingBatch | None:
        """Run the check; return its findings, or ``None`` when it finds nothing."""
        rows = self.run(context)
        if rows is None or rows.empty:
            return None
        return FindingBatch(self.code, self.slug, self.severity, self.template, rows.reset_index(drop=True))


def concat(parts: list[pd.DataFrame]) -> pd.DataFrame | None:
    """Concatenate the non-empty parts, or return ``None`` when there are none."""
    parts = [part for part in parts if len(part)]
    return pd.concat(parts, ignore_index=True) if parts else None


def label_rows(prepared: PreparedField, status: str) -> pd.DataFrame:
    """Judgements holding a label of ``status``, one row per label.

    For ``multi`` fields a cell may hold several labels, so each offending
    label inside it becomes a row whose ``value`` is that label's text and
    whose ``label`` is its canonical id; other fields return their rows as is.
    """
    if prepared.elements is None:
        return prepared.frame[prepared.frame["status"].eq(status)]
    found = prepared.elements[prepared.elements["status"].eq(status)]
    return prepared.frame.loc[found["row"].to_numpy()].assign(
        value=found["element"].to_numpy(), label=found["label"].to_numpy()
    )


def items_outside(context: CheckContext, bound: str) -> pd.DataFrame | None:
    """Items whose number of distinct annotators is below ``min`` (``bound="min"``) or above ``max``.

    Returns rows with ``item``, ``count``, ``limit``, ``field`` and the file
    and line of the item's first judgement; annotators with any answer count,
    valid or not.
    """
    parts = []
    for prepared in context.fields.values():
        wanted = prepared.field.annotations_per_item
        if wanted is None:
            continue
        limit = wanted.min if bound == "min" else wanted.max
        if limit is None:
            continue
        frame = prepared.frame.dropna(subset=["item", "annotator"])
        counts = frame.groupby("item", sort=False)["annotator"].nunique()
        outside = counts[counts < limit] if bound == "min" else counts[counts > limit]
        if outside.empty:
            continue
        first = frame.drop_duplicates("item", keep="first").set_index("item")
        found = pd.DataFrame({"item": outside.index, "count": outside.to_numpy()})
        parts.append(
            found.assign(
                file=found["item"].map(first["file"]),
                line=found["item"].map(first["line"]),
                field=prepared.field.id,
                limit=limit,
            )
        )
    return concat(parts)


def rows_with_status(context: CheckContext, status: str, kinds: tuple[str, ...] | None = None) -> pd.DataFrame | None:
    """Judgements whose prepared ``status`` equals ``status``, over the fields of ``kinds``."""
    parts = []
    for _, frame in context.field_frames(kinds):
        parts.append(frame[frame["status"].eq(status)])
    return concat(parts)
