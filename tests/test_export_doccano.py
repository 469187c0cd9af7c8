"""doccano JSON Lines: doccano's own example files and per-member export fixtures."""

from __future__ import annotations

import pytest

from tests.conftest import DATA
from tests.exports_support import (
    ENTITIES,
    EXPORTS,
    NEWS_FIELDS,
    SENTIMENT_ALPHA,
    alpha,
    codes,
    findings_of,
    guideline,
    read,
    run,
    summary,
)

EXAMPLES = DATA / "doccano_examples"
FIXTURE = EXPORTS / "doccano"
MEMBERS = [FIXTURE / "sentiment" / f"{name}.jsonl" for name in ("alex", "bo", "cy")]
NER_RULES = guideline({"ner": {"kind": "spans", "labels": ["ORG", "PERSON", "MISC", "LOC", "PER", "DATE"]}})
SENTIMENT = {"columns": {"sentiment": "label"}}


def test_sequence_labeling_example() -> None:
    result = run([EXAMPLES / "export_seq_labeling_example.jsonl"], NER_RULES, columns={"item": "@row"})
    entry = result.inputs[0]
    assert (entry["records"], entry["judgements"], entry["spans"]) == (3, 3, 4)
    assert codes(result) == []


def test_example_without_ids_reports_missing_item() -> None:
    result = run([EXAMPLES / "export_seq_labeling_example.jsonl"], NER_RULES)
    assert codes(result) == ["LC150", "LC150", "LC150"]


def test_pretty_printed_relation_example() -> None:
    annotations = read([EXAMPLES / "export_relation_extraction_example.jsonl"], NER_RULES, columns={"item": "@row"})
    assert list(zip(annotations.spans["start"], annotations.spans["end"], annotations.spans["label"])) == [
        (0, 6, "ORG"), (22, 39, "DATE"), (44, 54, "PERSON"), (59, 70, "PERSON")]
    assert list(zip(annotations.relations["source"], annotations.relations["target"], annotations.relations["label"])) == [
        ("0", "1", "foundedAt"), ("0", "2", "foundedBy"), ("0", "3", "foundedBy")]


def test_import_example_empty_label_and_missing_text() -> None:
    result = run([EXAMPLES / "import_seq_labeling_example.jsonl"], NER_RULES, columns={"item": "@row"})
    (empty,) = findings_of(result, "LC191")
    assert (empty.line, empty.item) == (2, "2")
    assert "label is []" in empty.message
    texts = read([EXAMPLES / "import_seq_labeling_example.jsonl"], NER_RULES, columns={"item": "@row"}).items
    assert texts["text"].tolist() == ["exampleA", "exampleB", None]


def test_overlapping_example_repeats_a_span() -> None:
    result = run([EXAMPLES / "import_seq_labeling_example_overlapping.jsonl"], NER_RULES, columns={"item": "@row"})
    (repeated,) = findings_of(result, "LC176")
    assert "2 times" in repeated.message


def test_import_classification_example() -> None:
    rules = guideline({"sentiment": {"kind": "multi", "labels": ["positive", "negative"]}})
    annotations = read([EXAMPLES / "import_text_classification_example.jsonl"], rules, columns={"item": "@row"})
    assert annotations.judgements["value"].tolist() == ['["positive"]', '["positive", "negative"]', "[]"]


def test_members_agreement_known_by_hand() -> None:
    result = run(MEMBERS, guideline(NEWS_FIELDS), **SENTIMENT)
    assert alpha(result, "sentiment") == pytest.approx(SENTIMENT_ALPHA)
    annotators = {entry.annotator for entry in result.fields["sentiment"].per_annotator}
    assert annotators == {"alex", "bo", "cy"}


def test_members_same_as_table() -> None:
    rules = guideline(NEWS_FIELDS)
    from_export = run(MEMBERS, rules, **SENTIMENT)
    from_table = run([FIXTURE / "sentiment_same.csv"], rules)
    assert summary(from_export, ["sentiment"]) == summary(from_table, ["sentiment"])


def test_empty_label_is_annotated_with_nothing() -> None:
    result = run(MEMBERS, guideline(NEWS_FIELDS), **SENTIMENT)
    (empty,) = findings_of(result, "LC191")
    assert (empty.item, empty.annotator, empty.severity.value) == ("3", "cy", "info")
    cy = result.inputs[2]
    assert (cy["records"], cy["judgements"]) == (4, 3)


def test_collaborative_export_has_no_annotator() -> None:
    result = run([FIXTURE / "sentiment" / "all.jsonl"], guideline(NEWS_FIELDS), **SENTIMENT)
    (missing,) = findings_of(result, "LC190")
    assert "collaborative" in missing.message
    assert missing.message.startswith("4 record(s)")
    # merged labels of several members are one answer with two labels
    assert len(findings_of(result, "LC101")) == 2


def test_ambiguous_field_needs_a_mapping() -> None:
    from consistency.errors import ConfigError

    with pytest.raises(ConfigError, match="columns: {sentiment: label}"):
        run(MEMBERS, guideline(NEWS_FIELDS))


def test_sequence_labeling_members() -> None:
    rules = guideline({**ENTITIES})
    files = [FIXTURE / "ner" / "alex.jsonl", FIXTURE / "ner" / "bo.jsonl"]
    result = run(files, rules)
    assert codes(result) == ["LC172", "LC173", "LC191", "LC191"]
    (unknown,) = findings_of(result, "LC173")
    assert "'PERSON'" in unknown.message
    assert result.fields["entities"].annotators == 2


def test_relations_are_kept() -> None:
    annotations = read([FIXTURE / "relations" / "alex.jsonl"], guideline({**ENTITIES}))
    relation = annotations.relations.iloc[0]
    assert (relation["item"], relation["annotator"], relation["source"], relation["target"], relation["label"]) == (
        "1", "alex", "11", "12", "employs")
    assert annotations.spans["region"].tolist() == ["11", "12"]


def test_record_without_text_leaves_spans_unchecked() -> None:
    result = run([EXAMPLES / "import_seq_labeling_example.jsonl"], NER_RULES, columns={"item": "@row"})
    (unchecked,) = findings_of(result, "LC178")
    # The third record has a span [0, 1, "PER"] and no text.
    assert (unchecked.line, unchecked.item) == (3, "3")
    assert unchecked.message.startswith("1 span(s) of field ner")


def test_missing_id_names_row_numbers() -> None:
    result = run([EXAMPLES / "export_seq_labeling_example.jsonl"], NER_RULES)
    for finding in findings_of(result, "LC150"):
        assert "columns: {item: '@row'}" in finding.message
        assert "--item-column @row" in finding.message


def test_repeated_span_without_item_id() -> None:
    result = run([EXAMPLES / "import_seq_labeling_example_overlapping.jsonl"], NER_RULES)
    (repeated,) = findings_of(result, "LC176")
    assert "None" not in repeated.message
    assert repeated.message == "span 0..1 (LOC) of field ner appears 2 times in one answer"
