"""The guideline: identity, instructions and fields of one labeling task."""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import Field, field_validator

from guidelines.fields import AnyField
from guidelines.labels import StrictModel

FORMAT_VERSION = 1
"""The guideline-language version this release reads (the ``labelcheck:`` key)."""

SUPPORTED_KINDS = ("single", "multi", "ordinal", "rating", "spans", "boxes")
PLANNED_KINDS = ("text",)
RESERVED_FIELD_IDS = ("item", "annotator")

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
_FIELD_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


class Guideline(StrictModel):
    """A labeling guideline as loaded from YAML.

    Use :func:`guidelines.load_guideline` to read one from a file with
    located error messages.
    """

    labelcheck: int
    name: str = Field(min_length=1)
    version: str
    title: str | None = None
    status: Literal["draft", "active", "retired"] = "active"
    description: str | None = None
    instructions: str | None = None
    fields: list[AnyField] = Field(min_length=1)

    @field_validator("labelcheck")
    @classmethod
    def _format_version(cls, value: int) -> int:
        if value != FORMAT_VERSION:
            raise ValueError(
                f"this release of labelcheck reads guideline format {FORMAT_VERSION}, "
                f"but the file declares labelcheck: {value}"
            )
        return value

    @field_validator("version")
    @classmethod
    def _semantic_version(cls, value: str) -> str:
        if not SEMVER.match(value):
            raise ValueError(f"expected a semantic version such as 1.0.0, got {value!r}")
        return value

    @field_validator("fields", mode="before")
    @classmethod
    def _field_forms(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        fields = []
        for key, body in value.items():
            if not _FIELD_ID.match(key):
                raise ValueError(
                    f"field id {key!r} is not valid; use letters, digits, '_', '-' or '.', starting with a letter"
                )
            if key in RESERVED_FIELD_IDS:
                raise ValueError(f"field id {key!r} is reserved for the column mapping; choose another id")
            if isinstance(body, dict):
                kind = body.get("kind")
                if kind in PLANNED_KINDS:
                    raise ValueError(
                        f"field {key!r}: kind {kind!r} is not supported by this version of labelcheck; "
                        f"supported kinds are {', '.join(SUPPORTED_KINDS)}"
                    )
                if kind is None:
                    raise ValueError(f"field {key!r} has no kind; set kind to one of {', '.join(SUPPORTED_KINDS)}")
                body = {**body, "id": key}
            fields.append(body)
        return fields

    def field(self, field_id: str) -> AnyField:
        """Return the field with ``field_id``; raise ``KeyError`` naming the known ids otherwise."""
        for candidate in self.fields:
            if candidate.id == field_id:
                return candidate
        raise KeyError(f"no field {field_id!r}; the guideline defines {', '.join(self.field_ids())}")

    def field_ids(self) -> list[str]:
        """Field ids in declared order."""
        return [candidate.id for candidate in self.fields]
