"""Reading annotation tables: exact strings, line numbers, layouts and clean errors."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pytest

from consistency.config import SourceConfig
from consistency.errors import ConfigError, InputError
from consistency.readers import read_annotations, read_table
from guidelines import Guideline
from tests.conftest import write

TRICKY = ["None", "NA", "null", "n/a", "no", "yes", "1", "nan", "NULL", "#N/A", "-1.#IND", "true"]


def guideline(labels: list[str], fields: tuple[str, ...] = ("label",)) -> Guideline:
    return Guideline.model_validate(
        {
            "labelcheck": 1,
            "name": "demo",
            "version": "1.0.0",
            "fields": {name: {"kind": "single", "labels": labels} for name in fields},
        }
    )


def test_csv_keeps_na_like_strings(tmp_path: Path) -> None:
    rows = "\n".join(f"{index},ann,{label}" for index, label in enumerate(TRICKY))
    frame = read_table(write(tmp_path / "a.csv", "item,annotator,label\n" + rows + "\n"))
    assert frame["label"].tolist() == TRICKY


def test_empty_cell_is_missing(tmp_path: Path) -> None:
    frame = read_table(write(tmp_path / "a.csv", "item,annotator,label\n1,a,\n2,b,x\n"))
    assert frame["label"].tolist() == [None, "x"]


def test_line_numbers_follow_physical_lines(tmp_path: Path) -> None:
    text = 'item,annotator,label\n1,a,x\n2,a,"two\nlines"\n\n3,a,y\n'
    frame = read_table(write(tmp_path / "a.csv", text))
    assert frame["__line__"].tolist() == [2, 3, 6]


def test_tsv_and_gzip(tmp_path: Path) -> None:
    path = tmp_path / "a.tsv.gz"
    path.write_bytes(gzip.compress(b"item\tannotator\tlabel\n1\ta\tNA\n"))
    frame = read_table(path)
    assert frame["label"].tolist() == ["NA"]


def test_jsonl_numbers_keep_their_text(tmp_path: Path) -> None:
    text = '{"item": 1, "annotator": "a", "label": 1.50}\n\n{"item": 2, "annotator": "b", "label": null}\n'
    frame = read_table(write(tmp_path / "a.jsonl", text))
    assert frame["label"].tolist() == ["1.50", None]
    assert frame["item"].tolist() == ["1", "2"]
    assert frame["__line__"].tolist() == [1, 3]


def test_json_array(tmp_path: Path) -> None:
    records = [{"item": "x", "annotator": "a", "label": "no"}]
    frame = read_table(write(tmp_path / "a.json", json.dumps(records)))
    assert frame["label"].tolist() == ["no"]


def test_parquet_strings(tmp_path: Path) -> None:
    path = tmp_path / "a.parquet"
    pd.DataFrame({"item": ["1", "2"], "annotator": ["a", "a"], "label": ["None", None]}).to_parquet(path)
    frame = read_table(path)
    assert frame["label"].tolist() == ["None", None]
    assert frame["__line__"].tolist() == [1, 2]


def test_not_utf8_names_line(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("item,annotator,label\n1,a,ok\n2,a,caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        read_table(path)
    assert caught.value.line == 3
    assert "not valid UTF-8" in caught.value.message


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="empty"):
        read_table(write(tmp_path / "a.csv", ""))


def test_malformed_csv(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="malformed CSV"):
        read_table(write(tmp_path / "a.csv", "item,annotator,label\n1,a,x,extra,more\n"))


def test_invalid_jsonl_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_table(write(tmp_path / "a.jsonl", '{"item": 1}\n{"item": \n'))
    assert caught.value.line == 2


def test_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot tell the format"):
        read_table(write(tmp_path / "a.txt", "x"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_table(tmp_path / "absent.csv")


def test_missing_column_lists_columns(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "id,worker,label\n1,a,x\n")
    with pytest.raises(InputError) as caught:
        read_annotations([SourceConfig(path=str(path))], guideline(["x"]))
    assert "no column 'item'" in caught.value.message
    assert "'id', 'worker', 'label'" in caught.value.message


def test_column_mapping(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "id,worker,response\n1,a,x\n")
    source = SourceConfig(path=str(path), columns={"item": "id", "annotator": "worker", "label": "response"})
    annotations = read_annotations([source], guideline(["x"]))
    assert annotations.judgements[["item", "annotator", "field", "value"]].values.tolist() == [["1", "a", "label", "x"]]


def test_mapping_of_unknown_field(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "item,annotator,label\n1,a,x\n")
    with pytest.raises(ConfigError, match="neither item nor annotator nor slice nor a field"):
        read_annotations([SourceConfig(path=str(path), columns={"lable": "label"})], guideline(["x"]))


def test_no_field_column(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "item,annotator,other\n1,a,x\n")
    with pytest.raises(InputError, match="none of the guideline's fields"):
        read_annotations([SourceConfig(path=str(path))], guideline(["x"]))


def test_wide_layout(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "item,alice,bob,carol\n1,pos,pos,\n2,neg,pos,neg\n")
    annotations = read_annotations([SourceConfig(path=str(path), layout="wide")], guideline(["pos", "neg"]))
    frame = annotations.judgements.sort_values(["item", "annotator"])
    assert frame[["item", "annotator", "value"]].values.tolist() == [
        ["1", "alice", "pos"], ["1", "bob", "pos"], ["2", "alice", "neg"], ["2", "bob", "pos"], ["2", "carol", "neg"],
    ]
    assert frame["line"].tolist() == [2, 2, 3, 3, 3]


def test_wide_layout_needs_field_when_several(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "item,alice\n1,x\n")
    with pytest.raises(ConfigError, match="name it with field"):
        read_annotations([SourceConfig(path=str(path), layout="wide")], guideline(["x"], ("a", "b")))


def test_one_file_per_field(tmp_path: Path) -> None:
    first = write(tmp_path / "a.csv", "item,annotator,a\n1,x,p\n")
    second = write(tmp_path / "b.csv", "item,annotator,b\n1,x,q\n")
    annotations = read_annotations(
        [SourceConfig(path=str(first)), SourceConfig(path=str(second))], guideline(["p", "q"], ("a", "b"))
    )
    assert sorted(annotations.judgements["field"]) == ["a", "b"]
    assert len(annotations.inputs) == 2


def test_glob_without_match(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no file matches"):
        read_annotations([SourceConfig(path=str(tmp_path / "*.csv"))], guideline(["x"]))


def test_input_never_modified(tmp_path: Path) -> None:
    text = "item,annotator,label\n1,a,None\n"
    path = write(tmp_path / "a.csv", text)
    read_annotations([SourceConfig(path=str(path))], guideline(["None"]))
    assert path.read_text(encoding="utf-8") == text
