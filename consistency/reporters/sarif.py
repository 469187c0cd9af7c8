"""SARIF 2.1.0, the format code scanning tools read.

One run whose driver ``labelcheck`` declares a rule per check code. Each
listed finding is a result; its file and line become a physical location,
and item, annotator and field a logical location and result properties.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from consistency.findings import Finding, Severity
from consistency.reporters.formatting import check_codes
from consistency.result import CheckResult

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
"""Schema URI that SARIF files name in ``$schema``. Nothing is fetched from it."""
_WINDOWS_ABSOLUTE = re.compile(r"^([A-Za-z]:[\\/]|\\\\)")
"""A drive letter followed by a separator, or a UNC path."""
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
"""SARIF result level of each severity."""


def artifact_uri(path: str) -> str:
    r"""Convert a file path into a SARIF artifact URI.

    A relative path becomes a relative URI reference with ``/`` separators;
    an absolute one a ``file://`` URI. A backslash counts as a separator,
    so Windows paths convert too. Characters that URIs reserve are
    percent-encoded.

    >>> artifact_uri("exports/batch 1.csv")
    'exports/batch%201.csv'
    >>> artifact_uri("/data/a,b.csv")
    'file:///data/a%2Cb.csv'
    >>> artifact_uri("C:\\data\\x.csv")
    'file:///C:/data/x.csv'
    """
    if _WINDOWS_ABSOLUTE.match(path):
        return PureWindowsPath(path).as_uri()
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        return posix.as_uri()
    return quote(str(posix), safe="/")


def _rule(code: str, meta: dict[str, str], finding: Finding | None) -> dict[str, Any]:
    slug = meta.get("slug") or (finding.slug if finding else code)
    rule: dict[str, Any] = {"id": code, "name": slug}
    description = meta.get("description")
    rule["shortDescription"] = {"text": description or slug}
    severity = meta.get("severity") or (finding.severity.value if finding else None)
    if severity in {member.value for member in Severity}:
        rule["defaultConfiguration"] = {"level": LEVELS[Severity(severity)]}
    return rule


def _location(finding: Finding) -> dict[str, Any] | None:
    location: dict[str, Any] = {}
    if finding.file is not None:
        physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(finding.file)}}
        if finding.line is not None and finding.line >= 1:
            physical["region"] = {"startLine": finding.line}
        location["physicalLocation"] = physical
    if finding.item is not None or finding.field is not None:
        parts = [part for part in (finding.field, finding.item) if part is not None]
        logical: dict[str, Any] = {
            "name": finding.item if finding.item is not None else finding.field
        }
        logical["fullyQualifiedName"] = "/".join(parts)
        logical["kind"] = "item" if finding.item is not None else "field"
        location["logicalLocations"] = [logical]
    return location or None


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
    }
    location = _location(finding)
    if location is not None:
        entry["locations"] = [location]
    properties = {
        name: value
        for name, value in (
            ("item", finding.item),
            ("annotator", finding.annotator),
            ("field", finding.field),
        )
        if value is not None
    }
    if properties:
        entry["properties"] = properties
    return entry


def sarif_log(result: CheckResult) -> dict[str, Any]:
    """Build the SARIF log of a run as a JSON-ready dictionary."""
    first_by_code: dict[str, Finding] = {}
    for finding in result.findings:
        first_by_code.setdefault(finding.code, finding)
    codes = sorted(set(check_codes(result)) | set(first_by_code))
    rules = [_rule(code, result.checks.get(code, {}), first_by_code.get(code)) for code in codes]
    index = {code: position for position, code in enumerate(codes)}

    run: dict[str, Any] = {
        "tool": {"driver": {"name": "labelcheck", "version": result.version, "rules": rules}},
        "results": [_result(finding, index[finding.code]) for finding in result.findings],
        "properties": {
            "passed": result.passed,
            "guideline": {"name": result.guideline.name, "version": result.guideline.version},
            "findings": sum(result.finding_counts.values()),
            "findingsOmitted": result.findings_omitted,
        },
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(result: CheckResult) -> str:
    """Render the SARIF log as indented JSON."""
    return json.dumps(sarif_log(result), indent=2, ensure_ascii=False) + "\n"
