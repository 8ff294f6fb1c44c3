"""`parindex validate`: good inputs pass with warnings only; every problem of bad ones is listed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from golden_support import CRITERIA, REPO, SHIPPED_FRAMEWORKS, run_cli

UNIT = REPO / "tests" / "data" / "cli" / "so-noi-vu.yaml"


TINY_HEAD = "framework: tiny-2025\ntitle: Khung nhỏ\nyear: 2025\ngroup: tiny\n"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding ./criteria with the department framework only, and the unit.

    Relative paths keep the expected messages short and exact.
    """
    (tmp_path / "criteria").mkdir()
    shutil.copy(CRITERIA / "department.yaml", tmp_path / "criteria" / "department.yaml")
    shutil.copy(UNIT, tmp_path / "so-noi-vu.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _unit_variant(name: str, *replacements: tuple[str, str]) -> str:
    text = UNIT.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    Path(name).write_text(text, encoding="utf-8")
    return text


def _line(text: str, prefix: str) -> int:
    """1-based number of the one line starting with `prefix`."""
    found = [i for i, line in enumerate(text.splitlines(), 1) if line.startswith(prefix)]
    assert len(found) == 1, (prefix, found)
    return found[0]


def _answer_lines(text: str) -> dict[str, int]:
    """Line number of each `  "ID": ...` answer."""
    return {
        m.group(1): i
        for i, line in enumerate(text.splitlines(), 1)
        if (m := re.match(r'  "([0-9.]+)": ', line))
    }


# --- good inputs ---------------------------------------------------------------------------


def test_a_complete_assessment_passes_silently(work: Path) -> None:
    result = run_cli(["validate", "so-noi-vu.yaml"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == "ok: 1 framework(s), 1 assessment(s), 0 table(s); 0 warning(s)\n"


def test_good_tables_are_counted(work: Path) -> None:
    Path("appraisal.csv").write_text(
        "unit_id,criterion,value,points,reason,round\n"
        "so-noi-vu,1.1.2,85,,Báo cáo chỉ đạt 85 %,1\n"
        "so-noi-vu,1.1.2,95,,Đã giải trình,2\n",
        encoding="utf-8",
    )
    Path("survey.csv").write_text(
        "unit_id;criterion;value\nso-noi-vu;1.5.1;4,2\n", encoding="utf-8"
    )
    result = run_cli(
        ["validate", "so-noi-vu.yaml", "--appraisal", "appraisal.csv", "--survey", "survey.csv"]
    )
    assert result.exit_code == 0
    # what the council and the survey have still to supply, in framework order
    from parindex.inputs.documents.loading import load_framework_file

    framework = load_framework_file("criteria/department.yaml")
    waiting = [
        leaf.id
        for leaf in framework.leaves
        if leaf.criterion.source != "self" and leaf.id != "1.5.1"
    ]
    assert result.stderr == (
        f"info: Sở Nội vụ: {len(waiting)} criteria still pending (no survey or council value): "
        f"{', '.join(waiting)}\n"
    )
    assert result.stdout == "ok: 1 framework(s), 1 assessment(s), 2 table(s); 0 warning(s)\n"


def test_missing_answers_are_located_warnings(work: Path) -> None:
    text = _unit_variant(
        "missing.yaml",
        ('  "5.4.2": {value: yes, self_points: 0.5}\n', ""),
        ('"3.3.3": {value: 40, self_points: 0.25}', '"3.3.3": {value: null}'),
    )
    at = _answer_lines(text)
    result = run_cli(["validate", "missing.yaml"])
    assert result.exit_code == 0
    assert result.stdout == "ok: 1 framework(s), 1 assessment(s), 0 table(s); 2 warning(s)\n"
    assert sorted(result.stderr.splitlines()) == sorted(
        [
            f"missing.yaml:{_line(text, 'answers:')}:1: warning: answers: criterion '5.4.2': not "
            "answered (scored 0 and counted as missing)",
            f'missing.yaml:{at["3.3.3"]}:20: warning: answers["3.3.3"].value: not '
            "answered (scored 0 and counted as missing)",
        ]
    )


def test_strict_makes_missing_answers_errors(work: Path) -> None:
    text = _unit_variant("missing.yaml", ('  "5.4.2": {value: yes, self_points: 0.5}\n', ""))
    result = run_cli(["validate", "--strict", "missing.yaml"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"missing.yaml:{_line(text, 'answers:')}:1: error: answers: criterion '5.4.2': not "
        "answered (--strict requires every criterion)",
        "1 error(s), 0 warning(s)",
    ]


def test_frameworks_alone_validate(work: Path) -> None:
    result = run_cli(["validate", "criteria"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == "ok: 1 framework(s), 0 assessment(s), 0 table(s); 0 warning(s)\n"


@pytest.mark.parametrize("name", SHIPPED_FRAMEWORKS)
def test_each_shipped_framework_is_valid(name: str, tmp_path: Path) -> None:
    empty = tmp_path / "no-criteria"
    empty.mkdir()
    result = run_cli(["validate", "--criteria", str(empty), str(CRITERIA / f"{name}.yaml")])
    assert result.stderr == ""
    assert result.exit_code == 0
    assert result.stdout == "ok: 1 framework(s), 0 assessment(s), 0 table(s); 0 warning(s)\n"


def test_the_shipped_criteria_directory_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = run_cli(["validate", "criteria"])
    assert result.stderr == ""
    assert result.exit_code == 0
    n = len(SHIPPED_FRAMEWORKS)  # and one survey questionnaire per framework
    assert result.stdout.startswith(f"ok: {n} framework(s), {n} questionnaire(s), 0 assessment(s)")


# --- bad inputs ----------------------------------------------------------------------------


def test_every_problem_in_several_bad_files_is_reported(work: Path) -> None:
    text = _unit_variant(
        "bad-unit.yaml",
        ('  id: "so-noi-vu"', '  id: "so-tu-phap"'),
        ('"1.1.1": {value: on_time,', '"1.1.1": {value: maybe,'),
        ('"1.1.2": {value: 95, self_points: 2,', '"1.1.2": {value: 95, self_points: 5,'),
        (
            '"2.1.1": {not_applicable: true, reason: Không được giao xây dựng'
            " văn bản QPPL trong năm}",
            '"2.1.1": {not_applicable: true}',
        ),
        ('"4.1.2": {value: yes, self_points: 1}', '"4.1.2": {not_applicable: true, reason: x}'),
        (
            '"9.2.1": {value: 0, self_points: 0}',
            '"9.2.1": {value: 0, self_points: 0}\n  "1.5.1": {value: 4}\n  "9.9.9": {value: 1}',
        ),
    )
    Path("broken.yaml").write_text(
        'unit:\n  id: x\nanswers:\n  "1.1": {value: [1, 2}\n', encoding="utf-8"
    )
    Path("dup.yaml").write_text("unit:\n  id: a\n  name: A\n  id: b\n", encoding="utf-8")
    Path("appraisal.csv").write_text(
        "unit_id,criterion,value,points,reason\n"
        "so-noi-vu,1.1.2,85,,\n"
        "so-noi-vu,1.1.3,yes,0.5,cả hai\n"
        "so-noi-vu,7.7.7,1,,lý do\n"
        "ghost,1.1.1,on_time,,lý do\n",
        encoding="utf-8",
    )
    Path("survey.csv").write_text(
        "unit_id,criterion,value\nso-noi-vu,1.5.1,4\nso-noi-vu,1.5.1,5\nso-noi-vu,1.1.1,on_time\n",
        encoding="utf-8",
    )
    result = run_cli(
        [
            "validate",
            "so-noi-vu.yaml",
            "bad-unit.yaml",
            "broken.yaml",
            "dup.yaml",
            "--appraisal",
            "appraisal.csv",
            "--survey",
            "survey.csv",
        ]
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    b = "bad-unit.yaml"
    at = _answer_lines(text)
    expected_unit = [
        f"{b}:{at['1.1.1']}:20: error: answers[\"1.1.1\"].value: 'maybe' is not "
        "an option of this criterion; allowed: “Issued on time”, “Issued late”, “Not issued”",
        f'{b}:{at["1.1.2"]}:37: error: answers["1.1.2"].self_points: claimed 5 '
        "is outside the range 0–2",
        f'{b}:{at["2.1.1"]}:29: error: answers["2.1.1"].not_applicable: '
        "not_applicable needs a reason: say why it did not arise",
        f'{b}:{at["4.1.2"]}:29: error: answers["4.1.2"].not_applicable: this '
        "criterion cannot be marked not applicable (its not_applicable is forbidden)",
        f"{b}:{at['1.5.1']}:3: error: answers[\"1.5.1\"]: criterion '1.5.1' is "
        "scored by the survey file (source: survey), not answered by the unit",
        f'{b}:{at["9.9.9"]}:3: error: answers["9.9.9"]: unknown criterion '
        "'9.9.9' in framework 'department-2025'",
    ]
    for line in expected_unit:
        assert line in lines
    assert [line for line in lines if line.startswith(f"{b}:")] == sorted(
        expected_unit, key=lambda s: int(s.split(":")[1])
    )
    assert any(
        line.startswith("broken.yaml:4:") and ": error: invalid YAML: " in line for line in lines
    )
    assert (
        "dup.yaml:4:3: error: unit.id: duplicate key 'id': first at line 2, again at line 4; "
        "each key may appear once" in lines
    )
    expected_tables = [
        "appraisal.csv:2: error: reason: empty; the council must give a reason for every "
        "correction",
        "appraisal.csv:3: error: value: give exactly one of value (a corrected fact) or points "
        "(set directly)",
        "appraisal.csv:4: error: criterion: unknown criterion '7.7.7' in framework "
        "'department-2025'",
        "appraisal.csv:5: error: unit_id: unknown unit 'ghost' (no assessment has this unit id)",
    ]
    for line in expected_tables:
        assert line in lines
    survey = [line for line in lines if line.startswith("survey.csv:")]
    assert survey == [
        "survey.csv:3: error: criterion: a second survey value for unit 'so-noi-vu', criterion "
        "'1.5.1' (first at survey.csv:2)",
        "survey.csv:4: error: criterion: criterion '1.1.1' is not a survey criterion (source: "
        "self)",
    ]
    errors = len(expected_unit) + 2 + len(expected_tables) + len(survey)
    assert len(lines) == errors + 1
    assert lines[-1] == f"{errors} error(s), 0 warning(s)"


def test_problems_in_a_framework_are_all_located(work: Path) -> None:
    Path("tiny.yaml").write_text(
        TINY_HEAD + "criteria:\n"
        '  - id: "1"\n'
        "    name: Một\n"
        "    max: 5\n"
        "    criteria:\n"
        '      - id: "1.1"\n'
        "        name: Một một\n"
        "        max: 1\n"
        "        rule:\n"
        "          kind: choice\n"
        "          options: {on_time: 2, late: 0.5}\n"
        '      - id: "1.1"\n'
        "        name: Trùng\n"
        "        max: 1\n"
        "        rule: {kind: boolean}\n",
        encoding="utf-8",
    )
    result = run_cli(["validate", "tiny.yaml"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "tiny.yaml:8:10: error: criteria[0].max: declared max 5 does not match the sum of its "
        "sub-criteria, 2",
        "tiny.yaml:15:30: error: criteria[0].criteria[0].rule.options.on_time: option 'on_time' "
        "gives 2 points, outside the leaf's range 0–1",
        "tiny.yaml:16:13: error: criteria[0].criteria[1].id: duplicate criterion id '1.1': first "
        "at line 10, again at line 16; ids must be unique",
        "3 error(s), 0 warning(s)",
    ]


def test_two_assessments_of_one_unit_name_both_files(work: Path) -> None:
    shutil.copy("so-noi-vu.yaml", "again.yaml")
    result = run_cli(["validate", "so-noi-vu.yaml", "again.yaml"])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    unit_id_line = _line(UNIT.read_text(encoding="utf-8"), "  id: ")
    assert lines[0] == (
        f"again.yaml:{unit_id_line}:7: error: unit.id: unit id 'so-noi-vu' is "
        "already assessed in so-noi-vu.yaml; each unit has one assessment"
    )
    assert lines[1] == "1 error(s), 0 warning(s)"


def test_a_yaml_file_of_another_kind_in_a_directory_is_an_error(work: Path) -> None:
    Path("units").mkdir()
    shutil.copy("so-noi-vu.yaml", "units/so-noi-vu.yaml")
    Path("units/notes.yml").write_text("ghi_chu: không phải phiếu\n", encoding="utf-8")
    Path("units/readme.txt").write_text("not YAML: not read\n", encoding="utf-8")
    result = run_cli(["validate", "units"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "units/notes.yml:1:1: error: neither a framework (needs 'framework:' and 'criteria:'), "
        "a questionnaire (needs 'questionnaire:') nor an assessment (needs 'unit:')",
        "1 error(s), 0 warning(s)",
    ]


def test_a_missing_path_is_an_error(work: Path) -> None:
    result = run_cli(["validate", "so-noi-vu.yaml", "nope.yaml"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "nope.yaml: error: no such file or directory",
        "1 error(s), 0 warning(s)",
    ]


def test_a_table_passed_as_a_path_is_an_error(work: Path) -> None:
    Path("survey.csv").write_text("unit_id,criterion,value\n", encoding="utf-8")
    result = run_cli(["validate", "survey.csv"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0].startswith("survey.csv: error: neither a YAML file")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"\xff\xfeu\x00n\x00",
            "bad.yaml:1:1: error: the file is UTF-16 encoded; save it as UTF-8",
        ),
        (b"", "bad.yaml:1:1: error: the file is empty"),
        (
            b"unit: x\nname: \xe9t\xe9\n",
            "bad.yaml:2:7: error: the file is not valid UTF-8 (byte 0xe9); "
            "save it as UTF-8 (in Excel or Notepad: 'Save as', encoding UTF-8)",
        ),
        (
            b"- a\n- b\n",
            "bad.yaml:1:1: error: neither a framework (needs 'framework:' and "
            "'criteria:'), a questionnaire (needs 'questionnaire:') nor an assessment "
            "(needs 'unit:')",
        ),
        (b"unit: [\n", "bad.yaml:2:1: error: invalid YAML: "),
        (b"unit: &a [*a]\n", "bad.yaml:"),
        (b"\x00\x01\x02", "bad.yaml:1:1: error: "),
    ],
)
def test_malformed_files_give_one_located_error_and_no_traceback(
    work: Path, content: bytes, expected: str
) -> None:
    Path("bad.yaml").write_bytes(content)
    result = run_cli(["validate", "bad.yaml"])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(expected)
    assert ": error: " in lines[0]
    assert lines[-1] == "1 error(s), 0 warning(s)"
    assert "Traceback" not in result.stderr


def test_validate_needs_a_path() -> None:
    result = run_cli(["validate"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Missing argument 'PATH...'" in result.stderr


def test_model_and_tree_problems_of_one_framework_are_reported_together(work: Path) -> None:
    lines = _validate_tiny(
        TINY_HEAD + "criteria:\n"
        '  - id: "1"\n'
        "    name: Một\n"
        "    max: 5\n"
        "    criteria:\n"
        '      - id: "1.1"\n'
        "        name: Một một\n"
        "        max: 1\n"
        "        rule: {kind: boolean}\n"
        '  - id: "2"\n'
        "    name: Hai\n"
        "    criteria:\n"
        '      - id: "2.1"\n'
        "        name: Hai một\n"
        "        max: 1\n"
        "        rule: {kind: magic}\n"
    )
    assert lines[-1] == "2 error(s), 0 warning(s)"
    assert any(line.startswith("tiny.yaml:8:") and "declared max 5" in line for line in lines)
    assert any(
        line.startswith("tiny.yaml:20:") and "unknown rule kind 'magic'" in line for line in lines
    )


def _validate_tiny(text: str) -> list[str]:
    Path("tiny.yaml").write_text(text, encoding="utf-8")
    result = run_cli(["validate", "tiny.yaml"])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    return result.stderr.splitlines()


def test_a_refused_max_silences_the_sums_above_it_but_not_the_others(work: Path) -> None:
    lines = _validate_tiny(
        TINY_HEAD + "criteria:\n"
        '  - id: "1"\n'
        "    name: Một\n"
        "    max: 5\n"
        "    criteria:\n"
        '      - id: "1.1"\n'
        "        name: Một một\n"
        "        max: nhiều\n"  # line 12: refused by the model
        "        rule: {kind: boolean}\n"
        '  - id: "2"\n'
        "    name: Hai\n"
        "    max: 3\n"  # line 16: 2 ≠ 1 + 1
        "    criteria:\n"
        '      - {id: "2.1", name: Hai một, max: 1, rule: {kind: boolean}}\n'
        '      - {id: "2.2", name: Hai hai, max: 1, rule: {kind: boolean}}\n'
    )
    assert lines[-1] == "2 error(s), 0 warning(s)"
    assert lines[0].startswith("tiny.yaml:12:") and "'nhiều' is not a number" in lines[0]
    assert lines[1].startswith("tiny.yaml:16:") and "declared max 3 does not match" in lines[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "framework: tiny-2025\ngroup: tiny\ncriteria:\n"
            '  - {id: "1", name: Một, max: 1, rule: {kind: boolean}}\n'
            '  - {id: "1", name: Hai, max: 1, rule: {kind: boolean, extra: 1}}\n',
            [
                "required key 'title' is missing",
                "unknown key 'extra'",
                "duplicate criterion id '1': first at line 4, again at line 5",
            ],
        ),
        (
            TINY_HEAD + "bands:\n  - {min: cao, label: Tốt}\ncriteria:\n"
            '  - id: "1"\n    name: Một\n    max: 2\n    criteria:\n'
            '      - {id: "1.1", name: Một một, max: 1, rule: {kind: choice, options: {a: 3}}}\n',
            [
                "'cao' is not a number",
                "declared max 2 does not match the sum of its sub-criteria, 1",
                "option 'a' gives 3 points, outside the leaf's range 0–1",
            ],
        ),
    ],
    ids=["title-and-duplicate-ids", "bands-and-sums"],
)
def test_top_level_problems_leave_the_tree_checked(
    work: Path, text: str, expected: list[str]
) -> None:
    lines = _validate_tiny(text)
    assert lines[-1] == f"{len(expected)} error(s), 0 warning(s)"
    for message in expected:
        assert sum(message in line for line in lines) == 1, message


def test_a_refused_key_other_than_max_leaves_the_sums_checked(work: Path) -> None:
    lines = _validate_tiny(
        TINY_HEAD + "criteria:\n"
        '  - id: "1"\n    name: Một\n    max: 3\n    criteria:\n'  # line 8: 3 ≠ 1 + 1
        '      - {id: "1.1", name: A, max: 1, rule: {kind: boolean}, typo: 1}\n'
        '      - {id: "1.2", name: B, max: 1, rule: {kind: boolean}}\n'
    )
    assert lines[-1] == "2 error(s), 0 warning(s)"
    assert any(
        line.startswith("tiny.yaml:8:") and "declared max 3 does not match" in line
        for line in lines
    )
    assert any("unknown key 'typo'" in line for line in lines)


def test_duplicate_ids_are_found_whatever_characters_they_hold(work: Path) -> None:
    lines = _validate_tiny(
        TINY_HEAD + "criteria:\n"
        '  - id: "1"\n    name: Một\n    max: 2\n    criteria:\n'
        '      - {id: "\\0a", name: A, max: 1, rule: {kind: boolean}}\n'
        '      - {id: "\\0a", name: B, max: 1, rule: {kind: boolean}}\n'
    )
    assert lines[-1] == "1 error(s), 0 warning(s)"
    assert "duplicate criterion id '\\x00a': first at line 10, again at line 11" in lines[0]
