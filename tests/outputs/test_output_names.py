"""An `-o` name the file system cannot hold is one located error line and exit 1, with nothing
written; a long name it can hold is written (its temporary files shorten their own names)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from golden_support import run_cli
from province_support import write_province

TOO_LONG = "a" * 300  # bytes in one name: more than any file system holds (255)
QUESTIONNAIRE = """\
questionnaire: dept-survey
framework: dept-2025
groups:
  - {id: cc, name: Công chức, weight: 100}
questions:
  - {id: Q1, criterion: "2.2", answers: {Tốt: 100, Kém: 0}}
"""
RESPONSES = "respondent_id,unit_id,group,Q1\nr1,d-alpha,cc,Tốt\n"


@pytest.fixture
def province(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_province(tmp_path)
    (tmp_path / "q.yaml").write_text(QUESTIONNAIRE, encoding="utf-8")
    (tmp_path / "responses.csv").write_text(RESPONSES, encoding="utf-8")
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


COMMANDS = {
    "rank": ["rank", "units", "-o", "{out}.csv"],
    "rank-breakdown": ["rank", "units", "-o", "out/r.csv", "--breakdown", "{out}.csv"],
    "report": ["report", "units", "-o", "{out}.html"],
    "appendix": ["report", "units", "-o", "{out}.docx"],
    "worksheet": ["worksheet", "units", "-o", "{out}.xlsx"],
    "survey": ["survey", "q.yaml", "responses.csv", "-o", "{out}.csv"],
    "sensitivity": ["sensitivity", "units", "--runs", "5", "-o", "{out}.csv"],
    "score": ["score", "units/d-alpha.yaml", "-o", "{out}.json"],
}


def _run(command: str, out: str) -> tuple[int, str]:
    args = [a.format(out=out) for a in COMMANDS[command]]
    result = run_cli(["--lang", "en", *args])  # an OSError escaping would raise here
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("where", ["name", "folder"])
def test_a_name_too_long_is_one_located_error(province: Path, command: str, where: str) -> None:
    out = f"out/{TOO_LONG}" if where == "name" else f"out/{TOO_LONG}/r"
    code, stderr = _run(command, out)
    assert code == 1
    errors = [line for line in stderr.splitlines() if line.startswith("error:")]
    reason = os.strerror(errno.ENAMETOOLONG)
    target = next(a.format(out=out) for a in COMMANDS[command] if "{out}" in a)
    assert errors == [f"error: {target}: cannot write: {reason}"]
    assert stderr.endswith(errors[0] + "\n")
    assert sorted(os.listdir(province / "out")) == []  # nothing written, no temporary file


@pytest.mark.parametrize("command", ["rank", "report", "worksheet", "survey"])
def test_a_long_name_the_file_system_holds_is_written(province: Path, command: str) -> None:
    suffix = next(a for a in COMMANDS[command] if "{out}" in a).split("}")[1]
    name = "é" * ((250 - len(suffix)) // 2)  # 248–250 bytes with the suffix, within 255
    code, stderr = _run(command, f"out/{name}")
    assert code == 0, stderr
    assert os.listdir(province / "out") == [name + suffix]
