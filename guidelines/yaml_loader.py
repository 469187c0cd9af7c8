"""Safe YAML loading that keeps every scalar as the text written and remembers positions.

YAML loaders resolve scalars to types, so ``no`` may become ``False``, ``1``
becomes ``1`` and ``null`` becomes ``None``; label ids must not change like
that. This loader therefore composes the node tree with ruamel.yaml (YAML 1.2,
which also reads flow mappings such as ``{text: How do I upgrade?}`` that
PyYAML's YAML 1.1 scanner rejects) and builds plain Python values itself:

* every scalar becomes the ``str`` written in the file; pydantic converts the
  ones declared as numbers or booleans;
* a plain (unquoted) ``null``, ``~`` or empty value of a mapping key becomes
  ``None``; inside a sequence and as a key it stays a string, so
  ``labels: [yes, no, null]`` keeps three labels;
* duplicate keys, explicit tags other than the YAML core ones, and anchors
  that expand past :data:`MAX_NODES` nodes are errors.

The position of every node is kept in a map from its key path to the
1-based ``(line, column)`` so that later validation errors can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from guidelines.errors import GuidelineError, Problem

MAX_NODES = 100_000
"""Upper bound on the nodes built from one file, counting each alias expansion."""

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _CORE + name
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
}
_NULL_WORDS = {"null", "Null", "NULL", "~", ""}

KeyPath = tuple[str | int, ...]


@dataclass
class LoadedYaml:
    """A YAML document as plain Python values plus the position of each key path."""

    file: str
    data: Any
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: KeyPath) -> tuple[int | None, int | None]:
        """Return the position of ``path`` or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.positions.get(path[:end])
            if found is not None:
                return found
        return None, None

    def problem(self, path: KeyPath, message: str) -> Problem:
        """Build a :class:`Problem` located at ``path``."""
        line, column = self.locate(path)
        dotted = ".".join(str(part) for part in path)
        return Problem(self.file, line, column, dotted, message)


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.positions: dict[KeyPath, tuple[int, int]] = {}
        self.count = 0
        self.active: set[int] = set()

    def fail(self, node: Node, message: str, path: KeyPath = ()) -> GuidelineError:
        mark = node.start_mark
        dotted = ".".join(str(part) for part in path)
        return GuidelineError([Problem(self.file, mark.line + 1, mark.column + 1, dotted, message)])

    def build(self, node: Node, path: KeyPath, in_mapping_value: bool) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(
                node,
                f"the document expands to more than {MAX_NODES:,} values, probably through "
                "nested anchors and aliases; write the values out or reduce the aliases",
                path,
            )
        tag = _tag_text(node)
        if tag not in _ALLOWED_TAGS:
            raise self.fail(
                node,
                f"the tag {tag!r} is not allowed; guideline files may use plain YAML "
                "values only (strings, numbers, lists and mappings)",
                path,
            )
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))

        if isinstance(node, ScalarNode):
            if in_mapping_value and node.style is None and node.value in _NULL_WORDS:
                return None
            if node.style == ">":
                # ruamel.yaml's round-trip composer marks folded line breaks with BEL
                # characters, which its own constructor removes; so does this builder.
                return str(node.value).replace("\a", "")
            return str(node.value)

        if id(node) in self.active:
            raise self.fail(node, "an alias refers to a node that contains it; remove the loop", path)
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [
                    self.build(child, path + (index,), in_mapping_value=False)
                    for index, child in enumerate(node.value)
                ]
            if isinstance(node, MappingNode):
                return self.build_mapping(node, path)
        finally:
            self.active.discard(id(node))
        raise self.fail(node, f"unsupported YAML node {type(node).__name__}", path)

    def build_mapping(self, node: MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if _tag_text(key_node) == _CORE + "merge":
                merged.update(self.build_merge(value_node, path))
                continue
            if not isinstance(key_node, ScalarNode):
                raise self.fail(key_node, "mapping keys must be plain text, not lists or mappings", path)
            key = str(key_node.value)
            if key in result:
                first_line = self.positions.get(path + (key,), (0, 0))[0]
                raise self.fail(
                    key_node,
                    f"duplicate key {key!r} (first defined on line {first_line}); "
                    "each key may appear once in a mapping",
                    path + (key,),
                )
            child_path = path + (key,)
            self.positions[child_path] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child_path, in_mapping_value=True)
        for key, value in merged.items():
            result.setdefault(key, value)
        return result

    def build_merge(self, node: Node, path: KeyPath) -> dict[str, Any]:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        merged: dict[str, Any] = {}
        for source in sources:
            if not isinstance(source, MappingNode):
                raise self.fail(source, "a merge key '<<' must refer to a mapping", path)
            for key, value in self.build_mapping(source, path).items():
                merged.setdefault(key, value)
        return merged


def _tag_text(node: Node) -> str:
    # ruamel.yaml 0.18+ wraps tags in a Tag object; older releases use str.
    tag = node.tag
    return str(getattr(tag, "value", tag))


def parse_yaml(text: str, file: str) -> LoadedYaml:
    """Parse one YAML document from ``text``.

    Parameters
    ----------
    text : str
        The document.
    file : str
        Name used in error messages.

    Returns
    -------
    LoadedYaml
        Plain values (dicts, lists, strings and ``None``) and their positions.

    Raises
    ------
    GuidelineError
        On a syntax error, a duplicate key, a forbidden tag, more than one
        document, or aliases that expand too far.

    Examples
    --------
    >>> loaded = parse_yaml("labels: [yes, no, 1, null]\\nnote: null", "g.yaml")
    >>> loaded.data
    {'labels': ['yes', 'no', '1', 'null'], 'note': None}
    >>> loaded.positions[("labels", 1)]
    (1, 15)
    """
    try:
        documents = list(YAML(typ="rt", pure=True).compose_all(text))
    except MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        reason = error.problem or "invalid YAML"
        if error.context:
            reason = f"{error.context}: {reason}"
        if "'\\t'" in reason:
            reason += "; indent with spaces, because YAML does not allow tabs for indentation"
        raise GuidelineError([Problem(file, line, column, "", f"invalid YAML, {reason}")]) from None
    except YAMLError as error:
        raise GuidelineError([Problem(file, None, None, "", f"invalid YAML, {error}")]) from None

    documents = [document for document in documents if document is not None]
    if not documents:
        raise GuidelineError([Problem(file, 1, 1, "", "the file is empty; expected a YAML mapping")])
    if len(documents) > 1:
        mark = documents[1].start_mark
        raise GuidelineError(
            [Problem(file, mark.line + 1, mark.column + 1, "", "the file holds more than one YAML document; keep one")]
        )

    builder = _Builder(file)
    data = builder.build(documents[0], (), in_mapping_value=True)
    return LoadedYaml(file=file, data=data, positions=builder.positions)


def read_yaml_file(path: str | Path) -> LoadedYaml:
    """Read and parse a UTF-8 YAML file; see :func:`parse_yaml`.

    Raises
    ------
    GuidelineError
        When the file is missing, unreadable, not UTF-8 or not valid YAML.
    """
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise GuidelineError([Problem(name, None, None, "", "file not found")]) from None
    except OSError as error:
        raise GuidelineError([Problem(name, None, None, "", f"cannot read the file: {error.strerror}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise GuidelineError(
            [Problem(name, line, None, "", f"the file is not valid UTF-8 (byte {error.start}); save it as UTF-8")]
        ) from None
    return parse_yaml(text, name)
