"""Labels, examples and special answers: the vocabulary of one field."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator


def _require_text(value: Any) -> Any:
    if value is None:
        raise ValueError(
            "expected a label id as text; a bare null, ~ or empty value is read as missing, "
            "so quote it (for example 'null') if it is meant as a label"
        )
    return value


LabelId = Annotated[str, BeforeValidator(_require_text), Field(min_length=1)]
"""A label id, alias or special-answer id: always the string written in the guideline."""


class StrictModel(BaseModel):
    """Base for guideline models: unknown keys are errors and instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Example(StrictModel):
    """An example or counter-example of a label, with an optional explanation."""

    text: str
    label: LabelId | None = None
    why: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"text": value}
        return value


class Label(StrictModel):
    """One label of a categorical field (long form).

    The id is the mapping key in the guideline; the short form (a list of ids)
    produces labels with only the id set.
    """

    id: LabelId
    title: str | None = None
    definition: str | None = None
    include: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    aliases: list[LabelId] = Field(default_factory=list)
    examples: list[Example] = Field(default_factory=list)
    counter_examples: list[Example] = Field(default_factory=list)
    deprecated: bool = False
    replaced_by: LabelId | None = None
    parent: LabelId | None = None

    @property
    def display(self) -> str:
        """The title if one is set, else the id."""
        return self.title or self.id


class SpecialAnswer(StrictModel):
    """An answer that is not a label, such as "can't tell".

    ``agreement`` says how agreement treats it: ``missing`` drops the
    annotation from agreement, ``category`` counts it as one more category
    (only possible for ``single`` and ``multi`` fields).
    """

    id: LabelId
    meaning: str | None = None
    agreement: Literal["missing", "category"] = "missing"
    aliases: list[LabelId] = Field(default_factory=list)


def normalize_labels(value: Any) -> Any:
    """Turn the short form (a list of ids) and the long form (a mapping) into a list of label mappings.

    Examples
    --------
    >>> normalize_labels(["yes", "no"])
    [{'id': 'yes'}, {'id': 'no'}]
    >>> normalize_labels({"pos": {"title": "Positive"}, "neg": None})
    [{'title': 'Positive', 'id': 'pos'}, {'id': 'neg'}]
    """
    if isinstance(value, list):
        return [item if isinstance(item, dict) else {"id": item} for item in value]
    if isinstance(value, dict):
        labels = []
        for key, body in value.items():
            if body is None:
                body = {}
            elif isinstance(body, str):
                body = {"definition": body}
            if isinstance(body, dict):
                labels.append({**body, "id": key})
            else:
                labels.append(body)
        return labels
    return value


def normalize_special(value: Any) -> Any:
    """Turn ``special`` (a list of ids or a mapping id -> settings) into a list of mappings."""
    if isinstance(value, list):
        return [item if isinstance(item, dict) else {"id": item} for item in value]
    if isinstance(value, dict):
        return [{**(body or {}), "id": key} if isinstance(body, (dict, type(None))) else body
                for key, body in value.items()]
    return value
