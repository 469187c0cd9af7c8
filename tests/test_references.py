"""Gold labels and model predictions as pseudo-annotators."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from consistency.agreement.references import compare
from consistency.api import check_frame
from consistency.config import load_config
from consistency.engine import RunOptions, run_config
from guidelines import Guideline, load_guideline
from tests.conftest import write

GUIDELINE = {"labelcheck": 1, "name": "d", "version": "1.0.0",
             "fields": {"label": {"kind": "single", "labels": ["x", "y"]}}}


def test_compare_by_hand() -> None:
    # Six shared items (g is gold only); the sides agree on 5. First says x on
    # 3 items, second on 4: chance agreement 3/6 * 4/6 + 3/6 * 2/6 = 1/2, so
    # kappa = (5/6 - 1/2) / (1/2) = 2/3.
    field = Guideline.model_validate(GUIDELINE).field("label")
    first = pd.Series(["x", "x", "x", "y", "y", "y"], index=list("abcdef"))
    second = pd.Series(["x", "x", "x", "x", "y", "y", "x"], index=list("abcdefg"))
    result = compare(field, first, second, "model", "gold")
    assert result.items == 6
    assert result.percent_agreement == pytest.approx(5 / 6)
    assert result.kappa.value == pytest.approx(2 / 3)
    assert result.alpha.value is not None


def test_gold_never_changes_human_coefficients() -> None:
    guideline = Guideline.model_validate(GUIDELINE)
    frame = pd.DataFrame({"item": list("aabbccdd"), "annotator": list("pqpqpqpq"), "label": list("xxyxyyxy")})
    gold = pd.DataFrame({"item": list("abcd"), "label": list("xyyy")})
    without = check_frame(guideline, frame)
    with_gold = check_frame(guideline, frame, gold=gold)
    for name, coefficient in without.fields["label"].agreement.items():
        assert with_gold.fields["label"].agreement[name] == coefficient
    assert with_gold.fields["label"].annotators == 2
    [reference] = with_gold.fields["label"].references
    assert (reference.first, reference.second) == ("consensus", "gold")
    # Items a and c have a majority (x and y); b and d are ties, so two items
    # compare, and gold agrees on both.
    assert reference.items == 2
    assert reference.percent_agreement == 1.0


def test_annotator_kappa_against_gold() -> None:
    guideline = Guideline.model_validate(GUIDELINE)
    frame = pd.DataFrame({"item": list("aabbccdd"), "annotator": list("pqpqpqpq"), "label": list("xxyyxyyy")})
    gold = pd.DataFrame({"item": list("abcd"), "label": list("xyxy")})
    result = check_frame(guideline, frame, gold=gold)
    kappas = {entry.annotator: entry.gold_kappa for entry in result.fields["label"].per_annotator}
    assert kappas["p"] is not None and kappas["p"].value == pytest.approx(1.0)
    # q: x, y, y, y against gold x, y, x, y: agree 3/4; shares q 1/4 x, gold 1/2 x;
    # chance 1/4 * 1/2 + 3/4 * 1/2 = 1/2, so kappa = (3/4 - 1/2) / (1/2) = 0.5.
    assert kappas["q"] is not None and kappas["q"].value == pytest.approx(0.5)


def test_predictions_file_against_gold_and_consensus(tmp_path: Path) -> None:
    write(tmp_path / "g.yaml", "labelcheck: 1\nname: d\nversion: 1.0.0\nfields:\n  label:\n    kind: single\n    labels: [x, y]\n")
    write(tmp_path / "a.csv", "item,annotator,label\na,p,x\na,q,x\nb,p,y\nb,q,y\nc,p,x\nc,q,x\n")
    write(tmp_path / "gold.csv", "item,label\na,x\nb,y\nc,y\n")
    write(tmp_path / "model.csv", "item,label\na,x\nb,x\nc,x\n")
    config = write(
        tmp_path / "labelcheck.yaml",
        "guideline: g.yaml\nannotations: a.csv\ngold: gold.csv\npredictions: {path: model.csv, name: model-v3}\n",
    )
    loaded = load_config(config)
    result = run_config(loaded, load_guideline(loaded.guideline), RunOptions())
    pairs = {(entry.first, entry.second): entry for entry in result.fields["label"].references}
    assert set(pairs) == {("consensus", "gold"), ("model-v3", "gold"), ("model-v3", "consensus")}
    assert pairs[("consensus", "gold")].percent_agreement == pytest.approx(2 / 3)
    assert pairs[("model-v3", "gold")].percent_agreement == pytest.approx(1 / 3)
    assert pairs[("model-v3", "consensus")].percent_agreement == pytest.approx(2 / 3)
    assert result.fields["label"].annotators == 2


def test_check_frame_takes_predictions_and_seed() -> None:
    guideline = Guideline.model_validate(GUIDELINE)
    frame = pd.DataFrame({"item": list("aabbccdd"), "annotator": list("pqpqpqpq"), "label": list("xxyyxyyy")})
    predictions = pd.DataFrame({"item": list("abcd"), "label": list("xyxx")})
    first = check_frame(guideline, frame, predictions=predictions, predictions_name="m1", resamples=50, seed=3)
    second = check_frame(guideline, frame, predictions=predictions, predictions_name="m1", resamples=50, seed=3)
    [reference] = first.fields["label"].references
    assert (reference.first, reference.second) == ("m1", "consensus")
    assert first.fields["label"].agreement["krippendorff_alpha"].ci == second.fields["label"].agreement["krippendorff_alpha"].ci
    assert first.fields["label"].bootstrap is not None
    assert first.fields["label"].bootstrap.resamples == 50
