"""Label Studio exports: full JSON, JSON-MIN, CSV, image boxes, and the adjudication queue as an import file.

``news.json`` was written from Label Studio's export documentation; ``news_min.json``,
``news.csv`` and ``coco/labelstudio_coco.json`` were converted from the JSON exports by
label-studio-sdk 2.1.2 (see ``tests/data/exports/SOURCE.md``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from consistency.cli import main
from consistency.config import ProjectConfig, ReferenceConfig
from consistency.engine import RunOptions, run_config
from consistency.errors import InputError
from consistency.readers import read_export
from consistency.readers.labelstudio import read_labelstudio
from tests.conftest import write
from tests.exports_support import (
    ENTITIES,
    EXPORTS,
    NEWS_FIELDS,
    PERCENT_AGREEMENT,
    SENTIMENT_ALPHA,
    TOPICS_ALPHA,
    alpha,
    codes,
    findings_of,
    guideline,
    read,
    run,
    sources,
    summary,
)

LS = EXPORTS / "labelstudio"
FULL_FIELDS = {
    **NEWS_FIELDS,
    **ENTITIES,
    "quality": {"kind": "rating", "min": 1, "max": 5, "step": 1},
    "domain": {"kind": "single", "labels": ["Tech", "AI", "Sports"]},
}
MAPPING = {"columns": {"entities": "ner"}}
BOXES = guideline({"objects": {"kind": "boxes", "labels": ["car", "person"]}})


def test_full_export_agreement_known_by_hand() -> None:
    result = run([LS / "news.json"], guideline(FULL_FIELDS), **MAPPING)
    assert alpha(result, "sentiment") == pytest.approx(SENTIMENT_ALPHA)
    assert alpha(result, "topics") == pytest.approx(TOPICS_ALPHA)
    assert result.fields["sentiment"].agreement["percent_agreement"].value == pytest.approx(PERCENT_AGREEMENT)


def test_full_export_counts() -> None:
    result = run([LS / "news.json"], guideline(FULL_FIELDS), **MAPPING)
    summary_of_file = result.inputs[0]
    assert summary_of_file["format"] == "labelstudio"
    assert summary_of_file["rows"] == 5
    assert summary_of_file["records"] == 14
    assert summary_of_file["skipped"] == {"cancelled": 1, "draft": 1}
    # 11 votes, each answering sentiment, topics, entities and quality, plus one taxonomy answer
    assert summary_of_file["judgements"] == 11 * 4 + 1
    assert summary_of_file["gold"] == 3
    assert summary_of_file["predictions"] == 2
    assert summary_of_file["spans"] == 13
    assert set(summary_of_file["ignored"]) == {
        "per-region classification (answers about one region, not the item)",
        "results of control 'note', which no guideline field reads",
        "relation between regions (kept, but no check reads relations)",
    }
    # Task 1 contains the one relation. User 1 only gives ground truth (task 3), so that record is gold only.
    assert summary_of_file["ignored"]["relation between regions (kept, but no check reads relations)"] == 1
    assert summary_of_file["votes"] == 11
    assert summary_of_file["gold_records"] == 1
    assert summary_of_file["records"] == 11 + 2 + 1


def test_cancelled_annotation_is_no_vote() -> None:
    result = run([LS / "news.json"], guideline(NEWS_FIELDS))
    per_annotator = {entry.annotator: entry.annotations for entry in result.fields["sentiment"].per_annotator}
    assert per_annotator == {"3": 4, "bo@example.com": 4, "9": 3}


def test_unmapped_control_is_reported() -> None:
    result = run([LS / "news.json"], guideline(FULL_FIELDS), **MAPPING)
    (finding,) = findings_of(result, "LC193")
    assert "'note'" in finding.message
    assert finding.line == 1


def test_ground_truth_and_predictions_as_references() -> None:
    result = run([LS / "news.json"], guideline(NEWS_FIELDS))
    assert result.fields["sentiment"].gold is not None
    assert result.fields["sentiment"].gold.items == 1
    assert result.fields["sentiment"].gold.majority_agreement == 1.0
    assert result.fields["sentiment"].predictions is not None
    assert result.fields["sentiment"].predictions.items == 1

    table = ProjectConfig(
        guideline="guideline.yaml",
        annotations=sources([LS / "news_same.csv"]),
        gold=ReferenceConfig(path=str(LS / "news_gold.csv")),
        predictions=ReferenceConfig(path=str(LS / "news_predictions.csv"), name="clf-1"),
    )
    from_table = run_config(table, guideline(NEWS_FIELDS), RunOptions(conflicts_top=None))
    for field_id in ("sentiment", "topics"):
        assert result.fields[field_id].gold == from_table.fields[field_id].gold
        assert result.fields[field_id].predictions == from_table.fields[field_id].predictions


def test_full_export_same_as_table() -> None:
    rules = guideline(NEWS_FIELDS)
    from_export = run([LS / "news.json"], rules)
    from_table = run([LS / "news_same.csv"], rules)
    assert summary(from_export, ["sentiment", "topics"]) == summary(from_table, ["sentiment", "topics"])


@pytest.mark.parametrize("name", ["news_min.json", "news.csv"])
def test_min_and_csv_same_as_table(name: str) -> None:
    rules = guideline(NEWS_FIELDS)
    from_export = run([LS / name], rules)
    from_table = run([LS / "news_min_same.csv"], rules)
    assert summary(from_export, ["sentiment", "topics"]) == summary(from_table, ["sentiment", "topics"])
    # These exports drop ground_truth, so the manager's gold annotation of item 3 is one more vote:
    # neu-neu coincidences rise from 2 to 3, n = 12, D_o = 4/12, D_e = 96/132, alpha = 13/24.
    assert alpha(from_export, "sentiment") == pytest.approx(13 / 24)


@pytest.mark.parametrize("name", ["news_min.json", "news.csv"])
def test_min_and_csv_counts(name: str) -> None:
    result = run([LS / name], guideline(FULL_FIELDS), **MAPPING)
    entry = result.inputs[0]
    assert entry["format"] == ("labelstudio-min" if name.endswith(".json") else "labelstudio-csv")
    assert entry["rows"] == 13
    assert entry["skipped"] == {"task without annotations": 1}
    assert entry["spans"] == 13
    assert alpha(result, "quality") == alpha(run([LS / "news.json"], guideline(FULL_FIELDS), **MAPPING), "quality")


def test_min_one_choice_is_a_string_two_an_object() -> None:
    annotations = read([LS / "news_min.json"], guideline(NEWS_FIELDS))
    topics = annotations.judgements[annotations.judgements["field"].eq("topics")]
    answers = dict(zip(zip(topics["item"], topics["annotator"]), topics["value"]))
    assert json.loads(answers[("1", "9")]) == ["business"]
    assert json.loads(answers[("1", "bo@example.com")]) == ["business", "people"]


def test_percent_boxes_become_pixels() -> None:
    annotations = read([LS / "boxes.json"], BOXES)
    boxes = annotations.boxes.set_index("region")
    assert boxes.loc["a1", ["x", "y", "width", "height"]].tolist() == pytest.approx([64, 96, 192, 192])
    assert boxes.loc["b1", "x"] == pytest.approx(70.4)
    assert boxes.loc["a3", ["image_width", "image_height"]].tolist() == [800, 600]
    assert boxes.loc["b3", "rotation"] == 90


def test_box_checks() -> None:
    result = run([LS / "boxes.json"], BOXES)
    assert codes(result) == ["LC180", "LC181"]
    (outside,) = findings_of(result, "LC180")
    assert (outside.item, outside.annotator) == ("12", "3")
    # b3 reaches x = 720 + 160 = 880 > 800 if its rotation of 90 degrees were ignored; rotated it stays inside.
    assert result.inputs[0]["skipped"] == {"cancelled": 1}
    assert result.fields["objects"].agreement["krippendorff_alpha"].value is None
    assert "not computed yet" in str(result.fields["objects"].agreement["krippendorff_alpha"].undefined_reason)


def test_boxes_match_label_studio_coco_export() -> None:
    ours = read([LS / "boxes.json"], BOXES).boxes
    theirs = read([EXPORTS / "coco" / "labelstudio_coco.json"], BOXES).boxes
    # Label Studio's own COCO converter turns a rotated box into another rectangle, so compare unrotated ones.
    ours = ours[ours["rotation"].eq(0)]

    def keyed(frame: object) -> list[tuple[object, ...]]:
        return sorted(
            (row.annotator, row.label, round(row.x, 6), round(row.y, 6), round(row.width, 6), round(row.height, 6))
            for row in frame.itertuples()  # type: ignore[attr-defined]
        )

    assert keyed(ours) == keyed(theirs[theirs["x"].ne(640)])


def test_traps() -> None:
    rules = guideline({
        "sentiment": {"kind": "single", "labels": ["pos", "neg", "neu"]},
        **ENTITIES,
        "objects": {"kind": "boxes", "labels": ["car", "person"]},
    })
    result = run([LS / "traps.json"], rules, columns={"entities": "ner", "objects": "label"})
    assert codes(result) == ["LC101", "LC170", "LC171", "LC172", "LC172", "LC173", "LC181", "LC190", "LC193"]
    (utf16,) = findings_of(result, "LC171")
    assert "UTF-16" in utf16.message
    assert result.inputs[0]["ignored"] == {"polygonlabels results of control 'label' for boxes field 'objects'": 1}
    (polygon,) = findings_of(result, "LC193")
    assert "control 'label' holds polygonlabels results" in polygon.message
    assert "'objects' is a boxes field" in polygon.message

    annotations = read([LS / "traps.json"], rules, columns={"entities": "ner", "objects": "label"})
    spans = annotations.spans.set_index("region")
    assert (spans.loc["h2", "start"], spans.loc["h2", "end"]) == (11, 14)
    split = annotations.boxes.set_index("region").loc["g1"]
    assert (split["label"], split["x"], split["y"], split["width"], split["height"]) == ("car", 100, 50, 200, 200)
    assert math.isnan(annotations.boxes.set_index("region").loc["g2", "x"])


def test_no_field_matches_a_control(tmp_path: Path) -> None:
    rules = guideline({"mood": {"kind": "single", "labels": ["pos", "neg", "neu"]}})
    runner = CliRunner()
    guideline_file = write(tmp_path / "guideline.yaml", "labelcheck: 1\nname: news\nversion: 1.0.0\nfields:\n"
                           "  mood: {kind: single, labels: [pos, neg, neu]}\n")
    outcome = runner.invoke(main, ["check", "-g", str(guideline_file), str(LS / "news.json")])
    assert outcome.exit_code == 2
    assert "no answer reaches a guideline field" in outcome.output
    assert "'sentiment'" in outcome.output
    assert rules.field_ids() == ["mood"]


def test_conflict_queue_as_label_studio_import(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    write(folder / "guideline.yaml", "labelcheck: 1\nname: news\nversion: 1.0.0\nfields:\n"
          "  sentiment: {kind: single, labels: [pos, neg, neu]}\n"
          "  topics: {kind: multi, labels: [business, weather, people]}\n")
    queue = folder / "queue.json"
    outcome = CliRunner().invoke(main, ["conflicts", "-g", str(folder / "guideline.yaml"), str(LS / "news.json"),
                                        "--queue", str(queue), "--format", "json"])
    assert outcome.exit_code == 0, outcome.output
    result = json.loads(outcome.output)
    tasks = json.loads(queue.read_text(encoding="utf-8"))
    assert [task["data"]["item"] for task in tasks] == list(dict.fromkeys(c["item"] for c in result["conflicts"]))
    assert tasks[0]["data"]["text"] in {"Acme hires Ann.", "Bo leaves Acme.", "Stocks fall again."}

    rules = guideline(NEWS_FIELDS)
    back = read_export(queue, "labelstudio", sources([queue], columns={"item": "item"})[0], rules)
    answers = {(row.item, row.annotator, row.field): row.value for row in back.predictions.itertuples()}
    for conflict in result["conflicts"]:
        for annotator, label in conflict["labels"].items():
            value = answers[(conflict["item"], annotator, conflict["field"])]
            expected = json.dumps(label.split("|") if label else []) if conflict["field"] == "topics" else label
            assert value == expected
    assert read_labelstudio(queue, sources([queue], columns={"item": "item"})[0], rules).summary.records == 0


def test_export_as_gold_is_rejected() -> None:
    from consistency.errors import ConfigError

    config = ProjectConfig(guideline="guideline.yaml", annotations=sources([LS / "news_same.csv"]),
                           gold=ReferenceConfig(path=str(LS / "news.json")))
    with pytest.raises(ConfigError, match="labelstudio export"):
        run_config(config, guideline(NEWS_FIELDS), RunOptions())


def _news_copy(tmp_path: Path, change: Callable[[list[dict[str, Any]]], None]) -> Path:
    tasks = json.loads((LS / "news.json").read_text(encoding="utf-8"))
    change(tasks)
    return write(tmp_path / "news.json", json.dumps(tasks))


def test_own_ground_truth_stays_a_vote(tmp_path: Path) -> None:
    def mark(tasks: list[dict[str, Any]]) -> None:
        # Annotator 3's annotation of task 2: sentiment neg, topics business, two spans, quality 2.
        tasks[1]["annotations"][0]["ground_truth"] = True

    path = _news_copy(tmp_path, mark)
    result = run([path], guideline(FULL_FIELDS), **MAPPING)
    per_annotator = {entry.annotator: entry.annotations for entry in result.fields["sentiment"].per_annotator}
    assert per_annotator == {"3": 4, "bo@example.com": 4, "9": 3}
    assert alpha(result, "sentiment") == pytest.approx(SENTIMENT_ALPHA)

    annotations = read([path], guideline(FULL_FIELDS), **MAPPING)
    assert annotations.gold is not None
    gold = {(row.item, row.field): row.value for row in annotations.gold.itertuples()}
    assert gold[("2", "sentiment")] == "neg"
    assert json.loads(gold[("2", "topics")]) == ["business"]
    assert json.loads(gold[("2", "entities")]) == [[0, 2, "PER"], [10, 14, "ORG"]]
    assert gold[("2", "quality")] == "2"
    # user 1's review of task 3 gives sentiment, topics and entities, and no quality
    assert gold[("3", "sentiment")] == "neu"
    assert ("3", "quality") not in gold
    entry = result.inputs[0]
    assert (entry["votes"], entry["gold_records"], entry["gold"]) == (11, 1, 4 + 3)
    assert entry["records"] == entry["votes"] + sum(entry["skipped"].values()) + entry["gold_records"]


def test_missing_ground_truth_result_gives_no_gold(tmp_path: Path) -> None:
    def drop_spans(tasks: list[dict[str, Any]]) -> None:
        review = tasks[2]["annotations"][3]
        review["result"] = [result for result in review["result"] if result["from_name"] != "ner"]

    result = run([_news_copy(tmp_path, drop_spans)], guideline(FULL_FIELDS), **MAPPING)
    # The review now gives sentiment and topics only; no empty span list counts as gold.
    assert result.inputs[0]["gold"] == 2


def test_wrong_kind_for_spans_is_reported() -> None:
    rules = guideline({**NEWS_FIELDS, "ner": {"kind": "multi", "labels": ["ORG", "PER", "LOC"]}})
    for name in ("news.json", "news_min.json", "news.csv"):
        result = run([LS / name], rules)
        (unread,) = [finding for finding in findings_of(result, "LC193") if "'ner'" in finding.message]
        assert "control 'ner' holds spans" in unread.message, name
        assert "field 'ner' is a multi field" in unread.message, name
        assert unread.message.startswith("13 answer(s)"), name
        assert "ner" not in set(read([LS / name], rules).judgements["field"]), name


@pytest.mark.parametrize("name", ["news.json", "news_min.json", "news.csv"])
def test_mapped_control_must_exist(name: str) -> None:
    with pytest.raises(InputError) as raised:
        read([LS / name], guideline(NEWS_FIELDS), columns={"sentiment": "sentimnt"})
    message = raised.value.message
    assert "no control 'sentimnt'" in message
    assert "'sentiment'" in message
    assert "'topics'" in message


@pytest.mark.parametrize("name", ["news.json", "news_min.json", "news.csv"])
def test_field_without_control_reports_the_control(name: str) -> None:
    rules = guideline({"tone": {"kind": "single", "labels": ["pos", "neg", "neu"]},
                       "topics": {"kind": "multi", "labels": ["business", "weather", "people"]}})
    result = run([LS / name], rules)
    unread = [finding.message for finding in findings_of(result, "LC193")]
    assert any("'sentiment'" in message for message in unread), unread
