"""Spans and boxes fields: guideline settings, count checks, undefined agreement and reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from consistency.reporters import get_reporter
from tests.conftest import write
from tests.exports_support import ENTITIES, EXPORTS, NEWS_FIELDS, codes, findings_of, guideline, run

NER = [EXPORTS / "doccano" / "ner" / "alex.jsonl", EXPORTS / "doccano" / "ner" / "bo.jsonl"]


def test_span_bounds_must_be_ordered() -> None:
    with pytest.raises(ValidationError, match="min_spans"):
        guideline({"entities": {"kind": "spans", "labels": ["ORG"], "min_spans": 3, "max_spans": 1}})


def test_box_minimum_size_is_positive() -> None:
    with pytest.raises(ValidationError, match="min_size"):
        guideline({"objects": {"kind": "boxes", "labels": ["car"], "min_size": 0}})


def test_text_kind_is_still_planned(tmp_path: Path) -> None:
    from guidelines import GuidelineError, load_guideline

    path = write(tmp_path / "guideline.yaml", "labelcheck: 1\nname: n\nversion: 1.0.0\nfields:\n  note: {kind: text}\n")
    with pytest.raises(GuidelineError, match="not supported by this version"):
        load_guideline(path)


def test_too_many_and_too_few_spans() -> None:
    rules = guideline({"entities": {"kind": "spans", "labels": ["ORG", "PER", "LOC"], "min_spans": 1, "max_spans": 1}})
    result = run(NER, rules)
    # alex: items 1 and 2 have two spans each, item 4 none; bo: items 1 and 2 two, item 3 none.
    assert len(findings_of(result, "LC174")) == 4
    assert {(finding.item, finding.annotator) for finding in findings_of(result, "LC175")} == {("4", "alex"), ("3", "bo")}


def test_threshold_on_spans_is_undefined() -> None:
    rules = guideline({"entities": {"kind": "spans", "labels": ["ORG", "PER", "LOC"],
                                    "agreement": {"fail_below": 0.6}}})
    result = run(NER, rules)
    (undefined,) = findings_of(result, "LC303")
    assert "not computed yet" in undefined.message
    assert not result.passed


def test_reports_render_region_fields() -> None:
    result = run([EXPORTS / "labelstudio" / "news.json"], guideline({**NEWS_FIELDS, **ENTITIES}),
                 columns={"entities": "ner"})
    for name in ("text", "json", "markdown", "html", "junit", "sarif", "github"):
        assert get_reporter(name)(result)
    assert "entities" in get_reporter("html")(result)
    assert codes(result) == ["LC193", "LC193", "LC193"]
