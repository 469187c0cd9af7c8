"""The adjudication queue: ranked conflicts written as CSV, JSON Lines or a Label Studio import file."""

from __future__ import annotations

import csv
import json
from dataclasses import asdict
from pathlib import Path

from consistency.errors import ConfigError
from consistency.queue_labelstudio import QueueNames, write_labelstudio_queue
from consistency.result import Conflict

QUEUE_COLUMNS = ["rank", "field", "item", "consensus", "tie", "tied", "gold", "disagreement", "annotations", "votes", "labels"]


def _votes(conflict: Conflict) -> str:
    """Summarize answers as ``label: annotator, annotator; label: ...``, most frequent label first."""
    groups: dict[str, list[str]] = {}
    for annotator, label in conflict.labels.items():
        groups.setdefault(label, []).append(annotator)
    ordered = sorted(groups.items(), key=lambda pair: (-len(pair[1]), pair[0]))
    return "; ".join(f"{label}: {', '.join(annotators)}" for label, annotators in ordered)


def write_queue(conflicts: list[Conflict], path: str, kinds: dict[str, str] | None = None,
                texts: dict[str, str] | None = None, names: QueueNames | None = None) -> None:
    """Write ``conflicts`` (already ranked) to ``path``; the suffix picks CSV, JSON Lines or Label Studio.

    A ``.json`` file is a Label Studio import file (see
    :mod:`consistency.queue_labelstudio`); ``kinds`` (field id -> kind)
    and ``texts`` (item id -> text) fill its results and task texts, and
    ``names`` gives the control and object tag names of its results.

    Raises
    ------
    ConfigError
        For a suffix other than ``.csv``, ``.jsonl``, ``.ndjson`` or ``.json``.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".jsonl", ".ndjson", ".json"):
        raise ConfigError(
            f"cannot write the conflict queue as {target.name!r}; use a .csv, .jsonl or .json (Label Studio) file name"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".json":
        write_labelstudio_queue(conflicts, target, kinds or {}, texts or {}, names)
        return
    if suffix == ".csv":
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(QUEUE_COLUMNS)
            for rank, conflict in enumerate(conflicts, start=1):
                writer.writerow([
                    rank, conflict.field, conflict.item, conflict.consensus or "", conflict.tie,
                    "|".join(conflict.tied), conflict.gold or "", f"{conflict.disagreement:.6f}",
                    conflict.annotations, _votes(conflict), json.dumps(conflict.labels, ensure_ascii=False),
                ])
        return
    with target.open("w", encoding="utf-8") as handle:
        for rank, conflict in enumerate(conflicts, start=1):
            handle.write(json.dumps({"rank": rank, **asdict(conflict)}, ensure_ascii=False) + "\n")
