"""The adjudication queue as a Label Studio import file.

One task per conflicting item, worst first. The item's text (the item id
when no input carried the text) is under the data key the input read it
from, ``text`` by default. ``data.item`` is the item id and
``data.conflicts`` lists the rank, field, consensus and disagreement of
each conflicting field. Every annotator's answers become one prediction whose
``model_version`` is the annotator, so that Label Studio shows them side
by side and an adjudicator can accept one.

Each result names its control (``from_name``) and object tag
(``to_name``) as the project's labeling config does, so that Label Studio
accepts the predictions for that config:

- when the input was a Label Studio export, the names its results used
  (JSON-MIN and CSV exports give the control but not the object tag);
- otherwise the field id as the control and ``text`` as the object tag.

``--queue-to-name NAME`` sets the object tag of every result. The
controls are ``<Choices>`` for single, ordinal and multi fields
(``choice="multiple"`` for multi), ``<Rating>`` for whole-number ratings
and ``<Number>`` for others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from consistency.prepare import MULTI_JOIN
from consistency.readers.records import ToolNames
from consistency.result import Conflict

OBJECT_TAG = "text"
"""Object tag (``to_name``) of the results when neither the input nor the user names one."""


@dataclass(frozen=True)
class QueueNames:
    """The Label Studio names that the queue's results use.

    ``controls`` maps field ids to the names a Label Studio export gave
    them. ``object_tag`` is the user's ``to_name`` for every result, and it
    wins over the export's.
    """

    controls: dict[str, ToolNames] = field(default_factory=dict)
    object_tag: str | None = None

    def names(self, field_id: str) -> tuple[str, str]:
        """Return ``(from_name, to_name)`` for the results of ``field_id``."""
        known = self.controls.get(field_id)
        control = known.control if known is not None else field_id
        tag = self.object_tag or (known.object_tag if known is not None else None) or OBJECT_TAG
        return control, tag

    def data_key(self) -> str:
        """Return the data key of the item text: the one the Label Studio export used, else ``text``."""
        keys = sorted({names.data_key for names in self.controls.values() if names.data_key})
        return keys[0] if keys else OBJECT_TAG


def _result(field_id: str, kind: str, answer: str, names: QueueNames) -> dict[str, Any]:
    control, tag = names.names(field_id)
    if kind == "rating":
        number = float(answer)
        if number.is_integer():
            return {"from_name": control, "to_name": tag, "type": "rating", "value": {"rating": int(number)}}
        return {"from_name": control, "to_name": tag, "type": "number", "value": {"number": number}}
    choices = [part for part in answer.split(MULTI_JOIN) if part] if kind == "multi" else [answer]
    return {"from_name": control, "to_name": tag, "type": "choices", "value": {"choices": choices}}


def labelstudio_tasks(conflicts: list[Conflict], kinds: dict[str, str], texts: dict[str, str],
                      names: QueueNames | None = None) -> list[dict[str, Any]]:
    """Build the import tasks for ``conflicts`` (already ranked).

    Parameters
    ----------
    conflicts : list of Conflict
    kinds : dict
        Field id -> field kind, for the result type of each answer.
    texts : dict
        Item id -> item text, for the items whose inputs carried it.
    names : QueueNames, optional
        The control and object tag names of the results.
    """
    names = names or QueueNames()
    text_key = names.data_key()
    tasks: dict[str, dict[str, Any]] = {}
    answers: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for rank, conflict in enumerate(conflicts, start=1):
        task = tasks.get(conflict.item)
        if task is None:
            data = {text_key: texts.get(conflict.item, conflict.item), "item": conflict.item, "conflicts": []}
            task = {"data": data, "predictions": []}
            tasks[conflict.item] = task
            answers[conflict.item] = {}
        task["data"]["conflicts"].append({
            "rank": rank, "field": conflict.field, "consensus": conflict.consensus, "tie": conflict.tie,
            "disagreement": conflict.disagreement, "gold": conflict.gold,
        })
        kind = kinds.get(conflict.field, "single")
        for annotator, answer in sorted(conflict.labels.items()):
            answers[conflict.item].setdefault(annotator, []).append(_result(conflict.field, kind, answer, names))
    for item, task in tasks.items():
        task["predictions"] = [
            {"model_version": annotator, "result": results} for annotator, results in answers[item].items()
        ]
    return list(tasks.values())


def write_labelstudio_queue(conflicts: list[Conflict], path: Path, kinds: dict[str, str],
                            texts: dict[str, str], names: QueueNames | None = None) -> None:
    """Write the Label Studio import file of ``conflicts`` to ``path``."""
    tasks = labelstudio_tasks(conflicts, kinds, texts, names)
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
