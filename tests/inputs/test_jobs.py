"""PARINDEX_JOBS and the reading workers: a value that is no number is one warning and the
default; never more processes than cores or chunks; workers end with the process that
started them, even when it is killed outright."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from parindex import jobs
from parindex.inputs import reading
from parindex.inputs.reading import CHUNK, workers_for

from golden_support import run_cli

SHARED = Path(__file__).parents[1] / "malformed" / "_shared"
UNITS = [str(SHARED / "units"), "--criteria", str(SHARED / "criteria")]


@pytest.mark.parametrize("value", ["99999999999999999999", "²", "0", "-3", "4.5", "hai", "٣"])
def test_a_jobs_value_that_is_no_number_is_one_warning_and_the_default(value: str) -> None:
    plain = run_cli(["--lang", "en", "rank", *UNITS, "--format", "csv"])
    result = run_cli(
        ["--lang", "en", "rank", *UNITS, "--format", "csv"], env={"PARINDEX_JOBS": value}
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == plain.stdout
    named = [line for line in result.stderr.splitlines() if "PARINDEX_JOBS" in line]
    assert named == [
        f"PARINDEX_JOBS: warning: {value!r} is not a number of processes: give a whole number "
        "from 1 to 1,000,000 (at most the cores are used); running with the default, every "
        "core for a large run"
    ]
    assert result.stderr.replace(named[0] + "\n", "") == plain.stderr


def test_a_huge_jobs_value_in_vietnamese_is_a_warning_too() -> None:
    result = run_cli(
        ["--lang", "vi", "rank", *UNITS, "--format", "csv"],
        env={"PARINDEX_JOBS": "99999999999999999999"},
    )
    assert result.exit_code == 0, result.stderr
    assert "PARINDEX_JOBS: " in result.stderr
    assert "is not a number" not in result.stderr  # said in Vietnamese


@pytest.mark.parametrize("wanted", ["10000", "1000000", "3"])
@pytest.mark.parametrize("files", [5, 40, 260, 5000])
def test_never_more_processes_than_cores_or_chunks(
    monkeypatch: pytest.MonkeyPatch, wanted: str, files: int
) -> None:
    monkeypatch.setenv("PARINDEX_JOBS", wanted)
    chunks = -(-files // CHUNK)
    assert workers_for(files) == min(int(wanted), jobs.cores(), chunks)


def test_260_units_under_10000_jobs_start_at_most_a_worker_per_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pool is made for at most the cores (was one process per chunk asked: ~5,000)."""
    base = (SHARED / "units" / "u1.yaml").read_text(encoding="utf-8")
    (tmp_path / "units").mkdir()
    for n in range(260):
        text = base.replace("id: u1", f"id: u{n:03}")
        (tmp_path / "units" / f"u{n:03}.yaml").write_text(text, encoding="utf-8")
    made: list[int] = []
    real = reading._pool

    def recording(workers: int, *args: object) -> object:
        made.append(workers)
        return real(workers, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(reading, "_pool", recording)
    args = ["rank", str(tmp_path / "units"), "--criteria", str(SHARED / "criteria")]
    result = run_cli([*args, "--format", "csv"], env={"PARINDEX_JOBS": "10000"})
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("\n") == 261
    assert made == ([jobs.cores() - 1] if jobs.cores() > 1 else [])


PARENT = """
import os, sys, time
from parindex.inputs import reading

def stay(folder):
    open(os.path.join(folder, str(os.getpid())), "w").close()
    time.sleep(300)

pool = reading._pool(2, {}, False, True)
for _ in range(2):
    pool.submit(stay, sys.argv[1])
time.sleep(300)
"""


def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting for a reaper does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states in /proc")
def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(PARENT), str(tmp_path)],
        env={**os.environ, "PARINDEX_LANG": "en"},
    )
    try:
        deadline = time.monotonic() + 60  # a bound on waiting, not a speed requirement
        while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = [int(p.name) for p in tmp_path.iterdir()]
        assert len(workers) == 2 and all(_alive(pid) for pid in workers)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [pid for pid in workers if _alive(pid)]
    for pid in left:  # this test's own processes, not left running when it fails
        os.kill(pid, signal.SIGKILL)
    assert not left
