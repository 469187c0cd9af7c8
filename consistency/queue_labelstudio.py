"""The adjudication queue as a Label Studio import file.

One task per conflicting item, worst first. ``data.text`` is the item's
text (the item id when no input carried the text), ``data.item`` the item
id and ``data.conflicts`` the rank, field, consensus and disagreement of
each conflicting field. Every annotator's answers become one prediction
whose ``model_version`` is the annotator, so that Label Studio shows them
side by side and an adjudicator can accept one.

Results name the control after the field id (``from_name``) and the object
tag ``text`` (``to_name``), so the Label Studio project should use a
``<Text name="text" value="$text"/>`` tag and controls named like the
guideline's fields: ``<Choices>`` for single, ordinal and multi fields
(``choice="multiple"`` for multi), ``<Rating>`` for whole-number ratings
and ``<Number>`` for others.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from consistency.prepare import MULTI_JOIN
from consistency.result import Conflict

OBJECT_TAG = "text"


def _result(field_id: str, kind: str, answer: str) -> dict[str, Any]:
    if kind == "rating":
        number = float(answer)
        if number.is_integer():
            return {"from_name": field_id, "to_name": OBJECT_TAG, "type": "rating", "value": {"rating": int(number)}}
        return {"from_name": field_id, "to_name": OBJECT_TAG, "type": "number", "value": {"number": number}}
    choices = [part for part in answer.split(MULTI_JOIN) if part] if kind == "multi" else [answer]
    return {"from_name": field_id, "to_name": OBJECT_TAG, "type": "choices", "value": {"choices": choices}}


def labelstudio_tasks(conflicts: list[Conflict], kinds: dict[str, str], texts: dict[str, str]) -> list[dict[str, Any]]:
    """Build the import tasks for ``conflicts`` (already ranked).

    Parameters
    ----------
    conflicts : list of Conflict
    kinds : dict
        Field id -> field kind, for the result type of each answer.
    texts : dict
        Item id -> item text, for the items whose inputs carried it.
    """
    tasks: dict[str, dict[str, Any]] = {}
    answers: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for rank, conflict in enumerate(conflicts, start=1):
        task = tasks.get(conflict.item)
        if task is None:
            task = {"data": {"text": texts.get(conflict.item, conflict.item), "item": conflict.item, "conflicts": []},
                    "predictions": []}
            tasks[conflict.item] = task
            answers[conflict.item] = {}
        task["data"]["conflicts"].append({
            "rank": rank, "field": conflict.field, "consensus": conflict.consensus, "tie": conflict.tie,
            "disagreement": conflict.disagreement, "gold": conflict.gold,
        })
        kind = kinds.get(conflict.field, "single")
        for annotator, answer in sorted(conflict.labels.items()):
            answers[conflict.item].setdefault(annotator, []).append(_result(conflict.field, kind, answer))
    for item, task in tasks.items():
        task["predictions"] = [
            {"model_version": annotator, "result": results} for annotator, results in answers[item].items()
        ]
    return list(tasks.values())


def write_labelstudio_queue(conflicts: list[Conflict], path: Path, kinds: dict[str, str],
                            texts: dict[str, str]) -> None:
    """Write the Label Studio import file of ``conflicts`` to ``path``."""
    tasks = labelstudio_tasks(conflicts, kinds, texts)
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
