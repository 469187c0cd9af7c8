"""Exceptions that stop a run: each becomes one clean message and exit code 2."""

from __future__ import annotations

from consistency.exit_codes import ExitCode


class LabelcheckError(Exception):
    """Base of the errors that end a run before any result exists.

    ``exit_code`` is the process status the command line returns for it.
    """

    exit_code = ExitCode.USAGE


class InputError(LabelcheckError):
    """An annotation file cannot be read or does not have the expected layout.

    Parameters
    ----------
    file : str
        The offending file.
    message : str
        What was found, what was expected and how to fix it.
    line : int, optional
        1-based line of the problem, when known.
    """

    def __init__(self, file: str, message: str, line: int | None = None) -> None:
        self.file = file
        self.line = line
        self.message = message
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {message}")


class ConfigError(LabelcheckError):
    """The project configuration or the command-line options are inconsistent."""
