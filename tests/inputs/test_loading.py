"""Loading frameworks and assessments (SPEC §2, §2.1, §2.2, §5): every error located."""

from __future__ import annotations

import codecs
import os
import unicodedata
from pathlib import Path

import pytest

from parindex.core.models import Framework
from parindex.errors import InputError, Problem
from parindex.i18n import using
from parindex.inputs.discovery import Request
from parindex.inputs.documents.loading import LoadedFramework, build_assessment, build_framework
from parindex.inputs.documents.yamlbuild import MAX_EXPANDED_NODES, YamlDocument
from parindex.inputs.documents.yamlfile import parse_yaml
from parindex.inputs.gather import gather

UNIT_HEAD = """\
unit: {id: u1, name: Sở Nội vụ, group: department}
framework: mini-2025
answers:
"""

# One answer for every `self` leaf of MINI_FRAMEWORK: loads with no problem at all.
COMPLETE = {
    "1.1": '{value: on_time, self_points: 1, evidence: ["KH 1/KH-SNV"]}',
    "1.2": "{value: 95, self_points: 2}",
    "1.10": "{value: có}",
    "2.1": "{value: {numerator: 96, denominator: 100}}",
    "2.2": "{value: 1}",
    "2.3": "{value: 1.5}",
}


def unit_text(changes: dict[str, str | None] | None = None, head: str = UNIT_HEAD) -> str:
    """An assessment of MINI_FRAMEWORK: COMPLETE with some answers changed (None drops one)."""
    answers = {**COMPLETE, **(changes or {})}
    return head + "".join(
        f'  "{key}": {body}\n' for key, body in answers.items() if body is not None
    )


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing `needle`."""
    hits = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) >= nth, f"{needle!r} not in the text"
    return hits[nth - 1]


def parse(text: str | bytes, path: str = "f.yaml") -> YamlDocument:
    return parse_yaml(text.encode() if isinstance(text, str) else text, path)


def file_problems(raw: str | bytes, path: str = "f.yaml") -> list[Problem]:
    with pytest.raises(InputError) as caught:
        parse(raw, path)
    return caught.value.problems


def framework_problems(text: str) -> list[Problem]:
    try:
        doc = parse(text)
    except InputError as exc:
        return exc.problems
    framework, problems = build_framework(doc)
    assert (framework is None) == bool(problems)
    return problems


def one(problems: list[Problem]) -> Problem:
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1, [p.render() for p in errors]
    return errors[0]


def mutate(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.fixture
def frameworks(mini_framework: Framework) -> dict[str, LoadedFramework]:
    return {"mini-2025": LoadedFramework(mini_framework, "criteria/mini.yaml")}


def load_unit(
    text: str | bytes,
    frameworks: dict[str, LoadedFramework],
    *,
    strict: bool = False,
    path: str = "u.yaml",
):  # type: ignore[no-untyped-def]
    return build_assessment(parse(text, path), frameworks, strict=strict)


# --- ids are read exactly -----------------------------------------------------------------------

IDS_FRAMEWORK = """\
framework: ids
title: Ids
group: g
criteria:
  - id: 1
    name: Field
    criteria:
      - id: 1.1
        name: One point one
        max: 1
        rule: {kind: boolean}
      - id: 1.10
        name: One point ten
        max: 1
        rule: {kind: choice, options: {no: 0, yes: 1, 010: 0.5, 1.0: 0.25}}
      - id: 010
        name: Leading zero
        max: 1
        rule: {kind: points}
"""


def test_ids_and_option_keys_stay_the_strings_written() -> None:
    framework, problems = build_framework(parse(IDS_FRAMEWORK))
    assert problems == []
    assert framework is not None
    assert [node.id for node in framework.criteria] == ["1"]
    assert [leaf.id for leaf in framework.leaves] == ["1.1", "1.10", "010"]
    assert framework.leaf("1.1") is not framework.leaf("1.10")
    assert framework.leaf("10") is None
    rule = framework.leaves[1].criterion.rule
    assert list(rule.options) == ["no", "yes", "010", "1.0"]  # type: ignore[union-attr]


def test_unquoted_answer_ids_match_exactly() -> None:
    framework, _ = build_framework(parse(IDS_FRAMEWORK))
    assert framework is not None
    loaded = {"ids": LoadedFramework(framework, "ids.yaml")}
    text = (
        "unit: {id: 010, name: U, group: g}\nframework: ids\nanswers:\n"
        "  1.10: {value: no}\n  1.1: {value: yes}\n  010: {value: 0.5}\n"
    )
    result, problems = load_unit(text, loaded)
    assert problems == []
    assert result is not None
    assert result.unit.id == "010"
    assert set(result.claims) == {"1.1", "1.10", "010"}
    assert result.claims["1.10"].points == 0  # option `no`, not the boolean false
    assert result.claims["1.10"].shown == "no"
    assert result.claims["1.1"].points == 1
    assert result.claims["010"].points == 0.5


def test_an_answer_to_1_1_is_not_an_answer_to_1_10() -> None:
    framework, _ = build_framework(parse(IDS_FRAMEWORK))
    assert framework is not None
    loaded = {"ids": LoadedFramework(framework, "ids.yaml")}
    text = "unit: {id: u, name: U, group: g}\nframework: ids\nanswers:\n  1.1: {value: yes}\n"
    result, problems = load_unit(text, loaded)
    assert result is not None
    assert result.missing == ["1.10", "010"]
    assert [p.severity for p in problems] == ["warning", "warning"]


# --- duplicate keys -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "key", "name", "first", "second"),
    [
        ("year: 2025\n", "year: 2025\nyear: 2026\n", "year", "year", "year: 2025", "year: 2026"),
        (
            "        max: 1\n        evidence: required\n",
            "        max: 1\n        evidence: required\n        max: 2\n",
            "criteria[0].criteria[0].max",
            "max",
            "max: 1\n        evidence: required",
            "max: 2",
        ),
        (
            "            muộn: 0.5\n",
            "            muộn: 0.5\n            muộn: 1\n",
            'criteria[0].criteria[0].rule.options["muộn"]',
            "muộn",
            "muộn: 0.5",
            "muộn: 1",
        ),
    ],
)
def test_duplicate_framework_keys_name_both_lines(
    mini_yaml: str, old: str, new: str, key: str, name: str, first: str, second: str
) -> None:
    text = mutate(mini_yaml, old, new)
    problem = one(file_problems(text))
    first_line = text[: text.index(first)].count("\n") + 1
    second_line = text[: text.index(second)].count("\n") + 1
    assert problem.key == key
    assert problem.line == second_line
    assert (
        f"duplicate key {name!r}: first at line {first_line}, again at line {second_line}"
        in problem.message
    )


def test_duplicate_keys_on_one_line_are_reported(mini_yaml: str) -> None:
    text = mutate(mini_yaml, "  - {min: 70, label: C}\n", "  - {min: 70, label: C, min: 60}\n")
    problem = one(file_problems(text))
    line = line_of(text, "min: 60")
    assert (problem.line, problem.column, problem.key) == (line, 25, "bands[2].min")
    assert f"duplicate key 'min': first at line {line}" in problem.message


@pytest.mark.parametrize(
    ("body", "key", "first", "second"),
    [
        ('  "1.1": {value: on_time}\n  1.1: {value: muộn}\n', 'answers["1.1"]', 4, 5),
        ('  "2.2": {value: 1,\n    value: 2}\n', 'answers["2.2"].value', 4, 5),
    ],
)
def test_duplicate_answer_keys_name_both_lines(
    body: str, key: str, first: int, second: int
) -> None:
    problem = one(file_problems(UNIT_HEAD + body))
    assert (problem.path, problem.line, problem.key) == ("f.yaml", second, key)
    assert f"first at line {first}, again at line {second}" in problem.message


def test_every_duplicate_key_is_reported() -> None:
    text = "framework: a\nframework: b\ntitle: T\ntitle: U\n"
    problems = file_problems(text)
    assert [(p.line, p.key) for p in problems] == [(2, "framework"), (4, "title")]


# --- text encoding ------------------------------------------------------------------------------


def test_nfd_typed_text_equals_nfc(mini_yaml: str, frameworks: dict[str, LoadedFramework]) -> None:
    text = unit_text({"1.1": '{value: muộn, evidence: ["KH 1"]}'})
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    result, problems = load_unit(decomposed, frameworks)
    assert problems == []
    assert result is not None
    assert result.unit.name == unicodedata.normalize("NFC", "Sở Nội vụ")
    assert result.claims["1.1"].points == 0.5
    nfd_framework, _ = build_framework(parse(unicodedata.normalize("NFD", mini_yaml)))
    assert nfd_framework is not None
    assert nfd_framework.title == "Chỉ số thử nghiệm"


@pytest.mark.parametrize("prefix", [b"", codecs.BOM_UTF8])
@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_bom_and_crlf_are_accepted(
    frameworks: dict[str, LoadedFramework], prefix: bytes, newline: bytes
) -> None:
    raw = prefix + unit_text({"1.2": "{value: abc}"}).encode().replace(b"\n", newline)
    result, problems = load_unit(raw, frameworks)
    assert result is None
    problem = one(problems)
    assert (problem.line, problem.column) == (5, 18)  # lines and columns are not shifted
    assert problem.key == 'answers["1.2"].value'
    good, problems = load_unit(prefix + unit_text().encode().replace(b"\n", newline), frameworks)
    assert problems == []
    assert good is not None
    assert good.unit.name == "Sở Nội vụ"


@pytest.mark.parametrize(
    ("raw", "where", "what"),
    [
        ("unit: Sở Nội vụ\n".encode("utf-16"), (1, 1), "UTF-16"),
        (codecs.BOM_UTF16_BE + "unit: x\n".encode("utf-16-be"), (1, 1), "UTF-16"),
        ("unit: x\n".encode("utf-16-le"), (1, 1), "save it as UTF-8"),  # UTF-16 without a BOM
        (b"framework: x\ntitle: H\xe0 N\xf4i\n", (2, 9), "byte 0xe0"),  # Windows-1258
        ("title: Café\n".encode("latin-1"), (1, 11), "byte 0xe9"),
    ],
)
def test_other_encodings_are_refused_with_save_as_utf8(
    raw: bytes, where: tuple[int, int], what: str
) -> None:
    problem = one(file_problems(raw, "x.yaml"))
    assert problem.path == "x.yaml"
    assert (problem.line, problem.column) == where
    assert what in problem.message
    assert "save it as UTF-8" in problem.message


# --- malformed YAML -----------------------------------------------------------------------------


def _bomb(levels: int) -> str:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    previous = "a"
    for name in "bcdefghijklmnop"[:levels]:
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
        previous = name
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused() -> None:
    problem = one(file_problems(_bomb(8)))  # 10^9 nodes if expanded
    assert f"expands past {MAX_EXPANDED_NODES:,} nodes through aliases" in problem.message
    assert "refused" in problem.message


def test_small_aliases_still_work() -> None:
    doc = parse(_bomb(2))  # about 1,100 nodes
    assert doc.data["c"][9][9] == ["x"] * 10


def test_a_large_document_without_aliases_is_not_a_bomb() -> None:
    doc = parse("a: [" + ", ".join(["0"] * (MAX_EXPANDED_NODES + 1)) + "]\n")
    assert len(doc.data["a"]) == MAX_EXPANDED_NODES + 1


@pytest.mark.parametrize("text", ["a: &x [*x]\n", "a: &x {b: *x}\n", "a: &x [1, [2, *x]]\n"])
def test_recursive_alias_is_refused(text: str) -> None:
    problem = one(file_problems(text))
    assert "recursive alias" in problem.message
    assert problem.line == 1


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ("unit:\n  id: x\n   name: y\n", (3, 8), "mapping values are not allowed"),
        ("a: [1, 2\n", (2, 1), "did not find expected ','"),
        ("a: 'open\n", (2, 1), "found unexpected end of stream"),
        ("a:\n\t- 1\n", (2, 1), "cannot start any token"),
        ("a: *nothing\n", (1, 4), "alias"),
        ("a: 1\n---\nb: 2\n", (2, 1), "document"),
    ],
)
def test_yaml_syntax_errors_are_located(text: str, where: tuple[int, int], what: str) -> None:
    problem = one(file_problems(text))
    assert (problem.line, problem.column) == where
    assert what in problem.message


@pytest.mark.parametrize("raw", [b"", b"\n\n", b"# only a comment\n", codecs.BOM_UTF8])
def test_empty_file(raw: bytes) -> None:
    problem = one(file_problems(raw))
    assert problem.message == "the file is empty"


@pytest.mark.parametrize(
    ("text", "got"),
    [
        ("- a\n- b\n", "a list"),
        ("just text\n", "'just text'"),
    ],
)
def test_wrong_top_level_type(text: str, got: str, frameworks: dict[str, LoadedFramework]) -> None:
    problem = one(framework_problems(text))
    assert problem.message == f"expected a mapping (key: value lines), got {got}"
    assert (problem.line, problem.column) == (1, 1)
    unit_problem = one(load_unit(text, frameworks)[1])
    assert unit_problem.message == problem.message


def test_a_yaml_file_that_is_neither_framework_nor_assessment_is_an_error(
    tmp_path: Path, mini_yaml: str
) -> None:
    (tmp_path / "criteria").mkdir()
    (tmp_path / "criteria" / "mini.yaml").write_text(mini_yaml, encoding="utf-8")
    (tmp_path / "units").mkdir()
    (tmp_path / "units" / "u1.yaml").write_text(unit_text(), encoding="utf-8")
    (tmp_path / "units" / "list.yaml").write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        gather(_request(tmp_path))
    problem = one(caught.value.problems)
    assert problem.path.endswith("list.yaml")
    assert "neither a framework" in problem.message


# --- framework consistency ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "key", "needle", "message"),
    [
        pytest.param(
            '  - id: "1"\n    name: Chỉ đạo, điều hành\n',
            '  - id: "1"\n    name: Chỉ đạo, điều hành\n    max: 5\n',
            "criteria[0].max",
            "max: 5",
            "declared max 5 does not match the sum of its sub-criteria, 4",
            id="parent-max",
        ),
        pytest.param(
            "muộn: 0.5",
            "muộn: 1.5",
            'criteria[0].criteria[0].rule.options["muộn"]',
            "muộn: 1.5",
            "option 'muộn' gives 1.5 points, outside the leaf's range 0–1",
            id="option-above-max",
        ),
        pytest.param(
            "no: 0\n",
            "no: -0.5\n",
            "criteria[0].criteria[0].rule.options.no",
            "no: -0.5",
            "option 'no' gives -0.5 points, outside the leaf's range 0–1",
            id="option-negative",
        ),
        pytest.param(
            "{above: 90, points: 2}",
            "{above: 90, points: 2.5}",
            "criteria[0].criteria[1].rule.bands[0].points",
            "points: 2.5",
            "2.5 points is outside the leaf's range 0–2",
            id="band-points",
        ),
        pytest.param(
            "rule: {kind: boolean}",
            "rule: {kind: yesno}",
            "criteria[0].criteria[2].rule",
            "kind: yesno",
            "unknown rule kind 'yesno'; allowed: boolean, choice, bands, ratio, "
            "deduction, scale, points",
            id="unknown-kind",
        ),
        pytest.param(
            "rule: {kind: boolean}",
            "rule: {max: 1}",
            "criteria[0].criteria[2].rule",
            "rule: {max: 1}",
            "a rule needs 'kind'",
            id="rule-without-kind",
        ),
        pytest.param(
            'id: "2.2"',
            'id: "2.1"',
            "criteria[1].criteria[1].id",
            ('id: "2.1"', 2),
            "duplicate criterion id '2.1': first at line {first}, again at line {second}; ids must "
            "be unique",
            id="duplicate-id",
        ),
        pytest.param(
            "        max: 1\n        rule: {kind: boolean}\n",
            "        rule: {kind: boolean}\n",
            "criteria[0].criteria[2]",
            "- id: 1.10",
            "a leaf criterion needs max (its maximum points)",
            id="leaf-without-max",
        ),
        pytest.param(
            "        max: 1\n        rule: {kind: boolean}\n",
            "        max: 1\n",
            "criteria[0].criteria[2]",
            "- id: 1.10",
            "a leaf criterion needs a rule (kind: boolean, choice",
            id="leaf-without-rule",
        ),
        pytest.param(
            '  - id: "2"\n    name: Thủ tục hành chính\n',
            '  - id: "2"\n    name: Thủ tục hành chính\n    rule: {kind: boolean}\n',
            "criteria[1].rule",
            ("rule: {kind: boolean}", 2),
            "a criterion with sub-criteria has no rule",
            id="parent-with-rule",
        ),
        pytest.param(
            "{min: 80, label: B}",
            "{min: 90, label: B}",
            "bands[1].min",
            "{min: 90, label: B}",
            "bands go from the highest min down: 90 follows 90",
            id="bands-not-descending",
        ),
        pytest.param(
            "{above: 90, points: 2}",
            "{above: 90, at_least: 95, points: 2}",
            "criteria[0].criteria[1].rule.bands[0]",
            "at_least: 95",
            "a band needs exactly one of above, at_least, at_most, below (found above, at_least)",
            id="band-two-comparisons",
        ),
        pytest.param(
            "max: 4",
            "max: four",
            "criteria[1].criteria[0].max",
            "max: four",
            "'four' is not a number",
            id="max-not-a-number",
        ),
        pytest.param(
            "max: 4",
            "max: 0",
            "criteria[1].criteria[0].max",
            "max: 0",
            "max must be positive, got 0",
            id="max-zero",
        ),
        pytest.param(
            "max: 4",
            "max: 1e30",
            "criteria[1].criteria[0].max",
            "max: 1e30",
            "less than 1E+15",
            id="max-absurd",
        ),
        pytest.param(
            "floor: -0.5",
            "floor: 1",
            "criteria[1].criteria[1].rule.floor",
            "floor: 1",
            "floor 1 must be below max 1",
            id="floor-at-max",
        ),
        pytest.param(
            "low: 1, high: 5",
            "low: 5, high: 5",
            "criteria[2].criteria[0].rule.high",
            "low: 5, high: 5",
            "low and high must differ",
            id="scale-flat",
        ),
        pytest.param(
            "full_at: 95, zero_below: 50",
            "full_at: 50, zero_below: 95",
            "criteria[1].criteria[0].rule.zero_below",
            "full_at: 50",
            "zero_below must not exceed full_at",
            id="ratio-thresholds",
        ),
        pytest.param(
            "full_at: 95",
            "full_at: 120",
            "criteria[1].criteria[0].rule.full_at",
            "full_at: 120",
            "less than or equal to 100",
            id="full-at-above-100",
        ),
        pytest.param(
            "not_applicable: full\n",
            "not_applicable: sometimes\n",
            "criteria[1].criteria[2].not_applicable",
            "sometimes",
            "'sometimes' is not allowed; expected 'forbidden', 'exclude', 'full' or 'allowed'",
            id="unknown-policy",
        ),
        pytest.param(
            "source: council",
            "source: minister",
            "criteria[2].criteria[1].source",
            "minister",
            "'minister' is not allowed",
            id="unknown-source",
        ),
        pytest.param(
            "        evidence: required\n",
            "        evidence: required\n        weight: 3\n",
            "criteria[0].criteria[0].weight",
            "weight: 3",
            "unknown key 'weight'; allowed: id, name, name_en, short_name, short_name_en, "
            "description, max, rule",
            id="extra-key",
        ),
        pytest.param(
            "{at_least: 70, points: 1}",
            "{at_least: 70, points: 1, label: Khá}",
            "criteria[0].criteria[1].rule.bands[1].label",
            "label: Khá",
            "unknown key 'label'; allowed: above, at_least, at_most, below, points",
            id="extra-key-in-band",
        ),
        pytest.param(
            "kind: choice\n",
            "kind: choice\n          default: no\n",
            "criteria[0].criteria[0].rule.default",
            "default: no",
            "unknown key 'default'; allowed: kind, options",
            id="extra-key-in-rule",
        ),
        pytest.param(
            "        adjust: bonus\n        rule: {kind: points}",
            "        adjust: bonus\n        rule: {kind: deduction, per: 0}",
            "criteria[3].criteria[0].rule.per",
            "deduction, per: 0}",
            "'0' is out of range; it must be greater than 0",
            id="deduction-per-zero",
        ),
        pytest.param(
            "        adjust: bonus\n        rule: {kind: points}",
            "        adjust: bonus\n        rule: {kind: deduction, per: -0.5}",
            "criteria[3].criteria[0].rule.per",
            "deduction, per: -0.5}",
            "-0.5' is out of range; it must be greater than 0",
            id="deduction-per-negative",
        ),
        pytest.param(
            "        adjust: bonus\n        rule: {kind: points}",
            "        adjust: bonus\n        rule: {kind: deduction, per: 1, floor: -1}",
            "criteria[3].criteria[0].adjust",
            "adjust: bonus",
            "a bonus or penalty counts positive points up to its max",
            id="bonus-below-zero",
        ),
    ],
)
def test_framework_consistency(
    mini_yaml: str, old: str, new: str, key: str, needle: str | tuple[str, int], message: str
) -> None:
    text = mutate(mini_yaml, old, new)
    problem = one(framework_problems(text))
    assert problem.path == "f.yaml"
    assert problem.key == key
    if "{first}" in message:
        first, second = line_of(text, 'id: "2.1"'), line_of(text, 'id: "2.1"', 2)
        message = message.format(first=first, second=second)
    assert message in problem.message
    assert problem.line == (
        line_of(text, needle) if isinstance(needle, str) else line_of(text, *needle)
    )


def test_every_framework_problem_is_reported_at_once(mini_yaml: str) -> None:
    text = mutate(
        mutate(mini_yaml, "muộn: 0.5", "muộn: 1.5"), "{min: 80, label: B}", "{min: 95, label: B}"
    )
    problems = framework_problems(text)
    assert sorted(p.key for p in problems) == [
        "bands[1].min",
        'criteria[0].criteria[0].rule.options["muộn"]',
    ]


def test_framework_missing_required_keys(mini_yaml: str) -> None:
    problems = framework_problems(mutate(mini_yaml, "group: department\n", ""))
    problem = one(problems)
    assert problem.message == "required key 'group' is missing"
    assert (problem.line, problem.column) == (1, 1)


def test_a_framework_without_regular_points_is_refused() -> None:
    text = (
        "framework: f\ntitle: T\ngroup: g\ncriteria:\n  - id: '9'\n    name: Bonus\n"
        "    criteria:\n      - {id: '9.1', name: B, max: 1, adjust: bonus, "
        "rule: {kind: points}}\n"
    )
    problem = one(framework_problems(text))
    assert "no regular (non-bonus, non-penalty) criteria" in problem.message


def _request(root: Path, **options: object) -> Request:
    return Request(
        paths=[str(root / "units")], criteria=str(root / "criteria"), criteria_given=True, **options
    )  # type: ignore[arg-type]


def test_duplicate_framework_ids_across_files_name_both(tmp_path: Path, mini_yaml: str) -> None:
    criteria = tmp_path / "criteria"
    criteria.mkdir()
    (criteria / "a.yaml").write_text(mini_yaml, encoding="utf-8")
    (criteria / "b.yaml").write_text(
        mini_yaml.replace("title: Chỉ số", "title: Bản sao"), encoding="utf-8"
    )
    (tmp_path / "units").mkdir()
    (tmp_path / "units" / "u1.yaml").write_text(unit_text(), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        gather(_request(tmp_path))
    problem = one(caught.value.problems)
    assert problem.path == str(criteria / "b.yaml")
    assert (problem.line, problem.key) == (1, "framework")
    assert (
        f"framework id 'mini-2025' is already defined in {criteria / 'a.yaml'}" in problem.message
    )


# --- assessments (§2.2) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "key", "message"),
    [
        pytest.param(
            {"7.7": "{value: 1}"},
            'answers["7.7"]',
            "unknown criterion '7.7' in framework 'mini-2025'",
            id="unknown-criterion",
        ),
        pytest.param(
            {"1": "{value: 1}"},
            'answers["1"]',
            "'1' has sub-criteria; answer its leaves instead: 1.1, 1.2, 1.10",
            id="answer-to-a-parent",
        ),
        pytest.param(
            {"3.1": "{value: 4}"},
            'answers["3.1"]',
            "criterion '3.1' is scored by the survey file (source: survey)",
            id="survey",
        ),
        pytest.param(
            {"3.2": "{value: 1}"},
            'answers["3.2"]',
            "criterion '3.2' is scored by the appraisal council (source: council)",
            id="council",
        ),
        pytest.param(
            {"1.1": '{value: sometimes, evidence: ["KH"]}'},
            'answers["1.1"].value',
            "'sometimes' is not an option of this criterion; "
            "allowed: “Ban hành kịp thời”, “muộn”, “no”",
            id="choice-value",
        ),
        pytest.param(
            {"1.10": "{value: maybe}"},
            'answers["1.10"].value',
            "'maybe' is not a yes/no answer",
            id="boolean-value",
        ),
        pytest.param(
            {"1.10": "{value: [yes]}"},
            'answers["1.10"].value',
            "a list is not a yes/no answer",
            id="boolean-list",
        ),
        pytest.param(
            {"1.2": "{value: lots}"},
            'answers["1.2"].value',
            "'lots' is not a number",
            id="bands-value",
        ),
        pytest.param(
            {"2.1": "{value: 5/4}"},
            'answers["2.1"].value',
            "5/4: the numerator exceeds the denominator",
            id="ratio-over",
        ),
        pytest.param(
            {"2.1": "{value: 101}"},
            'answers["2.1"].value',
            "101 is outside 0–100",
            id="ratio-percent",
        ),
        pytest.param(
            {"2.2": "{value: 1.5}"},
            'answers["2.2"].value',
            "1.5 is not a whole count",
            id="deduction-value",
        ),
        pytest.param(
            {"2.2": "{value: 1e999999999}"},
            'answers["2.2"].value',
            "is not a number",
            id="deduction-absurd",
        ),
        pytest.param(
            {"2.3": "{value: 2.5}"},
            'answers["2.3"].value',
            "2.5 is outside the range 0–2",
            id="points-value",
        ),
        pytest.param(
            {"1.10": "{not_applicable: true, reason: Không phát sinh}"},
            'answers["1.10"].not_applicable',
            "this criterion cannot be marked not applicable (its not_applicable is forbidden)",
            id="na-forbidden",
        ),
        pytest.param(
            {"2.1": "{not_applicable: true}"},
            'answers["2.1"].not_applicable',
            "not_applicable needs a reason",
            id="na-without-reason",
        ),
        pytest.param(
            {"2.1": "{not_applicable: true, reason: '  '}"},
            'answers["2.1"].not_applicable',
            "not_applicable needs a reason",
            id="na-blank-reason",
        ),
        pytest.param(
            {"2.1": "{value: 50, not_applicable: true, reason: x}"},
            'answers["2.1"].value',
            "give either a value or not_applicable: true",
            id="na-and-value",
        ),
        pytest.param(
            {"2.1": "{not_applicable: maybe, reason: x}"},
            'answers["2.1"].not_applicable',
            "'maybe' is not true/false",
            id="na-not-a-flag",
        ),
        pytest.param(
            {"1.1": "{value: on_time}"},
            'answers["1.1"]',
            "evidence is required for this criterion",
            id="evidence-missing",
        ),
        pytest.param(
            {"1.1": "{value: on_time, evidence: []}"},
            'answers["1.1"]',
            "evidence is required for this criterion",
            id="evidence-empty",
        ),
        pytest.param(
            {"1.1": "{value: on_time, evidence: '  '}"},
            'answers["1.1"]',
            "evidence is required for this criterion",
            id="evidence-blank",
        ),
        pytest.param(
            {"1.1": '{value: on_time, self_points: 1.5, evidence: ["KH"]}'},
            'answers["1.1"].self_points',
            "claimed 1.5 is outside the range 0–1",
            id="claim-above",
        ),
        pytest.param(
            {"1.2": "{value: 95, self_points: -0.1}"},
            'answers["1.2"].self_points',
            "claimed -0.1 is outside the range 0–2",
            id="claim-negative",
        ),
        pytest.param(
            {"2.2": "{value: 9, self_points: -0.75}"},
            'answers["2.2"].self_points',
            "claimed -0.75 is outside the range -0.5–1",
            id="claim-below-floor",
        ),
        pytest.param(
            {"2.2": "{value: 1, self_points: 1e30}"},
            'answers["2.2"].self_points',
            "less than 1E+15",
            id="claim-absurd",
        ),
        pytest.param(
            {"2.3": "{value: 1, self_points: lots}"},
            'answers["2.3"].self_points',
            "'lots' is not a number",
            id="claim-not-a-number",
        ),
        pytest.param(
            {"2.3": "{value: 1, comment: x}"},
            'answers["2.3"].comment',
            "unknown key 'comment'; allowed: value, self_points, evidence, "
            "not_applicable, reason, note",
            id="unknown-answer-key",
        ),
    ],
)
def test_assessment_errors_at_their_line(
    frameworks: dict[str, LoadedFramework], changes: dict[str, str], key: str, message: str
) -> None:
    text = unit_text(changes)
    result, problems = load_unit(text, frameworks)
    assert result is None
    problem = one(problems)
    assert problem.path == "u.yaml"
    assert problem.key == key
    assert message in problem.message
    (answer,) = changes
    assert problem.line == line_of(text, f'"{answer}":')


def test_a_claim_down_to_a_negative_floor_is_allowed(
    frameworks: dict[str, LoadedFramework],
) -> None:
    result, problems = load_unit(unit_text({"2.2": "{value: 6, self_points: -0.5}"}), frameworks)
    assert problems == []
    assert result is not None
    assert result.claims["2.2"].points == -0.5


def test_zero_denominator_where_not_applicable_is_forbidden(mini_yaml: str) -> None:
    framework, _ = build_framework(
        parse(mutate(mini_yaml, "        not_applicable: exclude\n", ""))
    )
    assert framework is not None
    loaded = {"mini-2025": LoadedFramework(framework, "mini.yaml")}
    text = unit_text({"2.1": "{value: 0/0}"})
    result, problems = load_unit(text, loaded)
    assert result is None
    problem = one(problems)
    assert problem.key == 'answers["2.1"].value'
    assert (
        "0/0: a denominator of 0 means it did not arise, but this criterion cannot be not "
        "applicable" in problem.message
    )


def test_zero_denominator_where_allowed_needs_no_evidence(
    frameworks: dict[str, LoadedFramework],
) -> None:
    result, problems = load_unit(unit_text({"2.1": "{value: 0/0}"}), frameworks)
    assert problems == []
    assert result is not None
    assert result.claims["2.1"].not_arisen


def test_not_applicable_answer_needs_no_evidence(frameworks: dict[str, LoadedFramework]) -> None:
    result, problems = load_unit(
        unit_text({"2.1": "{not_applicable: true, reason: Không có}"}), frameworks
    )
    assert problems == []
    assert result is not None


@pytest.mark.parametrize(
    ("text", "key", "where", "message"),
    [
        (
            unit_text().replace("group: department}", "group: commune}"),
            "unit.group",
            (1, 40),
            "group 'commune' differs from framework 'mini-2025''s group 'department'",
        ),
        (
            unit_text().replace("framework: mini-2025", "framework: mini-2024"),
            "framework",
            (2, 12),
            "unknown framework 'mini-2024'; known frameworks: mini-2025",
        ),
        (unit_text().replace("{id: u1, ", "{"), "unit", (1, 7), "required key 'id' is missing"),
        (
            UNIT_HEAD + "  - 1.1\n",
            "answers",
            (4, 3),
            "expected a mapping (key: value lines), got a list",
        ),
        ("unit: u1\nframework: mini-2025\n", "unit", (1, 7), "expected a mapping"),
    ],
)
def test_assessment_head_errors(
    frameworks: dict[str, LoadedFramework],
    text: str,
    key: str,
    where: tuple[int, int],
    message: str,
) -> None:
    result, problems = load_unit(text, frameworks)
    assert result is None
    problem = one(problems)
    assert problem.key == key
    assert message in problem.message
    assert (problem.line, problem.column) == where


def test_every_assessment_problem_is_reported(frameworks: dict[str, LoadedFramework]) -> None:
    text = unit_text(
        {"7.7": "{value: 1}", "1.10": "{value: maybe}", "2.1": "{not_applicable: true}"}
    )
    _, problems = load_unit(text, frameworks)
    assert sorted(p.key for p in problems if p.severity == "error") == [
        'answers["1.10"].value',
        'answers["2.1"].not_applicable',
        'answers["7.7"]',
    ]


def test_a_refused_claim_does_not_hide_the_value(frameworks: dict[str, LoadedFramework]) -> None:
    text = unit_text({"1.2": '{value: "87,5%", self_points: "0,5"}'})
    _, problems = load_unit(text, frameworks)
    assert [(p.key, p.line) for p in problems] == [
        ('answers["1.2"].self_points', line_of(text, '"1.2"')),
        ('answers["1.2"].value', line_of(text, '"1.2"')),
    ]
    assert "write 87.5" in problems[1].message


@pytest.mark.parametrize(
    ("answer", "keys"),
    [
        pytest.param(
            "{value: 1, not_applicable: maybe}",
            ['answers["2.2"].not_applicable'],
            id="refused-flag-value-still-fine",
        ),
        pytest.param(
            "{value: -1, self_points: mười}",
            ['answers["2.2"].self_points', 'answers["2.2"].value'],
            id="refused-claim-and-bad-value",
        ),
        pytest.param(
            "{value: 1, note: x, extra: 2}",
            ['answers["2.2"].extra'],
            id="unknown-key-value-still-fine",
        ),
        pytest.param(
            "{value: 2.5, extra: 2}",
            ['answers["2.2"].extra', 'answers["2.2"].value'],
            id="unknown-key-and-bad-value",
        ),
        pytest.param(
            "{not_applicable: true, reason: {a: 1}, value: 1}",
            ['answers["2.2"].not_applicable', 'answers["2.2"].reason', 'answers["2.2"].value'],
            id="refused-reason-is-not-also-missing",
        ),
    ],
)
def test_every_problem_of_an_answer_is_reported_once(
    frameworks: dict[str, LoadedFramework], answer: str, keys: list[str]
) -> None:
    _, problems = load_unit(unit_text({"2.2": answer}), frameworks)
    assert sorted(p.key for p in problems if p.severity == "error") == keys


@pytest.mark.parametrize(
    ("answer", "key", "hint"),
    [
        pytest.param(
            "{value: 87,5}",
            '["5"]',
            "(87,5 becomes 87 and a key 5); write it with a dot: 87.5",
            id="value",
        ),
        pytest.param(
            "{value: 87,5%}",
            '["5%"]',
            "(87,5% becomes 87 and a key 5%); write it with a dot and without the % sign: 87.5",
            id="percent",
        ),
        pytest.param(
            "{value: 95, self_points: 1,25}",
            '["25"]',
            "(1,25 becomes 1 and a key 25); write it with a dot: 1.25",
            id="claim",
        ),
    ],
)
def test_a_comma_split_number_is_quoted_as_written(
    frameworks: dict[str, LoadedFramework], answer: str, key: str, hint: str
) -> None:
    _, problems = load_unit(unit_text({"1.2": answer}), frameworks)
    problem = one(problems)
    assert problem.key == f'answers["1.2"]{key}'
    assert problem.message.endswith(hint)


def test_a_comma_number_claim_gets_the_dot_hint(frameworks: dict[str, LoadedFramework]) -> None:
    _, problems = load_unit(unit_text({"1.2": '{value: 95, self_points: "1,5"}'}), frameworks)
    assert one(problems).message == "'1,5' is not a number (write 1.5: a dot for decimals in YAML)"


@pytest.mark.parametrize(
    ("old", "new", "vietnamese"),
    [
        pytest.param(
            "per: 0.25",
            "per: 0.1234567890123",
            "'0.1234567890123' có nhiều hơn 12 chữ số thập phân; hãy làm tròn",
            id="decimal-places",
        ),
        pytest.param(
            "precision: 2",
            "precision: " + "9" * 5000,
            "quá dài, không đọc được thành số nguyên",
            id="int-size",
        ),
    ],
)
def test_library_messages_are_translated(
    mini_yaml: str, old: str, new: str, vietnamese: str
) -> None:
    text = mutate(mini_yaml if old in mini_yaml else "precision: 2\n" + mini_yaml, old, new)
    with using("vi"):
        problem = one(framework_problems(text))
    assert vietnamese in problem.message
    assert "Decimal input" not in problem.message and "Unable to parse" not in problem.message


@pytest.mark.parametrize("strict", [False, True])
def test_missing_answers_are_warnings_or_strict_errors(
    frameworks: dict[str, LoadedFramework], strict: bool
) -> None:
    text = unit_text({"1.2": "{value: null, self_points: 1}", "2.2": None, "1.10": "{value: ~}"})
    result, problems = load_unit(text, frameworks, strict=strict)
    severity = "error" if strict else "warning"
    assert [(p.severity, p.key, p.line) for p in problems] == [
        (severity, 'answers["1.2"].value', line_of(text, '"1.2"')),
        (severity, 'answers["1.10"].value', line_of(text, '"1.10"')),
        (severity, "answers", line_of(text, "answers:")),
    ]
    assert problems[2].message == (
        "criterion '2.2': not answered (--strict requires every criterion)"
        if strict
        else "criterion '2.2': not answered (scored 0 and counted as missing)"
    )
    # Under --strict the run fails on these errors, but the unit stays readable so that its
    # appraisal and survey rows are still checked rather than reported as naming no unit.
    assert result is not None
    # Survey, council and bonus/penalty leaves are never missing from a unit's file.
    assert result.missing == ["1.2", "1.10", "2.2"]


def _write_inputs(root: Path, mini_yaml: str, units: dict[str, str]) -> None:
    (root / "criteria").mkdir()
    (root / "criteria" / "mini.yaml").write_text(mini_yaml, encoding="utf-8")
    (root / "units").mkdir()
    for name, text in units.items():
        (root / "units" / name).write_text(text, encoding="utf-8")


def test_duplicate_unit_ids_across_files_name_both(tmp_path: Path, mini_yaml: str) -> None:
    _write_inputs(tmp_path, mini_yaml, {"a.yaml": unit_text(), "b.yaml": unit_text()})
    with pytest.raises(InputError) as caught:
        gather(_request(tmp_path))
    problem = one(caught.value.problems)
    units = tmp_path / "units"
    assert problem.path == str(units / "b.yaml")
    assert (problem.line, problem.key) == (1, "unit.id")
    assert f"unit id 'u1' is already assessed in {units / 'a.yaml'}" in problem.message


def test_gather_collects_problems_from_every_file(tmp_path: Path, mini_yaml: str) -> None:
    _write_inputs(
        tmp_path,
        mini_yaml,
        {
            "a.yaml": unit_text({"1.10": "{value: maybe}"}),
            "b.yaml": unit_text({"7.7": "{value: 1}"}).replace("id: u1", "id: u2"),
            "c.yaml": "unit: [\n",
        },
    )
    with pytest.raises(InputError) as caught:
        gather(_request(tmp_path))
    units = tmp_path / "units"
    assert [(Path(p.path).name, p.line) for p in caught.value.problems] == [
        ("a.yaml", 6),
        ("b.yaml", 10),
        ("c.yaml", 2),
    ]
    assert str(caught.value).count("\n") == 2
    assert str(units / "a.yaml") + ':6:19: error: answers["1.10"].value: ' in str(caught.value)


@pytest.mark.parametrize("strict", [False, True])
def test_gather_strict_turns_missing_answers_into_errors(
    tmp_path: Path, mini_yaml: str, strict: bool
) -> None:
    _write_inputs(tmp_path, mini_yaml, {"u1.yaml": unit_text({"2.3": None})})
    if strict:
        with pytest.raises(InputError) as caught:
            gather(_request(tmp_path, strict=True))
        problem = one(caught.value.problems)
        assert "criterion '2.3': not answered" in problem.message
        return
    inputs = gather(_request(tmp_path))
    assert [a.unit.id for a in inputs.assessments] == ["u1"]
    assert [(w.severity, w.message) for w in inputs.warnings] == [
        ("warning", "criterion '2.3': not answered (scored 0 and counted as missing)")
    ]
    assert inputs.assessments[0].missing == ["2.3"]


def test_discovery_reports_unreadable_directories_and_link_loops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SPEC §5: nothing is skipped silently (root reads every directory, so an unreadable
    one is simulated)."""
    from parindex.errors import ProblemLog
    from parindex.inputs.discovery import _yaml_files

    (tmp_path / "units" / "closed").mkdir(parents=True)
    (tmp_path / "units" / "a.yaml").write_text("unit: {}\n")
    (tmp_path / "units" / "loop").symlink_to("..")
    (tmp_path / "units" / "b.yml.txt").write_text("unit: {}\n")
    real = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("closed"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    log = ProblemLog()
    found = _yaml_files(tmp_path / "units", log)
    assert found == [tmp_path / "units" / "a.yaml"]
    lines = sorted(p.render() for p in log)
    root = tmp_path / "units"
    assert lines == [
        f"{root}/b.yml.txt: warning: looks like a YAML file but its name does not end in .yaml "
        "or .yml, so it was not read; rename it to read it",
        f"{root}/closed: error: cannot read this directory: Permission denied",
        f"{root}/loop/units: error: a symbolic link loop: this is the directory '{root}' "
        "again; not read twice",
    ]


def test_aliased_megabyte_strings_are_refused_quickly() -> None:
    """A 1 MB file whose aliases would expand to gigabytes of text is refused at the alias
    that crosses 10 MB, located, in well under a second."""
    import time

    text = "big: &s " + "x" * 1_000_000 + "\nmany: [" + ", ".join(["*s"] * 3000) + "]\n"
    started = time.perf_counter()
    problem = one(file_problems(text))
    assert time.perf_counter() - started < 2
    assert problem.message == "the document expands past 10 MB of text through aliases; refused"
    assert (problem.line, problem.column) == (2, 48)  # the eleventh *s


def test_escaped_text_is_normalised_to_nfc() -> None:
    doc = parse('name: "Vie\\u0323\\u0302t"\nplain: Việt\n')
    assert doc.data["name"] == doc.data["plain"] == "Việt"
