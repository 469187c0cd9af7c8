"""Turn a field's coefficients, intervals, slices and reference comparisons into HTML report rows.

Every value here is plain text or a number, and the template escapes the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from consistency.reporters.formatting import (
    COEFFICIENT_TITLES,
    DASH,
    coefficient_text,
    confidence_text,
    finite,
    interval_heading,
    interval_text,
    number,
    percent,
    percent_coefficient_text,
)
from consistency.result import Coefficient, FieldResult, GoldSummary


@dataclass(frozen=True)
class CoefficientRow:
    """One computed coefficient of a field.

    ``value`` is ``undefined`` when the coefficient has no value, and
    ``note`` then contains the reason. The note of the coefficient that the
    thresholds apply to states that fact.
    """

    name: str
    title: str
    value: str
    ci: str
    level: str
    note: str
    defined: bool
    gate: bool


@dataclass(frozen=True)
class SliceRow:
    """Agreement within one slice of the annotations."""

    slice: str
    items: int
    annotations: int
    annotators: int
    alpha: str
    alpha_defined: bool
    percent_agreement: str


@dataclass(frozen=True)
class ReferenceRow:
    """Two pseudo-annotators (consensus, gold, a model) compared on the items both answered."""

    first: str
    second: str
    items: int
    percent_agreement: str
    kappa: str
    kappa_weights: str
    alpha: str


@dataclass(frozen=True)
class GoldRow:
    """The annotators' consensus compared with gold labels or model predictions.

    Categorical fields fill ``majority_agreement``; rating fields fill
    ``correlation`` and ``mean_absolute_error``, and ``ratings`` is then true.
    """

    items: int
    majority_agreement: str
    majority_ties: int
    correlation: str
    mean_absolute_error: str
    ratings: bool


@dataclass(frozen=True)
class AgreementDetail:
    """The coefficient table of a field with its interval note, slices and reference comparisons."""

    coefficients: list[CoefficientRow]
    interval_heading: str
    bootstrap_note: str
    slices: list[SliceRow]
    references: list[ReferenceRow]


def _value_text(name: str, coefficient: Coefficient) -> str:
    if finite(coefficient.value) is None:
        return "undefined"
    if name == "percent_agreement":
        return percent(coefficient.value)
    return number(coefficient.value)


def _coefficient_row(name: str, coefficient: Coefficient, field: FieldResult) -> CoefficientRow:
    defined = finite(coefficient.value) is not None
    gate = name == field.threshold.coefficient
    if not defined:
        note = coefficient.undefined_reason or "no finite value"
    elif gate and field.threshold.status != "none":
        note = "the guideline's thresholds apply to this coefficient"
    else:
        note = ""
    return CoefficientRow(
        name=name,
        title=COEFFICIENT_TITLES.get(name, name),
        value=_value_text(name, coefficient),
        ci=interval_text(coefficient),
        level=coefficient.level or DASH,
        note=note,
        defined=defined,
        gate=gate,
    )


def bootstrap_note(field: FieldResult) -> str:
    """Describe how the field's intervals were computed; empty without a bootstrap.

    With a ``fail_below`` threshold the note ends with the share of
    resamples in which the threshold coefficient is below it.
    """
    bootstrap = field.bootstrap
    if bootstrap is None:
        return ""
    confidence = confidence_text(field)
    level = f"{confidence} " if confidence else ""
    parts = [
        (
            f"Intervals: {level}bootstrap ({bootstrap.method}), "
            f"{bootstrap.resamples:,} resamples, seed {bootstrap.seed}."
        )
    ]
    if bootstrap.dropped:
        parts.append(
            f"{bootstrap.dropped:,} resamples without variation in the answers were left out."
        )
    probability = finite(bootstrap.probability_below_fail)
    if probability is not None and field.threshold.fail_below is not None:
        parts.append(
            f"P({field.threshold.coefficient} < {number(field.threshold.fail_below)}) = "
            f"{number(probability)}, the share of resamples below fail_below."
        )
    return " ".join(parts)


def _slice_row(entry_slice: str, items: int, annotations: int, annotators: int,
               alpha: Coefficient, percent_agreement: Coefficient) -> SliceRow:
    return SliceRow(
        slice=entry_slice,
        items=items,
        annotations=annotations,
        annotators=annotators,
        alpha=coefficient_text(alpha),
        alpha_defined=finite(alpha.value) is not None,
        percent_agreement=percent_coefficient_text(percent_agreement),
    )


def gold_row(summary: GoldSummary | None) -> GoldRow | None:
    """Format a comparison with gold or predictions, or return ``None`` without one."""
    if summary is None:
        return None
    return GoldRow(
        items=summary.items,
        majority_agreement=percent(summary.majority_agreement),
        majority_ties=summary.majority_ties,
        correlation=number(summary.correlation),
        mean_absolute_error=number(summary.mean_absolute_error),
        ratings=summary.majority_agreement is None
        and (summary.correlation is not None or summary.mean_absolute_error is not None),
    )


def agreement_detail(field: FieldResult) -> AgreementDetail:
    """Build the coefficient rows, interval note, slice rows and reference rows of a field."""
    coefficients = [
        _coefficient_row(name, coefficient, field) for name, coefficient in field.agreement.items()
    ]
    slices = [
        _slice_row(
            entry.slice,
            entry.items,
            entry.annotations,
            entry.annotators,
            entry.alpha,
            entry.percent_agreement,
        )
        for entry in field.slices
    ]
    references = [
        ReferenceRow(
            first=entry.first,
            second=entry.second,
            items=entry.items,
            percent_agreement=percent(entry.percent_agreement),
            kappa=coefficient_text(entry.kappa),
            kappa_weights=entry.kappa.level or DASH,
            alpha=coefficient_text(entry.alpha),
        )
        for entry in field.references
    ]
    return AgreementDetail(
        coefficients=coefficients,
        interval_heading=interval_heading(field),
        bootstrap_note=bootstrap_note(field),
        slices=slices,
        references=references,
    )
