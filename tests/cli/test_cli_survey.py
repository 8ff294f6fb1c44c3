"""`parindex survey`: raw forms → the survey table; exact exit codes, stdout and stderr."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from golden_support import REPO, run_cli

FRAMEWORK = """\
framework: tiny-2025
title: Khung nhỏ
group: office
criteria:
  - id: "1"
    name: Tự đánh giá
    max: 2
    rule: {kind: boolean}
  - id: "8"
    name: Điều tra
    criteria:
      - id: "8.1"
        name: Hài lòng
        max: 4
        source: survey
        rule: {kind: ratio}
      - id: "8.2"
        name: Thái độ phục vụ
        max: 2
        source: survey
        rule: {kind: scale, low: 1, high: 5}
"""

QUESTIONNAIRE = """\
questionnaire: tiny-survey
framework: tiny-2025
groups:
  - {id: cc, name: Công chức, weight: 60, min: 2}
  - {id: dn, name: Doanh nghiệp, weight: 40, min: 1}
questions:
  - {id: Q1, criterion: "8.1"}
  - {id: Q2, criterion: "8.1", weight: 2}
  - id: Q3
    criterion: "8.2"
    answers: {Rất tốt: 100, Tốt: 75, Bình thường: 50, Kém: 25, Rất kém: 0}
"""

RESPONSES = """\
respondent_id,unit_id,group,Q1,Q2,Q3
r1,u1,cc,A,B,Tốt
r2,u1,cc,C,,Rất tốt
r3,u1,dn,D,A,
r4,u2,cc,A,A,Kém
"""

# u1: Q1 cc (100+20)/2 = 60, dn 0 → (60×60 + 40×0)/100 = 36; Q2 cc 60, dn 100 → 76;
#     8.1 = (36 + 2×76)/3 = 62.666… → 62.67 (3 forms); Q3 cc (75+100)/2 = 87.5 → 1 + 4×0.875 = 4.5
# u2: Q1 100, Q2 100 → 100; Q3 25 → 2
TABLE = """\
unit_id,criterion,value,forms
u1,8.1,62.67,3
u1,8.2,4.50,2
u2,8.1,100.00,1
u2,8.2,2.00,1
"""


@pytest.fixture
def survey_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "criteria").mkdir()
    (tmp_path / "criteria" / "tiny.yaml").write_text(FRAMEWORK, encoding="utf-8")
    (tmp_path / "q.yaml").write_text(QUESTIONNAIRE, encoding="utf-8")
    (tmp_path / "responses.csv").write_text(RESPONSES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


UNDER_QUOTA = [
    "q.yaml:5:51: warning: groups[1].min: unit 'u2': 0 form(s) from group 'Doanh nghiệp', "
    "below its minimum of 1",
    "q.yaml:4:48: warning: groups[0].min: unit 'u2': 1 form(s) from group 'Công chức', "
    "below its minimum of 2",
]


def test_csv(survey_dir: Path) -> None:
    result = run_cli(["--lang", "en", "survey", "q.yaml", "responses.csv", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout == TABLE
    assert result.stdout_bytes.count(b"\r\n") == 5  # CSV lines end in CRLF
    assert sorted(result.stderr.splitlines()) == sorted(UNDER_QUOTA)


def test_strict_makes_a_group_below_its_minimum_an_error(survey_dir: Path) -> None:
    result = run_cli(["--lang", "en", "survey", "q.yaml", "responses.csv", "--strict"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert sorted(result.stderr.splitlines()) == sorted(
        line.replace("warning", "error") for line in UNDER_QUOTA
    )


def test_the_table_reads_back_in_rank(survey_dir: Path) -> None:
    run_cli(["survey", "q.yaml", "responses.csv", "-o", "survey.csv"])
    (survey_dir / "u1.yaml").write_text(
        "unit: {id: u1, name: Một, group: office}\nframework: tiny-2025\n"
        'answers:\n  "1": {value: yes}\n',
        encoding="utf-8",
    )
    result = run_cli(["rank", "u1.yaml", "--survey", "survey.csv", "--format", "csv"])
    assert result.exit_code == 1  # u2 has survey rows but no assessment
    assert "survey.csv:4: error: unit_id: unknown unit 'u2'" in result.stderr
    (survey_dir / "u2.yaml").write_text(
        "unit: {id: u2, name: Hai, group: office}\nframework: tiny-2025\n"
        'answers:\n  "1": {value: no}\n',
        encoding="utf-8",
    )
    result = run_cli(["rank", "u1.yaml", "u2.yaml", "--survey", "survey.csv", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    # u1: 2 + 4 × 62.67 % = 2.5068 + 2 × (4.5 − 1)/4 = 1.75 → 6.2568 of 8; u2: 0 + 4 + 0.5
    assert lines[1].startswith("tiny-2025,office,1,u1,Một,78.21,,6.26,8.00,")
    assert ",4.50,8.00," in lines[2]


def test_json_and_xlsx(survey_dir: Path) -> None:
    result = run_cli(["survey", "q.yaml", "responses.csv", "--format", "json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["survey"][0] == {
        "unit_id": "u1",
        "criterion": "8.1",
        "value": 62.67,
        "forms": 3,
    }
    assert document["questionnaires"][0]["units"][1] == {
        "unit_id": "u2",
        "forms": 1,
        "groups": [{"group": "cc", "forms": 1, "min": 2}, {"group": "dn", "forms": 0, "min": 1}],
    }
    result = run_cli(["--lang", "en", "survey", "q.yaml", "responses.csv", "-o", "survey.xlsx"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == "wrote survey.xlsx"
    from openpyxl import load_workbook

    sheet = load_workbook(survey_dir / "survey.xlsx")["survey"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["unit_id", "criterion", "value", "forms"]
    assert rows[1] == ["u1", "8.1", 62.67, 3]
    assert sheet["D1"].comment.text == "Forms that answered a question of this criterion"
    # and it goes back in as --survey
    result = run_cli(["validate", "q.yaml", "--survey", "survey.xlsx"])
    assert "unknown unit 'u1'" in result.stderr  # read; the units are not assessed here


def test_table_shows_forms_per_group_against_min(survey_dir: Path) -> None:
    result = run_cli(["--lang", "en", "survey", "q.yaml", "responses.csv"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[0] == "tiny-survey → tiny-2025: Khung nhỏ"
    assert "Forms per respondent group (received/minimum)" in " ".join(lines[1:3])
    assert [line.split() for line in lines if line.strip().startswith(("u1", "u2"))][:2] == [
        ["u1", "2/2", "1/1", "3"],
        ["u2", "1/2", "0/1", "1"],
    ]
    assert any("8.1 Hài lòng" in line and "62.67" in line for line in lines)
    vi = run_cli(["--lang", "vi", "survey", "q.yaml", "responses.csv"], env={"COLUMNS": "100"})
    assert "62,67" in vi.stdout  # the decimal comma under vi


GOOGLE_FORMS = (
    (
        "Dấu thời gian,Địa chỉ email,Đơn vị được đánh giá,Bạn là,"
        "Bạn có hài lòng với việc tiếp nhận hồ sơ không?,Thái độ phục vụ của công chức?\n"
    )
    + """\
2025/11/03 8:01:12 SA GMT+7,a@example.vn,Sở Một,Công chức,Có,Tốt
2025/11/03 8:05:40 SA GMT+7,b@example.vn,Sở Một,Doanh nghiệp,Không,Rất tốt
2025/11/03 9:12:03 SA GMT+7,c@example.vn,u2,Công chức,Có,
"""
)

GOOGLE_QUESTIONNAIRE = """\
questionnaire: tiny-google
framework: tiny-2025
answers: {Có: 100, Không: 0}
columns: {unit_id: Đơn vị được đánh giá, group: Bạn là}
groups:
  - {id: cc, name: Công chức}
  - {id: dn, name: Doanh nghiệp}
questions:
  - id: Q1
    criterion: "8.1"
    column: "Bạn có hài lòng với việc tiếp nhận hồ sơ không?"
  - id: Q2
    criterion: "8.2"
    column: "Thái độ phục vụ của công chức?"
    answers: {Rất tốt: 100, Tốt: 75, Bình thường: 50, Kém: 25, Rất kém: 0}
"""

ROSTER = "unit_id,unit_name,group\r\nu1,Sở Một,office\r\nu2,Sở Hai,office\r\nu3,Sở Ba,office\r\n"


def test_a_google_forms_export_works_through_column(survey_dir: Path) -> None:
    (survey_dir / "google.yaml").write_text(GOOGLE_QUESTIONNAIRE, encoding="utf-8")
    (survey_dir / "export.csv").write_text(GOOGLE_FORMS, encoding="utf-8")
    (survey_dir / "roster.csv").write_text(ROSTER, encoding="utf-8")
    args = ["--lang", "en", "survey", "google.yaml", "export.csv", "--roster", "roster.csv"]
    result = run_cli([*args, "--format", "csv"])
    assert result.exit_code == 0
    # u1: 8.1 cc 100, dn 0 → equal weights 50; 8.2 cc 75, dn 100 → 87.5 → 1 + 3.5 = 4.5
    assert result.stdout == (
        "unit_id,criterion,value,forms\nu1,8.1,50.00,2\nu1,8.2,4.50,2\nu2,8.1,100.00,1\n"
    )
    assert result.stderr.splitlines() == [
        "export.csv: note: columns not in the questionnaire, not read: 'Dấu thời gian', "
        "'Địa chỉ email'",
        "export.csv: note: no 'respondent_id' column: forms are numbered by row, and a form "
        "entered twice cannot be found",
        "roster.csv:4: warning: unit_id: unit 'u3' (Sở Ba) has no survey forms; its survey "
        "criteria will be pending",
    ]


def test_an_xlsx_export_in_the_responses_sheet(survey_dir: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "notes"
    book.active.append(["phiếu phát ra: 4"])
    sheet = book.create_sheet("responses")
    for line in RESPONSES.splitlines():
        sheet.append(line.split(","))
    book.save(survey_dir / "responses.xlsx")
    result = run_cli(["--lang", "en", "survey", "q.yaml", "responses.xlsx", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout == TABLE
    assert result.stderr.splitlines()[0] == (
        "responses.xlsx: warning: read the sheet 'responses'; other sheets that hold data are "
        "not read: 'notes'"
    )


def test_semicolon_dialect_and_group_names(survey_dir: Path) -> None:
    text = RESPONSES.replace(",", ";").replace(";cc;", ";Công chức;").replace(";dn;", ";DN ;")
    text = text.replace("DN ", "doanh nghiệp ")
    (survey_dir / "excel.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = run_cli(["survey", "q.yaml", "excel.csv", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout == TABLE


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            "r5,u1,cc,E,,\n",
            "responses.csv:6: error: Q1: unknown answer 'E'; allowed: A, B, C, D",
        ),
        (
            "r5,u1,boss,A,,\n",
            "responses.csv:6: error: group: unknown group 'boss'; groups: cc (Công chức), "
            "dn (Doanh nghiệp)",
        ),
        ("r5,,cc,A,,\n", "responses.csv:6: error: unit_id: empty; name the unit the form assesses"),
        (
            "r1,u2,cc,A,,\n",
            "responses.csv:6: error: respondent_id: respondent 'r1' already returned a form at "
            "responses.csv:2; each respondent answers once",
        ),
    ],
    ids=["unknown answer", "unknown group", "missing unit", "respondent twice"],
)
def test_bad_rows_are_located(survey_dir: Path, rows: str, expected: str) -> None:
    (survey_dir / "responses.csv").write_text(RESPONSES + rows, encoding="utf-8")
    result = run_cli(["--lang", "en", "survey", "q.yaml", "responses.csv"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == expected + "\n"


def test_a_blank_form_is_ignored_with_a_warning(survey_dir: Path) -> None:
    (survey_dir / "responses.csv").write_text(RESPONSES + "r5,u2,dn,,,\n", encoding="utf-8")
    result = run_cli(["--lang", "en", "survey", "q.yaml", "responses.csv", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout == TABLE
    assert result.stderr.splitlines()[0] == (
        "responses.csv:6: warning: no question is answered on this form; it is ignored"
    )


def test_roster_unknown_unit_and_names(survey_dir: Path) -> None:
    (survey_dir / "roster.csv").write_text(ROSTER, encoding="utf-8")
    text = RESPONSES.replace("r4,u2,", "r4,Sở Hai,") + "r5,u9,cc,A,,\n"
    (survey_dir / "responses.csv").write_text(text, encoding="utf-8")
    args = ["--lang", "en", "survey", "q.yaml", "responses.csv", "--roster", "roster.csv"]
    result = run_cli(args)
    assert result.exit_code == 1
    assert result.stderr == (
        "responses.csv:6: error: unit_id: unknown unit 'u9': not on the roster, by id or by name\n"
    )
    (survey_dir / "responses.csv").write_text(text.replace("r5,u9,", "r5,u1,"), encoding="utf-8")
    result = run_cli([*args, "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[3] == "u2,8.1,100.00,1"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["survey", "q.yaml"], "give at least one responses file (.csv or .xlsx)"),
        (["survey", "responses.csv", "q.yaml"], "give the questionnaire files (.yaml) first"),
        (["survey", "q.yaml", "responses.csv", "-o", "x.txt"], "unknown extension '.txt'"),
    ],
)
def test_usage_errors_exit_2(survey_dir: Path, args: list[str], message: str) -> None:
    result = run_cli(args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr


def test_not_a_questionnaire(survey_dir: Path) -> None:
    result = run_cli(["--lang", "en", "survey", "criteria/tiny.yaml", "responses.csv"])
    assert result.exit_code == 1
    assert result.stderr == (
        "criteria/tiny.yaml: error: not a questionnaire (it needs 'questionnaire:', "
        "'framework:' and 'questions:'); `parindex schema questionnaire` shows the format\n"
    )


def test_schema_questionnaire() -> None:
    result = run_cli(["schema", "questionnaire"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "parindex survey questionnaire"
    assert set(schema["required"]) == {"questionnaire", "framework", "questions"}
    assert "column" in schema["$defs"]["Question"]["properties"]


EXAMPLE = REPO / "examples" / "province-2025"


def test_the_example_survey_table_is_made_from_its_raw_forms(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(REPO)
    questionnaires = sorted(
        str(p.relative_to(REPO)) for p in REPO.glob("criteria/questionnaires/*.yaml")
    )
    e = "examples/province-2025"
    result = run_cli(
        [
            "survey",
            *questionnaires,
            f"{e}/survey/responses-2025.csv",
            "--roster",
            f"{e}/roster.csv",
            "--format",
            "csv",
        ]
    )
    assert result.exit_code == 0, result.stderr
    expected = (EXAMPLE / "survey" / "survey-2025.csv").read_bytes().removeprefix(b"\xef\xbb\xbf")
    assert result.stdout_bytes == expected
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert len([w for w in warnings if "below its minimum" in w]) == 4
    assert len([w for w in warnings if "no question is answered" in w]) == 2
    # a unit below a group's minimum is named as the roster names it, the group as the
    # questionnaire does: the officer reads names, not ids
    assert (
        "warning: groups[2].min: unit 'Xã Na Mèo': 7 form(s) from group 'Citizens', below its "
        "minimum of 10" in result.stderr
    )


def test_every_shipped_framework_has_a_questionnaire_covering_its_survey_leaves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from parindex.app.unit import Request, check_run

    monkeypatch.chdir(REPO)
    inputs = check_run(Request(paths=["criteria"], need_assessments=False))
    assert sorted(q.questionnaire.framework for q in inputs.questionnaires) == sorted(
        inputs.frameworks
    )
    for loaded in inputs.questionnaires:
        survey = [leaf.id for leaf in loaded.framework.leaves if leaf.criterion.source == "survey"]
        asked = {q.criterion for q in loaded.questionnaire.questions}
        assert asked == set(survey), loaded.path
        assert "ILLUSTRATIVE" in Path(loaded.path).read_text(encoding="utf-8")


def test_validate_lists_the_questionnaires_it_checked(survey_dir: Path) -> None:
    result = run_cli(["validate", "q.yaml"])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == (
        "ok: 1 framework(s), 1 questionnaire(s), 0 assessment(s), 0 table(s); 0 warning(s)\n"
    )


def _example_survey(tmp_path: Path, lines: list[str]) -> list[list[str]]:
    import csv
    import io

    responses = tmp_path / "responses.csv"
    responses.write_text("".join(lines), encoding="utf-8")
    questionnaires = sorted(str(p) for p in REPO.glob("criteria/questionnaires/*.yaml"))
    result = run_cli(
        [
            "survey",
            *questionnaires,
            str(responses),
            "--roster",
            str(EXAMPLE / "roster.csv"),
            "--criteria",
            str(REPO / "criteria"),
            "--format",
            "csv",
        ]
    )
    assert result.exit_code == 0, result.stderr
    return list(csv.reader(io.StringIO(result.stdout)))


def test_the_example_forms_in_another_order_or_twice(tmp_path: Path) -> None:
    """Permuting the forms changes nothing; every form twice, under new respondent ids,
    changes only the counts of forms."""
    header, *forms = (
        (EXAMPLE / "survey" / "responses-2025.csv").read_text(encoding="utf-8").splitlines(True)
    )
    once = _example_survey(tmp_path, [header, *forms])
    shuffled = list(forms)
    random.Random(13).shuffle(shuffled)
    assert _example_survey(tmp_path, [header, *shuffled]) == once
    again = [line.replace(",PKS-", ",PKS2-", 1) for line in forms]
    twice = _example_survey(tmp_path, [header, *forms, *again])
    assert [row[:3] for row in twice] == [row[:3] for row in once]
    assert [int(row[3]) for row in twice[1:]] == [2 * int(row[3]) for row in once[1:]]


def test_several_questionnaires_need_the_roster(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = run_cli(
        [
            "--lang",
            "en",
            "survey",
            "criteria/questionnaires/commune.yaml",
            "criteria/questionnaires/department.yaml",
            "examples/province-2025/survey/responses-2025.csv",
        ]
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "criteria/questionnaires/department.yaml: error: several questionnaires need --roster: "
        "each form goes to the questionnaire of its unit's group\n"
    )


def test_table_names_units_and_the_questionnaire_as_people_read_them(survey_dir: Path) -> None:
    """With a roster, each unit by its name (not its id); a titled questionnaire by its title."""
    (survey_dir / "roster.csv").write_text(
        "unit_id,unit_name,group\nu1,Sở Một,office\nu2,Sở Hai,office\n", encoding="utf-8"
    )
    titled = QUESTIONNAIRE.replace(
        "framework: tiny-2025\n", "framework: tiny-2025\ntitle: Phiếu khảo sát nhỏ\n"
    )
    (survey_dir / "q.yaml").write_text(titled, encoding="utf-8")
    args = ["survey", "q.yaml", "responses.csv", "--roster", "roster.csv"]
    result = run_cli(args, env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert lines[0] == "Phiếu khảo sát nhỏ"
    assert any(line.startswith("Sở Một") for line in lines)
    assert any(line.startswith("Sở Hai") for line in lines)
    assert not any(line.startswith(("u1", "u2")) for line in lines)
