"""The real `parindex` process: stdout that fails, terminals that must stay safe, outputs
through links and onto FIFOs, temporary files of killed runs (outputs are written whole or
not at all)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SHARED = Path(__file__).parents[1] / "malformed" / "_shared"
RANK = [sys.executable, "-m", "parindex", "rank", "units", "--criteria", "criteria"]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copytree(SHARED / "criteria", tmp_path / "criteria")
    shutil.copytree(SHARED / "units", tmp_path / "units")
    return tmp_path


def sh(command: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    full = {**os.environ, "PYTHONIOENCODING": "", "PARINDEX_LANG": "en", **env}  # English messages
    return subprocess.run(["sh", "-c", command], cwd=cwd, capture_output=True, env=full, timeout=60)


CMD = " ".join(RANK)


def test_a_reader_that_stops_ends_the_run_quietly(work: Path) -> None:
    done = sh(f"{CMD} --format csv | head -1; echo rc=$?", work)
    assert b"Traceback" not in done.stderr and b"Broken pipe" not in done.stderr
    assert done.stdout.startswith(b"framework,group,rank")
    script = f"{CMD} --format csv | (head -c1 >/dev/null); echo ${{PIPESTATUS:-}}"
    assert b"Traceback" not in sh(script, work).stderr


def test_a_full_disk_and_a_closed_stdout_are_one_line_errors(work: Path) -> None:
    full = sh(f"{CMD} --format csv > /dev/full", work)
    assert full.returncode == 1
    assert full.stderr.decode().splitlines()[-1] == (
        "error: cannot write to standard output: No space left on device"
    )
    closed = sh(f"{CMD} --format csv >&-", work)
    assert closed.returncode == 1
    assert b"Traceback" not in closed.stderr
    assert b"standard output is closed" in closed.stderr


@pytest.mark.parametrize("encoding", ["cp1258", "latin-1", "ascii"])
def test_vietnamese_reaches_any_stdout_as_utf8(work: Path, encoding: str) -> None:
    done = sh(f"{CMD} --format csv", work, LC_ALL="C", PYTHONIOENCODING=encoding)
    assert done.returncode == 0, done.stderr
    assert "Đơn vị Một" in done.stdout.decode("utf-8")


def test_control_characters_never_reach_the_terminal(work: Path) -> None:
    unit = (work / "units" / "u1.yaml").read_text(encoding="utf-8")
    name = unit.split("name: ", 1)[1].split(",", 1)[0].split("\n", 1)[0]
    hostile = '"\\e]0;owned\\a\\e[2J"'
    (work / "units" / "u1.yaml").write_text(unit.replace(name, hostile, 1), encoding="utf-8")
    done = sh(CMD, work, COLUMNS="120")
    assert done.returncode == 0, done.stderr
    assert b"\x1b" not in done.stdout and b"\x07" not in done.stdout
    assert b"\\e]0;owned\\x07\\e[2J" in done.stdout


def test_output_through_a_symlink_writes_the_file_it_points_to(work: Path) -> None:
    (work / "real.csv").write_text("old")
    (work / "link.csv").symlink_to("real.csv")
    done = sh(f"{CMD} -o link.csv", work)
    assert done.returncode == 0, done.stderr
    assert (work / "link.csv").is_symlink()
    assert (work / "real.csv").read_bytes().startswith(b"\xef\xbb\xbfframework,")


def test_a_fifo_target_is_refused(work: Path) -> None:
    os.mkfifo(work / "out.csv")
    done = sh(f"{CMD} -o out.csv", work)
    assert done.returncode == 1
    assert b"out.csv: is not a regular file" in done.stderr


def test_a_name_that_is_not_utf8_is_shown_escaped(work: Path) -> None:
    done = subprocess.run(
        [*RANK, "-o", os.fsdecode(b"r\xff.csv")],
        cwd=work,
        capture_output=True,
        timeout=60,
        env={**os.environ, "PARINDEX_LANG": "en"},
    )
    assert done.returncode == 0, done.stderr
    assert b"wrote r\\xff.csv" in done.stderr
    assert (work / os.fsdecode(b"r\xff.csv")).exists()


def test_a_control_character_bound_for_xlsx_is_escaped(work: Path) -> None:
    unit = (work / "units" / "u1.yaml").read_text(encoding="utf-8")
    name = unit.split("name: ", 1)[1].split(",", 1)[0].split("\n", 1)[0]
    (work / "units" / "u1.yaml").write_text(unit.replace(name, '"A\\x01B"', 1), encoding="utf-8")
    done = sh(f"{CMD} -o out.xlsx --breakdown b.csv", work)
    assert done.returncode == 0, done.stderr
    from openpyxl import load_workbook

    names = [
        row[4] for row in load_workbook(work / "out.xlsx")["office"].iter_rows(values_only=True)
    ]
    assert "A\\x01B" in names


def test_stale_temporary_files_are_swept_and_sigterm_cleans_up(work: Path) -> None:
    stale = work / ".out.csv.999999999.abcd1234.tmp"  # no such process
    stale.write_text("half")
    mine_elsewhere = work / ".other.csv.999999999.abcd1234.tmp"
    mine_elsewhere.write_text("half")
    done = sh(f"{CMD} -o out.csv", work)
    assert done.returncode == 0, done.stderr
    assert not stale.exists()
    assert mine_elsewhere.exists()  # another target's: not ours to judge
    proc = subprocess.Popen([*RANK, "-o", "out2.csv"], cwd=work, stderr=subprocess.PIPE)
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    assert b"Traceback" not in (proc.stderr.read() if proc.stderr else b"")
    assert not [p for p in work.iterdir() if p.name.startswith(".out2.csv.")]
