"""The pipeline: read, prepare, validate, measure agreement, rank conflicts, build one result."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from consistency import __version__
from consistency.agreement.breakdowns import add_breakdowns
from consistency.agreement.field_agreement import (
    BootstrapSettings,
    field_agreement,
    reference_summary,
)
from consistency.agreement.references import annotators_against_gold, reference_comparisons
from consistency.agreement.usable import UsableValues
from consistency.checks import CHECKS, CheckContext, checks_for
from consistency.config import ProjectConfig
from consistency.conflicts import field_conflicts, rank_conflicts
from consistency.findings import Finding, FindingBatch, Severity
from consistency.prepare import PreparedField, prepare_field
from consistency.readers import Annotations, read_annotations, read_reference
from consistency.regions import region_field_result
from consistency.result import CheckResult, GuidelineInfo
from guidelines import REGION_KINDS, Guideline

GATING_STAGES = {
    "check": {"validation", "agreement"},
    "validate": {"validation"},
    "agreement": {"agreement"},
    "conflicts": set(),
}
"""Stages whose error findings fail each command."""


@dataclass
class RunOptions:
    """Settings of one run.

    ``max_findings`` caps the findings listed per code (0 lists all; counts
    always cover all). ``conflicts_top`` caps the conflicts listed (``None``
    lists all).
    """

    command: str = "check"
    max_findings: int = 100
    conflicts_top: int | None = 50
    separators: dict[str, str] = field(default_factory=dict)
    bootstrap: BootstrapSettings | None = None
    """Interval settings; ``None`` takes them from the configuration, else the defaults."""


@dataclass
class References:
    """Gold labels and model predictions as judgement-like frames (annotator = role name)."""

    gold: pd.DataFrame | None = None
    predictions: pd.DataFrame | None = None
    predictions_name: str = "model"
    inputs: list[dict[str, object]] = field(default_factory=list)


def _prepare_reference(frame: pd.DataFrame | None, name: str, guideline: Guideline) -> dict[str, PreparedField]:
    if frame is None or frame.empty:
        return {}
    prepared = {}
    with_annotator = frame.assign(annotator=name)
    for field_id, rows in with_annotator.groupby("field", sort=False):
        prepared[str(field_id)] = prepare_field(rows, guideline.field(str(field_id)))
    return prepared


def _reference_series(prepared: PreparedField | None) -> pd.Series | None:
    if prepared is None:
        return None
    frame = prepared.frame
    valid = frame[frame["usable"] & frame["item"].notna()]
    return valid.drop_duplicates("item").set_index("item")["label"].astype(str)


def _listed(batches: list[FindingBatch], limit: int) -> tuple[list[Finding], int]:
    listed: list[Finding] = []
    for batch in batches:
        listed.extend(batch.findings(limit or None))
    listed.sort(key=lambda finding: finding.severity.rank)
    total = sum(len(batch) for batch in batches)
    return listed, total - len(listed)


def run_pipeline(guideline: Guideline, annotations: Annotations, references: References | None = None,
                 options: RunOptions | None = None, guideline_file: str | None = None) -> CheckResult:
    """Validate annotations, measure agreement and rank conflicts.

    Parameters
    ----------
    guideline : Guideline
    annotations : Annotations
        The judgements and table rows read from the inputs.
    references : References, optional
        Gold labels and model predictions.
    options : RunOptions, optional
    guideline_file : str, optional
        Shown in reports.

    Returns
    -------
    CheckResult
    """
    options = options or RunOptions()
    references = references or References()
    judgements = annotations.judgements

    separators = {**annotations.separators, **options.separators}
    prepared: dict[str, PreparedField] = {}
    for field_def in guideline.fields:
        rows = judgements[judgements["field"] == field_def.id]
        prepared[field_def.id] = prepare_field(rows, field_def, separators)

    gold = _prepare_reference(references.gold, "gold", guideline)
    predictions = _prepare_reference(references.predictions, references.predictions_name, guideline)
    context = CheckContext(guideline, prepared, annotations.rows,
                           {name: values for name, values in (("gold", gold), ("predictions", predictions)) if values},
                           inputs=[vars(entry) for entry in annotations.inputs] + list(references.inputs),
                           annotations=annotations)

    batches: list[FindingBatch] = []
    for check in checks_for("validation"):
        batch = check.batch(context)
        if batch is not None:
            batches.append(batch)

    conflict_frames = []
    usable_by_field: dict[str, UsableValues] = {}
    for field_id, field_data in prepared.items():
        if field_data.field.kind in REGION_KINDS:
            context.results[field_id] = region_field_result(field_data)
            continue
        gold_series = _reference_series(gold.get(field_id))
        result, pairable, usable = field_agreement(field_data, gold_series, options.bootstrap)
        add_breakdowns(result, field_data.field, usable, pairable)
        prediction_series = _reference_series(predictions.get(field_id))
        if prediction_series is not None and len(prediction_series):
            result.predictions = reference_summary(field_data.field, usable, prediction_series)
        result.references = reference_comparisons(field_data.field, usable, gold_series, prediction_series,
                                                  references.predictions_name)
        if gold_series is not None and len(gold_series):
            result.per_annotator = annotators_against_gold(field_data.field, usable, gold_series, result.per_annotator)
        context.results[field_id] = result
        usable_by_field[field_id] = usable
        conflict_frames.append(field_conflicts(field_data.field, usable, pairable, gold_series))

    # Thresholds are no concern of `labelcheck validate`, so it does not list them.
    for check in checks_for("agreement") if options.command != "validate" else []:
        batch = check.batch(context)
        if batch is not None:
            batches.append(batch)

    conflicts, conflicts_total = rank_conflicts(
        conflict_frames, guideline.field_ids(), options.conflicts_top, usable_by_field
    )
    findings, omitted = _listed(batches, options.max_findings)
    counts = {batch.code: len(batch) for batch in sorted(batches, key=lambda batch: batch.code)}
    severities = {severity.value: 0 for severity in Severity}
    for batch in batches:
        severities[batch.severity.value] += len(batch)
    gating = GATING_STAGES.get(options.command, {"validation", "agreement"})
    stage_of = {check.code: check.stage for check in checks_for("validation") + checks_for("agreement")}
    failed = any(
        batch.severity is Severity.ERROR and stage_of.get(batch.code) in gating for batch in batches
    )

    return CheckResult(
        command=options.command,
        passed=not failed,
        guideline=GuidelineInfo(guideline.name, guideline.version, guideline.title, guideline_file),
        inputs=[vars(entry) for entry in annotations.inputs] + list(references.inputs),
        findings=findings,
        finding_counts=counts,
        severity_counts=severities,
        findings_omitted=omitted,
        fields=context.results,
        conflicts=conflicts,
        conflicts_total=conflicts_total,
        version=__version__,
        checks={
            code: {"slug": check.slug, "severity": check.severity.value, "description": check.description,
                   "stage": check.stage}
            for code, check in sorted(CHECKS.items())
        },
        gating_codes=[code for code, check in sorted(CHECKS.items()) if check.stage in gating],
    )


def run_config(config: ProjectConfig, guideline: Guideline, options: RunOptions | None = None,
               annotations: Annotations | None = None) -> CheckResult:
    """Read every input named by a project configuration and run the pipeline.

    ``annotations`` already read from ``config.annotations`` are used as
    given. Gold values and predictions that the exports carry come first;
    the configuration's gold and predictions files are added to them.
    """
    options = options or RunOptions()
    if options.bootstrap is None:
        settings = config.agreement
        options.bootstrap = BootstrapSettings(settings.resamples, settings.seed, settings.confidence)
    if annotations is None:
        annotations = read_annotations(config.annotations, guideline)
    options.separators = {**annotations.separators, **options.separators}
    references = References(annotations.gold, annotations.predictions, annotations.predictions_name)
    if config.gold is not None:
        gold, inputs = read_reference(config.gold, guideline, "gold")
        references.gold = gold if references.gold is None else pd.concat([references.gold, gold], ignore_index=True)
        references.inputs.extend(vars(entry) for entry in inputs)
    if config.predictions is not None:
        predictions, inputs = read_reference(config.predictions, guideline, "predictions")
        references.predictions = predictions if references.predictions is None \
            else pd.concat([references.predictions, predictions], ignore_index=True)
        references.predictions_name = config.predictions.name or "model"
        references.inputs.extend(vars(entry) for entry in inputs)
    return run_pipeline(guideline, annotations, references, options, config.guideline)
