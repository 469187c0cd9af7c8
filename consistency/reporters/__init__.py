"""Reporters: each renders a :class:`~consistency.result.CheckResult` as one output format.

``REPORTERS`` maps a format name to its render function; the CLI's
``--format`` choices are its keys.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping

from consistency.reporters.github import render_github
from consistency.reporters.html import render_html
from consistency.reporters.json_report import render_json
from consistency.reporters.junit import render_junit
from consistency.reporters.markdown import render_markdown
from consistency.reporters.sarif import render_sarif
from consistency.reporters.text import render_text
from consistency.result import CheckResult

Reporter = Callable[[CheckResult], str]
"""A render function: the whole output for one result, as text."""

REPORTERS: Mapping[str, Reporter] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
    "junit": render_junit,
    "github": render_github,
    "sarif": render_sarif,
    "html": render_html,
}

__all__ = ["REPORTERS", "Reporter", "default_format", "get_reporter"]


def get_reporter(name: str) -> Reporter:
    """Return the render function of the format ``name``.

    Raises
    ------
    KeyError
        When no reporter has that name; the message lists the known names.

    >>> get_reporter("json").__name__
    'render_json'
    """
    try:
        return REPORTERS[name]
    except KeyError:
        known = ", ".join(sorted(REPORTERS))
        raise KeyError(f"unknown report format {name!r}; known formats: {known}") from None


def default_format(env: Mapping[str, str] | None = None) -> str:
    """Return ``github`` when running under GitHub Actions, else ``text``.

    GitHub Actions sets ``GITHUB_ACTIONS=true`` in every step; ``env``
    defaults to the process environment.

    >>> default_format({"GITHUB_ACTIONS": "true"}), default_format({})
    ('github', 'text')
    """
    variables = os.environ if env is None else env
    return "github" if variables.get("GITHUB_ACTIONS") == "true" else "text"
