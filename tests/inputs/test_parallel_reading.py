"""The parallel reader (used from 200 files up, or as PARINDEX_JOBS says) gives exactly what
the serial one gives: the same rankings byte for byte, the same problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from parindex.cli import main
from parindex.inputs.reading import workers_for
from parindex.jobs import cores

from golden_support import REPO

EXAMPLE = REPO / "examples" / "province-2025"


def _rank(jobs: str, *args: str) -> Result:
    env = {"PARINDEX_JOBS": jobs, "COLUMNS": "200", "PARINDEX_LANG": "en"}
    return CliRunner().invoke(main, ["rank", *args], env=env, catch_exceptions=False)


def test_jobs_override_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Below 200 files PARINDEX_JOBS still spreads them (within the cores and the chunks of
    32 files: issue 22 capped what it may start)."""
    monkeypatch.setenv("PARINDEX_JOBS", "3")
    assert workers_for(100) == min(3, cores())  # 100 files: 4 chunks
    assert workers_for(5) == 1  # one chunk: nothing to share
    monkeypatch.setenv("PARINDEX_JOBS", "1")
    assert workers_for(5000) == 1
    monkeypatch.delenv("PARINDEX_JOBS")
    assert workers_for(100) == 1


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_parallel_and_serial_rankings_are_byte_identical(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    args = [
        str(EXAMPLE.relative_to(REPO)),
        "--appraisal",
        str((EXAMPLE / "council" / "appraisal-2025.csv").relative_to(REPO)),
        "--format",
        fmt,
    ]
    serial, parallel = _rank("1", *args), _rank("2", *args)
    assert serial.exit_code == parallel.exit_code == 0, serial.stderr + parallel.stderr
    assert serial.stdout_bytes.count(b"\n") > 50  # the whole province was ranked
    assert parallel.stdout_bytes == serial.stdout_bytes
    assert parallel.stderr == serial.stderr


def test_parallel_and_serial_report_the_same_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(EXAMPLE / "forms", tmp_path / "units")
    shutil.copytree(REPO / "criteria", tmp_path / "criteria")
    broken = sorted((tmp_path / "units").rglob("*.yaml"))
    broken[0].write_text(broken[0].read_text(encoding="utf-8") + "\n  oops: [\n", "utf-8")
    broken[-1].write_text("unit: {id: x}\nframework: nowhere\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    serial, parallel = _rank("1", "units"), _rank("2", "units")
    assert serial.exit_code == parallel.exit_code == 1
    assert serial.stderr.count("error:") >= 2
    assert parallel.stderr == serial.stderr
