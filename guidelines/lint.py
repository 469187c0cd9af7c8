"""Lint a guideline: mistakes that load but would confuse annotators or the checks.

Codes (stable, never reused):

=====  ============================  ========  ==================================================
code   slug                          severity  what it finds
=====  ============================  ========  ==================================================
LC401  label-without-definition      warning   a label of a field that defines others has no definition
LC402  example-label-unknown         error     an example or counter-example names a label the field lacks
LC403  counter-example-own-label     warning   a counter-example of a label says it belongs to that label
LC404  example-in-two-labels         error     the same example text illustrates two different labels
LC405  deprecated-without-successor  info      a deprecated label names no ``replaced_by``
=====  ============================  ========  ==================================================
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from guidelines.fields import CategoricalField
from guidelines.loader import validate_loaded
from guidelines.model import Guideline
from guidelines.yaml_loader import KeyPath, LoadedYaml, read_yaml_file


@dataclass(frozen=True)
class LintFinding:
    """One lint finding, located in the guideline file."""

    code: str
    slug: str
    severity: str
    message: str
    file: str
    line: int | None
    column: int | None
    path: str

    def to_dict(self) -> dict[str, Any]:
        """Convert to a JSON-ready mapping."""
        return asdict(self)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.code} {self.slug} ({self.severity}): {self.path}: {self.message}"


def _finding(loaded: LoadedYaml, path: KeyPath, code: str, slug: str, severity: str, message: str) -> LintFinding:
    line, column = loaded.locate(path)
    return LintFinding(code, slug, severity, message, loaded.file, line, column, ".".join(str(part) for part in path))


def _field_findings(loaded: LoadedYaml, field: CategoricalField) -> list[LintFinding]:
    found: list[LintFinding] = []
    base: KeyPath = ("fields", field.id, "labels")
    known = set(field.label_ids())
    defined = [label for label in field.labels if label.definition]
    seen_examples: dict[str, str] = {}

    for label in field.labels:
        path = base + (label.id,)
        if defined and not label.definition:
            found.append(_finding(loaded, path, "LC401", "label-without-definition", "warning",
                                  f"label {label.id!r} has no definition while other labels of field "
                                  f"{field.id!r} do; add one so annotators can tell the labels apart"))
        if label.deprecated and label.replaced_by is None:
            found.append(_finding(loaded, path, "LC405", "deprecated-without-successor", "info",
                                  f"label {label.id!r} is deprecated but names no replaced_by label"))
        for kind in ("examples", "counter_examples"):
            for index, example in enumerate(getattr(label, kind)):
                example_path = path + (kind, index)
                if example.label is not None and example.label not in known:
                    found.append(_finding(loaded, example_path, "LC402", "example-label-unknown", "error",
                                          f"the {kind[:-1].replace('_', '-')} names label {example.label!r}, "
                                          f"which field {field.id!r} does not define"))
                if kind == "counter_examples" and example.label == label.id:
                    found.append(_finding(loaded, example_path, "LC403", "counter-example-own-label", "warning",
                                          f"a counter-example of {label.id!r} says it is {label.id!r}; "
                                          "name the label it belongs to instead"))
                if kind == "examples":
                    text = example.text.strip()
                    other = seen_examples.get(text)
                    if other is not None and other != label.id:
                        found.append(_finding(loaded, example_path, "LC404", "example-in-two-labels", "error",
                                              f"the example {text!r} also illustrates label {other!r}; "
                                              "an example must belong to one label"))
                    seen_examples.setdefault(text, label.id)
    return found


def lint_guideline(path: str | Path) -> tuple[Guideline, list[LintFinding]]:
    """Load a guideline and lint it.

    Raises
    ------
    GuidelineError
        When the file cannot be loaded at all; lint findings are for files that load.
    """
    loaded = read_yaml_file(path)
    guideline = validate_loaded(loaded, Guideline)
    findings: list[LintFinding] = []
    for field in guideline.fields:
        if isinstance(field, CategoricalField):
            findings.extend(_field_findings(loaded, field))
    return guideline, findings
