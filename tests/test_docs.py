"""The documentation lists every check code and every JSON key the result has."""

from __future__ import annotations

from consistency.checks import CHECKS
from tests.conftest import ROOT


def test_every_check_documented() -> None:
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    for code, check in CHECKS.items():
        assert f"| {code} | {check.slug} | {check.severity.value} |" in text


def test_result_keys_documented() -> None:
    text = (ROOT / "docs" / "json-result.md").read_text(encoding="utf-8")
    for key in ("passed", "guideline", "findings", "fields", "conflicts", "summary", "inputs", "checks"):
        assert f"| `{key}` |" in text
