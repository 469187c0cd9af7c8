"""labelcheck guideline lint: findings located in the guideline file."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from consistency.cli import main
from guidelines.lint import lint_guideline
from tests.conftest import EXAMPLES, write

GUIDELINE = """labelcheck: 1
name: lint
version: 1.0.0
fields:
  intent:
    kind: single
    labels:
      billing:
        definition: Charges.
        examples: [{text: I was charged twice}]
        counter_examples: [{text: How do I upgrade?, label: acount}, {text: refund please, label: billing}]
      account:
        examples: [I was charged twice]
      old: {definition: Old one., deprecated: true}
"""


def test_lint_findings_located(tmp_path: Path) -> None:
    _, findings = lint_guideline(write(tmp_path / "g.yaml", GUIDELINE))
    located = sorted((finding.code, finding.line, finding.path) for finding in findings)
    assert located == [
        ("LC401", 12, "fields.intent.labels.account"),
        ("LC402", 11, "fields.intent.labels.billing.counter_examples.0"),
        ("LC403", 11, "fields.intent.labels.billing.counter_examples.1"),
        ("LC404", 13, "fields.intent.labels.account.examples.0"),
        ("LC405", 14, "fields.intent.labels.old"),
    ]


def test_lint_cli_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(main, ["guideline", "lint", str(write(tmp_path / "g.yaml", GUIDELINE)), "-f", "json"])
    assert bad.exit_code == 1
    assert len(json.loads(bad.stdout)) == 5
    for example in ("rte", "affect"):
        clean = runner.invoke(main, ["guideline", "lint", str(EXAMPLES / example / "guideline.yaml")])
        assert clean.exit_code == 0, clean.stdout
        assert "no findings" in clean.stdout
    broken = runner.invoke(main, ["guideline", "lint", str(write(tmp_path / "b.yaml", "labelcheck: 1\nname: [\n"))])
    assert broken.exit_code == 2
    assert "Traceback" not in broken.stderr


def test_schema_accepts_examples_and_rejects_typos(tmp_path: Path) -> None:
    import jsonschema
    from ruamel.yaml import YAML

    runner = CliRunner()
    printed = runner.invoke(main, ["guideline", "schema"])
    assert printed.exit_code == 0
    schema = json.loads(printed.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for example in ("rte", "affect"):
        data = YAML(typ="safe", pure=True).load((EXAMPLES / example / "guideline.yaml").read_text(encoding="utf-8"))
        assert list(validator.iter_errors(data)) == [], example
    short = YAML(typ="safe", pure=True).load(
        "labelcheck: 1\nname: s\nversion: 1.0.0\nfields:\n  a:\n    kind: single\n    labels: [yes, no, 1, null]\n"
        "    annotations_per_item: 3\n    special: [skip]\n"
    )
    assert list(validator.iter_errors(short)) == []
    typo = YAML(typ="safe", pure=True).load(
        "labelcheck: 1\nname: s\nversion: 1.0\nfields:\n  a: {kind: single, labels: [x], colour: red}\n"
    )
    assert len(list(validator.iter_errors(typo))) == 2
