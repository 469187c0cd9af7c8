"""The Python interface: pandas frames in, a typed result and frames out.

Examples
--------
>>> import pandas as pd
>>> from guidelines import Guideline
>>> guideline = Guideline.model_validate({
...     "labelcheck": 1, "name": "demo", "version": "1.0.0",
...     "fields": {"label": {"kind": "single", "labels": ["pos", "neg"]}}})
>>> frame = pd.DataFrame({
...     "item": ["1", "1", "2", "2", "3", "3"],
...     "annotator": ["a", "b", "a", "b", "a", "b"],
...     "label": ["pos", "pos", "neg", "neg", "pos", "neg"]})
>>> result = check_frame(guideline, frame)
>>> round(result.fields["label"].agreement["krippendorff_alpha"].value, 4)
0.4444
>>> table = agreement_frame(result).set_index("coefficient")["value"]
>>> table[["krippendorff_alpha", "percent_agreement", "cohen_kappa", "scott_pi"]].round(4).tolist()
[0.4444, 0.6667, 0.4, 0.3333]

Two annotators agree on 2 of 3 items; the first answers pos twice, the second
once, so Cohen's chance agreement is 2/3 * 1/3 + 1/3 * 2/3 = 4/9 and kappa is
(2/3 - 4/9) / (1 - 4/9) = 0.4; Scott's pi pools the shares (1/2 each) and
gives (2/3 - 1/2) / (1/2) = 1/3.
"""

from __future__ import annotations

from dataclasses import asdict

import numpy as np
import pandas as pd

from consistency.agreement.bootstrap import DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, DEFAULT_SEED
from consistency.agreement.field_agreement import BootstrapSettings
from consistency.config import SourceConfig
from consistency.engine import References, RunOptions, run_pipeline
from consistency.readers import Annotations
from consistency.readers.layout import long_judgements, reference_values
from consistency.readers.tables import LINE
from consistency.result import CheckResult, Coefficient
from guidelines import Guideline


def _as_strings(frame: pd.DataFrame) -> pd.DataFrame:
    """Convert every cell to ``str`` or ``None``.

    pandas reads an integer column with an empty cell as floats, so a float
    column whose values are all whole numbers is written without ``.0``
    (``1.0`` becomes ``"1"``); read files with ``dtype=str`` to keep the text exactly.
    """
    frame = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_float_dtype(values):
            present = values.dropna()
            if len(present) and bool((present == present.round()).all()):
                frame[column] = values.astype("Int64")
    cells = frame.astype(object).to_numpy()
    cells[frame.isna().to_numpy()] = None
    convert = np.frompyfunc(lambda value: value if value is None or isinstance(value, str) else str(value), 1, 1)
    cells = convert(cells)
    cells[cells == ""] = None
    text = pd.DataFrame(cells, columns=[str(column) for column in frame.columns], index=frame.index, dtype=object)
    text[LINE] = pd.RangeIndex(1, len(text) + 1)
    return text


def check_frame(
    guideline: Guideline,
    frame: pd.DataFrame,
    *,
    columns: dict[str, str] | None = None,
    gold: pd.DataFrame | None = None,
    gold_columns: dict[str, str] | None = None,
    predictions: pd.DataFrame | None = None,
    predictions_columns: dict[str, str] | None = None,
    predictions_name: str = "model",
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    confidence: float = DEFAULT_CONFIDENCE,
    command: str = "check",
    max_findings: int = 100,
    conflicts_top: int | None = 50,
    name: str = "<dataframe>",
) -> CheckResult:
    """Run labelcheck on annotations held in a long-layout DataFrame.

    Parameters
    ----------
    guideline : Guideline
        Loaded with :func:`guidelines.load_guideline` or built in code.
    frame : pandas.DataFrame
        Shape (judgement rows, columns): an item column, an annotator column
        and one column per field. Values other than strings are converted
        with ``str``; ``None``, NaN and empty strings are missing. The frame
        is not modified.
    columns : dict, optional
        ``item``, ``annotator`` and field ids -> column names; defaults to
        columns named like them.
    gold : pandas.DataFrame, optional
        Gold labels: an item column and one column per field.
    gold_columns : dict, optional
        Column mapping for ``gold``, as ``columns``.
    predictions : pandas.DataFrame, optional
        Model predictions, laid out like ``gold``; compared with gold and
        with the human consensus, never mixed into the human coefficients.
    predictions_columns : dict, optional
        Column mapping for ``predictions``.
    predictions_name : str
        Name of the model in the result.
    resamples, seed, confidence :
        Bootstrap settings of the confidence intervals (``resamples=0``
        turns them off); the same seed gives the same intervals.
    command : {'check', 'validate', 'agreement', 'conflicts'}
        Which findings decide ``passed``.
    max_findings, conflicts_top : int
        Listing caps, as on the command line.
    name : str
        Stands in for a file name in findings; ``line`` is the 1-based row position.

    Returns
    -------
    CheckResult
    """
    source = SourceConfig(path=name, columns=columns or {})
    judgements, rows = long_judgements(_as_strings(frame), source, guideline, name)
    annotations = Annotations(judgements=judgements, rows=rows)
    references = References()
    if gold is not None:
        gold_source = SourceConfig(path=f"{name}:gold", columns=gold_columns or {})
        references.gold = reference_values(_as_strings(gold), gold_source, guideline, f"{name}:gold")
    if predictions is not None:
        source = SourceConfig(path=f"{name}:predictions", columns=predictions_columns or {})
        references.predictions = reference_values(_as_strings(predictions), source, guideline, f"{name}:predictions")
        references.predictions_name = predictions_name
    options = RunOptions(command=command, max_findings=max_findings, conflicts_top=conflicts_top,
                         bootstrap=BootstrapSettings(resamples, seed, confidence))
    return run_pipeline(guideline, annotations, references, options)


def findings_frame(result: CheckResult) -> pd.DataFrame:
    """Listed findings as a frame with columns ``code, slug, severity, message, file, line, item, annotator, field``."""
    columns = ["code", "slug", "severity", "message", "file", "line", "item", "annotator", "field"]
    return pd.DataFrame([finding.to_dict() for finding in result.findings], columns=columns)


def agreement_frame(result: CheckResult) -> pd.DataFrame:
    """Tabulate the coefficients: one row per field and coefficient (``field, coefficient, value, ci_low, ci_high, level, undefined_reason``)."""
    rows = []
    for field_id, field_result in result.fields.items():
        for name, coefficient in field_result.agreement.items():
            low, high = coefficient.ci if coefficient.ci is not None else (None, None)
            rows.append({"field": field_id, "coefficient": name, "value": coefficient.value, "ci_low": low,
                         "ci_high": high, "level": coefficient.level, "undefined_reason": coefficient.undefined_reason})
    columns = ["field", "coefficient", "value", "ci_low", "ci_high", "level", "undefined_reason"]
    return pd.DataFrame(rows, columns=columns, dtype=object).astype({"value": float, "ci_low": float, "ci_high": float})


def annotators_frame(result: CheckResult) -> pd.DataFrame:
    """Per-annotator agreement, one row per field and annotator, with ``alpha`` as a number or NaN."""
    rows = []
    for field_id, field_result in result.fields.items():
        for entry in field_result.per_annotator:
            row = asdict(entry)
            row["alpha"] = entry.alpha.value
            row["alpha_undefined_reason"] = entry.alpha.undefined_reason
            rows.append({"field": field_id, **row})
    columns = ["field", "annotator", "annotations", "pairable", "alpha", "percent_agreement", "gold_agreement",
               "gold_items", "gold_kappa", "consensus_agreement", "alpha_undefined_reason"]
    return pd.DataFrame(rows, columns=columns)


def conflicts_frame(result: CheckResult) -> pd.DataFrame:
    """Listed conflicts, worst first, with ``labels`` as a dict per row."""
    columns = ["item", "field", "labels", "consensus", "tie", "tied", "disagreement", "annotations", "gold",
               "consensus_method"]
    return pd.DataFrame([asdict(conflict) for conflict in result.conflicts], columns=columns)


def _columns(prefix: str) -> list[str]:
    return [prefix, f"{prefix}_ci_low", f"{prefix}_ci_high", f"{prefix}_undefined_reason"]


def _coefficient_columns(prefix: str, coefficient: Coefficient | None) -> dict[str, object]:
    if coefficient is None:
        return {prefix: None, f"{prefix}_ci_low": None, f"{prefix}_ci_high": None, f"{prefix}_undefined_reason": None}
    low, high = coefficient.ci if coefficient.ci is not None else (None, None)
    return {prefix: coefficient.value, f"{prefix}_ci_low": low, f"{prefix}_ci_high": high,
            f"{prefix}_undefined_reason": coefficient.undefined_reason}


def labels_frame(result: CheckResult) -> pd.DataFrame:
    """Per-label agreement: one row per field and label with ``count``, ``alpha`` and Fleiss' category ``kappa``."""
    rows = [
        {"field": field_id, "label": entry.label, "title": entry.title, "count": entry.count,
         **_coefficient_columns("alpha", entry.alpha), **_coefficient_columns("kappa", entry.kappa)}
        for field_id, field_result in result.fields.items()
        for entry in field_result.per_label
    ]
    return pd.DataFrame(rows, columns=["field", "label", "title", "count", *_columns("alpha"), *_columns("kappa")])


def pairwise_frame(result: CheckResult) -> pd.DataFrame:
    """Annotator pairs: one row per field and pair with ``shared`` items, ``percent_agreement`` and ``alpha``."""
    rows = [
        {"field": field_id, "first": entry.first, "second": entry.second, "shared": entry.shared,
         "percent_agreement": entry.percent_agreement, **_coefficient_columns("alpha", entry.alpha)}
        for field_id, field_result in result.fields.items()
        for entry in field_result.pairwise
    ]
    return pd.DataFrame(rows, columns=["field", "first", "second", "shared", "percent_agreement", *_columns("alpha")])


def slices_frame(result: CheckResult) -> pd.DataFrame:
    """Agreement per slice (``--by``): one row per field and slice value."""
    rows = [
        {"field": field_id, "slice": entry.slice, "items": entry.items, "annotations": entry.annotations,
         "annotators": entry.annotators, **_coefficient_columns("alpha", entry.alpha),
         "percent_agreement": entry.percent_agreement.value}
        for field_id, field_result in result.fields.items()
        for entry in field_result.slices
    ]
    return pd.DataFrame(rows, columns=["field", "slice", "items", "annotations", "annotators", *_columns("alpha"), "percent_agreement"])


def references_frame(result: CheckResult) -> pd.DataFrame:
    """Gold, predictions and consensus compared: one row per field and pair of pseudo-annotators."""
    rows = [
        {"field": field_id, "first": entry.first, "second": entry.second, "items": entry.items,
         "percent_agreement": entry.percent_agreement, **_coefficient_columns("kappa", entry.kappa),
         **_coefficient_columns("alpha", entry.alpha)}
        for field_id, field_result in result.fields.items()
        for entry in field_result.references
    ]
    return pd.DataFrame(rows, columns=["field", "first", "second", "items", "percent_agreement", *_columns("kappa"), *_columns("alpha")])


def frames(result: CheckResult) -> dict[str, pd.DataFrame]:
    """Convert every table of a result to a DataFrame, by name.

    Keys: ``agreement``, ``labels``, ``annotators``, ``pairwise``, ``slices``,
    ``references``, ``conflicts`` and ``findings``.

    Examples
    --------
    >>> import pandas as pd
    >>> from guidelines import Guideline
    >>> guideline = Guideline.model_validate({
    ...     "labelcheck": 1, "name": "demo", "version": "1.0.0",
    ...     "fields": {"label": {"kind": "single", "labels": ["pos", "neg"]}}})
    >>> frame = pd.DataFrame({"item": list("112233"), "annotator": list("ababab"), "label": ["pos"] * 4 + ["neg"] * 2})
    >>> tables = frames(check_frame(guideline, frame))
    >>> sorted(tables)
    ['agreement', 'annotators', 'conflicts', 'findings', 'labels', 'pairwise', 'references', 'slices']
    >>> tables["agreement"].set_index("coefficient").loc["krippendorff_alpha", "value"]
    np.float64(1.0)
    """
    return {
        "agreement": agreement_frame(result),
        "labels": labels_frame(result),
        "annotators": annotators_frame(result),
        "pairwise": pairwise_frame(result),
        "slices": slices_frame(result),
        "references": references_frame(result),
        "conflicts": conflicts_frame(result),
        "findings": findings_frame(result),
    }
