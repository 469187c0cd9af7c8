"""The JSON result: ``CheckResult.to_dict()`` written as UTF-8 JSON."""

from __future__ import annotations

import json

from consistency.result import CheckResult


def render_json(result: CheckResult) -> str:
    """Render the JSON result; ``NaN`` never appears (undefined values are ``null``)."""
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
