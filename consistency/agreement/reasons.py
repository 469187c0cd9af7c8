"""Why a coefficient has no value: the wording every coefficient shares.

The first three reasons come from the alpha module, so that alpha, the
kappas, AC1/AC2, Brennan-Prediger and percent agreement explain the same
degenerate input with the same sentence, and so does :func:`no_variation`,
which avoids saying that chance agreement is 1 because that is false for
AC1/AC2 and Brennan-Prediger. Checks run in the order of
:func:`degenerate_reason`, and the first that applies is reported.
"""

from __future__ import annotations

from consistency.agreement.alpha import NO_PAIRS, NO_VALUES, ONE_ANNOTATOR, ONE_ITEM, no_variation

__all__ = [
    "CHANCE_AGREEMENT_ONE",
    "NO_PAIRS",
    "NO_VALUES",
    "ONE_ANNOTATOR",
    "ONE_ITEM",
    "degenerate_reason",
    "no_variation",
    "two_annotators_needed",
]

CHANCE_AGREEMENT_ONE = "agreement expected by chance is 1, so the coefficient is 0/0"


def two_annotators_needed(name: str, annotators: int) -> str:
    """Reason text for a two-annotator coefficient applied to ``annotators`` annotators."""
    return (
        f"{name} compares exactly two annotators and this field has {annotators}, "
        "so use Fleiss' kappa, Gwet's AC1/AC2 or alpha instead"
    )


def degenerate_reason(
    values: int,
    annotators: int | None,
    pairable_items: int,
    used_categories: list[str],
    chance_corrected: bool = True,
) -> str | None:
    """Return why a coefficient is undefined on this input, or None when it is defined.

    Parameters
    ----------
    values : int
        Number of usable annotations.
    annotators : int or None
        Number of distinct annotators, None when unknown.
    pairable_items : int
        Items with two or more annotations.
    used_categories : list of str
        Distinct categories among the annotations of pairable items, as text.
        Only whether there is one or more matters, so callers may pass the
        first two.
    chance_corrected : bool
        False for percent agreement, which is defined (and 1) when there is no
        variation, and defined on a single item.
    """
    if values == 0:
        return NO_VALUES
    if annotators is not None and annotators < 2:
        return ONE_ANNOTATOR
    if pairable_items == 0:
        return NO_PAIRS
    if not chance_corrected:
        return None
    if pairable_items == 1:
        return ONE_ITEM
    if len(used_categories) == 1:
        return no_variation(used_categories[0])
    return None
