"""LC142 too-many-annotations: an item has more annotators than ``annotations_per_item.max``."""

from __future__ import annotations

from consistency.checks.base import Check, items_outside
from consistency.findings import Severity

CHECK = Check(
    code="LC142",
    slug="too-many-annotations",
    severity=Severity.WARNING,
    description="An item has more annotators than the field's annotations_per_item max.",
    template="item {item} has {count} annotations for field {field}, more than the {limit} planned",
    run=lambda context: items_outside(context, "max"),
)
