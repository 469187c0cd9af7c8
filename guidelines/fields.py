"""Field models: the questions annotators answer about each item."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from guidelines.labels import Label, SpecialAnswer, StrictModel, normalize_labels, normalize_special

Level = Literal["nominal", "ordinal", "interval", "ratio"]
Coefficient = Literal[
    "krippendorff_alpha",
    "cohen_kappa",
    "fleiss_kappa",
    "scott_pi",
    "gwet_ac1",
    "gwet_ac2",
    "brennan_prediger",
    "percent_agreement",
    "krippendorff_alpha_masi",
    "krippendorff_alpha_jaccard",
]
Weighting = Literal["identity", "linear", "quadratic"]
IMPLEMENTED_COEFFICIENTS = (
    "krippendorff_alpha",
    "cohen_kappa",
    "fleiss_kappa",
    "scott_pi",
    "gwet_ac1",
    "gwet_ac2",
    "brennan_prediger",
    "percent_agreement",
    "krippendorff_alpha_masi",
    "krippendorff_alpha_jaccard",
)


class AgreementSettings(StrictModel):
    """Agreement settings of a field: coefficient, level and the thresholds that gate CI.

    ``warn_below`` and ``fail_below`` are compared with the value of
    ``coefficient``; a value below ``fail_below`` fails the check.
    """

    coefficient: Coefficient = "krippendorff_alpha"
    level: Level | None = None
    weights: Weighting | None = None
    """Weights of the kappa family; identity for nominal fields and quadratic for ordered ones when unset."""
    warn_below: float | None = Field(default=None, ge=-1.0, le=1.0)
    fail_below: float | None = Field(default=None, ge=-1.0, le=1.0)

    @field_validator("coefficient")
    @classmethod
    def _implemented(cls, value: str) -> str:
        if value not in IMPLEMENTED_COEFFICIENTS:
            raise ValueError(
                f"coefficient {value!r} is not computed by this version of labelcheck; "
                f"use one of {', '.join(IMPLEMENTED_COEFFICIENTS)}"
            )
        return value

    @model_validator(mode="after")
    def _ordered(self) -> AgreementSettings:
        if self.warn_below is not None and self.fail_below is not None and self.fail_below > self.warn_below:
            raise ValueError(
                f"fail_below ({self.fail_below}) is above warn_below ({self.warn_below}); "
                "the failing threshold must be the lower one"
            )
        return self


def check_bounds(low: int | None, high: int | None, low_name: str, high_name: str) -> None:
    """Raise ``ValueError`` when both bounds are set and ``low`` exceeds ``high``."""
    if low is not None and high is not None and low > high:
        raise ValueError(f"{low_name} ({low}) is above {high_name} ({high})")


def _count_range(value: Any) -> Any:
    if isinstance(value, (str, int)):
        return {"min": value}
    return value


class CountRange(StrictModel):
    """An inclusive range of counts; ``min: 3`` may be written as just ``3``."""

    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> CountRange:
        check_bounds(self.min, self.max, "min", "max")
        return self


class FieldBase(StrictModel):
    """Settings shared by every field kind."""

    id: str = Field(min_length=1)
    title: str | None = None
    question: str | None = None
    required: bool = False
    special: list[SpecialAnswer] = Field(default_factory=list)
    agreement: AgreementSettings = Field(default_factory=AgreementSettings)
    annotations_per_item: Annotated[CountRange | None, BeforeValidator(_count_range)] = None

    @field_validator("special", mode="before")
    @classmethod
    def _special_forms(cls, value: Any) -> Any:
        return normalize_special(value)

    @property
    def level(self) -> Level:
        """Level of measurement used for agreement on this field."""
        return self.agreement.level or self.default_level()

    def default_level(self) -> Level:
        """Level implied by the field kind."""
        return "nominal"

    def special_ids(self) -> dict[str, SpecialAnswer]:
        """Map each spelling of a special answer (id and aliases) to its definition."""
        spellings: dict[str, SpecialAnswer] = {}
        for answer in self.special:
            spellings[answer.id] = answer
            for alias in answer.aliases:
                spellings[alias] = answer
        return spellings


class CategoricalField(FieldBase):
    """A field whose answers come from a declared list of labels."""

    labels: list[Label] = Field(min_length=1)

    @field_validator("labels", mode="before")
    @classmethod
    def _label_forms(cls, value: Any) -> Any:
        return normalize_labels(value)

    @model_validator(mode="after")
    def _unique_spellings(self) -> CategoricalField:
        owner: dict[str, str] = {}
        for label in self.labels:
            for spelling in [label.id, *label.aliases]:
                if spelling in owner:
                    raise ValueError(
                        f"{spelling!r} is used by both label {owner[spelling]!r} and label {label.id!r}; "
                        "every label id and alias must be unique within a field"
                    )
                owner[spelling] = label.id
        for answer in self.special:
            for spelling in [answer.id, *answer.aliases]:
                if spelling in owner:
                    raise ValueError(
                        f"special answer {answer.id!r} uses the spelling {spelling!r}, "
                        f"which is already label {owner[spelling]!r}; rename one of them"
                    )
                owner[spelling] = answer.id
        known = {label.id for label in self.labels}
        for label in self.labels:
            if label.replaced_by is not None and label.replaced_by not in known:
                raise ValueError(f"label {label.id!r} is replaced_by {label.replaced_by!r}, which is not a label of this field")
        return self

    def label_ids(self) -> list[str]:
        """Label ids in declared order."""
        return [label.id for label in self.labels]

    def spellings(self) -> dict[str, str]:
        """Map every accepted spelling of a label (id or alias) to the label id."""
        mapping: dict[str, str] = {}
        for label in self.labels:
            mapping[label.id] = label.id
            for alias in label.aliases:
                mapping[alias] = label.id
        return mapping


class SingleField(CategoricalField):
    """One label per item and annotator."""

    kind: Literal["single"]


class MultiField(CategoricalField):
    """A set of labels per item and annotator."""

    kind: Literal["multi"]
    min_labels: int | None = Field(default=None, ge=0)
    max_labels: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _bounds(self) -> MultiField:
        check_bounds(self.min_labels, self.max_labels, "min_labels", "max_labels")
        return self


class OrdinalField(CategoricalField):
    """One label from an ordered scale; the order of ``labels`` is the order of the scale."""

    kind: Literal["ordinal"]

    def default_level(self) -> Level:
        return "ordinal"

    @model_validator(mode="after")
    def _no_special_category(self) -> OrdinalField:
        for answer in self.special:
            if answer.agreement == "category":
                raise ValueError(
                    f"special answer {answer.id!r} has agreement: category, but an ordinal scale "
                    "has no place for it; use agreement: missing"
                )
        return self


class RatingField(FieldBase):
    """A number between ``min`` and ``max``, optionally on a grid of ``step``."""

    kind: Literal["rating"]
    min: float
    max: float
    step: float | None = Field(default=None, gt=0)

    def default_level(self) -> Level:
        return "interval"

    @model_validator(mode="after")
    def _scale(self) -> RatingField:
        if not (math.isfinite(self.min) and math.isfinite(self.max)):
            raise ValueError("min and max must be finite numbers")
        if self.min >= self.max:
            raise ValueError(f"min ({self.min:g}) must be below max ({self.max:g})")
        if self.step is not None:
            steps = (self.max - self.min) / self.step
            if abs(steps - round(steps)) > 1e-9 * max(1.0, abs(steps)):
                raise ValueError(
                    f"the range {self.min:g} to {self.max:g} is not a whole number of steps of {self.step:g}"
                )
        for answer in self.special:
            if answer.agreement == "category":
                raise ValueError(
                    f"special answer {answer.id!r} has agreement: category, but a rating scale "
                    "has no place for it; use agreement: missing"
                )
        if self.agreement.level == "nominal" and self.step is None:
            raise ValueError("level nominal on a rating field needs a step, so that values form categories")
        return self


class SpansField(CategoricalField):
    """Labelled character spans in the item's text.

    A span is ``start`` and ``end`` character offsets into the text, ``end``
    exclusive, and one label; an annotator answers with a list of spans, and
    an empty list is an answer ("no span here"). ``min_spans`` and
    ``max_spans`` bound the number of spans per item and annotator.
    """

    kind: Literal["spans"]
    min_spans: int | None = Field(default=None, ge=0)
    max_spans: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _bounds(self) -> SpansField:
        check_bounds(self.min_spans, self.max_spans, "min_spans", "max_spans")
        return self


class BoxesField(CategoricalField):
    """Labelled rectangles in the item's image.

    A box is ``x``, ``y`` (top-left corner), ``width`` and ``height`` in
    pixels of the image, and one label; an annotator answers with a list of
    boxes, and an empty list is an answer. ``min_size`` is the smallest width
    and height, in pixels, that a box may have.
    """

    kind: Literal["boxes"]
    min_size: float | None = Field(default=None, gt=0)


REGION_KINDS = ("spans", "boxes")
"""Field kinds whose answers are lists of regions rather than one value."""

AnyField = Annotated[
    SingleField | MultiField | OrdinalField | RatingField | SpansField | BoxesField,
    Field(discriminator="kind"),
]
