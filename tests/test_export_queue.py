"""The adjudication queue as a Label Studio import file: control and object tag names that fit the project."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from consistency.cli import main
from consistency.readers import read_export
from tests.conftest import write
from tests.exports_support import EXPORTS, NEWS_FIELDS, guideline, sources

LS = EXPORTS / "labelstudio"
GUIDELINE = ("labelcheck: 1\nname: news\nversion: 1.0.0\nfields:\n"
             "  sentiment: {kind: single, labels: [pos, neg, neu]}\n"
             "  topics: {kind: multi, labels: [business, weather, people]}\n")


def _queue(tmp_path: Path, inputs: list[Path], *options: str) -> list[dict[str, Any]]:
    rules = write(tmp_path / "guideline.yaml", GUIDELINE)
    queue = tmp_path / "queue.json"
    outcome = CliRunner().invoke(main, ["conflicts", "-g", str(rules), *map(str, inputs), "--queue", str(queue),
                                        *options])
    assert outcome.exit_code == 0, outcome.output
    tasks: list[dict[str, Any]] = json.loads(queue.read_text(encoding="utf-8"))
    assert tasks
    return tasks


def _names(tasks: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(result["from_name"], result["to_name"])
            for task in tasks for prediction in task["predictions"]
            for result in prediction["result"]}


def test_queue_uses_the_export_names(tmp_path: Path) -> None:
    # news.json names its object tag txt, as <Text name="txt" value="$text"/> in news_config.xml.
    tasks = _queue(tmp_path, [LS / "news.json"])
    assert _names(tasks) == {("sentiment", "txt"), ("topics", "txt")}


def test_queue_round_trip_keeps_the_names(tmp_path: Path) -> None:
    tasks = _queue(tmp_path, [LS / "news.json"])
    queue = tmp_path / "queue.json"
    back = read_export(queue, "labelstudio", sources([queue], columns={"item": "item"})[0], guideline(NEWS_FIELDS))
    assert back.controls["sentiment"].object_tag == "txt"
    assert back.controls["topics"].control == "topics"
    results = [result for task in tasks for prediction in task["predictions"]
               for result in prediction["result"]]
    assert len(back.predictions) == len(results)


def test_queue_maps_fields_back_to_controls(tmp_path: Path) -> None:
    rules = write(tmp_path / "guideline.yaml", GUIDELINE.replace("sentiment:", "tone:"))
    queue = tmp_path / "queue.json"
    outcome = CliRunner().invoke(main, ["conflicts", "-g", str(rules), str(LS / "news.json"), "--queue", str(queue),
                                        "--column", "tone=sentiment"])
    assert outcome.exit_code == 0, outcome.output
    tasks = json.loads(queue.read_text(encoding="utf-8"))
    assert ("sentiment", "txt") in _names(tasks)
    assert all(name != "tone" for name, _ in _names(tasks))


def test_queue_to_name_option_wins(tmp_path: Path) -> None:
    tasks = _queue(tmp_path, [LS / "news_min.json"], "--queue-to-name", "txt")
    assert _names(tasks) == {("sentiment", "txt"), ("topics", "txt")}


def test_queue_from_json_min_keeps_controls(tmp_path: Path) -> None:
    # JSON-MIN drops to_name, so without the option the object tag is the default.
    tasks = _queue(tmp_path, [LS / "news_min.json"])
    assert _names(tasks) == {("sentiment", "text"), ("topics", "text")}


def test_queue_from_a_table_uses_field_ids(tmp_path: Path) -> None:
    tasks = _queue(tmp_path, [LS / "news_same.csv"])
    assert _names(tasks) == {("sentiment", "text"), ("topics", "text")}
    tasks = _queue(tmp_path, [LS / "news_same.csv"], "--queue-to-name", "body")
    assert _names(tasks) == {("sentiment", "body"), ("topics", "body")}
