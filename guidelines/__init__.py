"""The guideline language: YAML files that describe a labeling task, loaded into typed models."""

from guidelines.errors import GuidelineError, Problem
from guidelines.fields import (
    REGION_KINDS,
    AgreementSettings,
    AnyField,
    BoxesField,
    CategoricalField,
    CountRange,
    MultiField,
    OrdinalField,
    RatingField,
    SingleField,
    SpansField,
)
from guidelines.labels import Example, Label, SpecialAnswer
from guidelines.loader import load_guideline
from guidelines.model import Guideline

__all__ = [
    "REGION_KINDS",
    "AgreementSettings",
    "AnyField",
    "BoxesField",
    "CategoricalField",
    "CountRange",
    "Example",
    "Guideline",
    "GuidelineError",
    "Label",
    "MultiField",
    "OrdinalField",
    "Problem",
    "RatingField",
    "SingleField",
    "SpansField",
    "SpecialAnswer",
    "load_guideline",
]
