"""A unit's workbook form read back (SPEC §10): cells as the person saw them, an option by its
key or either label, yes/no in either language, a rate or its numerator and denominator, the
N/A entry, evidence one per line; and every way a filled form can be wrong, each a located
error `FORM.xlsx[SHEET]:ROW: error: answers["ID"].KEY: …` (or a named warning)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from parindex.inputs.documents.loading import LoadedFramework, load_framework_file
from parindex.inputs.reading import read_unit_file

from form_support import COMPACT, SHARED, fill, layout, make_form
from golden_support import REPO, run_cli

CRITERIA = str(COMPACT.parent)
# u1.yaml of the corpus, as a unit officer types it into the form
U1 = {
    "1.1": {"value": "Kịp thời", "self_points": 10, "evidence": "KH 1/KH-U1"},
    "1.10": {"value": "Yes", "self_points": 5},
    "1.2": {"value": 95, "self_points": 10},
    "010": {"numerator": 9, "denominator": 10, "self_points": 3},
    "2.1": {"value": 1, "self_points": 7.5},
    "2.2": {"value": 4, "self_points": 7.5},
    "2.3": {"value": 8, "self_points": 8},
    "9.1": {"value": 1},
}


def _form(tmp_path: Path, answers: dict[str, dict[str, Any]], **more: Any) -> Path:
    path = make_form(tmp_path / "u1.xlsx", unit=("u1", "Đơn vị Một"))
    return fill(path, answers, **more)


def _score(path: Path, *more: str) -> list[dict[str, str]]:
    result = run_cli(["score", str(path), "--criteria", CRITERIA, "--format", "csv", *more])
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def _errors(path: Path, *more: str) -> list[str]:
    result = run_cli(["validate", str(path), "--criteria", CRITERIA, *more])
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    return [line for line in result.stderr.splitlines() if ": error: " in line]


def test_a_form_filled_as_u1_scores_as_u1_yaml(tmp_path: Path) -> None:
    form = _form(tmp_path, U1)
    expected = run_cli(["score", str(SHARED / "units" / "u1.yaml"), "--criteria", CRITERIA])
    assert expected.exit_code == 0
    got = run_cli(["score", str(form), "--criteria", CRITERIA])
    assert got.exit_code == 0, got.stderr
    assert got.stdout == expected.stdout
    json_of = [
        run_cli(["score", str(p), "--criteria", CRITERIA, "--format", "json"]).stdout
        for p in (SHARED / "units" / "u1.yaml", form)
    ]
    assert json_of[0] == json_of[1]


@pytest.mark.parametrize(
    ("criterion", "value", "points"),
    [
        ("1.1", "on_time", "10.00"),  # the key
        ("1.1", "  Kịp thời ", "10.00"),  # the label, trimmed
        ("1.1", "late", "5.00"),
        ("1.10", "Có", "5.00"),  # the words of both languages
        ("1.10", "không", "0.00"),
        ("1.10", "No", "0.00"),
        ("1.10", True, "5.00"),  # a TRUE a spreadsheet stores
        ("1.2", "87,5", "5.00"),  # a decimal comma typed as text
        ("2.2", 3, "5.00"),
    ],
)
def test_values_are_read_as_people_write_them(
    tmp_path: Path, criterion: str, value: object, points: str
) -> None:
    form = _form(tmp_path, {**U1, criterion: {**U1[criterion], "value": value}})
    rows = {r["criterion"]: r for r in _score(form)}
    assert rows[criterion]["points"] == points


def test_a_cell_formatted_as_a_percentage_is_read_as_it_shows(tmp_path: Path) -> None:
    answers = {**U1, "1.2": {"value": 0.95, "self_points": 10}}
    form = _form(tmp_path, answers, formats={("1.2", "value"): "0%"})
    rows = {r["criterion"]: r for r in _score(form)}
    assert rows["1.2"]["value"] == "95 %"
    assert rows["1.2"]["points"] == "10.00"


def test_not_applicable_takes_the_entry_of_either_language_or_an_x(tmp_path: Path) -> None:
    for number, mark in enumerate(("Not applicable", "Không phát sinh", "x", "X")):
        folder = tmp_path / str(number)
        folder.mkdir()
        form = _form(folder, {**U1, "010": {"not_applicable": mark, "reason": "Không có hồ sơ"}})
        rows = {r["criterion"]: r for r in _score(form)}
        assert rows["010"]["status"] == "not_applicable", mark


def test_an_empty_value_is_missing_and_located_at_its_row(tmp_path: Path) -> None:
    answers = {k: v for k, v in U1.items() if k != "2.2"}
    form = _form(tmp_path, answers)
    result = run_cli(["validate", str(form), "--criteria", CRITERIA])
    assert result.exit_code == 0, result.stderr
    _key_row, _columns, rows = layout(__import__("openpyxl").load_workbook(form).worksheets[0])
    assert (
        f'{form}[assessment]:{rows["2.2"]}: warning: answers["2.2"].value: not answered '
        "(scored 0 and counted as missing)" in result.stderr
    )


def test_evidence_lines_are_trimmed_and_blank_ones_dropped(tmp_path: Path) -> None:
    answers = {**U1, "1.1": {"value": "Kịp thời", "evidence": "  KH 1 \n\n\n  QĐ 2  \n "}}
    form = _form(tmp_path, answers)
    framework = load_framework_file(str(COMPACT))
    read = read_unit_file(str(form), {"compact-2025": LoadedFramework(framework, "x")}, False)
    assert read.assessment is not None, read.problems
    assert read.assessment.evidence["1.1"] == ("KH 1", "QĐ 2")


def test_a_row_without_a_criterion_is_left_alone(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    form = _form(tmp_path, U1)
    book = load_workbook(form)
    sheet = book.worksheets[0]
    _key_row, columns, rows = layout(sheet)
    sheet.insert_rows(rows["2.1"])  # a row a person added, without a criterion
    sheet.cell(rows["2.1"], columns["value"]).value = "ghi chú"
    book.save(form)
    assert {r["criterion"]: r["points"] for r in _score(form)}["2.1"] == "7.50"


def _at(form: Path, criterion: str) -> int:
    from openpyxl import load_workbook

    return layout(load_workbook(form).worksheets[0])[2][criterion]


@pytest.mark.parametrize(
    ("edit", "where", "said"),
    [
        ({"1.2": {"value": "chín mươi"}}, ("1.2", "value"), "is not a number"),
        ({"1.2": {"self_points": "mười"}}, ("1.2", "self_points"), "is not a number"),
        ({"1.1": {"value": "Yes"}}, ("1.1", "value"), "is not an option of this criterion"),
        ({"1.1": {"value": "kịp thời"}}, ("1.1", "value"), "did you mean 'Kịp thời'?"),
        ({"1.2": {"value": "=1/0"}}, ("1.2", "value"), "has no saved value"),
        ({"010": {"numerator": 9, "denominator": None}}, ("010", "denominator"), "go together"),
        ({"010": {"value": 90}}, ("010", "value"), "not both"),
        (
            {"1.2": {"not_applicable": "x", "reason": "Không"}},
            ("1.2", "not_applicable"),
            "cannot be marked not applicable",
        ),
        (
            {"010": {"not_applicable": "x", "numerator": None, "denominator": None}},
            ("010", "not_applicable"),
            "needs a reason",
        ),
        (
            {"010": {"not_applicable": "có lẽ"}},
            ("010", "not_applicable"),
            "is not the drop-down's entry",
        ),
        (
            {"1.1": {"value": "Kịp thời", "evidence": None}},
            ("1.1", "evidence"),
            "evidence is required",
        ),
        ({"1.2": {"value": "N/A"}}, ("1.2", "value"), "choose “Not applicable”"),
        ({"1.1": {"self_points": 12}}, ("1.1", "self_points"), "outside the range 0–10"),
        ({"2.4": {"value": 5}}, ("2.4", ""), "scored by the appraisal council"),
        ({"2": {"value": 5}}, ("2", ""), "has sub-criteria"),
    ],
)
def test_each_wrong_cell_is_an_error_at_its_row_and_key(
    tmp_path: Path, edit: dict[str, dict[str, Any]], where: tuple[str, str], said: str
) -> None:
    answers = {k: dict(v) for k, v in U1.items()}
    for criterion, cells in edit.items():
        answers.setdefault(criterion, {}).update(cells)
    form = _form(tmp_path, answers)
    criterion, key = where
    place = f'answers["{criterion}"]' + (f".{key}" if key else "")
    errors = _errors(form)
    prefix = f"{form}[assessment]:{_at(form, criterion)}: error: {place}: "
    assert any(line.startswith(prefix) and said in line for line in errors), errors


def test_an_unknown_criterion_a_second_row_and_a_deleted_row_are_errors(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    form = _form(tmp_path, U1)
    book = load_workbook(form)
    sheet = book.worksheets[0]
    key_row, columns, rows = layout(sheet)
    sheet.cell(rows["1.10"], columns["criterion"]).value = "1.2"  # 1.2 twice, 1.10 gone
    sheet.cell(rows["2.2"], columns["criterion"]).value = "2.9"  # an id the framework lacks
    book.save(form)
    errors = _errors(form)
    assert (
        f"{form}[assessment]:{rows['1.2']}: error: criterion: criterion '1.2' has a second row "
        f"(the first is row {rows['1.10']}); a form has one row per criterion" in errors
    )
    assert any(
        line.startswith(f'{form}[assessment]:{rows["2.2"]}: error: answers["2.9"]: unknown ')
        for line in errors
    )
    missing = [line for line in errors if "has no row in this form" in line]
    assert [line.split(": error: ")[0] for line in missing] == [
        f"{form}[assessment]:{key_row}",
        f"{form}[assessment]:{key_row}",
    ]
    assert 'answers["1.10"]' in missing[0] and 'answers["2.2"]' in missing[1]


def test_a_form_without_its_key_row_is_an_error(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    form = _form(tmp_path, U1)
    book = load_workbook(form)
    sheet = book.worksheets[0]
    key_row, _columns, _rows = layout(sheet)
    sheet.delete_rows(key_row)
    book.save(form)
    result = run_cli(["score", str(form), "--criteria", CRITERIA])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{form}[assessment]: error: no row holds the form's column keys (criterion,name,"
    )


def test_a_framework_changed_into_an_unknown_one_is_an_error_at_its_row(tmp_path: Path) -> None:
    form = _form(tmp_path, U1, title={"framework": "compact-2024"})
    assert _errors(form) == [
        f"{form}[assessment]:5: error: framework: unknown framework 'compact-2024'; known "
        "frameworks: compact-2025 (frameworks are read from --criteria DIR, default ./criteria, "
        "and the given paths)"
    ]


def test_a_unit_id_changed_into_one_the_roster_lacks_is_an_error_at_its_row(
    tmp_path: Path,
) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("unit_id,unit_name,group\nu1,Đơn vị Một,office\n", encoding="utf-8")
    form = _form(tmp_path, U1, title={"unit_id": "u1-moi"})
    result = run_cli(
        ["rank", str(form), "--criteria", CRITERIA, "--roster", str(roster), "--allow-absent"]
    )
    assert result.exit_code == 1
    assert f"{form}[assessment]:3: error: unit.id: unit 'u1-moi' is not on the roster" in (
        result.stderr
    )


def test_the_unit_group_of_another_framework_is_an_error(tmp_path: Path) -> None:
    form = _form(tmp_path, U1, title={"group": "commune"})
    assert _errors(form) == [
        f"{form}[assessment]:4: error: unit.group: group 'commune' differs from framework "
        "'compact-2025''s group 'office'"
    ]


def test_options_of_a_framework_with_english_labels_read_in_either_language(
    tmp_path: Path,
) -> None:
    framework = REPO / "criteria" / "department.yaml"
    for lang, label in (
        ("vi", "Initiative recognised by a competent authority"),
        ("en", "Có sáng kiến được cấp có thẩm quyền công nhận"),
    ):
        path = make_form(tmp_path / f"{lang}.xlsx", framework=framework, lang=lang)
        fill(path, {"1.4.2": {"value": label, "self_points": 1, "evidence": "QĐ 1"}})
        result = run_cli(
            ["score", str(path), "--criteria", str(REPO / "criteria"), "--format", "csv"]
        )
        assert result.exit_code == 0, result.stderr
        rows = {r["criterion"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
        assert rows["1.4.2"]["value"] == "recognised"
        # a label of another criterion is no option of this one
        fill(path, {"1.4.2": {"value": "Ban hành kịp thời"}})
        result = run_cli(["validate", str(path), "--criteria", str(REPO / "criteria")])
        assert result.exit_code == 1
        assert "answers[\"1.4.2\"].value: 'Ban hành kịp thời' is not an option" in result.stderr
