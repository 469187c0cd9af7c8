"""Agreement on one field: alpha, percent agreement, per-label and per-annotator breakdowns, gold."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from consistency.agreement.alpha import (
    NO_PAIRS,
    NO_VALUES,
    ONE_ANNOTATOR,
    Pairable,
    alpha_from,
    no_variation,
    pairable_values,
)
from consistency.agreement.bootstrap import (
    DEFAULT_CONFIDENCE,
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    Replicator,
    alpha_replicator,
    percent_replicator,
    resample,
)
from consistency.agreement.coefficients import extra_coefficients
from consistency.agreement.consensus import majority
from consistency.agreement.reasons import ONE_ITEM
from consistency.agreement.usable import UsableValues, usable_values
from consistency.prepare import MULTI_JOIN, PreparedField
from consistency.result import (
    AnnotatorAgreement,
    BootstrapSummary,
    Coefficient,
    FieldResult,
    GoldSummary,
    LabelAgreement,
    ThresholdStatus,
)
from guidelines import AnyField, CategoricalField, MultiField, RatingField


def _undefined_reason(usable: UsableValues, pairable: Pairable) -> str | None:
    if len(usable.frame) == 0:
        return NO_VALUES
    if usable.frame["annotator"].nunique() < 2:
        return ONE_ANNOTATOR
    if pairable.n == 0:
        return NO_PAIRS
    if pairable.units == 1:
        return ONE_ITEM
    if not pairable.expected > 0:
        first = usable.frame["label"].iloc[int(pairable.index[0])]
        return no_variation(str(first))
    return None


def alpha_coefficient(usable: UsableValues, pairable: Pairable, level: str) -> Coefficient:
    """Alpha of ``usable``, or an undefined coefficient with the reason."""
    reason = _undefined_reason(usable, pairable)
    if reason is not None:
        return Coefficient(None, level, reason)
    return Coefficient(alpha_from(pairable), level)


def percent_coefficient(usable: UsableValues, pairable: Pairable) -> Coefficient:
    """Percent agreement of ``usable`` (mean share of agreeing pairs per item)."""
    reason = _undefined_reason(usable, pairable)
    if reason is not None and (reason.startswith("no variation") or reason == ONE_ITEM):
        reason = None
    if reason is not None:
        return Coefficient(None, "nominal", reason)
    per_unit = np.bincount(pairable.unit, weights=pairable.matches) / np.bincount(pairable.unit)
    return Coefficient(float(per_unit.mean()), "nominal")


class _BinaryAlpha:
    """Alpha of one label against all others, for many labels over the same items.

    With two categories the per-value disagreement is ``(m_u - same) / (m_u - 1)``
    and the expected disagreement ``2 n_L (n - n_L) / (n (n - 1))``, so each
    label costs one count per item instead of a full alpha computation.
    """

    def __init__(self, units: np.ndarray, annotators: int = 2) -> None:
        self.annotators = annotators
        sizes = np.bincount(units)[units] if units.size else np.zeros(0, dtype=np.int64)
        self.mask = sizes >= 2
        self.units = pd.factorize(units[self.mask])[0]
        self.sizes = sizes[self.mask].astype(float)
        self.items = int(self.units.max()) + 1 if self.units.size else 0

    def __call__(self, present: np.ndarray) -> Coefficient:
        if present.size == 0:
            return Coefficient(None, "nominal", NO_VALUES)
        if self.annotators < 2:
            return Coefficient(None, "nominal", ONE_ANNOTATOR)
        if self.items == 0:
            return Coefficient(None, "nominal", NO_PAIRS)
        if self.items == 1:
            return Coefficient(None, "nominal", ONE_ITEM)
        chosen = present[self.mask]
        with_label = np.bincount(self.units, weights=chosen.astype(float), minlength=self.items)[self.units]
        same = np.where(chosen, with_label, self.sizes - with_label)
        n = float(chosen.size)
        labelled = float(chosen.sum())
        expected = 2.0 * labelled * (n - labelled) / (n * (n - 1.0))
        if not expected > 0:
            reason = "every pairable annotation has this label" if labelled else "no pairable annotation has this label"
            return Coefficient(None, "nominal", f"no variation: {reason}, so alpha is 0/0")
        observed = float(np.mean((self.sizes - same) / (self.sizes - 1.0)))
        return Coefficient(1.0 - observed / expected, "nominal")


def _per_label(prepared: PreparedField, usable: UsableValues) -> tuple[list[LabelAgreement], dict[str, int]]:
    field = prepared.field
    if not isinstance(field, CategoricalField):
        return [], {}
    frame = usable.frame
    binary_alpha = _BinaryAlpha(pd.factorize(frame["item"])[0], int(frame["annotator"].nunique()))
    labels = frame["label"].to_numpy(dtype=object)
    results = []
    counts: dict[str, int] = {}
    members = frame["label"].astype(str).str.split(MULTI_JOIN, regex=False).explode() if isinstance(field, MultiField) else None
    for label in field.labels:
        if members is not None:
            present = members.eq(label.id).groupby(level=0).any().reindex(frame.index, fill_value=False)
            present_array = present.to_numpy(dtype=bool)
        else:
            present_array = labels == label.id
        counts[label.id] = int(present_array.sum())
        results.append(LabelAgreement(label.id, label.display, counts[label.id], binary_alpha(present_array)))
    return results, counts


def _per_annotator(usable: UsableValues, pairable: Pairable, level: str, field_defined: bool,
                   gold: pd.Series | None) -> list[AnnotatorAgreement]:
    frame = usable.frame
    totals = frame.groupby("annotator", sort=True).size()
    stats = pd.DataFrame({"annotator": totals.index.astype(str), "annotations": totals.to_numpy()})
    pair_frame = pd.DataFrame(
        {
            "annotator": frame["annotator"].to_numpy()[pairable.index] if pairable.n else np.array([], dtype=object),
            "disagreement": pairable.disagreement,
            "matches": pairable.matches if pairable.n else np.array([]),
        }
    )
    grouped = pair_frame.groupby("annotator", sort=True).agg(
        pairable=("disagreement", "size"), disagreement=("disagreement", "mean"), matches=("matches", "mean")
    )
    stats = stats.join(grouped, on="annotator")

    gold_stats = None
    if gold is not None and "number" not in frame.columns:
        with_gold = frame.assign(gold=frame["item"].map(gold)).dropna(subset=["gold"])
        with_gold = with_gold.assign(correct=(with_gold["label"].astype(str) == with_gold["gold"].astype(str)))
        gold_stats = with_gold.groupby("annotator", sort=True)["correct"].agg(["mean", "size"])

    results = []
    for row in stats.itertuples(index=False):
        pairs = 0 if pd.isna(row.pairable) else int(row.pairable)
        if pairs == 0:
            alpha = Coefficient(None, level, "shares no item with another annotator")
            percent = None
        elif not field_defined:
            alpha = Coefficient(None, level, "alpha of the field is undefined")
            percent = float(row.matches)
        else:
            alpha = Coefficient(float(1.0 - row.disagreement / pairable.expected), level)
            percent = float(row.matches)
        gold_agreement = None
        gold_items = 0
        if gold_stats is not None and row.annotator in gold_stats.index:
            gold_agreement = float(gold_stats.loc[row.annotator, "mean"])
            gold_items = int(gold_stats.loc[row.annotator, "size"])
        results.append(
            AnnotatorAgreement(str(row.annotator), int(row.annotations), pairs, alpha, percent, gold_agreement, gold_items)
        )
    return results


def reference_summary(field: AnyField, usable: UsableValues, reference: pd.Series) -> GoldSummary:
    """Compare the annotators' consensus per item with gold labels or predictions (index = item)."""
    frame = usable.frame
    if isinstance(field, RatingField):
        means = frame.groupby("item", sort=True)["number"].mean()
        target = pd.to_numeric(reference.reindex(means.index), errors="coerce")
        paired = pd.DataFrame({"mean": means, "reference": target}).dropna()
        correlation = None
        if len(paired) >= 2 and paired["mean"].std() > 0 and paired["reference"].std() > 0:
            correlation = float(np.corrcoef(paired["mean"], paired["reference"])[0, 1])
        error = float((paired["mean"] - paired["reference"]).abs().mean()) if len(paired) else None
        return GoldSummary(len(paired), None, 0, correlation, error)
    votes = majority(frame)
    votes = votes.assign(reference=reference.reindex(votes.index))
    votes = votes[votes["reference"].notna()]
    decided = votes[~votes["tie"]]
    share = float((decided["consensus"].astype(str) == decided["reference"].astype(str)).mean()) if len(decided) else None
    return GoldSummary(items=len(votes), majority_agreement=share, majority_ties=int(votes["tie"].sum()))


def _threshold(prepared: PreparedField, agreement: dict[str, Coefficient]) -> ThresholdStatus:
    settings = prepared.field.agreement
    coefficient = agreement.get(settings.coefficient)
    value = coefficient.value if coefficient is not None else None
    if settings.warn_below is None and settings.fail_below is None:
        status = "none"
    elif value is None:
        status = "undefined"
    elif settings.fail_below is not None and value < settings.fail_below:
        status = "fail"
    elif settings.warn_below is not None and value < settings.warn_below:
        status = "warn"
    else:
        status = "pass"
    return ThresholdStatus(settings.coefficient, value, settings.warn_below, settings.fail_below, status)


INTERVAL_METHOD = "items resampled with replacement, percentile interval"


@dataclass(frozen=True)
class BootstrapSettings:
    """Number of resamples (0 turns intervals off), generator seed and interval coverage."""

    resamples: int = DEFAULT_RESAMPLES
    seed: int = DEFAULT_SEED
    confidence: float = DEFAULT_CONFIDENCE


def _with_intervals(
    agreement: dict[str, Coefficient], replicators: dict[str, Replicator], items: int,
    settings: BootstrapSettings, gate: str, fail_below: float | None,
) -> BootstrapSummary | None:
    """Attach bootstrap intervals to ``agreement`` in place; summarize them for the gating coefficient."""
    if settings.resamples <= 0 or not replicators:
        return None
    results = resample(items, replicators, settings.resamples, settings.seed, settings.confidence)
    for name, result in results.items():
        agreement[name] = replace(agreement[name], ci=(result.low, result.high))
    gated = results.get(gate)
    if gated is None:
        return BootstrapSummary(INTERVAL_METHOD, settings.resamples, settings.seed, settings.confidence, 0, None)
    below = gated.probability_below(fail_below) if fail_below is not None else None
    return BootstrapSummary(INTERVAL_METHOD, gated.resamples, gated.seed, gated.confidence, gated.dropped, below)


def field_agreement(prepared: PreparedField, gold: pd.Series | None = None,
                    bootstrap: BootstrapSettings | None = None) -> tuple[FieldResult, Pairable, UsableValues]:
    """Measure agreement on one prepared field.

    Parameters
    ----------
    prepared : PreparedField
        The field's judgements, interpreted.
    gold : pandas.Series, optional
        Gold answer per item (index = item id), in the canonical form of
        ``label``. Gold never enters the human-only coefficients.
    bootstrap : BootstrapSettings, optional
        Interval settings; the defaults when omitted.

    Returns
    -------
    result : FieldResult
    pairable : Pairable
        The per-value disagreements, for conflict ranking.
    usable : UsableValues
    """
    field = prepared.field
    level = field.level
    usable = usable_values(prepared)
    frame = usable.frame
    # Items are coded in sorted order so that bootstrap draws do not depend on the row order.
    item_codes = pd.factorize(frame["item"], sort=True)[0]
    pairable = pairable_values(item_codes, usable.values, level)

    agreement = {
        "krippendorff_alpha": alpha_coefficient(usable, pairable, level),
        "percent_agreement": percent_coefficient(usable, pairable),
    }
    settings = bootstrap or BootstrapSettings()
    extra, category_kappa, replicators = extra_coefficients(field, usable)
    agreement.update(extra)
    unit_items = np.zeros(pairable.units, dtype=np.int64)
    unit_items[pairable.unit] = item_codes[pairable.index]
    if agreement["krippendorff_alpha"].value is not None:
        numbers = np.asarray(usable.values, dtype=float)[pairable.index] if level in ("interval", "ratio") else None
        replicators["krippendorff_alpha"] = alpha_replicator(pairable, level, numbers, unit_items)
    if agreement["percent_agreement"].value is not None and pairable.n:
        replicators["percent_agreement"] = percent_replicator(pairable, unit_items)
    interval = _with_intervals(agreement, replicators, int(item_codes.max()) + 1 if item_codes.size else 0,
                               settings, field.agreement.coefficient, field.agreement.fail_below)
    per_label, counts = _per_label(prepared, usable)
    no_kappa = Coefficient(None, "identity", "the category-wise kappa needs one label per answer; see the per-label alpha")
    per_label = [
        replace(entry, kappa=category_kappa.get(entry.label, no_kappa if isinstance(field, MultiField) else None))
        for entry in per_label
    ]
    if isinstance(field, RatingField):
        counts = {}
    gold_for_field = gold if gold is not None and len(gold) else None
    per_annotator = _per_annotator(
        usable, pairable, level, agreement["krippendorff_alpha"].value is not None, gold_for_field
    )
    result = FieldResult(
        id=field.id,
        title=field.title,
        kind=field.kind,
        level=level,
        items=int(frame["item"].nunique()),
        annotations=len(frame),
        annotators=int(frame["annotator"].nunique()),
        excluded={reason: count for reason, count in usable.excluded.items() if count},
        agreement=agreement,
        threshold=_threshold(prepared, agreement),
        label_counts=counts,
        per_label=per_label,
        per_annotator=per_annotator,
        gold=reference_summary(field, usable, gold_for_field) if gold_for_field is not None else None,
        bootstrap=interval,
    )
    return result, pairable, usable
