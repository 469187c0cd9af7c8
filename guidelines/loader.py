"""Load YAML into pydantic models and translate validation errors into located problems."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from guidelines.errors import GuidelineError, Problem
from guidelines.model import Guideline
from guidelines.yaml_loader import KeyPath, LoadedYaml, read_yaml_file

ModelT = TypeVar("ModelT", bound=BaseModel)


def _data_path(data: Any, location: tuple[int | str, ...]) -> KeyPath:
    """Map a pydantic error location onto the key path of the YAML data.

    pydantic inserts union tags (such as a field ``kind``) into locations, and
    list positions where the YAML had a mapping that a validator turned into a
    list; both are resolved against the data so that the path names real keys.
    """
    path: list[str | int] = []
    current = data
    for part in location:
        if isinstance(current, dict):
            if isinstance(part, str) and part in current:
                path.append(part)
                current = current[part]
            elif isinstance(part, int) and 0 <= part < len(current):
                key = list(current)[part]
                path.append(key)
                current = current[key]
            elif isinstance(part, str) and not path_is_tag(part):
                path.append(part)
                current = None
        elif isinstance(current, list):
            if isinstance(part, int) and 0 <= part < len(current):
                path.append(part)
                current = current[part]
        elif current is None and isinstance(part, str) and not path_is_tag(part):
            path.append(part)
    return tuple(path)


def path_is_tag(part: str) -> bool:
    """Tell whether a location part is a pydantic union tag rather than a key."""
    return part in {"single", "multi", "ordinal", "rating"} or "[" in part or part.startswith("function-")


def model_keys(model: type[BaseModel]) -> set[str]:
    """Every key that ``model`` or a model nested in it accepts, for spelling suggestions."""
    keys: set[str] = set()
    pending: list[Any] = [model]
    seen: set[int] = set()
    while pending:
        candidate = pending.pop()
        if id(candidate) in seen:
            continue
        seen.add(id(candidate))
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            for name, info in candidate.model_fields.items():
                keys.add(info.alias or name)
                pending.append(info.annotation)
        else:
            pending.extend(get_args(candidate))
    return keys


def _message(error: Any, known: set[str], document: str) -> str:
    kind = error["type"]
    message = str(error["msg"])
    if kind == "extra_forbidden":
        key = str(error["loc"][-1])
        if error.get("input") is None and " " in key:
            return (
                "unknown key; a comma inside a flow mapping {...} starts a new key, "
                "so put text that contains commas in quotes"
            )
        close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.7)
        if close:
            return f"unknown key {key!r}; did you mean {close[0]!r}?"
        return f"unknown key {key!r}; it is not part of the {document} format"
    if kind == "missing":
        return "required key is missing"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"invalid value {error.get('input')!r}; expected {expected}"
    message = message.removeprefix("Value error, ")
    return message


def translate(error: ValidationError, loaded: LoadedYaml, model: type[BaseModel] | None = None) -> GuidelineError:
    """Turn a pydantic ``ValidationError`` into a :class:`GuidelineError` with positions.

    ``model`` is the model that was validated; its keys feed "did you mean" suggestions.
    """
    known = model_keys(model) if model is not None else set()
    document = "guideline" if model is Guideline else "configuration"
    problems: list[Problem] = []
    for item in error.errors():
        path = _data_path(loaded.data, tuple(item["loc"]))
        problems.append(loaded.problem(path, _message(item, known, document)))
    problems.sort(key=lambda problem: (problem.line or 0, problem.column or 0, problem.path))
    return GuidelineError(problems)


def validate_loaded(loaded: LoadedYaml, model: type[ModelT]) -> ModelT:
    """Validate parsed YAML against ``model``, raising located problems."""
    if not isinstance(loaded.data, dict):
        raise GuidelineError([loaded.problem((), "expected a YAML mapping at the top level")])
    try:
        return model.model_validate(loaded.data)
    except ValidationError as error:
        raise translate(error, loaded, model) from None


def load_guideline(path: str | Path) -> Guideline:
    """Load and validate a guideline file.

    Parameters
    ----------
    path : str or Path
        A UTF-8 YAML file in the guideline format.

    Returns
    -------
    Guideline

    Raises
    ------
    GuidelineError
        With one problem per mistake, each as ``file:line:column: key.path: message``.
    """
    loaded = read_yaml_file(path)
    return validate_loaded(loaded, Guideline)
