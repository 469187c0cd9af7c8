"""Field results for spans and boxes fields, whose agreement this version does not compute.

Span and box answers are read, counted and validated, but matching regions
between annotators (span F1, box IoU) is not implemented yet. Their field
result therefore reports every coefficient as undefined with that reason,
so that a threshold on such a field is reported as unmet rather than passed.
"""

from __future__ import annotations

from consistency.prepare import PreparedField
from consistency.result import Coefficient, FieldResult, ThresholdStatus

NOT_COMPUTED = "agreement on {kind} fields is not computed yet: this version validates {kind} but does not match them between annotators"


def region_field_result(prepared: PreparedField) -> FieldResult:
    """Build the result of a spans or boxes field: counts of answers, coefficients undefined."""
    field = prepared.field
    frame = prepared.frame
    keyed = frame[frame["item"].notna() & frame["annotator"].notna()]
    reason = NOT_COMPUTED.format(kind=field.kind)
    settings = field.agreement
    agreement: dict[str, Coefficient] = {
        settings.coefficient: Coefficient(None, field.level, reason),
        "percent_agreement": Coefficient(None, "nominal", reason),
    }
    has_threshold = settings.warn_below is not None or settings.fail_below is not None
    return FieldResult(
        id=field.id,
        title=field.title,
        kind=field.kind,
        level=field.level,
        items=int(keyed["item"].nunique()),
        annotations=len(keyed),
        annotators=int(keyed["annotator"].nunique()),
        excluded={"missing_id": len(frame) - len(keyed)} if len(frame) > len(keyed) else {},
        agreement=agreement,
        threshold=ThresholdStatus(settings.coefficient, None, settings.warn_below, settings.fail_below,
                                  "undefined" if has_threshold else "none"),
    )
