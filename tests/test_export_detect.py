"""Telling export formats apart, compressed exports, and the command-line options for exports."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from consistency.cli import main
from consistency.errors import InputError
from consistency.readers.detect import detect_format
from tests.conftest import DATA, write
from tests.exports_support import (
    ENTITIES,
    EXPORTS,
    NEWS_FIELDS,
    alpha,
    codes,
    guideline,
    read,
    run,
    sources,
    summary,
)

DETECTED = [
    ("labelstudio/news.json", "labelstudio"),
    ("labelstudio/news_min.json", "labelstudio-min"),
    ("labelstudio/news.csv", "labelstudio-csv"),
    ("labelstudio/news_same.csv", "csv"),
    ("prodigy/news_topics.jsonl", "prodigy"),
    ("doccano/sentiment/alex.jsonl", "doccano"),
    ("argilla/flat.jsonl", "argilla"),
    ("argilla/records.json", "argilla"),
    ("coco/alex.json", "coco"),
    ("coco/labelstudio_coco.json", "coco"),
]


@pytest.mark.parametrize(("name", "expected"), DETECTED)
def test_detects_format(name: str, expected: str) -> None:
    assert detect_format(EXPORTS / name).format == expected


def test_detects_pretty_printed_doccano() -> None:
    path = DATA / "doccano_examples" / "export_relation_extraction_example.jsonl"
    assert detect_format(path).format == "doccano"


def test_detects_real_prodigy_examples() -> None:
    for path in sorted((DATA / "prodigy_examples").glob("*.jsonl")):
        assert detect_format(path).format == "prodigy"


def test_ambiguous_content_names_candidates(tmp_path: Path) -> None:
    path = write(tmp_path / "mixed.jsonl", json.dumps({"text": "a", "label": ["x"], "_input_hash": 1}) + "\n")
    with pytest.raises(InputError, match=r"several export formats \(prodigy, doccano\)"):
        detect_format(path)


def test_unknown_content_names_formats(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.txt", "just some words\n")
    with pytest.raises(InputError, match="labelstudio, labelstudio-min"):
        detect_format(path)


def test_plain_json_table_stays_a_table(tmp_path: Path) -> None:
    path = write(tmp_path / "table.json", json.dumps([{"item": "1", "annotator": "a", "sentiment": "pos"}]))
    assert detect_format(path).format == "json"


@pytest.mark.parametrize(
    ("name", "settings"),
    [
        ("labelstudio/news.json", {}),
        ("labelstudio/news_min.json", {}),
        ("labelstudio/news.csv", {}),
        ("prodigy/news_sentiment.jsonl", {}),
        ("doccano/sentiment/alex.jsonl", {"columns": {"sentiment": "label"}}),
        ("argilla/flat.jsonl", {}),
        ("argilla/records.json", {}),
    ],
)
def test_gzip_reads_the_same(tmp_path: Path, name: str, settings: dict[str, object]) -> None:
    source = EXPORTS / name
    folder = tmp_path / source.parent.name
    folder.mkdir()
    plain = folder / source.name
    shutil.copy(source, plain)
    packed = folder / f"{source.name}.gz"
    packed.write_bytes(gzip.compress(source.read_bytes()))
    rules = guideline(NEWS_FIELDS)
    from_plain = read([plain], rules, **settings).judgements.drop(columns="file")
    from_packed = read([packed], rules, **settings).judgements.drop(columns="file")
    assert len(from_plain) > 0
    assert from_plain.equals(from_packed)


def test_gzip_coco(tmp_path: Path) -> None:
    packed = tmp_path / "alex.json.gz"
    packed.write_bytes(gzip.compress((EXPORTS / "coco" / "alex.json").read_bytes()))
    rules = guideline({"objects": {"kind": "boxes", "labels": ["car", "person"]}})
    annotations = read([packed], rules)
    assert set(annotations.judgements["annotator"]) == {"alex"}
    assert len(annotations.boxes) == 3


def test_cli_input_format_and_annotator_from_file(tmp_path: Path) -> None:
    rules = write(tmp_path / "guideline.yaml", "labelcheck: 1\nname: docs\nversion: 1.0.0\nfields:\n"
                  "  labels: {kind: multi, labels: [DOCUMENTATION]}\n")
    export = tmp_path / "alex.data"
    shutil.copy(DATA / "prodigy_examples" / "annotated_github-issues-DOCUMENTATION-textcat.jsonl", export)
    runner = CliRunner()
    outcome = runner.invoke(main, ["validate", "-g", str(rules), str(export), "--input-format", "prodigy",
                                   "--annotator-from-file", "--format", "json"])
    assert outcome.exit_code == 0, outcome.output
    result = json.loads(outcome.output)
    assert result["inputs"][0]["format"] == "prodigy"
    assert result["fields"]["labels"]["annotators"] == 1
    assert result["summary"]["findings"] == 0


def test_cli_rejects_unknown_input_format(tmp_path: Path) -> None:
    rules = write(tmp_path / "guideline.yaml", "labelcheck: 1\nname: docs\nversion: 1.0.0\nfields:\n"
                  "  labels: {kind: multi, labels: [DOCUMENTATION]}\n")
    outcome = CliRunner().invoke(main, ["check", "-g", str(rules), str(rules), "--input-format", "brat"])
    assert outcome.exit_code == 2
    assert "labelstudio-min" in outcome.output


WRONG_FORMATS = [
    ("labelstudio/news_min.json", "labelstudio", "labelstudio-min"),
    ("labelstudio/news.json", "prodigy", "labelstudio"),
    ("argilla/flat.jsonl", "doccano", "argilla"),
    ("prodigy/news_sentiment.jsonl", "argilla", "prodigy"),
    ("prodigy/news_sentiment.jsonl", "labelstudio", "prodigy"),
    ("labelstudio/news_min.json", "labelstudio-csv", "labelstudio-min"),
    ("labelstudio/news.csv", "labelstudio", "labelstudio-csv"),
]


@pytest.mark.parametrize(("name", "declared", "looks"), WRONG_FORMATS)
def test_wrong_format_names_the_right_one(name: str, declared: str, looks: str) -> None:
    rules = guideline({**NEWS_FIELDS, **ENTITIES})
    with pytest.raises(InputError) as raised:
        read([EXPORTS / name], rules, format=declared)
    message = raised.value.message
    assert f"not {'an' if declared[0] in 'aeiou' else 'a'} {declared} export" in message
    assert f"it looks like {looks};" in message
    assert f"set format: {looks}" in message


def test_wrong_format_exits_2(tmp_path: Path) -> None:
    rules = write(tmp_path / "guideline.yaml", "labelcheck: 1\nname: news\nversion: 1.0.0\nfields:\n"
                  "  sentiment: {kind: single, labels: [pos, neg, neu]}\n")
    outcome = CliRunner().invoke(main, ["check", "-g", str(rules), str(EXPORTS / "labelstudio" / "news_min.json"),
                                        "--input-format", "labelstudio"])
    assert outcome.exit_code == 2
    assert "it looks like labelstudio-min" in outcome.output


def test_csv_format_on_json_is_clear(tmp_path: Path) -> None:
    rules = guideline(NEWS_FIELDS)
    with pytest.raises(InputError, match="holds JSON, not CSV") as raised:
        read([EXPORTS / "labelstudio" / "news_min.json"], rules, format="csv")
    assert "C error" not in raised.value.message


def test_format_without_signature_passes(tmp_path: Path) -> None:
    path = write(tmp_path / "alex.jsonl", json.dumps({"id": 1, "text": "a", "label": ["pos"], "annotator": "x"}) + "\n")
    annotations = read([path], guideline(NEWS_FIELDS), format="doccano", columns={"sentiment": "label"})
    assert annotations.judgements["value"].tolist() == ["pos"]


def test_config_formats_match_readers() -> None:
    from typing import get_args

    from consistency.config import ExportFormat
    from consistency.readers import EXPORT_READERS
    from consistency.readers.detect import EXPORT_FORMATS

    assert get_args(ExportFormat) == EXPORT_FORMATS
    assert tuple(EXPORT_READERS) == EXPORT_FORMATS


TABLES = EXPORTS / "tables"
LABEL_SETS = guideline({"label": {"kind": "multi", "labels": ["pos", "neg"]}})
LABELS_SETS = guideline({"labels": {"kind": "multi", "labels": ["pos", "neg"]}})
PLAIN_ALPHA = -2 / 7
"""Nominal alpha of the plain tables' label sets, by hand.

Items 1, 3 and 5 hold ({pos}, {pos, neg}), items 2 and 4 ({pos}, {pos}); n = 10 with n_pos = 7 and
n_pos,neg = 3. D_o = 6/10 and D_e = (100 - 49 - 9) / 90 = 42/90, so alpha = 1 - 54/42 = -2/7.
"""


def test_mapped_columns_make_a_table() -> None:
    source = sources([TABLES / "plain_label.json"], columns={"item": "orig_id", "annotator": "worker"})[0]
    assert detect_format(TABLES / "plain_label.json", source).format == "json"
    result = run([TABLES / "plain_label.json"], LABEL_SETS, columns={"item": "orig_id", "annotator": "worker"})
    assert codes(result) == []
    assert alpha(result, "label") == pytest.approx(PLAIN_ALPHA)


def test_cli_plain_table_with_column_options() -> None:
    rules = TABLES / "guideline.yaml"
    outcome = CliRunner().invoke(main, ["check", "-g", str(rules), str(TABLES / "plain_label.json"),
                                        "--item-column", "orig_id", "--annotator-column", "worker", "--format", "json"])
    assert outcome.exit_code == 0, outcome.output
    result = json.loads(outcome.output)
    assert result["inputs"][0]["format"] == "json"
    assert result["fields"]["label"]["annotations"] == 10


def test_configured_annotator_column_makes_a_table() -> None:
    result = run([TABLES / "plain_multi2.jsonl"], LABELS_SETS, columns={"annotator": "coder"})
    assert result.inputs[0]["format"] == "jsonl"
    assert codes(result) == []
    assert alpha(result, "labels") == pytest.approx(PLAIN_ALPHA)


def test_plain_table_agrees_with_csv(tmp_path: Path) -> None:
    rows = json.loads((TABLES / "plain_label.json").read_text(encoding="utf-8"))
    lines = ["item,annotator,label"] + [f"{row['orig_id']},{row['worker']},{'|'.join(row['label'])}" for row in rows]
    table = write(tmp_path / "same.csv", "\n".join(lines) + "\n")
    from_json = run([TABLES / "plain_label.json"], LABEL_SETS, columns={"item": "orig_id", "annotator": "worker"})
    assert summary(from_json, ["label"]) == summary(run([table], LABEL_SETS), ["label"])


def test_repeated_ids_name_doccano_and_table(tmp_path: Path) -> None:
    records = [{"id": 1, "worker": "w1", "text": "a", "labels": ["pos"]},
               {"id": 1, "worker": "w2", "text": "a", "labels": ["neg"]}]
    path = write(tmp_path / "plain.jsonl", "".join(json.dumps(record) + "\n" for record in records))
    with pytest.raises(InputError) as raised:
        detect_format(path)
    message = raised.value.message
    assert "both doccano" in message
    assert "plain jsonl table" in message
    assert "format: doccano" in message
    assert "--annotator-column" in message
    source = sources([path], columns={"item": "id", "annotator": "worker"})[0]
    assert detect_format(path, source).format == "jsonl"


def test_item_column_without_annotator_is_in_doubt(tmp_path: Path) -> None:
    path = write(tmp_path / "plain.json", json.dumps([{"item": 1, "text": "a", "label": ["pos"]}]))
    with pytest.raises(InputError, match="both doccano"):
        detect_format(path)


def test_doccano_still_detected_without_table_columns() -> None:
    assert detect_format(EXPORTS / "doccano" / "sentiment" / "alex.jsonl", sources([Path("x")])[0]).format == "doccano"


def test_gold_table_with_label_lists_is_a_table(tmp_path: Path) -> None:
    path = write(tmp_path / "gold.jsonl", json.dumps({"item": "1", "text": "a", "label": ["pos"]}) + "\n")
    assert detect_format(path, tables_only=True).format == "jsonl"


COUNTED = [
    ("labelstudio/news.json", NEWS_FIELDS, {}),
    ("labelstudio/news_min.json", NEWS_FIELDS, {}),
    ("labelstudio/news.csv", NEWS_FIELDS, {}),
    ("labelstudio/boxes.json", {"objects": {"kind": "boxes", "labels": ["car", "person"]}}, {}),
    ("prodigy/news_topics.jsonl", NEWS_FIELDS, {}),
    ("prodigy/news_sentiment.jsonl", NEWS_FIELDS, {}),
    ("doccano/sentiment/cy.jsonl", NEWS_FIELDS, {"columns": {"sentiment": "label"}}),
    ("argilla/flat.jsonl", NEWS_FIELDS, {}),
    ("argilla/records.json", NEWS_FIELDS, {}),
    ("coco/bo.json", {"objects": {"kind": "boxes", "labels": ["car", "person"]}}, {}),
    ("coco/labelstudio_coco_merged.json", {"objects": {"kind": "boxes", "labels": ["Car", "Person"]}}, {}),
]


@pytest.mark.parametrize(("name", "fields", "settings"), COUNTED)
def test_records_are_votes_skipped_or_gold(name: str, fields: dict[str, object], settings: dict[str, object]) -> None:
    entry = run([EXPORTS / name], guideline(fields), **settings).inputs[0]
    assert entry["records"] == entry["votes"] + sum(entry["skipped"].values()) + entry["gold_records"]
    assert entry["votes"] > 0
