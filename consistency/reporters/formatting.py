"""Number and text formatting shared by the reporters.

Reports never print ``nan``: a missing or non-finite number becomes a dash,
and an undefined coefficient is written with its reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from consistency.findings import Finding, Severity
from consistency.result import CheckResult, Coefficient, Conflict, FieldResult

DASH = "–"
"""Placeholder a report prints for a missing number."""
INLINE_LABELS = 6
"""Conflicts with at most this many annotators list each one; larger ones show label counts."""
COEFFICIENT_TITLES = {
    "krippendorff_alpha": "Krippendorff's alpha",
    "percent_agreement": "Percent agreement",
    "krippendorff_alpha_masi": "Krippendorff's alpha, MASI distance",
    "krippendorff_alpha_jaccard": "Krippendorff's alpha, Jaccard distance",
    "cohen_kappa": "Cohen's kappa",
    "fleiss_kappa": "Fleiss' kappa",
    "scott_pi": "Scott's pi",
    "gwet_ac1": "Gwet's AC1",
    "gwet_ac2": "Gwet's AC2",
    "brennan_prediger": "Brennan-Prediger kappa",
}
"""Display name of each key of ``FieldResult.agreement``; reports print unknown keys as they are."""


def finite(value: float | None) -> float | None:
    """Return ``value`` when it is a finite number, else ``None``.

    >>> finite(0.5), finite(float("nan")), finite(None)
    (0.5, None, None)
    """
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def number(value: float | None, digits: int = 3) -> str:
    """Format a number with ``digits`` decimals, or a dash when it is missing.

    >>> number(0.81249), number(None), number(float("inf"))
    ('0.812', '–', '–')
    """
    checked = finite(value)
    if checked is None:
        return DASH
    text = f"{checked:.{digits}f}"
    return text.lstrip("-") if float(text) == 0 else text


def percent(value: float | None) -> str:
    """Format a share between 0 and 1 as a percentage with one decimal.

    >>> percent(0.8125), percent(None)
    ('81.2%', '–')
    """
    checked = finite(value)
    return DASH if checked is None else f"{checked * 100:.1f}%"


def coefficient_text(coefficient: Coefficient | None) -> str:
    """Format a coefficient's value, or give the reason it has none.

    >>> coefficient_text(Coefficient(None, "nominal", "only one annotator"))
    'undefined (only one annotator)'
    """
    if coefficient is None:
        return "not computed"
    if finite(coefficient.value) is None:
        return f"undefined ({coefficient.undefined_reason or 'no finite value'})"
    return number(coefficient.value)


def percent_coefficient_text(coefficient: Coefficient | None) -> str:
    """Format a share such as percent agreement as a percentage, or give the reason it has none."""
    if coefficient is None:
        return "not computed"
    if finite(coefficient.value) is None:
        return f"undefined ({coefficient.undefined_reason or 'no finite value'})"
    return percent(coefficient.value)


def interval_text(coefficient: Coefficient | None) -> str:
    """Format a confidence interval as ``[low, high]``, or a dash when there is none."""
    if coefficient is None or coefficient.ci is None:
        return DASH
    low, high = coefficient.ci
    return f"[{number(low)}, {number(high)}]"


def confidence_text(field: FieldResult) -> str:
    """Format the confidence level of the field's intervals, such as ``95%``.

    Returns an empty string when the field has no bootstrap summary.

    >>> from consistency.result import BootstrapSummary, ThresholdStatus
    >>> threshold = ThresholdStatus("a", None, None, None, "none")
    >>> field = FieldResult("f", "single", "nominal", 0, 0, 0, {}, {}, threshold)
    >>> confidence_text(field)
    ''
    >>> field.bootstrap = BootstrapSummary("items", 1000, 0, 0.9, 0, None)
    >>> confidence_text(field)
    '90%'
    """
    confidence = finite(field.bootstrap.confidence) if field.bootstrap is not None else None
    return "" if confidence is None else f"{round(confidence * 100, 6):g}%"


def interval_heading(field: FieldResult) -> str:
    """Name the interval column after the confidence level, such as ``95% interval``."""
    confidence = confidence_text(field)
    return f"{confidence} interval" if confidence else "Interval"


def gate_coefficient(field: FieldResult) -> Coefficient | None:
    """Return the coefficient the field's thresholds apply to, if it was computed."""
    return field.agreement.get(field.threshold.coefficient)


def threshold_failed(field: FieldResult) -> bool:
    """Tell whether the field fails ``fail_below``; an undefined value fails a set threshold."""
    status = field.threshold.status
    return status == "fail" or (status == "undefined" and field.threshold.fail_below is not None)


def threshold_message(field_id: str, field: FieldResult) -> str:
    """Describe the outcome of a field's thresholds in one sentence."""
    threshold = field.threshold
    name = threshold.coefficient
    coefficient = gate_coefficient(field)
    if threshold.status == "none":
        return f"field {field_id}: no threshold is set for {name}"
    if threshold.status == "undefined":
        reason = coefficient.undefined_reason if coefficient is not None else None
        limits = _limits(field, "; thresholds ")
        return f"field {field_id}: {name} is undefined ({reason or 'not computed'}){limits}"
    value = number(threshold.value)
    if threshold.status == "fail":
        return (
            f"field {field_id}: {name} {value} is below fail_below {number(threshold.fail_below)}"
        )
    if threshold.status == "warn":
        return (
            f"field {field_id}: {name} {value} is below warn_below {number(threshold.warn_below)}"
        )
    return f"field {field_id}: {name} {value} meets its thresholds{_limits(field, ' ')}"


def _limits(field: FieldResult, prefix: str) -> str:
    parts = []
    if field.threshold.warn_below is not None:
        parts.append(f"warn_below {number(field.threshold.warn_below)}")
    if field.threshold.fail_below is not None:
        parts.append(f"fail_below {number(field.threshold.fail_below)}")
    return prefix + ", ".join(parts) if parts else ""


def thresholds_failed_text(result: CheckResult) -> str:
    """Count the fields that failed their threshold, in words; empty when none did."""
    failed = sum(threshold_failed(field) for field in result.fields.values())
    if not failed:
        return ""
    return f"{failed} field{'' if failed == 1 else 's'} failed the agreement threshold"


def verdict(result: CheckResult) -> str:
    """Return ``PASSED`` or ``FAILED``."""
    return "PASSED" if result.passed else "FAILED"


def severity_summary(result: CheckResult) -> str:
    """Count findings per severity, for example ``2 errors, 1 warning, 0 infos``."""
    parts = []
    for severity in Severity:
        count = result.severity_counts.get(severity.value, 0)
        parts.append(f"{count} {severity.value}{'' if count == 1 else 's'}")
    return ", ".join(parts)


def location_text(finding: Finding) -> str:
    """Format the known parts of a finding's location: ``file:line``, item, annotator, field."""
    parts = []
    if finding.file is not None:
        parts.append(finding.file if finding.line is None else f"{finding.file}:{finding.line}")
    if finding.item is not None:
        parts.append(f"item {finding.item}")
    if finding.annotator is not None:
        parts.append(f"annotator {finding.annotator}")
    if finding.field is not None:
        parts.append(f"field {finding.field}")
    return ", ".join(parts)


def consensus_text(conflict: Conflict) -> str:
    """Return the consensus label, ``tie: a / b`` on a tie, or a dash when there is neither."""
    if conflict.tie or conflict.consensus is None:
        return ("tie: " + " / ".join(conflict.tied)) if conflict.tied else DASH
    return conflict.consensus


def label_tally(labels: Mapping[str, str]) -> list[tuple[str, int]]:
    """Count annotators per label, most frequent first and then in label order.

    >>> label_tally({"ann": "1", "bob": "0", "cy": "1"})
    [('1', 2), ('0', 1)]
    """
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    return sorted(counts.items(), key=lambda entry: (-entry[1], entry[0]))


def tally_text(labels: Mapping[str, str]) -> str:
    """Summarise the labels of one conflict as ``1 ×2, 0 ×1``."""
    return ", ".join(f"{label} ×{count}" for label, count in label_tally(labels))


@dataclass(frozen=True)
class CodeSummary:
    """Every finding of one code: metadata from ``checks``, total count and the listed findings."""

    code: str
    slug: str
    severity: str
    description: str
    total: int
    listed: list[Finding]

    @property
    def not_listed(self) -> int:
        """Findings counted but left out of the listing."""
        return max(self.total - len(self.listed), 0)


def group_by_code(result: CheckResult) -> list[CodeSummary]:
    """Group findings by code, errors first, then warnings, then infos, each in code order.

    Codes come from ``finding_counts`` and the listed findings. A code that
    ran without findings is left out.
    """
    listed: dict[str, list[Finding]] = {}
    for finding in result.findings:
        listed.setdefault(finding.code, []).append(finding)
    codes = set(listed) | {code for code, count in result.finding_counts.items() if count > 0}
    groups = []
    for code in codes:
        meta = result.checks.get(code, {})
        found = listed.get(code, [])
        first = found[0] if found else None
        groups.append(
            CodeSummary(
                code=code,
                slug=meta.get("slug") or (first.slug if first else ""),
                severity=meta.get("severity") or (first.severity.value if first else ""),
                description=meta.get("description", ""),
                total=max(result.finding_counts.get(code, 0), len(found)),
                listed=found,
            )
        )
    return sorted(groups, key=lambda group: (_severity_rank(group.severity), group.code))


def _severity_rank(severity: str) -> int:
    try:
        return Severity(severity).rank
    except ValueError:
        return len(Severity)


def check_codes(result: CheckResult) -> list[str]:
    """List the codes of every check that ran, plus any code with findings, in code order."""
    codes: Iterable[str] = set(result.checks) | set(result.finding_counts)
    return sorted(codes)
