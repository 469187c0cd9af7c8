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
from consistency.reporters.heatmap import DIVERGING, CellInput, build_heatmap, sequential
from consistency.reporters.html import render_html
from consistency.reporters.junit import render_junit
from consistency.reporters.markdown import escape, render_markdown
from consistency.reporters.sarif import render_sarif
from consistency.reporters.templating import make_environment
from consistency.reporters.text import render_text
from consistency.result import (
    AnnotatorAgreement,
    BootstrapSummary,
    CheckResult,
    Coefficient,
    CoincidenceSummary,
    Conflict,
    ConfusedPair,
    FieldResult,
    GoldSummary,
    GuidelineInfo,
    LabelAgreement,
    PairAgreement,
    ReferenceAgreement,
    SliceAgreement,
    ThresholdStatus,
)

SCRIPT_LABEL = "<script>alert(1)</script>"
BOLD_ANNOTATOR = "<b>x</b>"
NEWLINE_MESSAGE = "unknown label 'positve'\nfor field intent; did you mean 'positive'?"


COHEN_REASON = (
    "Cohen's kappa compares exactly two annotators and this field has 3, "
    "so use Fleiss' kappa, Gwet's AC1/AC2 or alpha instead"
)
PAIR_REASON = "only 3 shared item(s), fewer than the 5 required for a pair"
SLICE_REASON = "no item has two or more usable annotations"
CATEGORY_KAPPA_REASON = "category-wise kappa needs the same number of annotations on every item"


def alpha(value: float | None, reason: str | None = None) -> Coefficient:
    return Coefficient(value, "nominal", reason)


def kappa(value: float | None, reason: str | None = None) -> Coefficient:
    return Coefficient(value, "identity", reason)


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
            "cohen_kappa": kappa(None, COHEN_REASON),
            "fleiss_kappa": Coefficient(0.598, "identity", None, (0.49, 0.69)),
            "gwet_ac1": Coefficient(0.65, "identity", None, (0.55, 0.74)),
        },
        threshold=ThresholdStatus("krippendorff_alpha", 0.612, 0.8, 0.667, "fail"),
        label_counts={"billing": 14, "account": 11, SCRIPT_LABEL: 2},
        per_label=[
            LabelAgreement("billing", "Billing", 14, alpha(0.7), kappa(0.69)),
            LabelAgreement("account", "Account", 11, alpha(0.5)),
            LabelAgreement(
                SCRIPT_LABEL,
                "Injected",
                2,
                alpha(None, "label used by one annotator only"),
                kappa(None, CATEGORY_KAPPA_REASON),
            ),
        ],
        per_annotator=[
            AnnotatorAgreement("ann", 10, 18, alpha(0.8), 0.8, 0.9, 10, consensus_agreement=0.875),
            AnnotatorAgreement(BOLD_ANNOTATOR, 9, 17, alpha(0.4), 0.6, consensus_agreement=0.5),
            AnnotatorAgreement(
                "cy", 8, 0, alpha(None, "shares no item with another annotator"), None
            ),
        ],
        gold=GoldSummary(items=10, majority_agreement=0.9, majority_ties=1),
        title="Intent",
        bootstrap=BootstrapSummary(
            "items resampled with replacement, percentile interval", 1000, 7, 0.95, 2, 0.125
        ),
        coincidence=CoincidenceSummary(
            ["billing", "account", SCRIPT_LABEL],
            [[10.0, 3.0, 1.0], [3.0, 6.5, 0.0], [1.0, 0.0, 0.0]],
            [
                ConfusedPair("billing", "account", 6.0, 0.75),
                ConfusedPair("billing", SCRIPT_LABEL, 2.0, 0.25),
            ],
        ),
        pairwise=[
            PairAgreement(BOLD_ANNOTATOR, "ann", 8, 0.75, alpha(0.52)),
            PairAgreement("ann", "cy", 3, 2 / 3, alpha(None, PAIR_REASON)),
        ],
        slices=[
            SliceAgreement("batch-1", 6, 16, 3, alpha(0.7), alpha(0.8125)),
            SliceAgreement(
                "<i>batch-2</i>", 4, 11, 2, alpha(None, SLICE_REASON), alpha(None, SLICE_REASON)
            ),
        ],
        references=[
            ReferenceAgreement("consensus", "gold", 9, 8 / 9, kappa(0.78), alpha(0.77)),
        ],
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


# --- HTML: coefficients, heatmaps, slices ---------------------------------------------------------


def heatmaps(page: str) -> dict[str, str]:
    """Map each heatmap's accessible name to its SVG text."""
    found = re.findall(r'<svg class="heatmap"[^>]*aria-label="([^"]*)".*?</svg>', page, re.DOTALL)
    blocks = re.findall(r'<svg class="heatmap".*?</svg>', page, re.DOTALL)
    return dict(zip(found, blocks))


def table_row(page: str, marker: str) -> str:
    """Return the one table row of the first field's section that contains ``marker``."""
    section = page.split('<article id="field-1">')[1].split("</article>")[0]
    rows = [row for row in re.findall(r"<tr[ >].*?</tr>", section, re.DOTALL) if marker in row]
    assert len(rows) == 1, (marker, rows)
    return rows[0]


def test_html_coefficient_table() -> None:
    page = render_html(make_result())
    fleiss = table_row(page, "<code>fleiss_kappa</code>")
    assert "Fleiss&#39; kappa" in fleiss
    assert ">0.598<" in fleiss
    assert "[0.490, 0.690]" in fleiss
    assert ">identity<" in fleiss
    gate = table_row(page, "<code>krippendorff_alpha</code>")
    assert 'class="gate"' in gate
    assert "[0.500, 0.700]" in gate
    assert "<th>95% interval</th>" in page


def test_html_undefined_coefficient_shows_reason() -> None:
    page = render_html(make_result())
    cohen = table_row(page, "<code>cohen_kappa</code>")
    assert ">undefined<" in cohen
    assert "st-undefined" in cohen
    assert "Cohen&#39;s kappa compares exactly two annotators and this field has 3" in cohen
    assert "nan" not in cohen.lower()


def test_html_bootstrap_note() -> None:
    page = render_html(make_result())
    assert (
        "Intervals: 95% bootstrap (items resampled with replacement, percentile interval), "
        "1,000 resamples, seed 7." in page
    )
    assert "2 resamples without variation in the answers were left out." in page
    assert "P(krippendorff_alpha &lt; 0.667) = 0.125" in page


def test_html_bootstrap_note_without_fail_below() -> None:
    field = intent_field()
    field.threshold = ThresholdStatus("krippendorff_alpha", 0.612, 0.8, None, "warn")
    field.bootstrap = BootstrapSummary("items", 200, 1, 0.9, 0, None)
    page = render_html(make_result(fields={"intent": field}))
    assert "Intervals: 90% bootstrap (items), 200 resamples, seed 1." in page
    assert "<th>90% interval</th>" in page
    assert "P(" not in page
    assert "left out." not in page


def test_html_label_and_annotator_columns() -> None:
    page = render_html(make_result())
    billing = table_row(page, "<td><code>billing</code></td>")
    assert billing.endswith('<td class="num">0.690</td></tr>')
    account = table_row(page, "<td><code>account</code></td>")
    assert account.endswith('<td class="num">–</td></tr>')
    injected = table_row(page, "<td>Injected</td>")
    assert injected.endswith(
        f'<td class="num st-undefined" title="{CATEGORY_KAPPA_REASON}">undefined</td></tr>'
    )
    assert f'<p class="note">Category kappa undefined: {CATEGORY_KAPPA_REASON}.</p>' in page
    ann = table_row(page, "<td>ann</td>")
    assert '<td class="num">87.5%</td>' in ann
    assert "Consensus agreement" in page
    assert "Kappa vs gold" not in page


def test_html_annotator_table_collapses() -> None:
    crowd = [AnnotatorAgreement(f"r{n:02d}", 5, 5, alpha(0.5), 0.5) for n in range(21)]
    page = render_html(make_result(fields={"intent": replace(intent_field(), per_annotator=crowd)}))
    assert "<details><summary>21 annotators: show the table</summary>" in page


def test_html_coincidence_heatmap() -> None:
    svg = heatmaps(render_html(make_result()))["Coincidence matrix of field intent"]
    assert "<script" not in svg
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in svg
    texts = re.findall(r'<text class="cell-text[^"]*"[^>]*>([^<]*)</text>', svg)
    assert texts == ["10", "3", "1", "3", "6.5", "1"]
    assert "row account, column billing: 3 coincidences (31.6% of row account)" in svg
    assert 'fill="#0a3069"' in svg  # the largest cell gets the darkest colour


def test_html_confused_pairs() -> None:
    page = render_html(make_result())
    assert (
        "<li><code>billing</code> and <code>account</code>: 6 coincidences, "
        "75.0% of the off-diagonal coincidences</li>" in page
    )
    assert "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>: 2 coincidences" in page


def test_html_coincidence_capped() -> None:
    labels = [f"l{n:02d}" for n in range(35)]
    # A diagonal matrix whose values grow with the label number: l00 to l04 are the smallest.
    matrix = [[float(n + 1) if row == n else 0.0 for n in range(35)] for row in range(35)]
    field = replace(intent_field(), coincidence=CoincidenceSummary(labels, matrix, []))
    page = render_html(make_result(fields={"intent": field}))
    svg = heatmaps(page)["Coincidence matrix of field intent"]
    names = re.findall(r'text-anchor="end"><title>([^<]*)', svg)
    assert names == labels[5:]
    assert "Showing the 30 of 35 values with the most pairable annotations; 5 are left out" in page


def test_html_pairwise_heatmap() -> None:
    page = render_html(make_result())
    svg = heatmaps(page)["Krippendorff&#39;s alpha per annotator pair of field intent"]
    assert BOLD_ANNOTATOR not in svg
    assert "<title>&lt;b&gt;x&lt;/b&gt;</title>" in svg
    marked = re.findall(r'<rect class="cell-marked"[^>]*><title>([^<]*)</title>', svg)
    assert marked == [
        f"ann and cy: alpha undefined ({PAIR_REASON}); 3 shared items",
        f"cy and ann: alpha undefined ({PAIR_REASON}); 3 shared items",
    ]
    # The pair is marked in both halves of the matrix, and the legend shows one marked cell.
    assert svg.count('<line class="strike"') == 3
    assert svg.count('<rect class="cell-marked"') == 3
    # Pairs without a shared item and the diagonal are not drawn.
    assert svg.count('<rect class="cell-value"') == 2
    assert (
        "&lt;b&gt;x&lt;/b&gt; and ann: alpha 0.520 on 8 shared items, percent agreement 75.0%"
        in svg
    )
    texts = re.findall(r'<text class="cell-text[^"]*"[^>]*>([^<]*)</text>', svg)
    assert texts == ["0.52", "0.52"]
    assert "alpha undefined (hover for the reason)" in svg
    assert "<details><summary>" not in page.split("Alpha per annotator pair")[1].split("</svg>")[0]


def test_html_pairwise_capped_and_collapsed() -> None:
    names = [f"a{n:02d}" for n in range(45)]
    pairs = [
        PairAgreement(first, second, 10, 0.5, alpha(0.25))
        for index, first in enumerate(names)
        for second in names[index + 1 :]
    ]
    # a00 to a04 have the fewest annotations, so they are the ones left out.
    annotators = [
        AnnotatorAgreement(name, 10 + n, 10, alpha(0.5), 0.5) for n, name in enumerate(names)
    ]
    field = replace(intent_field(), pairwise=pairs, per_annotator=annotators, annotators=45)
    page = render_html(make_result(fields={"intent": field}))
    section = page.split("<h4>Alpha per annotator pair</h4>")[1]
    assert "Showing 40 of the field&#39;s 45 annotators" in section
    assert "<details><summary>40 annotators: show the matrix</summary>" in section
    svg = heatmaps(page)["Krippendorff&#39;s alpha per annotator pair of field intent"]
    rows = re.findall(r'text-anchor="end"><title>([^<]*)', svg)
    assert rows == names[5:]
    assert svg.count('<rect class="cell-value"') == 40 * 39


def test_html_heatmap_numbers_finite() -> None:
    field = replace(
        intent_field(),
        coincidence=CoincidenceSummary(
            ["a", "b"], [[float("nan"), 1.0], [1.0, float("inf")]], []
        ),
        pairwise=[PairAgreement("ann", "cy", 9, float("nan"), alpha(float("nan")))],
    )
    page = render_html(make_result(fields={"intent": field}))
    assert not re.search(r"\bnan\b|\binf\b", page, re.IGNORECASE)
    svgs = heatmaps(page)
    assert len(svgs) == 2
    geometry = {"x", "y", "x1", "x2", "y1", "y2", "width", "height"}
    checked = 0
    for svg in svgs.values():
        for name, value in re.findall(r'\s([a-z0-9]+)="([^"]*)"', svg):
            if name in geometry:
                assert math.isfinite(float(value)), (name, value)
                checked += 1
        for arguments in re.findall(r"rotate\(([^)]*)\)", svg):
            assert all(math.isfinite(float(part)) for part in arguments.split()), arguments
    assert checked > 40
    assert "cy and ann: alpha undefined (no finite value); 9 shared items" in page


def test_html_slice_table() -> None:
    page = render_html(make_result())
    first = table_row(page, "<code>batch-1</code>")
    assert first == (
        '<tr><td><code>batch-1</code></td><td class="num">6</td><td class="num">16</td>'
        '<td class="num">3</td><td class="num">0.700</td><td class="num">81.2%</td></tr>'
    )
    second = table_row(page, "<code>&lt;i&gt;batch-2&lt;/i&gt;</code>")
    assert f"undefined ({SLICE_REASON})" in second
    assert "st-undefined" in second


def test_html_slice_table_only_with_slices() -> None:
    page = render_html(make_result(fields={"intent": replace(intent_field(), slices=[])}))
    assert "Per slice" not in page


def test_html_reference_table() -> None:
    page = render_html(make_result())
    row = table_row(page, "<td>consensus</td>")
    assert "<td>gold</td>" in row
    assert '<td class="num">88.9%</td>' in row
    assert '<td class="num">0.780</td><td>identity</td><td class="num">0.770</td>' in row


def test_html_gold_and_predictions() -> None:
    rating = replace(
        severity_field(),
        gold=GoldSummary(4, None, 0, correlation=0.8125, mean_absolute_error=1.5),
        predictions=GoldSummary(4, 0.75, 1),
    )
    page = render_html(make_result(fields={"severity": rating}))
    assert "<tr><th>Pearson r of the item mean and gold</th><td class=\"num\">0.812</td></tr>" in page
    assert "<tr><th>Mean absolute error of the item mean</th><td class=\"num\">1.500</td></tr>" in page
    assert "Majority answer equal to gold" not in page
    assert "<h4>Model predictions</h4>" in page
    assert (
        "<tr><th>Majority answer equal to the prediction</th><td class=\"num\">75.0%</td></tr>"
        in page
    )


def test_html_gold_kappa_column() -> None:
    field = intent_field()
    field.per_annotator[0] = replace(field.per_annotator[0], gold_kappa=kappa(0.71))
    page = render_html(make_result(fields={"intent": field}))
    assert '<th class="num">Kappa vs gold</th>' in page
    assert table_row(page, "<td>ann</td>").endswith('<td class="num">0.710</td></tr>')
    assert table_row(page, "<td>cy</td>").endswith('<td class="num">–</td></tr>')


def test_html_field_without_new_results() -> None:
    page = render_html(make_result(fields={"severity": severity_field()}))
    assert heatmaps(page) == {}
    assert "Coincidence matrix" not in page
    assert "Intervals:" not in page
    assert "<th>Interval</th>" in page


def test_heatmap_colour_scales() -> None:
    assert DIVERGING.fill(-1.0) == "#82071e"
    assert DIVERGING.fill(0.0) == "#f6f8fa"
    assert DIVERGING.fill(1.0) == "#0a3069"
    assert DIVERGING.fill(5.0) == "#0a3069"
    # Halfway between (246, 248, 250) and (10, 48, 105); 177.5 rounds to the even 178.
    assert sequential(10.0).fill(5.0) == "#8094b2"
    assert sequential(0.0).high == 1.0
    assert DIVERGING.ink(1.0) == "light"
    assert DIVERGING.ink(0.0) == "dark"


def test_heatmap_rejects_ragged_cells() -> None:
    cell = CellInput(1.0, "1", "one")
    with pytest.raises(ValueError, match="2 rows of 2 cells"):
        build_heatmap("x", ["a", "b"], [[cell, cell], [cell]], DIVERGING, [], "")


# --- text and JSON --------------------------------------------------------------------------------


def test_text_alpha_interval_and_other_coefficients() -> None:
    lines = render_text(make_result()).splitlines()
    assert (
        "  intent (single, nominal): alpha 0.612 [0.500, 0.700]  "
        "[FAIL: fail below 0.667, warn below 0.8]" in lines
    )
    assert "    other coefficients: fleiss 0.598 [0.490, 0.690], ac1 0.650 [0.550, 0.740]" in lines
    assert not any("other coefficients" in line for line in lines if "severity" in line)


def test_text_other_coefficients_show_weights() -> None:
    field = replace(
        severity_field(),
        agreement={
            "krippendorff_alpha": Coefficient(0.7, "interval"),
            "gwet_ac2": Coefficient(0.61, "quadratic"),
            "krippendorff_alpha_masi": Coefficient(0.5, "masi"),
            "brennan_prediger": Coefficient(float("nan"), "linear"),
        },
    )
    text = render_text(make_result(fields={"severity": field}))
    assert "    other coefficients: ac2 (quadratic) 0.610, alpha masi 0.500\n" in text


def test_text_undefined_alpha_has_no_interval() -> None:
    field = replace(
        severity_field(),
        agreement={"krippendorff_alpha": Coefficient(float("nan"), "interval", None, (0.1, 0.2))},
    )
    text = render_text(make_result(fields={"severity": field}))
    assert "  severity (rating, interval): alpha undefined (no finite value)  [UNDEFINED" in text
    assert "0.100" not in text
    assert "other coefficients" not in text


def test_json_carries_agreement_detail() -> None:
    field = json.loads(REPORTERS["json"](make_result()))["fields"]["intent"]
    assert field["agreement"]["fleiss_kappa"]["ci"] == [0.49, 0.69]
    assert field["agreement"]["cohen_kappa"]["undefined_reason"] == COHEN_REASON
    assert field["bootstrap"]["probability_below_fail"] == 0.125
    assert field["coincidence"]["matrix"][1] == [3.0, 6.5, 0.0]
    assert field["coincidence"]["confused"][0] == {
        "first": "billing", "second": "account", "count": 6.0, "share": 0.75
    }
    assert field["pairwise"][1]["alpha"]["undefined_reason"] == PAIR_REASON
    assert field["slices"][1]["slice"] == "<i>batch-2</i>"
    assert field["per_label"][0]["kappa"]["value"] == 0.69
    assert field["per_annotator"][0]["consensus_agreement"] == 0.875
    assert field["references"][0]["kappa"]["value"] == 0.78


# --- Markdown: coefficients -----------------------------------------------------------------------


def test_markdown_coefficient_tables() -> None:
    text = render_markdown(make_result())
    assert "**intent** (95% bootstrap intervals, 1,000 resamples, seed 7)" in text
    assert "| Fleiss' kappa | 0.598 | [0.490, 0.690] |" in text
    assert f"| Cohen's kappa | undefined ({COHEN_REASON}) | – |" in text
    assert "| Percent agreement | 75.0% | – |" in text
    assert "**severity**\n" in text
    assert text.index("<details>") < text.index("**intent**") < text.index("</details>")


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
        "| intent | single | krippendorff\\_alpha | 0.612 | [0.500, 0.700] | fail "
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
