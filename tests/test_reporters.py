"""Reporters: every format built from one hand-made result, with hostile text in the data."""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from consistency.findings import Finding, Severity
from consistency.reporters import REPORTERS, default_format, get_reporter
from consistency.reporters.github import escape_property, render_github
from consistency.reporters.html import render_html
from consistency.reporters.junit import render_junit
from consistency.reporters.markdown import escape, render_markdown
from consistency.reporters.sarif import render_sarif
from consistency.reporters.templating import make_environment
from consistency.result import (
    AnnotatorAgreement,
    CheckResult,
    Coefficient,
    Conflict,
    FieldResult,
    GoldSummary,
    GuidelineInfo,
    LabelAgreement,
    ThresholdStatus,
)

SCRIPT_LABEL = "<script>alert(1)</script>"
BOLD_ANNOTATOR = "<b>x</b>"
NEWLINE_MESSAGE = "unknown label 'positve'\nfor field intent; did you mean 'positive'?"


def alpha(value: float | None, reason: str | None = None) -> Coefficient:
    return Coefficient(value, "nominal", reason)


def intent_field() -> FieldResult:
    return FieldResult(
        id="intent",
        kind="single",
        level="nominal",
        items=10,
        annotations=27,
        annotators=3,
        excluded={"invalid": 2, "single_annotation": 1, "repeated": 0},
        agreement={
            "krippendorff_alpha": Coefficient(0.612, "nominal", None, (0.5, 0.7)),
            "percent_agreement": Coefficient(0.75, "nominal"),
        },
        threshold=ThresholdStatus("krippendorff_alpha", 0.612, 0.8, 0.667, "fail"),
        label_counts={"billing": 14, "account": 11, SCRIPT_LABEL: 2},
        per_label=[
            LabelAgreement("billing", "Billing", 14, alpha(0.7)),
            LabelAgreement("account", "Account", 11, alpha(0.5)),
            LabelAgreement(
                SCRIPT_LABEL, "Injected", 2, alpha(None, "label used by one annotator only")
            ),
        ],
        per_annotator=[
            AnnotatorAgreement("ann", 10, 18, alpha(0.8), 0.8, 0.9, 10),
            AnnotatorAgreement(BOLD_ANNOTATOR, 9, 17, alpha(0.4), 0.6),
            AnnotatorAgreement(
                "cy", 8, 0, alpha(None, "shares no item with another annotator"), None
            ),
        ],
        gold=GoldSummary(items=10, majority_agreement=0.9, majority_ties=1),
        title="Intent",
    )


def severity_field() -> FieldResult:
    undefined = Coefficient(None, "interval", "only one annotator")
    return FieldResult(
        id="severity",
        kind="rating",
        level="interval",
        items=4,
        annotations=4,
        annotators=1,
        excluded={},
        agreement={
            "krippendorff_alpha": undefined,
            "percent_agreement": Coefficient(None, "nominal", "only one annotator"),
        },
        threshold=ThresholdStatus("krippendorff_alpha", None, None, 0.5, "undefined"),
    )


FINDINGS = [
    Finding(
        "LC101",
        "unknown-label",
        Severity.ERROR,
        NEWLINE_MESSAGE,
        "exports/a,b.csv",
        4,
        "7",
        BOLD_ANNOTATOR,
        "intent",
    ),
    Finding(
        "LC101",
        "unknown-label",
        Severity.ERROR,
        f"unknown label {SCRIPT_LABEL!r}",
        "exports/a,b.csv",
        9,
        "8",
        "ann",
        "intent",
    ),
    Finding(
        "LC201",
        "duplicate",
        Severity.WARNING,
        "50% of the row repeats line 2",
        "batch.csv",
        3,
        "2",
        "cy",
    ),
    Finding(
        "LC301",
        "deprecated-label",
        Severity.INFO,
        "label 'acct' is deprecated",
        None,
        None,
        "9",
        None,
        "intent",
    ),
]

CHECKS = {
    "LC101": {
        "slug": "unknown-label",
        "severity": "error",
        "description": "A value is not a label of the field.",
    },
    "LC102": {
        "slug": "missing-value",
        "severity": "error",
        "description": "A required field has no value.",
    },
    "LC201": {
        "slug": "duplicate",
        "severity": "warning",
        "description": "The same annotation appears twice.",
    },
    "LC301": {
        "slug": "deprecated-label",
        "severity": "info",
        "description": "A deprecated label is used.",
    },
}

TIE = Conflict(
    "7",
    "intent",
    {"ann": "billing", BOLD_ANNOTATOR: "account"},
    None,
    True,
    ["account", "billing"],
    1.25,
    2,
    gold="billing",
)
MAJORITY = Conflict(
    "8|pipe",
    "intent",
    {"ann": "billing", "bob": "billing", "cy": SCRIPT_LABEL},
    "billing",
    False,
    ["billing"],
    0.5,
    3,
)
CROWD = Conflict(
    "9", "intent", {f"a{n}": ("1" if n < 5 else "0") for n in range(8)}, "1", False, ["1"], 0.4, 8
)


def make_result(**changes: object) -> CheckResult:
    result = CheckResult(
        command="check",
        passed=False,
        guideline=GuidelineInfo(
            "support-intents", "2.1.0", "Customer support intents", "guideline.yaml"
        ),
        inputs=[
            {
                "file": "exports/a,b.csv",
                "format": "csv",
                "layout": "long",
                "role": "annotations",
                "rows": 27,
                "judgements": 31,
            },
            {
                "file": "gold.csv",
                "format": "csv",
                "layout": "long",
                "role": "gold",
                "rows": 10,
                "judgements": 10,
            },
        ],
        findings=list(FINDINGS),
        finding_counts={"LC101": 5, "LC201": 1, "LC301": 1},
        severity_counts={"error": 5, "warning": 1, "info": 1},
        findings_omitted=3,
        fields={"intent": intent_field(), "severity": severity_field()},
        conflicts=[TIE, MAJORITY, CROWD],
        conflicts_total=12,
        version="0.1.0",
        checks=CHECKS,
        gating_codes=["LC101", "LC201", "LC301"],
    )
    return replace(result, **changes)  # type: ignore[arg-type]


# --- registry -------------------------------------------------------------------------------------


def test_registry_names() -> None:
    assert set(REPORTERS) == {"text", "json", "markdown", "junit", "github", "sarif", "html"}


def test_get_reporter_unknown_name() -> None:
    with pytest.raises(KeyError) as caught:
        get_reporter("xml")
    assert "'xml'" in str(caught.value)
    assert "html, json, junit" in str(caught.value)


def test_default_format_under_actions() -> None:
    assert default_format({"GITHUB_ACTIONS": "true"}) == "github"
    assert default_format({"GITHUB_ACTIONS": "false"}) == "text"
    assert default_format({}) == "text"


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_every_reporter_renders(name: str) -> None:
    output = get_reporter(name)(make_result())
    assert output.endswith("\n")
    assert not re.search(r"\bnan\b", output, re.IGNORECASE)


def test_environment_escapes_and_is_strict() -> None:
    environment = make_environment()
    assert environment.from_string("{{ x }}").render(x="<i>") == "&lt;i&gt;"
    with pytest.raises(Exception, match="missing"):
        environment.from_string("{{ missing }}").render()


# --- HTML -----------------------------------------------------------------------------------------

VOID = {"meta", "br", "hr", "img", "input", "link", "circle", "line", "rect"}


class TagBalance(HTMLParser):
    """Record unbalanced tags and every attribute, to check the page's structure."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.extend((tag, name, value or "") for name, value in attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()


def parse(page: str) -> TagBalance:
    parser = TagBalance()
    parser.feed(page)
    parser.close()
    return parser


def test_html_tags_balanced() -> None:
    parser = parse(render_html(make_result()))
    assert parser.errors == []
    assert parser.stack == []


def test_html_escapes_data() -> None:
    page = render_html(make_result())
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert BOLD_ANNOTATOR not in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page


def test_html_loads_nothing_from_network() -> None:
    page = render_html(make_result())
    assert "http://" not in page
    assert "https://" not in page
    attributes = parse(page).attributes
    assert [value for _, name, value in attributes if name == "src"] == []
    assert all(value.startswith("#") for _, name, value in attributes if name == "href")


def test_html_verdict_badge() -> None:
    assert ">FAIL</span>" in render_html(make_result())
    assert ">PASS</span>" in render_html(make_result(passed=True))


def test_html_svg_numbers_finite() -> None:
    geometry = {"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height"}
    attributes = parse(render_html(make_result())).attributes
    numbers = [
        value
        for tag, name, value in attributes
        if name in geometry and tag in {"svg", "rect", "line", "circle", "text"}
    ]
    assert len(numbers) > 50
    for value in numbers:
        assert math.isfinite(float(value)), value


def test_html_undefined_reason_in_words() -> None:
    page = render_html(make_result())
    assert "undefined (only one annotator)" in page
    assert "undefined (shares no item with another annotator)" in page
    assert "undefined (label used by one annotator only)" in page


def test_html_summary_content() -> None:
    page = render_html(make_result())
    assert "0.612" in page
    assert "[0.500, 0.700]" in page
    assert "75.0%" in page
    assert 'class="status st-fail">fail<' in page
    assert 'class="status st-undefined">undefined<' in page
    assert (
        '<code>invalid</code>: 2 <span class="note">(value is not valid for the field)</span>'
        in page
    )
    assert "repeated" not in page.split('id="fields"')[0]  # zero counts are left out


def test_html_annotators_lowest_alpha_first() -> None:
    page = render_html(make_result())
    table = page.split("Per annotator")[1]
    assert table.index("&lt;b&gt;x&lt;/b&gt;") < table.index(">ann<") < table.index(">cy<")


def test_html_annotators_capped() -> None:
    crowd = [AnnotatorAgreement(f"r{n:03d}", 5, 5, alpha(n / 300), 0.5) for n in range(205)]
    field = replace(intent_field(), per_annotator=crowd)
    page = render_html(make_result(fields={"intent": field}))
    assert "5 more not shown." in page
    assert ">r199<" in page
    assert ">r200<" not in page


def test_html_findings_grouped() -> None:
    page = render_html(make_result())
    assert "3 more not listed." in page
    assert "A value is not a label of the field." in page
    assert "exports/a,b.csv:4" in page
    assert page.index(">LC101</code>") < page.index(">LC201</code>") < page.index(">LC301</code>")


def test_html_conflicts() -> None:
    page = render_html(make_result())
    assert "3 of 12 conflicting items listed" in page
    assert "tie: account / billing" in page
    assert "<details><summary>1 ×5, 0 ×3 (8 annotations)</summary>" in page
    assert "8|pipe" in page


# --- JUnit ----------------------------------------------------------------------------------------


def test_junit_failures() -> None:
    root = ET.fromstring(render_junit(make_result()))
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("name") == "labelcheck"
    names = [case.get("name") for case in suite.iter("testcase")]
    assert names == [
        "LC101 unknown-label",
        "LC102 missing-value",
        "LC201 duplicate",
        "LC301 deprecated-label",
        "agreement intent",
        "agreement severity",
    ]
    failed = [
        case.get("name") for case in suite.iter("testcase") if case.find("failure") is not None
    ]
    assert failed == ["LC101 unknown-label", "agreement intent", "agreement severity"]
    assert suite.get("tests") == "6"
    assert suite.get("failures") == "3"


def test_junit_failure_body() -> None:
    suite = ET.fromstring(render_junit(make_result())).find("testsuite")
    assert suite is not None
    failure = suite.find("testcase[@name='LC101 unknown-label']/failure")
    assert failure is not None
    assert failure.get("message") == "5 error findings"
    assert failure.text is not None
    assert BOLD_ANNOTATOR in failure.text
    assert "3 more not listed" in failure.text


def test_junit_control_characters() -> None:
    finding = replace(FINDINGS[0], message="bad\x01byte")
    root = ET.fromstring(render_junit(make_result(findings=[finding])))
    assert "bad\ufffdbyte" in ET.tostring(root, encoding="unicode")


def test_junit_warn_passes() -> None:
    warned = replace(
        intent_field(), threshold=ThresholdStatus("krippendorff_alpha", 0.7, 0.8, 0.667, "warn")
    )
    suite = ET.fromstring(
        render_junit(make_result(fields={"intent": warned}, findings=[], finding_counts={}))
    ).find("testsuite")
    assert suite is not None
    assert suite.get("failures") == "0"


# --- SARIF ----------------------------------------------------------------------------------------


def test_sarif_results_and_levels() -> None:
    log = json.loads(render_sarif(make_result()))
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "labelcheck"
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == [
        "LC101",
        "LC102",
        "LC201",
        "LC301",
    ]
    assert [result["level"] for result in run["results"]] == ["error", "error", "warning", "note"]


def test_sarif_locations() -> None:
    run = json.loads(render_sarif(make_result()))["runs"][0]
    first = run["results"][0]
    physical = first["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "exports/a%2Cb.csv"
    assert physical["region"]["startLine"] == 4
    assert first["properties"] == {"item": "7", "annotator": BOLD_ANNOTATOR, "field": "intent"}
    assert first["ruleIndex"] == 0
    info = run["results"][3]
    assert "physicalLocation" not in info["locations"][0]
    assert info["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "intent/9"


def test_sarif_rule_metadata() -> None:
    rules = json.loads(render_sarif(make_result()))["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["name"] == "unknown-label"
    assert rules[0]["shortDescription"]["text"] == "A value is not a label of the field."
    assert rules[3]["defaultConfiguration"]["level"] == "note"


# --- GitHub ---------------------------------------------------------------------------------------


def test_github_escape_property() -> None:
    assert escape_property("a:b,c%\r\n") == "a%3Ab%2Cc%25%0D%0A"


def test_github_lines() -> None:
    lines = render_github(make_result()).splitlines()
    assert len(lines) == 4 + 2 + 1
    assert lines[0] == (
        "::error file=exports/a%2Cb.csv,line=4,title=LC101 unknown-label::"
        "item 7, annotator <b>x</b>, field intent: "
        "unknown label 'positve'%0Afor field intent; did you mean 'positive'?"
    )
    assert lines[2].startswith("::warning file=batch.csv,line=3,title=LC201 duplicate::")
    assert lines[2].endswith("50%25 of the row repeats line 2")
    assert (
        lines[3]
        == "::notice title=LC301 deprecated-label::item 9, field intent: label 'acct' is deprecated"
    )


def test_github_threshold_lines() -> None:
    lines = render_github(make_result()).splitlines()
    assert lines[4] == (
        "::error title=labelcheck threshold intent::"
        "field intent: krippendorff_alpha 0.612 is below fail_below 0.667"
    )
    assert lines[5] == (
        "::error title=labelcheck threshold severity::"
        "field severity: krippendorff_alpha is undefined (only one annotator); "
        "thresholds fail_below 0.500"
    )
    assert lines[6].startswith("labelcheck FAILED: guideline support-intents 2.1.0; 7 findings")


# --- Markdown -------------------------------------------------------------------------------------


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", line))


def test_markdown_escape() -> None:
    assert escape("a|b\nc") == "a\\|b<br>c"
    assert escape("x\\|y") == "x\\\\\\|y"


def test_markdown_tables_escaped() -> None:
    text = render_markdown(make_result())
    assert "**FAILED**" in text.splitlines()[2]
    assert "8\\|pipe" in text
    assert BOLD_ANNOTATOR not in text
    assert "\\<b\\>x\\</b\\>" in text
    for block in text.split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        if rows:
            assert {unescaped_pipes(row) for row in rows} == {unescaped_pipes(rows[0])}, block


def test_markdown_content() -> None:
    text = render_markdown(make_result())
    assert (
        "| intent | single | krippendorff\\_alpha | 0.612 | fail "
        "| 0.800 | 0.667 | 75.0% | 10 | 27 | 3 |" in text
    )
    assert "| LC101 | unknown-label | error | 5 |" in text
    assert "undefined (only one annotator)" in text
    assert "tie: account / billing" in text
    assert "1 ×5, 0 ×3" in text
    assert "### Worst conflicts (3 of 12)" in text


def test_markdown_lists_every_listed_conflict() -> None:
    many = [replace(MAJORITY, item=f"item-{n}") for n in range(12)]
    text = render_markdown(make_result(conflicts=many, conflicts_total=30))
    assert "### Worst conflicts (12 of 30)" in text
    assert "item-11" in text


def test_html_nan_values_guarded() -> None:
    field = replace(
        intent_field(),
        agreement={"krippendorff_alpha": Coefficient(float("nan"), "nominal")},
        threshold=ThresholdStatus("krippendorff_alpha", float("nan"), 0.8, 0.667, "undefined"),
        per_label=[LabelAgreement("a", "A", 0, alpha(float("inf")))],
        per_annotator=[AnnotatorAgreement("ann", 1, 0, alpha(float("-inf")), float("nan"))],
    )
    conflict = replace(TIE, disagreement=float("nan"))
    page = render_html(make_result(fields={"intent": field}, conflicts=[conflict]))
    assert not re.search(r"\bnan\b|\binf\b", page, re.IGNORECASE)
    assert "undefined (no finite value)" in page
    attributes = parse(page).attributes
    for tag, name, value in attributes:
        if tag in {"rect", "line", "circle", "text"} and name in {"x", "x1", "x2", "cx", "width"}:
            assert math.isfinite(float(value)), (tag, name, value)


def test_junit_ignores_findings_that_do_not_gate() -> None:
    result = make_result(command="agreement", gating_codes=["LC301"])
    root = ET.fromstring(render_junit(result).split("\n", 1)[1])
    failed = [case.get("name") for case in root.iter("testcase") if case.find("failure") is not None]
    assert not any(str(name).startswith("LC101") for name in failed)


def test_github_downgrades_non_gating_errors() -> None:
    result = make_result(command="conflicts", gating_codes=[])
    output = render_github(result)
    assert "::error" not in output
