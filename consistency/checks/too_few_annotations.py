"""LC141 too-few-annotations: an item has fewer annotators than ``annotations_per_item.min``.

Counted per field over distinct annotators with any answer, valid or not,
so that a missing judgement is reported here and an invalid one by its own check.
"""

from __future__ import annotations

from consistency.checks.base import Check, items_outside
from consistency.findings import Severity

CHECK = Check(
    code="LC141",
    slug="too-few-annotations",
    severity=Severity.ERROR,
    description="An item has fewer annotators than the field's annotations_per_item min.",
    template="item {item} has {count} annotation(s) for field {field}, fewer than the {limit} required",
    run=lambda context: items_outside(context, "min"),
)
