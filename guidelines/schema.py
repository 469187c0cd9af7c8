"""JSON Schema of the guideline file, as written in YAML, for editors that validate while typing.

The pydantic models describe guidelines after loading: fields and labels as
lists with an ``id``. The YAML file writes them as mappings keyed by id, and
allows short forms (a list of label ids, a bare definition, ``min: 3`` as
``3``). :func:`guideline_schema` starts from the models' schema and rewrites
those places so the schema accepts exactly the file forms the loader accepts.
Scalars that the loader reads as label ids (``yes``, ``1``, ``null``) are
allowed as any scalar, because an editor resolves them as booleans, numbers
or null.
"""

from __future__ import annotations

import copy
from typing import Any

from guidelines.model import SEMVER, Guideline

SCALAR: dict[str, Any] = {"type": ["string", "number", "boolean", "null"]}
"""Any YAML scalar: the loader keeps the text, whatever type an editor resolves."""


def _without_id(definition: dict[str, Any]) -> None:
    definition.get("properties", {}).pop("id", None)
    required = [name for name in definition.get("required", []) if name != "id"]
    if required:
        definition["required"] = required
    else:
        definition.pop("required", None)


def _keyed(item: dict[str, Any], scalar_short_form: bool) -> dict[str, Any]:
    """Build the schema of a list of ids (or full entries) or a mapping id -> entry, as the loader accepts."""
    body: list[dict[str, Any]] = [item, {"type": "null"}]
    if scalar_short_form:
        body.append({"type": "string"})
    return {
        "anyOf": [
            {"type": "array", "items": {"anyOf": [SCALAR, item]}},
            {"type": "object", "additionalProperties": {"anyOf": body}},
        ]
    }


def guideline_schema() -> dict[str, Any]:
    """Build the JSON Schema (draft 2020-12) of a guideline YAML file.

    Examples
    --------
    >>> schema = guideline_schema()
    >>> schema["properties"]["fields"]["type"]
    'object'
    >>> "id" in schema["$defs"]["Label"]["properties"]
    False
    """
    schema = copy.deepcopy(Guideline.model_json_schema())
    definitions: dict[str, Any] = schema["$defs"]
    field_union = schema["properties"]["fields"]["items"]
    schema["properties"]["fields"] = {"type": "object", "minProperties": 1, "additionalProperties": field_union}
    schema["properties"]["labelcheck"] = {"const": 1, "description": "Version of the guideline format."}
    schema["properties"]["version"]["pattern"] = SEMVER.pattern

    for name in ("Label", "SpecialAnswer"):
        _without_id(definitions[name])
    label = definitions["Label"]["properties"]
    label["aliases"] = {"type": "array", "items": SCALAR}
    for key in ("replaced_by", "parent"):
        label[key] = SCALAR
    example_item = {"anyOf": [{"$ref": "#/$defs/Example"}, {"type": "string"}]}
    for key in ("examples", "counter_examples"):
        label[key] = {"type": "array", "items": example_item}
    definitions["Example"]["properties"]["label"] = SCALAR
    definitions["SpecialAnswer"]["properties"]["aliases"] = {"type": "array", "items": SCALAR}

    for definition in definitions.values():
        properties = definition.get("properties", {})
        if "kind" not in properties:
            continue
        _without_id(definition)
        if "labels" in properties:
            properties["labels"] = _keyed({"$ref": "#/$defs/Label"}, scalar_short_form=True)
        if "special" in properties:
            properties["special"] = _keyed({"$ref": "#/$defs/SpecialAnswer"}, scalar_short_form=False)
        if "annotations_per_item" in properties:
            properties["annotations_per_item"] = {
                "anyOf": [{"$ref": "#/$defs/CountRange"}, {"type": "integer", "minimum": 0}, {"type": "null"}]
            }
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "labelcheck guideline"
    return schema
