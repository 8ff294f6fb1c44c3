"""Questionnaires, response files and the roster they are read with: what a form cell could not
tell apart is refused where it is written, and no form is counted twice or given to the wrong
unit or group."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import Result

from golden_support import run_cli

FRAMEWORK = """\
framework: tiny-2025
title: Khung nhỏ
group: office
criteria:
  - id: "8"
    name: Điều tra
    criteria:
      - id: "8.1"
        name: Hài lòng
        max: 4
        source: survey
        rule: {kind: ratio}
"""

QUESTIONNAIRE = """\
questionnaire: tiny-survey
framework: tiny-2025
answers: {A: 100, B: 60, C: 20, D: 0}
groups:
  - {id: cc, name: Công chức, weight: 60}
  - {id: dn, name: Doanh nghiệp, weight: 40}
questions:
  - {id: Q1, criterion: "8.1"}
  - {id: Q2, criterion: "8.1", answers: {Có: 100, Không: 0}}
"""

RESPONSES = """\
respondent_id,unit_id,group,Q1,Q2
r1,u1,cc,A,Có
r2,u1,dn,C,Không
r3,u2,cc,B,Có
"""

ROSTER = "unit_id,unit_name,group\nu1,Sở Một,office\nu2,Sở Hai,office\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "criteria").mkdir()
    (tmp_path / "criteria" / "tiny.yaml").write_text(FRAMEWORK, encoding="utf-8")
    (tmp_path / "q.yaml").write_text(QUESTIONNAIRE, encoding="utf-8")
    (tmp_path / "r.csv").write_text(RESPONSES, encoding="utf-8")
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def survey(*args: str) -> Result:
    return run_cli(["--lang", "en", "survey", "q.yaml", *args, "--format", "csv"])


def _questionnaire(folder: Path, old: str, new: str) -> None:
    assert QUESTIONNAIRE.count(old) == 1, old
    (folder / "q.yaml").write_text(QUESTIONNAIRE.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "D: 0}",
            'D: 0, " A": 0}',
            "q.yaml:3:39: error: answers[\" A\"]: answer ' A' is the same as 'A' once case "
            "and spaces are set aside; answers must differ",
        ),
        (
            "Không: 0}",
            'Không: 0, "có ": 0}',
            "q.yaml:9:61: error: questions[1].answers[\"có \"]: answer 'có ' is the same as "
            "'Có' once case and spaces are set aside; answers must differ",
        ),
        (
            "D: 0}",
            'D: 0, "Á": 0, "a\u0301": 5}',  # Á, then a small a and a combining acute
            "q.yaml:3:47: error: answers[\"\u00e1\"]: answer '\u00e1' is the same as 'Á' "
            "once case and spaces are set aside; answers must differ",
        ),
    ],
    ids=["spaces", "question-level", "nfc"],
)
def test_scale_keys_a_cell_cannot_tell_apart_are_an_error_at_the_second(
    folder: Path, old: str, new: str, expected: str
) -> None:
    _questionnaire(folder, old, new)
    result = survey("r.csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == expected + "\n"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "{id: dn, name: Doanh nghiệp,",
            "{id: CC, name: Doanh nghiệp,",
            "q.yaml:6:10: error: groups[1].id: group 'CC' is the same as group 'cc' once case "
            "and spaces are set aside; a form names its group by id or name, so each must "
            "differ",
        ),
        (
            "{id: dn, name: Doanh nghiệp,",
            "{id: dn, name: công chức,",
            "q.yaml:6:20: error: groups[1].name: group name 'công chức' is the same as the "
            "name 'Công chức' of group 'cc' once case and spaces are set aside; a form names "
            "its group by id or name, so each must differ",
        ),
        (
            "{id: dn, name: Doanh nghiệp,",
            "{id: dn, name: CC,",
            "q.yaml:6:20: error: groups[1].name: group name 'CC' is the same as the id of "
            "group 'cc' once case and spaces are set aside; a form names its group by id or "
            "name, so each must differ",
        ),
    ],
    ids=["ids", "names", "name-and-id"],
)
def test_groups_a_cell_cannot_tell_apart_are_an_error_at_the_second(
    folder: Path, old: str, new: str, expected: str
) -> None:
    _questionnaire(folder, old, new)
    result = survey("r.csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == expected + "\n"


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ("r.csv", "r.csv: error: given twice (first as r.csv); give each responses file once"),
        (
            "./sub/../r.csv",
            "./sub/../r.csv: error: given twice (first as r.csv); give each responses file once",
        ),
        (
            "copy.csv",
            "copy.csv: error: the same content as r.csv: its rows would count twice; give "
            "each responses file once",
        ),
    ],
    ids=["same-name", "same-resolved-path", "same-content"],
)
def test_the_same_responses_file_given_twice_is_an_error_naming_both(
    folder: Path, second: str, expected: str
) -> None:
    (folder / "sub").mkdir()
    (folder / "copy.csv").write_bytes((folder / "r.csv").read_bytes())
    result = survey("r.csv", second)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == expected + "\n"


@pytest.mark.parametrize(
    ("roster", "expected"),
    [
        (
            "u1,Sở Một,office\nu2,sở một,office\n",
            "roster.csv:3: error: unit_name: 'sở một' is already the name of unit 'u1' "
            "(roster.csv:2); a survey form may name its unit by id or by name, so every name "
            "and id on the roster must differ",
        ),
        (
            "u1,Sở Một,office\nu2,u1,office\n",
            "roster.csv:3: error: unit_name: 'u1' is already the id of unit 'u1' "
            "(roster.csv:2); a survey form may name its unit by id or by name, so every name "
            "and id on the roster must differ",
        ),
        (
            "u1,Sở Một,office\nSở Một,Sở Hai,office\n",
            "roster.csv:3: error: unit_id: 'Sở Một' is already the name of unit 'u1' "
            "(roster.csv:2); a survey form may name its unit by id or by name, so every name "
            "and id on the roster must differ",
        ),
    ],
    ids=["same-name", "name-is-an-id", "id-is-a-name"],
)
def test_roster_units_a_form_cannot_tell_apart_are_an_error_at_the_row(
    folder: Path, roster: str, expected: str
) -> None:
    (folder / "roster.csv").write_text("unit_id,unit_name,group\n" + roster, encoding="utf-8")
    (folder / "r.csv").write_text(RESPONSES.replace(",u2,", ",Sở Một,"), encoding="utf-8")
    result = survey("r.csv", "--roster", "roster.csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == expected + "\n"


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="names a pipe by /dev/fd")
def test_a_responses_pipe_is_read_once_by_its_reader(folder: Path) -> None:
    """`survey q.yaml <(export …)`: looking for the same file twice must not drain a pipe."""
    expected = survey("r.csv")
    read, write = os.pipe()
    os.write(write, RESPONSES.encode())  # small: fits in the pipe's buffer
    os.close(write)
    try:
        result = survey(f"/dev/fd/{read}")
    finally:
        os.close(read)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected.stdout
