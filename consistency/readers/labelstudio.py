"""Label Studio's full JSON export: a list of tasks, each with its annotations and predictions.

- The item id is the task ``id`` (or the ``data`` key mapped to ``item``).
- The annotator is ``completed_by``: a user id, or an object whose
  ``email`` (else ``id``) is used.
- Annotations with ``was_cancelled`` (or the older ``skipped``) are counted
  as skipped, never as votes. ``drafts`` are counted as skipped.
- A ``ground_truth`` annotation gives gold values. When its user also has
  annotations without ``ground_truth`` in the file, it is that annotator's
  vote as well. A user whose every annotation is ground truth (a reviewer)
  gives gold only, and such records are counted as ``gold_records``.
- ``predictions`` become model predictions named after their ``model_version``.
- Control names map to fields through the source's ``columns``; a field
  mapped to a control that no result in the file names is an error.
- Relations between regions are kept as read and counted as ignored,
  because no check reads them.

The findings' ``line`` is the task's position in the array (1-based).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from consistency.config import SourceConfig
from consistency.errors import InputError
from consistency.readers.builder import RecordBuilder
from consistency.readers.jsonfiles import Loaded, load_text, parse_document
from consistency.readers.labelstudio_values import (
    Annotation,
    add_answers,
    add_relations,
    results_from_full,
)
from consistency.readers.records import (
    ExportRead,
    file_annotator,
    label_text,
    record_item,
)
from consistency.readers.targets import check_mapped_controls, control_fields
from guidelines import REGION_KINDS, Guideline

ANNOTATOR_HINT = (
    "Label Studio annotations without completed_by; export from a project where every annotation "
    "has its user, or set annotator_from_file when each file holds one annotator"
)
_LOCATION_PREFIXES = ("http://", "https://", "/", "s3://", "gs://", "azure-blob://", "data:")


def completed_by(annotation: dict[str, Any]) -> Any:
    """Return the annotator of an annotation: ``completed_by`` as id, or its ``email`` (else ``id``) when an object."""
    user = annotation.get("completed_by")
    if isinstance(user, dict):
        return user.get("email") or user.get("id")
    return user


def task_text(data: dict[str, Any], source: SourceConfig) -> tuple[str | None, str | None]:
    """Return the item text of a task and its data key.

    The text is under the key mapped to ``text``, else ``text``, else the
    only string that is no URL or path; ``(None, None)`` when none fits.
    """
    key = source.columns.get("text")
    if key is None:
        if isinstance(data.get("text"), str):
            key = "text"
        else:
            strings = [name for name, value in data.items()
                       if isinstance(value, str) and not value.startswith(_LOCATION_PREFIXES)]
            key = strings[0] if len(strings) == 1 else None
    value = data.get(key) if key is not None else None
    return (value, key) if isinstance(value, str) else (None, None)


def task_image(data: dict[str, Any], source: SourceConfig) -> str | None:
    """Return the image reference of a task: the key mapped to ``image``, else ``image``."""
    value = data.get(source.columns.get("image", "image"))
    return value if isinstance(value, str) else None


def region_fields(guideline: Guideline, controls: dict[str, str], present: set[str], source: SourceConfig) -> set[str]:
    """Return the span and box fields whose control appears in the file or is mapped explicitly."""
    fields = set()
    for name, field_id in controls.items():
        if guideline.field(field_id).kind in REGION_KINDS and (name in present or field_id in source.columns):
            fields.add(field_id)
    return fields


def _annotation_lists(task: dict[str, Any]) -> list[Any]:
    annotations = task.get("annotations")
    if annotations is None:
        annotations = task.get("completions")
    return annotations if isinstance(annotations, list) else []


def _controls_present(tasks: list[Any]) -> set[str]:
    present: set[str] = set()
    for task in tasks:
        if not isinstance(task, dict):
            continue
        entries = [*_annotation_lists(task), *(task.get("predictions") or [])]
        for entry in entries:
            results = entry.get("result") if isinstance(entry, dict) else None
            for result in results if isinstance(results, list) else []:
                if isinstance(result, dict) and result.get("from_name") is not None:
                    present.add(str(result["from_name"]))
    return present


def _ground_truth_only(tasks: list[Any], builder: RecordBuilder) -> set[str | None]:
    """Return the users whose every annotation in the file is marked ``ground_truth``."""
    truth: set[str | None] = set()
    voters: set[str | None] = set()
    for task in tasks:
        for annotation in _annotation_lists(task) if isinstance(task, dict) else []:
            if isinstance(annotation, dict):
                user = builder.annotator(completed_by(annotation))
                (truth if annotation.get("ground_truth") else voters).add(user)
    return truth - voters


def read_labelstudio(path: Path, source: SourceConfig, guideline: Guideline, loaded: Loaded | None = None) -> ExportRead:
    """Read a Label Studio JSON export (``format: labelstudio``).

    Raises
    ------
    InputError
        When the file is not a JSON array of tasks, or a field is mapped
        to a control that the file does not name.
    """
    loaded = loaded or load_text(path)
    document = parse_document(loaded)
    if isinstance(document, dict) and isinstance(document.get("tasks"), list):
        document = document["tasks"]
    if not isinstance(document, list):
        raise InputError(str(path), "expected a Label Studio JSON export: an array of tasks with data and annotations")
    controls = control_fields(source, guideline)
    present = _controls_present(document)
    check_mapped_controls(path, source, guideline, present)
    regions = region_fields(guideline, controls, present, source)
    builder = RecordBuilder(str(path), "labelstudio", file_annotator(path, source.annotator_from_file, False))
    reviewers = _ground_truth_only(document, builder)
    item_key = source.columns.get("item")

    for line, task in enumerate(document, start=1):
        if not isinstance(task, dict):
            raise InputError(str(path), "expected a JSON object per task", line)
        raw_data = task.get("data")
        data: dict[str, Any] = raw_data if isinstance(raw_data, dict) else {}
        item = record_item(data.get(item_key) if item_key else task.get("id"), item_key, line)
        text, text_key = task_text(data, source)
        builder.item(line, item, text, task_image(data, source))

        for annotation in _annotation_lists(task):
            builder.records += 1
            if not isinstance(annotation, dict):
                builder.skip("not a JSON object")
                continue
            if annotation.get("was_cancelled") or annotation.get("skipped"):
                builder.skip("cancelled")
                continue
            annotator = builder.annotator(completed_by(annotation))
            results, relations = results_from_full(annotation.get("result") or [], builder)
            if annotation.get("ground_truth") and annotator in reviewers:
                builder.gold_records += 1
                target = Annotation(line, item, annotator, "gold", data_key=text_key)
                # A reviewer who leaves a control empty gives no gold value for it.
                add_answers(builder, guideline, controls, results, target, set())
            else:
                builder.vote(line, item, annotator, ANNOTATOR_HINT)
                target = Annotation(line, item, annotator, also_gold=bool(annotation.get("ground_truth")),
                                    data_key=text_key)
                add_answers(builder, guideline, controls, results, target, regions)
            add_relations(builder, relations, line, item, annotator, target.role)

        for prediction in task.get("predictions") or []:
            if not isinstance(prediction, dict):
                builder.ignore("prediction that is not a JSON object")
                continue
            model = label_text(prediction.get("model_version")) or "model"
            results, relations = results_from_full(prediction.get("result") or [], builder)
            # A model that predicts no regions for a control may not predict that control at all.
            add_answers(builder, guideline, controls, results,
                        Annotation(line, item, model, "predictions", data_key=text_key), set())
            add_relations(builder, relations, line, item, model, "predictions")

        drafts = task.get("drafts")
        if isinstance(drafts, list) and drafts:
            builder.records += len(drafts)
            builder.skip("draft", len(drafts))
    return builder.build(len(document))
