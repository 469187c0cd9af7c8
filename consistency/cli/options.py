"""Command-line options, declared once and shared by the commands that take them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from consistency.readers.detect import ALL_FORMATS

F = TypeVar("F", bound=Callable[..., Any])
REPORT_FORMATS = ("text", "json", "markdown", "junit", "github", "sarif", "html")


def _compose(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    def apply(function: F) -> F:
        for decorator in reversed(decorators):
            function = decorator(function)
        return function

    return apply


input_options = _compose(
    click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=str)),
    click.option("--config", "-c", "config_path", type=click.Path(dir_okay=False, path_type=str),
                 help="Project configuration file (default: labelcheck.yaml in the current folder, "
                      "else [tool.labelcheck] in pyproject.toml)."),
    click.option("--guideline", "-g", type=click.Path(dir_okay=False, path_type=str),
                 help="Guideline YAML file; with it, annotation FILES are given as arguments instead of a configuration."),
    click.option("--item-column", help="Column holding the item id (default: item)."),
    click.option("--annotator-column", help="Column holding the annotator id (default: annotator)."),
    click.option("--column", "columns", multiple=True, metavar="FIELD=COLUMN",
                 help="Read guideline field FIELD from column COLUMN (default: the column named like the field). Repeatable."),
    click.option("--layout", type=click.Choice(["long", "wide"]), default=None,
                 help="long: one row per item and annotator (default); wide: one column per annotator."),
    click.option("--field", "wide_field", help="Field held by a wide-layout file (default: the guideline's only field)."),
    click.option("--input-format", type=click.Choice(ALL_FORMATS),
                 help="Format of the annotation files: a table format or a tool export (default: from the file name and content)."),
    click.option("--annotator-from-file", is_flag=True, default=None,
                 help="Name the annotator of export records that carry none after the file (alex.jsonl -> alex)."),
    click.option("--separator", help="Separator of labels in a multi-label cell that is not a JSON list (default: |)."),
    click.option("--by", "slice_column", metavar="COLUMN",
                 help="Also measure agreement per value of this column (a batch, a date); @file slices by input file."),
    click.option("--gold", "gold_path", type=click.Path(dir_okay=False, path_type=str),
                 help="File with gold labels: an item column and one column per field."),
    click.option("--gold-column", "gold_columns", multiple=True, metavar="FIELD=COLUMN",
                 help="Column of the gold file that holds FIELD (default: the field id). Repeatable."),
)

output_options = _compose(
    click.option("--format", "-f", "report_format", type=click.Choice(REPORT_FORMATS), default=None,
                 help="What to print on standard output (default: text; github under GitHub Actions)."),
    click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=str),
                 help="Write the --format output to this file instead of standard output."),
    click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=str), help="Also write the HTML report here."),
    click.option("--json", "json_path", type=click.Path(dir_okay=False, path_type=str), help="Also write the JSON result here."),
    click.option("--max-findings", type=click.IntRange(min=0), default=None,
                 help="Findings listed per code in reports (default: 100; 0 lists all). Counts always cover all."),
    click.option("--resamples", type=click.IntRange(min=0), default=None,
                 help="Bootstrap resamples for confidence intervals (default: 1000; 0 turns intervals off)."),
    click.option("--seed", type=click.IntRange(min=0), default=None,
                 help="Seed of the bootstrap's random generator (default: 0); the same seed gives the same intervals."),
    click.option("--confidence", type=click.FloatRange(min=0.0, max=1.0, min_open=True, max_open=True), default=None,
                 help="Coverage of the confidence intervals (default: 0.95)."),
    click.option("--top", "conflicts_top", type=click.IntRange(min=0), default=None,
                 help="Conflicting items listed (default: 50; 0 lists all)."),
)
