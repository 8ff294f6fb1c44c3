"""Fuzz: mutated frameworks, assessments and tables never crash `validate` or `rank`.

Valid seeds (the corpus's compact framework, a unit assessment, appraisal and survey CSVs, an
appraisal XLSX, a questionnaire and survey forms) are mutated line- and byte-wise; whatever
comes out, the CLI exits 0 or 1, raises nothing, and on exit 1 every stderr line names an
input file (`PATH:` or `PATH[SHEET]:`), except the summary line `validate` ends with. The table
loaders (appraisal, survey, roster, earlier rankings, id map, survey forms) are fuzzed
in-process on mutated CSV and reshaped workbooks, and so are parindex's own workbooks read
back: the council's (`worksheet`) and the ranking (`rank -o`), edited as a person might.

PARINDEX_FUZZ_EXAMPLES sets the number of examples (default 200, the suite's budget); a long
run, e.g. `PARINDEX_FUZZ_EXAMPLES=100000 pytest -s tests/inputs/test_fuzz.py`, also reports progress
on stderr every 5,000 examples.
"""

from __future__ import annotations

import atexit
import functools
import io
import os
import random
import re
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parindex.cli import main
from parindex.errors import ProblemLog

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
QUESTIONNAIRE = "q.yaml"
RESPONSES = "responses.csv"
QUESTIONNAIRE_YAML = (SHARED.parent / "responses-unknown-answer-and-group" / "q.yaml").read_bytes()
RESPONSES_CSV = (
    "respondent_id,unit_id,group,Q1,Q2,Q3\r\n"
    "r1,u1,cc,A,B,Tốt\r\nr2,u1,Công chức,C,,Rất tốt\r\nr3,u1,dn,D,a, kém \r\n"
    "r4,u2,cc,A,A,Kém\r\nr5,u2,dn,B,,Tốt\r\n"
)


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
    QUESTIONNAIRE: QUESTIONNAIRE_YAML,
    RESPONSES: RESPONSES_CSV.encode(),
}
TARGETS = [FRAMEWORK, UNIT, APPRAISAL, SURVEY, WORKBOOK, QUESTIONNAIRE, RESPONSES]
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
    "survey": ["survey", QUESTIONNAIRE, RESPONSES, "--criteria", "criteria", "--format", "csv"],
}
# the commands a mutated input goes through (a table or a unit: any of the first four)
RUNS = {WORKBOOK: ["rank-xlsx"], QUESTIONNAIRE: ["survey"], RESPONSES: ["survey"]}
INPUT_PATHS = (
    FRAMEWORK,
    UNIT,
    OTHER_UNIT,
    APPRAISAL,
    SURVEY,
    WORKBOOK,
    QUESTIONNAIRE,
    RESPONSES,
    "units",
    "criteria",
)
# How a line names its file: `FILE:` or, in a workbook, `FILE.xlsx[SHEET]:`.
PREFIXES = (*(f"{p}:" for p in INPUT_PATHS), f"{WORKBOOK}[")
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
    commands = RUNS.get(target, ["validate", "rank", "validate-strict"])
    return target, data, draw(st.sampled_from(commands))


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
            assert line.startswith(PREFIXES) or SUMMARY.match(line), (
                f"{' '.join(args)} with mutated {target}: stderr line names no input: {line!r}"
            )


# ---- tables through the loaders, in-process (fast enough for a long run) ----

TABLE_SEEDS: dict[str, tuple[str, bytes]] = {
    "appraisal": ("appraisal", APPRAISAL_CSV.encode()),
    "survey": ("survey", SURVEY_CSV.encode()),
    "roster": (
        "roster",
        "unit_id,unit_name,group\r\nu1,Đơn vị Một,office\r\nu2,Hai,office\r\n".encode(),
    ),
    "previous": (
        "previous",
        "sep=;\r\nframework;group;rank;unit_id;unit_name;index;band\r\n"
        "compact-2024;office;1;u2;Hai;61,5;Khá\r\ncompact-2024;office;2;u1;Một;50;Đạt\r\n".encode(),
    ),
    "id_map": ("id_map", b"old_id,new_id\r\nold1,u1\r\nold2,u2\r\n"),
    "responses": ("responses", RESPONSES_CSV.encode()),
}
# parindex's own workbooks read back: the council's (`worksheet`) and the ranking (`rank -o`)
OWN_WORKBOOKS = ("council", "ranking")
NUMBER_FORMATS = ["General", "0%", "0.0%", "@", "dd/mm/yyyy", '0"%"', "#,##0.00", "[Red]0.00%"]
SHEET_NAMES = ["appraisal", "survey", "roster", "previous", "Sheet1", "office", "breakdown", "Nháp"]

cell_values = st.one_of(
    st.none(),
    st.text(max_size=8),
    replacement_text,
    st.integers(-(10**6), 10**16),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 1, 1)),
    st.sampled_from(["=1/0", "=AVERAGE(1,2)", "u1", "u2", "1.2", "3.1", "010", "2.4", "9.2"]),
)


def _storable(value: object) -> object:
    """What a spreadsheet cell can hold: text without XML-illegal control characters."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


@st.composite
def workbooks(draw: st.DrawFn, seed: bytes) -> bytes:
    """A workbook built from a seed table: cells retyped (numbers, dates, formulas, percent
    formats), extra and hidden sheets, a stale <dimension>, and byte edits of the sheet XML."""
    from openpyxl import Workbook

    rows: list[list[object]] = [
        [c or None for c in line.split(",")] for line in seed.decode().splitlines()
    ]
    book = Workbook()
    sheet = book.active
    sheet.title = draw(st.sampled_from(SHEET_NAMES))
    for row in rows:
        sheet.append(row)
    for _ in range(draw(st.integers(0, 6))):
        r, c = draw(st.integers(1, len(rows) + 2)), draw(st.integers(1, 8))
        if draw(st.booleans()):
            sheet.cell(r, c).value = _storable(draw(cell_values))
        sheet.cell(r, c).number_format = draw(st.sampled_from(NUMBER_FORMATS))
    for _ in range(draw(st.integers(0, 2))):
        other = book.create_sheet(draw(st.sampled_from(SHEET_NAMES)))
        other.append([_storable(draw(cell_values)), _storable(draw(cell_values))])
        if draw(st.booleans()):
            other.sheet_state = "hidden"
    visible = [s for s in book.worksheets if s.sheet_state == "visible"]
    if draw(st.booleans()) and len(visible) > 1:  # a workbook keeps one visible sheet
        sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    stale = draw(st.sampled_from([None, b"A1", b"A1:B2", b"A1:F2", b"A1:Z999", b"C3:A1", b"junk"]))
    mutate = draw(st.booleans())
    if stale is None and not mutate:
        return data
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                if stale is not None:
                    body = re.sub(
                        rb'<dimension ref="[^"]*"', b'<dimension ref="' + stale + b'"', body
                    )
                if mutate:
                    body = draw(mutated(body))
            target.writestr(item, body)
    return out.getvalue()


@functools.cache
def _own_workbook(kind: str) -> bytes:
    """The council's workbook or the ranking workbook of the shared units, as parindex writes
    it (made once per process)."""
    state = random.getstate()  # made inside a strategy: the run must not move the seed
    folder = Path(tempfile.mkdtemp(prefix="parindex-fuzz-own-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    target = folder / f"{kind}.xlsx"
    command = "worksheet" if kind == "council" else "rank"
    units = [str(SHARED / "units"), "--criteria", str(SHARED / "criteria")]
    result = CliRunner().invoke(main, ["--lang", "en", command, *units, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    random.setstate(state)
    return target.read_bytes()


@st.composite
def own_workbooks(draw: st.DrawFn, kind: str) -> bytes:
    """parindex's own workbook after a person's (or a tool's) edits: cells retyped, sheets
    hidden, rows hidden, and byte edits of one sheet's XML."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(_own_workbook(kind)))
    sheets = book.worksheets
    for _ in range(draw(st.integers(0, 8))):
        sheet = sheets[draw(st.integers(0, len(sheets) - 1))]
        r, c = draw(st.integers(1, sheet.max_row + 2)), draw(st.integers(1, sheet.max_column + 1))
        sheet.cell(r, c).value = _storable(draw(cell_values))
        if draw(st.booleans()):
            sheet.cell(r, c).number_format = draw(st.sampled_from(NUMBER_FORMATS))
    if draw(st.booleans()):
        sheets[draw(st.integers(0, len(sheets) - 1))].sheet_state = draw(
            st.sampled_from(["hidden", "veryHidden"])
        )
        if not any(sheet.sheet_state == "visible" for sheet in sheets):
            sheets[-1].sheet_state = "visible"
    if draw(st.booleans()):
        sheets[0].row_dimensions[draw(st.integers(1, 4))].hidden = True
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    if not draw(st.booleans()):
        return data
    out = io.BytesIO()
    part = f"xl/worksheets/sheet{draw(st.integers(1, len(sheets)))}.xml"
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            body = source.read(item.filename)
            target.writestr(item, draw(mutated(body)) if item.filename == part else body)
    return out.getvalue()


@st.composite
def table_scenarios(draw: st.DrawFn) -> tuple[str, str, bytes]:
    """(which loader, file name, bytes): a mutated CSV or a reshaped workbook."""
    loader = draw(st.sampled_from(sorted(TABLE_SEEDS) + list(OWN_WORKBOOKS)))
    if loader in OWN_WORKBOOKS:
        return loader, "table.xlsx", draw(own_workbooks(loader))
    _name, seed = TABLE_SEEDS[loader]
    if draw(st.booleans()):
        return loader, "table.csv", draw(mutated(seed))
    if loader == "previous":
        seed = seed.split(b"\r\n", 1)[1].replace(b";", b",").replace(b"61,5", b"61.5")
    return loader, "table.xlsx", draw(workbooks(seed))


_table_dir: list[Path] = []
_framework: list[object] = []


def _questionnaire(framework: object) -> object:
    from parindex.inputs.documents.loading import LoadedFramework, read_document
    from parindex.inputs.documents.questionnaire import build_questionnaire

    folder = Path(tempfile.mkdtemp(prefix="parindex-fuzz-q-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    (folder / "q.yaml").write_bytes(QUESTIONNAIRE_YAML)
    known = {"compact-2025": LoadedFramework(framework, "compact.yaml")}  # type: ignore[arg-type]
    loaded, problems = build_questionnaire(read_document(str(folder / "q.yaml")), known)
    assert loaded is not None, problems
    return loaded


def _load(loader: str, path: str) -> ProblemLog:
    from parindex.inputs.documents.loading import load_framework_file
    from parindex.inputs.responses import read_responses
    from parindex.inputs.tables import history, roster, sheets

    if not _framework:
        _framework.append(load_framework_file(str(SHARED / "criteria" / "compact.yaml")))
        _framework.append(_questionnaire(_framework[0]))
    framework = _framework[0]
    units = {"u1": framework, "u2": framework}
    log = ProblemLog()
    if loader == "appraisal":
        sheets.read_appraisals([path], units, log, absent=frozenset({"u3"}))  # type: ignore[arg-type]
    elif loader == "survey":
        sheets.read_surveys([path], units, log, skipped=frozenset({"u4"}))  # type: ignore[arg-type]
    elif loader == "council":  # its appraisal sheet alone, then both sheets
        sheets.read_appraisals([path], units, log)  # type: ignore[arg-type]
        sheets.read_surveys([path], units, log, also_read=[path])  # type: ignore[arg-type]
    elif loader == "roster":
        roster.load_roster(path, log)
    elif loader in ("previous", "ranking"):
        history.load_previous(path, log)
    elif loader == "responses":
        read_responses([path], [_framework[1]], None, log)  # type: ignore[list-item]
    else:
        history.load_id_map(path, log, units={"u1", "u2"}, previous={"old1"})
    return log


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
@given(table_scenarios())
def test_mutated_tables_load_cleanly(scenario: tuple[str, str, bytes]) -> None:
    """Every table loader, on CSV and XLSX alike: problems collected, never raised, each
    located in the file and on one line."""
    loader, name, data = scenario
    if not _table_dir:
        root = Path(tempfile.mkdtemp(prefix="parindex-fuzz-tables-"))
        atexit.register(shutil.rmtree, root, ignore_errors=True)
        _table_dir.append(root)
    path = _table_dir[0] / name
    path.write_bytes(data)
    log = _load(loader, str(path))
    _report_progress()
    questionnaire = str(_framework[1].path) if loader == "responses" else str(path)  # type: ignore[attr-defined]
    for problem in [*log.errors, *log.warnings]:
        assert problem.path.startswith((str(path), questionnaire)), problem.render()
        assert "\n" not in problem.render(), problem.render()
        assert len(problem.render()) < 2000, problem.render()[:300]
