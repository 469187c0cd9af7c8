"""LC101 unknown-label: a value that is neither a label, an alias nor a special answer of its field.

FAIL: ``positve`` in a field with labels ``positive, negative``.
PASS: ``positive``, an alias of it, or a declared special answer.
The message suggests the nearest label (case, whitespace, Unicode form, typo).
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext, concat, label_rows
from consistency.checks.suggest import suggest
from consistency.findings import Severity
from guidelines import CategoricalField


def _run(context: CheckContext) -> pd.DataFrame | None:
    parts = []
    for prepared in context.fields.values():
        field = prepared.field
        if not isinstance(field, CategoricalField):
            continue
        spellings = field.spellings()
        spellings.update({spelling: answer.id for spelling, answer in field.special_ids().items()})
        rows = label_rows(prepared, "unknown")
        if rows.empty:
            continue
        hints = {value: suggest(value, spellings) for value in rows["value"].unique()}
        parts.append(rows.assign(suggestion=rows["value"].map(hints)))
    return concat(parts)


CHECK = Check(
    code="LC101",
    slug="unknown-label",
    severity=Severity.ERROR,
    description="A value is not a label, alias or special answer of its field.",
    template="unknown label {value!r} for field {field}; {suggestion}",
    run=_run,
)
