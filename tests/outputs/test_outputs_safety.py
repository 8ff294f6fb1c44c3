"""Outputs are written whole or not at all, never over an input, never into nowhere (§4, §5)."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from typing import NamedTuple

import pytest
from click.testing import CliRunner

from parindex.cli import main

SHARED = Path(__file__).parents[1] / "malformed" / "_shared"
APPRAISAL = "unit_id,criterion,value,points,reason,round\nu1,1.2,85,,Số liệu thực tế,1\n"
SURVEY = "unit_id,criterion,value\nu1,3.1,4.2\nu2,3.1,3\n"
ROSTER = "unit_id,unit_name,group\nu1,Đơn vị Một,office\nu2,Đơn vị Hai,office\n"
PREVIOUS = (
    "framework,group,rank,unit_id,unit_name,index,band\n"
    "compact-2025,office,1,u2,Đơn vị Hai,60.00,Trung bình\n"
    "compact-2025,office,2,u1,Đơn vị Một,50.00,Trung bình\n"
)
BASE = ["rank", "units", "--criteria", "criteria"]


def _xlsx(text: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for line in text.splitlines():
        book.active.append([cell or None for cell in line.split(",")])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A run directory: the corpus framework and units, and one file of each table kind."""
    shutil.copytree(SHARED / "criteria", tmp_path / "criteria")
    shutil.copytree(SHARED / "units", tmp_path / "units")
    (tmp_path / "appraisal.csv").write_text(APPRAISAL, encoding="utf-8")
    (tmp_path / "appraisal.xlsx").write_bytes(_xlsx(APPRAISAL))
    (tmp_path / "survey.csv").write_text(SURVEY, encoding="utf-8")
    (tmp_path / "roster.csv").write_text(ROSTER, encoding="utf-8")
    (tmp_path / "previous.csv").write_text(PREVIOUS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARINDEX_LANG", "en")  # the messages are pinned in English
    return tmp_path


class Run(NamedTuple):
    exit_code: int
    stdout: str
    stderr: str  # without the warning that the corpus units' survey values are pending


def run(*args: str) -> Run:
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(
            f"uncaught {result.exception!r}\n{result.stderr}"
        ) from result.exception
    assert "Traceback" not in result.stdout + result.stderr
    stderr = "".join(
        line
        for line in result.stderr.splitlines(keepends=True)
        if "survey or council values are pending" not in line
    )
    return Run(result.exit_code, result.stdout, stderr)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root`, by relative path (temp files would show up here too)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_fixture_runs_cleanly(work: Path) -> None:
    result = run(
        *BASE,
        "--appraisal",
        "appraisal.csv",
        "--survey",
        "survey.csv",
        "--roster",
        "roster.csv",
        "--previous",
        "previous.csv",
        "-o",
        "out.csv",
        "--breakdown",
        "breakdown.csv",
    )
    assert result.exit_code == 0, result.stderr
    assert (work / "out.csv").read_bytes().startswith(b"\xef\xbb\xbfframework,group,rank")
    assert (work / "breakdown.csv").exists()


# --- interrupted writes ------------------------------------------------------------------------


def _replace_fails(error: BaseException):  # type: ignore[no-untyped-def]
    def replace(src: object, dst: object) -> None:
        # The temporary file is complete at this point: only the rename is lost.
        assert Path(str(src)).read_bytes()
        raise error

    return replace


@pytest.mark.parametrize("output", ["out.csv", "out.json", "out.xlsx"])
@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_failed_rename_leaves_no_partial_file(
    work: Path, monkeypatch: pytest.MonkeyPatch, output: str, existing: bool
) -> None:
    if existing:
        (work / output).write_bytes(b"an earlier ranking")
    before = snapshot(work)
    monkeypatch.setattr(os, "replace", _replace_fails(OSError(28, "No space left on device")))
    result = run(*BASE, "-o", output)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"error: {output}: cannot write: No space left on device\n"
    assert snapshot(work) == before  # target absent or unchanged, no temporary file left


def test_write_failing_midway_leaves_no_partial_file(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (work / "out.csv").write_bytes(b"an earlier ranking")
    before = snapshot(work)
    real_fdopen = os.fdopen

    class HalfWritten(io.RawIOBase):
        """Writes the first half of the data, then the disk fills up."""

        def __init__(self, fd: int) -> None:
            self.stream = real_fdopen(fd, "wb")

        def write(self, data: bytes) -> int:  # type: ignore[override]
            self.stream.write(bytes(data)[: len(data) // 2])
            self.stream.flush()
            raise OSError(28, "No space left on device")

        def close(self) -> None:
            self.stream.close()
            super().close()

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: HalfWritten(fd))
    result = run(*BASE, "-o", "out.csv")
    assert result.exit_code == 1
    assert "out.csv: cannot write: No space left on device" in result.stderr
    assert snapshot(work) == before


def test_interrupt_during_rename_leaves_no_temp_file(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(work)
    monkeypatch.setattr(os, "replace", _replace_fails(KeyboardInterrupt()))
    result = run(*BASE, "-o", "out.csv")
    assert result.exit_code == 1  # click turns Ctrl-C into "Aborted!"
    assert snapshot(work) == before


def test_failed_breakdown_leaves_nothing(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(work)
    monkeypatch.setattr(os, "replace", _replace_fails(OSError(5, "Input/output error")))
    result = run(*BASE, "--breakdown", "breakdown.csv", "-o", "out.csv")
    assert result.exit_code == 1
    assert result.stderr == "error: breakdown.csv: cannot write: Input/output error\n"
    assert snapshot(work) == before


# --- inputs are never outputs --------------------------------------------------------------


TABLE_OPTIONS = {
    "appraisal.csv": ["--appraisal", "appraisal.csv"],
    "appraisal.xlsx": ["--appraisal", "appraisal.xlsx"],
    "survey.csv": ["--survey", "survey.csv"],
    "roster.csv": ["--roster", "roster.csv"],
    "previous.csv": ["--previous", "previous.csv"],
}


@pytest.mark.parametrize("spelling", ["{}", "./{}", "{abs}", "units/../{}"])
@pytest.mark.parametrize("name", sorted(TABLE_OPTIONS))
def test_table_input_refused_as_output(work: Path, name: str, spelling: str) -> None:
    target = spelling.format(name, abs=work / name)
    before = snapshot(work)
    result = run(*BASE, *TABLE_OPTIONS[name], "-o", target)
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"error: {target}: refusing to write over an input file\n"
    assert snapshot(work) == before


@pytest.mark.parametrize("name", [n for n in sorted(TABLE_OPTIONS) if n.endswith(".csv")])
def test_table_input_refused_as_breakdown(work: Path, name: str) -> None:
    before = snapshot(work)
    result = run(*BASE, *TABLE_OPTIONS[name], "--breakdown", name)
    assert result.exit_code == 1, result.stderr
    assert result.stderr == f"error: {name}: refusing to write over an input file\n"
    assert snapshot(work) == before


def test_refused_output_writes_no_breakdown_either(work: Path) -> None:
    """A run that refuses one output must not have written the other first."""
    before = snapshot(work)
    result = run(
        *BASE, "--appraisal", "appraisal.csv", "--breakdown", "breakdown.csv", "-o", "appraisal.csv"
    )
    assert result.exit_code == 1
    assert result.stderr == "error: appraisal.csv: refusing to write over an input file\n"
    assert snapshot(work) == before


@pytest.mark.parametrize("option", ["-o", "--breakdown"])
@pytest.mark.parametrize("name", ["units/u1.yaml", "criteria/compact.yaml"])
def test_yaml_input_refused_as_output(work: Path, option: str, name: str) -> None:
    """A YAML input is refused before anything is read: `.yaml` is no output format, so this
    is a usage error (exit 2, §5) and the file stays as it was."""
    before = snapshot(work)
    result = run(*BASE, option, name)
    assert result.exit_code == 2
    assert name in result.stderr
    assert snapshot(work) == before


def test_framework_refused_as_template_output(work: Path) -> None:
    before = snapshot(work)
    result = run(
        "template",
        "criteria/compact.yaml",
        "--unit-id",
        "u3",
        "--unit-name",
        "Ba",
        "-o",
        "criteria/compact.yaml",
    )
    assert result.exit_code == 1
    assert result.stderr == ("error: criteria/compact.yaml: refusing to write over an input file\n")
    assert snapshot(work) == before


def test_unit_refused_as_template_output(work: Path) -> None:
    before = snapshot(work)
    result = run(
        "template",
        "criteria/compact.yaml",
        "--unit-id",
        "u1",
        "--unit-name",
        "Một",
        "-o",
        "units/u1.yaml",
    )
    assert result.exit_code == 1
    assert "units/u1.yaml" in result.stderr and "already exists" in result.stderr
    assert snapshot(work) == before


def test_score_refuses_its_inputs(work: Path) -> None:
    before = snapshot(work)
    result = run(
        "score",
        "units/u1.yaml",
        "--criteria",
        "criteria",
        "--appraisal",
        "appraisal.csv",
        "-o",
        "appraisal.csv",
    )
    assert result.exit_code == 1
    assert result.stderr == "error: appraisal.csv: refusing to write over an input file\n"
    assert snapshot(work) == before


# --- where the output cannot go ------------------------------------------------------------


@pytest.mark.parametrize("option", ["-o", "--breakdown"])
def test_missing_directory(work: Path, option: str) -> None:
    before = snapshot(work)
    result = run(*BASE, option, "reports/2025/out.csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "error: reports/2025/out.csv: the directory 'reports/2025' does "
        "not exist (parindex creates no directories)\n"
    )
    assert not (work / "reports").exists()
    assert snapshot(work) == before


@pytest.mark.parametrize("option", ["-o", "--breakdown"])
def test_path_under_a_regular_file(work: Path, option: str) -> None:
    (work / "somefile.txt").write_text("not a directory\n", encoding="utf-8")
    before = snapshot(work)
    result = run(*BASE, option, "somefile.txt/out.csv")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "error: somefile.txt/out.csv: 'somefile.txt' is a file, not a directory\n"
    )
    assert snapshot(work) == before


def test_output_is_a_directory(work: Path) -> None:
    (work / "out.csv").mkdir()
    result = run(*BASE, "-o", "out.csv")
    assert result.exit_code == 1
    assert result.stderr == "error: out.csv: is a directory\n"


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0,
    reason="root writes into read-only directories; see the regular-file test",
)
def test_unwritable_directory(work: Path) -> None:
    locked = work / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = run(*BASE, "-o", "locked/out.csv")
    finally:
        locked.chmod(0o700)
    assert result.exit_code == 1
    assert result.stderr == "error: locked/out.csv: cannot write here: Permission denied\n"
    assert list(locked.iterdir()) == []


def test_output_and_breakdown_cannot_be_one_file(work: Path) -> None:
    before = snapshot(work)
    result = run(*BASE, "-o", "out.csv", "--breakdown", "./out.csv")
    assert result.exit_code == 2
    assert "-o out.csv and --breakdown ./out.csv name the same file" in result.stderr
    assert snapshot(work) == before


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_input_reached_through_a_symlink_is_refused(work: Path) -> None:
    (work / "link.csv").symlink_to(work / "appraisal.csv")
    before = snapshot(work)
    result = run(*BASE, "--appraisal", "appraisal.csv", "-o", "link.csv")
    assert result.exit_code == 1
    assert result.stderr == "error: link.csv: refusing to write over an input file\n"
    assert snapshot(work) == before


@pytest.mark.parametrize("earlier", [False, True], ids=["new", "existing"])
def test_a_ranking_that_fails_leaves_no_new_breakdown(
    work: Path, monkeypatch: pytest.MonkeyPatch, earlier: bool
) -> None:
    """The breakdown is renamed first; when the ranking's rename then fails, the breakdown is
    taken back (removed, or the earlier file put back)."""
    if earlier:
        (work / "breakdown.csv").write_bytes(b"last year's breakdown")
    before = snapshot(work)
    real = os.replace

    def replace(src: object, dst: object) -> None:
        if str(dst).endswith("out.csv"):
            raise OSError(28, "No space left on device")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    result = run(*BASE, "--breakdown", "breakdown.csv", "-o", "out.csv")
    assert result.exit_code == 1
    assert result.stderr == "error: out.csv: cannot write: No space left on device\n"
    assert snapshot(work) == before
