"""LC171 span-text-mismatch: the text a tool quoted for a span differs from the text at its offsets.

FAIL: a span 0..4 quoting "Acme" on the text "The Acme hires". PASS: the
quoted text equals ``text[start:end]``, or the export quotes no text.
Spans that reach outside the text are left to LC170. When
the quoted text is what the offsets select if they count UTF-16 code units
(as JavaScript does, and as older Label Studio versions and Argilla wrote
them), the message points that out.
"""

from __future__ import annotations

import pandas as pd

from consistency.checks.base import Check, CheckContext
from consistency.checks.regions import item_texts, region_rows
from consistency.findings import Severity


def _utf16_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * start: 2 * end].decode("utf-16-le", errors="replace")


def _hint(text: str, start: int, end: int, quoted: str) -> str:
    if _utf16_slice(text, start, end) == quoted:
        return "; the offsets count UTF-16 code units, as JavaScript does, not characters"
    shift = text.find(quoted)
    if shift >= 0:
        return f"; the quoted text occurs at {shift}..{shift + len(quoted)}"
    return ""


def _run(context: CheckContext) -> pd.DataFrame | None:
    spans = region_rows(context, "spans")
    if spans is None:
        return None
    spans = spans[spans["text"].notna() & spans["start"].notna() & spans["end"].notna()]
    spans = spans[(spans["start"] >= 0) & (spans["end"] > spans["start"])]
    texts = item_texts(context, spans)
    inside = texts.map(lambda text: len(text) if isinstance(text, str) else -1) >= spans["end"]
    spans = spans[inside.fillna(False).astype(bool)]
    texts = texts[spans.index]
    actual = pd.Series(
        [text[start:end] for text, start, end in zip(texts, spans["start"], spans["end"])],
        index=spans.index, dtype=object,
    )
    bad = spans[actual.ne(spans["text"])]
    if bad.empty:
        return None
    hints = [_hint(texts[index], int(row.start), int(row.end), str(row.text))
             for index, row in zip(bad.index, bad.itertuples(index=False))]
    return bad.assign(quoted=bad["text"], actual=actual[bad.index], hint=hints)


CHECK = Check(
    code="LC171",
    slug="span-text-mismatch",
    severity=Severity.ERROR,
    description="The text quoted for a span differs from the item's text at the span's offsets.",
    template="span {start}..{end} ({label}) of field {field} quotes {quoted!r}, but the text of item {item} "
             "there is {actual!r}{hint}",
    run=_run,
)
