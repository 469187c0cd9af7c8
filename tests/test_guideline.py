"""Loading guideline files: strings stay strings, mistakes are located, YAML is loaded safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from guidelines import GuidelineError, MultiField, RatingField, SingleField, load_guideline
from tests.conftest import write

HEADER = "labelcheck: 1\nname: demo\nversion: 1.0.0\n"


def load(tmp_path: Path, body: str) -> object:
    return load_guideline(write(tmp_path / "guideline.yaml", HEADER + body))


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(GuidelineError) as caught:
        load_guideline(write(tmp_path / "guideline.yaml", text))
    return [str(problem) for problem in caught.value.problems]


def test_label_ids_stay_strings(tmp_path: Path) -> None:
    guideline = load(tmp_path, "fields:\n  answer:\n    kind: single\n    labels: [yes, no, 1, null, None, NA, on, '~']\n")
    field = guideline.field("answer")  # type: ignore[attr-defined]
    assert field.label_ids() == ["yes", "no", "1", "null", "None", "NA", "on", "~"]


def test_long_form_keys_stay_strings(tmp_path: Path) -> None:
    guideline = load(
        tmp_path,
        "fields:\n  answer:\n    kind: single\n    labels:\n      no: {definition: Not at all.}\n"
        "      None:\n      1: Plain definition.\n",
    )
    field = guideline.field("answer")  # type: ignore[attr-defined]
    assert field.label_ids() == ["no", "None", "1"]
    assert field.labels[0].definition == "Not at all."
    assert field.labels[2].definition == "Plain definition."


def test_design_example_loads(tmp_path: Path) -> None:
    guideline = load(
        tmp_path,
        """title: Customer support intents
fields:
  intent:
    kind: single
    required: true
    labels:
      billing:
        title: Billing
        definition: Disputes or questions about charges.
        include: [mentions an invoice, a refund or a price change]
        exclude: [plan changes with no charge involved -> account]
        aliases: [bill, invoice]
        examples: [{text: I was charged twice this month}]
        counter_examples: [{text: How do I upgrade?, label: account, why: no charge yet}]
      account: {definition: "Login, profile and plan changes."}
    special:
      cant_tell: {meaning: unsure, agreement: missing}
    agreement: {coefficient: krippendorff_alpha, level: nominal, warn_below: 0.8, fail_below: 0.667}
    annotations_per_item: {min: 3}
  severity:
    kind: rating
    min: 1
    max: 5
    step: 1
""",
    )
    intent = guideline.field("intent")  # type: ignore[attr-defined]
    severity = guideline.field("severity")  # type: ignore[attr-defined]
    assert isinstance(intent, SingleField)
    assert intent.spellings()["invoice"] == "billing"
    assert intent.labels[0].counter_examples[0].text == "How do I upgrade?"
    assert intent.agreement.fail_below == 0.667
    assert intent.annotations_per_item is not None and intent.annotations_per_item.min == 3
    assert isinstance(severity, RatingField)
    assert severity.level == "interval"


def test_ordinal_level_and_multi_bounds(tmp_path: Path) -> None:
    guideline = load(
        tmp_path,
        "fields:\n  size:\n    kind: ordinal\n    labels: [small, medium, large]\n"
        "  tags:\n    kind: multi\n    labels: [a, b]\n    min_labels: 1\n    max_labels: 2\n",
    )
    assert guideline.field("size").level == "ordinal"  # type: ignore[attr-defined]
    assert isinstance(guideline.field("tags"), MultiField)  # type: ignore[attr-defined]


def test_malformed_yaml_is_located(tmp_path: Path) -> None:
    found = problems(tmp_path, HEADER + "fields:\n  a: [1, 2\n")
    assert len(found) == 1
    assert "guideline.yaml:" in found[0]
    assert "invalid YAML" in found[0]


def test_duplicate_key_rejected(tmp_path: Path) -> None:
    found = problems(tmp_path, HEADER + "fields:\n  a: {kind: single, labels: [x]}\n  a: {kind: single, labels: [y]}\n")
    assert found == [f"{tmp_path / 'guideline.yaml'}:6:3: fields.a: duplicate key 'a' (first defined on line 5); each key may appear once in a mapping"]


def test_unknown_key_is_located(tmp_path: Path) -> None:
    found = problems(tmp_path, HEADER + "fields:\n  a:\n    kind: single\n    labels:\n      x: {definitoin: typo}\n")
    assert len(found) == 1
    assert ":8:11: fields.a.labels.x.definitoin: unknown key" in found[0]


def test_unknown_top_level_key(tmp_path: Path) -> None:
    found = problems(tmp_path, HEADER + "feilds: {}\nfields:\n  a: {kind: single, labels: [x]}\n")
    assert any(":4:1: feilds: unknown key" in line for line in found)


def test_aliases_and_special_ids_stay_strings(tmp_path: Path) -> None:
    guideline = load(
        tmp_path,
        "fields:\n  a:\n    kind: single\n    labels:\n      x: {aliases: [null, no]}\n"
        "    special:\n      NA: {meaning: not applicable}\n",
    )
    field = guideline.field("a")  # type: ignore[attr-defined]
    assert field.labels[0].aliases == ["null", "no"]
    assert field.special[0].id == "NA"


def test_python_tag_rejected(tmp_path: Path) -> None:
    found = problems(tmp_path, HEADER + "title: !!python/object/apply:os.system [echo hi]\nfields: {}\n")
    assert any("is not allowed" in line for line in found)


def test_alias_bomb_rejected(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for index, name in enumerate("bcdefg"):
        previous = "abcdefg"[index]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    found = problems(tmp_path, "\n".join(lines) + "\n")
    assert any("expands to more than" in line for line in found)


def test_empty_file_rejected(tmp_path: Path) -> None:
    assert "the file is empty" in problems(tmp_path, "")[0]


def test_not_utf8_rejected(tmp_path: Path) -> None:
    path = tmp_path / "guideline.yaml"
    path.write_bytes(HEADER.encode() + "title: caf\xe9\n".encode("latin-1"))
    with pytest.raises(GuidelineError, match="not valid UTF-8"):
        load_guideline(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GuidelineError, match="file not found"):
        load_guideline(tmp_path / "absent.yaml")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("fields:\n  a: {kind: rating, min: 5, max: 1}\n", "must be below max"),
        ("fields:\n  a: {kind: rating, min: 0, max: 10, step: 3}\n", "not a whole number of steps"),
        ("fields:\n  a: {kind: single, labels: [x, y], agreement: {warn_below: 0.5, fail_below: 0.7}}\n", "must be the lower one"),
        ("fields:\n  a: {kind: single, labels: [x, y]}\n  b: {kind: text}\n", "not supported by this version"),
        ("fields:\n  a: {kind: single, labels: {x: {aliases: [y]}, y: {}}}\n", "must be unique within a field"),
        ("fields:\n  a: {kind: ordinal, labels: [lo, hi], special: {skip: {agreement: category}}}\n", "ordinal scale"),
        ("fields:\n  a: {kind: single, labels: [x], agreement: {coefficient: cronbach_alpha}}\n", "invalid value 'cronbach_alpha'"),
        ("fields:\n  a: {kind: single, labels: [x], agreement: {weights: cubic}}\n", "invalid value 'cubic'"),
        ("fields:\n  item: {kind: single, labels: [x]}\n", "reserved"),
        ("fields:\n  a: {labels: [x]}\n", "has no kind"),
    ],
)
def test_invalid_guideline_rejected(tmp_path: Path, body: str, message: str) -> None:
    found = problems(tmp_path, HEADER + body)
    assert any(message in line for line in found), found


def test_wrong_version_format(tmp_path: Path) -> None:
    found = problems(tmp_path, "labelcheck: 1\nname: demo\nversion: 2.1\nfields:\n  a: {kind: single, labels: [x]}\n")
    assert any("version: expected a semantic version" in line for line in found)


def test_future_format_rejected(tmp_path: Path) -> None:
    found = problems(tmp_path, "labelcheck: 2\nname: demo\nversion: 1.0.0\nfields:\n  a: {kind: single, labels: [x]}\n")
    assert any("reads guideline format 1" in line for line in found)
