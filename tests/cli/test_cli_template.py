"""`parindex template`: a blank assessment listing every `self` leaf with its rule."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from golden_support import (
    REPO,
    SHIPPED_FRAMEWORKS,
    load_yaml,
    load_yaml_as_text,
    require_valid_framework,
    run_cli,
)

UNIT_ARGS = ["--unit-id", "so-noi-vu", "--unit-name", "Sở Nội vụ"]


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def _self_leaves(path: str) -> list[dict[str, Any]]:
    """The framework's `self` leaves in tree order, read independently of parindex."""
    data = load_yaml_as_text(REPO / path)
    leaves = []
    stack = list(reversed(data["criteria"]))
    while stack:
        node = stack.pop()
        if node.get("criteria"):
            stack.extend(reversed(node["criteria"]))
        elif node.get("source", "self") == "self":
            leaves.append(node)
    return leaves


def _plain(text: str) -> str:
    return format(Decimal(text).normalize(), "f")


def _template(path: str, *extra: str) -> str:
    result = run_cli(["template", path, *UNIT_ARGS, *extra])
    assert result.exit_code == 0
    assert result.stderr == ""
    return result.stdout


@pytest.mark.parametrize("name", SHIPPED_FRAMEWORKS)
def test_every_self_leaf_is_listed_in_framework_order(name: str) -> None:
    path = require_valid_framework(name)
    form = load_yaml(_template(path))
    framework = load_yaml_as_text(REPO / path)
    assert form["unit"] == {"id": "so-noi-vu", "name": "Sở Nội vụ", "group": framework["group"]}
    assert form["framework"] == framework["framework"]
    assert list(form["answers"]) == [leaf["id"] for leaf in _self_leaves(path)]
    assert all(
        answer == {"value": None, "self_points": None, "evidence": []}
        for answer in form["answers"].values()
    )


def _describes_rule(leaf: dict[str, Any], line: str) -> bool:
    rule = leaf["rule"]
    kind = rule["kind"]
    if kind == "choice":  # the options by their labels (people pick them), keys only unlabelled
        words = [
            (o.get("label_en") or o.get("label") or key) if isinstance(o, dict) else key
            for key, o in rule["options"].items()
        ]
        keys = [key for key, o in rule["options"].items() if isinstance(o, dict) and o.get("label")]
        return (
            line.startswith("one of: ")
            and all(f"“{word}” → " in line for word in words)
            and not any(f"“{key}”" in line for key in keys)
        )
    if kind == "boolean":
        return line == f"yes/no: yes → {_plain(leaf['max'])}, no → 0"
    if kind == "bands":
        unit = f" ({rule['unit']})" if rule.get("unit") else ""
        return line.startswith(f"enter a number{unit}: ") and line.endswith("otherwise 0 points")
    if kind == "ratio":
        return line.startswith("a percent 0–100 or {numerator: n, denominator: d}: ")
    if kind == "deduction":
        # what is counted, in the framework's words, and what each costs
        counted = rule.get("counts_en") or rule.get("counts") or "cases"
        return line.startswith(
            f"the number of {counted} (a whole number): {_plain(leaf['max'])} − "
        )
    if kind == "scale":
        return _plain(rule["low"]) in line and _plain(rule["high"]) in line
    if kind == "points":
        return _plain(leaf["max"]) in line
    raise AssertionError(kind)


@pytest.mark.parametrize("name", SHIPPED_FRAMEWORKS)
def test_each_leaf_has_a_comment_naming_max_and_allowed_values(name: str) -> None:
    path = require_valid_framework(name)
    lines = _template(path).splitlines()  # in English (the tests' language)
    for leaf in _self_leaves(path):
        at = lines.index(f'  "{leaf["id"]}": {{value: null, self_points: null, evidence: []}}')
        start = max(i for i in range(at) if lines[i].startswith(f"  # {leaf['id']} "))
        comments = [line.removeprefix("  #").strip() for line in lines[start:at]]
        title, guidance, rule, notes = comments[0], comments[1:-2], comments[-2], comments[-1]
        adjust = f" ({leaf['adjust']})" if "adjust" in leaf else ""
        name = leaf.get("name_en") or leaf["name"]
        assert title == f"{leaf['id']} {name} — max {_plain(leaf['max'])}{adjust}"
        # the framework's guidance for the criterion, line by line, as the officer reads it
        expected = [line.strip() for line in leaf.get("description", "").strip().splitlines()]
        assert guidance == expected
        assert _describes_rule(leaf, rule), (leaf["id"], rule)
        policy = leaf.get("not_applicable", "forbidden")
        assert notes.startswith("N/A not allowed;" if policy == "forbidden" else "N/A allowed (")
        assert notes.endswith(
            "evidence required" if leaf.get("evidence") == "required" else "evidence optional"
        )


@pytest.mark.parametrize("name", SHIPPED_FRAMEWORKS)
def test_the_untouched_form_is_a_blank_form_with_missing_answer_warnings(
    name: str, tmp_path: Path
) -> None:
    path = require_valid_framework(name)
    form = tmp_path / "form.yaml"
    assert run_cli(["template", path, *UNIT_ARGS, "-o", str(form)]).exit_code == 0
    result = run_cli(["validate", str(form)])
    # An untouched form is a blank form (nothing answered): one error, beside a warning per
    # answer.
    assert result.exit_code == 1
    regular = [leaf for leaf in _self_leaves(path) if "adjust" not in leaf]
    lines = result.stderr.splitlines()
    blank = [line for line in lines if ": error: " in line]
    assert len(blank) == 1 and "unit.id: blank form? no criterion is answered" in blank[0]
    warnings = [line for line in lines if ": warning: " in line]
    assert len(warnings) == len(regular)
    assert all(
        line.startswith(f"{form}:")
        and ": warning: " in line
        and line.endswith("not answered (scored 0 and counted as missing)")
        for line in warnings
    )
    assert result.stderr.endswith(f"1 error(s), {len(regular)} warning(s)\n")


def test_the_form_header_and_names_follow_the_language() -> None:
    vi = _template("criteria/department.yaml", "--lang", "vi").splitlines()  # after the command
    english = run_cli(["--lang", "en", "template", "criteria/department.yaml", *UNIT_ARGS])
    assert english.exit_code == 0
    en = english.stdout.splitlines()
    assert vi[0] == "# Phiếu tự đánh giá: Chỉ số cải cách hành chính các sở, ban, ngành năm 2025"
    assert en[0] == "# Self-assessment form: PAR Index of provincial departments and boards, 2025"
    assert vi[1] == "# bộ tiêu chí department-2025, nhóm department"
    assert en[1] == "# framework department-2025, group department"
    assert "  # 1.1.1 Ban hành kế hoạch CCHC năm — tối đa 1" in vi
    assert "  # 1.1.1 Annual PAR plan issued — max 1" in en
    # Only the comments change: the form itself is the same.
    assert load_yaml("\n".join(vi)) == load_yaml("\n".join(en))


def test_unit_fields_are_kept_exactly_as_given() -> None:
    result = run_cli(
        [
            "template",
            "criteria/department.yaml",
            "--unit-id",
            "010",
            "--unit-name",
            'Sở "Tư pháp": #1',
        ]
    )
    assert result.exit_code == 0
    form = load_yaml(result.stdout)
    assert form["unit"]["id"] == "010"
    assert form["unit"]["name"] == 'Sở "Tư pháp": #1'


def test_output_file_is_written_and_never_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "so-noi-vu.yaml"
    result = run_cli(["template", "criteria/department.yaml", *UNIT_ARGS, "-o", str(target)])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"wrote {target}\n"
    assert sorted(tmp_path.iterdir()) == [target]
    written = target.read_bytes()
    assert written == _template("criteria/department.yaml").encode("utf-8")
    again = run_cli(["template", "criteria/commune.yaml", *UNIT_ARGS, "-o", str(target)])
    assert again.exit_code == 1
    assert again.stdout == ""
    assert again.stderr == (
        f"error: {target}: already exists; parindex does not overwrite a form\n"
    )
    assert target.read_bytes() == written


def test_output_into_a_missing_directory_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "form.yaml"
    result = run_cli(["template", "criteria/department.yaml", *UNIT_ARGS, "-o", str(target)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "does not exist (parindex creates no directories)" in result.stderr
    assert not target.parent.exists()


def test_unit_id_and_name_are_required() -> None:
    result = run_cli(["template", "criteria/department.yaml", "--unit-name", "X"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Missing option '--unit-id'" in result.stderr


def test_an_assessment_cannot_be_a_template_source() -> None:
    result = run_cli(["template", "tests/data/cli/so-noi-vu.yaml", *UNIT_ARGS])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.endswith(
        "error: not a framework file (it needs 'framework:' and 'criteria:')\n"
    )
