"""A concise terminal summary of a run."""

from __future__ import annotations

import math

from consistency.result import CheckResult, Coefficient, FieldResult

LISTED_FINDINGS = 20
LISTED_CONFLICTS = 5
LISTED_ANNOTATORS = 3
LISTED_SLICES = 10
SHORT_NAMES = {
    "krippendorff_alpha_masi": "alpha masi",
    "krippendorff_alpha_jaccard": "alpha jaccard",
    "cohen_kappa": "cohen",
    "fleiss_kappa": "fleiss",
    "scott_pi": "scott",
    "gwet_ac1": "ac1",
    "gwet_ac2": "ac2",
    "brennan_prediger": "brennan-prediger",
}
"""Names on the line of other coefficients; other keys print with spaces for underscores."""
UNWEIGHTED = "identity"
"""``level`` of a kappa-type coefficient without weights, which the summary leaves out."""


def _defined(coefficient: Coefficient | None) -> bool:
    return (
        coefficient is not None
        and coefficient.value is not None
        and math.isfinite(coefficient.value)
    )


def _number(coefficient: Coefficient | None) -> str:
    if coefficient is None:
        return "n/a"
    if not _defined(coefficient):
        return f"undefined ({coefficient.undefined_reason or 'no finite value'})"
    return f"{coefficient.value:.3f}"


def _with_interval(coefficient: Coefficient | None) -> str:
    text = _number(coefficient)
    if coefficient is None or coefficient.ci is None or not _defined(coefficient):
        return text
    low, high = coefficient.ci
    if not (math.isfinite(low) and math.isfinite(high)):
        return text
    return f"{text} [{low:.3f}, {high:.3f}]"


def _other_coefficients(field: FieldResult) -> str:
    """List the defined coefficients besides alpha and percent agreement, each with its interval.

    A weighting or distance that the name and the field's level do not
    already give follows the name in brackets, such as ``ac2 (quadratic)``.
    """
    parts = []
    for name, coefficient in field.agreement.items():
        if name in ("krippendorff_alpha", "percent_agreement"):
            continue
        if not _defined(coefficient):
            continue
        label = SHORT_NAMES.get(name, name.replace("_", " "))
        level = coefficient.level
        if level and level not in (UNWEIGHTED, field.level) and level not in name:
            label += f" ({level})"
        parts.append(f"{label} {_with_interval(coefficient)}")
    return ", ".join(parts)


def _threshold(field: FieldResult, gates: bool = True) -> str:
    threshold = field.threshold
    if threshold.status == "none" or not gates:
        return ""
    limits = []
    if threshold.fail_below is not None:
        limits.append(f"fail below {threshold.fail_below:g}")
    if threshold.warn_below is not None:
        limits.append(f"warn below {threshold.warn_below:g}")
    gated = ""
    if threshold.coefficient != "krippendorff_alpha":
        gated = f" {threshold.coefficient} {_with_interval(field.agreement.get(threshold.coefficient))},"
    return f"  [{threshold.status.upper()}:{gated} {', '.join(limits)}]"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _field_lines(field: FieldResult, gates: bool = True) -> list[str]:
    alpha = field.agreement.get("krippendorff_alpha")
    percent = field.agreement.get("percent_agreement")
    lines = [
        (
            f"  {field.id} ({field.kind}, {field.level}): "
            f"alpha {_with_interval(alpha)}{_threshold(field, gates)}"
        ),
        (
            f"    percent agreement {_number(percent)}; {_count(field.items, 'item')}, "
            f"{_count(field.annotations, 'annotation')}, {_count(field.annotators, 'annotator')}"
        ),
    ]

    others = _other_coefficients(field)
    if others:
        lines.append(f"    other coefficients: {others}")

    if field.excluded:
        parts = ", ".join(f"{count:,} {reason.replace('_', ' ')}" for reason, count in field.excluded.items())
        lines.append(f"    left out of agreement: {parts}")
    gold = field.gold
    if gold is not None and gold.majority_agreement is not None:
        lines.append(
            f"    majority answer equals gold on {gold.majority_agreement:.1%} of "
            f"{gold.items - gold.majority_ties:,} items ({gold.majority_ties:,} ties not counted)"
        )
    if gold is not None and gold.correlation is not None:
        lines.append(
            f"    item mean vs gold over {gold.items:,} items: Pearson r {gold.correlation:.3f}, "
            f"mean absolute error {gold.mean_absolute_error:.3g}"
        )
    ranked = sorted(
        (entry for entry in field.per_annotator if entry.alpha.value is not None),
        key=lambda entry: (entry.alpha.value, entry.annotator),
    )
    if ranked:
        lowest = ", ".join(
            f"{entry.annotator} ({entry.alpha.value:.2f}, {entry.annotations} items)"
            for entry in ranked[:LISTED_ANNOTATORS]
        )
        lines.append(f"    lowest agreement with the others: {lowest}")
    for reference in field.references:
        if field.kind == "rating":
            # Exact equality of ratings says little; alpha at the field's level does.
            lines.append(f"    {reference.first} vs {reference.second}: alpha {_number(reference.alpha)} "
                         f"on {reference.items:,} items")
            continue
        kappa = f", kappa {_number(reference.kappa)}" if reference.kappa.value is not None else ""
        share = f"{reference.percent_agreement:.1%}" if reference.percent_agreement is not None else "n/a"
        lines.append(f"    {reference.first} vs {reference.second}: {share} agree on {reference.items:,} items{kappa}")
    if field.slices:
        lines.append("    by slice: " + "; ".join(
            f"{entry.slice} alpha {_number(entry.alpha)} ({entry.items:,} items)" for entry in field.slices[:LISTED_SLICES]
        ) + ("; ..." if len(field.slices) > LISTED_SLICES else ""))
    return lines


def render_text(result: CheckResult) -> str:
    """Render a terminal summary: verdict, findings per code, agreement per field, worst conflicts."""
    lines = [
        f"labelcheck {result.version}: guideline {result.guideline.name} {result.guideline.version}",
    ]
    annotation_inputs = [entry for entry in result.inputs if entry.get("role") == "annotations"]
    # Tool exports count annotation records (several per task); tables count rows.
    records = sum(int(str(entry.get("records") or entry.get("rows", 0))) for entry in annotation_inputs)
    judgements = sum(int(str(entry.get("judgements", 0))) for entry in annotation_inputs)
    lines.append(
        f"read {_count(len(result.inputs), 'file')}: {_count(records, 'annotation record')}, "
        f"{_count(judgements, 'judgement')}"
    )

    counts = result.severity_counts
    gating_errors = _gating_errors(result)
    not_gating = counts.get("error", 0) - gating_errors
    note = f" ({not_gating:,} do not fail `labelcheck {result.command}`)" if not_gating else ""
    lines.append(
        f"findings: {counts.get('error', 0):,} errors{note}, {counts.get('warning', 0):,} warnings, "
        f"{counts.get('info', 0):,} infos"
    )
    for code, count in result.finding_counts.items():
        check = result.checks.get(code, {})
        lines.append(f"  {code} {check.get('slug', '')} ({check.get('severity', '?')}): {count:,}")
    shown = [finding for finding in result.findings if finding.severity.value != "info"][:LISTED_FINDINGS]
    for finding in shown:
        where = finding.file or (f"field {finding.field}" if finding.field else "labelcheck")
        if finding.line is not None:
            where += f":{finding.line}"
        context = ", ".join(
            f"{name} {value}"
            for name, value in (("item", finding.item), ("annotator", finding.annotator))
            if value is not None
        )
        lines.append(f"  {where}: {finding.code} {finding.message}" + (f" ({context})" if context else ""))
    remaining = sum(result.finding_counts.values()) - len(shown) - result.severity_counts.get("info", 0)
    if remaining > 0:
        lines.append(f"  ... and {remaining:,} more warnings and errors; see the JSON or HTML report")

    if result.fields:
        lines.append("agreement:")
        for field in result.fields.values():
            lines.extend(_field_lines(field, result.thresholds_gate))

    if result.conflicts_total:
        listed = result.conflicts if result.command == "conflicts" else result.conflicts[:LISTED_CONFLICTS]
        lines.append(f"conflicts: {result.conflicts_total:,} items with disagreeing annotators; worst:")
        for conflict in listed:
            tally: dict[str, int] = {}
            for label in conflict.labels.values():
                tally[label] = tally.get(label, 0) + 1
            votes = ", ".join(f"{label!r} x{count}" for label, count in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])))
            verdict = "tie" if conflict.tie else f"{conflict.consensus_method} {conflict.consensus!r}"
            gold = f", gold {conflict.gold!r}" if conflict.gold is not None else ""
            lines.append(f"  item {conflict.item} ({conflict.field}): {votes}; {verdict}{gold}")
        if result.conflicts_total > len(listed):
            lines.append(
                f"  ... {result.conflicts_total - len(listed):,} more; `labelcheck conflicts --top N` lists N "
                "(0 for all), --queue FILE writes them"
            )

    if result.passed:
        lines.append("PASSED")
    else:
        lines.append(f"FAILED: {gating_errors:,} error finding(s)")
    return "\n".join(lines) + "\n"


def _gating_errors(result: CheckResult) -> int:
    """Count the error findings that fail this command."""
    return sum(
        count
        for code, count in result.finding_counts.items()
        if result.gates(code) and result.checks.get(code, {}).get("severity") == "error"
    )
