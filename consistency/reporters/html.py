"""The HTML report: one self-contained file with inline CSS and SVG and no scripts."""

from __future__ import annotations

from consistency.reporters.formatting import (
    group_by_code,
    severity_summary,
    thresholds_failed_text,
    verdict,
)
from consistency.reporters.html_field import field_detail
from consistency.reporters.html_view import conflict_row, input_rows
from consistency.reporters.templating import make_environment
from consistency.result import CheckResult

TEMPLATE = "report.html.j2"


def render_html(result: CheckResult) -> str:
    """Render the HTML report of a run.

    The page loads nothing from the network: styles and charts are inline
    and it contains no script. Every text taken from the data (labels, item
    ids, annotator names, messages, file names) is HTML-escaped.
    """
    template = make_environment().get_template(TEMPLATE)
    fields = [
        field_detail(field_id, field, f"field-{index}")
        for index, (field_id, field) in enumerate(result.fields.items(), start=1)
    ]
    return template.render(
        result=result,
        verdict=verdict(result),
        severity_summary=severity_summary(result),
        thresholds_failed=thresholds_failed_text(result),
        inputs=input_rows(result.inputs),
        fields=fields,
        groups=group_by_code(result),
        findings_total=sum(result.finding_counts.values()),
        conflicts=[conflict_row(conflict) for conflict in result.conflicts],
    )
