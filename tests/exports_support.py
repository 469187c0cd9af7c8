"""Shared helpers of the tests on tool exports: guidelines, runs and comparable summaries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from consistency.config import ProjectConfig, SourceConfig
from consistency.engine import RunOptions, run_config
from consistency.findings import Finding
from consistency.readers import Annotations, read_annotations
from consistency.result import CheckResult
from guidelines import Guideline
from tests.conftest import DATA

EXPORTS = DATA / "exports"

SENTIMENT_ALPHA = 0.5
"""Nominal alpha of the news sentiment answers, by hand.

Values per item: (pos, pos, pos), (neg, neg, neu), (neu, neu), (neg, pos, neg).
Coincidences: pos-pos 3, neg-neg 2, neu-neu 2, neg-neu 1 + 1, neg-pos 1 + 1;
n = 11 with n_pos = 4, n_neg = 4, n_neu = 3. D_o = 4/11 and
D_e = (121 - 16 - 16 - 9) / (11 * 10) = 8/11, so alpha = 1 - 1/2.
"""

TOPICS_ALPHA = 4 / 9
"""Nominal alpha of the news topic sets, each set one category, by hand.

Sets per item: ({b, p}, {b, p}, {b}), ({b}, {b}, {b}), ({w}, {w}), ({b}, {b}, {b, p}).
n = 11 with n_bp = 3, n_b = 6, n_w = 2; D_o = 4/11 and
D_e = (121 - 9 - 36 - 4) / 110 = 36/55, so alpha = 1 - (4/11) / (36/55) = 4/9.
"""

PERCENT_AGREEMENT = 2 / 3
"""Agreeing pairs per item averaged over items, for both fields: (1 + 1/3 + 1 + 1/3) / 4."""


def guideline(fields: dict[str, Any]) -> Guideline:
    """A guideline named ``news`` with ``fields``."""
    return Guideline.model_validate({"labelcheck": 1, "name": "news", "version": "1.0.0", "fields": fields})


NEWS_FIELDS: dict[str, Any] = {
    "sentiment": {"kind": "single", "labels": ["pos", "neg", "neu"]},
    "topics": {"kind": "multi", "labels": ["business", "weather", "people"]},
}
ENTITIES: dict[str, Any] = {"entities": {"kind": "spans", "labels": ["ORG", "PER", "LOC"]}}


def sources(paths: list[Path], **settings: Any) -> list[SourceConfig]:
    """One source per path, with the same settings."""
    return [SourceConfig(path=str(path), **settings) for path in paths]


def run(paths: list[Path], rules: Guideline, **settings: Any) -> CheckResult:
    """Run ``labelcheck check`` on ``paths`` read with ``settings``."""
    config = ProjectConfig(guideline="guideline.yaml", annotations=sources(paths, **settings))
    return run_config(config, rules, RunOptions(conflicts_top=None))


def read(paths: list[Path], rules: Guideline, **settings: Any) -> Annotations:
    """Read ``paths`` with ``settings`` into the common frames."""
    return read_annotations(sources(paths, **settings), rules)


def alpha(result: CheckResult, field_id: str) -> float | None:
    """Krippendorff's alpha of one field."""
    return result.fields[field_id].agreement["krippendorff_alpha"].value


def codes(result: CheckResult) -> list[str]:
    """Codes of the listed findings, sorted."""
    return sorted(finding.code for finding in result.findings)


def findings_of(result: CheckResult, code: str) -> list[Finding]:
    """The listed findings with ``code``."""
    return [finding for finding in result.findings if finding.code == code]


def summary(result: CheckResult, fields: list[str]) -> dict[str, Any]:
    """What agreement and conflicts said about ``fields``, in a form two runs can be compared by."""
    found: dict[str, Any] = {}
    for field_id in fields:
        field = result.fields[field_id]
        found[field_id] = {
            "agreement": {name: (None if value.value is None else round(value.value, 12), value.undefined_reason)
                          for name, value in field.agreement.items()},
            "counts": (field.items, field.annotations, field.annotators, dict(field.excluded)),
            "per_annotator": sorted((entry.annotator, entry.annotations, entry.pairable,
                                     None if entry.alpha.value is None else round(entry.alpha.value, 12))
                                    for entry in field.per_annotator),
            "labels": dict(field.label_counts),
        }
    found["conflicts"] = sorted((conflict.field, conflict.item, tuple(sorted(conflict.labels.items())),
                                 conflict.consensus) for conflict in result.conflicts if conflict.field in fields)
    return found
