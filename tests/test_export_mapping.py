"""Field mappings of Prodigy, doccano, Argilla and COCO exports: names that do not exist, answers of the wrong kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency.errors import InputError
from tests.exports_support import ENTITIES, EXPORTS, NEWS_FIELDS, findings_of, guideline, read, run

BOXES = guideline({"objects": {"kind": "boxes", "labels": ["car", "person"]}})
SENTIMENT = guideline({"sentiment": {"kind": "single", "labels": ["pos", "neg", "neu"]}})

MISSPELLED = [
    (EXPORTS / "argilla" / "flat.jsonl", guideline(NEWS_FIELDS), {"sentiment": "sentimnt"}, "no question 'sentimnt'"),
    (EXPORTS / "argilla" / "records.json", guideline(NEWS_FIELDS), {"sentiment": "sentimnt"}, "no question 'sentimnt'"),
    (EXPORTS / "prodigy" / "news_topics.jsonl", guideline(NEWS_FIELDS), {"topics": "labels"}, "no answer key 'labels'"),
    (EXPORTS / "doccano" / "sentiment" / "alex.jsonl", SENTIMENT, {"sentiment": "lable"}, "no answer key 'lable'"),
    (EXPORTS / "coco" / "alex.json", BOXES, {"objects": "box"}, "no answer key 'box'"),
]


@pytest.mark.parametrize(("path", "rules", "columns", "expected"), MISSPELLED)
def test_misspelled_mapping_stops(path: Path, rules: object, columns: dict[str, str], expected: str) -> None:
    with pytest.raises(InputError) as raised:
        read([path], rules, columns=columns)  # type: ignore[arg-type]
    assert expected in raised.value.message
    assert raised.value.exit_code == 2


def test_argilla_misspelled_mapping_lists_questions() -> None:
    with pytest.raises(InputError) as raised:
        read([EXPORTS / "argilla" / "flat.jsonl"], guideline(NEWS_FIELDS), columns={"sentiment": "sentimnt"})
    assert "its questions are 'ner', 'sentiment', 'topics'" in raised.value.message


def test_argilla_spans_for_a_label_field() -> None:
    rules = guideline({**NEWS_FIELDS, "ner": {"kind": "multi", "labels": ["ORG", "PER", "LOC"]}})
    result = run([EXPORTS / "argilla" / "flat.jsonl"], rules)
    (unread,) = findings_of(result, "LC193")
    assert "question 'ner' holds spans" in unread.message
    assert "field 'ner' is a multi field" in unread.message
    assert "ner" not in set(read([EXPORTS / "argilla" / "flat.jsonl"], rules).judgements["field"])


def test_argilla_labels_for_a_spans_field() -> None:
    rules = guideline({"topics": {"kind": "multi", "labels": ["business", "weather", "people"]}, **ENTITIES})
    result = run([EXPORTS / "argilla" / "flat.jsonl"], rules, columns={"entities": "sentiment"})
    (unread,) = [finding for finding in findings_of(result, "LC193") if "'sentiment'" in finding.message]
    assert "question 'sentiment' holds labels" in unread.message
    assert "field 'entities' is a spans field" in unread.message


def test_doccano_relations_are_counted_as_ignored() -> None:
    result = run([EXPORTS / "doccano" / "relations" / "alex.jsonl"], guideline({**ENTITIES}))
    assert result.inputs[0]["ignored"] == {"relation between regions (kept, but no check reads relations)": 1}
