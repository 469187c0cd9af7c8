"""GitHub-flavoured Markdown for pull request comments and job summaries."""

from __future__ import annotations

import re
from collections.abc import Sequence

from consistency.reporters.formatting import (
    COEFFICIENT_TITLES,
    DASH,
    INLINE_LABELS,
    coefficient_text,
    confidence_text,
    consensus_text,
    gate_coefficient,
    group_by_code,
    interval_text,
    number,
    percent_coefficient_text,
    severity_summary,
    tally_text,
    thresholds_failed_text,
    verdict,
)
from consistency.result import CheckResult, Conflict, FieldResult

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_NEWLINE = re.compile(r"\r\n|\r|\n")


def escape(text: str) -> str:
    r"""Escape text for a GFM paragraph or table cell.

    Markdown punctuation gets a backslash, so labels and messages print
    literally; a ``|`` cannot end the cell and newlines become ``<br>``.

    NOTE: GitHub still turns ``@name`` into a mention in a comment, because
    escaping does not stop mentions; annotator names are printed as they are.

    >>> escape("a|b\nc")
    'a\\|b<br>c'
    >>> escape("<b>x</b>")
    '\\<b\\>x\\</b\\>'
    """
    return _NEWLINE.sub("<br>", _SPECIAL.sub(r"\\\1", text))


def _table(
    header: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool]
) -> list[str]:
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---:" if right else "---" for right in numeric) + "|")
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _verdict_line(result: CheckResult) -> str:
    guideline = result.guideline
    name = escape(guideline.name) + " " + escape(guideline.version)
    if guideline.title:
        name += f" ({escape(guideline.title)})"
    failed = thresholds_failed_text(result)
    thresholds = f"; {failed}" if failed else ""
    return (
        f"**{verdict(result)}**: guideline {name}, labelcheck {escape(result.version)}. "
        f"Findings: {severity_summary(result)}{thresholds}."
    )


def _field_row(field_id: str, field: FieldResult) -> list[str]:
    threshold = field.threshold
    gate = gate_coefficient(field)
    value = coefficient_text(gate) if gate is not None else number(threshold.value)
    percent = field.agreement.get("percent_agreement")
    return [
        escape(field_id),
        escape(field.kind),
        escape(threshold.coefficient),
        escape(value),
        interval_text(gate),
        threshold.status,
        number(threshold.warn_below),
        number(threshold.fail_below),
        escape(percent_coefficient_text(percent)) if percent is not None else DASH,
        str(field.items),
        str(field.annotations),
        str(field.annotators),
    ]


def _coefficient_lines(field_id: str, field: FieldResult) -> list[str]:
    """Format a heading line and a table of every coefficient of one field."""
    heading = f"**{escape(field_id)}**"
    bootstrap = field.bootstrap
    confidence = confidence_text(field)
    if bootstrap is not None and confidence:
        heading += (
            f" ({confidence} bootstrap intervals, {bootstrap.resamples:,} resamples, "
            f"seed {bootstrap.seed})"
        )
    rows = []
    for name, coefficient in field.agreement.items():
        value = (
            percent_coefficient_text(coefficient)
            if name == "percent_agreement"
            else coefficient_text(coefficient)
        )
        title = COEFFICIENT_TITLES.get(name, name)
        rows.append([escape(title), escape(value), interval_text(coefficient)])
    return [heading, "", *_table(["Coefficient", "Value", "Interval"], rows, [False, True, False])]


def _labels_text(conflict: Conflict) -> str:
    if len(conflict.labels) <= INLINE_LABELS:
        return ", ".join(
            f"{escape(annotator)}: {escape(label)}"
            for annotator, label in sorted(conflict.labels.items())
        )
    return escape(tally_text(conflict.labels))


def _conflict_row(conflict: Conflict) -> list[str]:
    return [
        escape(conflict.item),
        escape(conflict.field),
        number(conflict.disagreement),
        escape(consensus_text(conflict)),
        escape(conflict.gold) if conflict.gold is not None else DASH,
        _labels_text(conflict),
    ]


def render_markdown(result: CheckResult) -> str:
    """Render the verdict, the agreement table, finding counts per code and the worst conflicts."""
    lines = [f"## labelcheck: {verdict(result)}", "", _verdict_line(result), ""]

    lines += ["### Agreement", ""]
    if result.fields:
        header = [
            "Field",
            "Kind",
            "Coefficient",
            "Value",
            "Interval",
            "Status",
            "warn_below",
            "fail_below",
            "Percent agreement",
            "Items",
            "Annotations",
            "Annotators",
        ]
        numeric = [False, False, False, True, False, False, True, True, True, True, True, True]
        rows = [_field_row(field_id, field) for field_id, field in result.fields.items()]
        lines += _table(header, rows, numeric)
    else:
        lines.append("No field was measured.")
    lines.append("")

    measured = [(field_id, field) for field_id, field in result.fields.items() if field.agreement]
    if measured:
        lines += ["<details><summary>Every coefficient per field</summary>", ""]
        for field_id, field in measured:
            lines += [*_coefficient_lines(field_id, field), ""]
        lines += ["</details>", ""]

    lines += ["### Findings", ""]
    groups = group_by_code(result)
    if groups:
        rows = [[escape(g.code), escape(g.slug), escape(g.severity), str(g.total)] for g in groups]
        lines += _table(["Code", "Slug", "Severity", "Count"], rows, [False, False, False, True])
    else:
        lines.append("No findings.")
    lines.append("")

    listed = result.conflicts
    lines += [f"### Worst conflicts ({len(listed)} of {result.conflicts_total})", ""]
    if listed:
        header = ["Item", "Field", "Disagreement", "Consensus", "Gold", "Labels"]
        lines += _table(
            header,
            [_conflict_row(conflict) for conflict in listed],
            [False, False, True, False, False, False],
        )
    else:
        lines.append("No conflicting items.")
    return "\n".join(lines) + "\n"
