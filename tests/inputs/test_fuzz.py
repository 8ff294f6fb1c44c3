"""Fuzz: mutated frameworks, assessments and tables never crash `validate` or `rank`.

Valid seeds (the corpus's compact framework, a unit assessment, appraisal and survey CSVs and
an appraisal XLSX) are mutated line- and byte-wise; whatever comes out, the CLI exits 0 or 1,
raises nothing, and on exit 1 every stderr line names an input file (`PATH:`), except the
summary line `validate` ends with.

PARINDEX_FUZZ_EXAMPLES sets the number of examples (default 200, the suite's budget); a long
run, e.g. `PARINDEX_FUZZ_EXAMPLES=100000 pytest -s tests/inputs/test_fuzz.py`, also reports progress
on stderr every 5,000 examples.
"""

from __future__ import annotations

import atexit
import io
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parindex.cli import main

EXAMPLES = int(os.environ.get("PARINDEX_FUZZ_EXAMPLES", "200"))
SHARED = Path(__file__).parents[1] / "malformed" / "_shared"

FRAMEWORK = "criteria/compact.yaml"
UNIT = "units/u1.yaml"
OTHER_UNIT = "units/u2.yaml"
APPRAISAL = "appraisal.csv"
SURVEY = "survey.csv"
WORKBOOK = "appraisal.xlsx"

APPRAISAL_CSV = (
    "unit_id,criterion,value,points,reason,round\r\n"
    "u1,1.2,85,,Số liệu thực tế 85 %,1\r\n"
    "u1,2.3,,7.25,Chấm lại,2\r\n"
    "u2,010,9/10,,Có hồ sơ,1\r\n"
    "u2,1.1,N/A,,Không phát sinh,1\r\n"
    "u2,2.4,,8.5,Hội đồng chấm,1\r\n"
)
SURVEY_CSV = "unit_id,criterion,value\nu1,3.1,4.2\nu1,3.2,81.5\nu2,3.1,3\n"


def _workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in APPRAISAL_CSV.splitlines():
        sheet.append([cell or None for cell in line.split(",")])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


SEEDS: dict[str, bytes] = {
    FRAMEWORK: (SHARED / "criteria" / "compact.yaml").read_bytes(),
    UNIT: (SHARED / "units" / "u1.yaml").read_bytes(),
    OTHER_UNIT: (SHARED / "units" / "u2.yaml").read_bytes(),
    APPRAISAL: APPRAISAL_CSV.encode(),
    SURVEY: SURVEY_CSV.encode(),
    WORKBOOK: _workbook(),
}
TARGETS = [FRAMEWORK, UNIT, APPRAISAL, SURVEY, WORKBOOK]
COMMANDS = {
    "validate": [
        "validate",
        "units",
        "--criteria",
        "criteria",
        "--appraisal",
        APPRAISAL,
        "--survey",
        SURVEY,
    ],
    "rank": [
        "rank",
        "units",
        "--criteria",
        "criteria",
        "--appraisal",
        APPRAISAL,
        "--survey",
        SURVEY,
        "--format",
        "csv",
    ],
    "rank-xlsx": [
        "rank",
        "units",
        "--criteria",
        "criteria",
        "--appraisal",
        WORKBOOK,
        "--format",
        "json",
    ],
    "validate-strict": ["validate", UNIT, OTHER_UNIT, "--criteria", "criteria", "--strict"],
}
INPUT_PATHS = (FRAMEWORK, UNIT, OTHER_UNIT, APPRAISAL, SURVEY, WORKBOOK, "units", "criteria")
# `validate` ends a failed run with this count; it is the only line without a file.
SUMMARY = re.compile(r"\d+ error\(s\), \d+ warning\(s\)\Z")
SCALAR = re.compile(rb"(?<=: )[^\s{}\[\],#][^,}\]\r\n]*|(?<=,)[^,\r\n]+")
INSERTS = [
    b"\t",
    b":",
    b": ",
    b"[",
    b"]",
    b"{",
    b"}",
    b"- ",
    b'"',
    b"'",
    b"&a ",
    b"*a",
    b"---\n",
    b"\x00",
    b"\xff",
    b"#",
    b",",
    b";",
    b"\n",
    b"\r",
    b"!!python/object ",
    b"? ",
    b"|\n",
    b"%YAML 1.1\n",
    b"<<: *a\n",
    "Đ".encode(),
]

replacement_text = st.one_of(
    st.text(max_size=12),
    st.integers(-(10**20), 10**20).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(
        [
            "yes",
            "no",
            "on",
            "off",
            "~",
            "null",
            "N/A",
            "1.10",
            "010",
            "0x1F",
            "1e999999",
            "-0",
            ".inf",
            "3/0",
            "0/0",
            "",
            "[]",
            "{}",
            "'",
            "=1+1",
        ]
    ),
)


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """`seed` after one to four random edits."""
    data = seed
    for _ in range(draw(st.integers(1, 4))):
        lines = data.splitlines(keepends=True) or [b""]
        op = draw(
            st.sampled_from(["delete", "duplicate", "swap", "scalar", "cut", "flip", "insert"])
        )
        if op in ("delete", "duplicate", "swap"):
            i = draw(st.integers(0, len(lines) - 1))
            if op == "delete":
                del lines[i]
            elif op == "duplicate":
                lines.insert(i, lines[i])
            else:
                j = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
            data = b"".join(lines)
        elif op == "scalar":
            spots = list(SCALAR.finditer(data))
            if spots:
                spot = spots[draw(st.integers(0, len(spots) - 1))]
                text = draw(replacement_text).encode("utf-8", "surrogatepass")
                data = data[: spot.start()] + text + data[spot.end() :]
        elif op == "cut":
            data = data[: draw(st.integers(0, len(data)))]
        elif op == "flip":
            edited = bytearray(data)
            for _ in range(draw(st.integers(1, 3))):
                if edited:
                    edited[draw(st.integers(0, len(edited) - 1))] = draw(st.integers(0, 255))
            data = bytes(edited)
        else:
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.sampled_from(INSERTS)) + data[at:]
    return data


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[str, bytes, str]:
    """(which input is mutated, its mutated bytes, which command runs)."""
    target = draw(st.sampled_from(TARGETS))
    data = draw(mutated(SEEDS[target]))
    if target == WORKBOOK:
        return target, data, "rank-xlsx"
    return target, data, draw(st.sampled_from([c for c in COMMANDS if c != "rank-xlsx"]))


_workdir: list[Path] = []  # one directory per process, seeded once


@contextmanager
def inputs_with(target: str, data: bytes) -> Iterator[Path]:
    """The seeds in a working directory, `target` replaced by `data` for the duration."""
    if not _workdir:
        root = Path(tempfile.mkdtemp(prefix="parindex-fuzz-"))
        atexit.register(shutil.rmtree, root, ignore_errors=True)
        for name, seed in SEEDS.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(seed)
        _workdir.append(root)
    root = _workdir[0]
    previous = os.getcwd()
    (root / target).write_bytes(data)
    try:
        os.chdir(root)
        yield root
    finally:
        os.chdir(previous)
        (root / target).write_bytes(SEEDS[target])


_progress = {"runs": 0, "started": time.monotonic()}


def _report_progress() -> None:
    _progress["runs"] += 1
    if EXAMPLES > 1000 and _progress["runs"] % 5000 == 0:
        elapsed = time.monotonic() - _progress["started"]
        print(f"fuzz: {_progress['runs']} runs, {elapsed:.0f} s", file=sys.__stderr__, flush=True)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
@given(scenarios())
def test_mutated_inputs_fail_cleanly(scenario: tuple[str, bytes, str]) -> None:
    target, data, command = scenario
    args = COMMANDS[command]
    with inputs_with(target, data):
        result = CliRunner().invoke(
            main, args, env={"COLUMNS": "100", "PARINDEX_LANG": "en"}, catch_exceptions=True
        )
    _report_progress()
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(
            f"{' '.join(args)} with mutated {target} raised "
            f"{type(result.exception).__name__}: {result.exception}\n"
            f"stderr:\n{result.stderr}"
        ) from result.exception
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    if result.exit_code == 1:
        lines = result.stderr.splitlines()
        assert lines, "exit 1 without a message"
        assert result.stdout == ""
        for line in lines:
            assert line.startswith(tuple(f"{p}:" for p in INPUT_PATHS)) or SUMMARY.match(line), (
                f"{' '.join(args)} with mutated {target}: stderr line names no input: {line!r}"
            )
