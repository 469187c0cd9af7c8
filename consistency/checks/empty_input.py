"""LC151 empty-input: an input file that yields no annotation at all.

An export with only a header row, or whose field columns are all empty,
would otherwise pass a CI gate without checking anything.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.findings import Severity


def _run(context: CheckContext) -> pd.DataFrame | None:
    empty = [
        {"file": entry["file"], "role": entry.get("role", "annotations"), "rows": entry.get("rows", 0)}
        for entry in context.inputs
        if entry.get("judgements") == 0
    ]
    return pd.DataFrame(empty) if empty else None


CHECK = Check(
    code="LC151",
    slug="empty-input",
    severity=Severity.WARNING,
    description="An input file yields no annotations.",
    template="the {role} file has {rows} data row(s) and yields no annotation; check that it is the right export and that its columns are mapped",
    run=_run,
)
