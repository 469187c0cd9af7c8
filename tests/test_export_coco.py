"""COCO object detection files: one file per annotator, and Label Studio's COCO export with an annotator key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consistency.errors import InputError
from tests.exports_support import EXPORTS, codes, findings_of, guideline, read, run

FIXTURE = EXPORTS / "coco"
RULES = guideline({"objects": {"kind": "boxes", "labels": ["car", "person"], "min_size": 4}})
MEMBERS = [FIXTURE / "alex.json", FIXTURE / "bo.json"]


def test_one_file_per_annotator() -> None:
    annotations = read(MEMBERS, RULES)
    answers = {(row.item, row.annotator): json.loads(row.value) for row in annotations.judgements.itertuples()}
    assert answers[("street.jpg", "alex")] == [[64.0, 96.0, 192.0, 192.0, "car"], [384.0, 48.0, 64.0, 240.0, "person"]]
    assert answers[("street.jpg", "bo")] == [[70.4, 96.0, 192.0, 192.0, "car"]]
    # an image listed without boxes is an empty answer
    assert answers[("empty_road.jpg", "alex")] == []
    assert len(answers) == 6


def test_items_are_file_names_not_image_ids() -> None:
    result = run(MEMBERS, RULES)
    field = result.fields["objects"]
    assert (field.items, field.annotations, field.annotators) == (3, 6, 2)
    assert "not computed yet" in str(field.agreement["krippendorff_alpha"].undefined_reason)


def test_counts_and_findings() -> None:
    result = run(MEMBERS, RULES)
    alex, bo = result.inputs
    assert (alex["rows"], alex["records"], alex["boxes"], alex["skipped"]) == (3, 3, 3, {})
    assert (bo["rows"], bo["records"], bo["boxes"]) == (3, 5, 4)
    assert bo["skipped"] == {"annotation of an image not in images": 1}
    assert codes(result) == ["LC180", "LC181", "LC182", "LC183", "LC193"]
    (stray,) = findings_of(result, "LC193")
    assert (stray.annotator, stray.line) == (None, 5)
    assert "first: 42" in stray.message
    (unknown,) = findings_of(result, "LC182")
    assert (unknown.annotator, unknown.line) == ("alex", 3)
    assert "'7'" in unknown.message
    (small,) = findings_of(result, "LC183")
    assert "3 x 2 pixels" in small.message


def test_annotator_key_from_label_studio() -> None:
    annotations = read([FIXTURE / "labelstudio_coco.json"], RULES)
    assert sorted(set(annotations.boxes["annotator"])) == ["3", "9"]
    # Label Studio writes one image entry per annotation, so two image ids share a file name.
    assert sorted(set(annotations.judgements["item"])) == ["/data/upload/3/park.jpg", "/data/upload/3/street.jpg"]
    assert len(annotations.judgements) == 4


def test_annotator_key_named_in_columns(tmp_path: Path) -> None:
    document = json.loads((FIXTURE / "alex.json").read_text(encoding="utf-8"))
    for position, entry in enumerate(document["annotations"]):
        entry["worker"] = "w1" if position else None
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run([path], RULES, columns={"annotator": "worker"}, annotator_from_file=False)
    (missing,) = findings_of(result, "LC190")
    assert (missing.line, missing.message.split(" ")[0]) == (1, "1")


def test_file_without_boxes_field() -> None:
    rules = guideline({"sentiment": {"kind": "single", "labels": ["pos"]}})
    with pytest.raises(InputError, match="boxes"):
        read(MEMBERS[:1], rules)


def test_large_file_is_vectorized(tmp_path: Path) -> None:
    images = [{"id": index, "file_name": f"{index}.jpg", "width": 100, "height": 100} for index in range(2000)]
    annotations = [{"id": index, "image_id": index % 2000, "category_id": 1 + index % 2,
                    "bbox": [index % 50, 10, 20, 30]} for index in range(100_000)]
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"images": images, "annotations": annotations,
                                "categories": [{"id": 1, "name": "car"}, {"id": 2, "name": "person"}]}),
                    encoding="utf-8")
    read_back = read([path], RULES)
    assert len(read_back.boxes) == 100_000
    assert len(read_back.judgements) == 2000
    assert read_back.inputs[0].boxes == 100_000


def test_unknown_category_names_the_categories() -> None:
    result = run(MEMBERS, RULES)
    (unknown,) = findings_of(result, "LC182")
    assert "category id 7 is not in the file's categories" in unknown.message


def test_label_studio_merged_export_warns() -> None:
    path = FIXTURE / "labelstudio_coco_merged.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    names = [image["file_name"] for image in document["images"]]
    shared = sum(1 for name in names if names.count(name) > 1)
    rules = guideline({"objects": {"kind": "boxes", "labels": ["Car", "Person"]}})
    result = run([path], rules)
    # Annotators drew alike boxes, which one merged answer per image would show as 16 repeated boxes (LC184).
    assert codes(result) == ["LC194"]
    (merged,) = findings_of(result, "LC194")
    assert merged.message.startswith(f"{shared} image entries share a file_name")
    assert "LABEL_STUDIO_FORCE_ANNOTATOR_EXPORT=1" in merged.message
    entry = result.inputs[0]
    assert (entry["rows"], entry["records"], entry["votes"]) == (len(names), len(document["annotations"]),
                                                                 len(document["annotations"]))


def test_annotator_key_export_does_not_warn() -> None:
    result = run([FIXTURE / "labelstudio_coco.json"], RULES)
    assert "LC194" not in codes(result)
