"""The command line end to end, on the shipped examples and on bad input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from consistency.cli import main
from tests.conftest import EXAMPLES, write

GUIDELINE = """labelcheck: 1
name: answers
version: 1.0.0
fields:
  answer:
    kind: single
    labels: [yes, no, None, NA]
"""


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    outcome = runner.invoke(main, list(args), catch_exceptions=False)
    return outcome.exit_code, outcome.stdout, outcome.stderr


def test_rte_example_passes_and_matches_krippendorff(runner: CliRunner, tmp_path: Path) -> None:
    config = EXAMPLES / "rte" / "labelcheck.yaml"
    code, out, err = invoke(runner, "check", "--config", str(config), "--json", str(tmp_path / "r.json"),
                            "--html", str(tmp_path / "r.html"))
    assert code == 0, out + err
    assert "PASSED" in out
    result = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))

    data = pd.read_csv(EXAMPLES / "rte" / "data" / "rte.tsv", sep="\t", dtype=str)
    matrix = data.pivot(index="worker", columns="orig_id", values="response").astype(float).to_numpy()
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    field = result["fields"]["entailment"]
    assert field["agreement"]["krippendorff_alpha"]["value"] == pytest.approx(expected, abs=1e-12)
    assert field["items"] == 800
    assert field["annotations"] == 8000
    assert field["annotators"] == 164
    assert result["passed"] is True
    assert result["guideline"]["name"] == "rte-entailment"
    assert result["conflicts"][0]["tie"] is True
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "0.241" in html
    assert "w0109" in html


def test_affect_example_seven_fields(runner: CliRunner, tmp_path: Path) -> None:
    config = EXAMPLES / "affect" / "labelcheck.yaml"
    code, out, err = invoke(runner, "check", "--config", str(config), "--json", str(tmp_path / "a.json"),
                            "--html", str(tmp_path / "a.html"))
    assert code == 0, out + err
    result = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert list(result["fields"]) == ["anger", "disgust", "fear", "joy", "sadness", "surprise", "valence"]
    anger = pd.read_csv(EXAMPLES / "affect" / "data" / "anger.tsv", sep="\t", dtype=str)
    matrix = anger.pivot(index="worker", columns="orig_id", values="response").astype(float).to_numpy()
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="interval")
    assert result["fields"]["anger"]["agreement"]["krippendorff_alpha"]["value"] == pytest.approx(expected, abs=1e-12)


def test_guideline_and_files_with_na_like_labels(runner: CliRunner, tmp_path: Path) -> None:
    guideline = write(tmp_path / "g.yaml", GUIDELINE)
    data = write(tmp_path / "d.csv", "item,annotator,answer\n1,a,no\n1,b,no\n2,a,None\n2,b,NA\n3,a,yes\n3,b,yes\n")
    code, out, _ = invoke(runner, "check", "-g", str(guideline), str(data), "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert result["fields"]["answer"]["label_counts"] == {"yes": 2, "no": 2, "None": 1, "NA": 1}
    assert result["conflicts"][0]["labels"] == {"a": "None", "b": "NA"}


def test_conflicting_duplicates_fail(runner: CliRunner, tmp_path: Path) -> None:
    guideline = write(tmp_path / "g.yaml", GUIDELINE)
    data = write(tmp_path / "d.csv", "item,annotator,answer\n1,a,yes\n1,a,no\n1,b,yes\n")
    code, out, _ = invoke(runner, "validate", "-g", str(guideline), str(data), "--format", "json")
    assert code == 1
    result = json.loads(out)
    assert [(f["code"], f["line"]) for f in result["findings"]] == [("LC130", 2), ("LC130", 3)]


@pytest.mark.parametrize(
    ("guideline_text", "data_text", "message"),
    [
        ("labelcheck: 1\nname: x\nversion: 1.0.0\nfields: {a: [\n", "item,annotator,a\n1,a,x\n", "invalid YAML"),
        (GUIDELINE + "  answer:\n    kind: single\n    labels: [x]\n", "item,annotator,answer\n", "duplicate key 'answer'"),
        (GUIDELINE.replace("kind: single", "kind: single\n    colour: red"), "item,annotator,answer\n", "unknown key"),
        (GUIDELINE, "", "the file is empty"),
        (GUIDELINE, "id,annotator,answer\n1,a,yes\n", "no column 'item'"),
    ],
)
def test_bad_input_exits_2_without_traceback(runner: CliRunner, tmp_path: Path, guideline_text: str,
                                             data_text: str, message: str) -> None:
    guideline = write(tmp_path / "g.yaml", guideline_text)
    data = write(tmp_path / "d.csv", data_text)
    code, out, err = invoke(runner, "check", "-g", str(guideline), str(data))
    assert code == 2
    assert message in err
    assert "Traceback" not in err + out
    assert err.startswith("Error: ")


def test_not_utf8_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    guideline = write(tmp_path / "g.yaml", GUIDELINE)
    data = tmp_path / "d.csv"
    data.write_bytes("item,annotator,answer\n1,\xe9,yes\n".encode("latin-1"))
    code, _, err = invoke(runner, "check", "-g", str(guideline), str(data))
    assert code == 2
    assert f"{data}:2: the file is not valid UTF-8" in err


def test_unknown_field_mapping_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    guideline = write(tmp_path / "g.yaml", GUIDELINE)
    data = write(tmp_path / "d.csv", "item,annotator,answer\n1,a,yes\n")
    code, _, err = invoke(runner, "check", "-g", str(guideline), str(data), "--column", "anwser=answer")
    assert code == 2
    assert "names 'anwser'" in err


def test_no_config_exits_2(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke(runner, "check")
    assert code == 2
    assert "no labelcheck.yaml in the current folder" in err


def test_bad_config_is_located(runner: CliRunner, tmp_path: Path) -> None:
    config = write(tmp_path / "labelcheck.yaml", "guideline: g.yaml\nanotations: []\n")
    code, _, err = invoke(runner, "check", "--config", str(config))
    assert code == 2
    assert "labelcheck.yaml:2:1: anotations: unknown key" in err


def test_conflicts_queue_csv(runner: CliRunner, tmp_path: Path) -> None:
    guideline = write(tmp_path / "g.yaml", GUIDELINE)
    data = write(tmp_path / "d.csv", "item,annotator,answer\n1,a,yes\n1,b,no\n1,c,no\n2,a,yes\n2,b,yes\n2,c,yes\n3,a,yes\n3,b,no\n")
    queue = tmp_path / "queue.csv"
    code, _, _ = invoke(runner, "conflicts", "-g", str(guideline), str(data), "--queue", str(queue))
    assert code == 0
    with queue.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["rank"], row["item"], row["consensus"], row["tie"]) for row in rows] == [
        ("1", "3", "", "True"), ("2", "1", "no", "False")
    ]
    assert rows[1]["votes"] == "no: b, c; yes: a"


def test_same_input_same_output(runner: CliRunner, tmp_path: Path) -> None:
    config = EXAMPLES / "rte" / "labelcheck.yaml"
    outputs = []
    for name in ("one.json", "two.json"):
        invoke(runner, "check", "--config", str(config), "--json", str(tmp_path / name), "--html", str(tmp_path / "r.html"))
        outputs.append((tmp_path / name).read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]


def test_every_format_renders(runner: CliRunner, tmp_path: Path) -> None:
    guideline = write(tmp_path / "g.yaml", GUIDELINE)
    data = write(tmp_path / "d.csv", "item,annotator,answer\n1,a,yes\n1,b,no\n2,a,maybe\n2,b,no\n")
    for name in ("text", "json", "markdown", "junit", "github", "sarif", "html"):
        code, out, err = invoke(runner, "check", "-g", str(guideline), str(data), "--format", name)
        assert code == 1, (name, err)
        assert out.strip(), name


def test_wide_layout_from_options(runner: CliRunner, tmp_path: Path) -> None:
    guideline = write(tmp_path / "g.yaml", GUIDELINE)
    data = write(tmp_path / "d.csv", "item,alice,bob\n1,yes,yes\n2,no,no\n3,yes,no\n")
    code, out, _ = invoke(runner, "agreement", "-g", str(guideline), str(data), "--layout", "wide", "--format", "json")
    assert code == 0
    value = json.loads(out)["fields"]["answer"]["agreement"]["krippendorff_alpha"]["value"]
    expected = krippendorff.alpha(reliability_data=np.array([[0, 1, 0], [0, 1, 1]], dtype=float), level_of_measurement="nominal")
    assert value == pytest.approx(expected)


def test_row_numbers_as_item_ids(runner: CliRunner, tmp_path: Path) -> None:
    guideline = write(tmp_path / "g.yaml", GUIDELINE)
    data = write(tmp_path / "d.csv", "alice,bob\nyes,yes\nno,no\nyes,no\n")
    code, out, _ = invoke(runner, "agreement", "-g", str(guideline), str(data), "--layout", "wide",
                          "--item-column", "@row", "--format", "json")
    assert code == 0
    field = json.loads(out)["fields"]["answer"]
    assert field["items"] == 3
    assert json.loads(out)["conflicts"][0]["item"] == "3"


def test_missing_item_column_suggests_row_ids(runner: CliRunner, tmp_path: Path) -> None:
    guideline = write(tmp_path / "g.yaml", GUIDELINE)
    data = write(tmp_path / "d.csv", "alice,bob\nyes,yes\n")
    code, _, err = invoke(runner, "check", "-g", str(guideline), str(data), "--layout", "wide")
    assert code == 2
    assert "--item-column @row" in err


def test_header_only_file_warns(runner: CliRunner, tmp_path: Path) -> None:
    guideline = write(tmp_path / "g.yaml", GUIDELINE)
    data = write(tmp_path / "d.csv", "item,annotator,answer\n")
    code, out, _ = invoke(runner, "check", "-g", str(guideline), str(data), "--format", "json")
    result = json.loads(out)
    assert code == 0
    assert result["summary"]["findings_by_code"] == {"LC151": 1}
    assert result["fields"]["answer"]["agreement"]["krippendorff_alpha"]["undefined_reason"] == "no usable annotations"


def test_empty_separator_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    guideline = write(tmp_path / "g.yaml", GUIDELINE)
    data = write(tmp_path / "d.csv", "item,annotator,answer\n1,a,yes\n")
    code, _, err = invoke(runner, "check", "-g", str(guideline), str(data), "--separator", "")
    assert code == 2
    assert "separator" in err


def test_agreement_command_ignores_validation_errors(runner: CliRunner, tmp_path: Path) -> None:
    guideline = write(tmp_path / "g.yaml", GUIDELINE)
    data = write(tmp_path / "d.csv", "item,annotator,answer\n1,a,yes\n1,b,maybe\n2,a,no\n2,b,no\n")
    code, out, _ = invoke(runner, "agreement", "-g", str(guideline), str(data), "--format", "junit")
    assert code == 0
    assert 'failures="0"' in out
    code, out, _ = invoke(runner, "check", "-g", str(guideline), str(data), "--format", "junit")
    assert code == 1
    assert 'failures="1"' in out


def test_key_typo_suggests_spelling(runner: CliRunner, tmp_path: Path) -> None:
    guideline = write(tmp_path / "g.yaml", GUIDELINE.replace("labels:", "lables:"))
    data = write(tmp_path / "d.csv", "item,annotator,answer\n1,a,yes\n")
    code, _, err = invoke(runner, "check", "-g", str(guideline), str(data))
    assert code == 2
    assert "unknown key 'lables'; did you mean 'labels'?" in err


def test_tab_indentation_hint(runner: CliRunner, tmp_path: Path) -> None:
    guideline = write(tmp_path / "g.yaml", GUIDELINE.replace("    kind: single", "\tkind: single"))
    data = write(tmp_path / "d.csv", "item,annotator,answer\n1,a,yes\n")
    code, _, err = invoke(runner, "check", "-g", str(guideline), str(data))
    assert code == 2
    assert "indent with spaces" in err


def test_agreement_by_slice(runner: CliRunner, tmp_path: Path) -> None:
    guideline = write(tmp_path / "g.yaml", GUIDELINE)
    rows = ["item,annotator,answer,batch"]
    for item in range(1, 7):
        rows += [f"{item},a,yes,first", f"{item},b,yes,first"] if item <= 3 else []
    rows += ["4,a,yes,second", "4,b,no,second", "5,a,no,second", "5,b,yes,second", "6,a,no,second", "6,b,no,second"]
    data = write(tmp_path / "d.csv", "\n".join(rows) + "\n")
    code, out, _ = invoke(runner, "agreement", "-g", str(guideline), str(data), "--by", "batch", "--format", "json")
    assert code == 0
    slices = json.loads(out)["fields"]["answer"]["slices"]
    assert [(entry["slice"], entry["items"], entry["annotations"]) for entry in slices] == [("first", 3, 6), ("second", 3, 6)]
    assert slices[0]["alpha"]["value"] is None
    assert slices[0]["alpha"]["undefined_reason"].startswith("no variation")
    assert slices[0]["percent_agreement"]["value"] == 1.0
    second = np.array([[1, 0, 0], [0, 1, 0]], dtype=float)
    expected = krippendorff.alpha(reliability_data=second, level_of_measurement="nominal")
    assert slices[1]["alpha"]["value"] == pytest.approx(expected)


def test_validate_lists_no_threshold_findings(runner: CliRunner, tmp_path: Path) -> None:
    guideline = write(tmp_path / "g.yaml", GUIDELINE.replace("    labels:", "    agreement: {fail_below: 0.9}\n    labels:"))
    data = write(tmp_path / "d.csv", "item,annotator,answer\n1,a,yes\n1,b,no\n2,a,no\n2,b,no\n")
    code, out, _ = invoke(runner, "validate", "-g", str(guideline), str(data))
    assert code == 0
    assert "LC301" not in out
    assert "PASSED" in out
    code, out, _ = invoke(runner, "conflicts", "-g", str(guideline), str(data))
    assert code == 0
    assert "1 errors (1 do not fail `labelcheck conflicts`)" in out


def test_last_item_with_one_annotation(runner: CliRunner, tmp_path: Path) -> None:
    guideline = write(tmp_path / "g.yaml", GUIDELINE)
    data = write(tmp_path / "d.csv", "item,annotator,answer\n1,a,yes\n1,b,yes\n2,a,no\n2,b,yes\n3,a,no\n3,b,no\n4,a,yes\n")
    code, out, err = invoke(runner, "check", "-g", str(guideline), str(data), "--format", "json")
    assert code == 0, err
    alpha = json.loads(out)["fields"]["answer"]["agreement"]["krippendorff_alpha"]
    assert alpha["ci"] is not None
    assert alpha["ci"][0] <= alpha["value"] <= alpha["ci"][1]
