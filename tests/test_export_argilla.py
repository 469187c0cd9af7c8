"""Argilla 2.x records, flattened and nested, written by argilla 2.8.0 from the same records."""

from __future__ import annotations

import pytest

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

FIXTURE = EXPORTS / "argilla"
MAPPING = {"columns": {"entities": "ner"}}


def test_flat_agreement_known_by_hand() -> None:
    result = run([FIXTURE / "flat.jsonl"], guideline({**NEWS_FIELDS, **ENTITIES}), **MAPPING)
    assert alpha(result, "sentiment") == pytest.approx(SENTIMENT_ALPHA)
    assert alpha(result, "topics") == pytest.approx(TOPICS_ALPHA)
    assert codes(result) == []


def test_flat_discarded_and_draft_are_no_votes() -> None:
    result = run([FIXTURE / "flat.jsonl"], guideline({**NEWS_FIELDS, **ENTITIES}), **MAPPING)
    entry = result.inputs[0]
    # 4 records; 3 users answer each, and a fourth user left a draft on item 2.
    assert (entry["rows"], entry["records"], entry["skipped"]) == (4, 13, {"discarded": 1, "draft": 1})
    assert entry["predictions"] == 4
    assert entry["spans"] == 4


def test_flat_same_as_table() -> None:
    rules = guideline(NEWS_FIELDS)
    from_export = run([FIXTURE / "flat.jsonl"], rules)
    from_table = run([FIXTURE / "flat_same.csv"], rules)
    assert summary(from_export, ["sentiment", "topics"]) == summary(from_table, ["sentiment", "topics"])


def test_nested_counts_every_response_and_warns() -> None:
    rules = guideline(NEWS_FIELDS)
    result = run([FIXTURE / "records.json"], rules)
    (warning,) = findings_of(result, "LC192")
    assert warning.message.startswith("13 Argilla responses without status")
    assert result.inputs[0]["skipped"] == {}
    # The discarded and the draft response count, as a table holding them would.
    assert summary(result, ["sentiment", "topics"]) == summary(run([FIXTURE / "records_same.csv"], rules),
                                                               ["sentiment", "topics"])
    # topics: item 3 now has three "weather" sets, n = 12, D_o = 4/12, D_e = 90/132, alpha = 23/45.
    assert alpha(result, "topics") == pytest.approx(23 / 45)


def test_suggestions_are_predictions() -> None:
    result = run([FIXTURE / "flat.jsonl"], guideline(NEWS_FIELDS))
    predictions = result.fields["sentiment"].predictions
    assert predictions is not None
    # majority per item: pos, neg, neu, neg; the agent suggests pos, neg, pos, neg.
    assert (predictions.items, predictions.majority_agreement) == (4, 0.75)


def test_span_responses() -> None:
    annotations = read([FIXTURE / "flat.jsonl"], guideline({**NEWS_FIELDS, **ENTITIES}), **MAPPING)
    spans = annotations.spans
    assert len(spans) == 4
    assert set(spans["annotator"]) == {f"00000000-0000-0000-0000-00000000000{user}" for user in "abc"}
    texts = annotations.items.set_index("item")["text"]
    assert texts["item-1"] == "Acme hires Ann."


def test_unmapped_question_is_reported() -> None:
    result = run([FIXTURE / "flat.jsonl"], guideline(NEWS_FIELDS))
    (unread,) = findings_of(result, "LC193")
    assert "'ner'" in unread.message
