"""Turn the fields of a :class:`CheckResult` into the rows and charts of the HTML report.

Every value here is plain text or a number, and the template escapes the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from consistency.agreement.usable import EXCLUSION_REASONS
from consistency.reporters.charts import Chart, Guide, Series, build_chart
from consistency.reporters.formatting import (
    DASH,
    coefficient_text,
    finite,
    gate_coefficient,
    interval_text,
    number,
    percent,
    percent_coefficient_text,
)
from consistency.reporters.html_agreement import (
    AgreementDetail,
    GoldRow,
    agreement_detail,
    gold_row,
)
from consistency.reporters.html_matrices import (
    CoincidenceView,
    PairwiseView,
    coincidence_view,
    pairwise_view,
)
from consistency.result import AnnotatorAgreement, Coefficient, FieldResult, ThresholdStatus

MAX_ANNOTATOR_ROWS = 200
"""Per-annotator rows listed per field; the report counts the rest as not shown."""


@dataclass(frozen=True)
class Exclusion:
    """Annotations of a field left out of agreement for one reason."""

    reason: str
    count: int
    meaning: str


@dataclass(frozen=True)
class FieldSummary:
    """One row of the summary table."""

    id: str
    title: str
    kind: str
    level: str
    coefficient: str
    value: str
    ci: str
    status: str
    warn_below: str
    fail_below: str
    percent_agreement: str
    items: int
    annotations: int
    annotators: int
    excluded: list[Exclusion]


@dataclass(frozen=True)
class LabelRow:
    """One label's count and agreement.

    ``kappa`` is the category kappa or ``undefined``. The reason of an
    undefined kappa is in ``kappa_reason``, and the notes under the table
    list each distinct reason once.
    """

    label: str
    title: str
    count: int
    alpha: str
    status: str
    kappa: str
    kappa_reason: str


@dataclass(frozen=True)
class AnnotatorRow:
    """One annotator's agreement with the others."""

    annotator: str
    annotations: int
    pairable: int
    alpha: str
    status: str
    percent_agreement: str
    consensus_agreement: str
    gold_agreement: str
    gold_kappa: str


@dataclass(frozen=True)
class FieldDetail:
    """Everything the report shows about one field below the summary."""

    anchor: str
    summary: FieldSummary
    agreement: AgreementDetail
    labels: list[LabelRow]
    kappa_notes: list[str]
    """Distinct reasons why a category kappa is undefined, in label order."""
    label_chart: Chart | None
    annotators: list[AnnotatorRow]
    annotators_not_shown: int
    annotator_chart: Chart | None
    gold_kappa: bool
    """Whether the annotator table has a column of kappa against gold."""
    gold: GoldRow | None
    predictions: GoldRow | None
    coincidence: CoincidenceView | None
    pairwise: PairwiseView | None


def value_status(value: float | None, threshold: ThresholdStatus) -> str:
    """Classify a value against a field's thresholds: pass, warn, fail, undefined or none."""
    checked = finite(value)
    if checked is None:
        return "undefined"
    if threshold.fail_below is not None and checked < threshold.fail_below:
        return "fail"
    if threshold.warn_below is not None and checked < threshold.warn_below:
        return "warn"
    if threshold.fail_below is None and threshold.warn_below is None:
        return "none"
    return "pass"


def field_summary(field_id: str, field: FieldResult) -> FieldSummary:
    """Build the summary row of one field."""
    threshold = field.threshold
    gate = gate_coefficient(field)
    excluded = [
        Exclusion(reason, count, EXCLUSION_REASONS.get(reason, reason))
        for reason, count in sorted(field.excluded.items())
        if count > 0
    ]
    return FieldSummary(
        id=field_id,
        title=field.title or "",
        kind=field.kind,
        level=field.level,
        coefficient=threshold.coefficient,
        value=coefficient_text(gate) if gate is not None else number(threshold.value),
        ci=interval_text(gate),
        status=threshold.status,
        warn_below=number(threshold.warn_below),
        fail_below=number(threshold.fail_below),
        percent_agreement=percent_coefficient_text(field.agreement.get("percent_agreement")),
        items=field.items,
        annotations=field.annotations,
        annotators=field.annotators,
        excluded=excluded,
    )


def _threshold_guides(threshold: ThresholdStatus) -> list[Guide]:
    guides = []
    if threshold.warn_below is not None:
        guides.append(
            Guide(threshold.warn_below, "warn", f"warn_below {number(threshold.warn_below)}")
        )
    if threshold.fail_below is not None:
        guides.append(
            Guide(threshold.fail_below, "fail", f"fail_below {number(threshold.fail_below)}")
        )
    return guides


def _alpha_series(
    title: str, values: list[float | None], threshold: ThresholdStatus, style: str
) -> Series:
    return Series(
        title=title,
        values=values,
        texts=[number(value) if finite(value) is not None else "undefined" for value in values],
        classes=[value_status(value, threshold) for value in values],
        low=0.0,
        high=1.0,
        style=style,
        guides=_threshold_guides(threshold),
    )


def _label_chart(field_id: str, field: FieldResult) -> Chart | None:
    if not field.per_label:
        return None
    counts: list[float | None] = [float(entry.count) for entry in field.per_label]
    count_series = Series(
        title="annotations",
        values=counts,
        texts=[str(entry.count) for entry in field.per_label],
        classes=["count"] * len(counts),
        low=0.0,
        high=max((value or 0.0) for value in counts) or 1.0,
        digits=0,
    )
    alphas = [entry.alpha.value for entry in field.per_label]
    alpha_series = _alpha_series(
        "alpha (this label against the rest)", alphas, field.threshold, "bar"
    )
    names = [entry.label for entry in field.per_label]
    return build_chart(
        f"Annotations and alpha per label of field {field_id}", names, [count_series, alpha_series]
    )


def _kappa_cell(kappa: Coefficient | None) -> tuple[str, str]:
    if kappa is None:
        return DASH, ""
    if finite(kappa.value) is None:
        return "undefined", kappa.undefined_reason or "no finite value"
    return number(kappa.value), ""


def _annotator_order(entry: AnnotatorAgreement) -> tuple[bool, float, str]:
    value = finite(entry.alpha.value)
    return (value is None, value if value is not None else 0.0, entry.annotator)


def _gold_text(entry: AnnotatorAgreement) -> str:
    if finite(entry.gold_agreement) is None:
        return DASH
    return f"{percent(entry.gold_agreement)} of {entry.gold_items}"


def field_detail(field_id: str, field: FieldResult, anchor: str) -> FieldDetail:
    """Build the per-field section: coefficients, labels, annotators, gold and the heatmaps.

    ``anchor`` is the HTML id of the section, which the summary links to.
    """
    labels = [
        LabelRow(
            entry.label,
            entry.title,
            entry.count,
            coefficient_text(entry.alpha),
            value_status(entry.alpha.value, field.threshold),
            *_kappa_cell(entry.kappa),
        )
        for entry in field.per_label
    ]
    kappa_notes = list(dict.fromkeys(row.kappa_reason for row in labels if row.kappa_reason))
    ranked = sorted(field.per_annotator, key=_annotator_order)
    listed = ranked[:MAX_ANNOTATOR_ROWS]
    annotators = [
        AnnotatorRow(
            annotator=entry.annotator,
            annotations=entry.annotations,
            pairable=entry.pairable,
            alpha=coefficient_text(entry.alpha),
            status=value_status(entry.alpha.value, field.threshold),
            percent_agreement=percent(entry.percent_agreement),
            consensus_agreement=percent(entry.consensus_agreement),
            gold_agreement=_gold_text(entry),
            gold_kappa=coefficient_text(entry.gold_kappa) if entry.gold_kappa is not None else DASH,
        )
        for entry in listed
    ]
    annotator_chart = None
    if listed:
        series = _alpha_series(
            "alpha against the others",
            [entry.alpha.value for entry in listed],
            field.threshold,
            "dot",
        )
        annotator_chart = build_chart(
            f"Alpha per annotator of field {field_id}",
            [entry.annotator for entry in listed],
            [series],
        )
    return FieldDetail(
        anchor=anchor,
        summary=field_summary(field_id, field),
        agreement=agreement_detail(field),
        labels=labels,
        kappa_notes=kappa_notes,
        label_chart=_label_chart(field_id, field),
        annotators=annotators,
        annotators_not_shown=len(ranked) - len(listed),
        annotator_chart=annotator_chart,
        gold_kappa=any(entry.gold_kappa is not None for entry in listed),
        gold=gold_row(field.gold),
        predictions=gold_row(field.predictions),
        coincidence=coincidence_view(field_id, field),
        pairwise=pairwise_view(field_id, field),
    )
