"""The malformed-input corpus: every case in tests/malformed/<case>/ fails cleanly.

Each case directory holds its inputs, `cmd.txt` (the parindex arguments, run with the case
directory as the working directory) and `expected.txt` (the exact stderr). A case is a control
when it has `exit_code.txt` (expected exit code) and then `stdout.txt` (the exact stdout);
otherwise it must exit 1 with nothing on stdout. Cases share the compact framework and two
valid units in tests/malformed/_shared/ so the corpus does not move with the shipped
frameworks.

`pytest --update-golden` rewrites expected.txt / stdout.txt from the current output; read the
diff before committing: a message must say where, what is wrong and what is allowed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from parindex.cli import main

from golden_support import UPDATE_OPTION

CORPUS = Path(__file__).parents[1] / "malformed"
SHARED = CORPUS / "_shared"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))


def invoke(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    """Run the CLI in-process with `cwd` as the working directory, stdout and stderr apart;
    messages in English, so that the corpus pins their wording in the source language (the
    Vietnamese of a few is pinned in test_languages)."""
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(
        main, args, env={"COLUMNS": "100", "PARINDEX_LANG": "en"}, catch_exceptions=True
    )


def assert_clean(result: Result) -> None:
    """No Python error escaped: the run ended through click's normal exit."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(
            f"uncaught {type(result.exception).__name__}: "
            f"{result.exception}\nstderr:\n{result.stderr}"
        ) from result.exception
    assert "Traceback" not in result.stdout + result.stderr


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("name", CASES)
def test_case(name: str, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    case = CORPUS / name
    args = shlex.split((case / "cmd.txt").read_text(encoding="utf-8"))
    exit_file = case / "exit_code.txt"
    expected_exit = int(exit_file.read_text()) if exit_file.exists() else 1
    result = invoke(args, case, monkeypatch)
    assert_clean(result)
    if request.config.getoption(UPDATE_OPTION):
        (case / "expected.txt").write_text(result.stderr, encoding="utf-8", newline="")
        if expected_exit != 1:
            (case / "stdout.txt").write_text(result.stdout, encoding="utf-8", newline="")
    assert result.exit_code == expected_exit, result.stderr
    expected = (case / "expected.txt").read_text(encoding="utf-8")
    assert result.stderr == expected
    if expected_exit == 1:
        assert result.stdout == ""
    else:
        assert result.stdout == (case / "stdout.txt").read_text(encoding="utf-8")


# --- a very large file, generated at run time rather than committed ---------------------------


def _big_unit(path: Path, megabytes: int) -> int:
    """A valid unit padded with a long note and many comment lines, one error on the last
    line; returns that line's number."""
    base = (SHARED / "units" / "u1.yaml").read_text(encoding="utf-8")
    note = "Ghi chú dài " * (megabytes * 1024 * 1024 // 26)
    comments = "".join(
        f"  # dòng chú thích {i}: tài liệu kiểm chứng kèm theo\n" for i in range(100_000)
    )
    text = (
        base.replace(
            '"2.3": {value: 8, self_points: 8}',
            f'"2.3": {{value: 8, self_points: 8, note: "{note}"}}',
        )
        + comments
        + '  "7.7": {value: 1}\n'
    )
    path.write_text(text, encoding="utf-8")
    return text.count("\n")


def test_very_large_unit_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    last = _big_unit(tmp_path / "unit.yaml", 20)
    assert (tmp_path / "unit.yaml").stat().st_size > 15_000_000
    started = time.monotonic()
    result = invoke(
        ["validate", "unit.yaml", "--criteria", str(SHARED / "criteria")], tmp_path, monkeypatch
    )
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f'unit.yaml:{last}:3: error: answers["7.7"]: unknown criterion '
        "'7.7' in framework 'compact-2025'\n1 error(s), 0 warning(s)\n"
    )
    assert time.monotonic() - started < 30


def test_very_large_appraisal_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = 50_000
    lines = ["unit_id,criterion,value,points,reason,round"]
    lines += [f"u1,2.3,,{i % 10},Chấm lại lần {i},{i}" for i in range(1, rows + 1)]
    lines.append("u1,2.3,,11,Chấm sai,999999")
    (tmp_path / "appraisal.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke(
        [
            "rank",
            str(SHARED / "units"),
            "--criteria",
            str(SHARED / "criteria"),
            "--appraisal",
            "appraisal.csv",
        ],
        tmp_path,
        monkeypatch,
    )
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"appraisal.csv:{rows + 2}: error: points: 11 is not a number "
        "within the leaf's range 0–10\n"
    )


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_dangling_link_in_a_directory_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A *.yaml entry that cannot be read is an error, never silently skipped (§3)."""
    shutil.copytree(SHARED / "units", tmp_path / "units")
    (tmp_path / "units" / "u3.yaml").symlink_to(tmp_path / "gone" / "u3.yaml")
    result = invoke(
        ["validate", "units", "--criteria", str(SHARED / "criteria")], tmp_path, monkeypatch
    )
    assert_clean(result)
    assert result.exit_code == 1
    assert result.stderr == "units/u3.yaml: error: no such file\n1 error(s), 0 warning(s)\n"
