"""LC301 agreement-below-fail, LC302 agreement-below-warn, LC303 agreement-undefined.

Compare each field's coefficient with the guideline's ``fail_below`` and
``warn_below``. An undefined coefficient cannot show that a ``fail_below``
is met, so it fails the check (LC303 as an error); with only
``warn_below`` set it is a warning.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.findings import Severity


def _status_rows(context: CheckContext, wanted: set[str], fail_set: bool | None = None) -> pd.DataFrame | None:
    rows = []
    for field_id, result in context.results.items():
        threshold = result.threshold
        if threshold.status not in wanted:
            continue
        if fail_set is not None and (threshold.fail_below is not None) != fail_set:
            continue
        coefficient = result.agreement.get(threshold.coefficient)
        rows.append(
            {
                "field": field_id,
                "coefficient": threshold.coefficient,
                "value": "undefined" if threshold.value is None else f"{threshold.value:.3f}",
                "fail_below": threshold.fail_below,
                "warn_below": threshold.warn_below,
                "reason": coefficient.undefined_reason if coefficient is not None else "not computed",
            }
        )
    return pd.DataFrame(rows) if rows else None


FAIL = Check(
    code="LC301",
    slug="agreement-below-fail",
    severity=Severity.ERROR,
    description="A field's agreement is below the guideline's fail_below threshold.",
    template="{coefficient} of field {field} is {value}, below fail_below {fail_below}",
    run=lambda context: _status_rows(context, {"fail"}),
    stage="agreement",
)

WARN = Check(
    code="LC302",
    slug="agreement-below-warn",
    severity=Severity.WARNING,
    description="A field's agreement is below the guideline's warn_below threshold.",
    template="{coefficient} of field {field} is {value}, below warn_below {warn_below}",
    run=lambda context: _status_rows(context, {"warn"}),
    stage="agreement",
)

UNDEFINED = Check(
    code="LC303",
    slug="agreement-undefined",
    severity=Severity.ERROR,
    description="A field has a fail_below threshold but its agreement is undefined.",
    template="{coefficient} of field {field} is undefined ({reason}), so fail_below {fail_below} cannot be met",
    run=lambda context: _status_rows(context, {"undefined"}, fail_set=True),
    stage="agreement",
)

UNDEFINED_WARN = Check(
    code="LC304",
    slug="agreement-undefined-warn",
    severity=Severity.WARNING,
    description="A field has a warn_below threshold but its agreement is undefined.",
    template="{coefficient} of field {field} is undefined ({reason}); warn_below {warn_below} was not checked",
    run=lambda context: _status_rows(context, {"undefined"}, fail_set=False),
    stage="agreement",
)
