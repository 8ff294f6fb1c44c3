"""`parindex init`: a new year's folder (SPEC §11) — settings that name only what is there,
the frameworks and questionnaires, the roster, a form per roster unit, the empty folders of
the year's stages and a README in the run's language; the year then runs from the folder with
commands that take no paths, and next year's folder is made `--from` it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from parindex.cli import main
from parindex.inputs.forms.prefill import read_prefill
from parindex.inputs.settings import read_settings

from form_support import fill
from golden_support import Golden
from office_support import resave

REPO = Path(__file__).parents[2]
CRITERIA = REPO / "criteria"
ENV = {"COLUMNS": "200", "PARINDEX_LANG": "en", "NO_COLOR": "1"}
# one unit of each shipped framework's group, a name with Vietnamese letters in each
ROSTER = (
    "unit_id,unit_name,group\n"
    "so-noi-vu,Sở Nội vụ,department\n"
    "so-tu-phap,Sở Tư pháp,department\n"
    "xa-phu-my,Xã Phú Mỹ,commune\n"
    "cong-an-tinh,Công an tỉnh,vertical-agency\n"
)
STAGES = ("survey", "council", "notices", "replies", "results")


def run(*args: str, lang: str = "en") -> Result:
    return CliRunner().invoke(
        main, list(args), env={**ENV, "PARINDEX_LANG": lang}, catch_exceptions=False
    )


def files_under(folder: Path) -> list[str]:
    return sorted(
        str(p.relative_to(folder)) + ("/" if p.is_dir() else "") for p in folder.rglob("*")
    )


@pytest.fixture
def roster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A roster of four units in the working directory (tmp_path)."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "units.csv"
    path.write_text(ROSTER, encoding="utf-8")
    return path


def init_2026(*more: str, lang: str = "en") -> Result:
    return run("init", "2026", "--year", "2026", "--roster", "units.csv", *more, lang=lang)


# --- the folder ---------------------------------------------------------------------------------


def test_init_lays_out_the_year(roster: Path, tmp_path: Path) -> None:
    result = init_2026()
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    year = tmp_path / "2026"
    shipped = sorted(str(p.relative_to(CRITERIA)) for p in CRITERIA.rglob("*.yaml"))
    assert files_under(year) == sorted(
        [
            "README.txt",
            "parindex.toml",
            "roster.csv",
            "criteria/",
            "criteria/questionnaires/",
            *(f"criteria/{name}" for name in shipped),
            "forms/",
            "forms/commune/",
            "forms/commune/xa-phu-my.xlsx",
            "forms/department/",
            "forms/department/so-noi-vu.xlsx",
            "forms/department/so-tu-phap.xlsx",
            "forms/vertical-agency/",
            "forms/vertical-agency/cong-an-tinh.xlsx",
            *(f"{stage}/" for stage in STAGES),
        ]
    )
    for stage in STAGES:
        assert not any((year / stage).iterdir())
    assert (year / "roster.csv").read_bytes() == roster.read_bytes()
    for name in shipped:  # copied as they are, comments and all
        assert (year / "criteria" / name).read_bytes() == (CRITERIA / name).read_bytes()
    form = read_prefill(str(year / "forms/department/so-noi-vu.xlsx"))  # the workbook form
    assert (form.unit_id, form.unit_name) == ("so-noi-vu", "Sở Nội vụ")
    assert (form.group, form.framework) == ("department", "department-2025")
    assert not any(not answer.empty for answer in form.answers.values())  # blank
    assert not list(tmp_path.glob(".2026*"))  # no temporary folder left beside it


def test_init_says_what_it_made_and_warns_of_frameworks_of_another_year(roster: Path) -> None:
    result = init_2026()
    lines = result.stderr.splitlines()
    assert lines[:3] == [
        f"2026/criteria/{name}.yaml:{line}:7: warning: year: the framework is of 2025, the "
        "folder of 2026; the forms follow it, so if 2026 has its own framework, remove this "
        "new folder and run init again with --criteria DIR holding it"
        for name, line in (("commune", 51), ("department", 46), ("vertical-agency", 56))
    ]
    assert lines[3:] == [
        "made 2026: 4 forms, 3 framework(s), 3 questionnaire(s), the roster, the settings and "
        "README.txt",
        "next: cd 2026, send each unit its form from forms/, then parindex status",
    ]


def test_a_framework_of_the_year_gives_no_warning(roster: Path, tmp_path: Path) -> None:
    criteria = tmp_path / "criteria-2026"
    (criteria / "questionnaires").mkdir(parents=True)
    for source in CRITERIA.rglob("*.yaml"):
        text = source.read_text(encoding="utf-8").replace("year: 2025", "year: 2026")
        (criteria / source.relative_to(CRITERIA)).write_text(text, encoding="utf-8")
    result = init_2026("--criteria", "criteria-2026")
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr


def test_init_fills_an_empty_folder(roster: Path, tmp_path: Path) -> None:
    (tmp_path / "2026").mkdir()
    result = init_2026()
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "2026" / "parindex.toml").is_file()


def test_an_empty_dir_is_a_usage_error_not_the_current_folder(roster: Path, tmp_path: Path) -> None:
    before = sorted(tmp_path.iterdir())
    result = run("init", "", "--year", "2026", "--roster", "units.csv")
    assert result.exit_code == 2 and "DIR is empty" in result.stderr
    assert sorted(tmp_path.iterdir()) == before


def test_a_roster_workbook_is_kept_as_one(roster: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for line in ROSTER.splitlines():
        book.active.append(line.split(","))
    book.save(tmp_path / "units.xlsx")
    result = run("init", "2026", "--year", "2026", "--roster", "units.xlsx")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "2026" / "roster.xlsx").read_bytes() == (
        tmp_path / "units.xlsx"
    ).read_bytes()
    assert read_settings("2026/parindex.toml").text("roster") == "2026/roster.xlsx"


# --- the settings -------------------------------------------------------------------------------


def test_the_settings_name_only_what_the_folder_holds(roster: Path, golden: Golden) -> None:
    init_2026()
    settings = read_settings("2026/parindex.toml")
    assert settings.missing == {}
    assert settings.values == {
        "year": 2026,
        "criteria": "2026/criteria",
        "units": ("2026/forms",),
        "roster": "2026/roster.csv",
        "allow_absent": True,
        "appraisal": (),
        "survey": (),
        "responses": (),
        "replies": (),
        "lang": "en",
    }
    golden("init/parindex.en.toml", Path("2026/parindex.toml").read_text(encoding="utf-8"))


def test_the_settings_and_readme_in_vietnamese(roster: Path, golden: Golden) -> None:
    result = init_2026(lang="vi")
    assert result.exit_code == 0, result.stderr
    assert read_settings("2026/parindex.toml").text("lang") == "vi"
    golden("init/parindex.vi.toml", Path("2026/parindex.toml").read_text(encoding="utf-8"))
    readme = Path("2026/README.txt").read_bytes()
    assert readme.startswith(b"\xef\xbb\xbf")  # Notepad reads Vietnamese right
    golden("init/README.vi.txt", readme.decode("utf-8-sig").replace("\r\n", "\n"))
    assert result.stderr.splitlines()[-2:] == [
        "đã tạo 2026: 4 phiếu tự đánh giá, 3 bộ tiêu chí, 3 mẫu phiếu khảo sát, danh sách đơn "
        "vị, tệp thiết lập và README.txt",
        "tiếp theo: cd 2026, gửi cho mỗi đơn vị phiếu của mình trong forms/, rồi chạy "
        "parindex status",
    ]


def test_the_readme_in_english(roster: Path, golden: Golden) -> None:
    init_2026()
    readme = Path("2026/README.txt").read_bytes().decode("utf-8-sig")
    assert "\r\n" in readme and "\n" not in readme.replace("\r\n", "")  # Notepad's lines
    golden("init/README.en.txt", readme.replace("\r\n", "\n"))
    lines = readme.splitlines()
    assert max(len(line) for line in lines) <= 88
    commands = [line.strip() for line in lines if line.strip().startswith("parindex ")]
    assert commands == [
        "parindex status",
        "parindex validate",
        "parindex worksheet -o council/worksheet-2026.xlsx",
        "parindex notice -o notices",
        "parindex rank -o results/ranking-2026.csv",
        "parindex report -o results/report-2026.html",
        "parindex report -o results/appendix-2026.docx",
        "parindex init ../2027 --year 2027 --from .",
    ]
    for name in ("parindex.toml", "roster.csv", "criteria/", "forms/", *STAGES):
        assert any(line.startswith(name.rstrip("/")) for line in lines), name


def test_init_takes_nothing_from_the_settings_around_it(roster: Path, tmp_path: Path) -> None:
    # an earlier year's settings (broken, even) in the working directory say nothing to init
    (tmp_path / "parindex.toml").write_text('criteria = "nowhere"\nroster = 7\n', encoding="utf-8")
    result = init_2026()
    assert result.exit_code == 0, result.stderr
    assert "settings from" not in result.stderr


# --- the year runs from its folder --------------------------------------------------------------


def test_a_fresh_folder_runs_with_commands_that_take_no_paths(
    roster: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_2026()
    monkeypatch.chdir(tmp_path / "2026")
    checked = run("validate")
    assert checked.exit_code == 0, checked.stderr
    assert checked.stdout == (
        "ok: 3 framework(s), 3 questionnaire(s), 0 assessment(s), 1 table(s); 4 warning(s)\n"
    )
    blank = [line for line in checked.stderr.splitlines() if "blank form?" in line]
    assert len(blank) == 4  # one line per form, and no missing answer of a form nobody filled
    assert "not answered" not in checked.stderr
    ranked = run("rank", "--format", "csv")
    assert ranked.exit_code == 0, ranked.stderr
    rows = list(csv.DictReader(io.StringIO(ranked.stdout)))
    assert sorted(r["unit_id"] for r in rows) == [
        "cong-an-tinh",
        "so-noi-vu",
        "so-tu-phap",
        "xa-phu-my",
    ]
    status = run("status", "--format", "json")
    assert status.exit_code == 0, status.stderr
    states = {u["unit_id"]: u["state"] for u in json.loads(status.stdout)["units"]}
    assert set(states.values()) == {"not_submitted"} and len(states) == 4
    for args in (
        ("worksheet", "-o", "council/worksheet-2026.xlsx"),
        ("notice", "-o", "notices"),
        ("rank", "-o", "results/ranking-2026.csv"),
        ("report", "-o", "results/report-2026.html"),
        ("report", "-o", "results/appendix-2026.docx"),
    ):
        made = run(*args)
        assert made.exit_code == 0, made.stderr
        assert made.stderr.splitlines()[0] == "note: settings from parindex.toml"
        assert "Warning" not in made.stderr  # nothing but parindex's own lines (no library's)
        assert Path(args[-1]).exists()


def test_a_fresh_folder_s_status_as_an_officer_reads_it(
    roster: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_2026(lang="vi")
    monkeypatch.chdir(tmp_path / "2026")
    status = run("status", lang="vi")
    assert status.exit_code == 0, status.stderr
    assert status.stderr == "note: dùng thiết lập trong parindex.toml\n"
    text = status.stdout
    for name in ("Sở Nội vụ", "Sở Tư pháp", "Xã Phú Mỹ", "Công an tỉnh"):
        line = next(line for line in text.splitlines() if name in line)
        assert "chưa nộp" in line
    assert "Tất cả các nhóm: chưa nộp 4 · có lỗi 0 · chưa đủ 0 · chờ kết quả 0 · hoàn tất 0" in text


def test_the_final_ranking_without_allow_absent_names_the_blank_forms(
    roster: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_2026()
    settings = tmp_path / "2026" / "parindex.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("allow_absent = true\n", ""), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "2026")
    ranked = run("rank")
    assert ranked.exit_code == 1
    assert ranked.stderr.count("blank form? no criterion is answered (every value is empty)") == 4


def test_a_filled_form_ranks_in_the_fresh_folder(
    roster: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_2026()
    monkeypatch.chdir(tmp_path / "2026")
    fill(
        Path("forms/department/so-noi-vu.xlsx"),
        {"1.1.1": {"value": "on_time", "self_points": 1, "evidence": "KH 1/KH-SNV"}},
    )
    ranked = run("rank", "--format", "csv")
    assert ranked.exit_code == 0, ranked.stderr
    rows = {r["unit_id"]: r for r in csv.DictReader(io.StringIO(ranked.stdout))}
    assert rows["so-noi-vu"]["rank"] == "1"
    assert rows["so-noi-vu"]["points"] == "1.00"
    assert rows["so-tu-phap"]["rank"] == "2"
    status = json.loads(run("status", "--format", "json").stdout)
    states = {u["unit_id"]: u["state"] for u in status["units"]}
    assert states["so-noi-vu"] == "incomplete" and states["so-tu-phap"] == "not_submitted"


def test_next_year_is_made_from_this_year_s_folder(
    roster: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_2026()
    this_year = tmp_path / "2026"
    framework = this_year / "criteria" / "department.yaml"  # the province's own changes go on
    framework.write_text(
        framework.read_text(encoding="utf-8").replace("year: 2025", "year: 2027"), "utf-8"
    )
    framework = this_year / "criteria" / "department.yaml"  # made the framework of 2027
    framework.write_text(
        framework.read_text(encoding="utf-8").replace("year: 2025", "year: 2027"), "utf-8"
    )
    monkeypatch.chdir(this_year)
    assert run("rank", "-o", "results/ranking-2026.csv").exit_code == 0
    made = run("init", "../2027", "--year", "2027", "--from", ".")
    assert made.exit_code == 0, made.stderr
    assert "department.yaml" not in made.stderr  # of 2027 now: no warning
    next_year = tmp_path / "2027"
    assert (next_year / "roster.csv").read_bytes() == roster.read_bytes()
    assert (next_year / "criteria" / "department.yaml").read_bytes() == framework.read_bytes()
    assert sorted(p.name for p in (next_year / "forms").rglob("*")) == [
        "commune",
        "cong-an-tinh.xlsx",
        "department",
        "so-noi-vu.xlsx",
        "so-tu-phap.xlsx",
        "vertical-agency",
        "xa-phu-my.xlsx",
    ]
    settings = (next_year / "parindex.toml").read_text(encoding="utf-8")
    assert settings.endswith(
        "[previous]                        # the rankings of earlier years\n"
        '2026 = "../2026/results/ranking-2026.csv"\n'
    )
    monkeypatch.chdir(next_year)
    ranked = run("rank", "--format", "csv")
    assert ranked.exit_code == 0, ranked.stderr
    header = ranked.stdout.splitlines()[0]
    assert header.endswith("prev_rank,rank_change,prev_index,index_change,history")


def test_last_year_s_answers_prefill_the_new_forms(
    roster: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_2026()
    this_year = tmp_path / "2026"
    fill(
        this_year / "forms/department/so-noi-vu.xlsx",
        {"1.1.1": {"value": "on_time", "self_points": 1, "evidence": "KH 1/KH-SNV"}},
    )
    (this_year / "forms/commune/xa-phu-my.xlsx").write_bytes(b"not a workbook")
    monkeypatch.chdir(this_year)
    made = run("init", "../2027", "--year", "2027", "--from", ".")
    assert made.exit_code == 0, made.stderr
    said = [line for line in made.stderr.splitlines() if "xa-phu-my" in line]
    assert len(said) == 1 and said[0].startswith("forms/commune/xa-phu-my.xlsx: warning: ")
    assert said[0].endswith("(last year's form was not carried over; the unit's new form is blank)")
    next_year = tmp_path / "2027"
    carried = read_prefill(str(next_year / "forms/department/so-noi-vu.xlsx"))
    answer = carried.answers["1.1.1"]
    assert (answer.value, answer.self_points, answer.evidence) == (
        "Issued on time",
        "1",
        ("KH 1/KH-SNV",),
    )  # as its label
    blank = read_prefill(str(next_year / "forms/commune/xa-phu-my.xlsx"))
    assert blank.unit_id == "xa-phu-my" and all(a.empty for a in blank.answers.values())


def test_a_carried_form_is_not_submitted_until_its_unit_changes_it(
    roster: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A form made from last year's holds last year's answers: as init made it (or saved again
    by a spreadsheet program, unchanged) its unit has not submitted; one changed answer and
    it is this year's form."""
    init_2026()
    this_year = tmp_path / "2026"
    for unit in ("so-noi-vu", "so-tu-phap"):
        answers = {"1.1.1": {"value": "on_time", "evidence": "KH 1/KH"}}
        fill(this_year / f"forms/department/{unit}.xlsx", answers)
    framework = this_year / "criteria" / "department.yaml"  # made the framework of 2027
    framework.write_text(
        framework.read_text(encoding="utf-8").replace("year: 2025", "year: 2027"), "utf-8"
    )
    monkeypatch.chdir(this_year)
    assert run("rank", "-o", "results/ranking-2026.csv").exit_code == 0
    assert run("init", "../2027", "--year", "2027", "--from", ".").exit_code == 0
    next_year = tmp_path / "2027"
    monkeypatch.chdir(next_year)

    def states() -> dict[str, str]:
        status = json.loads(run("status", "--format", "json").stdout)
        return {u["unit_id"]: u["state"] for u in status["units"]}

    assert set(states().values()) == {"not_submitted"}
    ranked = run("rank", "--format", "csv")  # the settings allow absent units while forms come in
    assert ranked.exit_code == 0, ranked.stderr
    said = "it still holds the answers carried over from last year, unchanged; unit"
    assert ranked.stderr.count(said) == 2
    rows = list(csv.DictReader(io.StringIO(ranked.stdout)))
    assert {r["band"] for r in rows} == {"not submitted"} and all(r["prev_rank"] for r in rows)
    assert {(r["rank_change"], r["index_change"]) for r in rows} == {("", "")}  # no result yet
    form = next_year / "forms/department/so-tu-phap.xlsx"
    form.write_bytes(resave(form, tmp_path).read_bytes())  # opened and saved, nothing changed
    fill(next_year / "forms/department/so-noi-vu.xlsx", {"1.1.1": {"value": "late"}})
    now = states()
    assert now["so-tu-phap"] == "not_submitted"
    assert now["so-noi-vu"] != "not_submitted"


def test_the_years_before_carry_over_and_a_missing_ranking_is_said(
    roster: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_2026()
    (tmp_path / "2025").mkdir()
    (tmp_path / "2025" / "ranking-2025.csv").write_text(
        "framework,group,rank,unit_id,unit_name,index\n", encoding="utf-8"
    )
    settings = tmp_path / "2026" / "parindex.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + '[previous]\n2025 = "../2025/ranking-2025.csv"\n2024 = "../2024/gone.csv"\n',
        encoding="utf-8",
    )
    made = run("init", "2027", "--year", "2027", "--from", "2026")
    assert made.exit_code == 0, made.stderr
    assert (
        "note: no ranking of 2026 in 2026/results (results/ranking-2026.csv): the settings "
        "name no earlier year; add it under [previous] once you have it"
    ) in made.stderr
    written = read_settings("2027/parindex.toml")
    assert written.previous == ((2025, "2025/ranking-2025.csv"),)  # the file that is there


# --- bad input: one located message each, exit 1, nothing written ------------------------------


def refused(result: Result, tmp_path: Path, before: list[str]) -> list[str]:
    """The run failed cleanly and left the working directory as it was; its error lines."""
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    assert files_under(tmp_path) == before
    return result.stderr.splitlines()


def test_never_into_a_folder_that_holds_something(roster: Path, tmp_path: Path) -> None:
    (tmp_path / "2026").mkdir()
    (tmp_path / "2026" / "notes.txt").write_text("mine", encoding="utf-8")
    before = files_under(tmp_path)
    assert refused(init_2026(), tmp_path, before) == [
        "2026: error: the folder is not empty; init makes a new year's folder, or fills an "
        "empty one, and never writes among files that are already there: give the name of a "
        "folder that does not exist yet"
    ]


def test_never_over_a_file_nor_into_a_missing_folder(roster: Path, tmp_path: Path) -> None:
    (tmp_path / "2026").write_text("a file", encoding="utf-8")
    before = files_under(tmp_path)
    assert refused(init_2026(), tmp_path, before) == [
        "2026: error: exists and is not a folder; give a new folder"
    ]
    result = run("init", "years/2026", "--year", "2026", "--roster", "units.csv")
    assert refused(result, tmp_path, before) == [
        "years/2026: error: the folder 'years' does not exist; init makes the year's folder "
        "only, inside a folder that exists"
    ]


def test_every_problem_at_once(roster: Path, tmp_path: Path) -> None:
    (tmp_path / "2026").mkdir()
    (tmp_path / "2026" / "x").write_text("", encoding="utf-8")
    (tmp_path / "last").mkdir()
    roster.write_text(ROSTER + "so-moi,Sở Mới,board\n", encoding="utf-8")
    before = files_under(tmp_path)
    result = run(
        "init",
        "2026",
        "--year",
        "2026",
        "--roster",
        "units.csv",
        "--from",
        "last",
        "--criteria",
        str(CRITERIA),
    )
    assert refused(result, tmp_path, before) == [
        "2026: error: the folder is not empty; init makes a new year's folder, or fills an "
        "empty one, and never writes among files that are already there: give the name of a "
        "folder that does not exist yet",
        "last: error: not a year's folder: there is no parindex.toml in it (--from takes the "
        "folder that parindex init made for an earlier year)",
        "units.csv:6: error: group: group 'board' has no framework; the frameworks' groups: "
        "commune, department, vertical-agency",
    ]


@pytest.mark.parametrize("year", ["20x6", "26", "2026.0", "", "99999"])
def test_a_year_that_is_not_one(roster: Path, tmp_path: Path, year: str) -> None:
    before = files_under(tmp_path)
    result = run("init", "2026", "--year", year, "--roster", "units.csv")
    assert refused(result, tmp_path, before) == [
        f"error: --year {year!r}: not a year; write a whole year such as 2026"
    ]


def test_without_units_init_is_a_usage_error(roster: Path, tmp_path: Path) -> None:
    before = files_under(tmp_path)
    result = run("init", "2026", "--year", "2026")
    assert result.exit_code == 2
    assert files_under(tmp_path) == before
    assert result.stderr.splitlines()[-1] == (
        "Error: init needs the units: --roster FILE, or --from the folder of last year"
    )


def test_a_roster_that_cannot_be_read(roster: Path, tmp_path: Path) -> None:
    before = files_under(tmp_path)
    result = run("init", "2026", "--year", "2026", "--roster", "nowhere.csv")
    assert refused(result, tmp_path, before) == ["nowhere.csv: error: no such file"]
    roster.write_text("unit_id,unit_name\nso-noi-vu,Sở Nội vụ\n", encoding="utf-8")
    (lines,) = [refused(init_2026(), tmp_path, before)]
    assert len(lines) == 1 and lines[0].startswith("units.csv:1: error: group: ")


def test_ids_that_cannot_name_a_file(roster: Path, tmp_path: Path) -> None:
    roster.write_text(ROSTER + "../so-x,Sở X,department\nso-y,Sở Y,..\n", encoding="utf-8")
    before = files_under(tmp_path)
    lines = refused(init_2026(), tmp_path, before)
    assert lines[0] == (
        "units.csv:6: error: unit_id: '../so-x' cannot name a file ('/'); each unit's form is "
        "forms/<group>/<unit_id>, so use letters, digits, '-' and '_'"
    )
    assert lines[1].startswith("units.csv:7: error: group: '..' cannot name a file ('..')")
    assert len(lines) == 3  # and the group '..' has no framework


def test_frameworks_with_errors(roster: Path, tmp_path: Path) -> None:
    (tmp_path / "criteria").mkdir()
    (tmp_path / "criteria" / "department.yaml").write_text(
        "framework: department-2026\ntitle: Sở\ngroup: department\ncriteria: 3\n",
        encoding="utf-8",
    )
    before = files_under(tmp_path)
    lines = refused(init_2026("--criteria", "criteria"), tmp_path, before)
    assert lines and all(line.startswith("criteria/department.yaml:") for line in lines)
    (tmp_path / "criteria" / "department.yaml").unlink()
    before = files_under(tmp_path)
    assert refused(init_2026("--criteria", "criteria"), tmp_path, before) == [
        "criteria: error: no frameworks in this folder (files with 'framework:')"
    ]


def test_two_frameworks_of_one_group(roster: Path, tmp_path: Path) -> None:
    (tmp_path / "criteria").mkdir()
    text = (CRITERIA / "commune.yaml").read_text(encoding="utf-8")
    (tmp_path / "criteria" / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "criteria" / "b.yaml").write_text(
        text.replace("framework: commune-2025", "framework: commune-2025-b"), encoding="utf-8"
    )
    roster.write_text("unit_id,unit_name,group\nxa-phu-my,Xã Phú Mỹ,commune\n", encoding="utf-8")
    before = files_under(tmp_path)
    (line,) = refused(init_2026("--criteria", "criteria"), tmp_path, before)
    assert line.startswith("criteria/b.yaml:")
    assert line.endswith(
        "error: group: group 'commune' already has the framework criteria/a.yaml; a unit's "
        "form follows one framework, so keep one framework per group"
    )


def test_last_year_s_folder_must_be_an_earlier_year(roster: Path, tmp_path: Path) -> None:
    init_2026()
    before = files_under(tmp_path)
    result = run("init", "2026b", "--year", "2026", "--from", "2026")
    assert refused(result, tmp_path, before) == [
        "2026/parindex.toml:4: error: year: 2026 is not before the new year 2026; --from "
        "takes an earlier year"
    ]
    settings = tmp_path / "2026" / "parindex.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace('roster = "roster.csv"', 'roster = "x.csv"'),
        encoding="utf-8",
    )
    before = files_under(tmp_path)
    result = run("init", "2027", "--year", "2027", "--from", "2026")
    assert (
        refused(result, tmp_path, before)
        == [
            "2026/parindex.toml:7: error: roster: 'x.csv' does not exist (paths in parindex.toml "
            "are relative to its folder)",
            "2026/parindex.toml:7: error: roster: 'x.csv' does not exist (paths in parindex.toml "
            "are relative to its folder)",
        ][:1]
    )


def test_shipped_frameworks_out_of_reach(
    roster: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("parindex.app.year_folder.shipped_criteria", lambda: None)
    before = files_under(tmp_path)
    assert refused(init_2026(), tmp_path, before) == [
        "--criteria: error: the frameworks shipped with parindex are not installed here; give "
        "--criteria DIR, the folder of this year's frameworks"
    ]


def test_init_in_the_empty_working_folder(
    roster: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "2026").mkdir()
    monkeypatch.chdir(tmp_path / "2026")
    result = run("init", ".", "--year", "2026", "--roster", "../units.csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "next: send each unit its form from forms/, then parindex status"
    )
    assert run("status", "--format", "csv").exit_code == 0
