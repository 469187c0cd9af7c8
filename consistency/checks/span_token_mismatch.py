"""LC177 span-token-mismatch: a Prodigy span whose character offsets disagree with its tokens.

Prodigy writes each span with character offsets (``start``, ``end``
exclusive) and token indexes (``token_start``, ``token_end`` inclusive).
labelcheck reads the character offsets; when the tokens they name start or
end elsewhere, one of the two was edited by hand. FAIL: ``end: 7`` on a
span whose last token ends at character 6. PASS: both agree, or the record
has no tokens.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.checks.regions import notice_rows
from consistency.findings import Severity
from consistency.readers.records import TOKEN_MISMATCH


def _run(context: CheckContext) -> pd.DataFrame | None:
    return notice_rows(context, TOKEN_MISMATCH)


CHECK = Check(
    code="LC177",
    slug="span-token-mismatch",
    severity=Severity.ERROR,
    description="A span's character offsets disagree with the tokens it names.",
    template="{detail}",
    run=_run,
)
