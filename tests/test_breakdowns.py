"""Coincidence matrix, pairwise agreement and agreement with the consensus."""

from __future__ import annotations

import krippendorff
import numpy as np
import pandas as pd
import pytest

from consistency.agreement.alpha import pairable_values
from consistency.agreement.breakdowns import consensus_agreement
from consistency.agreement.coincidence import coincidence_matrix, coincidence_summary
from consistency.agreement.pairwise import pairwise_agreement
from tests.test_alpha import KRIPPENDORFF_2011, _long


def test_coincidence_matrix_krippendorff_2011() -> None:
    # Krippendorff (2011), section C: the coincidence matrix of the nominal
    # example, with rows for the values 1..5 and n_c = 9, 13, 10, 5, 3.
    units, values = _long(KRIPPENDORFF_2011)
    matrix = coincidence_matrix(pairable_values(units, values, "nominal"))
    expected = np.array(
        [
            [7, 4 / 3, 1 / 3, 1 / 3, 0],
            [4 / 3, 10, 4 / 3, 1 / 3, 0],
            [1 / 3, 4 / 3, 8, 1 / 3, 0],
            [1 / 3, 1 / 3, 1 / 3, 4, 0],
            [0, 0, 0, 0, 3],
        ]
    )
    assert matrix == pytest.approx(expected)
    assert matrix.sum(axis=1) == pytest.approx([9, 13, 10, 5, 3])


def test_confused_pairs_ranked() -> None:
    units, values = _long(KRIPPENDORFF_2011)
    pairable = pairable_values(units, values, "nominal")
    summary = coincidence_summary(pairable, ["1", "2", "3", "4", "5"], order=["5", "4", "3", "2", "1"])
    assert summary is not None
    assert summary.labels == ["5", "4", "3", "2", "1"]
    assert [(pair.first, pair.second) for pair in summary.confused[:2]] == [("3", "2"), ("2", "1")]
    assert summary.confused[0].count == pytest.approx(8 / 3)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval"])
def test_pairwise_equals_package(level: str) -> None:
    rng = np.random.default_rng(1)
    rows = []
    for item in range(60):
        for annotator in rng.choice(8, size=int(rng.integers(2, 6)), replace=False):
            value = int(rng.integers(0, 4)) if rng.random() < 0.5 else item % 4
            rows.append((str(item), f"a{annotator}", value))
    frame = pd.DataFrame(rows, columns=["item", "annotator", "value"])
    pairs = pairwise_agreement(frame, frame["value"].to_numpy(), level)  # type: ignore[arg-type]
    assert len(pairs) == 28
    for pair in pairs:
        both = frame[frame["annotator"].isin([pair.first, pair.second])]
        matrix = both.pivot(index="annotator", columns="item", values="value").dropna(axis=1)
        assert matrix.shape[1] == pair.shared
        if pair.alpha.value is None:
            continue
        expected = krippendorff.alpha(reliability_data=matrix.to_numpy(dtype=float), level_of_measurement=level)
        assert pair.alpha.value == pytest.approx(expected, abs=1e-9)


def test_pairwise_marks_pairs_with_few_shared_items() -> None:
    frame = pd.DataFrame({"item": ["1", "1", "2", "2"], "annotator": ["a", "b", "a", "b"], "value": ["x", "x", "y", "x"]})
    [pair] = pairwise_agreement(frame, frame["value"].to_numpy(), "nominal")
    assert pair.shared == 2
    assert pair.percent_agreement == 0.5
    assert pair.alpha.value is None
    assert pair.alpha.undefined_reason == "only 2 shared item(s), fewer than the 5 required for a pair"


def test_consensus_leaves_own_answer_out() -> None:
    units = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    values = np.array(["x", "x", "x", "y", "x", "y", "z", "z"])
    scores = consensus_agreement(pairable_values(units, values, "nominal"))
    # Item 0: each x faces x, x, y (1); y faces three x (0).
    # Item 1: x faces y, z, z (0); y faces x, z, z (0); each z faces x, y, z,
    # a three-way tie that includes z, so it is left out (NaN).
    assert scores[:6].tolist() == [1.0, 1.0, 1.0, 0.0, 0.0, 0.0]
    assert np.isnan(scores[6:]).all()


def test_consensus_tie_only_when_own_answer_ties() -> None:
    units = np.array([0, 0, 0, 1, 1, 1])
    values = np.array(["x", "x", "y", "p", "q", "r"])
    scores = consensus_agreement(pairable_values(units, values, "nominal"))
    # Each x faces x and y: a tie that includes x. y faces two x: a clear 0.
    # In item 1 every answer faces a tie of the two others, which it is not part of.
    assert np.isnan(scores[:2]).all()
    assert scores[2:].tolist() == [0.0, 0.0, 0.0, 0.0]


def test_per_label_alpha_equals_binary_package() -> None:
    from consistency.api import check_frame
    from guidelines import Guideline

    rng = np.random.default_rng(5)
    rows = []
    for item in range(40):
        for annotator in rng.choice(5, size=int(rng.integers(1, 5)), replace=False):
            rows.append((str(item), f"a{annotator}", ["x", "y", "z"][int(rng.integers(0, 3)) if rng.random() < 0.6 else item % 3]))
    frame = pd.DataFrame(rows, columns=["item", "annotator", "label"])
    guideline = Guideline.model_validate(
        {"labelcheck": 1, "name": "d", "version": "1.0.0", "fields": {"label": {"kind": "single", "labels": ["x", "y", "z"]}}}
    )
    result = check_frame(guideline, frame)
    for entry in result.fields["label"].per_label:
        binary = frame.assign(value=(frame["label"] == entry.label).astype(float))
        matrix = binary.pivot(index="annotator", columns="item", values="value").to_numpy(dtype=float)
        expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
        assert entry.alpha.value == pytest.approx(expected, abs=1e-12)
