"""The adjudication queue: ranked conflicts written as CSV or JSON Lines for adjudicators."""

from __future__ import annotations

import csv
import json
from dataclasses import asdict
from pathlib import Path

from consistency.errors import ConfigError
from consistency.result import Conflict

QUEUE_COLUMNS = ["rank", "field", "item", "consensus", "tie", "tied", "gold", "disagreement", "annotations", "votes", "labels"]


def _votes(conflict: Conflict) -> str:
    """Summarize answers as ``label: annotator, annotator; label: ...``, most frequent label first."""
    groups: dict[str, list[str]] = {}
    for annotator, label in conflict.labels.items():
        groups.setdefault(label, []).append(annotator)
    ordered = sorted(groups.items(), key=lambda pair: (-len(pair[1]), pair[0]))
    return "; ".join(f"{label}: {', '.join(annotators)}" for label, annotators in ordered)


def write_queue(conflicts: list[Conflict], path: str) -> None:
    """Write ``conflicts`` (already ranked) to ``path``; the suffix picks CSV or JSON Lines.

    Raises
    ------
    ConfigError
        For a suffix other than ``.csv``, ``.jsonl`` or ``.ndjson``.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".jsonl", ".ndjson"):
        raise ConfigError(f"cannot write the conflict queue as {target.name!r}; use a .csv or .jsonl file name")
    target.parent.mkdir(parents=True, exist_ok=True)
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
