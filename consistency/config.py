"""Project configuration: ``labelcheck.yaml`` or ``[tool.labelcheck]`` in ``pyproject.toml``.

Relative paths in a configuration file are resolved against the folder that
contains the file, so a run gives the same result from any working directory.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from consistency.errors import ConfigError
from guidelines.errors import GuidelineError, Problem
from guidelines.loader import translate, validate_loaded
from guidelines.yaml_loader import LoadedYaml, read_yaml_file

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

DEFAULT_CONFIG = "labelcheck.yaml"
TableFormat = Literal["csv", "tsv", "jsonl", "json", "parquet"]
ExportFormat = Literal["labelstudio", "labelstudio-min", "labelstudio-csv", "prodigy", "doccano", "argilla", "coco"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceConfig(_Strict):
    """One annotation source: a file or glob and how to read it.

    ``columns`` maps ``item``, ``annotator`` and field ids to column names; a
    field's column defaults to the field id. In the ``wide`` layout every
    column other than the item column (or those listed in ``annotators``)
    contains one annotator's answers to ``field``.

    For tool exports, ``columns`` maps field ids to the tool's question
    names (Label Studio control names, Argilla question names), and
    ``item``, ``annotator``, ``text`` and ``image`` to the record keys that
    hold them. ``annotator_from_file`` names the annotator of records that
    carry none after the file (``alex.jsonl`` -> ``alex``); it is on by
    default for doccano and COCO, whose exports have one file per annotator.
    """

    path: str
    format: TableFormat | ExportFormat | None = None
    annotator_from_file: bool | None = None
    layout: Literal["long", "wide"] = "long"
    columns: dict[str, str] = Field(default_factory=dict)
    field: str | None = None
    annotators: list[str] | None = None
    separator: str = Field(default="|", min_length=1)
    delimiter: str | None = Field(default=None, min_length=1, max_length=1)

    @field_validator("path")
    @classmethod
    def _non_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("path is empty; give a file name or a glob such as exports/*.csv")
        return value


class ReferenceConfig(SourceConfig):
    """Gold labels or model predictions: one value per item and field, no annotator column."""

    name: str | None = None


class ReportConfig(_Strict):
    """Report files that ``labelcheck check`` writes."""

    html: str | None = None
    json_path: str | None = Field(default=None, alias="json")
    markdown: str | None = None
    junit: str | None = None
    sarif: str | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class ConflictsConfig(_Strict):
    """Output file of the adjudication queue and the number of conflicts listed."""

    output: str | None = None
    top: int = Field(default=50, ge=0)


class AgreementConfig(_Strict):
    """Bootstrap settings of the confidence intervals: resamples (0 turns them off), seed and coverage."""

    resamples: int = Field(default=1000, ge=0)
    seed: int = Field(default=0, ge=0)
    confidence: float = Field(default=0.95, gt=0.0, lt=1.0)


class ProjectConfig(_Strict):
    """A whole ``labelcheck.yaml``."""

    guideline: str
    annotations: list[SourceConfig] = Field(min_length=1)
    gold: ReferenceConfig | None = None
    predictions: ReferenceConfig | None = None
    report: ReportConfig = Field(default_factory=ReportConfig)
    conflicts: ConflictsConfig = Field(default_factory=ConflictsConfig)
    agreement: AgreementConfig = Field(default_factory=AgreementConfig)
    max_findings: int = Field(default=100, ge=0)

    @field_validator("annotations", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        if isinstance(value, (dict, str)):
            value = [value]
        if isinstance(value, list):
            return [{"path": entry} if isinstance(entry, str) else entry for entry in value]
        return value

    @field_validator("gold", "predictions", mode="before")
    @classmethod
    def _path_only(cls, value: Any) -> Any:
        return {"path": value} if isinstance(value, str) else value


def resolve(base: Path, path: str | None) -> str | None:
    """Resolve ``path`` against ``base`` unless it is absolute."""
    if path is None:
        return None
    candidate = Path(path)
    return str(candidate if candidate.is_absolute() else base / candidate)


def _rebase(config: ProjectConfig, base: Path) -> ProjectConfig:
    def source(entry: SourceConfig) -> Any:
        return entry.model_copy(update={"path": resolve(base, entry.path)})

    report = config.report.model_copy(
        update={
            "html": resolve(base, config.report.html),
            "json_path": resolve(base, config.report.json_path),
            "markdown": resolve(base, config.report.markdown),
            "junit": resolve(base, config.report.junit),
            "sarif": resolve(base, config.report.sarif),
        }
    )
    return config.model_copy(
        update={
            "guideline": resolve(base, config.guideline),
            "annotations": [source(entry) for entry in config.annotations],
            "gold": source(config.gold) if config.gold else None,
            "predictions": source(config.predictions) if config.predictions else None,
            "report": report,
            "conflicts": config.conflicts.model_copy(update={"output": resolve(base, config.conflicts.output)}),
        }
    )


def load_config(path: str | Path) -> ProjectConfig:
    """Load a ``labelcheck.yaml`` file or the ``[tool.labelcheck]`` table of a ``pyproject.toml``.

    Raises
    ------
    GuidelineError
        With located problems when the file is malformed.
    """
    path = Path(path)
    if path.name == "pyproject.toml":
        return _load_pyproject(path)
    loaded = read_yaml_file(path)
    config = validate_loaded(loaded, ProjectConfig)
    return _rebase(config, path.parent)


def _load_pyproject(path: Path) -> ProjectConfig:
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise GuidelineError([Problem(str(path), None, None, "", f"cannot read the file: {error}")]) from None
    section = table.get("tool", {}).get("labelcheck")
    if section is None:
        raise ConfigError(f"{path}: no [tool.labelcheck] table; add one or write a {DEFAULT_CONFIG}")
    loaded = LoadedYaml(file=str(path), data=section)
    try:
        config = ProjectConfig.model_validate(section)
    except ValidationError as error:
        raise translate(error, loaded, ProjectConfig) from None
    return _rebase(config, path.parent)


def find_config(folder: Path) -> Path | None:
    """Return ``labelcheck.yaml`` in ``folder``, else a ``pyproject.toml`` with ``[tool.labelcheck]``."""
    candidate = folder / DEFAULT_CONFIG
    if candidate.is_file():
        return candidate
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        try:
            table = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None
        if "labelcheck" in table.get("tool", {}):
            return pyproject
    return None
