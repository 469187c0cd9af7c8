"""Turn parsed command-line options into a configuration, run it, and write the outputs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from consistency.agreement.field_agreement import BootstrapSettings
from consistency.config import (
    ProjectConfig,
    ReferenceConfig,
    ReportConfig,
    SourceConfig,
    find_config,
    load_config,
)
from consistency.engine import RunOptions, run_config
from consistency.errors import ConfigError
from consistency.exit_codes import ExitCode
from consistency.queue import write_queue
from consistency.queue_labelstudio import QueueNames
from consistency.readers import read_annotations
from consistency.readers.records import texts_by_item
from consistency.reporters import default_format, get_reporter
from consistency.result import CheckResult
from guidelines import load_guideline


@dataclass
class CommandOptions:
    """Every option of the run commands, as plain values."""

    command: str
    files: tuple[str, ...] = ()
    config_path: str | None = None
    guideline: str | None = None
    item_column: str | None = None
    annotator_column: str | None = None
    columns: tuple[str, ...] = ()
    layout: str | None = None
    wide_field: str | None = None
    input_format: str | None = None
    annotator_from_file: bool | None = None
    separator: str | None = None
    slice_column: str | None = None
    gold_path: str | None = None
    gold_columns: tuple[str, ...] = ()
    report_format: str | None = None
    output: str | None = None
    html_path: str | None = None
    json_path: str | None = None
    max_findings: int | None = None
    conflicts_top: int | None = None
    queue_path: str | None = None
    queue_to_name: str | None = None
    resamples: int | None = None
    seed: int | None = None
    confidence: float | None = None
    extra: dict[str, object] = field(default_factory=dict)


def _pairs(values: tuple[str, ...], option: str) -> dict[str, str]:
    mapping = {}
    for value in values:
        key, sep, column = value.partition("=")
        if not sep or not key or not column:
            raise ConfigError(f"{option} expects FIELD=COLUMN, got {value!r}")
        mapping[key.strip()] = column
    return mapping


def _from_options(options: CommandOptions) -> ProjectConfig:
    if not options.files:
        raise ConfigError("--guideline needs at least one annotation FILE after the options")
    columns = _pairs(options.columns, "--column")
    if options.slice_column:
        columns["slice"] = options.slice_column
    if options.item_column:
        columns["item"] = options.item_column
    if options.annotator_column:
        columns["annotator"] = options.annotator_column
    source = {
        "columns": columns,
        "layout": options.layout or "long",
        "field": options.wide_field,
        "format": options.input_format,
        "annotator_from_file": options.annotator_from_file,
        "separator": "|" if options.separator is None else options.separator,
    }
    gold_columns = _pairs(options.gold_columns, "--gold-column")
    gold_columns.setdefault("item", options.item_column or "item")
    try:
        gold = ReferenceConfig(path=options.gold_path, columns=gold_columns) if options.gold_path else None
        return ProjectConfig(
            guideline=str(options.guideline),
            annotations=[SourceConfig(path=path, **source) for path in options.files],  # type: ignore[arg-type]
            gold=gold,
            report=ReportConfig(),
        )
    except ValidationError as error:
        details = "; ".join(f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}" for item in error.errors())
        raise ConfigError(f"invalid command-line options: {details}") from None


def resolve_config(options: CommandOptions) -> ProjectConfig:
    """Build the configuration from ``-g`` and files, from ``--config``, or from the current folder."""
    if options.guideline:
        if options.config_path:
            raise ConfigError("give either --config or --guideline with files, not both")
        return _from_options(options)
    if options.files:
        raise ConfigError("annotation FILES need --guideline; or list them under annotations: in labelcheck.yaml")
    path = Path(options.config_path) if options.config_path else find_config(Path.cwd())
    if path is None:
        raise ConfigError(
            "no labelcheck.yaml in the current folder; pass --config FILE, "
            "or --guideline GUIDELINE with annotation files"
        )
    if not path.is_file():
        raise ConfigError(f"configuration file not found: {path}")
    config = load_config(path)
    if options.separator is not None:
        config.annotations = [source.model_copy(update={"separator": options.separator}) for source in config.annotations]
    if options.slice_column:
        config.annotations = [
            source.model_copy(update={"columns": {**source.columns, "slice": options.slice_column}})
            for source in config.annotations
        ]
    return config


def _write(path: str, text: str) -> None:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def execute(options: CommandOptions) -> tuple[CheckResult, str, ExitCode]:
    """Run one command.

    Returns
    -------
    result : CheckResult
    output : str
        What to print on standard output ("" when written to ``--output``).
    exit_code : ExitCode
    """
    config = resolve_config(options)
    guideline = load_guideline(config.guideline)
    run_options = RunOptions(command=options.command)
    run_options.max_findings = options.max_findings if options.max_findings is not None else config.max_findings
    top = options.conflicts_top if options.conflicts_top is not None else config.conflicts.top
    run_options.conflicts_top = top or None
    run_options.bootstrap = BootstrapSettings(
        resamples=options.resamples if options.resamples is not None else config.agreement.resamples,
        seed=options.seed if options.seed is not None else config.agreement.seed,
        confidence=options.confidence if options.confidence is not None else config.agreement.confidence,
    )
    annotations = read_annotations(config.annotations, guideline)
    result = run_config(config, guideline, run_options, annotations)

    html_path = options.html_path or (config.report.html if options.command == "check" else None)
    json_path = options.json_path or (config.report.json_path if options.command == "check" else None)
    if html_path:
        _write(html_path, get_reporter("html")(result))
    if json_path:
        _write(json_path, get_reporter("json")(result))
    if options.command == "check":
        for name, path in (("markdown", config.report.markdown), ("junit", config.report.junit), ("sarif", config.report.sarif)):
            if path:
                _write(path, get_reporter(name)(result))
    queue_path = options.queue_path or (config.conflicts.output if options.command == "conflicts" else None)
    if queue_path:
        write_queue(result.conflicts, queue_path, {field.id: field.kind for field in guideline.fields},
                    texts_by_item(annotations.items), QueueNames(annotations.controls, options.queue_to_name))

    report_format = options.report_format or default_format(os.environ)
    text = get_reporter(report_format)(result)
    if options.output:
        _write(options.output, text)
        text = ""
    return result, text, ExitCode.PASSED if result.passed else ExitCode.FAILED
