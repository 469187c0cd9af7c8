"""The ``labelcheck`` command line: parses options into plain values and calls the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import click

from consistency import __version__
from consistency.cli.options import input_options, output_options
from consistency.cli.run import CommandOptions, execute
from consistency.errors import LabelcheckError
from consistency.exit_codes import ExitCode
from guidelines import GuidelineError
from guidelines.lint import lint_guideline
from guidelines.schema import guideline_schema


def _run(command: str, **options: Any) -> None:
    try:
        _, text, code = execute(CommandOptions(command=command, **options))
    except GuidelineError as error:
        for problem in error.problems:
            click.echo(f"Error: {problem}", err=True)
        sys.exit(ExitCode.USAGE)
    except LabelcheckError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(error.exit_code)
    except MemoryError:
        click.echo("Error: out of memory while reading the inputs; split the files or use a larger machine", err=True)
        sys.exit(ExitCode.USAGE)
    if text:
        click.echo(text, nl=False)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="labelcheck")
def main() -> None:
    """Check annotations against a labeling guideline: validation, agreement, conflicts.

    Exit codes: 0 passed, 1 error findings or a failed agreement threshold,
    2 usage, configuration or unreadable input.
    """


def _command(name: str, summary: str) -> Callable[..., Any]:
    @input_options
    @output_options
    def command(**options: Any) -> None:
        _run(name, **options)

    command.__doc__ = summary
    return main.command(name)(command)


check = _command(
    "check",
    "Validate annotations, measure agreement and list conflicts; fail on errors or thresholds.",
)
validate = _command(
    "validate",
    "Validate annotations against the guideline; fail on error findings.",
)
agreement = _command(
    "agreement",
    "Measure inter-annotator agreement; fail when a field is below its fail_below threshold.",
)


@main.command("conflicts")
@input_options
@output_options
@click.option("--queue", "queue_path", type=click.Path(dir_okay=False, path_type=str),
              help="Write the adjudication queue to this .csv, .jsonl or .json file (.json: a Label Studio import file).")
@click.option("--queue-to-name", metavar="NAME",
              help="Object tag (to_name) of the results in a .json queue, as in the Label Studio project's config "
                   "(default: the name a Label Studio export used, else text).")
def conflicts(**options: Any) -> None:
    """List items whose annotators disagree, worst first, and write the adjudication queue."""
    _run("conflicts", **options)


@main.group("guideline")
def guideline_group() -> None:
    """Work on the guideline file itself."""


@guideline_group.command("lint")
@click.argument("path", type=click.Path(dir_okay=False, path_type=str))
@click.option("--format", "-f", "report_format", type=click.Choice(["text", "json"]), default="text",
              help="Output format (default: text).")
def guideline_lint(path: str, report_format: str) -> None:
    """Check a guideline for labels without definitions, examples naming unknown labels and similar mistakes.

    Exits 1 when an error is found, 2 when the file cannot be loaded.
    """
    try:
        _, findings = lint_guideline(path)
    except GuidelineError as error:
        for problem in error.problems:
            click.echo(f"Error: {problem}", err=True)
        sys.exit(ExitCode.USAGE)
    if report_format == "json":
        click.echo(json.dumps([finding.to_dict() for finding in findings], indent=2, ensure_ascii=False))
    else:
        for finding in findings:
            click.echo(str(finding))
        errors = sum(finding.severity == "error" for finding in findings)
        click.echo(f"{len(findings)} finding(s), {errors} error(s)" if findings else "no findings")
    sys.exit(ExitCode.FAILED if any(finding.severity == "error" for finding in findings) else ExitCode.PASSED)


@guideline_group.command("schema")
def guideline_schema_command() -> None:
    """Print the JSON Schema of the guideline YAML format, for editors that validate while typing."""
    click.echo(json.dumps(guideline_schema(), indent=2))
