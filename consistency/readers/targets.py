"""Map the names that annotation tools give their questions to the guideline's fields.

A source's ``columns`` maps field ids to the tool's names (Label Studio
control names, Argilla question names); a field without an entry reads the
name equal to its id. Formats without question names (Prodigy, doccano,
COCO) fill the one field of the fitting kind, or the field mapped to the
tool's key.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from consistency.config import SourceConfig
from consistency.errors import ConfigError, InputError
from guidelines import Guideline

EXPORT_ROLE_KEYS = ("item", "annotator", "text", "image", "slice")
"""Keys of ``columns`` that name where an export keeps ids, the item text and the image, and the slice."""


def check_columns(source: SourceConfig, guideline: Guideline) -> None:
    """Reject a ``columns`` key that is neither a field id nor one of :data:`EXPORT_ROLE_KEYS`."""
    fields = set(guideline.field_ids())
    for key in source.columns:
        if key not in fields and key not in EXPORT_ROLE_KEYS:
            raise ConfigError(
                f"the column mapping names {key!r}, which is neither a field of the guideline "
                f"({', '.join(guideline.field_ids())}) nor one of {', '.join(EXPORT_ROLE_KEYS)}"
            )


def control_fields(source: SourceConfig, guideline: Guideline) -> dict[str, str]:
    """Map each tool question name to the field id that reads it.

    Explicit entries of ``columns`` come first; a field without one reads
    the question named like the field, unless an explicit entry took it.
    """
    check_columns(source, guideline)
    mapping: dict[str, str] = {}
    for field_id in guideline.field_ids():
        name = source.columns.get(field_id)
        if name is None:
            continue
        if name in mapping:
            raise ConfigError(
                f"fields {mapping[name]!r} and {field_id!r} are both mapped to {name!r}; map each field to its own question"
            )
        mapping[name] = field_id
    for field_id in guideline.field_ids():
        if field_id not in source.columns and field_id not in mapping:
            mapping[field_id] = field_id
    return mapping


def pick_field(source: SourceConfig, guideline: Guideline, key: str, kinds: Iterable[str], tool: str) -> str | None:
    """Choose the field that holds the tool's ``key`` (for example doccano's ``label``).

    The field mapped to ``key`` in ``columns`` wins; else a field named
    ``key``; else the only field of one of ``kinds`` not mapped elsewhere.
    Returns ``None`` when no field fits.

    Raises
    ------
    ConfigError
        When the mapped field has another kind, or several fields fit.
    """
    wanted = tuple(kinds)
    kind_of = {candidate.id: candidate.kind for candidate in guideline.fields}
    for field_id, name in source.columns.items():
        if name == key and field_id in kind_of:
            if kind_of[field_id] not in wanted:
                raise ConfigError(
                    f"field {field_id!r} is mapped to {tool}'s {key!r}, but it is a {kind_of[field_id]} field "
                    f"and {key!r} holds answers for a {' or '.join(wanted)} field"
                )
            return field_id
    free = [field_id for field_id, kind in kind_of.items() if kind in wanted and field_id not in source.columns]
    if key in free:
        return key
    if len(free) == 1:
        return free[0]
    if not free:
        return None
    raise ConfigError(
        f"the guideline has several {' or '.join(wanted)} fields ({', '.join(free)}) that could hold "
        f"{tool}'s {key!r}; name one with columns: {{{free[0]}: {key}}} (or --column {free[0]}={key})"
    )


def check_answer_keys(path: Path, source: SourceConfig, guideline: Guideline, keys: Iterable[str], tool: str) -> None:
    """Reject a ``columns`` entry that maps a field to a name that is not one of the tool's answer ``keys``.

    Raises
    ------
    InputError
        Naming the field, the name and the keys the tool writes.
    """
    known = tuple(keys)
    for field_id in guideline.field_ids():
        name = source.columns.get(field_id)
        if name is not None and name not in known:
            raise InputError(
                str(path),
                f"no answer key {name!r} in {tool} exports for field {field_id!r}; {tool} writes answers under "
                f"{', '.join(repr(key) for key in known)}. Fix the name in columns: {{{field_id}: ...}} "
                f"(or --column {field_id}=KEY)",
            )


def check_mapped_controls(path: Path, source: SourceConfig, guideline: Guideline, present: set[str],
                          noun: str = "control") -> None:
    """Reject a ``columns`` entry that maps a field to a control (or question) the file does not name.

    A file that names no control at all passes, since then nothing shows
    which names it would use.

    Raises
    ------
    InputError
        Naming the missing control and the ones the file has.
    """
    if not present:
        return
    for field_id in guideline.field_ids():
        name = source.columns.get(field_id)
        if name is not None and name not in present:
            raise InputError(
                str(path),
                f"no {noun} {name!r} in this file for field {field_id!r}; its {noun}s are "
                f"{', '.join(repr(known) for known in sorted(present))}. Fix the name in columns: {{{field_id}: ...}} "
                f"(or --column {field_id}=NAME)",
            )
