"""The registry of checks: every check by its stable code.

Codes are never reused. Validation checks (``LC1xx``) run on annotations;
agreement checks (``LC3xx``) run on agreement results.
"""

from __future__ import annotations

from consistency.checks import (
    agreement_threshold,
    alias_used,
    annotated_with_nothing,
    bad_box,
    bad_span_offsets,
    box_outside_image,
    box_too_small,
    conflicting_duplicate,
    deprecated_label,
    empty_input,
    malformed_list,
    merged_annotators,
    missing_annotator,
    missing_id,
    rating_not_number,
    rating_off_step,
    rating_out_of_range,
    reference_conflict,
    reference_invalid,
    repeated_box,
    repeated_judgement,
    repeated_label,
    repeated_span,
    required_missing,
    response_without_status,
    span_outside_text,
    span_text_mismatch,
    span_text_missing,
    span_token_mismatch,
    special_answer,
    too_few_annotations,
    too_few_labels,
    too_few_spans,
    too_many_annotations,
    too_many_labels,
    too_many_spans,
    unknown_box_label,
    unknown_label,
    unknown_span_label,
    unread_answers,
)
from consistency.checks.base import Check, CheckContext

CHECKS: dict[str, Check] = {
    check.code: check
    for check in (
        unknown_label.CHECK,
        alias_used.CHECK,
        special_answer.CHECK,
        deprecated_label.CHECK,
        rating_not_number.CHECK,
        rating_out_of_range.CHECK,
        rating_off_step.CHECK,
        too_many_labels.CHECK,
        too_few_labels.CHECK,
        malformed_list.CHECK,
        repeated_label.CHECK,
        conflicting_duplicate.CHECK,
        repeated_judgement.CHECK,
        required_missing.CHECK,
        too_few_annotations.CHECK,
        too_many_annotations.CHECK,
        missing_id.CHECK,
        empty_input.CHECK,
        reference_invalid.CHECK,
        reference_conflict.CHECK,
        span_outside_text.CHECK,
        span_text_mismatch.CHECK,
        bad_span_offsets.CHECK,
        unknown_span_label.CHECK,
        too_many_spans.CHECK,
        too_few_spans.CHECK,
        repeated_span.CHECK,
        span_token_mismatch.CHECK,
        span_text_missing.CHECK,
        box_outside_image.CHECK,
        bad_box.CHECK,
        unknown_box_label.CHECK,
        box_too_small.CHECK,
        repeated_box.CHECK,
        missing_annotator.CHECK,
        annotated_with_nothing.CHECK,
        response_without_status.CHECK,
        unread_answers.CHECK,
        merged_annotators.CHECK,
        agreement_threshold.FAIL,
        agreement_threshold.WARN,
        agreement_threshold.UNDEFINED,
        agreement_threshold.UNDEFINED_WARN,
    )
}


def get_check(code: str) -> Check:
    """Return the check with ``code``; raise ``KeyError`` naming the known codes otherwise."""
    try:
        return CHECKS[code]
    except KeyError:
        raise KeyError(f"no check {code!r}; known checks are {', '.join(CHECKS)}") from None


def checks_for(stage: str) -> list[Check]:
    """Checks of one stage (``validation`` or ``agreement``) in code order."""
    return [check for code, check in sorted(CHECKS.items()) if check.stage == stage]


__all__ = ["CHECKS", "Check", "CheckContext", "checks_for", "get_check"]
