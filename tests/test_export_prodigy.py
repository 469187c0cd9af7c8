"""Prodigy JSON Lines: explosion's annotated examples and a three-annotator fixture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import DATA
from tests.exports_support import (
    ENTITIES,
    EXPORTS,
    NEWS_FIELDS,
    SENTIMENT_ALPHA,
    TOPICS_ALPHA,
    alpha,
    codes,
    findings_of,
    guideline,
    read,
    run,
    summary,
)

EXAMPLES = DATA / "prodigy_examples"
TEXTCAT = EXAMPLES / "annotated_github-issues-DOCUMENTATION-textcat.jsonl"
NER = EXAMPLES / "annotated_news_headlines-ORG-PERSON-LOCATION-ner.jsonl"
FIXTURE = EXPORTS / "prodigy"
NEWS_FILES = [FIXTURE / "news_sentiment.jsonl", FIXTURE / "news_topics.jsonl", FIXTURE / "news_ner.jsonl"]


def test_textcat_example_counts() -> None:
    rules = guideline({"labels": {"kind": "multi", "labels": ["DOCUMENTATION"]}})
    result = run([TEXTCAT], rules)
    entry = result.inputs[0]
    # The file's SOURCE.md counts 830 lines: accept 261, reject 525, ignore 44.
    assert (entry["rows"], entry["records"], entry["skipped"], entry["judgements"]) == (830, 830, {"ignored": 44}, 786)
    (finding,) = findings_of(result, "LC190")
    assert finding.message.startswith("786 record(s)")
    assert "_annotator_id nor _session_id" in finding.message


def test_textcat_example_accept_and_reject() -> None:
    rules = guideline({"labels": {"kind": "multi", "labels": ["DOCUMENTATION"]}})
    judgements = read([TEXTCAT], rules).judgements
    values = judgements["value"].map(json.loads)
    assert int(values.map(len).eq(1).sum()) == 261
    assert int(values.map(len).eq(0).sum()) == 525


def test_textcat_example_with_file_annotator() -> None:
    rules = guideline({"labels": {"kind": "multi", "labels": ["DOCUMENTATION"]}})
    result = run([TEXTCAT], rules, annotator_from_file=True)
    assert "LC190" not in codes(result)
    assert result.fields["labels"].annotators == 1
    assert result.fields["labels"].label_counts == {"DOCUMENTATION": 261}


def test_ner_example_counts_and_unknown_labels() -> None:
    rules = guideline({"entities": {"kind": "spans", "labels": ["ORG", "PERSON", "LOCATION"]}})
    result = run([NER], rules)
    entry = result.inputs[0]
    # 373 lines: 372 accepted (36 of them without a spans key) and 1 ignored; 303 spans.
    assert (entry["records"], entry["skipped"], entry["judgements"], entry["spans"]) == (373, {"ignored": 1}, 372, 303)
    unknown = findings_of(result, "LC173")
    assert len(unknown) == 8
    assert all("'PRODUCT'" in finding.message for finding in unknown)
    assert not {"LC170", "LC171", "LC172"} & set(codes(result))


def test_ner_example_record_without_spans_is_an_empty_answer() -> None:
    rules = guideline({"entities": {"kind": "spans", "labels": ["ORG", "PERSON", "LOCATION"]}})
    judgements = read([NER], rules).judgements
    # 36 accepted records have no spans key and 115 an empty spans list: both say "no entity here".
    assert int(judgements["value"].eq("[]").sum()) == 36 + 115


def test_ner_example_offsets_match_tokens() -> None:
    rules = guideline({"entities": {"kind": "spans", "labels": ["ORG", "PERSON", "LOCATION"]}})
    spans = read([NER], rules).spans
    first = spans[spans["line"].eq(1)]
    # "Uber" is chars 0..4 and "Silicon Valley" chars 15..29 (tokens 4..5, token_end inclusive).
    assert list(zip(first["start"], first["end"], first["label"])) == [(0, 4, "ORG"), (15, 29, "LOCATION")]


def test_fixture_agreement_known_by_hand() -> None:
    result = run(NEWS_FILES, guideline({**NEWS_FIELDS, **ENTITIES}))
    assert alpha(result, "sentiment") == pytest.approx(SENTIMENT_ALPHA)
    assert alpha(result, "topics") == pytest.approx(TOPICS_ALPHA)


def test_fixture_same_as_table() -> None:
    rules = guideline(NEWS_FIELDS)
    from_export = run(NEWS_FILES[:2], rules)
    from_table = run([FIXTURE / "sentiment_same.csv", FIXTURE / "topics_same.csv"], rules)
    assert summary(from_export, ["sentiment", "topics"]) == summary(from_table, ["sentiment", "topics"])


def test_fixture_counts() -> None:
    result = run(NEWS_FILES, guideline({**NEWS_FIELDS, **ENTITIES}))
    by_file = {entry["file"].rsplit("/", 1)[-1]: entry for entry in result.inputs}
    assert by_file["news_sentiment.jsonl"]["skipped"] == {"ignored": 1, "rejected": 1}
    assert by_file["news_sentiment.jsonl"]["judgements"] == 11
    # 36 binary tasks: 3 ignored, the other 33 joined into one set per item and annotator.
    assert by_file["news_topics.jsonl"]["skipped"] == {"ignored": 3}
    assert by_file["news_topics.jsonl"]["judgements"] == 11
    assert by_file["news_ner.jsonl"]["spans"] == 8


def test_session_id_names_the_annotator() -> None:
    result = run(NEWS_FILES[:1], guideline(NEWS_FIELDS))
    annotators = {entry.annotator for entry in result.fields["sentiment"].per_annotator}
    assert annotators == {"news_sentiment-alex", "news_sentiment-bo", "news_sentiment-cy"}


def test_token_end_is_inclusive() -> None:
    spans = read([FIXTURE / "news_ner.jsonl"], guideline({**NEWS_FIELDS, **ENTITIES})).spans
    from_tokens = spans[spans["line"].eq(3)]
    assert list(zip(from_tokens["start"], from_tokens["end"], from_tokens["label"])) == [(0, 2, "PER"), (10, 14, "ORG")]


def test_records_without_annotator() -> None:
    result = run([FIXTURE / "anonymous.jsonl"], guideline(NEWS_FIELDS))
    (finding,) = findings_of(result, "LC190")
    assert (finding.line, finding.item) == (1, "-1203")
    assert "LC150" not in codes(result)


def test_binary_contradiction_is_a_conflicting_duplicate(tmp_path: Path) -> None:
    lines = [
        {"text": "Acme hires Ann.", "label": "business", "_input_hash": 1, "answer": "accept", "_annotator_id": "x-a"},
        {"text": "Acme hires Ann.", "label": "business", "_input_hash": 1, "answer": "reject", "_annotator_id": "x-a"},
        {"text": "Acme hires Ann.", "label": "people", "_input_hash": 1, "answer": "accept", "_annotator_id": "x-b"},
    ]
    path = tmp_path / "binary.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = run([path], guideline(NEWS_FIELDS))
    assert codes(result) == ["LC130", "LC130"]


def test_merged_binary_answers_point_at_the_accept(tmp_path: Path) -> None:
    lines = [
        {"text": "Rain in Paris.", "label": "POSITIVE", "_input_hash": 7, "answer": "reject", "_annotator_id": "x-alice"},
        {"text": "Rain in Paris.", "label": "POSITIVE", "_input_hash": 7, "answer": "reject", "_annotator_id": "x-bob"},
        {"text": "Rain in Paris.", "label": "NEGATIVE", "_input_hash": 7, "answer": "accept", "_annotator_id": "x-bob"},
        {"text": "Rain in Paris.", "label": "NEGATIVE", "_input_hash": 7, "answer": "accept", "_annotator_id": "x-alice"},
    ]
    path = tmp_path / "binary.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    rules = guideline({"tone": {"kind": "multi", "labels": ["POSITIVE"]}})
    result = run([path], rules)
    lines_of = {finding.annotator: finding.line for finding in findings_of(result, "LC101")}
    assert lines_of == {"x-alice": 4, "x-bob": 3}


def test_span_end_disagreeing_with_tokens(tmp_path: Path) -> None:
    records = [json.loads(line) for line in (FIXTURE / "news_ner.jsonl").read_text(encoding="utf-8").splitlines()]
    records[0]["spans"][0]["end"] += 1
    path = tmp_path / "ner.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    result = run([path], guideline({**NEWS_FIELDS, **ENTITIES}))
    (mismatch,) = findings_of(result, "LC177")
    assert (mismatch.line, mismatch.annotator) == (1, "news_ner-alex")
    assert "span 0..5 (ORG)" in mismatch.message
    assert "characters 0..4" in mismatch.message
    assert "LC177" not in codes(run([FIXTURE / "news_ner.jsonl"], guideline({**NEWS_FIELDS, **ENTITIES})))
