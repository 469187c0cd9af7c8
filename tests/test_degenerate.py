"""Degenerate input: every coefficient says why it has no value, in the same words."""

from __future__ import annotations

import pandas as pd
import pytest

from consistency.agreement.alpha import NO_PAIRS, NO_VALUES, ONE_ANNOTATOR
from consistency.agreement.reasons import ONE_ITEM
from consistency.api import check_frame
from guidelines import Guideline

CHANCE_CORRECTED = [
    "krippendorff_alpha", "fleiss_kappa", "gwet_ac1", "brennan_prediger",
]


def guideline(kind: str = "single") -> Guideline:
    field: dict[str, object] = {"kind": kind, "labels": ["x", "y", "z"]}
    return Guideline.model_validate({"labelcheck": 1, "name": "d", "version": "1.0.0", "fields": {"label": field}})


def coefficients(rows: list[tuple[str, str, str | None]]) -> dict[str, object]:
    frame = pd.DataFrame(rows, columns=["item", "annotator", "label"])
    result = check_frame(guideline(), frame)
    return result.fields["label"].agreement  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        ([("1", "a", "x"), ("2", "a", "y"), ("3", "a", "x")], ONE_ANNOTATOR),
        ([("1", "a", "x"), ("2", "b", "y"), ("3", "c", "x")], NO_PAIRS),
        ([("1", "a", "x"), ("1", "b", "y"), ("1", "c", "x")], ONE_ITEM),
        ([("1", "a", None), ("2", "b", None)], NO_VALUES),
    ],
)
def test_every_coefficient_gives_same_reason(rows: list[tuple[str, str, str | None]], reason: str) -> None:
    agreement = coefficients(rows)
    for name in CHANCE_CORRECTED:
        coefficient = agreement[name]
        assert coefficient.value is None, name  # type: ignore[attr-defined]
        assert coefficient.undefined_reason == reason, name  # type: ignore[attr-defined]


def test_no_variation_is_explained_everywhere() -> None:
    agreement = coefficients([("1", "a", "x"), ("1", "b", "x"), ("2", "a", "x"), ("2", "b", "x")])
    for name in CHANCE_CORRECTED:
        coefficient = agreement[name]
        assert coefficient.value is None, name  # type: ignore[attr-defined]
        assert coefficient.undefined_reason.startswith("no variation: every pairable annotation is 'x'"), name  # type: ignore[attr-defined]
    assert agreement["percent_agreement"].value == 1.0  # type: ignore[attr-defined]


def test_no_nan_anywhere_in_json() -> None:
    frame = pd.DataFrame([("1", "a", "x")], columns=["item", "annotator", "label"])
    result = check_frame(guideline(), frame)
    from consistency.reporters.json_report import render_json

    text = render_json(result)
    assert "NaN" not in text
    assert "Infinity" not in text
