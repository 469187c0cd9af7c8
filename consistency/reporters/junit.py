"""JUnit XML, for CI systems that show test results.

One test suite ``labelcheck`` contains one test case per check code and one
per field threshold. A check fails when it has error findings that fail the
command (``validate`` ignores thresholds, ``agreement`` ignores validation
errors, ``conflicts`` fails on nothing); a threshold fails when the
coefficient is below ``fail_below`` or undefined while ``fail_below`` is set
and the command gates on thresholds. Everything else goes to ``system-out``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from consistency.findings import Finding, Severity
from consistency.reporters.formatting import (
    check_codes,
    location_text,
    threshold_failed,
    threshold_message,
)
from consistency.result import CheckResult

SUITE = "labelcheck"

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters that XML 1.0 forbids even as references, which ElementTree would write unchanged."""


def _clean(element: ET.Element) -> None:
    """Replace characters XML cannot carry with U+FFFD in every text and attribute value."""
    for node in element.iter():
        if node.text:
            node.text = _NOT_XML.sub("\ufffd", node.text)
        for key, value in list(node.attrib.items()):
            node.set(key, _NOT_XML.sub("\ufffd", value))


def _finding_line(finding: Finding) -> str:
    where = location_text(finding)
    return (
        f"{finding.severity.value}: {where}: {finding.message}"
        if where
        else f"{finding.severity.value}: {finding.message}"
    )


def _error_count(result: CheckResult, code: str, listed: list[Finding]) -> int:
    """Count the error findings of a code, including those the listing cap left out."""
    listed_errors = sum(finding.severity is Severity.ERROR for finding in listed)
    if result.checks.get(code, {}).get("severity") == Severity.ERROR.value:
        return max(result.finding_counts.get(code, 0), listed_errors)
    return listed_errors


def _check_case(suite: ET.Element, result: CheckResult, code: str) -> bool:
    meta = result.checks.get(code, {})
    listed = [finding for finding in result.findings if finding.code == code]
    slug = meta.get("slug") or (listed[0].slug if listed else "")
    case = ET.SubElement(
        suite, "testcase", name=f"{code} {slug}".strip(), classname=f"{SUITE}.checks"
    )
    errors = _error_count(result, code, listed) if result.gates(code) else 0
    total = max(result.finding_counts.get(code, 0), len(listed))
    lines = [_finding_line(finding) for finding in listed]
    if total > len(listed):
        lines.append(f"{total - len(listed)} more not listed")
    if errors:
        failure = ET.SubElement(
            case,
            "failure",
            message=f"{errors} error finding{'' if errors == 1 else 's'}",
            type=slug or code,
        )
        failure.text = "\n".join(lines)
    elif lines:
        ET.SubElement(case, "system-out").text = "\n".join(lines)
    return bool(errors)


def render_junit(result: CheckResult) -> str:
    """Render the run as a JUnit XML document with one test suite."""
    root = ET.Element("testsuites", name=SUITE)
    suite = ET.SubElement(root, "testsuite", name=SUITE)
    ET.SubElement(
        ET.SubElement(suite, "properties"),
        "property",
        name="guideline",
        value=f"{result.guideline.name} {result.guideline.version}",
    )

    tests = 0
    failures = 0
    for code in check_codes(result):
        tests += 1
        failures += _check_case(suite, result, code)

    for field_id, field in result.fields.items():
        threshold = field.threshold
        if threshold.warn_below is None and threshold.fail_below is None:
            continue
        tests += 1
        case = ET.SubElement(
            suite, "testcase", name=f"agreement {field_id}", classname=f"{SUITE}.thresholds"
        )
        message = threshold_message(field_id, field)
        if threshold_failed(field) and result.thresholds_gate:
            failures += 1
            ET.SubElement(case, "failure", message=message, type="threshold").text = message
        else:
            ET.SubElement(case, "system-out").text = message

    for element in (root, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", "0")
        element.set("skipped", "0")
    _clean(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
