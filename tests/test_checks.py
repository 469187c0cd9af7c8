"""Each validation check on small frames: the right code at the right place."""

from __future__ import annotations

import pandas as pd
import pytest

from consistency.api import check_frame
from consistency.checks import CHECKS, get_check
from consistency.result import CheckResult
from guidelines import Guideline


def make_guideline(**fields: dict[str, object]) -> Guideline:
    return Guideline.model_validate({"labelcheck": 1, "name": "demo", "version": "1.0.0", "fields": fields})


SENTIMENT = {
    "kind": "single",
    "labels": {"positive": {"aliases": ["pos"]}, "negative": {}, "None": {}, "old": {"deprecated": True, "replaced_by": "negative"}},
    "special": {"cant_tell": {"agreement": "missing"}},
}


def frame(rows: list[tuple[str, str, str | None]], column: str = "label") -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["item", "annotator", column])


def located(result: CheckResult, code: str) -> list[tuple[object, ...]]:
    return sorted((f.line, f.item, f.annotator, f.field) for f in result.findings if f.code == code)


def run(rows: list[tuple[str, str, str | None]], **field: object) -> CheckResult:
    return check_frame(make_guideline(label=field or SENTIMENT), frame(rows))


def test_registry_codes_are_unique_and_named() -> None:
    assert all(code.startswith("LC") and len(code) == 5 for code in CHECKS)
    assert get_check("LC101").slug == "unknown-label"
    with pytest.raises(KeyError, match="known checks are"):
        get_check("LC999")


def test_unknown_label_with_suggestions() -> None:
    result = run([("1", "a", "positve"), ("1", "b", "Positive"), ("2", "a", " negative"), ("2", "b", "zzz")])
    assert located(result, "LC101") == [(1, "1", "a", "label"), (2, "1", "b", "label"), (3, "2", "a", "label"), (4, "2", "b", "label")]
    messages = {f.annotator + f.item: f.message for f in result.findings if f.code == "LC101"}  # type: ignore[operator]
    assert "did you mean 'positive'? (a small typo)" in messages["a1"]
    assert "case-sensitive" in messages["b1"]
    assert "whitespace" in messages["a2"]
    assert "expected one of" in messages["b2"]
    assert not result.passed


def test_unicode_form_suggestion() -> None:
    guideline = make_guideline(label={"kind": "single", "labels": ["caf\u00e9"]})
    result = check_frame(guideline, frame([("1", "a", "cafe\u0301")]))
    assert "Unicode form" in result.findings[0].message


def test_na_like_labels_are_valid() -> None:
    result = run([("1", "a", "None"), ("1", "b", "None")])
    assert "LC101" not in result.finding_counts
    assert result.fields["label"].agreement["krippendorff_alpha"].undefined_reason is not None


def test_alias_special_and_deprecated() -> None:
    result = run([("1", "a", "pos"), ("1", "b", "positive"), ("2", "a", "cant_tell"), ("2", "b", "old")])
    assert located(result, "LC102") == [(1, "1", "a", "label")]
    assert located(result, "LC103") == [(3, "2", "a", "label")]
    assert located(result, "LC104") == [(4, "2", "b", "label")]
    assert result.passed
    assert result.fields["label"].excluded == {"special_missing": 1, "single_annotation": 1}


def test_rating_checks() -> None:
    rating = {"kind": "rating", "min": 1, "max": 5, "step": 1}
    result = run([("1", "a", "4"), ("1", "b", "high"), ("2", "a", "6"), ("2", "b", "2.5"), ("3", "a", "nan")], **rating)
    assert located(result, "LC110") == [(2, "1", "b", "label"), (5, "3", "a", "label")]
    assert located(result, "LC111") == [(3, "2", "a", "label")]
    assert located(result, "LC112") == [(4, "2", "b", "label")]


def test_multi_cardinality_and_malformed() -> None:
    multi = {"kind": "multi", "labels": ["a", "b", "c"], "min_labels": 1, "max_labels": 2}
    rows = [("1", "x", "a|b|c"), ("1", "y", "[]"), ("2", "x", '["a", "b"]'), ("2", "y", "[a, b"), ("3", "x", "a|d")]
    result = run(rows, **multi)
    assert located(result, "LC120") == [(1, "1", "x", "label")]
    assert located(result, "LC121") == [(2, "1", "y", "label")]
    assert located(result, "LC122") == [(4, "2", "y", "label")]
    assert located(result, "LC101") == [(5, "3", "x", "label")]
    assert result.fields["label"].excluded["invalid"] == 4


def test_repeated_label_in_answer() -> None:
    multi = {"kind": "multi", "labels": {"sports": {"aliases": ["sport"]}, "news": {}}}
    rows = [("1", "x", "sports|sports"), ("1", "y", '["sports", "sport", "news"]'), ("2", "x", "news")]
    result = run(rows, **multi)
    assert located(result, "LC123") == [(1, "1", "x", "label"), (2, "1", "y", "label")]
    assert result.fields["label"].label_counts == {"sports": 2, "news": 2}

def test_duplicates() -> None:
    rows = [("1", "a", "positive"), ("1", "a", "negative"), ("2", "a", "pos"), ("2", "a", "positive"), ("1", "b", "positive"), ("2", "b", "positive")]
    result = run(rows)
    assert located(result, "LC130") == [(1, "1", "a", "label"), (2, "1", "a", "label")]
    assert located(result, "LC131") == [(4, "2", "a", "label")]
    assert result.fields["label"].excluded["conflicting_duplicate"] == 2
    assert result.fields["label"].excluded["repeated"] == 1
    assert result.fields["label"].annotations == 3


def test_required_missing_and_too_few() -> None:
    guideline = make_guideline(
        label={**SENTIMENT, "required": True, "annotations_per_item": {"min": 2, "max": 2}},
        note={"kind": "single", "labels": ["x"]},
    )
    data = pd.DataFrame(
        [("1", "a", "positive", "x"), ("1", "b", None, "x"), ("2", "a", "negative", None), ("3", "a", "negative", None),
         ("3", "b", "negative", None), ("3", "c", "negative", None)],
        columns=["item", "annotator", "label", "note"],
    )
    result = check_frame(guideline, data)
    assert located(result, "LC140") == [(2, "1", "b", "label")]
    assert [(f.item, f.field) for f in result.findings if f.code == "LC141"] == [("1", "label"), ("2", "label")]
    assert [(f.item, f.field) for f in result.findings if f.code == "LC142"] == [("3", "label")]


def test_missing_ids() -> None:
    result = run([("1", "a", "positive"), (None, "b", "positive"), ("2", "", "negative")])  # type: ignore[list-item]
    assert located(result, "LC150") == [(2, None, "b", None), (3, "2", None, None)]
    messages = sorted(f.message for f in result.findings if f.code == "LC150")
    assert messages == ["the row has no annotator id; fill it in or remove the row", "the row has no item id; fill it in or remove the row"]


def test_gold_checks() -> None:
    gold = pd.DataFrame([("1", "positive"), ("1", "negative"), ("2", "nope")], columns=["item", "label"])
    result = check_frame(make_guideline(label=SENTIMENT), frame([("1", "a", "positive"), ("1", "b", "positive")]), gold=gold)
    assert [f.item for f in result.findings if f.code == "LC160"] == ["2"]
    assert sorted(f.item for f in result.findings if f.code == "LC161") == ["1", "1"]  # type: ignore[type-var]


def test_listing_cap_counts_everything() -> None:
    rows = [(str(index), "a", "bad") for index in range(30)]
    result = check_frame(make_guideline(label=SENTIMENT), frame(rows), max_findings=5)
    assert result.finding_counts["LC101"] == 30
    assert len([f for f in result.findings if f.code == "LC101"]) == 5
    assert result.findings_omitted == 25


@pytest.mark.parametrize(
    ("threshold", "code", "passed"),
    [({"fail_below": 0.9}, "LC301", False), ({"warn_below": 0.9}, "LC302", True), ({"fail_below": 0.1}, None, True)],
)
def test_thresholds(threshold: dict[str, float], code: str | None, passed: bool) -> None:
    rows = [("1", "a", "positive"), ("1", "b", "positive"), ("2", "a", "negative"), ("2", "b", "positive"),
            ("3", "a", "negative"), ("3", "b", "negative")]
    result = run(rows, **{**SENTIMENT, "agreement": threshold})
    codes = set(result.finding_counts)
    assert result.passed is passed
    if code:
        assert code in codes
    else:
        assert not codes & {"LC301", "LC302", "LC303"}


def test_undefined_alpha_fails_threshold() -> None:
    result = run([("1", "a", "positive"), ("2", "a", "negative")], **{**SENTIMENT, "agreement": {"fail_below": 0.5}})
    assert "LC303" in result.finding_counts
    assert not result.passed
    alpha = result.fields["label"].agreement["krippendorff_alpha"]
    assert alpha.value is None
    assert alpha.undefined_reason == "only one annotator: agreement needs at least two"


def test_validate_command_ignores_thresholds() -> None:
    rows = [("1", "a", "positive"), ("2", "a", "negative")]
    result = check_frame(make_guideline(label={**SENTIMENT, "agreement": {"fail_below": 0.5}}), frame(rows), command="validate")
    assert result.passed


def test_api_float_columns_read_as_integers() -> None:
    guideline = make_guideline(label={"kind": "single", "labels": ["1", "2"]})
    data = pd.DataFrame({"item": [1, 1, 2], "annotator": ["a", "b", "a"], "label": [1.0, None, 2.0]})
    result = check_frame(guideline, data)
    assert "LC101" not in result.finding_counts
    assert result.fields["label"].label_counts == {"1": 1, "2": 1}


def test_missing_value_marker_hint() -> None:
    result = run([("1", "a", "."), ("1", "b", "positive")])
    assert "leave those cells empty or declare it under the field's special:" in result.findings[0].message
