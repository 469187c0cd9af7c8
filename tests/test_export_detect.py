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
from tests.exports_support import ENTITIES, EXPORTS, NEWS_FIELDS, guideline, read

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


def test_wrong_format_for_the_content(tmp_path: Path) -> None:
    rules = guideline({**NEWS_FIELDS, **ENTITIES})
    with pytest.raises(InputError, match="invalid JSON"):
        read([EXPORTS / "prodigy" / "news_sentiment.jsonl"], rules, format="labelstudio")


def test_config_formats_match_readers() -> None:
    from typing import get_args

    from consistency.config import ExportFormat
    from consistency.readers import EXPORT_READERS
    from consistency.readers.detect import EXPORT_FORMATS

    assert get_args(ExportFormat) == EXPORT_FORMATS
    assert tuple(EXPORT_READERS) == EXPORT_FORMATS
