"""The one jinja2 environment every HTML output of the reporters is rendered with."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


def make_environment() -> Environment:
    """Create the environment for the templates shipped in ``consistency/reporters/templates``.

    Autoescaping is on for ``.html`` and ``.j2`` templates and for templates
    built from strings, so every value a template prints is HTML-escaped
    unless it is marked safe. A name the template uses but the caller did
    not pass raises ``jinja2.UndefinedError`` instead of printing nothing.
    """
    return Environment(
        loader=PackageLoader("consistency.reporters", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
