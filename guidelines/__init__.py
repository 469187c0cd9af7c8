"""The guideline language: YAML files that describe a labeling task, loaded into typed models."""

from guidelines.errors import GuidelineError, Problem
from guidelines.fields import (
    AgreementSettings,
    AnyField,
    CategoricalField,
    CountRange,
    MultiField,
    OrdinalField,
    RatingField,
    SingleField,
)
from guidelines.labels import Example, Label, SpecialAnswer
from guidelines.loader import load_guideline
from guidelines.model import Guideline

__all__ = [
    "AgreementSettings",
    "AnyField",
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
    "SpecialAnswer",
    "load_guideline",
]
