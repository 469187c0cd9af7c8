"""Near-miss suggestions for values that are not a known label."""

from __future__ import annotations

import difflib
import unicodedata


def suggest(value: str, spellings: dict[str, str]) -> str:
    """Say which known label ``value`` probably meant, and why.

    Parameters
    ----------
    value : str
        The unknown value as written.
    spellings : dict
        Accepted spelling (label id or alias) -> label id.

    Examples
    --------
    >>> labels = {"positive": "positive", "negative": "negative"}
    >>> suggest("positve", labels)
    "did you mean 'positive'? (a small typo)"
    >>> suggest(" positive", labels)
    "did you mean 'positive'? (remove the surrounding whitespace)"
    >>> suggest("Positive", labels)
    "did you mean 'positive'? (labels are case-sensitive)"
    >>> suggest(".", labels)
    "if '.' marks a missing judgement, leave those cells empty or declare it under the field's special: with agreement: missing"
    """
    if not value.strip():
        return "the value is blank; leave the cell empty if the item was not annotated"
    if not any(character.isalnum() for character in value):
        return (
            f"if {value!r} marks a missing judgement, leave those cells empty or declare it under the field's "
            f"special: with agreement: missing"
        )
    stripped = value.strip()
    if stripped in spellings:
        return f"did you mean {spellings[stripped]!r}? (remove the surrounding whitespace)"
    for form in ("NFC", "NFKC"):
        normalized = unicodedata.normalize(form, stripped)
        for spelling, label in spellings.items():
            if unicodedata.normalize(form, spelling) == normalized:
                return f"did you mean {label!r}? (the same text in another Unicode form; save it as {form})"
    folded = stripped.casefold()
    for spelling, label in spellings.items():
        if spelling.casefold() == folded:
            return f"did you mean {label!r}? (labels are case-sensitive)"
    close = difflib.get_close_matches(stripped, list(spellings), n=1, cutoff=0.75)
    if close:
        return f"did you mean {spellings[close[0]]!r}? (a small typo)"
    known = sorted(set(spellings.values()))
    shown = ", ".join(repr(label) for label in known[:10])
    more = f" and {len(known) - 10} more" if len(known) > 10 else ""
    return f"expected one of {shown}{more}"
