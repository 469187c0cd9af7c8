"""The result of a run: one object that every reporter reads.

``CheckResult.to_dict()`` is the JSON result; its keys are part of the
public interface (see ``docs/json-result.md``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from consistency.findings import Finding, Severity

RESULT_FORMAT = 1
"""Version of the JSON result layout; raised only on a breaking change."""


@dataclass(frozen=True)
class Coefficient:
    """One agreement coefficient.

    ``value`` is ``None`` exactly when ``undefined_reason`` gives the reason; ``ci``
    is the confidence interval ``[low, high]`` when one was computed.
    """

    value: float | None
    level: str | None
    undefined_reason: str | None = None
    ci: tuple[float, float] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Convert to the JSON shape of ``fields.<id>.agreement.<name>``."""
        return {
            "value": self.value,
            "ci": list(self.ci) if self.ci is not None else None,
            "level": self.level,
            "undefined_reason": self.undefined_reason,
        }


@dataclass(frozen=True)
class LabelAgreement:
    """Agreement on one label against all others (binary present/absent alpha)."""

    label: str
    title: str
    count: int
    alpha: Coefficient
    kappa: Coefficient | None = None
    """Category-wise kappa of Fleiss (1971); needs the same number of annotations on every item."""


@dataclass(frozen=True)
class AnnotatorAgreement:
    """How one annotator agrees with the others on the items they share.

    ``alpha`` is Krippendorff's alpha restricted to the pairs that include
    this annotator, with the field's expected disagreement; the field's alpha
    is the average of these observed disagreements weighted by
    ``pairable``. ``gold_agreement`` is the share of this annotator's
    answers equal to the gold label, over ``gold_items`` items.
    """

    annotator: str
    annotations: int
    pairable: int
    alpha: Coefficient
    percent_agreement: float | None
    gold_agreement: float | None = None
    gold_items: int = 0
    gold_kappa: Coefficient | None = None
    """Cohen's kappa of this annotator against gold, with the field's weights, on the items both answered."""
    consensus_agreement: float | None = None
    """Share of this annotator's answers equal to the majority of the other annotators of the item.

    Items where the others tie are left out; ``None`` for rating fields at
    the interval or ratio level, where a majority is not meaningful.
    """


@dataclass(frozen=True)
class GoldSummary:
    """Comparison of the annotators' consensus with gold labels or model predictions.

    Categorical fields: ``majority_agreement`` is the share of items whose
    majority answer equals the reference, over items without a majority tie
    (``majority_ties`` counts those). Ratings: ``correlation`` is Pearson's r
    between the item mean and the reference, ``mean_absolute_error`` the mean
    of their absolute differences; ``majority_agreement`` is ``None``.
    """

    items: int
    majority_agreement: float | None
    majority_ties: int
    correlation: float | None = None
    mean_absolute_error: float | None = None


@dataclass(frozen=True)
class ConfusedPair:
    """Two labels that annotators gave to the same items: coincidences off the diagonal.

    ``count`` is the sum of both off-diagonal cells of the coincidence matrix;
    ``share`` its fraction of all off-diagonal coincidences.
    """

    first: str
    second: str
    count: float
    share: float


@dataclass(frozen=True)
class CoincidenceSummary:
    """Coincidence matrix of a categorical field, rows and columns in ``labels`` order."""

    labels: list[str]
    matrix: list[list[float]]
    confused: list[ConfusedPair]


@dataclass(frozen=True)
class PairAgreement:
    """Agreement of two annotators on the items both answered.

    ``alpha`` is Krippendorff's alpha of the two alone at the field's level;
    it is undefined, with a reason, when they share fewer items than the
    minimum for a pair.
    """

    first: str
    second: str
    shared: int
    percent_agreement: float | None
    alpha: Coefficient


@dataclass(frozen=True)
class ReferenceAgreement:
    """Two pseudo-annotators compared on the items both answered.

    ``first`` and ``second`` are ``consensus`` (the human majority, or the
    median for interval ratings), ``gold`` or the model's name. ``kappa`` is
    Cohen's kappa with the field's weights and ``alpha`` Krippendorff's alpha
    at the field's level.
    """

    first: str
    second: str
    items: int
    percent_agreement: float | None
    kappa: Coefficient
    alpha: Coefficient


@dataclass(frozen=True)
class SliceAgreement:
    """Agreement within one value of a slice column (a batch, a date or a source)."""

    slice: str
    items: int
    annotations: int
    annotators: int
    alpha: Coefficient
    percent_agreement: Coefficient


@dataclass(frozen=True)
class BootstrapSummary:
    """Settings and outcome of the bootstrap behind a field's confidence intervals.

    ``probability_below_fail`` is the share of bootstrap replicates of the
    threshold coefficient below the guideline's ``fail_below`` (``None``
    without that threshold); ``dropped`` counts replicates without variation.
    """

    method: str
    resamples: int
    seed: int
    confidence: float
    dropped: int
    probability_below_fail: float | None


@dataclass(frozen=True)
class ThresholdStatus:
    """Outcome of the guideline's ``warn_below`` / ``fail_below`` for one field.

    ``status`` is ``pass``, ``warn``, ``fail``, ``undefined`` (the coefficient
    has no value, which fails a set ``fail_below``) or ``none`` (no
    threshold set).
    """

    coefficient: str
    value: float | None
    warn_below: float | None
    fail_below: float | None
    status: str


@dataclass
class FieldResult:
    """Everything measured on one field."""

    id: str
    kind: str
    level: str
    items: int
    annotations: int
    annotators: int
    excluded: dict[str, int]
    agreement: dict[str, Coefficient]
    threshold: ThresholdStatus
    label_counts: dict[str, int] = field(default_factory=dict)
    per_label: list[LabelAgreement] = field(default_factory=list)
    per_annotator: list[AnnotatorAgreement] = field(default_factory=list)
    gold: GoldSummary | None = None
    predictions: GoldSummary | None = None
    title: str | None = None
    bootstrap: BootstrapSummary | None = None
    coincidence: CoincidenceSummary | None = None
    pairwise: list[PairAgreement] = field(default_factory=list)
    slices: list[SliceAgreement] = field(default_factory=list)
    references: list[ReferenceAgreement] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Convert to the JSON shape of ``fields.<id>``."""
        data = asdict(self)
        data["agreement"] = {name: value.to_dict() for name, value in self.agreement.items()}
        data["per_label"] = [
            {**asdict(entry), "alpha": entry.alpha.to_dict(), "kappa": entry.kappa.to_dict() if entry.kappa else None}
            for entry in self.per_label
        ]
        data["per_annotator"] = [
            {**asdict(entry), "alpha": entry.alpha.to_dict(),
             "gold_kappa": entry.gold_kappa.to_dict() if entry.gold_kappa else None}
            for entry in self.per_annotator
        ]
        data["references"] = [
            {**asdict(entry), "kappa": entry.kappa.to_dict(), "alpha": entry.alpha.to_dict()} for entry in self.references
        ]
        data["pairwise"] = [{**asdict(entry), "alpha": entry.alpha.to_dict()} for entry in self.pairwise]
        data["slices"] = [
            {**asdict(entry), "alpha": entry.alpha.to_dict(), "percent_agreement": entry.percent_agreement.to_dict()}
            for entry in self.slices
        ]
        return data


@dataclass(frozen=True)
class Conflict:
    """An item on which annotators disagree.

    ``labels`` maps annotator -> canonical answer. ``consensus`` is the
    majority answer, or ``None`` when two or more answers tie for the
    majority (``tie`` is then true and ``tied`` lists them); rating fields
    at the interval or ratio level use the median and at the ordinal level
    the lower median, as ``consensus_method`` says. ``disagreement`` is the item's mean pairwise difference divided
    by the field's expected difference (0 = full agreement, about 1 = what
    chance gives).
    """

    item: str
    field: str
    labels: dict[str, str]
    consensus: str | None
    tie: bool
    tied: list[str]
    disagreement: float
    annotations: int
    gold: str | None = None
    consensus_method: str = "majority"


@dataclass(frozen=True)
class GuidelineInfo:
    """Identity of the guideline a run used."""

    name: str
    version: str
    title: str | None
    file: str | None


@dataclass
class CheckResult:
    """The outcome of ``labelcheck check`` (or of one of its parts).

    ``findings`` contains the listed findings only; ``finding_counts`` counts
    every finding per code, and ``findings_omitted`` counts those the
    listing cap left out.
    """

    command: str
    passed: bool
    guideline: GuidelineInfo
    inputs: list[dict[str, Any]]
    findings: list[Finding]
    finding_counts: dict[str, int]
    severity_counts: dict[str, int]
    findings_omitted: int
    fields: dict[str, FieldResult]
    conflicts: list[Conflict]
    conflicts_total: int
    version: str
    checks: dict[str, dict[str, str]] = field(default_factory=dict)
    gating_codes: list[str] = field(default_factory=list)
    """Codes whose error findings fail this command (for ``validate``, only validation codes)."""

    def gates(self, code: str) -> bool:
        """Tell whether error findings of ``code`` fail this command."""
        return code in self.gating_codes

    @property
    def thresholds_gate(self) -> bool:
        """Tell whether agreement thresholds decide this command's outcome."""
        return "LC301" in self.gating_codes

    @property
    def errors(self) -> int:
        """Number of error findings, listed or not."""
        return self.severity_counts.get(Severity.ERROR.value, 0)

    def to_dict(self) -> dict[str, Any]:
        """Convert to the JSON result."""
        return {
            "result_format": RESULT_FORMAT,
            "labelcheck_version": self.version,
            "command": self.command,
            "passed": self.passed,
            "guideline": asdict(self.guideline),
            "inputs": self.inputs,
            "summary": {
                "findings": sum(self.finding_counts.values()),
                "findings_by_severity": self.severity_counts,
                "findings_by_code": self.finding_counts,
                "findings_listed": len(self.findings),
                "findings_omitted": self.findings_omitted,
                "conflicts": self.conflicts_total,
                "conflicts_listed": len(self.conflicts),
            },
            "checks": self.checks,
            "gating_codes": self.gating_codes,
            "findings": [finding.to_dict() for finding in self.findings],
            "fields": {field_id: result.to_dict() for field_id, result in self.fields.items()},
            "conflicts": [asdict(conflict) for conflict in self.conflicts],
        }
