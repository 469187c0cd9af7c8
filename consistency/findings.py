"""Findings: what validation found, as small immutable records with a stable code."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

import pandas as pd


class Severity(str, Enum):
    """Seriousness of a finding; an ``error`` fails ``labelcheck check``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for infos: the order in which reports list them."""
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Finding:
    """One problem at one place.

    Two findings are equal when code and location are equal, whatever the
    message says, so that tests compare what was found and where.
    """

    code: str
    slug: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    item: str | None = None
    annotator: str | None = None
    field: str | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def key(self) -> tuple[Any, ...]:
        """Code and location, without the message: the identity of a finding."""
        return (self.code, self.file, self.line, self.item, self.annotator, self.field)

    def to_dict(self) -> dict[str, Any]:
        """Convert to the JSON shape of the result's ``findings`` list."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


@dataclass(frozen=True)
class FindingBatch:
    """All findings of one code, before they are turned into :class:`Finding` objects.

    Checks work on whole frames, so a check returns the offending rows as a
    frame (columns among ``file, line, item, annotator, field`` plus whatever
    ``template`` needs) and a message template for ``str.format``. Messages
    are only rendered for the findings that a report lists.
    """

    code: str
    slug: str
    severity: Severity
    template: str
    rows: pd.DataFrame

    def __len__(self) -> int:
        return len(self.rows)

    def findings(self, limit: int | None = None) -> list[Finding]:
        """Render the first ``limit`` rows (all when ``None``) as findings, in file and line order."""
        rows = self.rows
        order = [column for column in ("file", "line", "item", "annotator", "field") if column in rows.columns]
        if order:
            rows = rows.sort_values(order, kind="stable", na_position="first")
        if limit is not None:
            rows = rows.head(limit)
        result = []
        for record in rows.to_dict("records"):
            clean = {str(key): (None if _missing(value) else value) for key, value in record.items()}
            result.append(
                Finding(
                    code=self.code,
                    slug=self.slug,
                    severity=self.severity,
                    message=self.template.format_map(_Defaults(clean)),
                    file=_text(clean.get("file")),
                    line=int(str(clean["line"])) if clean.get("line") is not None else None,
                    item=_text(clean.get("item")),
                    annotator=_text(clean.get("annotator")),
                    field=_text(clean.get("field")),
                )
            )
        return result


class _Defaults(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def _missing(value: Any) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _text(value: Any) -> str | None:
    return None if value is None else str(value)

