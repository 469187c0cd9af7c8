"""GitHub Actions workflow commands: one annotation per listed finding and per threshold outcome.

GitHub shows ``::error``, ``::warning`` and ``::notice`` lines printed by a
step as annotations on the run and, when ``file`` and ``line`` point into
the repository, on the changed files of a pull request.
"""

from __future__ import annotations

from consistency.findings import Finding, Severity
from consistency.reporters.formatting import (
    severity_summary,
    threshold_failed,
    threshold_message,
    thresholds_failed_text,
    verdict,
)
from consistency.result import CheckResult

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
"""Workflow command for each severity."""


def escape_data(text: str) -> str:
    """Escape a command's message the way the GitHub Actions toolkit does.

    >>> escape_data("50% done\\nnext")
    '50%25 done%0Anext'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value such as ``file`` or ``title``.

    Besides what :func:`escape_data` escapes, ``:`` and ``,`` would end the value.

    >>> escape_property("a,b: c")
    'a%2Cb%3A c'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: str | int | None) -> str:
    """Format one workflow command, leaving out properties whose value is ``None``."""
    parts = [
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    ]
    head = f"::{name} {','.join(parts)}" if parts else f"::{name}"
    return f"{head}::{escape_data(message)}"


def _finding_message(finding: Finding) -> str:
    # The location columns that file and line cannot carry go in front of
    # the message, so an annotation without a file still shows the location.
    context = [
        f"{name} {value}"
        for name, value in (
            ("item", finding.item),
            ("annotator", finding.annotator),
            ("field", finding.field),
        )
        if value is not None
    ]
    return f"{', '.join(context)}: {finding.message}" if context else finding.message


def finding_command(finding: Finding, gating: bool = True) -> str:
    """Format one finding as an ``error``, ``warning`` or ``notice`` command.

    An error that does not fail the command (``gating`` false) is shown as a warning.
    """
    kind = COMMANDS[finding.severity]
    if kind == "error" and not gating:
        kind = "warning"
    return command(
        kind,
        _finding_message(finding),
        file=finding.file,
        line=finding.line if finding.file is not None else None,
        title=f"{finding.code} {finding.slug}",
    )


def render_github(result: CheckResult) -> str:
    """Render listed findings and threshold outcomes as workflow commands, then a summary line."""
    lines = [finding_command(finding, result.gates(finding.code)) for finding in result.findings]

    for field_id, field in result.fields.items():
        status = field.threshold.status
        title = f"labelcheck threshold {field_id}"
        if threshold_failed(field) and result.thresholds_gate:
            lines.append(command("error", threshold_message(field_id, field), title=title))
        elif status in ("warn", "undefined", "fail"):
            lines.append(command("warning", threshold_message(field_id, field), title=title))

    total = sum(result.finding_counts.values())
    failed = thresholds_failed_text(result)
    summary = (
        f"labelcheck {verdict(result)}: "
        f"guideline {result.guideline.name} {result.guideline.version}; "
        f"{total} findings ({severity_summary(result)}), "
        f"{len(result.findings)} listed as annotations"
    )
    if failed:
        summary += f"; {failed}"
    # A plain log line: a newline in the guideline name must not start a
    # line that GitHub would read as a command.
    lines.append(summary.replace("\r", " ").replace("\n", " "))
    return "\n".join(lines) + "\n"
