"""The one exception type for a guideline or configuration file that cannot be used."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake in a YAML file, located by line, column and dotted key path.

    ``line`` and ``column`` are 1-based; both are ``None`` when the mistake is
    about a key that is absent (then the location of its parent is used if known).
    """

    file: str
    line: int | None
    column: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        key = f" {self.path}:" if self.path else ""
        return f"{where}:{key} {self.message}"


class GuidelineError(Exception):
    """A guideline or configuration file is malformed or invalid.

    Carries every problem found, so that a user fixes them all in one pass.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
